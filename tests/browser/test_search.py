"""The site search finds a checklist by one of its items, a template by its
guidance and a step by one of its questions.

The phrases come from the data, so the test follows the content: a reader
remembers a few telling words of a sentence and types them into the search box.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from partnership_toolkit.load import load
from partnership_toolkit.urls import Addresses
from sitekit import ROOT

TOOLKIT = load(ROOT / "data")
ADDRESSES = Addresses(TOOLKIT)
# How far down the results the right page may be.
TOP = 3


def page_path(link: str) -> str:
    """The published address of a ``kind:id`` link, with MkDocs' directory URLs."""
    src = ADDRESSES.target(link)[0]
    return "/" + (src[: -len("index.md")] if src.endswith("index.md") else src[:-3] + "/")


def _words(text: str) -> list[str]:
    return list(dict.fromkeys(w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'’]*", text)))


def remembered_words(text: str, pages_with: dict[str, int] | None = None) -> str:
    """The four most telling different words of the first sentence, in their order:
    those on the fewest pages of the site (a reader remembers "already doing", not
    "partnership", which is on every page), then the longest."""
    sentence = re.split(r"(?<=[.?!])\s", " ".join(text.split()))[0]
    words = _words(sentence)
    pages_with = pages_with or {}
    telling = set(sorted(words, key=lambda w: (pages_with.get(w, 0), -len(w)))[:4])
    return " ".join(w for w in words if w in telling)


def page_frequencies(site: Path) -> dict[str, int]:
    """How many pages of the built site each word is on."""
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    pages: dict[str, set[str]] = {}
    for doc in docs:
        for word in _words(doc["title"] + " " + re.sub(r"<[^>]+>", " ", doc["text"])):
            pages.setdefault(word, set()).add(doc["location"].split("#")[0])
    return {word: len(found) for word, found in pages.items()}


def _checklist_item() -> tuple[tuple[str, ...], str]:
    # Every item of the first checklist: the test searches for the most telling
    # one, as a reader remembers an item by its unusual words.
    checklist = TOOLKIT.checklists[0]
    texts = tuple(item.text for item in checklist.items)
    return texts, page_path(f"checklist:{checklist.id}")


def _template_guidance() -> tuple[str, str]:
    template = TOOLKIT.templates[0]
    section = next(s for s in template.sections if s.guidance)
    return section.guidance, page_path(f"template:{template.id}")


def _step_question() -> tuple[str, str]:
    # Every question of the first step: the test searches for the one a reader
    # could find by its words ("What do we want to do, and why?" fits any page).
    step = next(s for stage in TOOLKIT.stages for s in stage.steps if s.questions)
    return step.questions, page_path(f"step:{step.id}")


RESULT_PAGES = """() => [...new Set([...document.querySelectorAll(
    '.md-search-result__list > .md-search-result__item > .md-search-result__link')]
  .map(a => new URL(a.href).pathname))]"""


@pytest.mark.parametrize(
    "source",
    [_checklist_item, _template_guidance, _step_question],
    ids=["checklist item", "template guidance", "step question"],
)
def test_search_finds_the_page_a_phrase_comes_from(page, site_url, default_site, source):
    text, expected = source()
    frequencies = page_frequencies(default_site)
    if isinstance(text, tuple):  # several sentences: the most telling one
        text = min(
            text,
            key=lambda t: sum(
                frequencies.get(w, 0) for w in remembered_words(t, frequencies).split()
            ),
        )
    query = remembered_words(text, frequencies)
    base = urlsplit(site_url).path.rstrip("/")
    page.goto(site_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)
    try:
        page.wait_for_function(
            f"() => ({RESULT_PAGES})().slice(0, {TOP}).includes({base + expected!r})",
            timeout=10_000,
        )
    except PlaywrightTimeout:
        pass  # the assertion below says what the search listed instead
    found = page.evaluate(RESULT_PAGES)
    assert base + expected in found[:TOP], (
        f"searching for {query!r} (from {text[:60]!r}) should list {expected} in the first "
        f"{TOP} results; it listed {found[:10]}"
    )
    assert page.log.external(site_url) == []
    assert page.log.page_errors == []
