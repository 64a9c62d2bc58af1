"""A toolkit project as a layer over the base toolkit.

The base is the toolkit this repository publishes (``data/``, ``content/``,
``overrides/``, ``mkdocs.yml``). An organisation's toolkit keeps only its own
changes in one folder, ``local/``, that the base never writes, so taking in a
new version of the base never conflicts with them:

- ``local/toolkit.yml``: its identity, branding, language and features, field
  by field over the base's ``data/toolkit.yml``;
- ``local/changes.yml``: ``patch`` any field of any item by its address,
  ``remove`` items, ``add`` items inside the base's, ``order`` lists;
- ``local/data/``: whole new (or replacing) data files, laid out as ``data/``;
- ``local/strings.yml``, ``local/content/``, ``local/overrides/``,
  ``local/site.yml``: words, pages, theme overrides and site settings.

An item's address is the link it is known by, ``step:scoping``, then ``/id``
for an item inside it: ``checklist:getting-started/agree-joint-purpose``,
``template:light-agreement/partners``. This module works on the parsed
documents, before they are checked and built: every value the layer puts in
a base document keeps the layer's file, line and field path
(:attr:`.source.Document.origins`), so a mistake in it is reported there.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from .problems import Path, Problem, did_you_mean, format_path
from .source import Document

FOLDER = "local"
REVIEWED = "reviewed.yml"

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
# Fields that name other items by id, and the kind they name.
REF_FIELDS = {
    "sources": "source",
    "checklists": "checklist",
    "templates": "template",
    "principles": "principle",
    "themes": "theme",
}
LINK_FIELDS = ("related", "see")
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
# In data/toolkit.yml, mappings a layer changes key by key (the rest it replaces).
_MERGED = {"organisation", "contact", "licence", "branding", "features", "cycle"}

Key = tuple[str, str]  # (location under data/, file id), e.g. ("stages/", "scoping")


def fingerprint(value: Any) -> str:
    """A short digest of a value of the base, to notice when a new version changes it."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.blake2b(text.encode(), digest_size=6).hexdigest()


@dataclass
class Change:
    """One thing a layer changes, as ``toolkit status`` lists it."""

    what: str  # patched, removed, added, replaced, ordered, page added, ...
    address: str
    where: str  # the layer's file and line
    base: dict[str, str] = field(default_factory=dict)  # review key -> fingerprint now
    gone: bool = False  # the base no longer has what this change is about


@dataclass
class Report:
    changes: list[Change] = field(default_factory=list)
    removed: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, id) -> where
    pages_removed: set[str] = field(default_factory=set)  # content paths, e.g. "customising.md"
    nav_given: bool = False  # whether local/site.yml gives the menu (set by the MkDocs plugin)


@dataclass
class Layer:
    """The files of a layer folder, once read."""

    folder: FsPath
    display: str  # how messages name the folder, e.g. "local"
    toolkit: Document | None = None
    changes: Document | None = None
    reviewed: dict[str, Any] = field(default_factory=dict)

    @property
    def data(self) -> FsPath:
        return self.folder / "data"

    @property
    def content(self) -> FsPath:
        return self.folder / "content"

    @property
    def overrides(self) -> FsPath:
        return self.folder / "overrides"

    def owns(self, file: str) -> bool:
        return file == self.display or file.startswith(self.display + "/")


# -- moving values with their marks --------------------------------------------------------


def _under(path: Path, prefix: Path) -> bool:
    return path[: len(prefix)] == prefix


def _take(doc: Document, path: Path) -> tuple[dict, dict, dict]:
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


def _from(src: Document, src_path: Path) -> tuple[dict, dict, dict]:
    """What ``_take`` gives for a value of another document, without changing it:
    its marks, and as its origin the file and path it is written at."""
    n = len(src_path)
    marks = {p[n:]: m for p, m in src.marks.items() if _under(p, src_path)}
    key_marks = {p[n:]: m for p, m in src.key_marks.items() if _under(p, src_path)}
    return marks, key_marks, {(): (src.file, src_path)}


def _value(doc: Document, path: Path) -> Any:
    value = doc.value
    for part in path:
        value = value[part]
    return value


