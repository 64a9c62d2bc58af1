"""The health check in Chromium, as a partner fills it in: answers and notes
kept in this browser across a reload, exported as a file under the name they
chose, taken back from that file, and a file of another health check or of
another version refused with a message naming both. Also from the offline
folder, with the keyboard alone, and with axe-core finding nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_checklists import WCAG

ADDRESS = "assessments/health-check/"
TOOLBAR = ".tk-assessment .tk-toolbar:not([hidden])"


def radio(page, statement: str, value: str):
    return page.locator(f"input[name='health-check--{statement}'][value='{value}']")


def open_check(page, url: str) -> None:
    page.goto(url)
    page.locator(TOOLBAR).wait_for()


def export(page, tmp_path: Path) -> dict:
    with page.expect_download() as info:
        page.click(".tk-assessment [data-tk-action=export]")
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return {"name": path.name, **json.loads(path.read_text(encoding="utf-8"))}


@pytest.mark.data_loss
@pytest.mark.parametrize("where", ["served", "offline"])
def test_a_partner_answers_reloads_and_exports_their_answers(page, request, where, tmp_path):
    if where == "served":
        url = request.getfixturevalue("site_url") + ADDRESS
    else:
        url = (
            request.getfixturevalue("offline_site") / "assessments" / "health-check.html"
        ).as_uri()
    open_check(page, url)
    page.fill("[data-tk-label]", "Riverside Community Network")
    radio(page, "purpose-agreed", "4").check()
    radio(page, "aims-and-objectives", "dont-know").check()
    page.locator("[data-tk-statement=purpose-agreed] textarea").fill("We wrote it down in May.")
    page.wait_for_timeout(400)  # the note is saved a moment after typing stops
    page.reload()
    page.locator(TOOLBAR).wait_for()
    assert radio(page, "purpose-agreed", "4").is_checked()
    assert radio(page, "aims-and-objectives", "dont-know").is_checked()
    assert page.input_value("[data-tk-statement=purpose-agreed] textarea") == (
        "We wrote it down in May."
    )
    assert "2 of 36" in page.locator("[data-tk-progress]").inner_text()

    answers = export(page, tmp_path)
    assert answers["name"] == "health-check-riverside-community-network.json"
    assert answers["format"] == "partnership-toolkit-assessment-answers"
    assert answers["assessment"] == "health-check"
    assert answers["version"] == page.get_attribute("[data-tk-assessment]", "data-tk-version")
    assert answers["label"] == "Riverside Community Network"
    assert answers["answers"]["purpose-agreed"] == {
        "value": "4",
        "note": "We wrote it down in May.",
    }
    assert answers["answers"]["aims-and-objectives"]["value"] == "dont-know"
    assert page.log.page_errors == []


@pytest.mark.data_loss
def test_answers_come_back_from_their_file_and_others_are_refused(page, site_url, tmp_path):
    open_check(page, site_url + ADDRESS)
    page.fill("[data-tk-label]", "Council")
    radio(page, "purpose-agreed", "2").check()
    answers = export(page, tmp_path)
    page.once("dialog", lambda dialog: dialog.accept())
    page.click(".tk-assessment [data-tk-action=clear]")
    assert not radio(page, "purpose-agreed", "2").is_checked()

    own = tmp_path / answers["name"]
    page.set_input_files(".tk-assessment [data-tk-import-file]", files=[str(own)])
    chosen = "input[name='health-check--purpose-agreed'][value='2']"
    page.wait_for_function(f"() => document.querySelector({chosen!r}).checked")
    assert page.input_value("[data-tk-label]") == "Council"

    status = page.locator(".tk-assessment [data-tk-status]")
    other = dict(answers, assessment="another-check", title="Another check")
    (tmp_path / "other.json").write_text(json.dumps(other), encoding="utf-8")
    page.set_input_files(
        ".tk-assessment [data-tk-import-file]", files=[str(tmp_path / "other.json")]
    )
    page.wait_for_function(
        "() => /Another check/.test(document.querySelector('[data-tk-status]').textContent)"
    )
    assert (
        "Another check" in status.inner_text() and "Partnership health check" in status.inner_text()
    )

    older = dict(answers, version="0000")
    (tmp_path / "older.json").write_text(json.dumps(older), encoding="utf-8")
    page.set_input_files(
        ".tk-assessment [data-tk-import-file]", files=[str(tmp_path / "older.json")]
    )
    page.wait_for_function(
        "() => /0000/.test(document.querySelector('[data-tk-status]').textContent)"
    )
    assert answers["version"] in status.inner_text()
    assert radio(page, "purpose-agreed", "2").is_checked()  # nothing it held was lost


def test_export_asks_for_a_name_first(page, site_url):
    open_check(page, site_url + ADDRESS)
    radio(page, "purpose-agreed", "5").check()
    page.click(".tk-assessment [data-tk-action=export]")
    assert page.evaluate("document.activeElement.matches('[data-tk-label]')")
    assert "name or organisation" in page.locator("[data-tk-status]").inner_text()


def test_a_statement_is_answered_with_the_keyboard_alone(page, site_url):
    open_check(page, site_url + ADDRESS)
    first = radio(page, "purpose-agreed", "1")
    first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert radio(page, "purpose-agreed", "3").is_checked()
    outline = radio(page, "purpose-agreed", "3").evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"


def test_axe_finds_no_violations_on_the_health_check(page, site_url):
    from axe_playwright_python.sync_playwright import Axe

    open_check(page, site_url + ADDRESS)
    radio(page, "purpose-agreed", "4").check()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    assert results.violations_count == 0, results.generate_report()
