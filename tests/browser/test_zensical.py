"""The toolkit exported for Zensical (``toolkit export --for zensical``), built
with Zensical and checked in the browser as a reader uses it: the checklist and
template pages load their own styles and scripts, keep a tick and an answer
over a reload, are axe-clean, fetch nothing from another host, and wear the
toolkit's brand colour as the MkDocs site does."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from partnership_toolkit.cli import main
from sitekit import ROOT, serve

WORDS = yaml.safe_load((ROOT / "plugins/partnership_toolkit/strings/en.yml").read_text("utf-8"))
CHECKLISTS = sorted(p.stem for p in (ROOT / "data/checklists").glob("*.yml"))
TEMPLATES = sorted(p.stem for p in (ROOT / "data/templates").glob("*.yml"))
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def zensical_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("zensical") / "export"
    assert main(["export", str(out), "--project", str(ROOT), "--for", "zensical"]) == 0
    command = Path(sys.executable).with_name("zensical")
    done = subprocess.run(
        [str(command), "build"], cwd=out, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout + done.stderr
    url, stop = serve(out / "site")
    yield url
    stop()


def _loaded(page, name: str) -> bool:
    return page.evaluate(
        "name => [...document.styleSheets].some(s => (s.href || '').endsWith(name))", name
    )


@pytest.mark.parametrize("path", [f"checklists/{c}/" for c in CHECKLISTS])
def test_each_checklist_page_works_under_zensical(page, zensical_url, path):
    page.goto(zensical_url + path)
    page.wait_for_selector("[data-tk-checklist] .tk-toolbar:not([hidden]), .tk-toolbar")
    assert _loaded(page, "assets/toolkit/checklist.css")
    box = page.locator("input[type=checkbox][data-tk-item]").first
    box.check()
    page.reload()
    assert page.locator("input[type=checkbox][data-tk-item]").first.is_checked()
    assert page.log.console_errors == [] and page.log.page_errors == []
    assert page.log.external(zensical_url) == []


@pytest.mark.parametrize("tid", TEMPLATES)
def test_each_template_page_works_under_zensical(page, zensical_url, tid):
    page.goto(f"{zensical_url}templates/{tid}/")
    page.wait_for_selector(".tk-toolbar:not([hidden])")
    assert _loaded(page, "assets/toolkit/template.css")
    field = page.locator("[data-tk-field] textarea, [data-tk-field] input[type=text]").first
    field.fill("Kept over a reload")
    page.wait_for_function(
        "s => document.querySelector('[data-tk-status]').textContent === s",
        arg=WORDS["storage_saved"],
    )
    page.reload()
    page.wait_for_selector(".tk-toolbar:not([hidden])")
    field = page.locator("[data-tk-field] textarea, [data-tk-field] input[type=text]").first
    assert field.input_value() == "Kept over a reload"
    # The blank Word file beside the page is where its link says.
    docx = page.locator("a[href$='.docx']").first.evaluate("a => a.href")
    assert docx.endswith(f"/templates/{tid}.docx")
    assert page.request.get(docx).status == 200
    assert page.log.console_errors == [] and page.log.page_errors == []
    assert page.log.external(zensical_url) == []


@pytest.mark.parametrize("path", ["checklists/getting-started/", "templates/light-agreement/"])
def test_the_zensical_pages_are_axe_clean_and_wear_the_brand_colour(
    page, zensical_url, site_url, path
):
    header = "getComputedStyle(document.querySelector('.md-header')).backgroundColor"
    page.goto(site_url + path)
    brand = page.evaluate(header)
    page.goto(zensical_url + path)
    page.wait_for_selector(".tk-toolbar:not([hidden])")
    assert page.evaluate(header) == brand
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert [v["id"] for v in result.response["violations"]] == []