def _graft(doc: Document, path: Path, value: Any, src: Document, src_path: Path) -> None:
    """Set the value at ``path`` to one written in ``src`` at ``src_path``."""
    parent = _value(doc, path[:-1])
    parent[path[-1]] = value
    _take(doc, path)
    _put(doc, path, _from(src, src_path))
    doc.marked_up = None


def _relist(doc: Document, path: Path, entries: list[tuple[Any, Any]]) -> None:
    """Make the list at ``path`` the given entries, each ``(value, marks)`` with
    the marks as :func:`_take` gives them, so every later line is still right."""
    _value(doc, path)[:] = [value for value, _ in entries]
    for i, (_, marks) in enumerate(entries):
        _put(doc, (*path, i), marks)
    doc.marked_up = None


def _pop_list(doc: Document, path: Path) -> list[tuple[Any, Any]]:
    """The entries of the list at ``path`` with their marks, taken out of ``doc``
    (the list's own mark stays)."""
    items = _value(doc, path)
    return [(item, _take(doc, (*path, i))) for i, item in enumerate(items)]


# -- addresses ------------------------------------------------------------------------------


def _ident(item: Any) -> str | None:
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


def _ids_inside(value: Any) -> list[str]:
    """Every id of an item inside ``value``, at any depth."""
    if isinstance(value, dict):
        return [i for v in value.values() for i in _ids_inside(v)]
    if isinstance(value, list):
        found = [item["id"] for item in value if isinstance(item, dict) and "id" in item]
        return found + [i for item in value for i in _ids_inside(item)]
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
                    if _ident(item) == id_:
                        return self._descend((key, (list_key, i)), rest, address)
                    seen.append(_ident(item) or "")
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
            here = _value(doc, path)
            if isinstance(here, dict) and part in here:
                path = (*path, part)
                continue
            inner = _find_inside(here, path, part)
            if inner is None:
                hint = did_you_mean(part, _ids_inside(here))
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
        value = _value(self.doc(key), path)
        if isinstance(value, list):
            return found
        lists = [
            k
            for k, v in (value.items() if isinstance(value, dict) else ())
            if k in ITEM_LISTS
            and isinstance(v, list)
            and all(isinstance(x, dict) and _ident(x) for x in v)
        ]
        if len(lists) != 1:
            return f"'{address}' names no list of items; add the list's name, e.g. {address}/steps"
        return key, (*path, lists[0])


# -- applying a layer -----------------------------------------------------------------------


