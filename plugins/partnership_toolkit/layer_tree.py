"""The base's parsed documents, and how a layer edits them in place.

The first helpers here move a value from one document into another with its
marks, so every value a layer puts in a base document keeps the layer's file,
line and field path (:attr:`.source.Document.origins`). A :class:`Tree` holds
the parsed documents of a toolkit by location and file id, and finds the item
an address names: ``step:scoping``, ``checklist:getting-started/agree-joint-purpose``.
:mod:`.layer` applies a layer with them.
"""

from __future__ import annotations

from typing import Any

from .problems import Path, did_you_mean
from .source import Document

# The data files an address can name, by the word before its colon.
FILE_KINDS = {
    "stage": "stages/",
    "theme": "themes/",
    "principles": "principles/",
    "checklist": "checklists/",
    "template": "templates/",
    "assessment": "assessments/",
}
SINGLE_FILES = {"glossary": "glossary.yml", "sources": "sources.yml"}
# Items listed inside files: where their list is.
ITEM_KINDS = {
    "step": ("stages/", "steps"),
    "principle": ("principles/", "principles"),
    "glossary": ("glossary.yml", "terms"),
    "source": ("sources.yml", "sources"),
}
# The lists of items (mappings with ids) an ``add`` or ``order`` can name by
# the item that holds them, e.g. stage:working-together for its steps.
ITEM_LISTS = {
    "steps",
    "sections",
    "items",
    "fields",
    "principles",
    "terms",
    "sources",
    "statements",
}

Key = tuple[str, str]  # (location under data/, file id), e.g. ("stages/", "scoping")


# -- moving values with their marks --------------------------------------------------------


def _under(path: Path, prefix: Path) -> bool:
    return path[: len(prefix)] == prefix


def take(doc: Document, path: Path) -> tuple[dict, dict, dict]:
    """The marks, key marks and origins of the value at ``path`` and inside it,
    relative to it, removed from ``doc``."""
    n = len(path)
    out: tuple[dict, dict, dict] = ({}, {}, {})
    for table, taken in zip((doc.marks, doc.key_marks, doc.origins), out, strict=True):
        for p in [p for p in table if _under(p, path)]:
            taken[p[n:]] = table.pop(p)
    return out


def _put(doc: Document, path: Path, marks: tuple[dict, dict, dict]) -> None:
    for table, given in zip((doc.marks, doc.key_marks, doc.origins), marks, strict=True):
        for p, mark in given.items():
            table[(*path, *p)] = mark


def marks_from(src: Document, src_path: Path) -> tuple[dict, dict, dict]:
    """What ``take`` gives for a value of another document, without changing it:
    its marks, and as its origin the file and path it is written at."""
    n = len(src_path)
    marks = {p[n:]: m for p, m in src.marks.items() if _under(p, src_path)}
    key_marks = {p[n:]: m for p, m in src.key_marks.items() if _under(p, src_path)}
    return marks, key_marks, {(): (src.file, src_path)}


def value_at(doc: Document, path: Path) -> Any:
    value = doc.value
    for part in path:
        value = value[part]
    return value


def graft(doc: Document, path: Path, value: Any, src: Document, src_path: Path) -> None:
    """Set the value at ``path`` to one written in ``src`` at ``src_path``."""
    parent = value_at(doc, path[:-1])
    parent[path[-1]] = value
    take(doc, path)
    _put(doc, path, marks_from(src, src_path))
    doc.marked_up = None


def relist(doc: Document, path: Path, entries: list[tuple[Any, Any]]) -> None:
    """Make the list at ``path`` the given entries, each ``(value, marks)`` with
    the marks as :func:`take` gives them, so every later line is still right."""
    value_at(doc, path)[:] = [value for value, _ in entries]
    for i, (_, marks) in enumerate(entries):
        _put(doc, (*path, i), marks)
    doc.marked_up = None


def pop_list(doc: Document, path: Path) -> list[tuple[Any, Any]]:
    """The entries of the list at ``path`` with their marks, taken out of ``doc``
    (the list's own mark stays)."""
    items = value_at(doc, path)
    return [(item, take(doc, (*path, i))) for i, item in enumerate(items)]


# -- addresses ------------------------------------------------------------------------------


def ident(item: Any) -> str | None:
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        return item["id"]
    return item if isinstance(item, str) else None


