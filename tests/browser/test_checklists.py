"""Checklists in headless Chromium, as a partner and a facilitator use them:
ticks kept in this browser across reloads, closed tabs and instant
navigation; export, clear and import; a browser that refuses storage;
printing to A4 PDF, with ticks and blank; and axe-core finding nothing."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from sitekit import build_site, serve

ROOT = Path(__file__).resolve().parents[2]
CHECKLIST_IDS = sorted(p.stem for p in (ROOT / "data" / "checklists").glob("*.yml"))
KEY = "tk:/:checklist:{}"  # the site is served at the root of its host in these tests
ITEM = "input[type=checkbox][data-tk-item]"

BLOCK_STORAGE = """
Object.defineProperty(window, "localStorage", {
  configurable: true,
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
});
"""


@pytest.fixture(scope="module")
def instant_url(tmp_path_factory):
    """The default toolkit built with its own address as site_url: Material's instant
    navigation only takes over links its sitemap lists at the address being browsed,
    and the sitemap is empty without a site_url."""
    site = tmp_path_factory.mktemp("instant") / "site"
    site.mkdir()
    url, stop = serve(site)
    build_site(ROOT, site, site_url=url)
    yield url
    stop()


@pytest.fixture(scope="module")
def toolkit():
    from partnership_toolkit.load import load

    return load(ROOT / "data", root=ROOT)


def checklist(toolkit, cid):
    return next(c for c in toolkit.checklists if c.id == cid)


def open_checklist(page, site_url, cid="code-of-practice"):
    page.goto(f"{site_url}checklists/{cid}/")
    # The toolbar is shown by the script once it has set the checklist up.
    page.locator(".tk-checklist .tk-toolbar:not([hidden])").wait_for()


def tick(page, item_id):
    page.locator(f"{ITEM}[data-tk-item='{item_id}']").check()


def ticked(page):
    return page.eval_on_selector_all(f"{ITEM}:checked", "boxes => boxes.map(b => b.dataset.tkItem)")


def progress(page, which="all"):
    return page.locator(f"[data-tk-progress='{which}']").inner_text()


def saved(page, cid="code-of-practice"):
    raw = page.evaluate("key => localStorage.getItem(key)", KEY.format(cid))
    return None if raw is None else json.loads(raw)


def status(page):
    return page.locator(".tk-checklist [data-tk-status]").inner_text()


# -- remembering ticks -------------------------------------------------------------------


@pytest.mark.data_loss
def test_ticks_survive_a_reload_and_a_closed_tab(context, page, site_url):
    open_checklist(page, site_url)
    assert progress(page) == "Overall: 0 of 15 done"
    tick(page, "agree-purposes")
    tick(page, "shape-the-agenda")
    page.get_by_label(
        "Our objectives can be measured, and we have agreed suitable ways to achieve them."
    ).check()
    assert progress(page) == "Overall: 3 of 15 done"
    assert progress(page, "initiating") == "2 of 6 done"
    assert progress(page, "in-practice") == "1 of 6 done"
    assert saved(page)["ticked"] == [
        "agree-purposes",
        "shape-the-agenda",
        "set-measurable-objectives",
    ]

    page.reload()
    page.locator(".tk-toolbar:not([hidden])").wait_for()
    assert ticked(page) == ["agree-purposes", "set-measurable-objectives", "shape-the-agenda"]
    assert progress(page) == "Overall: 3 of 15 done"

    page.close()  # the partner closes the tab and comes back later
    again = context.new_page()
    open_checklist(again, site_url)
    assert ticked(again) == ["agree-purposes", "set-measurable-objectives", "shape-the-agenda"]
    assert progress(again, "initiating") == "2 of 6 done"
    untick = again.locator(f"{ITEM}[data-tk-item='agree-purposes']")
    untick.uncheck()
    assert saved(again)["ticked"] == ["shape-the-agenda", "set-measurable-objectives"]
    assert again.evaluate("Object.keys(localStorage)") == [KEY.format("code-of-practice")]


@pytest.mark.data_loss
def test_ticks_survive_instant_navigation_away_and_back(page, instant_url):
    site_url = instant_url
    open_checklist(page, site_url)
    tick(page, "identify-key-partners")
    tick(page, "keep-improving")
    page.evaluate("window.__samePage = true")  # gone if the browser loads a new document

    page.locator(".md-nav--primary a", has_text="How to use this toolkit").first.click()
    page.wait_for_url("**/how-to-use/")
    page.go_back()
    page.wait_for_url("**/checklists/code-of-practice/")
    page.locator(f"{ITEM}[data-tk-item='keep-improving']:checked").wait_for()
    assert page.evaluate("window.__samePage") is True, "expected Material's instant navigation"
    assert ticked(page) == ["identify-key-partners", "keep-improving"]
    assert progress(page) == "Overall: 2 of 15 done"
    assert progress(page, "improving") == "1 of 3 done"

    # Out by a link in the page and back by the navigation: still one set-up, not two.
    page.locator(".md-nav--primary a", has_text="Getting started checklist").first.click()
    page.wait_for_url("**/checklists/getting-started/")
    # The address changes before the new content is in: wait for this checklist's own toolbar.
    page.locator("[data-tk-checklist='getting-started'] .tk-toolbar:not([hidden])").wait_for()
    assert ticked(page) == []
    page.locator(
        ".md-nav--primary a", has_text="Code of Practice partnerships checklist"
    ).first.click()
    page.wait_for_url("**/checklists/code-of-practice/")
    page.locator(f"{ITEM}[data-tk-item='keep-improving']:checked").wait_for()
    tick(page, "offer-training")
    assert progress(page, "improving") == "2 of 3 done"
    assert saved(page)["ticked"] == ["identify-key-partners", "keep-improving", "offer-training"]
    assert page.evaluate("window.__samePage") is True
    assert page.log.page_errors == []


@pytest.mark.data_loss
def test_ticks_for_items_a_later_version_removed_are_kept(page, site_url):
    page.goto(site_url)
    page.evaluate(
        """key => localStorage.setItem(key, JSON.stringify(
        {version: 1, ticked: ["an-item-from-an-older-version", "agree-purposes"]}))""",
        KEY.format("code-of-practice"),
    )
    open_checklist(page, site_url)
    assert ticked(page) == ["agree-purposes"]  # every other item, old or new, starts unticked
    assert progress(page) == "Overall: 1 of 15 done"
    # Shown, not hidden: the reader sees what is kept for them.
    note = page.locator("[data-tk-earlier-ticks]")
    assert note.is_visible()
    assert "an-item-from-an-older-version" in note.inner_text()
    tick(page, "offer-training")
    assert saved(page)["ticked"] == [
        "an-item-from-an-older-version",
        "agree-purposes",
        "offer-training",
    ]
    assert status(page) == ""


@pytest.mark.data_loss
def test_unreadable_saved_ticks_start_empty_and_say_so(page, site_url):
    page.goto(site_url)
    page.evaluate("key => localStorage.setItem(key, '{not json')", KEY.format("code-of-practice"))
    open_checklist(page, site_url)
    assert ticked(page) == []
    assert status(page) == (
        "Saved answers on this device could not be read, so the page started "
        "empty. Nothing on the screen has been lost."
    )
    tick(page, "agree-purposes")
    assert saved(page)["ticked"] == ["agree-purposes"]
    assert (
        page.evaluate(
            "key => localStorage.getItem(key + ':unreadable')", KEY.format("code-of-practice")
        )
        == "{not json"
    )
    assert page.log.page_errors == []


@pytest.mark.data_loss
def test_blocked_storage_is_reported_and_ticking_still_works(page, instant_url):
    site_url = instant_url
    page.add_init_script(BLOCK_STORAGE)
    open_checklist(page, site_url)
    assert status(page).startswith("This browser is not letting the page save")
    tick(page, "agree-purposes")
    tick(page, "offer-training")
    assert ticked(page) == ["agree-purposes", "offer-training"]
    assert progress(page) == "Overall: 2 of 15 done"
    assert progress(page, "improving") == "1 of 3 done"
    # Kept in memory for the visit: still there after instant navigation.
    page.locator(".md-nav--primary a", has_text="Getting started checklist").first.click()
    page.wait_for_url("**/checklists/getting-started/")
    page.go_back()
    page.wait_for_url("**/checklists/code-of-practice/")
    page.locator(f"{ITEM}[data-tk-item='offer-training']:checked").wait_for()
    assert ticked(page) == ["agree-purposes", "offer-training"]
    assert page.log.page_errors == []


def test_without_javascript_the_boxes_work_and_no_dead_buttons_show(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}checklists/code-of-practice/")
        assert page.locator(".tk-toolbar").is_hidden()
        assert page.locator(".tk-checklist").get_by_role("button").count() == 0
        page.get_by_label(
            "Every representative can put items on the agenda for the partnership's activities."
        ).check()
        assert page.locator(f"{ITEM}:checked").count() == 1
    finally:
        context.close()


# -- export, clear, import ---------------------------------------------------------------


def test_export_clear_and_import_give_back_the_same_ticks(page, site_url, tmp_path):
    open_checklist(page, site_url)
    for item in ("identify-key-partners", "trust-and-respect", "keep-improving"):
        tick(page, item)

    with page.expect_download() as download:
        page.get_by_role("button", name="Export ticks").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert re.fullmatch(r"code-of-practice-ticks-\d{4}-\d\d-\d\d\.json", exported.name)
    assert data["checklist"] == "code-of-practice"
    assert data["title"] == "Code of Practice partnerships checklist"
    assert data["ticked"] == ["identify-key-partners", "trust-and-respect", "keep-improving"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT.*Z", data["exported"])
    assert status(page) == f"Ticks saved to the file {exported.name}."

    page.once("dialog", lambda dialog: dialog.dismiss())  # "Clear every tick?" No.
    page.get_by_role("button", name="Clear all").click()
    assert len(ticked(page)) == 3
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear all").click()
    assert ticked(page) == []
    assert progress(page) == "Overall: 0 of 15 done"
    assert saved(page) is None
    assert status(page) == "All ticks on this checklist have been cleared. Undo puts it back."
    # Undo gives the ticks back, saved, and the keyboard stays on the toolbar.
    page.get_by_role("button", name="Undo").focus()
    page.keyboard.press("Enter")
    assert ticked(page) == ["identify-key-partners", "trust-and-respect", "keep-improving"]
    assert saved(page)["ticked"] == data["ticked"]
    assert status(page) == "Undone: everything is back as it was."
    assert page.get_by_role("button", name="Undo").count() == 0
    assert page.evaluate("document.activeElement.dataset.tkAction") == "clear"
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear all").click()
    assert saved(page) is None

    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import ticks").click()
    chooser.value.set_files(exported)
    page.locator(f"{ITEM}[data-tk-item='keep-improving']:checked").wait_for()
    assert ticked(page) == ["identify-key-partners", "trust-and-respect", "keep-improving"]
    assert saved(page)["ticked"] == data["ticked"]
    assert progress(page) == "Overall: 3 of 15 done"
    assert status(page) == "Ticks imported: 3 items ticked."
    assert page.log.external(site_url) == []  # nothing was sent anywhere


@pytest.mark.parametrize(
    "content, message",
    [
        (
            '{"format": "partnership-toolkit/checklist-ticks", "checklist": "getting-started", '
            '"title": "Getting started checklist", "ticked": ["share-purpose"]}',
            "That file is for another checklist (Getting started checklist), not this one.",
        ),
        ("this is not JSON", "That file could not be imported: it is not a JSON file."),
        (
            '{"name": "Partnership agreement", "answers": {}}',
            "That file could not be imported: it does not contain ticks exported from a checklist.",
        ),
        (
            '{"checklist": "code-of-practice", "ticked": "agree-purposes"}',
            "That file could not be imported: it does not contain ticks exported from a checklist.",
        ),
    ],
)
def test_a_file_for_another_checklist_or_broken_is_refused(
    page, site_url, tmp_path, content, message
):
    open_checklist(page, site_url)
    tick(page, "agree-purposes")
    wrong = tmp_path / "ticks.json"
    wrong.write_text(content, encoding="utf-8")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import ticks").click()
    chooser.value.set_files(wrong)
    page.locator(".tk-checklist [data-tk-status]:not(:empty)").wait_for()
    assert status(page) == message
    assert ticked(page) == ["agree-purposes"]
    assert saved(page)["ticked"] == ["agree-purposes"]


# -- printing ----------------------------------------------------------------------------


def pdf_pages(page, path: Path, paper="A4") -> list[str]:
    """Print the page to PDF as the browser would, and return each page's text."""
    page.emulate_media(media="print")
    page.pdf(path=str(path), format=paper)
    page.emulate_media(media="screen")
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.rstrip("\f").split("\f")


