"""Real sites built with MkDocs' own API from fixture data, read with an HTML parser."""

from __future__ import annotations

import posixpath
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from sitekit import FIXTURES, ROOT, broken_internal_links, build_site, copy_project, references

MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal" / "data"
PACKAGE_TEMPLATES = ROOT / "plugins" / "partnership_toolkit" / "templates"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal fixture toolkit with the repository's own pages, built once."""
    tmp = tmp_path_factory.mktemp("minimal")
    project = copy_project(tmp, data=MINIMAL)
    return build_site(project, tmp / "site")


def soup_of(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def article(site: Path, url: str) -> BeautifulSoup:
    return soup_of(site, url).find("article")


def section(page: BeautifulSoup, anchor: str) -> list[str]:
    """The text of each list item in the section under the heading with ``anchor``."""
    heading = page.find(id=anchor)
    assert heading is not None, f"no heading #{anchor}"
    items = []
    for sibling in heading.find_next_siblings():
        if (
            sibling.name
            and sibling.name.startswith("h")
            and sibling.name[1:].isdigit()
            and int(sibling.name[1:]) <= int(heading.name[1:])
        ):
            break
        items += [text_of(li) for li in sibling.find_all("li")]
    return items


def text_of(tag: BeautifulSoup) -> str:
    """The words of ``tag``, without the heading permalinks ("¶")."""
    return " ".join(tag.get_text().replace("\u00b6", " ").split())


def spoken(tag: BeautifulSoup) -> str:
    """The text a screen reader reads: without parts hidden with aria-hidden."""
    copy = BeautifulSoup(str(tag), "html.parser")
    for hidden in copy.find_all(attrs={"aria-hidden": "true"}):
        hidden.decompose()
    return text_of(copy)


# -- the generated pages -------------------------------------------------------------------


def test_cycle_page_has_a_diagram_linking_each_stage_and_the_heart(site: Path) -> None:
    page = article(site, "cycle")
    diagram = page.select_one("figure.tk-cycle")
    assert diagram is not None
    links = [(a["href"], spoken(a)) for a in diagram.find_all("a")]
    assert links == [
        ("../alpha/", "1. Alpha"),
        ("../beta/", "2. Beta"),
        ("../communication/", "At the heart: Communication"),
    ]
    # A text alternative: the group is labelled in words, and a caption explains the loop.
    group = diagram.find(attrs={"role": "group"})
    label = diagram.find(id=group["aria-labelledby"])
    assert text_of(label) == (
        "Diagram of the partnership cycle: Alpha, Beta, with Communication at the heart"
    )
    assert "Communication" in text_of(diagram.find("figcaption"))
    assert all(svg["aria-hidden"] == "true" for svg in diagram.find_all("svg"))


def test_cycle_page_introduces_each_stage(site: Path) -> None:
    page = article(site, "cycle")
    assert text_of(page.find(id="alpha")) == "1. Alpha"
    assert "The first stage of the test cycle." in text_of(page)
    assert section(page, "beta") == [
        "Deliver: Do the work you agreed.",
        "Review: Look back at how it went.",
    ]


def test_stage_page_lists_its_steps(site: Path) -> None:
    page = article(site, "alpha")
    steps = [(text_of(h), h.find("a")["href"]) for h in page.select("#steps ~ h3")]
    assert steps == [("1. Plan", "plan/"), ("2. Meet", "meet/")]
    assert "Alpha is where the work begins." in text_of(page)
    assert page.find("strong", string="begins") is not None  # purpose is Markdown


def test_step_page_has_every_part_of_the_guidance(site: Path) -> None:
    page = article(site, "alpha/plan")
    assert text_of(page.find("h1")) == "Plan"
    assert page.find("strong", string="together") is not None
    assert "Agree what each of you brings." in text_of(page)
    assert section(page, "questions") == [
        "What do we want to achieve?",
        "Is a < b & c true for us?",
    ]
    assert section(page, "tips") == ["Write it down as *not bold* text."]
    assert section(page, "pitfalls") == ["Planning alone."]
    stories = page.find(id="stories").find_next_sibling("div")
    assert text_of(stories.find(class_="admonition-title")) == "The first meeting"
    assert "Two partners met over tea and talked it through." in text_of(stories)
    assert stories.find("em", string="talked") is not None  # story text is Markdown
    assert section(page, "tools") == ["First steps checklist", "Simple agreement"]
    tools = page.find(id="tools").find_next_sibling("ul")
    assert [a["href"] for a in tools.find_all("a")] == [
        "../../checklists/first-steps/",
        "../../templates/simple-agreement/",
    ]
    assert section(page, "principles") == ["Share a purpose"]
    assert section(page, "sources") == [
        "The First Source. First Publisher.",
        "The Second Source. Second Publisher.",
    ]


def test_plain_text_is_shown_literally(site: Path) -> None:
    page = article(site, "alpha/plan")
    assert page.find("em", string="not bold") is None
    assert page.find("b") is None
    assert "Is a < b & c true for us?" in section(page, "questions")


def test_heart_theme_page_exists(site: Path) -> None:
    page = article(site, "communication")
    assert text_of(page.find("h1")) == "Communication"
    assert "Communication sits at the heart of the cycle." in text_of(page)


def nav_titles(site: Path, url: str) -> list[str]:
    primary = soup_of(site, url).select_one("nav.md-nav--primary")
    return [text_of(a) for a in primary.select("a.md-nav__link")]


def test_navigation_follows_the_cycle(site: Path) -> None:
    # navigation.prune: a page's menu opens only its own section.
    titles = nav_titles(site, "cycle")
    order = ["The test cycle", "Alpha", "Beta", "Communication"]
    positions = [titles.index(t) for t in order]
    assert positions == sorted(positions)
    assert titles.index("Home") < positions[0]
    assert titles.index("About") > positions[-1]
    assert "Plan" not in titles  # the stages' steps are not in every page
    in_alpha = nav_titles(site, "alpha/plan")
    assert (
        in_alpha.index("Alpha")
        < in_alpha.index("Plan")
        < in_alpha.index("Meet")
        < (in_alpha.index("Beta"))
    )
    in_beta = nav_titles(site, "beta/review")
    assert (
        in_beta.index("Beta")
        < in_beta.index("Deliver")
        < in_beta.index("Review")
        < (in_beta.index("Communication"))
    )


def footer_links(site: Path, url: str) -> dict[str, str]:
    footer = soup_of(site, url).select_one("nav.md-footer__inner")
    links = {}
    for way in ("prev", "next"):
        a = footer.select_one(f"a.md-footer__link--{way}")
        if a is not None:
            links[way] = a["href"]
    return links


def test_step_footer_links_to_the_previous_and_next_step(site: Path) -> None:
    assert footer_links(site, "alpha/meet") == {"prev": "../plan/", "next": "../../beta/"}


def test_next_walks_the_whole_cycle(site: Path) -> None:
    walked = ["cycle"]
    while len(walked) < 8:
        here = walked[-1]
        following = footer_links(site, here)["next"]
        walked.append(posixpath.normpath(posixpath.join(here, following)))
    assert walked == [
        "cycle",
        "alpha",
        "alpha/plan",
        "alpha/meet",
        "beta",
        "beta/deliver",
        "beta/review",
        "communication",
    ]
    back = footer_links(site, "communication")["prev"]
    assert posixpath.normpath(posixpath.join("communication", back)) == "beta/review"


# -- links and hosts -----------------------------------------------------------------------


def test_every_internal_link_resolves_to_a_built_file(site: Path) -> None:
    broken, checked = broken_internal_links(site)
    assert broken == []
    assert checked > 500


def test_no_page_shows_template_syntax(default_site: Path) -> None:
    """A comment, tag or expression in any page template stays out of what a reader sees
    (code samples, which show macros on purpose, aside)."""
    shown = []
    for path in sorted(default_site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for hidden in soup(["script", "style", "code"]):
            hidden.decompose()
        text = soup.get_text(" ")
        shown += [f"{path.relative_to(default_site)}: {m}" for m in TEMPLATE_SYNTAX.findall(text)]
    assert shown == []


TEMPLATE_SYNTAX = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}|\{#|#\}", re.S)


def test_generated_pages_are_not_written_into_content(site: Path) -> None:
    project = site.parent / "project"
    assert sorted(p.name for p in (project / "content").rglob("*")) == sorted(
        p.name for p in (ROOT / "content").rglob("*")
    )
    assert (site / "alpha" / "plan" / "index.html").is_file()


# -- hand-written pages with macros -----------------------------------------------------------


def project_with_page(tmp_path: Path, text: str) -> Path:
    """The minimal toolkit, with ``content/customising.md`` replaced by ``text``."""
    project = copy_project(tmp_path, data=MINIMAL)
    (project / "content" / "customising.md").write_text(text, encoding="utf-8")
    return project


def test_macros_in_a_hand_written_page(tmp_path: Path) -> None:
    project = project_with_page(
        tmp_path,
        (
            "# About {{ toolkit.title }}\n\n"
            "Published by {{ toolkit.organisation.name }}.\n\n"
            'Start with {{ link("step:plan") }} or '
            '{{ link("checklist:first-steps", "the list") }}.\n\n'
            "{{ stage_cards() }}\n"
        ),
    )
    site = build_site(project, tmp_path / "site")
    page = article(site, "customising")
    assert text_of(page.find("h1")) == "About Test Toolkit"
    assert "Published by Test Organisation." in text_of(page)
    links = {text_of(a): a["href"] for a in page.find_all("a")}
    assert links["Plan"] == "../alpha/plan/"
    assert links["the list"] == "../checklists/first-steps/"
    cards = page.select_one(".tk-stage-cards")
    assert [text_of(a) for a in cards.select("li strong a")] == ["Alpha", "Beta", "Communication"]


def test_a_wrong_id_in_a_macro_fails_the_strict_build_with_page_and_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    page = '# Oops\n\nSome text.\n\nSee {{ link("step:plna") }}.\n'
    project = project_with_page(tmp_path, page)
    message = (
        "content/customising.md:5: no toolkit page for link 'step:plna' (did you mean 'step:plan'?)"
    )
    with pytest.raises(Abort):
        build_site(project, tmp_path / "site")
    assert message in caplog.text
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "mkdocs"),
            "build",
            "--strict",
            "-d",
            str(tmp_path / "site2"),
        ],
        cwd=project,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert message in output
    assert "Traceback" not in output


