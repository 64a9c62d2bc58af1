"""A toolkit project is a layer over the base toolkit: its own folder, local/.

Tested as an organisation uses it: ``toolkit init``, the project's files
customised as the guide says, ten realistic upstream changes taken in with
git (zero conflicts, every customisation kept, and ``toolkit status`` listing
exactly what to review), mistakes in the layer located in its own files, and
an old-style fork turned into a layer with one command.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from partnership_toolkit.cli import main
from sitekit import FIXTURES, ROOT, build_site, copy_project

FORK = FIXTURES / "fork"
OLD_FORK = FIXTURES / "old-fork"
GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": "/nonexistent",
}


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-c", "init.defaultBranch=main", *args],
        cwd=cwd,
        env=GIT_ENV,
        capture_output=True,
        text=True,
        check=False,
    )


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def text_of(site: Path, page: str) -> str:
    return " ".join(soup(site, page).get_text().split())


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def status_lines(project: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    assert main(["status", str(project)]) == 0
    return capsys.readouterr().out.splitlines()


def to_review(lines: list[str]) -> list[str]:
    """The addresses `toolkit status` asks to review."""
    if not any(line.startswith("To review:") for line in lines):
        return []
    start = next(i for i, line in enumerate(lines) if line.startswith("To review:"))
    return [line.split(": ")[0].strip() for line in lines[start + 1 :] if line.startswith("  ")]


# -- toolkit init -----------------------------------------------------------------------------


def test_init_in_a_copy_of_the_repository_writes_only_local(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path)
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    assert main(["init", str(project)]) == 0
    after = sorted(p.relative_to(project) for p in project.rglob("*"))
    assert [p for p in after if p not in before] == [
        Path("local"),
        Path("local/README.md"),
        Path("local/changes.yml"),
        Path("local/content"),
        Path("local/content/assets"),
        Path("local/site.yml"),
        Path("local/toolkit.yml"),
    ]
    assert "wrote" in capsys.readouterr().out
    # A second run never writes over the project's files.
    assert main(["init", str(project)]) == 1
    assert "exists already" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("origin", "address"),
    [
        (
            "https://github.com/Riverside-Org/partnership-toolkit.git",
            "https://riverside-org.github.io/partnership-toolkit/",
        ),
        (
            "git@github.com:riverside-org/partnership-toolkit.git",
            "https://riverside-org.github.io/partnership-toolkit/",
        ),
        (
            "https://github.com/riverside-org/riverside-org.github.io",
            "https://riverside-org.github.io/",
        ),
        ("https://gitlab.example.org/riverside/toolkit.git", ""),
    ],
)
def test_init_in_a_fork_on_github_sets_the_address_github_pages_publishes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], origin: str, address: str
) -> None:
    """Instant navigation works on a published toolkit only with site_url set:
    in a fork on GitHub, init sets it to where the publishing workflow puts the site."""
    project = copy_project(tmp_path)
    git(project, "init", "-q")
    git(project, "remote", "add", "origin", origin)
    assert main(["init", str(project)]) == 0
    out = capsys.readouterr().out
    site = yaml.safe_load((project / "local" / "site.yml").read_text("utf-8"))
    assert site["site_url"] == address
    if address:
        assert f"site_url in {(project / 'local').as_posix()}/site.yml: {address}" in out
        html = (build_site(project, tmp_path / "site") / "index.html").read_text("utf-8")
        assert f'<link rel="canonical" href="{address}">' in html
    else:
        assert "instant navigation is off" in out


def test_a_new_project_builds_the_whole_default_toolkit_under_its_own_name(
    tmp_path: Path,
) -> None:
    project = tmp_path / "our-toolkit"
    assert main(["init", str(project)]) == 0
    # A clone of this repository, the original named upstream, for `git pull upstream main`.
    assert "upstream" in git(project, "remote").stdout.split()
    own = sorted(
        p.relative_to(project / "local").as_posix() for p in (project / "local").rglob("*")
    )
    assert own == [
        "README.md",
        "changes.yml",
        "content",
        "content/assets",
        "site.yml",
        "toolkit.yml",
    ]
    edit(project / "local" / "toolkit.yml", "title: Our Partnership Toolkit", "title: Glan Toolkit")
    site = build_site(project, tmp_path / "site")
    assert soup(site, "index.html").title.get_text() == "Home - Glan Toolkit"
    # Every page of the default toolkit, from the base's own data.
    base = html_of(build_site(copy_project(tmp_path), tmp_path / "base-site"))
    assert sorted(html_of(site)) == sorted(base)
    # The base's files are exactly upstream's: nothing to conflict with.
    assert git(project, "status", "--porcelain").stdout.splitlines() == ["?? local/"]


# -- mistakes in a layer are located in the layer's own files ---------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path)
    shutil.copytree(FORK / "local", project / "local")
    return project


def validate(project: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    assert main(["validate", "--data-only", str(project)]) == 1
    return capsys.readouterr().err.splitlines()


def test_every_mistake_in_changes_yml_is_located_at_once(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    changes = project / "local" / "changes.yml"
    edit(
        changes,
        "patch:\n",
        "patch:\n  step:scopng:\n    title: x\n  step:finding-partners:\n    guidanse: x\n"
        "    title: 42\n    id: other\n  checklist:getting-started/nope:\n    text: y\n",
    )
    edit(changes, "remove:\n", "remove:\n  - step:evaluatin\n")
    changes.write_text(
        changes.read_text() + "order:\n  stage:working-together: [delivering, nope]\n"
    )
    assert validate(project, capsys) == [
        "local/changes.yml:4:3: patch.step:scopng: no step 'scopng' in the base toolkit "
        "(did you mean 'scoping'?)",
        "local/changes.yml:7:5: patch.step:finding-partners.guidanse: unknown key 'guidanse' "
        "(did you mean 'guidance'?)",
        "local/changes.yml:8:12: patch.step:finding-partners.title: expected text, found the "
        "number 42",
        "local/changes.yml:9:5: patch.step:finding-partners.id: an id cannot be patched: "
        "readers' answers and links use it; remove the item and add a new one instead",
        "local/changes.yml:10:3: patch.checklist:getting-started/nope: nothing with id 'nope' "
        "in checklist:getting-started",
        "local/changes.yml:20:5: remove[0]: no step 'evaluatin' in the base toolkit",
        "local/changes.yml:23:40: order.stage:working-together[1]: no 'nope' in "
        "stage:working-together",
        "7 problems in the toolkit's data; fix them and try again.",
    ]


def test_a_mistake_in_the_layers_toolkit_file_and_new_data_is_located_there(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(project / "local" / "toolkit.yml", "footer:", "foter:")
    edit(project / "local" / "data" / "stages" / "reviewing.yml", "summary:", "sumary:")
    lines = validate(project, capsys)
    assert lines[0].startswith("local/data/stages/reviewing.yml:3:1: sumary: unknown key")
    assert lines[1] == (
        "local/toolkit.yml:20:1: foter: unknown key 'foter' (did you mean 'footer'?)"
    )


def test_hand_written_links_to_a_removed_item_are_reported_together(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = project / "local"
    (own / "content" / "visiting.md").write_text(
        '# Visiting\n\nSee {{ link("template:dispute-resolution") }}.\n', encoding="utf-8"
    )
    edit(
        own / "data" / "stages" / "reviewing.yml",
        "guidance: Give everyone the same three questions before the meeting.",
        "guidance: Use [the procedure](template:dispute-resolution) if it goes wrong.",
    )
    assert validate(project, capsys) == [
        "local/content/visiting.md:3:1: 2 links name items this toolkit removes (in "
        "local/changes.yml): local/content/visiting.md:3 names template:dispute-resolution; "
        "local/data/stages/reviewing.yml:10 names template:dispute-resolution; remove each "
        "link (or replace the page in local/content/), or stop removing the item",
        "1 problem in the toolkit's data; fix it and try again.",
    ]


def test_add_order_replace_and_leave_out_fields(project: Path, tmp_path: Path) -> None:
    own = project / "local"
    (own / "changes.yml").write_text(
        (own / "changes.yml").read_text()
        + """\
