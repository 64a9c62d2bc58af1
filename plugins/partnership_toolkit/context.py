"""Book-keeping shared by the kind modules while one toolkit loads.

Kind modules declare the ids they define and the ids they refer to; once every
file is read, :meth:`LoadContext.resolve` reports duplicates and dangling
references together with every other problem of the run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from . import pages
from .problems import Path, Problem, did_you_mean
from .readcache import Cache
from .source import Document

# A link a hand-written page makes: {{ link("step:x") }}, url(...) or [text](step:x).
_PAGE_LINK = re.compile(r"""(?:(?:link|url)\(\s*["']|\]\()(?P<kind>[a-z]+):(?P<id>[a-z0-9-]+)""")
_CODE_SPAN = re.compile(r"`[^`]*`")
# The kinds that a ``kind:id`` link may name, and how each is said in a message.
# (Sources are named by id too, in each item's `sources`, but have no page.)
LINK_KINDS = {kind: words for kind, (words, _) in pages.LINK_KINDS.items()} | {"source": "source"}


@dataclass
class LoadContext:
    root: FsPath
    problems: list[Problem] = field(default_factory=list)
    defined: dict[str, dict[str, tuple[Document, Path]]] = field(default_factory=dict)
    uses: list[tuple[str, str, Document, Path]] = field(default_factory=list)
    # Kinds whose ids could not all be read (a file of that kind did not parse):
    # references to them are not reported, since they may well be right.
    incomplete: set[str] = field(default_factory=set)
    cache: Cache | None = None
    # Items a project's layer removes, (kind, id) -> where, and how messages
    # name the layer's folder: links to those items are dropped when the base
    # writes them, and reported when the layer or a page does.
    removed: dict[tuple[str, str], str] = field(default_factory=dict)
    layer_display: str = ""
    _handwritten: list[tuple[str, str]] = field(default_factory=list)
    _cited: dict[str, list[str]] = field(default_factory=dict)

    def display(self, path: FsPath) -> str:
        """A data file's name as messages show it: relative to the project root."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def add(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    def define(self, kind: str, id_: str, doc: Document, path: Path) -> None:
        seen = self.defined.setdefault(kind, {})
        if id_ in seen:
            first_doc, first_path = seen[id_]
            line, column = first_doc.where(first_path)
            first_file = first_doc.origin(first_path)[0]
            self.problems.append(
                doc.problem(
                    path,
                    f"duplicate {LINK_KINDS[kind]} id '{id_}' "
                    f"(already used at {first_file}:{line}:{column}); ids must be unique",
                )
            )
            return
        seen[id_] = (doc, path)

    def use(self, kind: str, id_: str, doc: Document, path: Path) -> None:
        self.uses.append((kind, id_, doc, path))

    def use_all(self, kind: str, ids: Iterable[str], doc: Document, path: Path) -> None:
        for i, id_ in enumerate(ids):
            self.use(kind, id_, doc, (*path, i))

    def link_all(self, links: Iterable[str], doc: Document, path: Path) -> None:
        """Record ``kind:id`` links (the schema has already checked their form)."""
        for i, link in enumerate(links):
            kind, _, id_ = link.partition(":")
            self.use(kind, id_, doc, (*path, i))

    def page_links(self, own: FsPath, base: FsPath | None, report: Any) -> None:
        """Note each link a hand-written page makes to an item the layer removes:
        the layer's own pages (in ``own``), and the base's it keeps."""
        if not self.removed:
            return
        for folder in (own, base):
            if folder is None or not folder.is_dir():
                continue
            for page in sorted(folder.rglob("*.md")):
                src = page.relative_to(folder).as_posix()
                if folder == base and (src in report.pages_removed or (own / src).is_file()):
                    continue  # removed, or replaced by the project's own page
                try:
                    text = page.read_text(encoding="utf-8-sig")
                except (OSError, UnicodeDecodeError):
                    continue
                fenced = False
                for number, line in enumerate(text.splitlines(), start=1):
                    if line.lstrip().startswith(("```", "~~~")):
                        fenced = not fenced
                    if fenced:
                        continue  # an example in a code block is not a link
                    for found in _PAGE_LINK.finditer(_CODE_SPAN.sub("", line)):
                        if (found["kind"], found["id"]) in self.removed:
                            where = f"{self.display(page)}:{number}"
                            self._handwritten.append((where, f"{found['kind']}:{found['id']}"))

    def resolve(self) -> None:
        for kind, id_, doc, path in self.uses:
            if (kind, id_) in self.removed:
                file = doc.origin(path)[0]
                own = file == self.layer_display or file.startswith(self.layer_display + "/")
                line, column = doc.where(path)
                if own:
                    self._handwritten.append((f"{file}:{line}", f"{kind}:{id_}"))
                elif path[-1:] == ("source",):  # a story names its one source
                    self._cited.setdefault(f"{kind}:{id_}", []).append(f"{file}:{line}")
                continue  # the base's own mentions are dropped from its pages
            known = self.defined.get(kind, {})
            if id_ not in known and kind not in self.incomplete:
                hint = did_you_mean(id_, known) or (
                    f" (known {LINK_KINDS[kind]} ids: {', '.join(sorted(known))})"
                    if known
                    else f" (there are no {LINK_KINDS[kind]}s)"
                )
                self.problems.append(
                    doc.problem(path, f"no {LINK_KINDS[kind]} with id '{id_}'{hint}")
                )
        for ref, stories in self._cited.items():
            file, _, line = self.removed[tuple(ref.split(":", 1))].rpartition(":")  # type: ignore[index]
            self.problems.append(
                Problem(
                    file,
                    int(line),
                    1,
                    "",
                    f"{ref} is the source of {len(stories)} "
                    f"{'story' if len(stories) == 1 else 'stories'} of the base "
                    f"({', '.join(stories)}), and a story names its source: keep the "
                    "source, or patch the stories of those steps",
                )
            )
        if self._handwritten:
            first = self._handwritten[0][0].rsplit(":", 1)
            listed = "; ".join(f"{where} names {ref}" for where, ref in self._handwritten)
            n = len(self._handwritten)
            self.problems.append(
                Problem(
                    first[0],
                    int(first[1]),
                    1,
                    "",
                    f"{n} {'link names an item' if n == 1 else 'links name items'} this "
                    f"toolkit removes (in {self.layer_display}/changes.yml): {listed}; remove "
                    "each link (or replace the page in "
                    f"{self.layer_display}/content/), or stop removing the item",
                )
            )


def check_unique(
    doc: Document,
    ids: Iterable[tuple[Path, str]],
    what: str,
    ctx: LoadContext,
    reserved: Iterable[str] = (),
) -> None:
    """Each ``(path, id)`` once: two equal ids in one page would be two equal
    HTML ids, and the page's links and saved answers would find only one."""
    reserved = set(reserved)
    seen: dict[str, Path] = {}
    for path, id_ in ids:
        if id_ in reserved:
            ctx.add(
                [
                    doc.problem(
                        path,
                        f"the {what} id '{id_}' is the page's own heading "
                        f"'{id_}'; give it another id",
                    )
                ]
            )
        elif id_ in seen:
            line, column = doc.where(seen[id_])
            ctx.add(
                [
                    doc.problem(
                        path,
                        f"duplicate {what} id '{id_}' "
                        f"(already used at line {line}, column {column})",
                    )
                ]
            )
        else:
            seen[id_] = path


def declare_leniently(
    defines: dict[str, tuple[str, ...]], file_id: str, doc: Document | None, ctx: LoadContext
) -> None:
    """Record the ids of a file that has mistakes, as far as they can be read.

    Without this, one typo in a stage file would also produce a "no step with
    id" message for every link to each of its steps.
    """
    for kind, pattern in defines.items():
        if not pattern:
            if file_id:
                # The file name is the id, so it is known even when the file
                # cannot be read at all (not UTF-8, a YAML syntax error).
                ctx.define(kind, file_id, doc or Document(file_id, None), ())
            else:
                ctx.incomplete.add(kind)
            continue
        if doc is None:
            ctx.incomplete.add(kind)
            continue
        for path, value in _walk(doc.value, pattern, ()):
            if isinstance(value, str):
                ctx.define(kind, value, doc, path)


def _walk(value: Any, pattern: tuple[str, ...], path: Path) -> list[tuple[Path, Any]]:
    if not pattern:
        return [(path, value)]
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        if not isinstance(value, list):
            return []
        return [hit for i, item in enumerate(value) for hit in _walk(item, rest, (*path, i))]
    if isinstance(value, dict) and head in value:
        return _walk(value[head], rest, (*path, head))
    return []


def tup(value: Any) -> tuple[Any, ...]:
    return tuple(value or ())
