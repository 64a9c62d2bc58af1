"""The health check in Chromium, as a partner fills it in: answers and notes
kept in this browser across a reload, exported as a file under the name they
chose, taken back from that file, and a file of another health check or of
another version refused with a message naming both. Also from the offline
folder, with the keyboard alone, and with axe-core finding nothing."""

from __future__ import annotations

import json
import re
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
    page.reload()  # at once: a note is saved as it is typed
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
        "() => /another version/.test(document.querySelector('[data-tk-status]').textContent)"
    )
    assert "2 December 2026" in status.inner_text() or "saved" in status.inner_text()
    assert "0000" not in status.inner_text()  # no fingerprint jargon
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


# -- comparing everyone's answers ------------------------------------------------------------

COMPARE = "assessments/health-check/compare/"


def check():
    from partnership_toolkit.load import load
    from sitekit import ROOT

    return next(a for a in load(ROOT / "data").assessments if a.id == "health-check")


def answer_files(tmp_path: Path, scores: dict[str, int]) -> list[Path]:
    """One answer file per partner, as the health check's page exports them:
    each partner's base score, varied by statement, and one "don't know"."""
    hc = check()
    out = []
    for label, base in scores.items():
        answers = {
            s.id: {"value": str(max(1, min(5, base + (i % 3) - 1))), "note": f"{label}, {i}"}
            for i, s in enumerate(hc.statements)
        }
        answers[hc.statements[5].id] = {"value": "dont-know", "note": ""}
        file = {
            "format": "partnership-toolkit-assessment-answers",
            "assessment": hc.id,
            "title": hc.title,
            "version": hc.version,
            "label": label,
            "saved": "2026-12-02T10:00:00Z",
            "answers": answers,
        }
        path = tmp_path / f"{label.split()[0].lower()}.json"
        path.write_text(json.dumps(file), encoding="utf-8")
        out.append(path)
    return out


PARTNERS = {"Council": 4, "Riverside Community Network": 2, "University": 3}


def spreads(files: list[Path]) -> dict[str, int]:
    values: dict[str, list[int]] = {}
    for path in files:
        for sid, given in json.loads(path.read_text("utf-8"))["answers"].items():
            if given["value"].isdigit():
                values.setdefault(sid, []).append(int(given["value"]))
    return {sid: max(v) - min(v) for sid, v in values.items()}


def drawn(page) -> None:
    """Wait until the comparison is drawn to the end: the first statements show
    at once, the rest in the moments after (the results are busy until then)."""
    page.locator("[data-tk-results][aria-busy=false]").wait_for(state="attached")


def open_compare(page, site_url: str, files: list[Path]) -> None:
    page.goto(site_url + COMPARE)
    page.locator(".tk-compare .tk-toolbar:not([hidden])").wait_for()
    page.set_input_files("[data-tk-compare-files]", files=[str(f) for f in files])
    page.locator(".tk-compare__statement").first.wait_for()
    drawn(page)


def test_everyones_answers_are_compared_statement_by_statement(page, site_url, tmp_path):
    files = answer_files(tmp_path, PARTNERS)
    open_compare(page, site_url, files)
    hc = check()
    assert "3" in page.locator("[data-tk-count]").inner_text()
    statements = page.locator(".tk-compare__statement")
    assert statements.count() == len(hc.statements)
    # Two or more points apart, or a partner who doesn't know (statement 6).
    flagged = {sid for sid, spread in spreads(files).items() if spread >= 2}
    flagged.add(hc.statements[5].id)
    shown = page.eval_on_selector_all(
        ".tk-compare__statement--flagged", "els => els.map(e => e.dataset.tkStatement)"
    )
    assert set(shown) == flagged
    first = page.locator(f".tk-compare__statement[data-tk-statement={hc.statements[0].id}]")
    assert first.locator("svg circle").count() == 3  # one dot per answer
    label = first.locator("svg").get_attribute("aria-label")
    assert re.search(r"\d points? apart", label) and "1 points" not in label
    rows = first.locator("tbody tr th").all_inner_texts()
    assert rows == list(PARTNERS)
    dont_know = page.locator(f".tk-compare__statement[data-tk-statement={hc.statements[5].id}]")
    assert dont_know.locator("svg circle").count() == 0  # "don't know" is not a score
    assert "Don't know" in dont_know.locator("tbody").text_content()
    assert "3 partners don't know" in dont_know.locator(".tk-compare__flag").text_content()
    assert dont_know.locator(".tk-compare__no-scores").count() == 1
    # A summary of each section.
    summary = page.locator(".tk-compare__summary tbody tr")
    assert summary.count() == len(hc.sections)

    # The anonymous view names nobody, and lists each statement's answers in
    # the scale's order, so no numbering follows a partner between statements.
    page.check("[data-tk-anonymous]")
    drawn(page)
    results = page.locator("[data-tk-results]").text_content()
    files_open = page.locator("[data-tk-files]").inner_text()
    for name in PARTNERS:
        assert name not in results.replace(f"{name}, ", "")  # their notes name them; nothing else
        assert name not in files_open
    first = page.locator(f".tk-compare__statement[data-tk-statement={hc.statements[0].id}]")
    assert first.locator("tbody th").count() == 0
    scores = [int(t.split()[0]) for t in first.locator("tbody td:first-child").all_inner_texts()]
    assert scores == sorted(scores)
    assert page.log.page_errors == []


