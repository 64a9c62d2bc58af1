"""The reader's answers survive a full storage quota, corrupted saved data and
a second tab editing the same template: the page warns in words, never throws,
and never loses what is on the screen.

The warnings are the toolkit's own strings (strings/en.yml, as the page
carries them), so the test follows the wording.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from partnership_toolkit.load import load
from partnership_toolkit.urls import Addresses
from sitekit import ROOT

TOOLKIT = load(ROOT / "data")
ADDRESSES = Addresses(TOOLKIT)
WORDS = TOOLKIT.strings

FULL_QUOTA = """() => {
  Storage.prototype.setItem = function () {
    throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
  };
}"""
TEXT_FIELDS = "[data-tk-field] > input[type=text], [data-tk-field] > textarea"
GARBAGE = '{"answers": {"half a record'


def _address(link: str) -> str:
    src = ADDRESSES.target(link)[0]
    return src[: -len("index.md")] if src.endswith("index.md") else src[:-3] + "/"


TEMPLATE = _address(f"template:{TOOLKIT.templates[0].id}")
CHECKLIST = _address(f"checklist:{TOOLKIT.checklists[0].id}")


def _type_and_save(page, field, text: str) -> None:
    field.fill(text)
    expect(page.locator("[data-tk-status]")).to_have_text(WORDS["storage_saved"])


def _checklist_text(page, key: str) -> str:
    words = page.locator("[data-tk-checklist]").first.get_attribute("data-tk-words")
    return json.loads(words)[key]


@pytest.fixture
def filled(page, site_url):
    """A template with two answers and a checklist with two ticks, saved."""
    page.goto(site_url + CHECKLIST)
    boxes = page.locator("[data-tk-checklist] input[type=checkbox]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.goto(site_url + TEMPLATE)
    fields = page.locator(TEXT_FIELDS)
    _type_and_save(page, fields.nth(0), "First answer")
    _type_and_save(page, fields.nth(1), "Second answer")
    keys = page.evaluate("Object.keys(localStorage)")
    assert len(keys) == 2, f"expected one saved record for each, found {keys}"
    return page


def test_a_full_storage_quota_warns_and_keeps_the_answers_on_screen(filled, site_url):
    page = filled
    page.evaluate(FULL_QUOTA)
    fields = page.locator(TEXT_FIELDS)
    fields.nth(0).fill("First answer, longer now")
    warning = page.locator("[data-tk-storage-warning]")
    expect(warning).to_be_visible()
    expect(warning).to_have_text(WORDS["storage_unavailable"])
    expect(fields.nth(0)).to_have_value("First answer, longer now")
    expect(fields.nth(1)).to_have_value("Second answer")

    page.goto(site_url + CHECKLIST)
    page.evaluate(FULL_QUOTA)
    boxes = page.locator("[data-tk-checklist] input[type=checkbox]")
    boxes.nth(2).check()
    expect(page.locator("[data-tk-checklist] [data-tk-status]").first).to_have_text(
        _checklist_text(page, "storage_unavailable")
    )
    for n in range(3):
        expect(boxes.nth(n)).to_be_checked()
    assert page.log.page_errors == []


def test_corrupted_saved_data_warns_and_keeps_the_unreadable_text(filled, site_url):
    page = filled
    keys = page.evaluate("Object.keys(localStorage)")
    page.evaluate(
        "([keys, garbage]) => keys.forEach(k => localStorage.setItem(k, garbage))", [keys, GARBAGE]
    )

    page.goto(site_url + TEMPLATE)
    warning = page.locator("[data-tk-storage-warning]")
    expect(warning).to_be_visible()
    expect(warning).to_have_text(WORDS["storage_corrupt"])
    fields = page.locator(TEXT_FIELDS)
    expect(fields.nth(0)).to_have_value("")
    # The page goes on working: a new answer is saved.
    _type_and_save(page, fields.nth(0), "A fresh start")

    page.goto(site_url + CHECKLIST)
    expect(page.locator("[data-tk-checklist] [data-tk-status]").first).to_have_text(
        _checklist_text(page, "storage_corrupt")
    )
    expect(page.locator("[data-tk-checklist] input[type=checkbox]:checked")).to_have_count(0)

    # Nothing saved is thrown away: the unreadable text is kept beside each record.
    kept = page.evaluate("(keys) => keys.map(k => localStorage.getItem(k + ':unreadable'))", keys)
    assert kept == [GARBAGE, GARBAGE]
    assert page.log.page_errors == []


@pytest.mark.data_loss
def test_a_second_tab_editing_the_same_template_brings_in_the_others_answers(filled, site_url):
    first = filled
    second = first.context.new_page()
    errors: list[str] = []
    second.on("pageerror", lambda e: errors.append(str(e)))
    second.goto(site_url + TEMPLATE)
    second_fields = second.locator(TEXT_FIELDS)
    expect(second_fields.nth(0)).to_have_value("First answer")
    second_fields.nth(1).fill("Typed in the second tab, not yet saved")

    first_fields = first.locator(TEXT_FIELDS)
    _type_and_save(first, first_fields.nth(0), "Changed in the first tab")

    # The second tab shows the first tab's change, says so, and keeps its own typing;
    # once it saves, the first tab has both.
    expect(second_fields.nth(0)).to_have_value("Changed in the first tab")
    expect(second.locator("[data-tk-notice]")).to_have_text(WORDS["storage_other_tab"])
    expect(second_fields.nth(1)).to_have_value("Typed in the second tab, not yet saved")
    expect(first_fields.nth(1)).to_have_value("Typed in the second tab, not yet saved")
    expect(first_fields.nth(0)).to_have_value("Changed in the first tab")
    assert errors == []
    assert first.log.page_errors == []
