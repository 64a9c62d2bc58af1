"""A health-check round as the people in it go through it, in Chromium.

Partners answer in browsers of their own (separate profiles, from the offline
copy); one person compares their files, meets files that are the same, unnamed,
damaged or of the wrong kind, types in answers given on paper, removes and
clears with Undo, prints the report, and at the next round opens last round's
comparison. Each promise the pages make is checked as the reader meets it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from .test_assessments import (
    ADDRESS,
    COMPARE,
    PARTNERS,
    TOOLBAR,
    answer_files,
    check,
    drawn,
    export,
    open_check,
    open_compare,
    radio,
)
from .test_checklists import WCAG

STATUS = ".tk-compare [data-tk-status]"


def wait_for_status(page, words: str, where: str = STATUS) -> str:
    page.wait_for_function(
        "([sel, words]) => (document.querySelector(sel).textContent || '').includes(words)",
        arg=[where, words],
    )
    return page.locator(where).inner_text()


def flagged_ids(page) -> set[str]:
    drawn(page)
    return set(
        page.eval_on_selector_all(
            ".tk-compare__statement--flagged", "els => els.map(e => e.dataset.tkStatement)"
        )
    )


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    return int(
        next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:"))
    )


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


# -- the promise: partners' own files, compared from the offline copy ------------------------

# What each partner ticks. By the page's rule, a statement is flagged when two
# scores are 2 or more points apart or someone answers "don't know".
ROUND = {
    "Riverside Community Network": {
        "purpose-agreed": "1",
        "aims-and-objectives": "2",
        "partnership-adds-value": "5",
        "purpose-still-fits": "4",
        "roles-clear": "not-applicable",
        "commitments-written": "1",
    },
    "Council": {
        "purpose-agreed": "3",  # 2 apart: flagged
        "aims-and-objectives": "3",  # 1 apart: not
        "partnership-adds-value": "5",  # the same: not
        "purpose-still-fits": "dont-know",  # unsure: flagged
        "roles-clear": "3",  # one score and "not applicable": not
        "commitments-written": "5",  # 4 apart: flagged
        "commitments-kept": "2",  # one score only: not
    },
}
FLAGGED = {"purpose-agreed", "purpose-still-fits", "commitments-written"}


@pytest.mark.data_loss
def test_partners_in_their_own_browsers_compare_from_the_offline_copy(
    browser, offline_site, tmp_path
):
    check_page = (offline_site / "assessments" / "health-check.html").as_uri()
    files = []
    for label, ticks in ROUND.items():
        ctx = browser.new_context(accept_downloads=True)  # a profile of this partner's own
        page = ctx.new_page()
        open_check(page, check_page)
        page.fill("[data-tk-label]", label)
        for statement, value in ticks.items():
            radio(page, statement, value).check()
        files.append(tmp_path / export(page, tmp_path)["name"])
        ctx.close()

    ctx = browser.new_context(accept_downloads=True)
    page = ctx.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    compare = (offline_site / "assessments" / "health-check" / "compare.html").as_uri()
    page.goto(compare)
    page.locator(".tk-compare .tk-toolbar:not([hidden])").wait_for()
    page.set_input_files("[data-tk-compare-files]", files=[str(f) for f in files])
    page.locator(".tk-compare__statement").first.wait_for()
    drawn(page)
    assert "2 answer files added" in page.locator(STATUS).inner_text()
    assert flagged_ids(page) == FLAGGED

    page.click("[data-tk-action=plan]")
    page.wait_for_url("**/templates/improvement-plan.html")
    page.locator(".tk-template .tk-toolbar:not([hidden])").wait_for()
    actions = page.locator("[data-tk-field=action-list] textarea").evaluate_all(
        "els => els.map(e => e.value)"
    )
    statements = {s.id: s.text for s in check().statements}
    assert sorted(a for a in actions if a) == sorted(f"Improve: {statements[s]}" for s in FLAGGED)
    assert "3 flagged statements are added" in page.locator("[data-tk-notice]").inner_text()
    page.reload()  # the draft is the plan's own now, kept like any other
    page.locator(".tk-template .tk-toolbar:not([hidden])").wait_for()
    kept = page.locator("[data-tk-field=action-list] textarea").evaluate_all(
        "els => els.map(e => e.value)"
    )
    assert kept == actions
    assert [u for u in requests if not u.startswith(("file:", "data:", "blob:"))] == []
    assert errors == []
    ctx.close()


# -- files the person comparing meets -------------------------------------------------------


def test_the_same_file_twice_a_shared_name_and_no_name(page, site_url, tmp_path):
    (council,) = answer_files(tmp_path, {"Council": 4})
    open_compare(page, site_url, [council])
    page.set_input_files("[data-tk-compare-files]", files=[str(council)])
    assert "already open" in wait_for_status(page, "already open")
    assert "1 partner" in page.locator("[data-tk-count]").inner_text()

    (tmp_path / "later").mkdir()
    (later,) = answer_files(tmp_path / "later", {"Council": 2})  # the same name, new answers
    unnamed = json.loads(council.read_text("utf-8")) | {"label": "  "}
    (tmp_path / "unnamed.json").write_text(json.dumps(unnamed), encoding="utf-8")
    page.set_input_files(
        "[data-tk-compare-files]", files=[str(later), str(tmp_path / "unnamed.json")]
    )
    text = wait_for_status(page, "2 answer files added")
    assert "shown as Council (2)" in text
    assert "shown as Unnamed 1" in text
    shown = page.locator("[data-tk-files] li").all_inner_texts()
    assert [line.split("\n")[0].split(",")[0] for line in shown] == [
        "Council",
        "Council (2)",
        "Unnamed 1",
    ]


def test_damaged_answers_are_left_out_counted_and_shown_as_text(page, site_url, tmp_path):
    (council,) = answer_files(tmp_path, {"Council": 4})
    file = json.loads(council.read_text("utf-8"))
    file["label"] = "<img src=x onerror=alert(1)>"
    file["answers"] = {
        "purpose-agreed": {"value": "7", "note": ""},  # not on the scale
        "aims-and-objectives": {"value": "<b>3</b>", "note": ""},
        "made-up-statement": {"value": "3", "note": ""},  # not this check's
        "partnership-adds-value": "4",  # not an answer at all
        "roles-clear": {"value": 4, "note": "<script>alert(2)</script> we said so"},
    }
    (tmp_path / "damaged.json").write_text(json.dumps(file), encoding="utf-8")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_compare(page, site_url, [tmp_path / "damaged.json"])
    assert "4 answers in this file are not this health check's" in page.locator(STATUS).inner_text()
    roles = page.locator(".tk-compare__statement[data-tk-statement=roles-clear]")
    assert "<script>alert(2)</script> we said so" in roles.text_content()
    assert "<img src=x onerror=alert(1)>" in page.locator("[data-tk-files]").inner_text()
    assert page.locator(".tk-compare img, .tk-compare script").count() == 0
    assert dialogs == [] and page.log.page_errors == []


def test_files_of_the_wrong_kind_say_which_button_takes_them(page, site_url, tmp_path):
    files = answer_files(tmp_path, {"Council": 4})
    open_compare(page, site_url, files)
    with page.expect_download() as info:
        page.click("[data-tk-action=save]")
    saved = tmp_path / "comparison.json"
    info.value.save_as(saved)
    page.set_input_files("[data-tk-compare-files]", files=[str(saved)])
    assert "Open last round's comparison" in wait_for_status(page, "saved comparison")
    page.set_input_files("[data-tk-previous-file]", files=[str(files[0])])
    assert "Open answer files" in wait_for_status(page, "one partner's answers")
    (tmp_path / "notes.json").write_text("not json at all", encoding="utf-8")
    page.set_input_files("[data-tk-compare-files]", files=[str(tmp_path / "notes.json")])
    assert "notes.json: That file is not a health check's answers." in wait_for_status(
        page, "notes.json"
    )
    assert "1 partner" in page.locator("[data-tk-count]").inner_text()


# -- nothing lost: Remove, Clear and Undo ----------------------------------------------------


@pytest.mark.data_loss
def test_removing_or_clearing_answers_can_be_undone(page, site_url, tmp_path):
    open_compare(page, site_url, answer_files(tmp_path, PARTNERS))
    page.locator("[data-tk-files] [data-tk-remove]").nth(2).click()
    assert "The answers of University are removed" in page.locator(STATUS).inner_text()
    assert page.evaluate("document.activeElement.matches('[data-tk-compare-files]')")
    assert "2 partners" in page.locator("[data-tk-count]").inner_text()
    undo = page.locator(".tk-compare [data-tk-action=undo]")
    undo.click()
    assert "back as it was" in page.locator(STATUS).inner_text()
    assert "3 partners" in page.locator("[data-tk-count]").inner_text()
    assert undo.is_hidden()

    box = page.locator(".tk-compare__statement").first
    box.locator("select").select_option("3")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-tk-action=clear]")
    assert page.locator(".tk-compare__statement").count() == 0
    undo.focus()
    page.keyboard.press("Enter")
    page.locator(".tk-compare__statement").first.wait_for()
    drawn(page)
    assert page.evaluate("document.activeElement.matches('[data-tk-compare-files]')")
    page.reload()  # what Undo gave back is saved again
    page.locator(".tk-compare__statement").first.wait_for()
    drawn(page)
    assert "3 partners" in page.locator("[data-tk-count]").inner_text()
    assert page.locator(".tk-compare__statement").first.locator("select").input_value() == "3"


def test_the_order_and_the_anonymous_view_are_remembered(page, site_url, tmp_path):
    open_compare(page, site_url, answer_files(tmp_path, PARTNERS))
    page.select_option("[data-tk-sort]", "lowest")
    drawn(page)
    page.check("[data-tk-anonymous]")
    drawn(page)
    page.reload()
    page.locator(".tk-compare__statement").first.wait_for()
    drawn(page)
    assert page.input_value("[data-tk-sort]") == "lowest"
    assert page.is_checked("[data-tk-anonymous]")
    assert "Council" not in page.locator("[data-tk-files]").inner_text()


# -- the paper path ---------------------------------------------------------------------------


def test_answers_given_on_paper_are_typed_in(page, site_url):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url + COMPARE)
    page.locator(".tk-compare .tk-toolbar:not([hidden])").wait_for()
    page.click("[data-tk-paper] summary")
    name = page.locator("[data-tk-paper-label]")
    page.click("[data-tk-action=paper-add]")
    error = page.locator("[data-tk-paper-error]")
    assert "name or organisation on the paper" in error.inner_text()
    assert name.get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.activeElement.matches('[data-tk-paper-label]')")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    assert results.violations_count == 0, results.generate_report()

    name.fill("Ty Hapus Tenants")
    assert error.is_hidden() and name.get_attribute("aria-invalid") is None
    page.click("[data-tk-action=paper-add]")
    assert "at least one answer" in page.locator(STATUS).inner_text()
    assert page.evaluate("document.activeElement.matches('[data-tk-paper-answer]')")

    page.select_option("[data-tk-paper-answer=purpose-agreed]", "2")
    page.fill("[data-tk-paper-note=purpose-agreed]", "Said at the March meeting")
    page.select_option("[data-tk-paper-answer=roles-clear]", "dont-know")
    page.click("[data-tk-action=paper-add]")
    assert (
        "The answers of Ty Hapus Tenants from paper are added" in page.locator(STATUS).inner_text()
    )
    assert "typed in from paper" in page.locator("[data-tk-files]").inner_text()
    box = page.locator(".tk-compare__statement[data-tk-statement=purpose-agreed]")
    assert "Said at the March meeting" in box.text_content()
    assert flagged_ids(page) == {"roles-clear"}
    assert page.input_value("[data-tk-paper-label]") == ""  # ready for the next paper
    assert page.input_value("[data-tk-paper-answer=purpose-agreed]") == ""


# -- the next round --------------------------------------------------------------------------


def comparison(agreed: dict, **changes: object) -> str:
    hc = check()
    return json.dumps(
        {
            "format": "partnership-toolkit-assessment-comparison",
            "assessment": hc.id,
            "title": hc.title,
            "version": hc.version,
            "scale": [p.value for p in hc.scale],
            "saved": "2026-06-01T10:00:00Z",
            "responses": [
                {"label": "Council", "answers": {"purpose-agreed": {"value": "2", "note": ""}}}
            ],
            "agreed": agreed,
        }
        | changes
    )


def test_last_rounds_agreement_is_shown_and_another_scale_refused(page, site_url, tmp_path):
    open_compare(page, site_url, answer_files(tmp_path, PARTNERS))
    last = tmp_path / "last-round.json"
    last.write_text(
        comparison({"purpose-agreed": {"score": "3", "note": "Meet every month"}}), "utf-8"
    )
    page.set_input_files("[data-tk-previous-file]", files=[str(last)])
    assert "saved 1 June 2026" in wait_for_status(page, "Last round")
    change = page.locator(
        ".tk-compare__statement[data-tk-statement=purpose-agreed] .tk-compare__change"
    ).text_content()
    assert "Average last round 2.0" in change
    assert "Last round the group agreed: 3 Neither agree nor disagree." in change
    assert "Its note then: Meet every month" in change

    other = tmp_path / "other-scale.json"
    other.write_text(comparison({}, version="0000", scale=[1, 2, 3]), "utf-8")
    page.set_input_files("[data-tk-previous-file]", files=[str(other)])
    assert "with another scale" in wait_for_status(page, "another scale")
    assert "Meet every month" in page.locator(".tk-compare__change").first.text_content()

    same_scale = tmp_path / "same-scale.json"
    same_scale.write_text(comparison({}, version="0000"), "utf-8")
    page.set_input_files("[data-tk-previous-file]", files=[str(same_scale)])
    assert "statements both versions ask" in wait_for_status(page, "another version")


# -- filling in: nothing a partner gave is lost -----------------------------------------------


@pytest.mark.data_loss
def test_a_partners_import_and_clear_can_be_undone(page, site_url, tmp_path):
    open_check(page, site_url + ADDRESS)
    page.fill("[data-tk-label]", "Gwynedd Môn")
    radio(page, "purpose-agreed", "4").check()
    mine = export(page, tmp_path)
    assert mine["name"] == "health-check-gwynedd-mon.json"

    theirs = dict(
        mine, label="Someone else", answers={"purpose-agreed": {"value": "1", "note": ""}}
    )
    (tmp_path / "theirs.json").write_text(json.dumps(theirs), encoding="utf-8")
    page.set_input_files(
        ".tk-assessment [data-tk-import-file]", files=[str(tmp_path / "theirs.json")]
    )
    page.wait_for_function(
        "() => document.querySelector(\"input[name='health-check--purpose-agreed'][value='1']\")"
        ".checked"
    )
    page.click(".tk-assessment [data-tk-action=undo]")
    assert radio(page, "purpose-agreed", "4").is_checked()
    assert page.input_value("[data-tk-label]") == "Gwynedd Môn"

    page.once("dialog", lambda dialog: dialog.accept())
    page.click(".tk-assessment [data-tk-action=clear]")
    assert not radio(page, "purpose-agreed", "4").is_checked()
    page.click(".tk-assessment [data-tk-action=undo]")
    assert radio(page, "purpose-agreed", "4").is_checked()
    page.reload()
    page.locator(TOOLBAR).wait_for()
    assert radio(page, "purpose-agreed", "4").is_checked()


@pytest.mark.data_loss
def test_answers_saved_for_an_older_version_are_shown_and_kept(page, site_url):
    open_check(page, site_url + ADDRESS)
    key = "tk:/:assessment:health-check"
    older = {
        "version": "0000",
        "label": "Council",
        "answers": {
            "purpose-agreed": {"value": "2", "note": "Still true"},
            "a-statement-since-dropped": {"value": "5", "note": "Kept aside"},
        },
    }
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(older)])
    page.reload()
    page.locator(TOOLBAR).wait_for()
    assert "another version" in page.locator(".tk-assessment [data-tk-status]").inner_text()
    assert radio(page, "purpose-agreed", "2").is_checked()
    assert page.input_value("[data-tk-statement=purpose-agreed] textarea") == "Still true"
    kept = page.evaluate("k => localStorage.getItem(k)", key + ":version:0000")
    assert json.loads(kept) == older


# -- print and small screens -----------------------------------------------------------------


def test_the_blank_questionnaire_prints_on_four_pages_or_fewer(page, site_url, pdf_site, tmp_path):
    open_check(page, site_url + ADDRESS)
    page.emulate_media(media="print")
    page.pdf(path=str(tmp_path / "blank.pdf"), format="A4")
    assert pdf_pages(tmp_path / "blank.pdf") <= 4
    built = pdf_site / "assessments" / "health-check.pdf"  # the build's own (WeasyPrint)
    assert pdf_pages(built) <= 4
    text = pdf_text(built)
    assert "Answered by" in text and check().statements[-1].text[:40] in " ".join(text.split())


def test_the_printed_report_names_who_answered_and_shows_no_controls(page, site_url, tmp_path):
    open_compare(page, site_url, answer_files(tmp_path, PARTNERS))
    first = page.locator(".tk-compare__statement").first
    first.locator("select").select_option("disagree")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.pdf(path=str(tmp_path / "report.pdf"), format="A4")
    text = " ".join(pdf_text(tmp_path / "report.pdf").split())
    assert "Answers of Council, Riverside Community Network, University." in text
    assert "Compared on" in text
    assert "We disagree" in text
    for control in ("Back to the health check", "Open answer files", "Remove", "Show statements"):
        assert control not in text


def test_the_comparison_reflows_at_320_pixels_with_a_long_name(page, site_url, tmp_path):
    (council,) = answer_files(tmp_path, {"Council": 4})
    # Longer than the name field takes (200 characters): a file edited by hand.
    file = json.loads(council.read_text("utf-8")) | {"label": "Partnership " * 25 + "Trust"}
    assert len(file["label"]) > 300
    council.write_text(json.dumps(file), encoding="utf-8")
    page.set_viewport_size({"width": 320, "height": 800})
    open_compare(page, site_url, [council])
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    shown = page.locator("[data-tk-files] li").first.inner_text()
    assert "…" in shown and 190 < len(shown.split("\n")[0]) < 220
    assert "Partnership " * 16 in shown


def round_files(tmp_path: Path) -> list[Path]:
    """ROUND's answers as the files the partners' pages export."""
    hc = check()
    out = []
    for label, answers in ROUND.items():
        path = tmp_path / f"{label.split()[0].lower()}.json"
        body = {
            "format": "partnership-toolkit-assessment-answers",
            "assessment": hc.id,
            "title": hc.title,
            "version": hc.version,
            "label": label,
            "saved": "2026-12-02T10:00:00Z",
            "answers": {sid: {"value": v, "note": ""} for sid, v in answers.items()},
        }
        path.write_text(json.dumps(body), encoding="utf-8")
        out.append(path)
    return out


def test_disagreements_first_puts_every_flagged_statement_first(page, site_url, tmp_path):
    open_compare(page, site_url, round_files(tmp_path))
    page.select_option("[data-tk-sort]", "spread")
    drawn(page)
    shown = page.eval_on_selector_all(
        ".tk-compare__statement", "els => els.map(e => e.dataset.tkStatement)"
    )
    # "purpose-still-fits" is flagged for a "don't know" with nothing apart;
    # "aims-and-objectives", 1 point apart, is not: it comes after every flag.
    assert set(shown[: len(FLAGGED)]) == FLAGGED
    assert shown.index("aims-and-objectives") > shown.index("purpose-still-fits")
    # The chart's description lists the scores lowest first, never in the order
    # of the files, which would follow a partner through the anonymous view.
    label = page.locator(
        ".tk-compare__statement[data-tk-statement=commitments-written] svg"
    ).get_attribute("aria-label")
    assert "1, 5" in label


def test_the_printed_report_leaves_out_what_nobody_answered_and_says_so(page, site_url, tmp_path):
    open_compare(page, site_url, round_files(tmp_path))
    page.pdf(path=str(tmp_path / "report.pdf"), format="A4")
    text = " ".join(pdf_text(tmp_path / "report.pdf").split())
    answered = set().union(*(set(a) for a in ROUND.values()))
    total = len(check().statements)
    assert (
        "Left out of this report, because nobody answered them: "
        f"{total - len(answered)} of the {total} statements."
    ) in text
    for st in check().statements:
        assert (st.text in text) == (st.id in answered), st.id
