"""A warm build takes the generated pages from the last build, and whatever a page is
made from, changed, makes the next build draw it again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

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


def edit_data(project: Path, _: pytest.MonkeyPatch) -> str:
    stage = project / "data" / "stages" / "alpha.yml"
    text = stage.read_text("utf-8")
    stage.write_text(text.replace("what each of you brings.", "who brings what."), "utf-8")
    return "who brings what."


def override_a_template(project: Path, _: pytest.MonkeyPatch) -> str:
    override = project / "overrides" / "toolkit" / "step.md.j2"
    override.parent.mkdir(parents=True, exist_ok=True)
    original = (ROOT / "plugins/partnership_toolkit/templates/step.md.j2").read_text("utf-8")
    override.write_text(original + "\nWords only this fork template has.\n", "utf-8")
    return "Words only this fork template has."


def edit_an_override_it_had(project: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    override_a_template(project, monkeypatch)
    build_site(project, project.parent / "between")
    override = project / "overrides" / "toolkit" / "step.md.j2"
    override.write_text(override.read_text("utf-8").replace("only this", "just this"), "utf-8")
    return "Words just this fork template has."


def set_the_site_address(project: Path, _: pytest.MonkeyPatch) -> str:
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert 'site_url: ""' in text
    config.write_text(
        text.replace('site_url: ""', "site_url: https://toolkit.example.org/"), "utf-8"
    )
    return ""  # what changes is the pages' links: drawn again is what is asserted


def upgrade_a_library(_: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    installed = page_cache.installed
    monkeypatch.setattr(
        page_cache, "installed", lambda name: "99.0" if name == "Markdown" else installed(name)
    )
    return ""


def upgrade_the_toolkit(_: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(page_cache, "_package_digest", lambda: b"another release")
    return ""


@pytest.mark.parametrize(
    "change",
    [
        edit_data,
        override_a_template,
        edit_an_override_it_had,
        set_the_site_address,
        upgrade_a_library,
        upgrade_the_toolkit,
    ],
)
def test_whatever_a_page_is_made_from_draws_it_again_when_it_changes(
    tmp_path: Path,
    drawn: list[str],
    monkeypatch: pytest.MonkeyPatch,
    change: Callable[[Path, pytest.MonkeyPatch], str],
) -> None:
    project = copy_project(tmp_path, data=MINIMAL)
    build_site(project, tmp_path / "warm")
    words = change(project, monkeypatch)
    drawn.clear()
    site = build_site(project, tmp_path / "site")
    assert "alpha/plan.md" in drawn
    assert words in (site / STEP_PAGE).read_text("utf-8")


@pytest.mark.parametrize(
    "damage",
    ["", "not json", "[]", '{"key": "x", "pages": []}', "KEY", 'KEY"pages": [[1, 2, 3]]}'],
)
def test_a_damaged_cache_file_is_drawn_again_and_the_site_is_the_same(
    tmp_path: Path, drawn: list[str], damage: str
) -> None:
    project = copy_project(tmp_path, data=MINIMAL)
    first = files(build_site(project, tmp_path / "first"))
    (kept,) = (project / ".cache" / "toolkit" / "rendered").iterdir()
    key = kept.read_text("utf-8").split('"pages"')[0]  # '{"key": "...", '
    kept.write_text(damage.replace("KEY", key), "utf-8")
    drawn.clear()
    assert files(build_site(project, tmp_path / "second")) == first
    assert "alpha/plan.md" in drawn
