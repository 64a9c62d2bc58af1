"""Rendering pages: plain text from the data is shown exactly as written, whatever it
contains, and compiled templates are kept between builds."""

from __future__ import annotations

import html
from pathlib import Path

import jinja2
import jinja2.meta
import markdown
import pytest

from partnership_toolkit.load import load
from partnership_toolkit.markup import md_text
from partnership_toolkit.model import Toolkit
from partnership_toolkit.render import Renderer
from sitekit import ROOT

TEMPLATES = ROOT / "plugins" / "partnership_toolkit" / "templates"


@pytest.mark.parametrize(
    "text",
    [
        "plain words",
        "*not bold*",
        "under_score",
        "a < b & c",
        "<b>not a tag</b>",
        "- not a list",
        "+ not a list",
        "1. not a list",
        "12. not a list",
        "# not a heading",
        "> not a quote",
        "[not](a link)",
        "`not code`",
        "{not: attrs}",
        "pipes | stay",
        "line one\n2. still text",
        "back\\slash",
        "Scoping 🚀",
        "ends { onclick=alert(1) }",
        "{: .x onclick=alert(1) }",
        "see https://example.org",
        ":smile:",
        "~~struck~~",
        '--8<-- "/etc/passwd"',
        "    indented code",
        "=== not a heading",
        'it\'s "quoted"',
        "&amp; stays &amp;",
        "1) not a list",
    ],
)
def test_plain_text_renders_literally(text: str) -> None:
    """Whatever Markdown the site turns on, plain text is shown as written (its white
    space folded, as HTML shows it), as one paragraph with no markup."""
    extensions = [
        "tables",
        "attr_list",
        "md_in_html",
        "admonition",
        "def_list",
        "pymdownx.magiclink",
        "pymdownx.emoji",
        "pymdownx.tilde",
        "pymdownx.caret",
    ]
    rendered = markdown.markdown(md_text(text), extensions=extensions)
    inner = rendered.removeprefix("<p>").removesuffix("</p>")
    assert "<" not in inner
    assert html.unescape(inner) == " ".join(text.split())


# -- compiled templates kept between builds ----------------------------------------------------


@pytest.fixture(scope="module")
def toolkit() -> Toolkit:
    return load(ROOT / "data", root=ROOT)


