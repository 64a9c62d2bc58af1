"""Data is untrusted input: a partner's pull request can put anything in a text
field, and the build either refuses it with a located message or publishes it
as text, with nothing injected and no template expression evaluated.

The whole site is built, with the real ``mkdocs.yml`` (mkdocs-macros, attribute
lists and all), from the minimal toolkit with hostile text in every text field
the schemas name: ``hostile.py`` finds them, so a new field is covered too.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from hostile import MARKDOWN_PAYLOAD, PAYLOAD, audit_site, fill
from sitekit import FIXTURES, build_site, copy_project


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int]:
    tmp = tmp_path_factory.mktemp("hostile")
    project = copy_project(tmp, data=FIXTURES / "minimal" / "data")
    count = itertools.count(1)  # each text differs: choice options must be unique
    filled = fill(project / "data", lambda _file, _path, kind: (
        MARKDOWN_PAYLOAD if kind == "markdown" else PAYLOAD) + f" (text {next(count)})")
    # The hand-written pages print data through macros too.
    (project / "content" / "index.md").write_text(
        "# {{ toolkit.title }}\n\n{{ toolkit.tagline }}\n\n{{ toolkit.organisation.name }}\n\n"
        "{{ link('stage:alpha') }}\n\n{{ stage_cards() }}\n\n{{ sources_list() }}\n",
        encoding="utf-8")
    return project, build_site(project, tmp / "site"), filled


def test_every_text_field_was_filled(hostile_site: tuple[Path, Path, int]) -> None:
    _, _, filled = hostile_site
    assert filled > 60  # every title, summary, guidance, label, help ... of the toolkit


def test_nothing_from_the_data_became_markup_script_or_jinja(
        hostile_site: tuple[Path, Path, int]) -> None:
    _, site, _ = hostile_site
    assert audit_site(site) == {}


def test_the_hostile_text_is_shown_as_written(hostile_site: tuple[Path, Path, int]) -> None:
    """Nothing is lost either: the emoji title, the braces and the Jinja are text."""
    _, site, _ = hostile_site
    page = BeautifulSoup((site / "alpha" / "plan" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    heading = page.find("h1").get_text(" ", strip=True)
    assert heading.startswith("Scoping 🚀 and 👩🏽‍🤝‍👩🏻 partners {{ 'JIN' ~ 'JA' }}")
    assert "{ onclick=alert(1) }" in heading
    assert "Scoping 🚀" in page.find("title").get_text()
    guidance = page.find(id="guidance").find_next_sibling()
    assert "{: .tk-lead onclick=alert(2) }" in guidance.get_text()
    # Markdown reads __init__ as bold in a Markdown field; the braces stay text.
    assert "{{ cycler.init.globals.os.getcwd() }}" in guidance.get_text()


def test_validate_agrees_with_the_build(hostile_site: tuple[Path, Path, int]) -> None:
    project, _, _ = hostile_site
    result = subprocess.run([str(Path(sys.executable).parent / "toolkit"), "validate",
                             str(project)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")