def test_the_comparison_sorts_by_difference_and_by_score(page, site_url, tmp_path):
    files = answer_files(tmp_path, PARTNERS)
    open_compare(page, site_url, files)
    order = spreads(files)
    page.select_option("[data-tk-sort]", "spread")
    drawn(page)
    ids = page.eval_on_selector_all(
        ".tk-compare__statement", "els => els.map(e => e.dataset.tkStatement)"
    )
    assert [order.get(i, 0) for i in ids] == sorted((order.get(i, 0) for i in ids), reverse=True)
    page.select_option("[data-tk-sort]", "lowest")
    drawn(page)
    first = page.locator(".tk-compare__statement").first.get_attribute("data-tk-statement")
    means = {}
    for path in files:
        for sid, given in json.loads(path.read_text("utf-8"))["answers"].items():
            if given["value"].isdigit():
                means.setdefault(sid, []).append(int(given["value"]))
    lowest = min(sum(v) / len(v) for v in means.values())
    assert sum(means[first]) / len(means[first]) == lowest


def test_a_file_of_another_check_or_version_is_refused_naming_both(page, site_url, tmp_path):
    files = answer_files(tmp_path, {"Council": 4})
    other = json.loads(files[0].read_text("utf-8"))
    (tmp_path / "other.json").write_text(
        json.dumps(dict(other, assessment="staff-survey", title="Staff survey")), encoding="utf-8"
    )
    (tmp_path / "old.json").write_text(json.dumps(dict(other, version="0000")), encoding="utf-8")
    page.goto(site_url + COMPARE)
    page.locator(".tk-compare .tk-toolbar:not([hidden])").wait_for()
    page.set_input_files(
        "[data-tk-compare-files]", files=[str(tmp_path / "other.json"), str(tmp_path / "old.json")]
    )
    status = page.locator(".tk-compare [data-tk-status]")
    page.wait_for_function(
        "() => /Staff survey/.test(document.querySelector('.tk-compare [data-tk-status]')"
        ".textContent)"
    )
    text = status.inner_text()
    assert "Staff survey" in text and "Partnership health check" in text
    assert "old.json: That file answers another version" in text and "2 December 2026" in text
    assert page.locator(".tk-compare__statement").count() == 0


