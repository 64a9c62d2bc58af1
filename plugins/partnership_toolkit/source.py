"""Read one YAML file into plain Python values, remembering where each value is.

PyYAML's composer gives every node its line and column; we walk the node tree
ourselves so that duplicate keys are caught (PyYAML silently keeps the last)
and every later message can point at the exact line of the value it is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import TYPE_CHECKING, Any

import yaml

from .problems import Path, Problem, format_path
from .textcheck import (
    _character_problem,
    _may_hold_markup,
    _syntax_hint,
    _texts,
)

if TYPE_CHECKING:
    from .readcache import Cache

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
    origins: dict[Path, tuple[str, Path]] = field(default_factory=dict)
    """Values a toolkit's layer put here (see :mod:`.layer`): for each, the file
    it was written in and its path there, so a message about it names that
    file and the field as written in it. Its marks are already that file's."""

    def origin(self, path: Path) -> tuple[str, Path]:
        """The file the value at ``path`` was written in, and its path there."""
        if self.origins:
            for n in range(len(path), -1, -1):
                found = self.origins.get(path[:n])
                if found is not None:
                    return found[0], (*found[1], *path[n:])
        return self.file, path

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
        file, written = self.origin(path)
        return Problem(file, line, column, format_path(written), message)


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
        if node.tag.endswith(":timestamp"):
            # A date written bare (reviewed: 2026-12-04) is kept as typed: no
            # field holds a date object, and YAML 1.2 reads it as text too.
            value = node.value
    if isinstance(value, str) and _may_hold_markup(value):
        doc.marked_up.append((path, value))  # type: ignore[union-attr]
    return value


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


def _at(doc: Document, node: yaml.Node, path: Path, message: str) -> Problem:
    return Problem(
        doc.file, node.start_mark.line + 1, node.start_mark.column + 1, format_path(path), message
    )
