"""A warm build takes the generated pages from the last build, and whatever a page is
made from, changed, makes the next build draw it again."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from partnership_toolkit import page_cache
from partnership_toolkit.render import Renderer
from sitekit import FIXTURES, ROOT, build_site, copy_project

MINIMAL = FIXTURES / "minimal" / "data"
STEP_PAGE = Path("alpha") / "plan" / "index.html"


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The source of every page the build draws from a template, as it draws it."""
    seen: list[str] = []
    original = Renderer._page

    def spy(self: Renderer, template_name: str, src: str, *args: object, **kw: object) -> object:
        seen.append(src)
        return original(self, template_name, src, *args, **kw)

    monkeypatch.setattr(Renderer, "_page", spy)
    return seen


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_a_warm_build_draws_no_page_and_publishes_the_same_site(
    tmp_path: Path, drawn: list[str]
) -> None:
    project = copy_project(tmp_path, data=MINIMAL)
    first = files(build_site(project, tmp_path / "first"))
    assert "alpha/plan.md" in drawn
    drawn.clear()
    second = files(build_site(project, tmp_path / "second"))
    assert drawn == []
    assert second == first


def edit_data(project: Path, _: pytest.MonkeyPatch) -> tuple[str, Path]:
    stage = project / "data" / "stages" / "alpha.yml"
    text = stage.read_text("utf-8")
    stage.write_text(text.replace("what each of you brings.", "who brings what."), "utf-8")
    return "who brings what.", STEP_PAGE


def override_a_template(project: Path, _: pytest.MonkeyPatch) -> tuple[str, Path]:
    override = project / "overrides" / "toolkit" / "step.md.j2"
    override.parent.mkdir(parents=True, exist_ok=True)
    original = (ROOT / "plugins/partnership_toolkit/templates/step.md.j2").read_text("utf-8")
    override.write_text(original + "\nWords only this fork template has.\n", "utf-8")
    return "Words only this fork template has.", STEP_PAGE


def edit_an_override_it_had(project: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Path]:
    override_a_template(project, monkeypatch)
    build_site(project, project.parent / "between")
    override = project / "overrides" / "toolkit" / "step.md.j2"
    override.write_text(override.read_text("utf-8").replace("only this", "just this"), "utf-8")
    return "Words just this fork template has.", STEP_PAGE


def edit_a_template_in_a_linked_folder(project: Path, _: pytest.MonkeyPatch) -> tuple[str, Path]:
    """A fork shares templates through a link, which Jinja's loader follows."""
    shared = project / "shared"
    shared.mkdir()
    (shared / "note.md.j2").write_text("The shared note, first version.\n", "utf-8")
    overrides = project / "overrides" / "toolkit"
    (overrides / "shared").symlink_to(shared, target_is_directory=True)
    original = (ROOT / "plugins/partnership_toolkit/templates/step.md.j2").read_text("utf-8")
    (overrides / "step.md.j2").write_text(
        original + "\n{% include 'shared/note.md.j2' %}\n", "utf-8"
    )
    build_site(project, project.parent / "between")
    (shared / "note.md.j2").write_text("The shared note, second version.\n", "utf-8")
    return "The shared note, second version.", STEP_PAGE


def turn_directory_urls_off(project: Path, _: pytest.MonkeyPatch) -> tuple[str, Path]:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\nuse_directory_urls: false\n", "utf-8")
    return 'href="../beta/index.html"', Path("alpha") / "plan.html"


def upgrade_a_library(_: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Path]:
    installed = page_cache.installed
    monkeypatch.setattr(
        page_cache, "installed", lambda name: "99.0" if name == "Markdown" else installed(name)
    )
    return "", STEP_PAGE


def edit_the_toolkits_own_files(project: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Path]:
    """As a maintainer does under `mkdocs serve`, in the same process: the package's
    files are read again on every build (here a copy of them, so nothing real changes)."""
    package = project.parent / "package"
    shutil.copytree(page_cache.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(page_cache, "PACKAGE", package)
    build_site(project, project.parent / "between")
    (package / "templates" / "step.md.j2").write_text("edited\n", "utf-8")
    return "", STEP_PAGE


@pytest.mark.parametrize(
    "change",
    [
        edit_data,
        override_a_template,
        edit_an_override_it_had,
        edit_a_template_in_a_linked_folder,
        turn_directory_urls_off,
        upgrade_a_library,
        edit_the_toolkits_own_files,
    ],
)
def test_whatever_a_page_is_made_from_draws_it_again_when_it_changes(
    tmp_path: Path,
    drawn: list[str],
    monkeypatch: pytest.MonkeyPatch,
    change: Callable[[Path, pytest.MonkeyPatch], tuple[str, Path]],
) -> None:
    project = copy_project(tmp_path, data=MINIMAL)
    build_site(project, tmp_path / "warm")
    words, page = change(project, monkeypatch)
    drawn.clear()
    site = build_site(project, tmp_path / "site")
    assert "alpha/plan.md" in drawn
    assert words in (site / page).read_text("utf-8")


def test_a_text_a_translator_gives_in_the_sources_own_words_is_marked_again(
    tmp_path: Path,
) -> None:
    """Whether a text is untranslated (and so marked with the source's language) can
    change while every text stays the same: the warm build marks it as a cold one does."""
    project = copy_project(tmp_path, data=MINIMAL)
    local = project / "local"
    (local / "translations" / "cy").mkdir(parents=True)
    (local / "toolkit.yml").write_text("translations: [cy]\n", "utf-8")
    words = local / "translations" / "cy" / "alpha.yml"
    words.write_text("step:plan:\n  title: Cynllunio\n", "utf-8")
    page = Path("cy") / STEP_PAGE
    first = (build_site(project, tmp_path / "first") / page).read_text("utf-8")
    assert '<div class="tk-prose" lang="en">' in first  # the guidance, untranslated
    guidance = yaml.safe_load((MINIMAL / "stages" / "alpha.yml").read_text("utf-8"))
    (step,) = [s for s in guidance["steps"] if s["id"] == "plan"]
    words.write_text(
        yaml.safe_dump({"step:plan": {"title": "Cynllunio", "guidance": step["guidance"]}}),
        "utf-8",
    )
    warm = (build_site(project, tmp_path / "warm") / page).read_text("utf-8")
    shutil.rmtree(project / ".cache")
    cold = (build_site(project, tmp_path / "cold") / page).read_text("utf-8")
    assert warm == cold
    assert '<div class="tk-prose" lang="en">' not in warm  # the guidance counts as translated


@pytest.mark.parametrize(
    "damage",
    [
        "",
        "not json",
        "[]",
        '{"key": "x", "contents": []}',
        "KEY",
        'KEY"contents": [1, 2, 3]}',
        'KEY"contents": ["one page only"]}',
    ],
)
def test_a_damaged_cache_file_is_drawn_again_and_the_site_is_the_same(
    tmp_path: Path, drawn: list[str], damage: str
) -> None:
    project = copy_project(tmp_path, data=MINIMAL)
    first = files(build_site(project, tmp_path / "first"))
    (kept,) = (project / ".cache" / "toolkit" / "rendered").iterdir()
    key = kept.read_text("utf-8").split('"contents"')[0]  # '{"key": "...", '
    kept.write_text(damage.replace("KEY", key), "utf-8")
    drawn.clear()
    assert files(build_site(project, tmp_path / "second")) == first
    assert "alpha/plan.md" in drawn