def flat(text: str) -> str:
    """Text as one line; a word the printout broke at its hyphen ("co-" and
    "investigator" on two lines) is one word again."""
    return re.sub(r"-\s+(?=\w)", "-", " ".join(text.split()))


SCREEN_ONLY = [
    "How to use this toolkit",
    "Table of contents",
    "Search",
    "Print blank",
    "Export ticks",
    "Import ticks",
    "Clear all",
    "When to use it",
    "Why this matters",
    "Related",
]


@pytest.mark.parametrize("cid", CHECKLIST_IDS)
def test_each_checklist_prints_on_at_most_two_clean_a4_pages(
    page, site_url, toolkit, cid, tmp_path
):
    data = checklist(toolkit, cid)
    open_checklist(page, site_url, cid)
    chosen = [item.id for item in data.items][::3]
    for item in chosen:
        tick(page, item)

    pages = pdf_pages(page, tmp_path / f"{cid}.pdf")
    assert len(pages) <= 2
    assert len(pdf_pages(page, tmp_path / f"{cid}-letter.pdf", paper="Letter")) <= 2
    text = flat(" ".join(pages))
    for item in data.items:
        assert flat(item.text) in text
    for words in SCREEN_ONLY:
        assert words not in text
    assert not re.search(r"\d+ of \d+ done", text)
    assert text.count("\u2713") == len(chosen)  # each ticked box prints its tick
    for heading in ("Partnership", "Date", "Completed by"):
        assert heading in text
    # The margins: the toolkit and the page title at the top, address and date below.
    assert flat(pages[0]).startswith(f"{toolkit.title} {data.title}")
    assert f"{site_url}checklists/{cid}/" in flat(pages[-1])
    assert re.search(rf"\d{{4}} · {len(pages)} / {len(pages)}$", flat(pages[-1]))


