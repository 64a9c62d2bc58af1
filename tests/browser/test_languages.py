"""The bilingual example in Chromium, as a Welsh reader and an English partner
use it: the language switch lands on the same page both ways (published under
a sub-path, and from the offline folder), each language's search finds only
its own pages, and answers given in one language are there in the other.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from sitekit import ROOT

from .test_checklists import ITEM, WCAG

WELSH = ROOT / "examples" / "bilingual" / "translations" / "cy"
# Five kinds of page, each translated in the example.
PAGES = {
    "home": "",
    "stage": "getting-started/",
    "step": "getting-started/scoping/",
    "checklist": "checklists/getting-started/",
    "template": "templates/values-and-ground-rules/",
}
RESULTS = ".md-search-result__list > .md-search-result__item > .md-search-result__link"


def welsh(file: str) -> dict:
    return yaml.safe_load((WELSH / file).read_text(encoding="utf-8"))


def switch_to(page, name: str) -> None:
    """Choose a language as a reader does: open the switch in the header, then
    pick the language by its name."""
    page.locator(".tk-language-switch button").click()
    page.locator(".tk-language-switch a", has_text=name).click()


@pytest.mark.parametrize("kind", PAGES)
def test_the_switch_lands_on_the_same_page_both_ways(page, bilingual, kind):
    _, url = bilingual
    path = PAGES[kind]
    page.goto(url + path)
    assert page.locator("html").get_attribute("lang") == "en-GB"
    switch_to(page, "Cymraeg")
    page.wait_for_url(url + "cy/" + path)
    assert page.locator("html").get_attribute("lang") == "cy"
    switch_to(page, "English")
    page.wait_for_url(url + path)
    assert page.locator("html").get_attribute("lang") == "en-GB"
    assert page.log.page_errors == []
    assert page.log.console_errors == []


def test_the_switch_works_with_the_keyboard_alone(page, bilingual):
    _, url = bilingual
    page.goto(url + PAGES["step"])
    button = page.locator(".tk-language-switch button")
    button.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # English (this page), then Cymraeg
    focused = page.evaluate("document.activeElement.getAttribute('hreflang')")
    assert focused == "cy"
    assert page.locator(".tk-language-switch a[hreflang=cy]").is_visible()
    page.keyboard.press("Enter")
    page.wait_for_url(url + "cy/" + PAGES["step"])


@pytest.mark.parametrize(
    ("language", "query"),
    [("cy", "Cwmpasu"), ("en", "scoping")],
)
def test_each_language_searches_only_its_own_pages(page, bilingual, language, query):
    _, url = bilingual
    home = url + ("cy/" if language == "cy" else "")
    page.goto(home)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)
    page.locator(RESULTS).first.wait_for(timeout=15_000)
    found = page.eval_on_selector_all(RESULTS, "links => links.map(a => a.href)")
    assert found
    welsh_pages = [u for u in found if urlsplit(u).path.startswith(urlsplit(url).path + "cy/")]
    if language == "cy":
        assert welsh_pages == found
        assert any(urlsplit(u).path.endswith("/cy/getting-started/scoping/") for u in found), found
    else:
        assert welsh_pages == []
    assert page.log.page_errors == []


def test_ticks_given_in_welsh_are_there_in_english(page, bilingual):
    _, url = bilingual
    page.goto(url + "cy/" + PAGES["checklist"])
    page.locator(".tk-toolbar:not([hidden])").first.wait_for()
    boxes = page.locator(ITEM)
    boxes.nth(0).check()
    boxes.nth(2).check()
    first = boxes.nth(0).get_attribute("data-tk-item")
    switch_to(page, "English")
    page.wait_for_url(url + PAGES["checklist"])
    page.locator(".tk-toolbar:not([hidden])").first.wait_for()
    assert boxes.nth(0).get_attribute("data-tk-item") == first
    assert [boxes.nth(i).is_checked() for i in range(3)] == [True, False, True]


def test_an_agreement_filled_in_welsh_is_there_in_english(page, bilingual):
    _, url = bilingual
    page.goto(url + "cy/" + PAGES["template"])
    page.locator(".tk-template .tk-toolbar:not([hidden])").wait_for()
    field = page.locator("[data-tk-field] textarea, [data-tk-field] input[type=text]").first
    field.fill("Byddwn ni'n gwrando ar ein gilydd.")
    page.wait_for_function(
        "() => Object.keys(localStorage).some(k => k.includes(':template:'))", timeout=5_000
    )
    switch_to(page, "English")
    page.wait_for_url(url + PAGES["template"])
    page.locator(".tk-template .tk-toolbar:not([hidden])").wait_for()
    assert field.input_value() == "Byddwn ni'n gwrando ar ein gilydd."


def test_a_welsh_page_with_english_fallbacks_is_accessible(page, bilingual):
    from axe_playwright_python.sync_playwright import Axe

    _, url = bilingual
    for path in ("cy/" + PAGES["step"], "cy/working-together/", "cy/how-to-use/"):
        page.goto(url + path)
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
        assert results.violations_count == 0, (path, results.generate_report())
        note = page.locator(".tk-untranslated")
        if path != "cy/" + PAGES["step"] or note.count():
            assert note.is_visible()


def test_from_the_offline_folder_the_switch_and_answers_work(page, bilingual_offline):
    folder = bilingual_offline
    page.goto((folder / "cy" / "checklists" / "getting-started.html").as_uri())
    page.locator(".tk-toolbar:not([hidden])").first.wait_for()
    page.locator(ITEM).nth(1).check()
    switch_to(page, "English")
    page.wait_for_url((folder / "checklists" / "getting-started.html").as_uri())
    page.locator(".tk-toolbar:not([hidden])").first.wait_for()
    assert page.locator(ITEM).nth(1).is_checked()
    assert Path(unquote(urlsplit(page.url).path)).is_file()
    # And back, from the home page: the Welsh home page is the Welsh index.html.
    page.goto((folder / "index.html").as_uri())
    switch_to(page, "Cymraeg")
    page.wait_for_url((folder / "cy" / "index.html").as_uri())
    title = welsh("toolkit.yml")["toolkit"]["title"]
    assert title in page.locator("h1").inner_text()
    local = ("file", "data", "blob")
    assert [u for u in page.log.requests if urlsplit(u).scheme not in local] == []
    assert page.log.page_errors == []


WELSH_MONTHS = (
    "Ionawr Chwefror Mawrth Ebrill Mai Mehefin Gorffennaf Awst Medi Hydref Tachwedd Rhagfyr"
).split()


def test_the_welsh_agreement_downloads_and_prints_in_welsh(page, bilingual, tmp_path):
    from .test_templates import download, pdf_text

    _, url = bilingual
    page.goto(url + "cy/" + PAGES["template"])
    page.locator(".tk-template .tk-toolbar:not([hidden])").wait_for()
    page.locator("[data-tk-field] textarea").first.fill("Parch at ein gilydd")
    name, markdown = download(page, "markdown")
    template = welsh("templates.yml")["template:values-and-ground-rules"]
    assert markdown.startswith(f"# {template['title']}")
    assert any(month in markdown for month in WELSH_MONTHS), markdown[:300]
    assert "Parch at ein gilydd" in markdown
    printed = pdf_text(page, tmp_path, "cy")
    assert welsh("toolkit.yml")["toolkit"]["title"] in printed  # the running header
    assert "Parch at ein gilydd" in printed


def test_a_welsh_health_check_is_answered_and_compared_in_welsh(page, bilingual, tmp_path):
    """The health check has no Welsh text in the example: its page's controls
    are in Welsh, and every English statement, on the page and in what the
    compare page draws, is marked as English for a screen reader's voice."""
    from axe_playwright_python.sync_playwright import Axe

    from .test_assessments import answer_files, check, drawn

    _, url = bilingual
    page.goto(url + "cy/assessments/health-check/")
    page.locator(".tk-assessment .tk-toolbar:not([hidden])").wait_for()
    assert page.locator("[data-tk-action=export]").inner_text() == "Allforio fy atebion"
    legend = page.locator("fieldset.tk-rate legend").first
    assert legend.locator("[lang=en-GB]").count() == 1

    page.goto(url + "cy/assessments/health-check/compare/")
    page.locator(".tk-compare .tk-toolbar:not([hidden])").wait_for()
    page.set_input_files(
        "[data-tk-compare-files]",
        files=[str(f) for f in answer_files(tmp_path, {"Cyngor": 4, "Prifysgol": 2})],
    )
    page.locator(".tk-compare__statement").first.wait_for()
    drawn(page)
    assert "2 ffeil" in page.locator(".tk-compare [data-tk-status]").inner_text()
    assert page.locator("h1 [lang=en-GB]").inner_text() == check().title
    statements = page.locator(".tk-compare__statement")
    assert statements.count() == page.locator(".tk-compare__statement h3 span[lang=en-GB]").count()
    sections = len(check().sections)
    assert page.locator("h2.tk-compare__section[lang=en-GB]").count() == sections
    assert page.locator(".tk-compare__summary tbody th[lang=en-GB]").count() == sections
    assert (
        page.locator(".tk-compare__paper-row label span[lang=en-GB]").count() == statements.count()
    )
    # The scale's English labels, in the agreed-score choices and the answers.
    points = len(check().scale)
    agree = page.locator(".tk-compare__agree select option[lang=en-GB]")
    assert agree.count() == points * statements.count()
    assert page.locator(".tk-compare__paper-row option[lang=en-GB]").count() == agree.count()
    assert page.locator(".tk-compare__figure td[lang=en-GB]").count() > 0
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    assert results.violations_count == 0, results.generate_report()


def test_the_welsh_blank_health_check_prints_on_four_pages(page, bilingual, tmp_path):
    import subprocess

    _, url = bilingual
    page.goto(url + "cy/assessments/health-check/")
    page.pdf(path=str(tmp_path / "blank.pdf"), format="A4")
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "blank.pdf")], check=True, capture_output=True, text=True
    ).stdout
    assert int(next(x.split()[-1] for x in info.splitlines() if x.startswith("Pages:"))) <= 4