@pytest.mark.data_loss
def test_what_the_group_agrees_is_kept_and_becomes_an_improvement_plan(page, site_url, tmp_path):
    files = answer_files(tmp_path, PARTNERS)
    hc = check()
    # A draft of the improvement plan this browser already holds is kept.
    page.goto(site_url + "templates/improvement-plan/")
    page.locator(".tk-template .tk-toolbar:not([hidden])").wait_for()
    page.evaluate(
        """k => localStorage.setItem(k, JSON.stringify({answers: {"action-list": [
             {action: "Meet every month", owner: "Ceri", due: "2027-01-31"}]}}))""",
        "tk:/:template:improvement-plan",
    )
    open_compare(page, site_url, files)
    first = hc.statements[0]
    box = page.locator(f".tk-compare__statement[data-tk-statement={first.id}]")
    box.locator("select").select_option("disagree")
    box = page.locator(f".tk-compare__statement[data-tk-statement={first.id}]")
    box.locator("textarea").fill("We each mean a different purpose.")
    page.reload()
    page.locator(".tk-compare__statement").first.wait_for()
    drawn(page)
    box = page.locator(f".tk-compare__statement[data-tk-statement={first.id}]")
    assert box.locator("select").input_value() == "disagree"
    assert box.locator("textarea").input_value() == "We each mean a different purpose."

    flagged = page.locator(".tk-compare__statement--flagged").count()
    page.click("[data-tk-action=plan]")
    page.wait_for_url("**/templates/improvement-plan/")
    page.locator(".tk-template .tk-toolbar:not([hidden])").wait_for()
    saved = json.loads(
        page.evaluate("k => localStorage.getItem(k)", "tk:/:template:improvement-plan")
    )
    actions = [row["action"] for row in saved["answers"]["action-list"]]
    assert actions[0] == "Meet every month"
    assert len(actions) == 1 + flagged
    action = f"Improve: {first.text} (We disagree) We each mean a different purpose."
    assert action in actions
    shown = page.locator("[data-tk-field=action-list] textarea").evaluate_all(
        "els => els.map(e => e.value)"
    )
    assert action in shown
    # Each flagged statement is a priority too, with why it was flagged.
    priorities = saved["answers"]["priority-list"]
    assert any(p["priority"] == first.text and "disagrees" in p["why"] for p in priorities)
    assert len(priorities) == flagged
    # The plan says what arrived.
    assert (
        f"{flagged} flagged statements are added"
        in page.locator(".tk-template [data-tk-notice]").inner_text()
    )

    # A second press adds nothing twice.
    page.go_back()
    page.locator(".tk-compare__statement").first.wait_for()
    drawn(page)
    page.click("[data-tk-action=plan]")
    page.wait_for_url("**/templates/improvement-plan/")
    page.locator(".tk-template .tk-toolbar:not([hidden])").wait_for()
    again = json.loads(
        page.evaluate("k => localStorage.getItem(k)", "tk:/:template:improvement-plan")
    )
    assert len(again["answers"]["action-list"]) == 1 + flagged
    assert len(again["answers"]["priority-list"]) == flagged
    assert "already" in page.locator(".tk-template [data-tk-notice]").inner_text()


def test_last_rounds_comparison_shows_what_changed(page, site_url, tmp_path):
    (tmp_path / "before").mkdir()
    before = answer_files(tmp_path / "before", {"Council": 2})
    open_compare(page, site_url, before)
    with page.expect_download() as info:
        page.click("[data-tk-action=save]")
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert (
        json.loads(saved.read_text("utf-8"))["format"]
        == "partnership-toolkit-assessment-comparison"
    )
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-tk-action=clear]")
    (tmp_path / "now").mkdir()
    open_compare(page, site_url, answer_files(tmp_path / "now", {"Council": 4}))
    page.set_input_files("[data-tk-previous-file]", files=[str(saved)])
    page.locator(".tk-compare__change").first.wait_for()
    first = page.locator(".tk-compare__statement").first
    assert "last round 1.0, now 3.0" in first.locator(".tk-compare__change").text_content().lower()


def test_answer_files_can_be_dropped_on_the_page(page, site_url, tmp_path):
    files = answer_files(tmp_path, {"Council": 4, "University": 2})
    page.goto(site_url + COMPARE)
    page.locator(".tk-compare .tk-toolbar:not([hidden])").wait_for()
    texts = [f.read_text("utf-8") for f in files]
    drop = page.evaluate_handle(
        """texts => { const dt = new DataTransfer();
             texts.forEach((t, i) =>
               dt.items.add(new File([t], `a${i}.json`, {type: "application/json"})));
             return dt; }""",
        texts,
    )
    page.dispatch_event("[data-tk-drop]", "drop", {"dataTransfer": drop})
    page.locator(".tk-compare__statement").first.wait_for()
    drawn(page)
    assert "2" in page.locator("[data-tk-count]").inner_text()


def test_the_printed_report_puts_the_disagreements_first(page, site_url, tmp_path):
    import subprocess

    files = answer_files(tmp_path, PARTNERS)
    open_compare(page, site_url, files)
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.pdf(path=str(tmp_path / "report.pdf"), format="A4")
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "report.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    order = spreads(files)
    widest = max(order.values())
    first = text.index("Flagged:")
    assert f"{widest} points apart" in text[first : first + 200]


def test_axe_finds_no_violations_on_the_comparison(page, site_url, tmp_path):
    from axe_playwright_python.sync_playwright import Axe

    open_compare(page, site_url, answer_files(tmp_path, PARTNERS))
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    assert results.violations_count == 0, results.generate_report()