def test_print_blank_prints_empty_boxes_and_keeps_the_ticks(page, site_url, tmp_path):
    open_checklist(page, site_url)
    for item in ("agree-purposes", "shape-the-agenda", "offer-training"):
        tick(page, item)
    # The browser's print dialog cannot be driven headless: record the call instead.
    page.evaluate(
        "() => { window.__printCalls = 0; window.print = () => { window.__printCalls += 1; }; }"
    )

    page.get_by_role("button", name="Print blank").click()
    assert page.evaluate("window.__printCalls") == 1
    blank = flat(" ".join(pdf_pages(page, tmp_path / "blank.pdf")))
    assert "\u2713" not in blank
    assert "Every representative can put items on the agenda" in blank

    page.evaluate("window.dispatchEvent(new Event('afterprint'))")  # the dialog closes
    assert ticked(page) == ["agree-purposes", "shape-the-agenda", "offer-training"]
    assert saved(page)["ticked"] == ["agree-purposes", "shape-the-agenda", "offer-training"]
    with_ticks = flat(" ".join(pdf_pages(page, tmp_path / "ticked.pdf")))
    assert with_ticks.count("\u2713") == 3

    page.get_by_role("button", name="Print", exact=True).click()
    assert page.evaluate("window.__printCalls") == 2
    assert flat(" ".join(pdf_pages(page, tmp_path / "again.pdf"))).count("\u2713") == 3