class Applier:
    """Applies one layer's changes to the base's parsed documents, in place."""

    def __init__(self, layer: Layer, tree: Tree, base_pages: set[str] | None = None) -> None:
        self.layer = layer
        self.tree = tree
        self.base_pages = base_pages  # the base's hand-written pages, e.g. "about.md"
        self._emptied: list[tuple[Key, Path, Path, str, Any]] = []
        self.report = Report()
        self.problems: list[Problem] = []

    def where(self, doc: Document, path: Path) -> str:
        line, _ = doc.where(path, key=isinstance(path[-1], str))
        return f"{doc.file}:{line}"

    def known_before(self, address: str) -> bool:
        """Whether the base had ``address`` when the layer was last reviewed."""
        return address in self.layer.reviewed

    def missing(self, doc: Document, path: Path, address: str, why: str, what: str) -> None:
        """A change whose target the base does not have: noted when a new
        version removed it, else a mistake."""
        if self.known_before(address):
            self.report.changes.append(
                Change(what, address, self.where(doc, path), gone=True),
            )
        else:
            self.problems.append(doc.problem(path, why, key=isinstance(path[-1], str)))

    def toolkit_file(self, base: Document | None) -> None:
        layer_doc = self.layer.toolkit
        if base is None or layer_doc is None or not isinstance(layer_doc.value, dict):
            return
        if not isinstance(base.value, dict):
            return

        def merge(path: Path) -> None:
            for key, value in _value(layer_doc, path).items():
                here = _value(base, path)
                at = (*path, key)
                if (
                    key in _MERGED
                    and isinstance(value, dict)
                    and isinstance(here.get(key), dict)
                    and at != ("cycle", "stages")
                ):
                    merge(at)
                elif (
                    at == ("cycle", "stages")
                    and isinstance(value, list)
                    and isinstance(here.get("stages"), list)
                ):
                    self.order(layer_doc, at, ("toolkit.yml", ""), ("cycle", "stages"), "cycle")
                else:
                    old = here.get(key)
                    if value is None:  # `field: null` leaves the base's field out
                        here.pop(key, None)
                        _take(base, at)
                    else:
                        if key not in here:
                            here[key] = None
                        _graft(base, at, value, layer_doc, at)
                    self.report.changes.append(
                        Change(
                            "set",
                            f"toolkit.{format_path(at)}",
                            self.where(layer_doc, at),
                            {"": fingerprint(old)},
                        )
                    )

        merge(())

    def replace_files(self, added: dict[Key, Document]) -> None:
        """Files of ``local/data/``: new items, or whole replacements of the base's."""
        for key, doc in added.items():
            word = {v: k for k, v in {**FILE_KINDS, **SINGLE_FILES}.items()}[key[0]]
            address = f"{word}:{key[1]}" if key[1] else word
            if key in self.tree.docs and key[1]:
                old = self.tree.docs[key]
                self.report.changes.append(
                    Change("replaced", address, doc.file, {"": fingerprint(old.value)})
                )
                self.tree.docs[key] = doc
            elif key in self.tree.docs:  # glossary.yml, sources.yml: adds to the base's
                self._extend(self.tree.docs[key], doc, address)
            else:
                self.report.changes.append(Change("added", address, doc.file))
                self.tree.docs[key] = doc
                if key[0] == "stages/":
                    self._into_cycle(key[1], doc)

    def _into_cycle(self, stage_id: str, doc: Document) -> None:
        """A stage of the layer's own comes at the end of the cycle (the layer's
        ``cycle.stages`` may place it elsewhere)."""
        toolkit = self.tree.toolkit
        cycle = toolkit.value.get("cycle") if toolkit is not None else None
        stages = cycle.get("stages") if isinstance(cycle, dict) else None
        if isinstance(stages, list) and stage_id not in stages:
            entries = _pop_list(toolkit, ("cycle", "stages"))
            _relist(toolkit, ("cycle", "stages"), [*entries, (stage_id, _from(doc, ()))])

    def _extend(self, base: Document, doc: Document, address: str) -> None:
        if not isinstance(doc.value, dict):
            self.problems.append(
                doc.problem((), f"expected a mapping, laid out as the base's {address} file")
            )
            return
        if not isinstance(base.value, dict):
            return
        for key, value in doc.value.items():
            if isinstance(value, list) and isinstance(base.value.get(key), list):
                entries = _pop_list(base, (key,))
                entries += [(item, _from(doc, (key, i))) for i, item in enumerate(value)]
                _relist(base, (key,), entries)
                for item in value:
                    word = "glossary" if address == "glossary" else "source"
                    self.report.changes.append(
                        Change("added", f"{word}:{_ident(item)}", self.where(doc, (key,)))
                    )
            else:
                old = fingerprint(base.value.setdefault(key, None))
                _graft(base, (key,), value, doc, (key,))
                self.report.changes.append(
                    Change("patched", address, self.where(doc, (key,)), {key: old})
                )

    def section(self, name: str, kind: type) -> tuple[Document, Any]:
        """changes.yml and its ``name`` section, if it has one of the right kind."""
        doc = self.layer.changes
        entries = doc.value.get(name) if doc and isinstance(doc.value, dict) else None
        return doc, entries if isinstance(entries, kind) else kind()  # type: ignore[return-value]

    def patches(self) -> None:
        doc, entries = self.section("patch", dict)
        for address, fields in entries.items():
            at = ("patch", address)
            found = self.tree.resolve(address)
            if isinstance(found, str):
                self.missing(doc, at, address, found, "patched")
                continue
            if not isinstance(fields, dict):
                continue  # the schema says so
            key, path = found
            target = self.tree.doc(key)
            item = _value(target, path)
            if not isinstance(item, dict):
                self.problems.append(
                    doc.problem(at, f"'{address}' is not an item with fields to patch", key=True)
                )
                continue
            base: dict[str, str] = {}
            for name, value in fields.items():
                if name == "id":
                    self.problems.append(
                        doc.problem(
                            (*at, name),
                            "an id cannot be patched: readers' answers and links use it; "
                            "remove the item and add a new one instead",
                            key=True,
                        )
                    )
                    continue
                base[name] = fingerprint(item.get(name))
                if value is None:  # `field: null` leaves the base's field out
                    item.pop(name, None)
                    _take(target, (*path, name))
                    continue
                item.setdefault(name, None)
                _graft(target, (*path, name), value, doc, (*at, name))
            self.report.changes.append(Change("patched", address, self.where(doc, at), base))

    def additions(self) -> None:
        doc, entries = self.section("add", dict)
        for address, items in entries.items():
            at = ("add", address)
            found = self.tree.list_at(address)
            if isinstance(found, str) or not isinstance(items, list):
                if isinstance(found, str):
                    self.missing(doc, at, address, found, "added to")
                continue
            key, path = found
            target = self.tree.doc(key)
            entries_ = _pop_list(target, path)
            entries_ += [(item, _from(doc, (*at, i))) for i, item in enumerate(items)]
            _relist(target, path, entries_)
            prefix = address.split("/")[0]
            for i, item in enumerate(items):
                kind = prefix.split(":")[0]
                name = f"{prefix}/{_ident(item)}"
                if kind == "stage":
                    name = f"step:{_ident(item)}"
                    self.report.removed.pop(("step", _ident(item)), None)  # moved, not gone
                self.report.changes.append(Change("added", name, self.where(doc, (*at, i))))

    def removals(self) -> None:
        doc, entries = self.section("remove", list)
        for i, address in enumerate(entries):
            at = ("remove", i)
            if not isinstance(address, str):
                continue
            if address.startswith("content/"):
                if why := self._page_removal(address.removeprefix("content/")):
                    self.problems.append(doc.problem(at, why))
                    continue
                self.report.pages_removed.add(address.removeprefix("content/"))
                self.report.changes.append(Change("page removed", address, self.where(doc, at)))
                continue
            found = self.tree.resolve(address)
            if isinstance(found, str):
                self.missing(doc, at, address, found, "removed")
                continue
            key, path = found
            if path and isinstance(path[-1], str):
                self.problems.append(
                    doc.problem(
                        at,
                        f"'{address}' names a field, not an item; to leave a field out, patch "
                        f"it with null: patch: {address.rsplit('/', 1)[0]}: "
                        f"{{{path[-1]}: null}}",
                    )
                )
                continue
            if heart := self._heart_removed(address):
                self.problems.append(doc.problem(at, heart))
                continue
            where = self.where(doc, at)
            target = self.tree.doc(key)
            value = _value(target, path)
            self.report.changes.append(Change("removed", address, where, {"": fingerprint(value)}))
            self._forget(address, value, where)
            if not path:
                del self.tree.docs[key]
                continue
            entries_ = _pop_list(target, path[:-1])
            item = entries_.pop(path[-1])
            _relist(target, path[:-1], entries_)
            if not entries_:  # unless additions fill it again, say so (see emptied)
                self._emptied.append((key, path[:-1], at, address, item))

    def emptied(self) -> None:
        """A list the removals left empty, and the additions did not fill: the
        base's data needs at least one item there."""
        doc = self.layer.changes
        for key, path, at, address, item in self._emptied:
            if key in self.tree.docs or key == ("toolkit.yml", ""):
                target = self.tree.doc(key)
                if not _value(target, path) and doc is not None:
                    _relist(target, path, [item])  # kept, so the base's file stays sound
                    self.problems.append(
                        doc.problem(
                            at,
                            f"this leaves the list '{path[-1]}' that held {address} empty, "
                            "and it needs at least one item; remove what holds it instead",
                        )
                    )

    def _heart_removed(self, address: str) -> str:
        """Why ``address`` cannot be removed because it is the cycle's heart ("" if not)."""
        toolkit = self.tree.toolkit
        cycle = toolkit.value.get("cycle") if toolkit is not None else None
        heart = cycle.get("heart") if isinstance(cycle, dict) else None
        if address != f"theme:{heart}":
            return ""
        return (
            f"the theme '{heart}' is at the heart of the cycle; first set another theme as "
            f"cycle: heart: in {self.layer.display}/toolkit.yml"
        )

    def _page_removal(self, page: str) -> str:
        """Why the hand-written page ``page`` cannot be removed ("" if it can)."""
        if (self.layer.content / page).is_file():
            return (
                f"content/{page} is your own page ({self.layer.display}/content/{page}): "
                "delete that file instead"
            )
        if page == "index.md":
            return (
                "the home page cannot be removed (the site would have none); replace it "
                f"with your own, {self.layer.display}/content/index.md"
            )
        if self.base_pages is not None and page not in self.base_pages:
            hint = did_you_mean(page, self.base_pages)
            return f"the base has no page content/{page}{hint}"
        return ""

    def _forget(self, address: str, value: Any, where: str) -> None:
        """Record the ids that go with a removed item, so links to them go too."""
        word, _, id_ = address.split("/")[0].partition(":")
        if "/" in address:
            return  # an item inside a checklist or template: nothing links to it
        kind = {"principles": None, "glossary": "glossary"}.get(word, word)
        if kind:
            self.report.removed[(kind, id_)] = where
        for list_key, inner in (("steps", "step"), ("principles", "principle")):
            if word in ("stage", "principles") and isinstance(value, dict):
                for item in value.get(list_key) or ():
                    if _ident(item):
                        self.report.removed[(inner, _ident(item))] = where

    def orders(self) -> None:
        doc, entries = self.section("order", dict)
        for address in entries:
            at = ("order", address)
            found = self.tree.list_at(address)
            if isinstance(found, str):
                self.missing(doc, at, address, found, "ordered")
                continue
            self.order(doc, at, *found, address)

    def order(self, doc: Document, at: Path, key: Key, path: Path, address: str) -> None:
        """Put the ids listed at ``at`` first, in that order; the rest follow as
        they were (so an item a new version adds is never lost)."""
        ids = _value(doc, at)
        if not isinstance(ids, list):
            return
        target = self.tree.doc(key)
        present = [_ident(value) for value in _value(target, path)]
        if len(set(present)) < len(present):
            return  # two items with one id: the check says so, and nothing is dropped
        entries = _pop_list(target, path)
        by_id = {_ident(value): (value, marks) for value, marks in entries}
        first = []
        for i, id_ in enumerate(ids):
            if not isinstance(id_, str):
                self.problems.append(doc.problem((*at, i), "expected an id"))
            elif id_ in by_id:
                first.append(by_id.pop(id_))
            else:
                self.problems.append(
                    doc.problem(
                        (*at, i),
                        f"no '{id_}' in {address}{did_you_mean(str(id_), map(str, by_id))}",
                    )
                )
        rest = [entry for entry in entries if _ident(entry[0]) in by_id]
        _relist(target, path, first + rest)
        self.report.changes.append(Change("ordered", address, self.where(doc, at)))

    def prune(self) -> None:
        """Take every mention of a removed item out of the lists that name it."""
        removed = self.report.removed
        if not removed:
            return
        docs = list(self.tree.docs.values())
        if self.tree.toolkit is not None:
            docs.append(self.tree.toolkit)
            cycle = self.tree.toolkit.value.get("cycle")
            if isinstance(cycle, dict) and isinstance(cycle.get("stages"), list):
                self._drop(self.tree.toolkit, ("cycle", "stages"), "stage")
        for doc in docs:
            self._prune(doc, doc.value, ())

    def _prune(self, doc: Document, value: Any, path: Path) -> None:
        if isinstance(value, dict):
            for key, inner in list(value.items()):  # an emptied list may leave
                if key in REF_FIELDS and isinstance(inner, list):
                    self._drop(doc, (*path, key), REF_FIELDS[key])
                elif key in LINK_FIELDS and isinstance(inner, list):
                    self._drop(doc, (*path, key), None)
                else:
                    self._prune(doc, inner, (*path, key))
        elif isinstance(value, list):
            for i, inner in enumerate(value):
                self._prune(doc, inner, (*path, i))

    def _drop(self, doc: Document, path: Path, kind: str | None) -> None:
        def gone(ref: Any) -> bool:
            if not isinstance(ref, str):
                return False
            if kind is None:
                word, _, id_ = ref.partition(":")
                return (word, id_) in self.report.removed
            return (kind, ref) in self.report.removed

        def own(i: int) -> bool:  # written in the layer: reported, never dropped
            return self.layer.owns(doc.origin((*path, i))[0])

        values = _value(doc, path)
        dropped = [ref for i, ref in enumerate(values) if gone(ref) and not own(i)]
        if dropped:
            entries = [
                entry
                for i, entry in enumerate(_pop_list(doc, path))
                if not gone(entry[0]) or own(i)
            ]
            _relist(doc, path, entries)
            parent = _value(doc, path[:-1])
            if not entries and path[-1] != "sources" and isinstance(parent, dict):
                parent.pop(path[-1])  # an optional list with nothing left: left out
                _take(doc, path)
            elif not entries:  # a page must name a source: say where, at the removal
                ref = dropped[0] if kind is None else f"{kind}:{dropped[0]}"
                where = self.report.removed[tuple(ref.split(":", 1))]  # type: ignore[index]
                file, _, line = where.rpartition(":")
                line_no, column = doc.where(path)
                self.problems.append(
                    Problem(
                        file,
                        int(line),
                        1,
                        "",
                        f"removing {ref} leaves {format_path(path)} in "
                        f"{doc.origin(path)[0]}:{line_no} empty, and it needs at least one "
                        "item: keep it, or patch that list",
                    )
                )


