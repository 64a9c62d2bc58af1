"""Pages reflow at 320 CSS pixels (WCAG 1.4.10) and mirror for a right-to-left
language: the toolkit's CSS is written in logical properties (start and end,
not left and right), so an Arabic or Hebrew toolkit needs none of its own.
"""

from __future__ import annotations

import re

import pytest

from sitekit import ROOT, build_site, copy_project, serve

PAGES = [
    "",
    "getting-started/",
    "getting-started/scoping/",
    "checklists/getting-started/",
    "templates/partnership-agreement/",
    "templates/light-agreement/",
    "glossary/",
]
# How far the page's content reaches beyond the window, and which side of the
# checklist's status and the template's notices carries their coloured rule.
MEASURE = """() => {
  const over = document.documentElement.scrollWidth - window.innerWidth;
  const rule = document.querySelector(".tk-status, .tk-notice");
  let side = "";
  if (rule) {
    rule.textContent = rule.textContent || "x";
    const style = getComputedStyle(rule);
    side = parseFloat(style.borderLeftWidth) > 0 ? "left"
         : parseFloat(style.borderRightWidth) > 0 ? "right" : "none";
  }
  return {over, side, dir: document.body.dir || "ltr"};  // Material sets it on body
}"""


@pytest.fixture(scope="module")
def rtl_site(tmp_path_factory: pytest.TempPathFactory):
    """The default toolkit with its language set to Arabic, served."""
    tmp = tmp_path_factory.mktemp("rtl")
    project = copy_project(tmp)
    toolkit = project / "data" / "toolkit.yml"
    toolkit.write_text(toolkit.read_text().replace("language: en-GB", "language: ar"))
    url, stop = serve(build_site(project, tmp / "site"))
    yield url
    stop()


def test_the_toolkits_css_names_no_physical_side() -> None:
    """Left and right only where paged media has no logical names: @page's boxes."""
    css = ROOT / "plugins" / "partnership_toolkit" / "assets"
    found = []
    for sheet in sorted(css.glob("*.css")):
        text = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.DOTALL)
        for number, line in enumerate(text.splitlines(), start=1):
            margin_box = "@top-" in line or "@bottom-" in line
            if re.search(r"\b(left|right)\b", line) and not margin_box:
                found.append(f"{sheet.name}:{number}: {line.strip()}")
    assert found == []


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_every_page_kind_reflows_at_320px(
    browser, site_url: str, rtl_site: str, direction: str
) -> None:
    base = site_url if direction == "ltr" else rtl_site
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        for path in PAGES:
            page.goto(base + path)
            measured = page.evaluate(MEASURE)
            assert measured["dir"] == direction, path
            assert measured["over"] <= 1, f"{direction} {path}: {measured['over']}px too wide"
            if measured["side"]:
                expected = "left" if direction == "ltr" else "right"
                assert measured["side"] == expected, (direction, path)
    finally:
        context.close()