def test_the_print_pack_starts_each_checklist_on_a_new_page(page, site_url, toolkit, tmp_path):
    page.goto(f"{site_url}checklists/print/")
    page.locator(".tk-toolbar[data-tk-pack]:not([hidden])").wait_for()
    raw = pdf_pages(page, tmp_path / "pack.pdf")
    pages = [flat(p) for p in raw]
    assert len(pages) <= 2 * len(toolkit.checklists)
    text = " ".join(pages)
    for words in SCREEN_ONLY + ["All checklists, ready to print Every checklist"]:
        assert words not in text
    # Every page is headed by the checklist on it, not by the pack's own title.
    headers = [next(line for line in p.splitlines() if line.strip()) for p in raw]
    assert not [h for h in headers if "All checklists" in h]
    first_pages = []
    for data in toolkit.checklists:
        starts = [n for n, h in enumerate(headers) if data.title in h]
        assert starts, f"no page is headed {data.title}"
        assert starts == list(range(starts[0], starts[-1] + 1))  # its pages, in one run
        first_pages.append(starts[0])
        for item in data.items:
            assert flat(item.text) in text
    assert first_pages == sorted(first_pages)
    for previous, data in zip(toolkit.checklists, toolkit.checklists[1:], strict=False):
        # The page a checklist starts on holds nothing of the one before it.
        start = pages[first_pages[toolkit.checklists.index(data)]]
        assert all(flat(item.text) not in start for item in previous.items)


# -- accessibility -----------------------------------------------------------------------

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.mark.parametrize(
    "address",
    [f"checklists/{cid}/" for cid in CHECKLIST_IDS] + ["checklists/", "checklists/print/"],
)
def test_axe_finds_no_violations(page, site_url, address):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url + address)
    if address != "checklists/":
        page.locator(".tk-toolbar:not([hidden])").first.wait_for()
        boxes = page.locator(ITEM)
        for n in range(0, min(boxes.count(), 6), 2):  # with some ticked, as a reader sees it
            boxes.nth(n).check()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    assert results.violations_count == 0, results.generate_report()