add:
  stage:working-together:
    - id: checking-in-midway
      title: Checking in midway
      summary: Halfway through, ask every partner how it is going.
      guidance: Ask the same three questions of everyone.
      sources: [riverside-handbook]
order:
  stage:working-together: [structure-and-agreements, checking-in-midway]
""",
        encoding="utf-8",
    )
    edit(own / "changes.yml", "patch:\n", "patch:\n  step:delivering:\n    tips: null\n")
    shutil.copy(project / "content" / "index.md", own / "content" / "index.md")
    edit(own / "content" / "index.md", "\n# ", "\nRiverside's own home page.\n\n# ")
    edit(own / "changes.yml", "remove:\n", "remove:\n  - content/customising.md\n")
    site = build_site(project, tmp_path / "site")
    stage = soup(site, "working-together/index.html")
    steps = [h3.a.get_text() for h3 in stage.select("article h3") if h3.a]
    assert steps[:2] == ["Structure and agreements", "Checking in midway"]
    assert (site / "working-together" / "checking-in-midway" / "index.html").is_file()
    delivering = soup(site, "working-together/delivering/index.html")
    assert delivering.select_one("h2#tips") is None
    assert "Riverside's own home page." in text_of(site, "index.html")
    # Removed, with its menu entry, and the base's about page no longer links to it.
    assert not (site / "customising").exists()
    assert "customising" not in str(soup(site, "about/index.html").select_one("article"))
    nav = soup(site, "index.html").select("nav.md-nav--primary a.md-nav__link")
    assert "Customising" not in [" ".join(a.get_text().split()) for a in nav]


# -- ten upstream changes, zero conflicts -----------------------------------------------------

NEW_TEMPLATE = """\
title: Meeting notes
summary: A page to keep the notes of each partnership meeting.
purpose: Notes that everyone agrees keep decisions from being lost.
sources: [nccpe-partnerships-101]
sections:
  - id: meeting
    title: The meeting
    fields:
      - id: date
        label: Date of the meeting
        type: date
      - id: decisions
        label: What we decided
        type: textarea