def apply(
    layer: Layer, tree: Tree, added: dict[Key, Document], base_pages: set[str] | None = None
) -> tuple[Report, list[Problem]]:
    """Apply ``layer`` to the base documents in ``tree``, in place: the layer's
    own data files (``added``), its toolkit file, then its patches, additions,
    removals and orders, and last every mention of a removed item.
    ``base_pages`` are the base's hand-written pages (for removals of pages)."""
    applier = Applier(layer, tree, base_pages)
    applier.replace_files(added)
    applier.toolkit_file(tree.toolkit)
    applier.patches()
    applier.removals()  # before additions: a step moved to another stage is removed, then added
    applier.additions()
    applier.emptied()
    applier.orders()
    applier.prune()
    return applier.report, applier.problems


# What a layer folder holds; anything else in it would be silently left unread.
ENTRIES = {
    "toolkit.yml",
    "changes.yml",
    "site.yml",
    "strings.yml",
    REVIEWED,
    "data",
    "content",
    "overrides",
    "translations",
}


def unknown_entries(layer: Layer, display: Any) -> list[Problem]:
    """A problem for each file or folder of the layer that nothing reads."""
    out = []
    for entry in sorted(layer.folder.iterdir()):
        if entry.name in ENTRIES or entry.name.startswith(".") or entry.suffix in (".md", ".txt"):
            continue
        hint = did_you_mean(entry.name, ENTRIES) or f" (it holds: {', '.join(sorted(ENTRIES))})"
        out.append(
            Problem(display(entry), 1, 1, "", f"nothing in {layer.display}/ reads this{hint}")
        )
    return out


