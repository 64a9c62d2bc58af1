"""What the reader says about the characters and syntax of a data file, in
words: hints for YAML syntax errors, the names of invisible characters YAML
refuses, and the quick test of whether a text could hold markup at all."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .problems import Path, Problem

# What the commonest YAML syntax errors usually mean, for people new to YAML.
_SYNTAX_HINTS = (
    (
        "mapping values are not allowed",
        "; text that contains ': ' must be put in quotes, e.g. summary: \"Note: ...\", "
        "or a key on the line above is missing its ':'",
    ),
    (
        "could not find expected ':'",
        "; each line of a mapping is 'key: value': a ':' is missing, or a text that "
        "runs onto a second line needs quotes or '|'",
    ),
    (
        "did not find expected '-' indicator",
        "; the items of a list each start with '- ' at the same indentation",
    ),
    (
        "did not find expected key",
        "; check the indentation: keys of one mapping line up exactly, and list items "
        "start with '- '",
    ),
    (
        "found character '%' that cannot start any token",
        "; put text that starts with a special character in quotes",
    ),
    ("found unexpected end of stream", "; a quotation mark is not closed"),
)


def _syntax_hint(what: str) -> str:
    return next((hint for pattern, hint in _SYNTAX_HINTS if pattern in what), "")


_CONTROL_NAMES = {
    "\x0b": "vertical tab",
    "\x0c": "form feed",
    "\x00": "null",
    "\x08": "backspace",
    "\x1b": "escape",
    "\x7f": "delete",
}


def _character_problem(display: str, text: str, position: int, character: str | int) -> Problem:
    """The place and name of a character YAML refuses (a control character)."""
    char = chr(character) if isinstance(character, int) else character
    # PyYAML counts positions in the text it read, which starts after a BOM.
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    name = _CONTROL_NAMES.get(char, "a control character")
    return Problem(
        display,
        line,
        column,
        "",
        f"the invisible character U+{ord(char):04X} ({name}) is not allowed in a data "
        "file; it often comes from pasting from a word processor: delete it",
    )


# What could make a text unsafe or hide a link: HTML, a Markdown link (inline,
# by reference, or a reference's definition), a character reference, or an
# invisible control character (which YAML lets in through escapes like "\x07").
# Invisible characters: controls, line and paragraph separators, and the
# direction overrides that can make text read differently from how it is stored.
CONTROL_CHARS = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
# Also what could make Markdown slow or deep: brackets, long runs of '>' and
# deep indentation (lists nested hundreds of levels).
_MARKUP = re.compile(r"[<&\[]|\]\(|\]:|\]\[|(?:> ?){16}|\n {40}|" + CONTROL_CHARS)


def _may_hold_markup(text: str) -> bool:
    """Whether ``text`` could hold HTML, a link or a control character: most texts cannot."""
    return _MARKUP.search(text) is not None


def _texts(value: Any, path: Path) -> Iterator[tuple[Path, str]]:
    """Every text in ``value``, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, (*path, i))