"""
NEW_STEP = """\
  - id: celebrating
    title: Celebrating
    summary: Mark what the partnership achieved, with everyone who made it happen.
    guidance: |
      Hold a small event, thank people by name, and share what you made.
    sources: [nccpe-partnerships-101]
"""


def upstream_changes(base: Path) -> None:
    """Ten changes upstream makes to the base, as its maintainers would."""
    data = base / "data"
    # 1. Guidance the project does not touch.
    edit(
        data / "stages" / "getting-started.yml",
        "      Once you know what you want to do, ask who would be the best partner",
        "      Upstream's new advice: map who already works in the area.\n\n"
        "      Once you know what you want to do, ask who would be the best partner",
    )
    # 2. Guidance the project patches (the scoping step's summary).
    edit(
        data / "stages" / "getting-started.yml",
        "    summary: Decide what you want to do and why, agree the purpose you share",
        "    summary: Work out what you want to do and why, agree the purpose you share",
    )
    # 3. A glossary term.
    edit(
        data / "glossary.yml",
        "terms:\n",
        "terms:\n  - id: steering-group\n    term: Steering group\n"
        "    definition: The few people who keep a partnership on course between meetings.\n",
    )
    # 4. A template.
    (data / "templates" / "meeting-notes.yml").write_text(NEW_TEMPLATE, encoding="utf-8")
    # 5. A step.
    stage = data / "stages" / "what-next.yml"
    stage.write_text(stage.read_text(encoding="utf-8") + NEW_STEP, encoding="utf-8")
    # 6. A section renamed.
    edit(
        data / "templates" / "light-agreement.yml",
        "    title: What we will do\n",
        "    title: The work we will do together\n",
    )
    # 7. A strings key.
    (data / "strings.yml").write_text(
        "related_heading: See also\nchecklist_cleared: All ticks on this list are cleared.\n",
        encoding="utf-8",
    )
    # 8. A content page.
    edit(
        base / "content" / "how-to-use.md",
        "\n## ",
        "\nUpstream's new paragraph: start with the cycle page.\n\n## ",
    )
    # 9. A theme partial.
    edit(
        base / "plugins" / "partnership_toolkit" / "theme" / "partials" / "copyright.html",
        "MkDocs does not autoescape theme templates",
        "MkDocs never autoescapes theme templates",
    )
    # 10. The site settings.
    edit(
        base / "mkdocs.yml",
        "    - navigation.top\n",
        "    - navigation.top\n    - navigation.tracking\n",
    )
    # 11. An item the project patches is deleted (the light agreement's finish date).
    text = (data / "templates" / "light-agreement.yml").read_text(encoding="utf-8")
    field = re.search(r"      - id: finish-date\n(        .*\n)+", text)
    assert field is not None
    (data / "templates" / "light-agreement.yml").write_text(
        text.replace(field.group(0), ""), encoding="utf-8"
    )


@pytest.fixture(scope="module")
def upgraded(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Upstream's repository, a project cloned from it and customised, and the
    project after taking in upstream's ten changes with `git pull`."""
    tmp = tmp_path_factory.mktemp("layers")
    upstream = tmp / "upstream"
    upstream.mkdir()
    for name in ("mkdocs.yml", ".gitignore", "data", "content", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, upstream / name)
    theme = Path("plugins/partnership_toolkit/theme")
    shutil.copytree(ROOT / theme, upstream / theme)
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "v1")):
        assert git(upstream, *args).returncode == 0
    project = tmp / "riverside"
    assert git(tmp, "clone", "-q", str(upstream), str(project)).returncode == 0
    assert main(["init", str(project)]) == 0
    # Customised as the guide says: every change in local/.
    shutil.copytree(FORK / "local", project / "local", dirs_exist_ok=True)
    assert main(["status", str(project), "--reviewed"]) == 0
    assert git(project, "add", "-A").returncode == 0
    assert git(project, "commit", "-q", "-m", "Riverside's toolkit").returncode == 0
    before = build_site(project, tmp / "before")

    upstream_changes(upstream)
    assert git(upstream, "add", "-A").returncode == 0
    assert git(upstream, "commit", "-q", "-m", "v2: ten improvements").returncode == 0
    pulled = git(project, "pull", "--no-rebase", "--no-edit", "origin", "main")
    after = build_site(project, tmp / "after")
    return {"project": project, "pull": pulled, "before": before, "after": after}


