"""What a layer takes out of the base: its ``remove`` list, then every mention of it.

:class:`Removals` is the part of :class:`.layer.Applier` that removes items and
pages, keeps a list the removals would leave empty, and last takes every id of
a removed item out of the lists that name it (a step's sources, a checklist's
related links), so nothing links to what is gone.
"""

from __future__ import annotations

from typing import Any

from .layer_review import Change, fingerprint
from .layer_tree import ident, pop_list, relist, take, value_at
from .problems import Path, Problem, did_you_mean, format_path
from .source import Document

# Fields that name other items by id, and the kind they name.
REF_FIELDS = {
    "sources": "source",
    "checklists": "checklist",
    "templates": "template",
    "principles": "principle",
    "themes": "theme",
}
LINK_FIELDS = ("related", "see")


class Removals:
    """The removals of :class:`.layer.Applier`, which it inherits: they work on
    its ``layer``, ``tree``, ``report`` and ``problems``, and use its ``where``,
    ``missing`` and ``section``."""

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
            value = value_at(target, path)
            self.report.changes.append(Change("removed", address, where, {"": fingerprint(value)}))
            self._forget(address, value, where)
            if not path:
                del self.tree.docs[key]
                continue
            entries_ = pop_list(target, path[:-1])
            item = entries_.pop(path[-1])
            relist(target, path[:-1], entries_)
            if not entries_:  # unless additions fill it again, say so (see emptied)
                self._emptied.append((key, path[:-1], at, address, item))

    def emptied(self) -> None:
        """A list the removals left empty, and the additions did not fill: the
        base's data needs at least one item there."""
        doc = self.layer.changes
        for key, path, at, address, item in self._emptied:
            if key in self.tree.docs or key == ("toolkit.yml", ""):
                target = self.tree.doc(key)
                if not value_at(target, path) and doc is not None:
                    relist(target, path, [item])  # kept, so the base's file stays sound
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
                    if ident(item):
                        self.report.removed[(inner, ident(item))] = where

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

        values = value_at(doc, path)
        dropped = [ref for i, ref in enumerate(values) if gone(ref) and not own(i)]
        if dropped:
            entries = [
                entry for i, entry in enumerate(pop_list(doc, path)) if not gone(entry[0]) or own(i)
            ]
            relist(doc, path, entries)
            parent = value_at(doc, path[:-1])
            if not entries and path[-1] != "sources" and isinstance(parent, dict):
                parent.pop(path[-1])  # an optional list with nothing left: left out
                take(doc, path)
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
