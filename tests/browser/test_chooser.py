""" "Which tool do I need?": a reader filters the checklists and templates by
stage, size and who they are, shares the address, and sees plain lists when
scripts are off; as served, and from the offline folder."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from partnership_toolkit.load import load
from partnership_toolkit.template_helpers import stages_of
from sitekit import ROOT

TOOLKIT = load(ROOT / "data", root=ROOT)
SHOWN = """() => [...document.querySelectorAll('.tk-choice')]
  .filter(e => !e.hidden).map(e => e.querySelector('h2').id)"""


def expected(kind: str, stage: str = "", size: str = "", who: str = "") -> list[str]:
    items = TOOLKIT.templates if kind == "templates" else TOOLKIT.checklists
    return [
        item.id
        for item in items
        if (not stage or stage in stages_of(TOOLKIT, item, kind))
        and (not size or not item.sizes or size in item.sizes)
        and (not who or not item.audiences or who in item.audiences)
    ]


def test_a_reader_narrows_the_templates_and_shares_the_address(page, site_url):
    page.goto(site_url + "templates/")
    chooser = page.locator("form.tk-chooser")
    assert chooser.is_visible()
    every = expected("templates")
    assert page.evaluate(SHOWN) == every
    status = page.locator("[data-tk-chooser-status]")
    assert status.text_content() == f"Showing {len(every)} of {len(every)}."

    page.select_option("#tk-choose-size", "small")
    small = expected("templates", size="small")
    assert page.evaluate(SHOWN) == small and len(small) < len(every)
    assert "partnership-agreement" not in small and "light-agreement" in small
    # The page's table of contents lists only what is shown.
    toc = """() => [...document.querySelectorAll('.md-nav--secondary a')]
      .filter(a => a.offsetParent).map(a => a.hash.slice(1))"""
    listed = page.evaluate(toc)
    assert "light-agreement" in listed and "partnership-agreement" not in listed
    assert status.text_content() == f"Showing {len(small)} of {len(every)}."
    assert parse_qs(urlsplit(page.url).query) == {"size": ["small"]}

    page.select_option("#tk-choose-stage", "what-next")
    page.select_option("#tk-choose-for", "council")
    chosen = expected("templates", "what-next", "small", "council")
    assert page.evaluate(SHOWN) == chosen
    shared = page.url
    assert parse_qs(urlsplit(shared).query) == {
        "size": ["small"],
        "stage": ["what-next"],
        "for": ["council"],
    }

    # A partner opens the shared address: the same choices, the same list.
    other = page.context.new_page()
    other.goto(shared)
    assert other.evaluate(SHOWN) == chosen
    assert other.locator("#tk-choose-for").input_value() == "council"
    other.close()

    page.get_by_role("button", name="Show everything").click()
    page.wait_for_function("() => location.search === ''")
    assert page.evaluate(SHOWN) == every
    assert page.log.page_errors == [] and page.log.console_errors == []


def test_no_match_says_what_to_do_and_a_typed_address_is_not_trusted(page, site_url):
    page.goto(site_url + "checklists/?stage=nowhere&size=huge&for=<b>x</b>")
    # No checklist is marked for a size or a reader: those choices would change
    # nothing, so they are not offered.
    assert page.locator("#tk-choose-size, #tk-choose-for").count() == 0
    # Unknown values are ignored: every checklist shows, every choice is Any.
    assert page.evaluate(SHOWN) == expected("checklists")
    assert page.locator("#tk-choose-stage").input_value() == ""
    page.select_option("#tk-choose-stage", "getting-started")
    assert page.evaluate(SHOWN) == expected("checklists", "getting-started")
    # When nothing suits (here every entry's stages are wiped), the status says
    # what to do rather than leaving an empty page.
    page.evaluate(
        """() => document.querySelectorAll('.tk-choice')
          .forEach(e => e.setAttribute('data-tk-stages', ''))"""
    )
    page.select_option("#tk-choose-stage", "what-next")
    assert page.evaluate(SHOWN) == []
    assert (
        "Nothing matches all of those choices"
        in page.locator("[data-tk-chooser-status]").text_content()
    )


def test_the_chooser_works_from_the_offline_folder(page, offline_site):
    page.goto((offline_site / "templates" / "index.html").as_uri() + "?size=large")
    assert page.evaluate(SHOWN) == expected("templates", size="large")
    page.select_option("#tk-choose-size", "")
    assert page.evaluate(SHOWN) == expected("templates")
    assert page.log.page_errors == []


def test_the_chooser_is_set_up_after_instant_navigation(page, site_url):
    page.goto(site_url)
    page.locator("article a[href$='templates/']").first.click()
    page.wait_for_url("**/templates/")
    page.locator("form.tk-chooser").wait_for(state="visible")
    page.select_option("#tk-choose-size", "small")
    assert page.evaluate(SHOWN) == expected("templates", size="small")


@pytest.fixture
def no_js_page(browser) -> Iterator[object]:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("kind", ["checklists", "templates"])
def test_without_javascript_the_page_is_the_plain_list(no_js_page, site_url, kind):
    no_js_page.goto(site_url + f"{kind}/?size=small")
    assert not no_js_page.locator("form.tk-chooser").is_visible()
    assert no_js_page.evaluate(SHOWN) == expected(kind)
    assert no_js_page.locator(".tk-choice h2").count() == len(expected(kind))