def test_upstream_changes_merge_with_zero_conflicts(upgraded: dict) -> None:
    pull = upgraded["pull"]
    assert pull.returncode == 0, pull.stdout + pull.stderr
    assert "CONFLICT" not in pull.stdout + pull.stderr
    project = upgraded["project"]
    assert git(project, "status", "--porcelain").stdout == ""
    # The project's own commit touched nothing but local/.
    own = git(project, "show", "--name-only", "--format=", "HEAD^1").stdout.split()
    assert own and all(name.startswith("local/") for name in own)


def test_every_customisation_survives_the_upgrade(upgraded: dict) -> None:
    site = upgraded["after"]
    home = soup(site, "index.html")
    assert home.title.get_text() == "Home - Pecyn Partneriaeth Glan yr Afon"
    assert home.html["lang"] == "cy"
    assert home.select_one("[data-riverside-made]") is not None
    assert home.select_one('link[rel="canonical"]')["href"] == (
        "https://riverside.example.org/toolkit/"
    )
    scoping = soup(site, "getting-started/scoping/index.html")
    assert scoping.h1.get_text().rstrip("¶").strip() == "Agreeing what we want to change"
    # The project's summary, not upstream's new one.
    assert "Write down, in a sentence, the change your group wants to see." in scoping.get_text()
    assert "Work out what you want to do" not in scoping.get_text()
    assert (site / "reviewing" / "checking-in" / "index.html").is_file()
    assert (site / "checklists" / "volunteer-safety" / "index.html").is_file()
    assert not (site / "templates" / "dispute-resolution").exists()
    assert not (site / "principles").exists()
    # The project's own word for a heading, not the one upstream's new strings give.
    checklist = soup(site, "checklists/volunteer-safety/index.html")
    headings = [h.get_text().rstrip("¶").strip() for h in checklist.select("article h2")]
    assert "Cysylltiedig" in headings
    assert "See also" not in checklist.get_text()


def test_every_upstream_improvement_arrives(upgraded: dict) -> None:
    site = upgraded["after"]
    assert "Upstream's new advice: map who already works in the area." in text_of(
        site, "getting-started/finding-partners/index.html"
    )
    assert "Steering group" in text_of(site, "glossary/index.html")
    assert (site / "templates" / "meeting-notes" / "index.html").is_file()
    assert (site / "what-next" / "celebrating" / "index.html").is_file()
    assert "The work we will do together" in text_of(site, "templates/light-agreement/index.html")
    assert "Upstream's new paragraph" in text_of(site, "how-to-use/index.html")
    assert "navigation.tracking" in (site / "index.html").read_text(encoding="utf-8")
    # A word the project did not translate comes from upstream's new strings.
    words = (site / "checklists" / "getting-started" / "index.html").read_text(encoding="utf-8")
    assert "All ticks on this list are cleared." in words
    # The field upstream deleted is gone, with the project's patch to it.
    agreement = text_of(site, "templates/light-agreement/index.html")
    assert "Most of our projects finish before the summer holidays." not in agreement
    before = text_of(upgraded["before"], "templates/light-agreement/index.html")
    assert "Most of our projects finish before the summer holidays." in before