def _find_inside(value: Any, path: Path, wanted: str) -> Path | None:
    """The path of the nearest mapping with ``id: wanted`` inside ``value``."""
    level = [(value, path)]
    while level:
        below = []
        for node, at in level:
            if isinstance(node, dict):
                below += [(v, (*at, k)) for k, v in node.items() if isinstance(v, (dict, list))]
            elif isinstance(node, list):
                for i, item in enumerate(node):
                    if isinstance(item, dict) and item.get("id") == wanted:
                        return (*at, i)
                    below.append((item, (*at, i)))
        level = below
    return None


def ids_inside(value: Any) -> list[str]:
    """Every id of an item inside ``value``, at any depth."""
    if isinstance(value, dict):
        return [i for v in value.values() for i in ids_inside(v)]
    if isinstance(value, list):
        found = [item["id"] for item in value if isinstance(item, dict) and "id" in item]
        return found + [i for item in value for i in ids_inside(item)]
    return []


class Tree:
    """The parsed documents of a toolkit, by location and file id."""

    def __init__(self, docs: dict[Key, Document], toolkit: Document | None) -> None:
        self.docs = docs
        self.toolkit = toolkit

    def resolve(self, address: str) -> tuple[Key, Path] | str:
        """Where the item at ``address`` is, or why it cannot be found."""
        head, *rest = address.split("/")
        word, colon, id_ = head.partition(":")
        if word == "cycle" and not colon and self.toolkit is not None:
            found: tuple[Key, Path] = (("toolkit.yml", ""), ("cycle", "stages"))
        elif word in SINGLE_FILES and not colon:
            found = ((SINGLE_FILES[word], ""), ())
        elif word in FILE_KINDS and colon:
            key = (FILE_KINDS[word], id_)
            if key not in self.docs:
                ids = [i for loc, i in self.docs if loc == FILE_KINDS[word]]
                return f"no {word} '{id_}' in the base toolkit{did_you_mean(id_, ids)}"
            found = (key, ())
        elif word in ITEM_KINDS and colon:
            location, list_key = ITEM_KINDS[word]
            seen = []
            for key, doc in self.docs.items():
                items = (
                    doc.value.get(list_key)
                    if key[0] == location and isinstance(doc.value, dict)
                    else None
                )
                for i, item in enumerate(items if isinstance(items, list) else ()):
                    if ident(item) == id_:
                        return self._descend((key, (list_key, i)), rest, address)
                    seen.append(ident(item) or "")
            return f"no {word} '{id_}' in the base toolkit{did_you_mean(id_, seen)}"
        else:
            kinds = ", ".join([*FILE_KINDS, *ITEM_KINDS])
            return (
                f"'{address}' is not an address: write kind:id, then /id for an item "
                f"inside it, e.g. step:scoping or checklist:getting-started/agree-joint-purpose "
                f"(kinds: {kinds})"
            )
        return self._descend(found, rest, address)

    def doc(self, key: Key) -> Document:
        return self.toolkit if key == ("toolkit.yml", "") else self.docs[key]  # type: ignore[return-value]

    def _descend(
        self, found: tuple[Key, Path], rest: list[str], address: str
    ) -> tuple[Key, Path] | str:
        key, path = found
        doc = self.doc(key)
        for part in rest:
            here = value_at(doc, path)
            if isinstance(here, dict) and part in here:
                path = (*path, part)
                continue
            inner = _find_inside(here, path, part)
            if inner is None:
                hint = did_you_mean(part, ids_inside(here))
                return f"nothing with id '{part}' in {address.rsplit('/', 1)[0]}{hint}"
            path = inner
        return key, path

    def list_at(self, address: str) -> tuple[Key, Path] | str:
        """The list an ``add`` or ``order`` names: the address's own list, or
        the one list of items with ids inside the item it names."""
        found = self.resolve(address)
        if isinstance(found, str):
            return found
        key, path = found
        value = value_at(self.doc(key), path)
        if isinstance(value, list):
            return found
        lists = [
            k
            for k, v in (value.items() if isinstance(value, dict) else ())
            if k in ITEM_LISTS
            and isinstance(v, list)
            and all(isinstance(x, dict) and ident(x) for x in v)
        ]
        if len(lists) != 1:
            return f"'{address}' names no list of items; add the list's name, e.g. {address}/steps"
        return key, (*path, lists[0])
