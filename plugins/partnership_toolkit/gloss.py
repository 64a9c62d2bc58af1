"""Glossary terms linked where a guidance page first uses them.

The build does it, so an editor never links a term by hand and a new term is
linked wherever it is used. Each term is matched by its words without any
bracketed part ("Memorandum of understanding (MoU)" by "memorandum of
understanding"), and by the bracket too when that is an abbreviation ("MoU").
A bracket that narrows the term ("Consent (informed consent)") is matched
instead of the bare word. A match is a whole word, a plural ("milestones") is
one, and an abbreviation matches only in its own capitals. Headings, links
and code are left alone, and so are stories, which retell their source; a
page does not link the term it is named after.
The Markdown gains an ordinary ``[words](glossary:id)`` link, which the rest
of the build resolves, and drops, when the glossary is not published.
"""

from __future__ import annotations

import re

from .model import Glossary

# What a term is never matched inside: a Markdown link or image, a code span,
# an autolink or raw tag, a web address written out, a heading line.
_PROTECTED = re.compile(
    r"!?\[[^\]\n]*\]\([^)\n]*\)|`[^`\n]*`|<[^>\n]*>|(?:https?://|mailto:|www\.)\S+"
    r"|^ {0,3}#{1,6}[ \t].*$",
    re.MULTILINE,
)
_HAND_LINKED = re.compile(r"\]\(glossary:([a-z0-9-]+)\)")
_BRACKET = re.compile(r"\s*\(([^)]*)\)\s*$")
_ABBREVIATION = re.compile(r"^[A-Za-z]*[A-Z][A-Za-z]*[A-Z][A-Za-z]*$")


def _pattern(phrase: str, exact_case: bool) -> re.Pattern[str]:
    words = r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", phrase.strip()))
    return re.compile(
        rf"(?<![\w-])(?:{words})(?:e?s)?(?![\w-])", 0 if exact_case else re.IGNORECASE
    )


def patterns(glossary: Glossary | None) -> list[tuple[str, re.Pattern[str]]]:
    """Each term's id and what matches it, the longest words first, so that
    "data-sharing agreement" is linked before a shorter term inside it."""
    if glossary is None:
        return []
    found: list[tuple[int, str, re.Pattern[str]]] = []
    for term in glossary.terms:
        bracket = _BRACKET.search(term.term)
        base = term.term[: bracket.start()] if bracket else term.term
        inner = bracket[1].strip() if bracket else ""
        # "Consent (informed consent)": the bracket narrows the term, so only
        # its longer words match; plain "consent" may mean something else.
        narrower = inner.lower().endswith(base.strip().lower()) and len(inner) > len(base.strip())
        if narrower:
            found.append((len(inner), term.id, _pattern(inner, False)))
        elif base.strip():
            exact = bool(_ABBREVIATION.match(base.strip()))
            found.append((len(base), term.id, _pattern(base, exact)))
        if inner and _ABBREVIATION.match(inner):
            found.append((len(inner), term.id, _pattern(inner, True)))
    found.sort(key=lambda item: -item[0])
    return [(id_, pattern) for _, id_, pattern in found]


class Glosser:
    """Links each term once per page: call it on the page's Markdown fields in
    the order the page shows them."""

    def __init__(self, terms: list[tuple[str, re.Pattern[str]]], title: str = "") -> None:
        # A page about a term (the Scoping step) does not link its own name.
        self._terms = [(id_, p) for id_, p in terms if not (title and p.fullmatch(title))]
        self._linked: set[str] = set()

    def __call__(self, text: str) -> str:
        if not isinstance(text, str):
            return text
        # A term an editor linked by hand is linked already.
        self._linked.update(_HAND_LINKED.findall(text))
        for id_, pattern in self._terms:
            if id_ in self._linked:
                continue
            linked = _link_first(text, pattern, id_)
            if linked is not None:
                text = linked
                self._linked.add(id_)
        return text


def _link_first(text: str, pattern: re.Pattern[str], id_: str) -> str | None:
    start = 0
    for kept in [*_PROTECTED.finditer(text), None]:
        end = kept.start() if kept else len(text)
        found = pattern.search(text, start, end)
        if found:
            words = found[0]
            return f"{text[: found.start()]}[{words}](glossary:{id_}){text[found.end() :]}"
        if kept is None:
            return None
        start = kept.end()
    return None
