"""Nothing a reader types is lost or hidden, in the ways readers lose it: a slow
connection, a full storage, an import over their own work, a file that is not
theirs. (The offline copy: test_offline.py; reload, navigation, rows, clear and
versions: test_checklists.py and test_templates.py.)"""

from __future__ import annotations

import json
import time

import yaml

from sitekit import ROOT

from .test_templates import KEY, open_template, saved_record, wait_saved

WORDS = yaml.safe_load((ROOT / "plugins/partnership_toolkit/strings/en.yml").read_text("utf-8"))
ITEM = "input[type=checkbox][data-tk-item]"
# Fills this site's storage to the last byte, as other sites on one host can.
FILL_STORAGE = """() => { let n = 0;
  for (let size = 1 << 20; size >= 1; size = size >> 1) {
    const block = 'x'.repeat(size);
    try { for (;;) localStorage.setItem('junk-' + n++, block); } catch (e) { /* full */ }
  }
  return n; }"""


def test_text_typed_before_the_script_runs_is_kept(page, site_url):
    held = []
    page.route("**/assets/toolkit/template.js", lambda route: held.append(route))
    # The page is shown, but its deferred script has not arrived (a slow connection).
    page.goto(site_url + "templates/light-agreement/", wait_until="commit")
    page.wait_for_selector("#f-what")
    page.fill("#f-what", "Our first workshop")
    while not held:
        time.sleep(0.05)
    held[0].continue_()
    page.wait_for_selector(".tk-toolbar:not([hidden])")
    assert page.input_value("#f-what") == "Our first workshop"
    wait_saved(page)
    assert saved_record(page, "light-agreement")["answers"]["what"] == "Our first workshop"


def test_a_full_storage_still_shows_what_is_saved(page, site_url):
    open_template(page, site_url, "light-agreement")
    page.fill("#f-what", "Saved before the storage filled up")
    wait_saved(page)
    assert page.evaluate(FILL_STORAGE) > 0
    page.reload()
    page.wait_for_selector(".tk-toolbar:not([hidden])")
    assert page.input_value("#f-what") == "Saved before the storage filled up"
    # Typing then cannot be saved, and the page says so, in a live region.
    page.fill("#f-what", "Saved before the storage filled up, and much more after it. " * 20)
    warning = page.locator("[data-tk-storage-warning]")
    warning.wait_for()
    assert warning.inner_text() == WORDS["storage_unavailable"]
    assert page.locator("[data-tk-storage-warning]").evaluate(
        "el => el.closest('[role=alert],[aria-live]') !== null"
    )
    page.evaluate(
        "() => Object.keys(localStorage).filter(k => k.startsWith('junk-'))"
        ".forEach(k => localStorage.removeItem(k))"
    )


def test_a_full_storage_still_shows_saved_ticks(page, site_url):
    page.goto(site_url + "checklists/code-of-practice/")
    page.locator(ITEM).first.check()
    assert page.evaluate(FILL_STORAGE) > 0
    page.reload()
    page.wait_for_selector(".tk-toolbar:not([hidden])")
    assert page.locator(ITEM).first.is_checked()
    page.evaluate(
        "() => Object.keys(localStorage).filter(k => k.startsWith('junk-'))"
        ".forEach(k => localStorage.removeItem(k))"
    )


def test_importing_ticks_over_your_own_asks_first(page, site_url, tmp_path):
    page.goto(site_url + "checklists/code-of-practice/")
    boxes = page.locator(ITEM)
    for n in range(6):
        boxes.nth(n).check()
    other = tmp_path / "other.json"
    other.write_text(
        json.dumps(
            {
                "checklist": "code-of-practice",
                "ticked": [boxes.nth(9).get_attribute("data-tk-item")],
            }
        ),
        encoding="utf-8",
    )
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.set_input_files("[data-tk-import-file]", files=[str(other)])
    page.wait_for_timeout(300)
    assert asked == [WORDS["checklist_import_replace_confirm"]]
    assert [boxes.nth(n).is_checked() for n in range(6)] == [True] * 6  # kept
    page.once("dialog", lambda dialog: dialog.accept())
    page.set_input_files("[data-tk-import-file]", files=[str(other)])
    boxes.nth(9).wait_for()
    page.wait_for_function(f"() => document.querySelectorAll('{ITEM}:checked').length === 1")


def test_a_huge_file_is_refused_at_once_with_the_limit(page, site_url, tmp_path):
    huge = tmp_path / "huge.json"
    huge.write_text(
        json.dumps({"checklist": "code-of-practice", "ticked": [f"x-{n}" for n in range(300_000)]}),
        encoding="utf-8",
    )
    page.goto(site_url + "checklists/code-of-practice/")
    started = time.monotonic()
    page.set_input_files("[data-tk-import-file]", files=[str(huge)])
    status = page.locator("[data-tk-status]")
    page.wait_for_function("() => document.querySelector('[data-tk-status]').textContent")
    assert "1 MB" in status.inner_text()
    assert time.monotonic() - started < 5
    open_template(page, site_url, "light-agreement")
    page.set_input_files(
        "[data-tk-import-file]",
        files=[
            {"name": "big.json", "mimeType": "application/json", "buffer": b" " * (6 * 1048576)}
        ],
    )
    page.wait_for_function("() => document.querySelector('[data-tk-notice]').textContent")
    assert "5 MB" in page.locator("[data-tk-notice]").inner_text()
    assert page.evaluate("k => localStorage.getItem(k)", KEY.format("light-agreement")) is None
