"""Apply a language's translation folders to a toolkit's parsed documents.

Each folder's YAML files give translated text by address (see
:mod:`.translatable`). Each value is checked against the source's (text
only, as many texts as the source has, the same toolkit links), put into the
documents in place, and counted in a :class:`~.translate.Report`: translated,
stale (its source changed since its fingerprint was recorded) or missing. A
translated hand-written page has the path of the page it translates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path as FsPath
from typing import Any

from . import layer_review, layer_tree, source, validate
from .problems import Path, Problem, did_you_mean
from .translatable import TOOLKIT, address_of, leaves, record_key
from .translate import NOT_TEXT, PAGE, Entry, Folder, Report


class _Applier:
    def __init__(self, tree: layer_tree.Tree, report: Report, problems: list[Problem]) -> None:
        self.tree = tree
        self.report = report
        self.problems = problems
        self.leaves = {key: leaves(doc, key[0]) for key, doc in self._docs()}
        # What a translation gives: (source fingerprint, its folder, its file:line).
        self.given: dict[tuple[layer_tree.Key, Path], tuple[str, Folder, str]] = {}
        self.source: dict[tuple[layer_tree.Key, Path], Any] = {}
        self.page_from: dict[str, tuple[Folder, str]] = {}  # page: (folder, its file)
        # Translations made for an older source text that no longer fit it.
        self.outdated: dict[tuple[layer_tree.Key, Path], tuple[Folder, str]] = {}

    def _outdated(
        self,
        key: layer_tree.Key,
        target: source.Document,
        spath: Path,
        original: Any,
        folder: Folder,
    ) -> bool:
        """Whether the translation at ``spath`` was recorded for another source text."""
        address, inside = address_of(
            key, target, spath, Counter(layer_tree.ids_inside(target.value))
        )
        recorded = folder.fingerprints.get(record_key(address, inside))
        return recorded is not None and recorded != layer_review.fingerprint(original)

    def _docs(self) -> Iterator[tuple[layer_tree.Key, source.Document]]:
        yield from self.tree.docs.items()
        if self.tree.toolkit is not None:
            yield ("toolkit.yml", ""), self.tree.toolkit

    def resolve(self, address: str) -> tuple[layer_tree.Key, Path] | str:
        if address == TOOLKIT:
            return ("toolkit.yml", ""), ()
        return self.tree.resolve(address)

    def file(self, doc: source.Document, folder: Folder) -> None:
        if not isinstance(doc.value, dict):
            found = validate.describe_value(doc.value)
            self.problems.append(
                doc.problem((), f"expected a mapping of address: fields, found {found}")
            )
            return
        for address, fields in doc.value.items():
            found = self.resolve(str(address))
            if isinstance(found, str):
                found = found.replace(" in the base toolkit", " in the toolkit")
                self.problems.append(doc.problem((address,), found, key=True))
                continue
            if not isinstance(fields, dict):
                self.problems.append(
                    doc.problem(
                        (address,),
                        "expected a mapping of field: translated text, found "
                        f"{validate.describe_value(fields)}",
                    )
                )
                continue
            key, at = found
            self.fields(doc, (address,), fields, key, at, folder)

    def fields(
        self,
        doc: source.Document,
        tpath: Path,
        given: Any,
        key: layer_tree.Key,
        at: Path,
        folder: Folder,
    ) -> None:
        target = self.tree.doc(key)
        here = layer_tree.value_at(target, at)
        kinds = self.leaves[key]
        for name, value in given.items() if isinstance(given, dict) else enumerate(given):
            spath = (*at, name)
            if isinstance(given, dict) and (not isinstance(here, dict) or name not in here):
                texts = [
                    k
                    for k in (here if isinstance(here, dict) else {})
                    if any(p[: len(spath)] == (*at, k) for p in kinds)
                ]
                hint = did_you_mean(str(name), texts) or (
                    f" (its text: {', '.join(texts)})" if texts else ""
                )
                self.problems.append(
                    doc.problem(
                        (*tpath, name),
                        f"the source has no '{name}' here to translate{hint}",
                        key=True,
                    )
                )
                continue
            kind = kinds.get(spath)
            inside = any(p[: len(spath)] == spath for p in kinds)
            if kind is None and not inside:
                self.problems.append(
                    doc.problem(
                        (*tpath, name),
                        f"'{name}' is not text: ids, links and settings are the source's in "
                        "every language, so only its text is translated",
                        key=isinstance(given, dict),
                    )
                )
                continue
            original = here[name]
            if kind is None:  # a mapping or list holding text, e.g. stories
                same = type(value) is type(original) and (
                    not isinstance(value, list) or len(value) == len(original)
                )
                if not same:
                    self.problems.append(
                        doc.problem(
                            (*tpath, name), f"expected {_shape(original)}, as in the source"
                        )
                    )
                    continue
                self.fields(doc, (*tpath, name), value, key, spath, folder)
                continue
            earlier = self.given.get((key, spath))
            if earlier is not None and earlier[1] is folder:
                self.problems.append(
                    doc.problem(
                        (*tpath, name),
                        f"already translated at {earlier[2]}: give each translation once",
                        key=isinstance(given, dict),
                    )
                )
                continue
            # The source's own text, even when a project's translation replaces the base's.
            original = self.source.setdefault((key, spath), original)
            if problem := _value_problem(doc, (*tpath, name), value, original, kind):
                if self._outdated(key, target, spath, original, folder):
                    # The source changed since this was translated, and the old
                    # translation no longer fits it (another number of tips, new
                    # links): the page shows the source's text, and status
                    # counts it as stale, rather than the build failing on an
                    # upstream improvement.
                    line = doc.where((*tpath, name))[0]
                    self.outdated[(key, spath)] = (folder, f"{doc.file}:{line}")
                    continue
                self.problems.append(problem)
                continue
            if spath[-1] == "options" and isinstance(original, list):
                self.report.option_values[_field_key(target, key, spath)] = tuple(original)
            layer_tree.graft(target, spath, value, doc, (*tpath, name))
            line = doc.where((*tpath, name))[0]
            self.given[(key, spath)] = (
                layer_review.fingerprint(original),
                folder,
                f"{doc.file}:{line}",
            )

    def finish(self) -> None:
        """Count every translatable value, and note the untranslated ones."""
        for key, doc in self._docs():
            ids = Counter(layer_tree.ids_inside(doc.value))
            for spath in self.leaves[key]:
                address, inside = address_of(key, doc, spath, ids)
                rkey = record_key(address, inside)
                given = self.given.get((key, spath))
                if given is None:
                    value = layer_tree.value_at(doc, spath)
                    fp = layer_review.fingerprint(value)
                    old = self.outdated.get((key, spath))
                    if old is not None:
                        self.report.entries.append(
                            Entry(rkey, "stale", fp, old[1], old[0].path, True)
                        )
                    else:
                        self.report.entries.append(Entry(rkey, "missing", fp))
                    texts = value if isinstance(value, list) else [value]
                    self.report.fallbacks.update(t for t in texts if isinstance(t, str))
                    continue
                fp, folder, where = given
                self.report.entries.append(_entry(rkey, fp, where, folder))

    def pages(self, source_pages: dict[str, FsPath]) -> None:
        """Each hand-written page of the source, translated or not: a translated
        page is stale when the source page changed since it was recorded."""
        for src, path in sorted(source_pages.items()):
            try:
                fp = layer_review.fingerprint(path.read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError):
                continue  # the build says what is wrong with it
            rkey = f"{PAGE}{src}"
            given = self.page_from.get(src)
            if given is None:
                self.report.entries.append(Entry(rkey, "missing", fp))
            else:
                folder, where = given
                self.report.entries.append(_entry(rkey, fp, where, folder))


def _entry(rkey: str, fp: str, where: str, folder: Folder) -> Entry:
    """A translated value: stale when its source changed since it was recorded;
    translated (and noted as not recorded yet) when it has no record."""
    recorded = rkey in folder.fingerprints
    state = "stale" if recorded and folder.fingerprints[rkey] != fp else "translated"
    return Entry(rkey, state, fp, where, folder.path, recorded)


def _field_key(doc: source.Document, key: layer_tree.Key, path: Path) -> tuple[str, ...]:
    """(template id, field id[, column id]) of the options at ``path``."""
    ids = [key[1]]
    value = doc.value
    for part in path[:-1]:
        value = value[part]
        if isinstance(part, int) and isinstance(value, dict) and "label" in value:
            ids.append(value.get("id", ""))
    return tuple(ids)


def _shape(value: Any) -> str:
    if isinstance(value, list):
        return f"a list of {len(value)}"
    return validate.describe_value(value)


def _value_problem(
    doc: source.Document, at: Path, value: Any, original: Any, kind: str
) -> Problem | None:
    if kind == "texts":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return doc.problem(
                at, f"expected a list of texts, found {validate.describe_value(value)}"
            )
        if len(value) != len(original):
            return doc.problem(
                at,
                f"the source has {len(original)} here and this translation {len(value)}: "
                "give one translation for each, in the same order",
            )
        return None
    if not isinstance(value, str):
        return doc.problem(at, f"expected text, found {validate.describe_value(value)}")
    if kind == "markdown":
        ours = sorted(set(validate.links(value)))
        theirs = sorted(set(validate.links(original)))
        toolkit_links = [t for t in theirs if validate.link_kind(t)]
        lost = [t for t in toolkit_links if t not in ours]
        if lost:
            return doc.problem(
                at,
                f"the source links to {', '.join(lost)} here, and this translation does not: "
                "keep each link's address, and translate only its words",
            )
    return None


def apply(
    tree: layer_tree.Tree,
    language: str,
    found: list[Folder],
    ctx_read: Any,
    source_pages: dict[str, FsPath] | None = None,
) -> tuple[Report, list[Problem]]:
    """Apply each folder's translation of ``language`` to the parsed documents,
    in place; what it translated, and every mistake, located in its file.
    ``source_pages`` are the hand-written pages there are to translate."""
    report = Report(language, folders=found)
    problems: list[Problem] = []
    applier = _Applier(tree, report, problems)
    pages_known = sorted(source_pages or {})
    for folder in found:
        problems += _unread(folder)
        for path in sorted(folder.path.glob("*.yml")):
            if path.name in NOT_TEXT:
                continue
            doc, read_problems = ctx_read(path)
            problems += read_problems
            if doc is not None and not read_problems:
                applier.file(doc, folder)
        pages = folder.path / "content"
        for page in sorted(pages.rglob("*.md")) if pages.is_dir() else ():
            src = page.relative_to(pages).as_posix()
            shown = f"{folder.display}/content/{src}"
            if source_pages is not None and src not in source_pages:
                hint = did_you_mean(src, pages_known)
                problems.append(
                    Problem(
                        shown,
                        1,
                        1,
                        "",
                        f"no page {src} to translate{hint}: a translated page has the path "
                        "of the page it translates (a new page goes in content/ first)",
                    )
                )
                continue
            report.pages[src] = page
            applier.page_from[src] = (folder, shown)
    applier.finish()
    if source_pages is not None:
        applier.pages(source_pages)
    return report, problems


def _unread(folder: Folder) -> list[Problem]:
    """What a translation folder holds that nothing reads, e.g. a .yaml file."""
    out = []
    for entry in sorted(folder.path.iterdir()):
        if entry.name.startswith("."):
            continue
        if (entry.is_file() and entry.suffix == ".yml") or (
            entry.is_dir() and entry.name == "content"
        ):
            continue
        hint = (
            f" (translations are .yml files: rename it {entry.stem}.yml)"
            if entry.suffix in (".yaml", ".YML", ".Yml")
            else " (it reads *.yml files, one level deep, and content/)"
        )
        out.append(Problem(f"{folder.display}/{entry.name}", 1, 1, "", f"nothing reads this{hint}"))
    return out