def read_reviewed(folder: FsPath) -> dict[str, Any]:
    """What the base said at the last review (``local/reviewed.yml``), by address."""
    import yaml

    try:
        value = yaml.safe_load((folder / REVIEWED).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}
    return value if isinstance(value, dict) else {}


def to_review(report: Report, reviewed: dict[str, Any]) -> list[tuple[Change, list[str]]]:
    """The changes whose base text changed since the last review (or that were
    never reviewed), each with the fields concerned."""
    out = []
    for change in report.changes:
        if change.gone:
            out.append((change, []))
            continue
        if not change.base:
            continue
        stored = reviewed.get(change.address)
        if stored is None:
            continue
        if not isinstance(stored, dict):
            stored = {"": stored}
        fields = [f for f, fp in change.base.items() if f in stored and stored[f] != fp]
        if fields:
            out.append((change, fields))
    return out


def unreviewed(report: Report, reviewed: dict[str, Any]) -> list[Change]:
    return [c for c in report.changes if c.base and not c.gone and c.address not in reviewed]


def review_record(report: Report, only: Iterable[str] = ()) -> dict[str, Any]:
    """The fingerprints to store for the changes (all, or those at ``only``)."""
    wanted = set(only)
    out: dict[str, Any] = {}
    for change in report.changes:
        if change.gone or not change.base or (wanted and change.address not in wanted):
            continue
        out[change.address] = change.base.get("") if set(change.base) == {""} else change.base
    return out
