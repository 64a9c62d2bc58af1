"""The data-loss suite: nothing a reader ticks or types is lost or hidden.

Each scenario is something readers do in a workshop (reload, move to another
page, close the tab mid-sentence, work in two tabs, run out of storage,
import a partner's file over their own, clear and think again, open a page
from a newer version of the toolkit), and each runs twice: on the served site
and on the offline copy opened from the file system (``file://``), which must
be the same product. The run ends with a count of scenarios (see conftest).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

import pytest
import yaml

from sitekit import ROOT

from .test_templates import download, fill_everything, read_everything

pytestmark = pytest.mark.data_loss

WORDS = yaml.safe_load((ROOT / "plugins/partnership_toolkit/strings/en.yml").read_text("utf-8"))
ITEM = "input[type=checkbox][data-tk-item]"
TEMPLATE = "templates/light-agreement.md"
CHECKLIST = "checklists/code-of-practice.md"
READY = ".tk-toolbar:not([hidden])"
# Fills this site's storage to the last byte, as other sites on one host can.
FILL_STORAGE = """() => { let n = 0;
  for (let size = 1 << 20; size >= 1; size = size >> 1) {
    const block = 'x'.repeat(size);
    try { for (;;) localStorage.setItem('junk-' + n++, block); } catch (e) { /* full */ }
  }
  return n; }"""
EMPTY_STORAGE = """() => Object.keys(localStorage).filter(k => k.startsWith('junk-'))
  .forEach(k => localStorage.removeItem(k))"""
BLOCK_STORAGE = (
    "Object.defineProperty(window, 'localStorage', "
    "{get() { throw new DOMException('blocked', 'SecurityError'); }})"
)


@dataclass(frozen=True)
class Site:
    """Where the scenario runs: the served site, or the offline folder."""

    root: str
    offline: bool

    def url(self, src: str) -> str:
        if self.offline:
            return self.root + src[: -len(".md")] + ".html"
        return self.root + src[: -len(".md")] + "/"

    def open(self, page, src: str) -> None:
        page.goto(self.url(src))
        page.wait_for_selector(READY)


@pytest.fixture(params=["served", "offline"])
def site(request: pytest.FixtureRequest) -> Site:
    if request.param == "served":
        return Site(request.getfixturevalue("site_url"), offline=False)
    return Site(request.getfixturevalue("offline_site").as_uri() + "/", offline=True)


# -- helpers --------------------------------------------------------------------------------


def key(page, kind: str, item: str) -> str:
    return page.evaluate("([k, i]) => window.partnershipToolkit.storageKey(k, i)", [kind, item])


def stored(page, kind: str, item: str) -> dict | None:
    raw = page.evaluate("k => localStorage.getItem(k)", key(page, kind, item))
    return json.loads(raw) if raw else None


def put(page, kind: str, item: str, record: object) -> None:
    page.evaluate(
        "([k, v]) => localStorage.setItem(k, v)", [key(page, kind, item), json.dumps(record)]
    )


def saved(page) -> None:
    """Wait until the template on ``page`` says its answers are saved."""
    page.wait_for_function(
        "s => document.querySelector('[data-tk-status]').textContent === s",
        arg=WORDS["storage_saved"],
    )


def value(page, selector: str = "#f-what") -> str:
    return page.input_value(selector)


def ticked(page) -> list[str]:
    return page.eval_on_selector_all(f"{ITEM}:checked", "els => els.map(e => e.dataset.tkItem)")


def items(page) -> list[str]:
    return page.eval_on_selector_all(ITEM, "els => els.map(e => e.dataset.tkItem)")


def earlier(page) -> str:
    box = page.locator("[data-tk-earlier]")
    return box.inner_text() if box.is_visible() else ""


def answer(page, text: str) -> None:
    page.fill("#f-what", text)


def two_tabs(page, site: Site, src: str):
    other = page.context.new_page()
    site.open(page, src)
    site.open(other, src)
    return other


# -- templates: ordinary life ----------------------------------------------------------------


def test_every_answer_survives_a_reload(page, site):
    site.open(page, TEMPLATE)
    expected = fill_everything(page, rows=3)
    saved(page)
    page.reload()
    page.wait_for_selector(READY)
    assert read_everything(page) == expected


def test_an_answer_typed_just_before_moving_on_is_kept(page, site):
    site.open(page, TEMPLATE)
    answer(page, "Typed, then straight to the next page")
    page.locator(".md-nav__link[href]").filter(has_text="Home").first.click()
    page.wait_for_load_state()
    site.open(page, TEMPLATE)
    assert value(page) == "Typed, then straight to the next page"


def test_closing_the_tab_while_typing_keeps_the_text(page, site):
    site.open(page, TEMPLATE)
    answer(page, "Typed and the tab closed at once")
    context = page.context
    page.close()  # before the save's delay is up
    again = context.new_page()
    site.open(again, TEMPLATE)
    assert value(again) == "Typed and the tab closed at once"


def test_text_typed_before_the_script_arrives_is_kept(page, site_url):
    """A slow connection (served only: requests for file:// cannot be held back)."""
    held = []
    page.route("**/assets/toolkit/template.js", lambda route: held.append(route))
    page.goto(Site(site_url, offline=False).url(TEMPLATE), wait_until="commit")
    page.wait_for_selector("#f-what")
    answer(page, "Our first workshop")
    while not held:
        time.sleep(0.05)
    held[0].continue_()
    page.wait_for_selector(READY)
    assert value(page) == "Our first workshop"
    saved(page)
    assert stored(page, "template", "light-agreement")["answers"]["what"] == "Our first workshop"


def test_answers_print_as_typed(page, site, tmp_path):
    from .test_templates import pdf_text

    site.open(page, TEMPLATE)
    answer(page, "Printed exactly as typed")
    assert "Printed exactly as typed" in pdf_text(page, tmp_path, "light-agreement")


# -- templates: two tabs ----------------------------------------------------------------------


def test_two_tabs_each_see_the_others_answers_and_keep_both(page, site):
    other = two_tabs(page, site, TEMPLATE)
    answer(page, "Written in the first tab")
    saved(page)
    other.wait_for_function("() => document.querySelector('#f-what').value !== ''", polling=100)
    assert value(other) == "Written in the first tab"
    assert other.locator("[data-tk-notice]").inner_text() == WORDS["storage_other_tab"]
    other.fill("#f-contact", "Written in the second tab")
    saved(other)
    page.wait_for_function("() => document.querySelector('#f-contact').value !== ''")
    for tab in (page, other):
        tab.reload()
        tab.wait_for_selector(READY)
        assert value(tab) == "Written in the first tab"
        assert value(tab, "#f-contact") == "Written in the second tab"


def test_one_field_changed_in_two_tabs_at_once_keeps_both_texts(page, site):
    other = two_tabs(page, site, TEMPLATE)
    texts = {"The first tab's words", "The second tab's words"}
    # Both typed before either tab's save (a save waits for a pause in typing).
    other.fill("#f-what", "The second tab's words")
    answer(page, "The first tab's words")
    end = time.monotonic() + 15
    while time.monotonic() < end:  # each tab's save reaches the other, which merges it
        shown = {value(page), value(other)}
        kept = [earlier(tab) for tab in (page, other)]
        if len(shown) == 1 and all(t in box for box in kept for t in texts - shown):
            break
        page.wait_for_timeout(200)
    assert len(shown) == 1 and shown <= texts  # both tabs agree on the field ...
    for tab in (page, other):  # ... and the other text is kept, shown, in both
        assert (texts - shown).pop() in earlier(tab)
    notices = [tab.locator("[data-tk-notice]").inner_text() for tab in (page, other)]
    conflict = WORDS["template_other_tab_conflict"].split("{")[0]
    assert all(n.startswith(conflict) for n in notices), notices  # both tabs are told
    record = json.dumps(stored(page, "template", "light-agreement"))
    assert all(t in record for t in texts)


def test_two_tabs_filling_different_cells_of_one_table_keep_both(page, site):
    other = two_tabs(page, site, TEMPLATE)
    cell = "[data-tk-field=partners] [data-tk-row]:nth-child({}) [data-tk-column={}] input"
    page.fill(cell.format(1, "organisation"), "Org from the first tab")
    other.fill(cell.format(2, "name"), "Name from the second tab")
    for tab in (page, other):
        tab.wait_for_function(
            "([a, b]) => document.querySelector(a).value && document.querySelector(b).value",
            arg=[cell.format(1, "organisation"), cell.format(2, "name")],
            polling=100,
        )
    for tab in (page, other):
        assert tab.input_value(cell.format(1, "organisation")) == "Org from the first tab"
        assert tab.input_value(cell.format(2, "name")) == "Name from the second tab"
        assert earlier(tab) == ""  # nothing was in conflict
    saved(page)
    partners = stored(page, "template", "light-agreement")["answers"]["partners"]
    assert partners[0]["organisation"] == "Org from the first tab"
    assert partners[1]["name"] == "Name from the second tab"


TYPE_NOW = """([sel, text]) => { const el = document.querySelector(sel);
  el.value = text; el.dispatchEvent(new Event('input', { bubbles: true })); }"""


# News of another tab's save reaching this tab late, as it can between processes.
LATE_NEWS = """(() => { const add = window.addEventListener;
  window.addEventListener = function (type, listener, options) {
    if (type !== "storage") return add.call(this, type, listener, options);
    return add.call(this, type, e => setTimeout(() => listener(e), 1500), options);
  }; })()"""


def test_two_tabs_saving_different_answers_at_the_same_moment_keep_both(page, site):
    other = page.context.new_page()
    for tab in (page, other):
        tab.add_init_script(LATE_NEWS)
        site.open(tab, TEMPLATE)
    for n in range(3):  # each round, both tabs type at once, neither having seen the other
        page.evaluate(TYPE_NOW, ["#f-what", f"First tab, round {n}"])
        other.evaluate(TYPE_NOW, ["#f-contact", f"Second tab, round {n}"])
        page.wait_for_timeout(600)  # both save (a save waits for a pause in typing)
    for tab in (page, other):
        tab.wait_for_function(
            "() => document.querySelector('#f-what').value.endsWith('2') && "
            "document.querySelector('#f-contact').value.endsWith('2')",
            polling=100,
            timeout=10000,
        )
    page.reload()
    page.wait_for_selector(READY)
    assert value(page) == "First tab, round 2"
    assert value(page, "#f-contact") == "Second tab, round 2"


def test_undo_stays_offered_while_another_tab_works(page, site):
    other = two_tabs(page, site, TEMPLATE)
    answer(page, "Cleared, then brought back")
    saved(page)
    other.wait_for_function("() => document.querySelector('#f-what').value", polling=100)
    page.once("dialog", lambda d: d.accept())
    page.click("[data-tk-action=clear]")
    other.wait_for_function("() => !document.querySelector('#f-what').value", polling=100)
    assert other.locator("[data-tk-notice]").inner_text() == WORDS["template_other_tab_cleared"]
    other.fill("#f-contact", "Typed in the other tab meanwhile")
    saved(other)
    page.wait_for_function("() => document.querySelector('#f-contact').value", polling=100)
    page.click(".tk-template [data-tk-action=undo]")  # still there
    assert value(page) == "Cleared, then brought back"
    assert value(page, "#f-contact") == "Typed in the other tab meanwhile"  # kept
    other.wait_for_function("() => document.querySelector('#f-what').value", polling=100)
    assert value(other) == "Cleared, then brought back"


def test_ticks_made_in_two_tabs_at_the_same_moment_are_all_kept(page, site):
    other = two_tabs(page, site, CHECKLIST)
    for n in range(5):  # each round: one tick in each tab, with no pause between
        page.evaluate(f"() => document.querySelectorAll('{ITEM}')[{2 * n}].click()")
        other.evaluate(f"() => document.querySelectorAll('{ITEM}')[{2 * n + 1}].click()")
    expected = items(page)[:10]
    for tab in (page, other):
        tab.wait_for_function(
            f"() => document.querySelectorAll('{ITEM}:checked').length === 10", polling=100
        )
        assert ticked(tab) == expected
    page.reload()
    page.wait_for_selector(READY)
    assert ticked(page) == expected


def test_clear_and_undo_in_one_tab_show_in_the_other(page, site):
    other = two_tabs(page, site, TEMPLATE)
    answer(page, "Kept through clear and undo")
    saved(page)
    other.wait_for_function("() => document.querySelector('#f-what').value !== ''", polling=100)
    page.once("dialog", lambda d: d.accept())
    page.click("[data-tk-action=clear]")
    other.wait_for_function("() => document.querySelector('#f-what').value === ''", polling=100)
    page.click(".tk-template [data-tk-action=undo]")
    other.wait_for_function("() => document.querySelector('#f-what').value !== ''", polling=100)
    assert value(other) == "Kept through clear and undo"


# -- templates: destructive actions ask, and can be undone -----------------------------------


def test_clear_asks_first_and_undo_brings_everything_back(page, site):
    site.open(page, TEMPLATE)
    expected = fill_everything(page)
    saved(page)
    page.once("dialog", lambda d: d.dismiss())
    page.click("[data-tk-action=clear]")
    assert read_everything(page) == expected  # refused: nothing changed
    page.once("dialog", lambda d: d.accept())
    page.click("[data-tk-action=clear]")
    assert stored(page, "template", "light-agreement") is None
    page.click(".tk-template [data-tk-action=undo]")
    assert read_everything(page) == expected
    page.reload()
    page.wait_for_selector(READY)
    assert read_everything(page) == expected


def test_removing_a_filled_row_asks_and_can_be_undone(page, site):
    site.open(page, TEMPLATE)
    rows = page.locator("[data-tk-field=partners] [data-tk-row]")
    rows.nth(0).locator("[data-tk-column=organisation] input").fill("Riverside Trust")
    asked: list[str] = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    rows.nth(0).locator("[data-tk-action=remove-row]").click()
    assert asked and rows.nth(0).locator("input").first.input_value() == "Riverside Trust"
    page.once("dialog", lambda d: d.accept())
    rows.nth(0).locator("[data-tk-action=remove-row]").click()
    page.click(".tk-template [data-tk-action=undo]")
    assert rows.nth(0).locator("input").first.input_value() == "Riverside Trust"
    saved(page)
    assert stored(page, "template", "light-agreement")["answers"]["partners"][0] == {
        "organisation": "Riverside Trust"
    }


def test_an_import_over_answers_asks_and_can_be_undone(page, site):
    site.open(page, TEMPLATE)
    answer(page, "A partner's version")
    name, text = download(page, "export")
    answer(page, "My own version")
    saved(page)
    asked: list[str] = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    files = [{"name": name, "mimeType": "application/json", "buffer": text.encode("utf-8")}]
    page.set_input_files("[data-tk-import-file]", files=files)
    page.wait_for_timeout(300)
    assert asked == [WORDS["template_import_replace_confirm"]]
    assert value(page) == "My own version"
    page.once("dialog", lambda d: d.accept())
    page.set_input_files("[data-tk-import-file]", files=files)
    page.wait_for_function("() => document.querySelector('#f-what').value.startsWith('A p')")
    page.click(".tk-template [data-tk-action=undo]")
    assert value(page) == "My own version"
    assert stored(page, "template", "light-agreement")["answers"]["what"] == "My own version"


def test_undo_never_overwrites_newer_typing(page, site):
    site.open(page, TEMPLATE)
    answer(page, "Before clearing")
    page.once("dialog", lambda d: d.accept())
    page.click("[data-tk-action=clear]")
    page.fill("#f-contact", "Typed after clearing")
    assert page.locator(".tk-template [data-tk-action=undo]").is_hidden()
    assert value(page, "#f-contact") == "Typed after clearing"


# -- templates: storage trouble and other versions -------------------------------------------


def test_a_full_storage_still_shows_saved_answers_and_says_so(page, site):
    site.open(page, TEMPLATE)
    answer(page, "Saved before the storage filled up")
    saved(page)
    assert page.evaluate(FILL_STORAGE) > 0
    try:
        page.reload()
        page.wait_for_selector(READY)
        assert value(page) == "Saved before the storage filled up"
        answer(page, "Much more after it. " * 40)
        warning = page.locator("[data-tk-storage-warning]")
        warning.wait_for()
        assert warning.evaluate("el => el.closest('[role=alert],[aria-live]') !== null")
        name, text = download(page, "export")  # the way out keeps every word
        assert json.loads(text)["answers"]["what"] == "Much more after it. " * 40
    finally:
        page.evaluate(EMPTY_STORAGE)


def test_blocked_storage_still_lets_the_reader_work_and_export(page, site):
    page.add_init_script(BLOCK_STORAGE)
    site.open(page, TEMPLATE)
    assert page.locator("[data-tk-storage-warning]").inner_text() == WORDS["storage_unavailable"]
    answer(page, "Kept in the page, exported")
    _, text = download(page, "export")
    assert json.loads(text)["answers"]["what"] == "Kept in the page, exported"


def test_an_unreadable_saved_record_is_kept_and_the_page_says_so(page, site):
    site.open(page, TEMPLATE)
    page.evaluate(
        "k => localStorage.setItem(k, '{not json')", key(page, "template", "light-agreement")
    )
    page.reload()
    page.wait_for_selector(READY)
    assert page.locator("[data-tk-storage-warning]").inner_text() == WORDS["storage_corrupt"]
    kept = page.evaluate(
        "k => localStorage.getItem(k + ':unreadable')", key(page, "template", "light-agreement")
    )
    assert kept == "{not json"


def test_answers_to_questions_a_new_version_dropped_are_shown_and_exported(page, site):
    site.open(page, TEMPLATE)
    put(
        page,
        "template",
        "light-agreement",
        {
            "answers": {"what": "Still asked", "old-question": "Asked only before"},
            "labels": {"old-question": "An old question"},
        },
    )
    page.reload()
    page.wait_for_selector(READY)
    assert value(page) == "Still asked"
    assert "An old question" in earlier(page) and "Asked only before" in earlier(page)
    _, text = download(page, "export")
    assert json.loads(text)["earlier"]["old-question"]["value"] == "Asked only before"


COUNT_FILE_READS = """(() => {
  window.__tkReads = 0;
  const count = (proto, name) => {
    const original = proto[name];
    proto[name] = function (blob) {
      if ((this instanceof File) || (blob instanceof File)) window.__tkReads += 1;
      return original.apply(this, arguments);
    };
  };
  ['text', 'arrayBuffer', 'stream'].forEach(name => count(Blob.prototype, name));
  ['readAsText', 'readAsArrayBuffer', 'readAsDataURL', 'readAsBinaryString']
    .forEach(name => count(FileReader.prototype, name));
})();"""


def count_file_reads(page):
    """Count, in window.__tkReads, every read of a chosen file, by any of the ways a page can.
    "Refused at once" means refused before the file is read, however loaded the machine."""
    page.add_init_script(COUNT_FILE_READS)


def test_a_huge_draft_is_refused_at_once_with_the_limit(page, site):
    count_file_reads(page)
    site.open(page, TEMPLATE)
    page.set_input_files(
        "[data-tk-import-file]",
        files=[{"name": "big.json", "mimeType": "application/json", "buffer": b" " * (6 << 20)}],
    )
    page.wait_for_function("() => document.querySelector('[data-tk-notice]').textContent")
    assert "5 MB" in page.locator("[data-tk-notice]").inner_text()
    assert page.evaluate("window.__tkReads") == 0
    # The counter does count: a file under the limit is read once.
    page.set_input_files(
        "[data-tk-import-file]",
        files=[{"name": "small.json", "mimeType": "application/json", "buffer": b"{}"}],
    )
    page.wait_for_function("() => window.__tkReads > 0")
    assert page.evaluate("window.__tkReads") == 1


# -- checklists -------------------------------------------------------------------------------


def test_ticks_survive_a_reload(page, site):
    site.open(page, CHECKLIST)
    page.locator(ITEM).nth(0).check()
    page.locator(ITEM).nth(3).check()
    page.reload()
    page.wait_for_selector(READY)
    assert ticked(page) == [items(page)[0], items(page)[3]]


def test_ticks_made_in_two_tabs_are_all_kept(page, site):
    other = two_tabs(page, site, CHECKLIST)
    page.locator(ITEM).nth(0).check()
    other.wait_for_function(f"() => document.querySelector('{ITEM}').checked", polling=100)
    other.locator(ITEM).nth(1).check()
    page.wait_for_function(f"() => document.querySelectorAll('{ITEM}')[1].checked")
    page.reload()
    page.wait_for_selector(READY)
    assert ticked(page) == items(page)[:2]


def test_clearing_ticks_in_one_tab_clears_them_in_the_other_and_undo_too(page, site):
    other = two_tabs(page, site, CHECKLIST)
    for n in (0, 1, 2):
        page.locator(ITEM).nth(n).check()
    count = "n => document.querySelectorAll('" + ITEM + ":checked').length === n"
    other.wait_for_function(count, arg=3, polling=100)
    page.once("dialog", lambda d: d.accept())
    page.click("[data-tk-action=clear]")
    other.wait_for_function(count, arg=0, polling=100)
    page.click(".tk-checklist [data-tk-action=undo]")
    other.wait_for_function(count, arg=3, polling=100)
    assert ticked(other) == items(other)[:3]


def test_clear_ticks_asks_and_undo_brings_them_back(page, site):
    site.open(page, CHECKLIST)
    for n in (0, 2, 4):
        page.locator(ITEM).nth(n).check()
    before = ticked(page)
    page.once("dialog", lambda d: d.dismiss())
    page.click("[data-tk-action=clear]")
    assert ticked(page) == before
    page.once("dialog", lambda d: d.accept())
    page.click("[data-tk-action=clear]")
    assert ticked(page) == []
    page.click(".tk-checklist [data-tk-action=undo]")
    assert ticked(page) == before
    page.reload()
    page.wait_for_selector(READY)
    assert ticked(page) == before


def test_importing_ticks_over_your_own_asks_and_can_be_undone(page, site, tmp_path):
    site.open(page, CHECKLIST)
    for n in range(6):
        page.locator(ITEM).nth(n).check()
    mine = ticked(page)
    other = tmp_path / "other.json"
    other.write_text(
        json.dumps({"checklist": "code-of-practice", "ticked": [items(page)[9]]}), "utf-8"
    )
    asked: list[str] = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.set_input_files("[data-tk-import-file]", files=[str(other)])
    page.wait_for_timeout(300)
    assert asked == [WORDS["checklist_import_replace_confirm"]] and ticked(page) == mine
    page.once("dialog", lambda d: d.accept())
    page.set_input_files("[data-tk-import-file]", files=[str(other)])
    page.wait_for_function(f"() => document.querySelectorAll('{ITEM}:checked').length === 1")
    # One tick, in the singular (the word's plural forms, by the page's language).
    assert (
        page.locator("[data-tk-status]")
        .inner_text()
        .startswith(WORDS["checklist_imported"]["one"].format(count=1))
    )
    page.click(".tk-checklist [data-tk-action=undo]")
    assert ticked(page) == mine


def test_ticks_of_items_a_new_version_renamed_are_shown_and_exported(page, site):
    site.open(page, CHECKLIST)
    put(page, "checklist", "code-of-practice", {"version": 1, "ticked": ["an-old-item-id"]})
    page.reload()
    page.wait_for_selector(READY)
    note = page.locator("[data-tk-earlier-ticks]")
    assert note.is_visible() and "an-old-item-id" in note.inner_text()
    _, text = download(page, "export")
    assert json.loads(text)["ticked"] == ["an-old-item-id"]


def test_a_full_storage_still_shows_saved_ticks(page, site):
    site.open(page, CHECKLIST)
    page.locator(ITEM).first.check()
    assert page.evaluate(FILL_STORAGE) > 0
    try:
        page.reload()
        page.wait_for_selector(READY)
        assert page.locator(ITEM).first.is_checked()
    finally:
        page.evaluate(EMPTY_STORAGE)


def test_a_big_ticks_file_finishes_or_is_refused_at_once(page, site, tmp_path):
    count_file_reads(page)
    site.open(page, CHECKLIST)
    near = tmp_path / "near-limit.json"  # just under 1 MB, every id many times over
    ids = items(page)
    near.write_text(
        json.dumps({"checklist": "code-of-practice", "ticked": (ids * 3000)[:30_000]}), "utf-8"
    )
    assert 0.5 < near.stat().st_size / (1 << 20) < 1
    page.set_input_files("[data-tk-import-file]", files=[str(near)])
    page.wait_for_function(
        f"n => document.querySelectorAll('{ITEM}:checked').length === n", arg=len(ids)
    )
    assert page.evaluate("window.__tkReads") == 1
    huge = tmp_path / "huge.json"
    huge.write_text(
        json.dumps({"checklist": "code-of-practice", "ticked": [f"x-{n}" for n in range(300_000)]}),
        "utf-8",
    )
    page.set_input_files("[data-tk-import-file]", files=[str(huge)])
    page.wait_for_function("() => document.querySelector('[data-tk-status]').textContent")
    assert "1 MB" in page.locator("[data-tk-status]").inner_text()
    assert page.evaluate("window.__tkReads") == 1  # refused before it was read
    assert len(ticked(page)) == len(ids)  # the refused file changed nothing


# -- without JavaScript -------------------------------------------------------------------------


@pytest.mark.parametrize("src", [TEMPLATE, CHECKLIST])
def test_without_javascript_nothing_claims_to_be_saved(browser, site, src):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url(src))
        assert page.locator(".tk-noscript").is_visible()
        text = page.locator("article").inner_text()
        assert WORDS["storage_saved"] not in text
        assert WORDS["storage_private"] not in text  # "it stays in this browser": not so
    finally:
        context.close()


def test_a_file_for_the_other_kind_of_page_says_where_it_belongs(page, site, tmp_path):
    """Ticks imported on a template, or a draft on a checklist: nothing changes,
    and the reader is told which page takes the file."""
    site.open(page, CHECKLIST)
    page.locator(ITEM).first.check()
    _, ticks = download(page, "export")
    site.open(page, TEMPLATE)
    answer(page, "Not replaced by ticks")
    _, draft = download(page, "export")
    files = [{"name": "ticks.json", "mimeType": "application/json", "buffer": ticks.encode()}]
    page.set_input_files("[data-tk-import-file]", files=files)
    page.wait_for_function("() => document.querySelector('[data-tk-notice]').textContent")
    assert page.locator("[data-tk-notice]").inner_text().startswith("That file holds the ticks")
    assert value(page) == "Not replaced by ticks"
    site.open(page, CHECKLIST)
    files = [{"name": "draft.json", "mimeType": "application/json", "buffer": draft.encode()}]
    page.set_input_files("[data-tk-import-file]", files=files)
    page.wait_for_function("() => document.querySelector('[data-tk-status]').textContent")
    assert page.locator("[data-tk-status]").inner_text().startswith("That file is a draft")
    assert len(ticked(page)) == 1