def test_status_lists_exactly_what_to_review(
    upgraded: dict, capsys: pytest.CaptureFixture[str]
) -> None:
    project = upgraded["project"]
    lines = status_lines(project, capsys)
    assert to_review(lines) == [
        "step:scoping",
        "template:light-agreement/finish-date",
        "overrides/partials/copyright.html",
    ]
    said = "\n".join(lines)
    assert "the base changed summary, which you patch" in said
    assert "the base no longer has it" in said
    # Marking them reviewed leaves only the patch to nothing, until its lines go.
    assert main(["status", str(project), "--reviewed"]) == 0
    assert to_review(status_lines(project, capsys)) == ["template:light-agreement/finish-date"]
    edit(
        project / "local" / "changes.yml",
        "  template:light-agreement/finish-date:\n"
        "    help: Most of our projects finish before the summer holidays.\n",
        "",
    )
    lines = status_lines(project, capsys)
    assert to_review(lines) == []
    # Nothing removed comes back.
    assert "removed" in "\n".join(lines) and "template:dispute-resolution" in "\n".join(lines)


# -- an old-style fork becomes a layer with one command ---------------------------------------


def html_of(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(site.rglob("*.html"))
    }


def test_migrate_turns_an_old_fork_into_a_layer_that_builds_the_same_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The fork's history: the base as it came, then the organisation's edits in place.
    fork = copy_project(tmp_path)
    shutil.copy(ROOT / ".gitignore", fork / ".gitignore")
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "the base")):
        assert git(fork, *args).returncode == 0
    shutil.rmtree(fork / "data")
    shutil.copytree(OLD_FORK / "data", fork / "data")
    shutil.copytree(OLD_FORK / "content", fork / "content", dirs_exist_ok=True)
    assert git(fork, "add", "-A").returncode == 0
    assert git(fork, "commit", "-q", "-m", "our edits").returncode == 0
    old = html_of(build_site(fork, tmp_path / "old"))

    assert main(["migrate", str(fork), "--from", "HEAD~1"]) == 0
    assert "wrote local/" in capsys.readouterr().out
    # The base's files are back as they came; the fork's changes are all in local/.
    assert git(fork, "add", "-A").returncode == 0
    changed = git(fork, "diff", "--cached", "--name-only", "HEAD~1").stdout.split()
    assert changed and all(name.startswith("local/") for name in changed)
    new = html_of(build_site(fork, tmp_path / "new"))
    assert sorted(new) == sorted(old)
    different = [page for page in old if old[page] != new[page]]
    assert different == []


def test_the_projects_menu_and_page_templates_come_from_local(
    project: Path, tmp_path: Path
) -> None:
    own = project / "local"
    (own / "site.yml").write_text(
        "site_url: https://riverside.example.org/toolkit/\n"
        'nav:\n  - Home: index.md\n  - "@toolkit"\n  - About: about.md\n',
        encoding="utf-8",
    )
    templates = own / "overrides" / "toolkit"
    templates.mkdir(parents=True)
    step = (ROOT / "plugins" / "partnership_toolkit" / "templates" / "step.md.j2").read_text()
    (templates / "step.md.j2").write_text(
        step + "\nRiverside's own step layout.\n", encoding="utf-8"
    )
    site = build_site(project, tmp_path / "site")
    nav = soup(site, "index.html").select(
        "nav.md-nav--primary > ul > li > a, nav.md-nav--primary > ul > li > label"
    )
    titles = [" ".join(a.get_text().split()) for a in nav]
    assert "How to use this toolkit" not in titles and "Customising" not in titles
    assert "Riverside's own step layout." in text_of(site, "getting-started/scoping/index.html")
    assert "Riverside's own step layout." not in text_of(site, "getting-started/index.html")


def test_a_mistake_in_site_yml_is_located_there(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "local" / "site.yml").write_text("sit_url: https://x.example/\n", "utf-8")
    capsys.readouterr()
    assert main(["validate", str(project)]) == 1
    err = capsys.readouterr().err
    assert "local/site.yml:1:1: sit_url: unknown key 'sit_url' (did you mean 'site_url'?)" in err
    assert "Traceback" not in err


