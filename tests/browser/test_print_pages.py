"""A stage page and a step page print to A4 with their text and without the
site's chrome (navigation, search, skip link, footer).

The PDF's text is read back with ``pdftotext`` (poppler-utils), so this checks
what is on paper, not what the stylesheet intends.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from partnership_toolkit.load import load
from partnership_toolkit.urls import Addresses
from sitekit import ROOT

TOOLKIT = load(ROOT / "data")
ADDRESSES = Addresses(TOOLKIT)

# The words of the site's chrome that are not in the page's own text: the
# navigation's entries, the skip link, the footer's previous/next labels.
CHROME_WORDS = """() => {
  const article = document.querySelector("article").innerText.replace(/\\s+/g, " ");
  const chrome = [...document.querySelectorAll(
      ".md-sidebar--primary .md-nav__link, .md-skip, .md-footer__title, .md-search__input")]
    .map(el => (el.placeholder || el.textContent).replace(/\\s+/g, " ").trim())
    .filter(text => text.length > 3);
  return [...new Set(chrome)].filter(text => !article.includes(text));
}"""


def _flat(text: str) -> str:
    return " ".join(text.split())


def _first_words(markdown: str, n: int = 8) -> str:
    """The first words of a Markdown text as they read on the page."""
    plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return " ".join(re.findall(r"[^\s*_`]+", plain)[:n])


def _address(link: str) -> str:
    src = ADDRESSES.target(link)[0]
    return src[: -len("index.md")] if src.endswith("index.md") else src[:-3] + "/"


STAGE = TOOLKIT.stages[0]
STEP = STAGE.steps[0]


@pytest.mark.parametrize(
    ("link", "title", "text"),
    [
        (f"stage:{STAGE.id}", STAGE.title, STAGE.summary),
        (f"step:{STEP.id}", STEP.title, STEP.summary),
    ],
    ids=["stage page", "step page"],
)
def test_page_prints_its_text_without_the_site_chrome(page, site_url, tmp_path, link, title, text):
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext not found; install Debian's poppler-utils")
    page.goto(site_url + _address(link))
    chrome = page.evaluate(CHROME_WORDS)
    assert len(chrome) >= 5, f"expected navigation entries to look for, found {chrome}"

    page.emulate_media(media="print")
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    printed = _flat(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
    )

    assert title in printed
    assert _flat(_first_words(text)) in printed
    on_paper = [words for words in chrome if words in printed]
    assert on_paper == [], f"site chrome printed on {link}: {on_paper}"
    assert page.log.page_errors == []


@pytest.mark.parametrize("where", ["published", "offline"])
def test_a_facilitator_downloads_the_workshop_pack_and_a_fillable_agreement(
    page, request, where, tmp_path
):
    """From the site and from the offline folder: the checklists page offers the
    workshop pack, and a template's page its PDF to fill in. Served, the link
    downloads the file; from the folder (file://), Chromium ignores a link's
    download attribute and opens the PDF in its viewer, to save or print."""
    from sitekit import serve

    if where == "published":
        url, stop = serve(request.getfixturevalue("pdf_site"))
        request.addfinalizer(stop)
        checklists, template = url + "checklists/", url + "templates/light-agreement/"
    else:
        folder = request.getfixturevalue("offline_site")
        checklists = (folder / "checklists" / "index.html").as_uri()
        template = (folder / "templates" / "light-agreement.html").as_uri()
    for address, words, name in (
        (checklists, "Workshop pack (PDF)", "workshop-pack.pdf"),
        (template, "PDF to fill in", "light-agreement-fillable.pdf"),
    ):
        page.goto(address)
        link = page.get_by_role("link", name=words)
        if where == "offline":
            link.click()
            page.wait_for_url(f"**/{name}")
            opened = Path(unquote(urlsplit(page.url).path))
            assert opened.read_bytes().startswith(b"%PDF-")
            continue
        with page.expect_download() as info:
            link.click()
        saved = tmp_path / info.value.suggested_filename
        info.value.save_as(saved)
        assert saved.name == name
        assert saved.read_bytes().startswith(b"%PDF-")
