"""Progressive enhancement and visible focus, as a reader meets them.

Without JavaScript a page shows no control that does nothing and no promise
that answers are kept, native checkboxes still tick, rows are blank lines to
fill in on paper, and the page says what JavaScript adds. With it, every
control shows where the keyboard is (WCAG 2.4.7): measured, since axe does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import yaml

from sitekit import ROOT

WORDS = yaml.safe_load((ROOT / "plugins/partnership_toolkit/strings/en.yml").read_text("utf-8"))
VISIBLE_CONTROLS = """() => [...document.querySelectorAll('article button, article [role=button]')]
  .filter(e => e.offsetParent !== null).map(e => e.textContent.trim())"""


@pytest.fixture
def no_js_page(browser) -> Iterator[object]:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize(
    "path", ["checklists/code-of-practice/", "templates/light-agreement/", "checklists/print/"]
)
def test_without_javascript_no_control_is_dead_and_the_page_says_why(no_js_page, site_url, path):
    page = no_js_page
    page.goto(site_url + path)
    assert page.evaluate(VISIBLE_CONTROLS) == []
    assert page.locator(".tk-progress:visible").count() == 0
    assert page.get_by_text(WORDS["storage_private"]).locator("visible=true").count() == 0
    if path != "checklists/print/":
        assert page.get_by_text(WORDS["no_script_note"]).is_visible()


def test_without_javascript_boxes_tick_and_rows_are_lines_to_fill_in(no_js_page, site_url):
    page = no_js_page
    page.goto(site_url + "checklists/code-of-practice/")
    box = page.locator("input[type=checkbox][data-tk-item]").first
    box.check()
    assert box.is_checked()
    page.goto(site_url + "templates/light-agreement/")
    partners = page.locator("[data-tk-field=partners]")
    table = partners.locator("table[data-tk-print-blank]")
    assert table.is_visible()
    assert table.locator("tbody tr").count() >= 2
    assert partners.get_by_role("button").locator("visible=true").count() == 0


FOCUSABLE = {
    "checklists/code-of-practice/": [
        "input[type=checkbox][data-tk-item]",
        ".tk-toolbar [data-tk-action=export]",
    ],
    "templates/light-agreement/": [
        "[data-tk-field] input[type=text]",
        "[data-tk-field] textarea",
        "[data-tk-action=add-row]",
        "[data-tk-action=remove-row]",
        ".tk-toolbar [data-tk-action=print]",
    ],
}


@pytest.mark.parametrize("path, selector", [(p, s) for p, sels in FOCUSABLE.items() for s in sels])
def test_keyboard_focus_is_visible_on_every_control(page, site_url, path, selector):
    page.goto(site_url + path)
    page.wait_for_selector(".tk-toolbar:not([hidden])")
    control = page.locator(selector).first
    control.scroll_into_view_if_needed()
    # Reach it with the keyboard: focus the control before it, then press Tab.
    page.evaluate(
        """el => {
        const all = [...document.querySelectorAll('a[href], button, input, select, textarea')]
          .filter(e => !e.disabled && e.offsetParent !== null);
        const before = all[all.indexOf(el) - 1];
        before.focus();
    }""",
        control.element_handle(),
    )
    page.keyboard.press("Tab")
    assert page.evaluate("el => document.activeElement === el", control.element_handle())
    style = page.evaluate(
        """el => { const s = getComputedStyle(el);
        return [s.outlineStyle, parseFloat(s.outlineWidth), s.boxShadow]; }""",
        control.element_handle(),
    )
    assert style[0] != "none" and style[1] >= 2, f"{selector} on {path}: {style}"
    box = control.bounding_box()
    around = {
        "x": box["x"] - 8,
        "y": box["y"] - 8,
        "width": box["width"] + 16,
        "height": box["height"] + 16,
    }  # the ring is drawn outside the control
    before = page.screenshot(clip=around)
    page.evaluate("() => document.activeElement.blur()")
    after = page.screenshot(clip=around)
    assert before != after  # the ring is really drawn


def test_focus_shows_in_forced_colours_mode_too(page, site_url):
    """Windows' high-contrast themes replace the site's colours: the ring stays, in
    the system's highlight colour, on every kind of control."""
    page.emulate_media(forced_colors="active")
    for path, selectors in FOCUSABLE.items():
        page.goto(site_url + path)
        page.wait_for_selector(".tk-toolbar:not([hidden])")
        for selector in selectors:
            control = page.locator(selector).first
            control.focus()
            page.keyboard.press("Shift+Tab")
            page.keyboard.press("Tab")
            style = control.evaluate(
                "el => { const s = getComputedStyle(el); return [document.activeElement === el, "
                "s.outlineStyle, parseFloat(s.outlineWidth)]; }"
            )
            assert style[0] and style[1] != "none" and style[2] >= 2, f"{selector}: {style}"


def test_without_javascript_a_printout_still_has_its_margins(no_js_page, site_url, tmp_path):
    """The toolkit's name, the page's title, its address and the page number
    are in the printed margins, written at build time (print.js adds the date)."""
    import subprocess

    no_js_page.goto(site_url + "checklists/getting-started/")
    no_js_page.emulate_media(media="print")
    no_js_page.pdf(path=str(tmp_path / "page.pdf"), format="A4")
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "page.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    first = text.split("\f")[0].splitlines()
    header = next(line for line in first if line.strip())
    footer = [line for line in first if line.strip()][-1]
    assert "Partnership Toolkit" in header and "Getting started checklist" in header
    assert "checklists/getting-started/" in footer
    # The date of the build (print.js writes the print date) and "Page 1 of 2",
    # in the toolkit's words and date format.
    import datetime

    from partnership_toolkit.languages import long_date

    assert re.search(r"\bPage 1 of \d+$", footer.strip()), footer
    assert f"{long_date(datetime.date.today(), 'en-GB')} · Page 1" in footer, footer