def test_a_misnamed_file_in_local_is_reported_not_ignored(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "local" / "changes.yml").rename(project / "local" / "changes.yaml")
    assert validate(project, capsys) == [
        "local/changes.yaml:1:1: nothing in local/ reads this (did you mean 'changes.yml'?)",
        "1 problem in the toolkit's data; fix it and try again.",
    ]


def test_what_a_new_user_got_wrong_is_located_never_silently_dropped(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Mistakes a trial user made, each once silent: a removal of a page that is
    not there, of the home page, an item id misspelt, two new steps with one
    id (the second used to hide the first), and the project's own `related`
    naming a step it removes."""
    changes = project / "local" / "changes.yml"
    edit(
        changes,
        "remove:\n",
        "remove:\n  - content/contact.md\n  - content/index.md\n  - step:delivering\n",
    )
    edit(
        changes,
        "patch:\n",
        "patch:\n  checklist:getting-started/agree-joint-purpse:\n    text: x\n",
    )
    step = "      title: {}\n      summary: s\n      guidance: g\n" + (
        "      sources: [riverside-handbook]\n"
    )
    changes.write_text(
        changes.read_text()
        + "add:\n  stage:working-together:\n    - id: checking-in-again\n"
        + step.format("First")
        + "    - id: checking-in-again\n"
        + step.format("Second")
        + "order:\n  stage:working-together: [checking-in-again]\n"
    )
    lines = validate(project, capsys)
    assert lines[0] == (
        "local/changes.yml:4:3: patch.checklist:getting-started/agree-joint-purpse: nothing "
        "with id 'agree-joint-purpse' in checklist:getting-started "
        "(did you mean 'agree-joint-purpose'?)"
    )
    assert lines[1] == "local/changes.yml:14:5: remove[0]: the base has no page content/contact.md"
    assert lines[2].startswith("local/changes.yml:15:5: remove[1]: the home page cannot be removed")
    assert (
        "local/changes.yml:25:11: add.stage:working-together[1].id: duplicate step id "
        "'checking-in-again' (already used at local/changes.yml:20:11); ids must be unique"
    ) in lines
    assert lines[-2].startswith(
        "local/data/checklists/volunteer-safety.yml:5:1: 1 link names an item this toolkit "
        "removes (in local/changes.yml): local/data/checklists/volunteer-safety.yml:5 names "
        "step:delivering"
    )


def test_toolkit_new_never_adds_a_step_id_twice(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    argv = ["new", "step", "checking-in-again", "--stage", "working-together"]
    assert main(argv) == 0
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(argv)
    assert "there is already a step 'checking-in-again' (in local/changes.yml)" in (
        capsys.readouterr().err
    )


def test_a_hand_written_page_links_by_kind_and_id(
    project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    page = project / "local" / "content" / "visiting.md"
    page.write_text(
        "# Visiting\n\nStart with [the scoping step](step:scoping).\n\n"
        "Written as code it stays: `[x](step:scoping)`.\n",
        encoding="utf-8",
    )
    site = build_site(project, tmp_path / "site")
    links = soup(site, "visiting/index.html").select("article a[href]")
    assert "../getting-started/scoping/" in [a["href"] for a in links]
    assert "`[x](step:scoping)`" not in text_of(site, "visiting/index.html")
    assert "[x](step:scoping)" in text_of(site, "visiting/index.html")
    page.write_text("# Visiting\n\nStart with [the scoping step](step:scopng).\n", "utf-8")
    with pytest.raises(Exception):  # noqa: B017 - strict mode stops on the warning
        build_site(project, tmp_path / "site2")
    assert any(
        "local/content/visiting.md:3: no toolkit page for link 'step:scopng' "
        "(did you mean 'step:scoping'?)" in r.getMessage()
        for r in caplog.records
    )


# What a review found: each once a traceback, a silent loss or a message in a base file.
HOSTILE_CHANGES = {
    "a field named as an item": (
        "remove:\n  - step:scoping/guidance\n",
        "local/changes.yml:4:5: remove[0]: 'step:scoping/guidance' names a field, not an item",
    ),
    "a list given as an id": (
        "order:\n  stage:working-together: [delivering, [x]]\n",
        "local/changes.yml:4:40: order.stage:working-together[1]: expected an id",
    ),
    "the heart removed": (
        "remove:\n  - theme:listening\n",
        "local/changes.yml:4:5: remove[0]: the theme 'listening' is at the heart of the cycle",
    ),
    "every step of a stage removed": (
        "remove:\n  - step:revising\n  - step:sustaining\n  - step:ending\n",
        "local/changes.yml:6:5: remove[2]: this leaves the list 'steps' that held step:ending "
        "empty",
    ),
    "a source stories cite removed": (
        "remove:\n  - source:nccpe-partnerships-101\n",
        "local/changes.yml:4:1: source:nccpe-partnerships-101 is the source of 8 stories",
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_CHANGES))
def test_a_hostile_change_is_located_in_the_layer(
    project: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    text, expected = HOSTILE_CHANGES[name]
    head = (
        "# yaml-language-server: $schema=../../plugins/partnership_toolkit/schema/"
        "changes.schema.json\npatch: {}\n"
    )
    (project / "local" / "changes.yml").write_text(head + text, encoding="utf-8")
    lines = validate(project, capsys)
    assert any(line.startswith(expected) for line in lines), lines
    assert not [line for line in lines if line.startswith("data/")], lines


def test_a_step_moved_to_another_stage_is_kept_there(project: Path) -> None:
    from partnership_toolkit.load import load

    step = "      title: Revising\n      summary: s\n      guidance: g\n      sources: [x]\n"
    (project / "local" / "changes.yml").write_text(
        "remove:\n  - step:revising\nadd:\n  stage:getting-started:\n    - id: revising\n"
        + step.replace("[x]", "[riverside-handbook]"),
        encoding="utf-8",
    )
    toolkit = load(project / "data", root=project, layer_dir=project / "local")
    stages = {stage.id: [s.id for s in stage.steps] for stage in toolkit.stages}
    assert stages["getting-started"][-1] == "revising"
    assert "revising" not in stages["what-next"]


def test_layer_files_in_the_wrong_shape_or_place_are_reported(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = project / "local"
    (own / "data" / "glossary.yml").write_text("- a term\n", encoding="utf-8")
    (own / "data" / "toolkit.yml").write_text("title: x\n", encoding="utf-8")
    lines = validate(project, capsys)
    assert (
        "local/data/glossary.yml:1:1: expected a mapping, laid out as the base's glossary file"
    ) in lines
    wrong_place = "local/data/toolkit.yml:1:1: a project's toolkit.yml"
    assert any(line.startswith(wrong_place) for line in lines)


def test_pages_the_base_links_to_can_be_removed_and_replaced(project: Path, tmp_path: Path) -> None:
    own = project / "local"
    edit(own / "changes.yml", "remove:\n", "remove:\n  - content/how-to-use.md\n")
    # A replaced base page's links are the replacement's, not the base page's.
    (project / "content" / "extra.md").write_text(
        '# Extra\n\n{{ link("template:dispute-resolution") }}\n', encoding="utf-8"
    )
    (own / "content" / "extra.md").write_text("# Extra\n\nOur own words.\n", encoding="utf-8")
    site = build_site(project, tmp_path / "site")
    assert not (site / "how-to-use").exists()
    assert "how-to-use" not in str(soup(site, "index.html").select_one("article"))
    assert "Our own words." in text_of(site, "extra/index.html")


def test_a_changes_file_of_comments_only_changes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "local" / "changes.yml").write_text("# nothing yet\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", "--data-only", str(project)]) == 0


def test_serve_keeps_its_own_address(project: Path) -> None:
    from mkdocs.config import load_config

    from partnership_toolkit.mkdocs_config import site_settings

    config = load_config(str(project / "mkdocs.yml"))
    config.site_url = "http://127.0.0.1:8000/"
    site_settings(config, project / "local", project, serving=True)
    assert config.site_url == "http://127.0.0.1:8000/"
    site_settings(config, project / "local", project)
    assert config.site_url == "https://riverside.example.org/toolkit/"


def test_a_page_the_projects_menu_names_must_exist(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "local" / "site.yml").write_text(
        'nav:\n  - Home: index.md\n  - "@toolkit"\n  - About us: abuot.md\n', "utf-8"
    )
    capsys.readouterr()
    assert main(["validate", str(project)]) == 1
    assert (
        "local/site.yml:4:15: nav[2].About us: no page abuot.md in content/ or local/content/ "
        "(did you mean 'about.md'?)"
    ) in capsys.readouterr().err
