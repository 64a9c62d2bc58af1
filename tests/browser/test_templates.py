"""Agreement templates in Chromium: two partners draft an agreement, pass it
back and forth as a file, and print it to sign, with nothing lost on the way.

Fields are filled by their kind (read from the page's data-tk-type marks), so
the same helpers fill any template a toolkit ships.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
WORDS = yaml.safe_load((ROOT / "plugins/partnership_toolkit/strings/en.yml").read_text("utf-8"))
TEMPLATE_IDS = sorted(p.stem for p in (ROOT / "data/templates").glob("*.yml"))
KEY = "tk:/:template:{}"  # the site is served at the root of its host
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Text of the site around the agreement that must not reach paper.
CHROME_TEXT = [
    "How to use this toolkit",
    "Table of contents",
    "Search",
    "Customising",
    WORDS["template_export"],
    WORDS["template_download"],
    WORDS["storage_private"],
]


# -- helpers ---------------------------------------------------------------------------------


def open_template(page, site_url: str, tid: str) -> None:
    page.goto(f"{site_url}templates/{tid}/")
    page.wait_for_selector(".tk-toolbar:not([hidden])")


def answer_for(kind: str, name: str) -> str:
    return {
        "text": f"{name} text",
        "textarea": f"{name} first line\n{name} second line",
        "date": "2025-03-14",
        "number": "12",
        "email": f"{name}@example.org",
    }[kind]


def fill_control(holder, kind: str, name: str) -> str:
    if kind == "choice":
        select = holder.locator("select")
        value = select.locator("option").last.inner_text()
        select.select_option(value)
        return value
    value = answer_for(kind, name)
    holder.locator("input, textarea").fill(value)
    return value


def fill_everything(page, rows: int = 2) -> dict:
    """Fill every field of the template on the page; return the answers an export should hold."""
    answers: dict = {}
    for field in page.locator("[data-tk-field]").all():
        fid = field.get_attribute("data-tk-field")
        kind = field.get_attribute("data-tk-type")
        if kind == "choices":
            boxes = field.locator("input[type=checkbox]")
            boxes.first.check()
            boxes.last.check()
            answers[fid] = [boxes.first.get_attribute("value"), boxes.last.get_attribute("value")]
        elif kind in ("rows", "signatures"):
            while field.locator("[data-tk-row]").count() < rows:
                field.locator("[data-tk-action=add-row]").click()
            while field.locator("[data-tk-row]").count() > rows:
                field.locator("[data-tk-action=remove-row]").last.click()
            answers[fid] = []
            for n, row in enumerate(field.locator("[data-tk-row]").all(), start=1):
                values = {}
                for column in row.locator("[data-tk-column]").all():
                    cid = column.get_attribute("data-tk-column")
                    values[cid] = fill_control(
                        column, column.get_attribute("data-tk-type"), f"{fid}-{n}-{cid}"
                    )
                answers[fid].append(values)
        else:
            answers[fid] = fill_control(field, kind, fid)
    return answers


def read_everything(page) -> dict:
    """What the fields on the page hold now, in the same shape as an export."""
    answers: dict = {}
    for field in page.locator("[data-tk-field]").all():
        fid = field.get_attribute("data-tk-field")
        kind = field.get_attribute("data-tk-type")
        if kind == "choices":
            ticked = [
                b.get_attribute("value")
                for b in field.locator("input[type=checkbox]").all()
                if b.is_checked()
            ]
            if ticked:
                answers[fid] = ticked
        elif kind in ("rows", "signatures"):
            answers[fid] = []
            for row in field.locator("[data-tk-row]").all():
                values = {}
                for column in row.locator("[data-tk-column]").all():
                    value = column.locator("input, textarea, select").input_value()
                    if value:
                        values[column.get_attribute("data-tk-column")] = value
                answers[fid].append(values)
        else:
            value = field.locator("input, textarea, select").first.input_value()
            if value:
                answers[fid] = value
    return answers


def wait_saved(page) -> None:
    page.wait_for_function(
        "s => document.querySelector('[data-tk-status]').textContent === s",
        arg=WORDS["storage_saved"],
    )


def saved_record(page, tid: str) -> dict | None:
    raw = page.evaluate("k => localStorage.getItem(k)", KEY.format(tid))
    return json.loads(raw) if raw else None


def download(page, action: str) -> tuple[str, str]:
    with page.expect_download() as info:
        page.click(f"[data-tk-action={action}]")
    dl = info.value
    return dl.suggested_filename, Path(dl.path()).read_text(encoding="utf-8")


def pdf_text(page, tmp_path: Path, name: str) -> str:
    page.emulate_media(media="print")
    path = tmp_path / f"{name}.pdf"
    page.pdf(path=str(path), format="A4")
    page.emulate_media(media="screen")
    return subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def accept_dialogs(page) -> list[str]:
    messages: list[str] = []

    def accept(dialog) -> None:
        messages.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    return messages


# -- saving and restoring ---------------------------------------------------------------------


def test_every_field_kind_is_saved_and_found_again_after_reload(page, site_url):
    open_template(page, site_url, "partnership-agreement")
    kinds = set(
        page.eval_on_selector_all(
            "[data-tk-field], template",
            "els => els.flatMap(e => e.content ? "
            "[...e.content.querySelectorAll('[data-tk-type]')].map(c => c.dataset.tkType) "
            ": [e.dataset.tkType])",
        )
    )
    assert kinds == {
        "text",
        "textarea",
        "date",
        "number",
        "email",
        "choice",
        "choices",
        "rows",
        "signatures",
    }
    expected = fill_everything(page)
    wait_saved(page)
    assert page.locator("[data-tk-status]").is_visible()
    assert saved_record(page, "partnership-agreement")["answers"] == expected

    page.reload()
    page.wait_for_selector(".tk-toolbar:not([hidden])")
    assert read_everything(page) == expected
    assert page.locator("[data-tk-status]").inner_text() == WORDS["storage_saved"]
    assert page.locator("[data-tk-completeness]").inner_text() == WORDS["template_complete"]
    assert page.log.external(site_url) == []
    assert page.log.page_errors == []


@pytest.mark.data_loss
def test_answers_come_back_after_instant_navigation(page, site_url):
    page.goto(f"{site_url}templates/")
    page.click(".md-content a[href$='light-agreement/']")
    page.wait_for_selector("[data-tk-template=light-agreement] .tk-toolbar:not([hidden])")
    page.fill("#f-what", "Run one workshop together")
    # Leave straight away, before the save delay: the answer must not be lost.
    page.click(".md-content a[href$='partnership-agreement/']")
    page.wait_for_selector("[data-tk-template=partnership-agreement] .tk-toolbar:not([hidden])")
    page.go_back()
    page.wait_for_selector("[data-tk-template=light-agreement] .tk-toolbar:not([hidden])")
    assert page.input_value("#f-what") == "Run one workshop together"
    assert page.evaluate("() => window.performance.getEntriesByType('navigation').length") == 1
    assert page.log.page_errors == []


# -- rows -------------------------------------------------------------------------------------


def test_rows_are_added_and_removed_with_focus_and_numbering(page, site_url):
    open_template(page, site_url, "light-agreement")
    partners = page.locator("[data-tk-field=partners]")
    rows = partners.locator("[data-tk-row]")
    assert rows.count() == 2  # the template's `rows: 2`

    partners.locator("[data-tk-action=add-row]").focus()
    page.keyboard.press("Enter")
    assert rows.count() == 3
    assert page.evaluate("document.activeElement.closest('[data-tk-row]') !== null")
    first_of_new_row = rows.nth(2).locator("input").first.get_attribute("id")
    assert page.evaluate("document.activeElement.id") == first_of_new_row
    legends = [r.locator("legend").first.inner_text() for r in rows.all()]
    assert legends == ["Row 1", "Row 2", "Row 3"]

    for n, org in enumerate(["Riverside Trust", "Second Org", "Third Org"]):
        rows.nth(n).locator("[data-tk-column=organisation] input").fill(org)
    # A row with something written in it goes only when the reader says so.
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    rows.nth(1).locator("[data-tk-action=remove-row]").click()
    assert asked == [WORDS["template_remove_row_confirm"].format(row="Row 2")]
    assert rows.count() == 3
    page.on("dialog", lambda dialog: dialog.accept())
    rows.nth(1).locator("[data-tk-action=remove-row]").click()

    assert rows.count() == 2
    assert [r.locator("legend").first.inner_text() for r in rows.all()] == ["Row 1", "Row 2"]
    assert [r.locator("[data-tk-action=remove-row]").inner_text() for r in rows.all()] == [
        "Remove row 1",
        "Remove row 2",
    ]
    # Focus goes to the row that took the removed one's place.
    assert page.evaluate("document.activeElement.value") == "Third Org"
    # A filled row's removal is said in the notice, with Undo.
    assert page.locator("[data-tk-notice]").inner_text() == (
        "Row 2 removed. " + WORDS["undo_offered"]
    )
    wait_saved(page)
    saved = saved_record(page, "light-agreement")["answers"]["partners"]
    assert [r.get("organisation") for r in saved] == ["Riverside Trust", "Third Org"]
    assert "Second Org" not in json.dumps(saved_record(page, "light-agreement"))
    page.locator(".tk-template [data-tk-action=undo]").click()
    assert [r.locator("[data-tk-column=organisation] input").input_value() for r in rows.all()] == [
        "Riverside Trust",
        "Second Org",
        "Third Org",
    ]
    assert page.locator("[data-tk-notice]").inner_text() == WORDS["undone"]
    assert page.locator(".tk-template [data-tk-action=undo]").is_hidden()
    saved = saved_record(page, "light-agreement")["answers"]["partners"]
    assert [r.get("organisation") for r in saved] == ["Riverside Trust", "Second Org", "Third Org"]
    rows.nth(1).locator("[data-tk-action=remove-row]").click()

    # Removing every row leaves focus on "Add a row".
    rows.nth(1).locator("[data-tk-action=remove-row]").click()
    rows.nth(0).locator("[data-tk-action=remove-row]").click()
    assert rows.count() == 0
    assert page.evaluate("document.activeElement.dataset.tkAction") == "add-row"
    page.reload()
    page.wait_for_selector(".tk-toolbar:not([hidden])")
    assert rows.count() == 0  # the reader's choice of no rows survives a reload


# -- export, clear, import ------------------------------------------------------------------


def test_export_clear_import_round_trip(page, site_url):
    dialogs = accept_dialogs(page)
    open_template(page, site_url, "light-agreement")
    expected = fill_everything(page)

    name, text = download(page, "export")
    draft = json.loads(text)
    assert re.fullmatch(r"light-agreement-draft-\d{4}-\d{2}-\d{2}\.json", name)
    assert draft["template"] == "light-agreement"
    assert draft["title"] == "Light agreement"
    assert draft["format"] == "partnership-toolkit/template-draft"
    assert draft["format_version"] == 1
    assert re.fullmatch(r"[0-9a-f]+", draft["template_version"])
    assert re.match(r"\d{4}-\d{2}-\d{2}T", draft["exported"])
    assert draft["answers"] == expected
    assert draft["earlier"] == {}

    page.click("[data-tk-action=clear]")
    assert dialogs == [WORDS["template_clear_confirm"]]
    assert saved_record(page, "light-agreement") is None
    assert read_everything(page) == {"partners": [{}, {}], "signatures": [{}, {}]}
    assert page.locator("[data-tk-notice]").inner_text() == (
        WORDS["template_cleared"] + " " + WORDS["undo_offered"]
    )
    # Undo brings every answer back, saved; then clear again for the import.
    page.click(".tk-template [data-tk-action=undo]")
    assert read_everything(page) == expected
    assert saved_record(page, "light-agreement")["answers"] == expected
    assert page.locator("[data-tk-notice]").inner_text() == WORDS["undone"]
    page.click("[data-tk-action=clear]")
    assert saved_record(page, "light-agreement") is None

    page.set_input_files(
        "[data-tk-import-file]",
        files=[{"name": name, "mimeType": "application/json", "buffer": text.encode("utf-8")}],
    )
    page.wait_for_function(
        "s => document.querySelector('[data-tk-notice]').textContent === s",
        arg=WORDS["template_imported"],
    )
    assert read_everything(page) == expected
    assert saved_record(page, "light-agreement")["answers"] == expected
    assert page.log.external(site_url) == []


@pytest.mark.parametrize(
    "content, message",
    [
        (
            "not json at all",
            WORDS["template_import_failed"].format(reason=WORDS["template_import_not_json"]),
        ),
        (
            '{"template": "light-agreement"}',
            WORDS["template_import_failed"].format(reason=WORDS["template_import_not_draft"]),
        ),
        (
            '{"template": "dispute-resolution", "title": "Dispute resolution procedure", '
            '"answers": {}}',
            WORDS["template_import_wrong"].format(found="Dispute resolution procedure"),
        ),
    ],
)
def test_a_broken_or_foreign_file_is_refused_with_a_reason(page, site_url, content, message):
    open_template(page, site_url, "light-agreement")
    page.fill("#f-what", "Untouched")
    page.set_input_files(
        "[data-tk-import-file]",
        files=[{"name": "draft.json", "mimeType": "application/json", "buffer": content.encode()}],
    )
    notice = page.locator("[data-tk-notice]")
    notice.wait_for(state="visible")
    assert notice.inner_text() == message
    assert page.input_value("#f-what") == "Untouched"
    assert page.log.page_errors == []


# -- a later version of the template --------------------------------------------------------

OLD_RECORD = {
    "format": "partnership-toolkit/template-draft",
    "format_version": 1,
    "template": "light-agreement",
    "template_version": "0ld",
    "answers": {
        "what": "A workshop",
        "old-question": "An answer to a question this version no longer asks",
        "payment": "Paid in biscuits",  # no longer one of the options
        "partners": [{"organisation": "Riverside Trust", "phone": "01234 567890"}],
    },
    "labels": {"old-question": "What did we used to ask?", "partners.phone": "Phone"},
}


@pytest.mark.data_loss
def test_answers_to_fields_a_new_version_dropped_are_kept_shown_and_exported(page, site_url):
    page.goto(f"{site_url}templates/")
    page.evaluate(
        "([k, v]) => localStorage.setItem(k, v)",
        [KEY.format("light-agreement"), json.dumps(OLD_RECORD)],
    )
    open_template(page, site_url, "light-agreement")

    assert page.input_value("#f-what") == "A workshop"
    partners = page.locator("[data-tk-field=partners] [data-tk-row]")
    assert partners.count() == 1
    organisation = partners.first.locator("[data-tk-column=organisation] input")
    assert organisation.input_value() == "Riverside Trust"

    box = page.locator("[data-tk-earlier]")
    assert box.is_visible()
    assert box.locator("h2").inner_text() == WORDS["template_unknown_heading"]
    shown = dict(
        zip(box.locator("dt").all_inner_texts(), box.locator("dd").all_inner_texts(), strict=True)
    )
    assert shown == {
        "What did we used to ask?": "An answer to a question this version no longer asks",
        "How partners' time and costs are covered": "Paid in biscuits",
        "Partners, Row 1: Phone": "01234 567890",
    }

    page.fill("#f-credit", "Both logos")  # a save after the change keeps them too
    wait_saved(page)
    kept = saved_record(page, "light-agreement")["earlier"]
    assert {v["value"] for v in kept.values()} == set(shown.values())

    name, text = download(page, "export")
    exported = {v["label"]: v["value"] for v in json.loads(text)["earlier"].values()}
    assert exported == shown
    name, markdown = download(page, "markdown")
    assert f"## {WORDS['template_unknown_heading']}" in markdown
    assert "An answer to a question this version no longer asks" in markdown

    # Importing that export elsewhere brings the earlier answers along.
    wait_saved(page)
    page.evaluate("k => localStorage.removeItem(k)", KEY.format("light-agreement"))
    page.reload()
    page.wait_for_selector(".tk-toolbar:not([hidden])")
    assert box.is_hidden()
    page.set_input_files(
        "[data-tk-import-file]",
        files=[{"name": name, "mimeType": "application/json", "buffer": text.encode()}],
    )
    box.wait_for(state="visible")
    assert len(box.locator("dt").all()) == 3


# -- checks ---------------------------------------------------------------------------------


def test_completeness_lists_required_fields_and_links_to_them(page, site_url):
    open_template(page, site_url, "light-agreement")
    check = page.locator("[data-tk-completeness]")
    summary = check.locator("summary")
    assert summary.inner_text() == WORDS["template_missing"].format(count=5)
    summary.click()
    links = check.locator("li a")
    assert links.all_inner_texts() == [
        "Partners",
        "What we will do together, and why",
        "Who does what",
        "Date the work will be finished",
        "How partners' time and costs are covered",
    ]
    links.nth(2).click()
    assert page.evaluate("document.activeElement.id") == "f-who-does-what"
    # The field now says what is wrong, tied to it for screen readers.
    field = page.locator("#f-who-does-what")
    assert field.get_attribute("aria-invalid") == "true"
    error_id = field.get_attribute("aria-describedby").split()[-1]
    assert page.locator(f"#{error_id}").inner_text() == WORDS[
        "template_field_required_error"
    ].format(field="Who does what")
    field.fill("The charity books the room")
    assert field.get_attribute("aria-invalid") is None
    assert page.locator(f"#{error_id}").count() == 0
    # Once typing pauses, a moment later (each keystroke redraws only its field).
    expect(summary).to_have_text(WORDS["template_missing"].format(count=4))


def test_a_keystroke_redraws_only_its_own_field_and_the_rest_once_typing_pauses(page, site_url):
    """Typing costs little on a slow phone: each keystroke redraws the field
    typed in (its print copy included), and what is missing is shown again once
    typing pauses, or at once when the page is printed."""
    page.clock.install()
    open_template(page, site_url, "light-agreement")
    # From here the page's timers run only when the test says.
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)
    page.evaluate(
        """() => {
          window.__redrawn = new Set();
          const where = (node) => {
            const el = node.nodeType === 1 ? node : node.parentElement;
            if (el.closest("[data-tk-completeness]")) return "completeness";
            const field = el.closest("[data-tk-field]");
            return field ? field.getAttribute("data-tk-field") : null;
          };
          new MutationObserver((changes) => changes.forEach((m) => {
            const place = where(m.target);
            if (place) window.__redrawn.add(place);
          })).observe(document.body,
            {subtree: true, childList: true, characterData: true, attributes: true});
        }"""
    )
    summary = page.locator("[data-tk-completeness] summary")
    assert summary.inner_text() == WORDS["template_missing"].format(count=5)
    page.locator("#f-who-does-what").press_sequentially("The charity books the room")
    assert page.evaluate("[...window.__redrawn]") == ["who-does-what"]
    twin = page.locator('[data-tk-field="who-does-what"] [data-tk-print-value]')
    assert twin.text_content() == "The charity books the room"
    assert summary.inner_text() == WORDS["template_missing"].format(count=5)
    page.clock.run_for(1000)
    assert summary.inner_text() == WORDS["template_missing"].format(count=4)
    # Printing straight after a keystroke shows what is missing as it is then.
    page.locator("#f-what").press_sequentially("A garden")
    assert summary.inner_text() == WORDS["template_missing"].format(count=4)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert summary.inner_text() == WORDS["template_missing"].format(count=3)


def test_an_email_that_is_not_one_is_explained_at_the_field(page, site_url):
    open_template(page, site_url, "light-agreement")
    first_row = page.locator("[data-tk-field=partners] [data-tk-row]").first
    email = first_row.locator("input[type=email]")
    email.fill("not an address")
    email.blur()
    assert email.get_attribute("aria-invalid") == "true"
    error = page.locator(f"#{email.get_attribute('id')}-error")
    assert error.inner_text() == WORDS["template_email_error"].format(field="Email")
    assert error.get_attribute("id") in email.get_attribute("aria-describedby").split()


# -- Markdown and paper ---------------------------------------------------------------------


def test_markdown_download_is_the_filled_agreement(page, site_url):
    open_template(page, site_url, "light-agreement")
    answers = fill_everything(page)
    name, text = download(page, "markdown")
    assert re.fullmatch(r"light-agreement-\d{4}-\d{2}-\d{2}\.md", name)
    lines = text.splitlines()
    assert lines[0] == "# Light agreement"
    assert [line for line in lines if line.startswith("## ")] == [
        "## Who is involved",
        "## What we will do",
        "## Time and money",
        "## Keeping in touch and credit",
        "## Confirming the agreement",
    ]
    assert "| Organisation | Contact name | Email |" in lines
    row = answers["partners"][0]
    assert f"| {row['organisation']} | {row['name']} | {row['email']} |" in lines
    assert "**What we will do together, and why:**" in lines
    assert "what first line  " in lines and "what second line" in lines
    assert f"**How partners' time and costs are covered:** {answers['payment']}" in lines
    assert "**Signatory 2**  " in lines
    assert f"Name: {answers['signatures'][1]['name']}  " in lines
    assert "Date: March 14, 2025  " in lines or "Date: 14 March 2025  " in lines
    assert lines.count("Signature: " + "\\_" * 30) == 2
    assert page.log.external(site_url) == []


def test_printed_agreement_shows_answers_and_no_site_chrome(page, site_url, tmp_path):
    open_template(page, site_url, "light-agreement")
    answers = fill_everything(page)
    text = pdf_text(page, tmp_path, "filled")
    for value in [
        answers["what"].splitlines()[0],
        answers["money-details"],
        answers["payment"],
        answers["partners"][1]["organisation"],
        answers["signatures"][0]["name"],
    ]:
        assert value in text
    assert "March 14, 2025" in text or "14 March 2025" in text
    for chrome in CHROME_TEXT:
        assert chrome not in text
    # A signed copy still says where its advice came from, and when it was checked.
    assert WORDS["sources_heading"] in text and "Partnerships 101" in text
    assert "Last reviewed:" in text
    # Unchosen options are not printed on a filled agreement.
    assert "By replying to the email" not in text
    assert text.count("Signature") == 2


def test_blank_printout_has_lines_and_signature_blocks(page, site_url, tmp_path):
    open_template(page, site_url, "light-agreement")
    answers = fill_everything(page, rows=3)
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.click("[data-tk-action=print-blank]")
    assert page.evaluate("window.__printed") is True
    assert page.evaluate("document.documentElement.classList.contains('tk-template-blank')")
    page.emulate_media(media="print")
    lines = page.eval_on_selector_all(
        ".tk-signatures [data-tk-print-blank] .tk-sign__line--signature dd",
        "els => els.map(e => [getComputedStyle(e).borderBottomStyle,"
        "                     e.getBoundingClientRect().width > 100])",
    )
    assert lines == [["solid", True], ["solid", True]]
    text = pdf_text(page, tmp_path, "blank")
    assert answers["what"].splitlines()[0] not in text
    assert answers["partners"][0]["organisation"] not in text
    # The template's two signature blocks (not the three rows on screen), each with a line.
    assert re.findall(r"Signatory \d", text) == ["Signatory 1", "Signatory 2"]
    assert text.count("Signature") == 2
    for option in ["By replying to the email", "By signing below", "Expenses only"]:
        assert option in text  # every option, to tick by hand
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert not page.evaluate("document.documentElement.classList.contains('tk-template-blank')")


# -- accessibility ---------------------------------------------------------------------------


def _violations(page) -> list[str]:
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result.response["violations"]
    ]


@pytest.mark.parametrize("path", ["templates/"] + [f"templates/{t}/" for t in TEMPLATE_IDS])
def test_template_pages_have_no_accessibility_violations(page, site_url, path):
    page.goto(site_url + path)
    if path != "templates/":
        page.wait_for_selector(".tk-toolbar:not([hidden])")
    assert _violations(page) == []


def test_a_form_in_use_has_no_accessibility_violations(page, site_url):
    """Errors shown, the missing list open, rows added and earlier answers boxed."""
    page.goto(f"{site_url}templates/")
    page.evaluate(
        "([k, v]) => localStorage.setItem(k, v)",
        [KEY.format("light-agreement"), json.dumps(OLD_RECORD)],
    )
    open_template(page, site_url, "light-agreement")
    page.locator("[data-tk-field=signatures] [data-tk-action=add-row]").click()
    email = page.locator("[data-tk-field=partners] input[type=email]").first
    email.fill("nope")
    email.blur()
    page.locator("[data-tk-completeness] summary").click()
    page.locator("[data-tk-completeness] li a").first.click()
    assert page.locator("[data-tk-earlier]").is_visible()
    assert page.locator("[aria-invalid=true]").count() == 2  # the bad email, the empty field
    assert _violations(page) == []


# The width of A4's text area (210 mm less 15 mm margins each side), in CSS pixels.
A4_TEXT = round((210 - 30) / 25.4 * 96)
PRINTED_TABLE = """() => {
  const table = [...document.querySelectorAll("table.tk-print-table")]
    .find(t => t.querySelector("[data-tk-cell=email]"));
  const mm = px => px * 25.4 / 96;
  const cells = [...table.querySelectorAll("thead th")];
  const email = cells[[...table.querySelectorAll("tbody tr:first-child td")]
    .findIndex(td => td.dataset.tkCell === "email")];
  return {email: mm(email.getBoundingClientRect().width),
          right: table.getBoundingClientRect().right, page: window.innerWidth};
}"""


@pytest.mark.parametrize("template", ["light-agreement", "communication-plan"])
def test_printed_rows_leave_room_to_write_an_email_and_keep_their_right_border(
    browser, site_url, template
):
    """On A4, an email column is wide enough to write an address in (at least
    40 mm), and the table's right-hand border is inside the paper's text area,
    not cut in half at its edge."""
    context = browser.new_context(viewport={"width": A4_TEXT, "height": 1000})
    page = context.new_page()
    try:
        page.goto(f"{site_url}templates/{template}/")
        page.emulate_media(media="print")
        measured = page.evaluate(PRINTED_TABLE)
    finally:
        context.close()
    assert measured["email"] >= 40, measured
    assert measured["right"] <= measured["page"] - 1, measured
