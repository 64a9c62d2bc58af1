"""Read one YAML file into plain Python values, remembering where each value is.

PyYAML's composer gives every node its line and column; we walk the node tree
ourselves so that duplicate keys are caught (PyYAML silently keeps the last)
and every later message can point at the exact line of the value it is about.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

import yaml

from .problems import Path, Problem, format_path

try:  # the libyaml parser is several times faster when present
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_constructor = yaml.constructor.SafeConstructor()
_LEADING_TAB = re.compile(r"^[ ]*\t")
# A no-break space (or another Unicode space) where YAML expects indentation:
# word processors and some web pages paste it for an ordinary space.
_LEADING_ODD_SPACE = re.compile(r"^[ ]*([\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff])")
_SPACE_NAMES = {
    "\u00a0": "a no-break space",
    "\u202f": "a narrow no-break space",
    "\u3000": "an ideographic space",
    "\ufeff": "a zero-width no-break space",
}
_STR = "tag:yaml.org,2002:str"


@dataclass
class Document:
    """A parsed YAML file: its value and the position of every value and key in it."""

    file: str
    value: Any
    marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    marked_up: list[tuple[Path, str]] | None = None
    """Every text that could hold HTML, a link or a control character (see
    ``_may_hold_markup``), gathered while reading; ``None`` when not gathered."""

    def texts_with_markup(self) -> list[tuple[Path, str]]:
        """Each text value that could hold HTML, a link or a control character, with its path.

        Checks for HTML and links look only at these, instead of walking every
        value of a big file again.
        """
        if self.marked_up is None:
            self.marked_up = [
                (path, text) for path, text in _texts(self.value, ()) if _may_hold_markup(text)
            ]
        return self.marked_up

    def where(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at ``path``, or of its key.

        Falls back to the nearest enclosing value when the path does not exist
        (for example, a required field that is missing).
        """
        table = self.key_marks if key else self.marks
        if path in table:
            return table[path]
        while path:
            path = path[:-1]
            if path in self.marks:
                return self.marks[path]
        return self.marks.get((), (1, 1))

    def problem(self, path: Path, message: str, *, key: bool = False) -> Problem:
        line, column = self.where(path, key=key)
        return Problem(self.file, line, column, format_path(path), message)


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


class Cache:
    """Data files already read, kept on disk between runs (``.cache/toolkit/data/``).

    Reading YAML is most of the time a big toolkit takes to load, and between
    two builds (or two runs of ``toolkit validate``) most files have not
    changed. An entry is named by a digest of the file's bytes, in a folder
    named by a digest of how files are read (this module's code, PyYAML's
    version and Python's), so an edited file, or another version of the
    toolkit, never finds an old entry, and two environments sharing the
    folder (say a build and a pre-commit hook) keep their entries apart.

    Only files read without a problem are kept: a file with a mistake is read
    again every time, so its messages always come from the file as it is now.
    Entries are written with :mod:`marshal`, so reading one builds plain values
    and runs no code. A folder that cannot be written (a read-only checkout)
    just means every file is read from its YAML.
    """

    SUFFIX = ".marshal"
    STALE_DAYS = 30  # another version's entries, unused this long, are removed
    _TMP_MINUTES = 10  # a half-written entry older than this was left by a stopped run

    def __init__(self, folder: FsPath) -> None:
        self.top = folder
        self.folder = folder / _reader_digest().hex()[:16]
        self.used: set[str] = set()
        self.writable = True
        self._made = False  # whether this run has made sure the folder exists

    def key(self, raw: bytes) -> str:
        return hashlib.blake2b(raw, digest_size=16).hexdigest()

    def get(self, key: str, display: str) -> Document | None:
        try:
            entry = marshal.loads((self.folder / (key + self.SUFFIX)).read_bytes())
        except (OSError, EOFError, ValueError, TypeError):  # missing, cut short, or not ours
            return None
        if not (
            isinstance(entry, tuple)
            and len(entry) == 4
            and isinstance(entry[1], dict)
            and isinstance(entry[2], dict)
            and isinstance(entry[3], list)
        ):
            return None
        self.used.add(key)
        value, marks, key_marks, marked_up = entry
        return Document(display, value, marks, key_marks, marked_up)

    def put(self, key: str, doc: Document) -> None:
        self.used.add(key)
        if not self.writable:
            return
        try:
            data = marshal.dumps((doc.value, doc.marks, doc.key_marks, doc.marked_up))
        except ValueError:  # a value marshal cannot hold, e.g. a YAML date: not kept
            return
        if not self._made:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
            except OSError:
                self.writable = False
                return
            self._made = True
        try:
            # Written beside the entry and renamed into place, so a run reading
            # at the same moment (``mkdocs serve`` and ``toolkit validate``)
            # never sees half an entry.
            fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, self.folder / (key + self.SUFFIX))
        except OSError:  # this entry only: it is simply read from YAML next time
            pass

    def prune(self) -> None:
        """Delete this version's entries that this run did not use (files since
        edited or removed), other versions' folders left unused for a month, and
        half-written entries of stopped runs."""
        if not self.writable:
            return
        now = time.time()
        try:
            for entry in self.folder.iterdir():
                age = now - entry.stat().st_mtime
                if (entry.suffix == self.SUFFIX and entry.stem not in self.used) or (
                    entry.suffix == ".tmp" and age > 60 * self._TMP_MINUTES
                ):
                    entry.unlink()
            for other in self.top.iterdir():
                if other.is_file():  # not an entry of any version
                    other.unlink()
                elif other != self.folder and now - other.stat().st_mtime > 86400 * self.STALE_DAYS:
                    shutil.rmtree(other, ignore_errors=True)
        except OSError:  # removed by another run meanwhile: nothing to do
            pass


