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
from sitekit import FIXTURES, build_site, copy_project, serve

QUICK_CHECK = """\
title: Quick check
summary: Three statements.
purpose: Each partner answers on their own.
scale:
  - {value: 1, label: "No"}
  - {value: 2, label: Partly}
  - {value: 3, label: "Yes"}
sections:
  - id: basics
    title: Basics
    introduction: The first things.
    statements:
      - {id: one, text: We agree., evidence: "How?", related: [step:plan]}
      - {id: two, text: We talk.}
sources: [source-one]
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int]:
    tmp = tmp_path_factory.mktemp("hostile")
    project = copy_project(tmp, data=FIXTURES / "minimal" / "data")
    # A health check too: its statements reach a page, a JSON attribute the
    # comparison reads, and the printed questionnaire.
    (project / "data" / "assessments").mkdir()
    (project / "data" / "assessments" / "quick-check.yml").write_text(QUICK_CHECK, "utf-8")
    count = itertools.count(1)  # each text differs: choice options must be unique
    filled = fill(
        project / "data",
        lambda _file, _path, kind: (
            (MARKDOWN_PAYLOAD if kind == "markdown" else PAYLOAD) + f" (text {next(count)})"
        ),
    )
    # The hand-written pages print data through macros too.
    (project / "content" / "index.md").write_text(
        "# {{ toolkit.title }}\n\n{{ toolkit.tagline }}\n\n{{ toolkit.organisation.name }}\n\n"
        "{{ link('stage:alpha') }}\n\n{{ stage_cards() }}\n\n{{ sources_list() }}\n",
        encoding="utf-8",
    )
    return project, build_site(project, tmp / "site"), filled


def test_every_text_field_was_filled(hostile_site: tuple[Path, Path, int]) -> None:
    _, _, filled = hostile_site
    assert filled > 60  # every title, summary, guidance, label, help ... of the toolkit


def test_nothing_from_the_data_became_markup_script_or_jinja(
    hostile_site: tuple[Path, Path, int],
) -> None:
    _, site, _ = hostile_site
    assert audit_site(site) == {}


def test_the_hostile_text_is_shown_as_written(hostile_site: tuple[Path, Path, int]) -> None:
    """Nothing is lost either: the emoji title, the braces and the Jinja are text."""
    _, site, _ = hostile_site
    page = BeautifulSoup(
        (site / "alpha" / "plan" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    heading = page.find("h1").get_text(" ", strip=True)
    assert heading.startswith("Scoping 🚀 and 👩🏽‍🤝‍👩🏻 partners {{ 'JIN' ~ 'JA' }}")
    assert "{ onclick=alert(1) }" in heading
    assert "Scoping 🚀" in page.find("title").get_text()
    # The theme's own escaping does not escape again what the toolkit escaped.
    labels = [a["aria-label"] for a in page.select("a.md-footer__link[aria-label]")]
    assert labels and all('"quoted"' in label and "&quot;" not in label for label in labels)
    guidance = page.find(id="guidance").find_next_sibling()
    assert "{: .tk-lead onclick=alert(2) }" in guidance.get_text()
    # Markdown reads __init__ as bold in a Markdown field; the braces stay text.
    assert "{{ cycler.init.globals.os.getcwd() }}" in guidance.get_text()


def test_validate_agrees_with_the_build(hostile_site: tuple[Path, Path, int]) -> None:
    project, _, _ = hostile_site
    result = subprocess.run(
        [str(Path(sys.executable).parent / "toolkit"), "validate", str(project)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")


def test_in_chromium_no_hostile_page_runs_script_or_breaks(
    hostile_site: tuple[Path, Path, int], page, tmp_path: Path
) -> None:
    """As a reader meets it: every page of the hostile site opened, clicked through
    and typed into in Chromium; no dialog opens, no script error, no request
    leaves the site, and the checklist and template still work."""
    _, site, _ = hostile_site
    url, stop = serve(site)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        for html_file in sorted(site.rglob("index.html")):
            address = url + html_file.parent.relative_to(site).as_posix() + "/"
            page.goto(address.replace("/./", "/"))
            page.wait_for_load_state("load")
            # onmouseover and onfocus, if any had got through
            page.evaluate("""() => document.querySelectorAll('article *').forEach(e => {
                e.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
                e.dispatchEvent(new FocusEvent('focus'));
            })""")
            assert (
                page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(e =>
                [...e.attributes].filter(a => a.name.startsWith('on')).map(a => a.name))""")
                == []
            )
        page.goto(url + "checklists/first-steps/")
        page.locator("input[type=checkbox][data-tk-item]").first.check()
        page.reload()
        assert page.locator("input[type=checkbox][data-tk-item]").first.is_checked()
        page.goto(url + "templates/simple-agreement/")
        field = page.locator("article input[type=text]").first
        field.fill("Our first workshop 🚀 {{ 7 * 7 }}")
        page.wait_for_timeout(600)  # the autosave
        page.reload()
        assert field.input_value() == "Our first workshop 🚀 {{ 7 * 7 }}"
        # The health check: answered, exported, and compared, every statement's
        # hostile words drawn by the script as text.
        page.goto(url + "assessments/quick-check/")
        page.fill("[data-tk-label]", "<img src=x onerror=alert(7)> {{ 7 * 7 }}")
        page.locator("input[name='quick-check--one'][value='1']").check()
        page.locator("input[name='quick-check--two'][value='3']").check()
        with page.expect_download() as info:
            page.click(".tk-assessment [data-tk-action=export]")
        answers = tmp_path / "answers.json"
        info.value.save_as(answers)
        page.goto(url + "assessments/quick-check/compare/")
        page.set_input_files("[data-tk-compare-files]", files=[str(answers)])
        page.locator(".tk-compare__statement").first.wait_for()
        results = page.locator("[data-tk-results]")
        shown = results.text_content()
        assert "Scoping 🚀" in shown
        assert "{{ 'JIN' ~ 'JA' }}" in shown
        assert "<img src=x onerror=alert(7)>" in shown
        assert results.locator("img, script, a[onclick]").count() == 0
        page.evaluate(
            "() => document.querySelectorAll('[data-tk-results] *').forEach(e =>"
            " e.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})))"
        )
    finally:
        stop()
    assert dialogs == []
    assert page.log.page_errors == []
    assert page.log.external(url) == []
