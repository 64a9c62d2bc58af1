"""``OFFLINE=true mkdocs build`` makes a folder that works with no server and
no internet: opened from the file system, every link and the search work and
nothing is asked of another host.

The published build keeps its clean URLs (``stage/`` rather than
``stage/index.html``); only the offline build switches them off.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from partnership_toolkit.load import load
from partnership_toolkit.urls import Addresses
from sitekit import ROOT

TOOLKIT = load(ROOT / "data")
ADDRESSES = Addresses(TOOLKIT)
LOCAL_SCHEMES = ("file", "data", "blob", "about")


def _pages(site: Path) -> Iterator[tuple[Path, BeautifulSoup]]:
    for path in sorted(site.rglob("*.html")):
        yield path, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _html_file(src: str) -> str:
    """Where the offline build writes the page whose Markdown source is ``src``."""
    return src[:-3] + ".html"


def test_the_offline_build_loads_nothing_from_another_host(offline_site):
    problems = []
    for path, soup in _pages(offline_site):
        rel = path.relative_to(offline_site)
        for tag, attr in (
            ("script", "src"),
            ("link", "href"),
            ("img", "src"),
            ("iframe", "src"),
            ("source", "src"),
        ):
            for el in soup.find_all(tag):
                address = el.get(attr)
                if address and urlsplit(address).scheme not in ("", "data"):
                    problems.append(f"{rel}: <{tag} {attr}={address!r}>")
    assert problems == []
    shim = offline_site / "vendor" / "iframe-worker"
    assert (shim / "shim.js").is_file() and (shim / "LICENSE").is_file()


def test_every_link_in_the_offline_build_opens_a_file_of_the_folder(offline_site):
    problems = []
    for path, soup in _pages(offline_site):
        rel = path.relative_to(offline_site).as_posix()
        if rel == "404.html":
            continue  # only a web server shows it, and resolves its site-root addresses
        for el in soup.find_all(["a", "link", "script", "img"]):
            address = el.get("href") or el.get("src")
            if not address or urlsplit(address).scheme or address.startswith(("#", "//")):
                continue  # links to other sites are the reader's choice, not a request
            target = posixpath.normpath(
                posixpath.join(posixpath.dirname(rel), unquote(urlsplit(address).path))
            )
            if not (offline_site / target).is_file():
                problems.append(f"{rel}: {address} -> {target} is not a file of the folder")
    assert problems == []


def test_the_published_build_keeps_clean_urls(default_site):
    stage = TOOLKIT.stages[0]
    home = BeautifulSoup((default_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = {a["href"] for a in home.select("article a[href]")}
    assert f"{stage.id}/" in hrefs
    assert not any(h.endswith(".html") for h in hrefs)
    assert "iframe-worker" not in (default_site / "index.html").read_text(encoding="utf-8")


def test_from_a_folder_a_reader_follows_links_and_searches(browser, offline_site):
    stage = TOOLKIT.stages[0]
    step = stage.steps[0]
    stage_file = _html_file(ADDRESSES.target(f"stage:{stage.id}")[0])
    step_file = _html_file(ADDRESSES.target(f"step:{step.id}")[0])

    context = browser.new_context()
    requests: list[str] = []
    errors: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto((offline_site / "index.html").as_uri())
        assert page.locator("h1").count() == 1

        page.locator(f'article a[href$="{stage_file}"]').first.click()
        page.wait_for_url((offline_site / stage_file).as_uri())
        assert page.locator("h1").inner_text().rstrip("¶").strip() == stage.title

        page.locator(f'article a[href$="{posixpath.basename(step_file)}"]').first.click()
        page.wait_for_url((offline_site / step_file).as_uri())
        assert page.locator("h1").inner_text().rstrip("¶").strip() == step.title

        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially(step.title)
        first = page.locator(
            ".md-search-result__list > .md-search-result__item > .md-search-result__link"
        ).first
        first.wait_for(timeout=15_000)
        first.click()
        page.wait_for_load_state("load")
        assert page.url.startswith("file://")
        assert Path(unquote(urlsplit(page.url).path)).is_file()
        assert page.locator("h1").count() == 1
    finally:
        context.close()

    assert [u for u in requests if urlsplit(u).scheme not in LOCAL_SCHEMES] == []
    # The search ran on the shipped shim and the inlined index, from the folder.
    assert any(u.endswith("vendor/iframe-worker/shim.js") for u in requests)
    assert any(urlsplit(u).path.endswith("search/search_index.js") for u in requests)
    assert errors == []


# -- a workshop from the folder ----------------------------------------------------------------
# What a facilitator does with the unzipped copy on a laptop with no network:
# every interactive feature works from file:// exactly as served.


def _open(page, offline_site: Path, src: str) -> None:
    page.goto(offline_site.as_uri() + "/" + _html_file(src))
    page.wait_for_selector(".tk-toolbar:not([hidden])")


@pytest.mark.data_loss
def test_checklist_ticks_export_and_import_from_the_folder(page, offline_site, tmp_path):
    from .test_checklists import ITEM

    _open(page, offline_site, "checklists/code-of-practice.md")
    boxes = page.locator(ITEM)
    boxes.nth(0).check()
    boxes.nth(2).check()
    page.reload()
    page.wait_for_selector(".tk-toolbar:not([hidden])")
    assert [boxes.nth(i).is_checked() for i in range(3)] == [True, False, True]
    assert "2 of" in page.locator("[data-tk-progress=all]").inner_text()

    with page.expect_download() as info:
        page.click("[data-tk-action=export]")
    exported = tmp_path / info.value.suggested_filename
    info.value.save_as(exported)
    assert len(json.loads(exported.read_text(encoding="utf-8"))["ticked"]) == 2
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-tk-action=clear]")
    assert not boxes.nth(0).is_checked()
    page.set_input_files("[data-tk-import-file]", files=[str(exported)])
    page.locator(f"{ITEM}:checked").nth(1).wait_for()
    assert [boxes.nth(i).is_checked() for i in range(3)] == [True, False, True]
    assert page.log.page_errors == []
    assert [u for u in page.log.requests if urlsplit(u).scheme not in LOCAL_SCHEMES] == []


@pytest.mark.data_loss
def test_template_fill_rows_reload_export_import_and_print_from_the_folder(
    page, offline_site, tmp_path
):
    from .test_templates import download, fill_everything, pdf_text, read_everything

    page.on("dialog", lambda dialog: dialog.accept())
    _open(page, offline_site, "templates/light-agreement.md")
    partners = page.locator("[data-tk-field=partners]")
    assert partners.locator("[data-tk-row]").count() >= 1  # the rows the script makes
    expected = fill_everything(page, rows=3)
    assert partners.locator("[data-tk-row]").count() == 3
    page.wait_for_timeout(700)  # the autosave
    page.reload()
    page.wait_for_selector(".tk-toolbar:not([hidden])")
    assert read_everything(page) == expected

    name, text = download(page, "export")
    page.click("[data-tk-action=clear]")
    assert read_everything(page) != expected
    page.set_input_files(
        "[data-tk-import-file]",
        files=[{"name": name, "mimeType": "application/json", "buffer": text.encode("utf-8")}],
    )
    page.wait_for_function("() => document.querySelector('[data-tk-notice]').textContent")
    assert read_everything(page) == expected

    printed = pdf_text(page, tmp_path, "light-agreement")
    first_partner = expected["partners"][0]
    assert next(iter(first_partner.values())) in printed
    assert page.log.page_errors == []
    assert [u for u in page.log.requests if urlsplit(u).scheme not in LOCAL_SCHEMES] == []