def test_a_wrong_id_in_a_macro_keeps_a_non_strict_build_going(tmp_path: Path) -> None:
    """What `mkdocs serve` does: the page shows the text, and the server lives on."""
    page = '# Oops\n\nSee {{ link("step:plna", "the plan") }}.\n'
    project = project_with_page(tmp_path, page)
    site = build_site(project, tmp_path / "site", strict=False)
    page = article(site, "customising")
    assert "See the plan." in text_of(page)
    assert page.find("a", string="the plan") is None


def test_a_kind_id_link_in_markdown_text_becomes_a_relative_link(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    stage = data / "stages" / "alpha.yml"
    stage.write_text(
        stage.read_text(encoding="utf-8").replace(
            "      Agree what each of you brings.",
            "      Agree what each of you brings, then [meet](step:meet).",
        ),
        encoding="utf-8",
    )
    project = copy_project(tmp_path, data=data)
    site = build_site(project, tmp_path / "site")
    link = article(site, "alpha/plan").find("a", string="meet")
    assert link["href"] == "../meet/"


# -- forks: features and overrides --------------------------------------------------------------


def test_features_turned_off_remove_their_pages_and_nav(
    tmp_path: Path, make_site: Callable[..., Path]
) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    toolkit = data / "toolkit.yml"
    toolkit.write_text(
        toolkit.read_text(encoding="utf-8")
        + (
            "features:\n  checklists: false\n  templates: false\n  principles: false\n"
            "  glossary: false\n"
        ),
        encoding="utf-8",
    )
    site = make_site(data=data)
    for folder in ("checklists", "templates", "principles", "glossary"):
        assert not (site / folder).exists(), folder
    titles = nav_titles(site, "alpha/plan")
    for gone in (
        "Checklists",
        "Templates",
        "Principles",
        "Glossary",
        "First steps checklist",
        "Simple agreement",
        "Basic principles",
    ):
        assert gone not in titles
    assert "Plan" in titles
    page = article(site, "alpha/plan")
    assert page.find(id="tools") is None
    assert page.find(id="principles") is None


def test_a_fork_overrides_a_page_template(tmp_path: Path) -> None:
    project = copy_project(tmp_path, data=MINIMAL)
    override = project / "overrides" / "toolkit" / "step.md.j2"
    override.parent.mkdir(parents=True, exist_ok=True)
    original = (PACKAGE_TEMPLATES / "step.md.j2").read_text(encoding="utf-8")
    override.write_text(
        original + "\nAsk {{ toolkit.organisation.name|text }} for help "
        "with {{ step.title|text }}.\n",
        encoding="utf-8",
    )
    site = build_site(project, tmp_path / "site")
    assert "Ask Test Organisation for help with Plan." in text_of(article(site, "alpha/plan"))
    assert "Ask Test Organisation" not in text_of(article(site, "alpha"))


# -- the default toolkit --------------------------------------------------------------------


def test_the_default_toolkit_builds_strict_clean(default_site: Path) -> None:
    # default_site builds with strict=True: any warning would have aborted it.
    for url in (
        "cycle",
        "getting-started",
        "getting-started/scoping",
        "working-together",
        "what-next/ending",
        "communication",
    ):
        assert (default_site / url / "index.html").is_file(), url


def test_no_default_page_loads_anything_from_another_host(default_site: Path) -> None:
    external = [
        f"{page}: <{tag}> {address}"
        for page, tag, address in references(default_site)
        if tag != "a" and urlsplit(address).netloc
    ]
    assert external == []


def test_a_template_related_to_a_step_is_offered_on_that_step(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    template = data / "templates" / "simple-agreement.yml"
    template.write_text(
        template.read_text(encoding="utf-8").replace(
            "\nsources:", "\nrelated: [step:review, step:plan]\nsources:", 1
        ),
        encoding="utf-8",
    )
    site = build_site(copy_project(tmp_path, data=data), tmp_path / "site")
    tools = section(article(site, "beta/review"), "tools")
    assert tools == ["Simple agreement"]
    # Listed by the step itself and named as related: shown once.
    assert section(article(site, "alpha/plan"), "tools") == [
        "First steps checklist",
        "Simple agreement",
    ]


@pytest.mark.parametrize("language, lang", [("en-GB", "en-GB"), ("cy", "cy"), ("pt-PT", "pt")])
def test_a_regional_language_builds_with_the_theme_words_it_has(
    tmp_path: Path, make_site, language: str, lang: str
) -> None:
    """A UK toolkit says en-GB; a tag the theme knows only by its language uses that."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal" / "data", data)
    toolkit = data / "toolkit.yml"
    toolkit.write_text(
        toolkit.read_text(encoding="utf-8").replace(
            "title: Test Toolkit", f"title: Test Toolkit\nlanguage: {language}"
        ),
        encoding="utf-8",
    )
    site = make_site(data=data)
    page = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("html")["lang"] == lang


def test_a_forks_own_main_html_says_what_it_loses(tmp_path: Path, caplog) -> None:
    """A fork's overrides/main.html replaces the toolkit's: the build says so (and
    --strict stops), until the fork copies the toolkit's blocks into it."""
    project = copy_project(tmp_path, data=FIXTURES / "minimal" / "data")
    main = project / "overrides" / "main.html"
    main.write_text('{% extends "base.html" %}\n{% block announce %}Hello{% endblock %}\n')
    with pytest.raises(Abort):
        build_site(project, tmp_path / "site")
    assert any(
        "main.html in overrides/ replaces the toolkit's own, and with it the offline copy's "
        "search without the internet and showing what needs JavaScript" in r.getMessage()
        for r in caplog.records
    )
    ours = ROOT / "plugins" / "partnership_toolkit" / "theme" / "main.html"
    main.write_text(ours.read_text(encoding="utf-8") + "{% block announce %}Hi{% endblock %}\n")
    build_site(project, tmp_path / "site")


def test_an_empty_site_url_is_explained_in_one_line(tmp_path: Path, caplog) -> None:
    import logging

    project = copy_project(tmp_path, data=FIXTURES / "minimal" / "data")
    with caplog.at_level(logging.INFO):
        build_site(project, tmp_path / "site")
    lines = [r.getMessage() for r in caplog.records if "site_url is empty" in r.getMessage()]
    assert len(lines) == 1 and "instant navigation is off" in lines[0]
    caplog.clear()
    with caplog.at_level(logging.INFO):
        build_site(project, tmp_path / "site2", site_url="https://example.org/toolkit/")
    assert not [r for r in caplog.records if "site_url is empty" in r.getMessage()]


def test_a_stage_page_heads_its_tools_as_the_stages(default_site: Path) -> None:
    from bs4 import BeautifulSoup

    stage = BeautifulSoup(
        (default_site / "getting-started" / "index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    step = BeautifulSoup(
        (default_site / "getting-started" / "scoping" / "index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    assert stage.select_one("h2#tools").get_text().rstrip("¶").strip() == "Tools for this stage"
    assert step.select_one("h2#tools").get_text().rstrip("¶").strip() == "Tools for this step"


def test_a_rebuild_compiles_no_theme_template_again_yet_shows_an_edited_override(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The theme's templates are compiled once and kept in the cache: a rebuild
    (each save under `mkdocs serve`) makes the same pages without compiling
    them, and a theme override edited in between is on the next build's pages."""
    import jinja2

    project = copy_project(tmp_path, data=MINIMAL)
    first = build_site(project, tmp_path / "first")
    compiled: list[str | None] = []
    compile_ = jinja2.Environment.compile

    def counted(self, source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)
        return compile_(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    second = build_site(project, tmp_path / "second")
    # Only what is not the theme's pages is compiled: Material's search plugin
    # makes an environment of its own for its labels, and mkdocs-macros reads
    # each page as a template of its own.
    assert {"main.html", "base.html", "partials/nav.html"}.isdisjoint(compiled)
    assert set(compiled) <= {None, "partials/language.html", "partials/languages/en.html"}
    compiled.clear()
    pages = sorted(p.relative_to(first).as_posix() for p in first.rglob("*.html"))
    assert pages == sorted(p.relative_to(second).as_posix() for p in second.rglob("*.html"))
    for page in pages:
        assert (first / page).read_bytes() == (second / page).read_bytes(), page
    (project / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block announce %}Workshop on Friday{% endblock %}\n'
        "{# iframe-worker no-js tk_css_string #}\n",
        encoding="utf-8",
    )
    third = build_site(project, tmp_path / "third")
    assert "main.html" in compiled
    assert "Workshop on Friday" in (third / "index.html").read_text(encoding="utf-8")


def test_generated_pages_are_kept_so_a_dirty_rebuild_makes_only_what_changed(
    tmp_path: Path,
) -> None:
    """The pages made from data stay in the build cache between builds, each
    rewritten only when it changes: `mkdocs serve --dirty` then rebuilds the
    page whose data an editor saved, and no temporary folder is left behind."""
    import tempfile

    project = copy_project(tmp_path, data=MINIMAL)
    before_tmp = set(Path(tempfile.gettempdir()).glob("toolkit-pages-*"))
    site = build_site(project, tmp_path / "site")
    (folder,) = (project / ".cache" / "toolkit" / "pages").iterdir()  # one way of building

    def times() -> dict[str, int]:
        return {
            p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
            for p in folder.rglob("*")
            if p.is_file() and not p.name.startswith(".")
        }

    first = times()
    assert "alpha/plan.md" in first and "assets/toolkit/brand.css" in first
    build_site(project, tmp_path / "site")
    assert times() == first  # nothing changed, nothing written
    stage = project / "data" / "stages" / "alpha.yml"
    text = stage.read_text("utf-8")
    stage.write_text(text.replace("what each of you brings.", "who brings what."), "utf-8")
    built = (site / "glossary" / "index.html").stat().st_mtime_ns
    build_site(project, tmp_path / "site", strict=False, dirty=True)  # it warns that it is
    changed = {src for src, when in times().items() if when != first[src]}
    assert "alpha/plan.md" in changed and "glossary.md" not in changed
    assert "Agree who brings what." in (site / "alpha" / "plan" / "index.html").read_text("utf-8")
    assert (site / "glossary" / "index.html").stat().st_mtime_ns == built  # not rebuilt
    # A page no longer made (its checklist deleted) goes from the folder too.
    (project / "data" / "checklists" / "first-steps.yml").unlink()
    stage.write_text(
        re.sub(r"(?m)^ *checklists: \[first-steps\]\n", "", stage.read_text("utf-8")),
        encoding="utf-8",
    )
    build_site(project, tmp_path / "site2")
    assert "checklists/first-steps.md" not in times()
    # A build made another way (the offline copy's addresses) keeps its own
    # files, so two builds at once never remove each other's.
    kept = times()
    build_site(project, tmp_path / "flat", use_directory_urls=False)
    assert len(list((project / ".cache" / "toolkit" / "pages").iterdir())) == 2
    assert times() == kept
    assert set(Path(tempfile.gettempdir()).glob("toolkit-pages-*")) == before_tmp


def test_a_cache_folder_that_cannot_be_written_still_builds_and_leaves_nothing(
    tmp_path: Path,
) -> None:
    import tempfile

    project = copy_project(tmp_path, data=MINIMAL)
    (project / ".cache").write_text("a file where the cache folder would be", encoding="utf-8")
    before_tmp = set(Path(tempfile.gettempdir()).glob("toolkit-pages-*"))
    site = build_site(project, tmp_path / "site")
    assert "Plan the work" in (site / "alpha" / "plan" / "index.html").read_text("utf-8")
    assert set(Path(tempfile.gettempdir()).glob("toolkit-pages-*")) == before_tmp
