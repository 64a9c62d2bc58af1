"""Mark the text of a translated page that is shown in the source language.

A text no translation gives is shown as the source has it; each one found in
a page's HTML is wrapped in ``<span lang>``, so a screen reader reads it in
the source's voice.
"""

from __future__ import annotations

import functools
import html
import re

_TEXT_NODE = re.compile(r">([^<>]+)<")
# Where a <span> may not go: scripts, styles, a form's text, the page's title,
# and SVG (an HTML element there would end the picture).
_SKIP = re.compile(r"<(script|style|textarea|title|svg|head)\b[^>]*>.*?</\1>", re.S | re.I)


def mark_fallbacks(
    page_html: str, fallbacks: set[str] | frozenset[str], lang: str
) -> tuple[str, int]:
    """Each text of a page that is an untranslated source text wrapped in
    ``<span lang>``, so a screen reader reads it in the source's voice; and
    how many there were."""
    if not fallbacks:
        return page_html, 0
    count = 0
    skipped: list[tuple[int, int]] = [m.span() for m in _SKIP.finditer(page_html)]

    def wrap(found: re.Match[str]) -> str:
        nonlocal count
        if any(a <= found.start() < b for a, b in skipped):
            return found.group()
        raw = found.group(1)
        text = " ".join(html.unescape(raw).split())
        if text and text in _normalised(frozenset(fallbacks)):
            count += 1
            return f'><span lang="{html.escape(lang)}">{raw}</span><'
        return found.group()

    return _TEXT_NODE.sub(wrap, page_html), count


@functools.lru_cache(maxsize=4)
def _normalised(texts: frozenset[str]) -> frozenset[str]:
    return frozenset(" ".join(t.split()) for t in texts)
