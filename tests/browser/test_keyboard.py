"""A reader with no mouse completes a checklist and an agreement template:
Tab to move, Space to tick, typing to answer, Enter to press a button.

The walk starts at the top of the page and visits every control in tab
order, so it also proves that each one can be reached and that focus never
gets stuck. What it typed is still there after a reload.
"""

from __future__ import annotations

import json
import re

from playwright.sync_api import expect

from partnership_toolkit.load import load
from partnership_toolkit.urls import Addresses
from sitekit import ROOT

TOOLKIT = load(ROOT / "data")
ADDRESSES = Addresses(TOOLKIT)
MAX_TABS = 600  # far more than any page has controls: a stuck focus ends the walk

# What has the focus, and where it is relative to a part of the page.
FOCUS = """(scope) => {
  const el = document.activeElement;
  const root = document.querySelector(scope);
  if (!el || el === document.body || !root) return {where: "none"};
  const where = root.contains(el) ? "inside"
    : (root.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING ? "after" : "before");
  return {where, tag: el.tagName.toLowerCase(), type: el.type || "",
          id: el.id, role: el.getAttribute("data-tk-action") || "",
          field: !!el.closest("[data-tk-field]"),
          options: el.tagName === "SELECT" ? [...el.options].map(o => o.value) : []};
}"""

# Every answer control of the template in page order, with its value.
ANSWERS = """() => [...document.querySelectorAll(
    "[data-tk-field] input, [data-tk-field] textarea, [data-tk-field] select")]
  .filter(el => !el.closest("template") && el.type !== "file")
  .map(el => [el.id, el.type === "checkbox" ? String(el.checked) : el.value])"""


def _address(link: str) -> str:
    src = ADDRESSES.target(link)[0]
    return src[: -len("index.md")] if src.endswith("index.md") else src[:-3] + "/"


def _tab_through(page, scope: str, act) -> int:
    """Press Tab from the top of the page until the focus leaves ``scope``,
    calling ``act(focus)`` on each control inside it; return how many."""
    page.locator("body").focus()
    seen_inside = 0
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS, scope)
        if focus["where"] == "inside":
            seen_inside += 1
            act(focus)
        elif focus["where"] == "after" or (focus["where"] == "none" and seen_inside):
            return seen_inside
    raise AssertionError(f"after {MAX_TABS} presses of Tab the focus had not left {scope}")


def test_a_checklist_is_completed_with_the_keyboard_alone(page, site_url):
    checklist = TOOLKIT.checklists[0]
    page.goto(site_url + _address(f"checklist:{checklist.id}"))
    boxes = page.locator("[data-tk-checklist] input[type=checkbox][data-tk-item]")
    total = boxes.count()
    assert total == sum(len(s.items) for s in checklist.sections)

    def tick(focus: dict) -> None:
        if focus["type"] == "checkbox":
            page.keyboard.press("Space")

    _tab_through(page, "[data-tk-checklist]", tick)

    expect(page.locator("[data-tk-checklist] input[type=checkbox]:checked")).to_have_count(total)
    overall = page.locator('[data-tk-progress="all"]')
    words = page.locator("[data-tk-checklist]").get_attribute("data-tk-words")
    done = json.loads(words)["checklist_progress_overall"]
    expect(overall).to_have_text(done.format(done=total, total=total))
    page.reload()
    expect(page.locator("[data-tk-checklist] input[type=checkbox]:checked")).to_have_count(total)
    assert page.log.page_errors == []


def test_a_template_is_completed_with_the_keyboard_alone(page, site_url):
    template = next(
        t for t in TOOLKIT.templates if any(f.type == "rows" for s in t.sections for f in s.fields)
    )
    page.goto(site_url + _address(f"template:{template.id}"))
    typed: dict[str, str] = {}

    def answer(focus: dict) -> None:
        if not focus["field"] or focus["tag"] == "button":
            return  # guidance links, the toolbar and row buttons are only passed by
        kind, key = focus["type"], focus["id"]
        if kind == "checkbox":
            page.keyboard.press("Space")
        elif focus["tag"] == "select":
            # Typing the first letter of an option chooses it, as in any browser.
            option = page.locator(f"#{key} option").nth(1).inner_text()
            page.keyboard.type(option[0])
        elif kind == "date":
            page.keyboard.type("01")
            page.keyboard.type("05")
            page.keyboard.type("2026")
        elif kind == "number":
            page.keyboard.type("3")
        elif kind == "email":
            page.keyboard.type("someone@example.org")
        elif kind in ("text", "textarea", "search", "tel", "url"):
            page.keyboard.type(f"Answer for {key}")
        typed[key] = kind

    controls = _tab_through(page, ".md-content article", answer)
    assert controls >= len(typed) > 0

    # Enter on "Add a row" adds a row and puts the focus in it, to be filled in.
    rows_field = page.locator("[data-tk-field][data-tk-type=rows]").first
    field_id = rows_field.get_attribute("data-tk-field")
    rows = rows_field.locator("[data-tk-row]")
    before = rows.count()
    rows_field.locator("[data-tk-action=add-row]").focus()
    page.keyboard.press("Enter")
    expect(rows).to_have_count(before + 1)
    new_row = f'[data-tk-field="{field_id}"] [data-tk-row]:nth-child({before + 1})'
    focus = page.evaluate(FOCUS, new_row)
    while focus["where"] == "inside" and focus["tag"] != "button":
        answer(focus)
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS, new_row)

    expect(page.locator("[data-tk-completeness]")).to_contain_text(
        TOOLKIT.strings["template_complete"]
    )
    expect(page.locator("[data-tk-status]")).to_have_text(TOOLKIT.strings["storage_saved"])
    values = page.evaluate(ANSWERS)
    assert len(values) == len(typed)
    empty = [name for name, value in values if value in ("", "false")]
    assert empty == [], f"controls left empty by the keyboard walk: {empty}"
    dates = [value for name, value in values if typed.get(name) == "date"]
    assert all(re.fullmatch(r"2026-\d\d-\d\d", d) for d in dates), dates

    page.reload()
    # Row ids are numbered afresh on each load: compare in page order.
    assert [v for _, v in page.evaluate(ANSWERS)] == [v for _, v in values]
    assert page.log.page_errors == []
