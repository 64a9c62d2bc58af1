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

Here are the layer folder and the :class:`Applier`, which applies it: the
documents and addresses it works on are in :mod:`.layer_tree`, what it takes
out in :mod:`.layer_removal`, and what it changed, for ``toolkit status`` to
review, in :mod:`.layer_review`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from .layer_removal import Removals
from .layer_review import REVIEWED, Change, Report, fingerprint
from .layer_tree import (
    FILE_KINDS,
    SINGLE_FILES,
    Key,
    Tree,
    graft,
    ident,
    marks_from,
    pop_list,
    relist,
    take,
    value_at,
)
from .problems import Path, Problem, did_you_mean, format_path
from .source import Document

FOLDER = "local"

# In data/toolkit.yml, mappings a layer changes key by key (the rest it replaces).
_MERGED = {"organisation", "contact", "licence", "branding", "features", "cycle"}


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


# -- applying a layer -----------------------------------------------------------------------


class Applier(Removals):
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
            for key, value in value_at(layer_doc, path).items():
                here = value_at(base, path)
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
                        take(base, at)
                    else:
                        if key not in here:
                            here[key] = None
                        graft(base, at, value, layer_doc, at)
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
            entries = pop_list(toolkit, ("cycle", "stages"))
            relist(toolkit, ("cycle", "stages"), [*entries, (stage_id, marks_from(doc, ()))])

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
                entries = pop_list(base, (key,))
                entries += [(item, marks_from(doc, (key, i))) for i, item in enumerate(value)]
                relist(base, (key,), entries)
                for item in value:
                    word = "glossary" if address == "glossary" else "source"
                    self.report.changes.append(
                        Change("added", f"{word}:{ident(item)}", self.where(doc, (key,)))
                    )
            else:
                old = fingerprint(base.value.setdefault(key, None))
                graft(base, (key,), value, doc, (key,))
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
            item = value_at(target, path)
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
                    take(target, (*path, name))
                    continue
                item.setdefault(name, None)
                graft(target, (*path, name), value, doc, (*at, name))
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
            entries_ = pop_list(target, path)
            entries_ += [(item, marks_from(doc, (*at, i))) for i, item in enumerate(items)]
            relist(target, path, entries_)
            prefix = address.split("/")[0]
            for i, item in enumerate(items):
                kind = prefix.split(":")[0]
                name = f"{prefix}/{ident(item)}"
                if kind == "stage":
                    name = f"step:{ident(item)}"
                    self.report.removed.pop(("step", ident(item)), None)  # moved, not gone
                self.report.changes.append(Change("added", name, self.where(doc, (*at, i))))

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
        ids = value_at(doc, at)
        if not isinstance(ids, list):
            return
        target = self.tree.doc(key)
        present = [ident(value) for value in value_at(target, path)]
        if len(set(present)) < len(present):
            return  # two items with one id: the check says so, and nothing is dropped
        entries = pop_list(target, path)
        by_id = {ident(value): (value, marks) for value, marks in entries}
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
        rest = [entry for entry in entries if ident(entry[0]) in by_id]
        relist(target, path, first + rest)
        self.report.changes.append(Change("ordered", address, self.where(doc, at)))


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