def _count_compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    compiled: list[str] = []
    original = jinja2.Environment.compile

    def counting(
        self: jinja2.Environment,
        source: object,
        name: str | None = None,
        *args: object,
        **kwargs: object,
    ) -> object:
        compiled.append(name or "")
        return original(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return compiled


def test_a_second_build_reuses_the_compiled_templates(
    toolkit: Toolkit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled = _count_compiles(monkeypatch)
    first = Renderer(toolkit, cache_dir=tmp_path / "jinja").pages()
    assert "step.md.j2" in compiled
    compiled.clear()
    second = Renderer(toolkit, cache_dir=tmp_path / "jinja").pages()
    assert compiled == []
    assert second == first == Renderer(toolkit).pages()


def test_an_edited_template_is_compiled_again(
    toolkit: Toolkit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    override = tmp_path / "overrides" / "toolkit" / "glossary.md.j2"
    override.parent.mkdir(parents=True)
    original = (ROOT / "plugins/partnership_toolkit/templates/glossary.md.j2").read_text()
    override.write_text(original, encoding="utf-8")
    cache = tmp_path / "jinja"
    Renderer(toolkit, overrides=tmp_path / "overrides", cache_dir=cache).pages()

    override.write_text(original + "\nEdited after the first build.\n", encoding="utf-8")
    compiled = _count_compiles(monkeypatch)
    pages = Renderer(toolkit, overrides=tmp_path / "overrides", cache_dir=cache).pages()
    assert compiled == ["glossary.md.j2"]
    glossary = next(p for p in pages if p.src == "glossary.md")
    assert "Edited after the first build." in glossary.content


def test_entries_of_another_version_and_leftovers_are_removed(
    toolkit: Toolkit, tmp_path: Path
) -> None:
    cache = tmp_path / "jinja"
    cache.mkdir()
    (cache / "0123456789ab-oldentry.cache").write_bytes(b"compiled by an older version")
    (cache / "0123456789ab-entry.cacheab12.tmp").write_bytes(b"left by a stopped build")
    Renderer(toolkit, cache_dir=cache).pages()
    names = [p.name for p in cache.iterdir()]
    assert names and all(name.endswith(".cache") for name in names)
    assert "0123456789ab-oldentry.cache" not in names


def test_a_cache_that_cannot_be_written_or_read_is_not_used(
    toolkit: Toolkit, tmp_path: Path
) -> None:
    expected = Renderer(toolkit).pages()
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    assert Renderer(toolkit, cache_dir=blocked / "jinja").pages() == expected

    cache = tmp_path / "jinja"
    Renderer(toolkit, cache_dir=cache).pages()
    entries = {entry: entry.read_bytes() for entry in cache.iterdir()}
    for cut in (20, 0.5):  # cut short, as by a full disk: in the header, in the code
        for entry, data in entries.items():
            entry.write_bytes(data[: cut if isinstance(cut, int) else int(len(data) * cut)])
        assert Renderer(toolkit, cache_dir=cache).pages() == expected


# -- which pages a fork's templates make -------------------------------------------------------


def _rendered_templates(
    renderer: Renderer,
    monkeypatch: pytest.MonkeyPatch,
    only: set[str] | None = None,
    step: str = "_page",
) -> set[str]:
    """The templates ``renderer.pages(only)`` renders pages from (with step="_render":
    every template it renders on its own, such as the cycle diagram)."""
    used: set[str] = set()
    original = getattr(Renderer, step)

    def spy(self: Renderer, template_name: str, *args: object, **kwargs: object) -> object:
        used.add(template_name)
        return original(self, template_name, *args, **kwargs)

    monkeypatch.setattr(Renderer, step, spy)
    renderer.pages(only=only)
    return used


# The pages drawn with the shared lists and the sources list.
PAGES_WITH_LISTS_AND_SOURCES = {
    "step.md.j2",
    "stage.md.j2",
    "theme.md.j2",
    "checklist.md.j2",
    "template.md.j2",
    "principles.md.j2",
    "assessment.md.j2",
}
# Every page that credits sources: the pages above, and those listing many items.
PAGES_WITH_SOURCES = PAGES_WITH_LISTS_AND_SOURCES | {
    "cycle.md.j2",
    "glossary.md.j2",
    "checklists_index.md.j2",
    "templates_index.md.j2",
    "principles_index.md.j2",
    "assessments_index.md.j2",
    "assessment_compare.md.j2",
}


@pytest.mark.parametrize(
    "overridden, pages",
    [
        ([], set()),
        (["README.md"], set()),  # not a template any page uses
        (["step.md.j2"], {"step.md.j2"}),
        # _sources.md.j2 cites with _lists.md.j2's cite(), and so does the print
        # pack, each checklist at its end.
        (["_lists.md.j2"], PAGES_WITH_SOURCES | {"checklists_print.md.j2"}),
        (["template_section.html"], {"template.md.j2"}),
        (["checklist.html"], {"checklist.md.j2", "checklists_print.md.j2"}),
        (["cycle.svg"], {"cycle.md.j2"}),
        (["_sources.md.j2"], PAGES_WITH_SOURCES),
    ],
)
def test_the_pages_a_forks_templates_make(
    toolkit: Toolkit,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    overridden: list[str],
    pages: set[str],
) -> None:
    folder = tmp_path / "overrides" / "toolkit"
    folder.mkdir(parents=True)
    for name in overridden:
        (folder / name).write_text(
            (TEMPLATES / name).read_text(encoding="utf-8")
            if (TEMPLATES / name).exists()
            else "# notes\n"
        )
    renderer = Renderer(toolkit, overrides=tmp_path / "overrides")
    assert renderer.using_overrides() == pages
    assert _rendered_templates(renderer, monkeypatch, only=pages) == pages


def test_a_fork_template_that_includes_a_new_one_counts(toolkit: Toolkit, tmp_path: Path) -> None:
    folder = tmp_path / "overrides" / "toolkit"
    folder.mkdir(parents=True)
    (folder / "our_footer.md.j2").write_text("Ask us.\n")
    (folder / "theme.md.j2").write_text(
        (TEMPLATES / "theme.md.j2").read_text(encoding="utf-8")
        + '{% include "our_footer.md.j2" %}\n'
    )
    (folder / "glossary.md.j2").write_text('{% include "gone.md.j2" %}\n')  # fails: rendered
    (folder / "stage.md.j2").write_text('{% include page_src ~ ".j2" %}\n')  # any template
    assert Renderer(toolkit, overrides=tmp_path / "overrides").using_overrides() == {
        "theme.md.j2",
        "glossary.md.j2",
        "stage.md.j2",
    }


def test_package_templates_name_only_package_templates() -> None:
    # using_overrides skips its walk when a fork replaces none of the package's
    # templates; that is right only while they include nothing else, by a fixed name.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        comment_start_string="{%#",
        comment_end_string="#%}",
    )
    names = set(env.list_templates())
    for name in names:
        if name.startswith("starters/"):
            continue
        source = env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
        used = set(jinja2.meta.find_referenced_templates(env.parse(source)))
        assert None not in used, name
        assert used <= names, name


# -- the toolkit's words in other languages ----------------------------------------------------


def test_the_welsh_words_are_complete_and_keep_every_placeholder() -> None:
    import string as string_module

    from partnership_toolkit import strings

    def names(text: str) -> set[str]:
        return {n for _, n, _, _ in string_module.Formatter().parse(text) if n}

    english, welsh = strings.defaults(), strings._shipped("cy")
    assert welsh is not None and set(welsh) == set(english)
    welsh_forms = strings.plural_categories("cy")
    assert welsh_forms == {"zero", "one", "two", "few", "many", "other"}
    for key, word in welsh.items():
        if isinstance(english[key], dict):
            assert set(word) == welsh_forms, key  # every form Welsh has, by CLDR
            assert names(word["other"]) == names(english[key]["other"]), key
        else:
            assert isinstance(word, str) and word.strip(), key
            assert names(word) == names(english[key]), key
            assert word != english[key] or key in {"template_in_row", "compare_partner"}, (
                key
            )  # "Partner" is Welsh too


def test_a_welsh_toolkit_gets_the_welsh_words_without_writing_any(tmp_path: Path) -> None:
    from partnership_toolkit.load import load
    from sitekit import copy_project

    project = copy_project(tmp_path)
    toolkit_yml = project / "data" / "toolkit.yml"
    toolkit_yml.write_text(toolkit_yml.read_text().replace("language: en-GB", "language: cy"))
    words = load(project / "data", root=project).strings
    assert words["guidance_heading"] == "Canllawiau"
    assert words["checklist_imported"]["few"].endswith("eitem wedi'u ticio.")
    # A word the toolkit changes itself still wins over the shipped Welsh.
    (project / "data" / "strings.yml").write_text("guidance_heading: Cyngor\n")
    assert load(project / "data", root=project).strings["guidance_heading"] == "Cyngor"


def test_a_title_as_a_css_string_cannot_end_the_string_or_the_style_element() -> None:
    from partnership_toolkit.markup import css_string

    hostile = 'Plan "A" </style><script>alert(1)</script> \\ }'
    written = str(css_string(hostile))
    assert written.startswith('"') and written.endswith('"')
    inner = written[1:-1]
    assert '"' not in inner and "<" not in inner and "}" not in inner
    assert "\\3c " in inner  # "<", written as a CSS escape the browser shows as the character