@functools.cache
def _reader_digest() -> bytes:
    """What an entry depends on besides the file: how the file is read, and the
    Python whose marshal format the entry is in."""
    how = (
        FsPath(__file__).read_bytes()
        + yaml.__version__.encode()
        + _Loader.__name__.encode()
        + sys.version.encode()
    )
    return hashlib.blake2b(how, digest_size=32).digest()


def read(
    path: FsPath, display: str, cache: Cache | None = None
) -> tuple[Document | None, list[Problem]]:
    """Parse ``path``; return the document, or ``None`` and the problems that stop it.

    With ``cache``, a file read before without a problem is taken from it.
    """
    raw = path.read_bytes()
    key = ""
    if cache is not None:
        key = cache.key(raw)
        cached = cache.get(key, display)
        if cached is not None:
            return cached, []
    doc, problems = _read(raw, display)
    if cache is not None and doc is not None and not problems:
        cache.put(key, doc)
    return doc, problems


def _read(raw: bytes, display: str) -> tuple[Document | None, list[Problem]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        return None, [
            Problem(
                display,
                line,
                column,
                "",
                "the file is not valid UTF-8 text "
                f"(byte 0x{raw[err.start]:02x}); save it as UTF-8 in your editor",
            )
        ]

    tabs = [
        Problem(
            display,
            n,
            line.index("\t") + 1,
            "",
            "a tab is used for indentation; YAML indents with spaces only, "
            "so replace the tab with spaces",
        )
        for n, line in enumerate(text.splitlines(), start=1)
        if _LEADING_TAB.match(line)
    ]
    if tabs:
        return None, tabs
    odd_spaces = [
        Problem(
            display,
            n,
            found.start(1) + 1,
            "",
            f"{_SPACE_NAMES.get(found[1], 'a special space')} (U+{ord(found[1]):04X}) is used "
            "for indentation, often pasted from a word processor; YAML indents with "
            "ordinary spaces only, so retype the spaces at the start of this line",
        )
        for n, line in enumerate(text.splitlines(), start=1)
        if (found := _LEADING_ODD_SPACE.match(line))
        and not (n == 1 and found.start(1) == 0 and found[1] == "\ufeff")
    ]
    if odd_spaces:
        return None, odd_spaces

    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as err:  # a character YAML does not allow
        return None, [_character_problem(display, text, err.position, err.character)]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(s for s in (err.context, err.problem) if s)
        start = err.context_mark
        # The mistake is often where the unfinished construct began (a missing
        # ']' or quote), which can be lines before where YAML gave up.
        if (
            start is not None
            and err.problem_mark is not None
            and start.line != mark.line
            and (err.context or "").startswith("while")
        ):
            what += f" (it began on line {start.line + 1}, column {start.column + 1})"
        return None, [
            Problem(display, line, column, "", f"YAML syntax error: {what}{_syntax_hint(what)}")
        ]
    except yaml.YAMLError as err:  # e.g. more than one document in the file
        return None, [Problem(display, 1, 1, "", f"YAML error: {err}")]

    if node is None:
        what = "is empty" if not text.strip() else "has only comments, no data"
        return None, [Problem(display, 1, 1, "", f"the file {what} (expected a mapping of fields)")]

    doc = Document(display, None, marked_up=[])
    problems: list[Problem] = []
    try:
        aliases: list[tuple[Path, int]] = []
        doc.value = _convert(node, (), doc, problems, set(), aliases)
        if aliases:
            problems.extend(_alias_problems(doc, text, aliases))
    finally:
        # The constructor remembers what it built (for YAML aliases); forget it
        # after each file, or a long `mkdocs serve` session keeps every value.
        _constructor.constructed_objects.clear()
    return doc, problems


def _convert(
    node: yaml.Node,
    path: Path,
    doc: Document,
    problems: list[Problem],
    seen: set[int],
    aliases: list[tuple[Path, int]],
) -> Any:
    if id(node) in seen:
        # The composer hands back the anchored node itself for an alias, so a
        # value met twice came from '*name'. Aliases are refused: a value
        # repeated at two places has one line, and an alias inside its own
        # anchor would never end.
        aliases.append((path, node.start_mark.line + 1))
        return None
    seen.add(id(node))
    doc.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(_at(doc, key_node, path, "a key must be a plain word"))
                continue
            key = key_node.value
            child = (*path, key)
            if key == "<<":
                problems.append(
                    _at(
                        doc,
                        key_node,
                        path,
                        "merge keys ('<<') are not supported; write the fields out",
                    )
                )
                continue
            if key in result:
                first_line = doc.key_marks[child][0]
                problems.append(
                    _at(
                        doc,
                        key_node,
                        child,
                        f"duplicate key '{key}' (first given on line {first_line}); "
                        "the second would silently replace the first",
                    )
                )
                continue
            doc.key_marks[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _convert(value_node, child, doc, problems, seen, aliases)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(item, (*path, i), doc, problems, seen, aliases)
            for i, item in enumerate(node.value)
        ]
    if node.tag == _STR:  # most values, read without the constructor's overhead
        value = node.value
    else:
        try:
            value = _constructor.construct_object(node, deep=True)
        except yaml.YAMLError:  # a tag YAML's safe types do not include, e.g. '!important'
            problems.append(
                _at(
                    doc,
                    node,
                    path,
                    f"the tag '{node.tag}' is not supported; remove it (text that "
                    "starts with '!' goes in quotes)",
                )
            )
            return None
        except (ValueError, TypeError, OverflowError):
            # A value its type cannot hold: a date that does not exist
            # (2019-02-29), or a tag that does not fit ('!!int hello').
            what = (
                "a date or time"
                if node.tag.endswith((":timestamp",))
                else f"a value of the type '{node.tag.rsplit(':', 1)[-1]}'"
            )
            problems.append(
                _at(
                    doc,
                    node,
                    path,
                    f"'{node.value}' is not {what} YAML can read; put text in "
                    "quotes, or correct the value",
                )
            )
            return None
    if isinstance(value, str) and _may_hold_markup(value):
        doc.marked_up.append((path, value))  # type: ignore[union-attr]
    return value


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


def _alias_problems(doc: Document, text: str, aliases: list[tuple[Path, int]]) -> list[Problem]:
    """One problem per alias, at the alias itself when the parser can say where."""
    # Nodes do not remember where an alias was written; parsing again (only
    # when there are aliases) gives each alias's place, in the same order.
    marks = [
        (event.start_mark.line + 1, event.start_mark.column + 1)
        for event in yaml.parse(text, Loader=_Loader)
        if isinstance(event, yaml.AliasEvent)
    ]
    if len(marks) != len(aliases):  # e.g. an alias used as a key, which is not walked
        marks = [doc.where(path, key=True) for path, _ in aliases]
    return [
        Problem(
            doc.file,
            line,
            column,
            format_path(path),
            f"this repeats the value anchored on line {anchor} with a YAML alias "
            "('*name'); anchors and aliases are not supported: write the value out",
        )
        for (path, anchor), (line, column) in zip(aliases, marks, strict=True)
    ]


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


def _at(doc: Document, node: yaml.Node, path: Path, message: str) -> Problem:
    return Problem(
        doc.file, node.start_mark.line + 1, node.start_mark.column + 1, format_path(path), message
    )
