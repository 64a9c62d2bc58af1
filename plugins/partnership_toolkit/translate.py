"""Translations: overlays of a toolkit's text, keyed by address, one per language.

A toolkit names the languages it is translated into in ``toolkit.yml``
(``translations: [cy]``). Each translation is a folder, ``translations/<tag>/``
beside the base's ``data/`` and ``local/translations/<tag>/`` in a project,
holding:

- YAML files of translated text, each a mapping of address to fields::

      step:scoping:
        title: Cwmpasu
        questions: [...]          # as many as the source has, in its order
      template:light-agreement/finish-date:
        help: ...

  Only text is translated (titles, Markdown, lists of texts, a story's title
  and text): ids, links and settings stay those of the source, so the
  structure is never copied and readers' answers keep the same ids;
- ``strings.yml``: the toolkit's own words, over the shipped ones;
- ``content/``: the hand-written pages, by the same paths as ``content/``;
- ``fingerprints.yml``: for each translated field, a fingerprint of the
  source text it translates, written by ``toolkit status --translated <tag>``.
  When the source text changes (a new version of the base, or the project's
  own patch), its translation is *stale* until it is checked again.

A field no translation gives shows the source text, marked with the source
language (see :func:`mark_fallbacks`), and the page says it is not all
translated.
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path as FsPath
from typing import Any

import yaml

from . import layer, source, validate
from .problems import Path, Problem, did_you_mean

FOLDER = "translations"
FINGERPRINTS = "fingerprints.yml"
NOT_TEXT = {"strings.yml", FINGERPRINTS}
TOOLKIT = "toolkit"  # the address of data/toolkit.yml's own fields
PAGE = "page:"  # how status and fingerprints.yml name a hand-written page, e.g. page:index.md

# The schema definitions whose values are text to translate.
_TEXT_DEFS = {"text": "text", "markdown": "markdown", "texts": "texts"}
# The schema each data file is checked against, by its location.
_SCHEMAS = {
    "stages/": "stage",
    "themes/": "theme",
    "principles/": "principles",
    "checklists/": "checklist",
    "templates/": "template",
    "assessments/": "assessment",
    "glossary.yml": "glossary",
    "sources.yml": "sources",
    "toolkit.yml": "toolkit",
}
# Lists whose items each have an address of their own (step:scoping), not
# one under the item holding them (stage:getting-started/scoping).
_OWN_ADDRESS = {
    ("stages/", "steps"): "step",
    ("principles/", "principles"): "principle",
    ("glossary.yml", "terms"): "glossary",
    ("sources.yml", "sources"): "source",
}
_FILE_WORD = {location: word for word, location in layer.FILE_KINDS.items()}


# -- what there is to translate ------------------------------------------------------------


def _resolve(node: dict, file: str) -> tuple[dict, str, str | None]:
    """Follow ``$ref`` to the schema it names: (schema, its file, the text kind
    of the definition, if it is one of text, markdown or texts)."""
    kind = None
    while isinstance(node, dict) and "$ref" in node:
        target, _, pointer = node["$ref"].partition("#")
        file = target or file
        name = pointer.rsplit("/", 1)[-1]
        kind = kind or _TEXT_DEFS.get(name)
        node = validate.schema(file.removesuffix(".schema.json"))
        for part in pointer.strip("/").split("/"):
            node = node[part]
    return node, file, kind


def _leaves(value: Any, node: dict, file: str, path: Path) -> Iterator[tuple[Path, str]]:
    node, file, kind = _resolve(node, file)
    if kind in ("text", "markdown") and isinstance(value, str):
        yield path, kind
    elif kind == "texts" and isinstance(value, list):
        yield path, kind
    elif isinstance(value, dict) and isinstance(node.get("properties"), dict):
        for key, inner in value.items():
            if key in node["properties"]:
                yield from _leaves(inner, node["properties"][key], file, (*path, key))
    elif isinstance(value, list) and isinstance(node.get("items"), dict):
        for i, inner in enumerate(value):
            yield from _leaves(inner, node["items"], file, (*path, i))


def leaves(doc: source.Document, location: str) -> dict[Path, str]:
    """Every translatable value of a parsed data file: its path, and whether it
    is text, markdown or texts (a list of texts, translated as a whole)."""
    name = _SCHEMAS[location]
    return dict(_leaves(doc.value, validate.schema(name), f"{name}.schema.json", ()))


def address_of(
    key: layer.Key, doc: source.Document, path: Path, ids: Counter[str] | None = None
) -> tuple[str, Path]:
    """The address of the item a value is in, and the value's path inside it:
    ``(("stages/", "getting-started"), ("steps", 0, "title"))`` is
    ``("step:scoping", ("title",))``. An item inside another is named by its own
    id after the file's address (``template:light-agreement/payment``), as a
    translator writes it, unless another item of the file has the same id
    (``ids`` counts them): then by each id on the way down."""
    location, file_id = key
    if location == "toolkit.yml":
        address = TOOLKIT
    elif location in _FILE_WORD:
        address = f"{_FILE_WORD[location]}:{file_id}"
    else:
        address = next(w for w, f in layer.SINGLE_FILES.items() if f == location)
    if ids is None:
        ids = Counter(layer._ids_inside(doc.value))
    value, start, top = doc.value, 0, address
    for i, part in enumerate(path):
        value = value[part]
        if isinstance(part, int) and isinstance(value, dict) and isinstance(value.get("id"), str):
            own = _OWN_ADDRESS.get((location, path[i - 1])) if i == 1 else None
            if own:
                address = top = f"{own}:{value['id']}"
            elif ids[value["id"]] == 1:
                address = f"{top}/{value['id']}"
            else:
                address = f"{address}/{value['id']}"
            start = i + 1
    return address, path[start:]


def record_key(address: str, inside: Path) -> str:
    """How ``fingerprints.yml`` and ``toolkit status`` name one translated value:
    ``step:scoping#title``, ``step:scoping#stories/0/text``."""
    return f"{address}#{'/'.join(str(p) for p in inside)}"


# -- the result ----------------------------------------------------------------------------


@dataclass
class Entry:
    """One translatable value of the source, in one language."""

    key: str  # record_key(...)
    state: str  # translated, stale or missing
    fingerprint: str  # of the source text now
    where: str = ""  # the translation's file and line, when there is one
    folder: FsPath | None = None  # the translation folder that gives it
    recorded: bool = False  # whether its fingerprints.yml has a record of it


@dataclass
class Folder:
    path: FsPath
    display: str
    fingerprints: dict[str, str] = field(default_factory=dict)


@dataclass
class Report:
    language: str
    entries: list[Entry] = field(default_factory=list)
    # The source texts shown untranslated (each text of a list on its own).
    fallbacks: set[str] = field(default_factory=set)
    # For each choice field given translated options: the source's options,
    # which stay the values readers' answers are saved under.
    option_values: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    pages: dict[str, FsPath] = field(default_factory=dict)  # translated content pages
    folders: list[Folder] = field(default_factory=list)
    source_language: str = "en"

    def count(self, state: str) -> int:
        return sum(1 for e in self.entries if e.state == state)


def folders(language: str, root: FsPath, layer_dir: FsPath | None, display: Any) -> list[Folder]:
    """The translation folders of ``language`` that exist, the base's first."""
    out = []
    for parent in (root, layer_dir):
        if parent is None:
            continue
        path = FsPath(parent) / FOLDER / language
        if path.is_dir():
            out.append(Folder(path, display(path), read_fingerprints(path)))
    return out


def read_fingerprints(folder: FsPath) -> dict[str, str]:
    try:
        value = yaml.safe_load((folder / FINGERPRINTS).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def write_fingerprints(folder: FsPath, record: dict[str, str]) -> None:
    lines = [
        "# The source text each translation here was made from, by fingerprint.",
        "# Written by `toolkit status --translated <language>`: do not edit by hand.",
    ]
    body = yaml.safe_dump(dict(sorted(record.items())), allow_unicode=True, sort_keys=False)
    (folder / FINGERPRINTS).write_text("\n".join(lines) + "\n" + body, encoding="utf-8")


# -- applying a translation ----------------------------------------------------------------


class _Applier:
    def __init__(self, tree: layer.Tree, report: Report, problems: list[Problem]) -> None:
        self.tree = tree
        self.report = report
        self.problems = problems
        self.leaves = {key: leaves(doc, key[0]) for key, doc in self._docs()}
        # What a translation gives: (source fingerprint, its folder, its file:line).
        self.given: dict[tuple[layer.Key, Path], tuple[str, Folder, str]] = {}
        self.source: dict[tuple[layer.Key, Path], Any] = {}
        self.page_from: dict[str, tuple[Folder, str]] = {}  # page: (folder, its file)

    def _docs(self) -> Iterator[tuple[layer.Key, source.Document]]:
        yield from self.tree.docs.items()
        if self.tree.toolkit is not None:
            yield ("toolkit.yml", ""), self.tree.toolkit

    def resolve(self, address: str) -> tuple[layer.Key, Path] | str:
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
        key: layer.Key,
        at: Path,
        folder: Folder,
    ) -> None:
        target = self.tree.doc(key)
        here = layer._value(target, at)
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
                self.problems.append(problem)
                continue
            if spath[-1] == "options" and isinstance(original, list):
                self.report.option_values[_field_key(target, key, spath)] = tuple(original)
            layer._graft(target, spath, value, doc, (*tpath, name))
            line = doc.where((*tpath, name))[0]
            self.given[(key, spath)] = (layer.fingerprint(original), folder, f"{doc.file}:{line}")

    def finish(self) -> None:
        """Count every translatable value, and note the untranslated ones."""
        for key, doc in self._docs():
            ids = Counter(layer._ids_inside(doc.value))
            for spath in self.leaves[key]:
                address, inside = address_of(key, doc, spath, ids)
                rkey = record_key(address, inside)
                given = self.given.get((key, spath))
                if given is None:
                    value = layer._value(doc, spath)
                    fp = layer.fingerprint(value)
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
                fp = layer.fingerprint(path.read_text(encoding="utf-8-sig"))
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


def _field_key(doc: source.Document, key: layer.Key, path: Path) -> tuple[str, ...]:
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
    tree: layer.Tree,
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


def translated(toolkit: Any, report: Report) -> Any:
    """The toolkit as its translation into ``report.language`` shows it: in that
    language, and with each translated choice saved under its source words."""
    templates = []
    for tpl in toolkit.templates:
        sections = []
        for section in tpl.sections:
            fields = tuple(_with_values(f, (tpl.id, f.id), report) for f in section.fields)
            sections.append(replace(section, fields=fields))
        templates.append(replace(tpl, sections=tuple(sections)))
    return replace(
        toolkit,
        language=report.language,
        source_language=report.source_language,
        translation=report,
        templates=tuple(templates),
    )


def _with_values(f: Any, ids: tuple[str, ...], report: Report) -> Any:
    columns = tuple(_with_values(c, (*ids, c.id), report) for c in f.fields)
    values = report.option_values.get(ids, ())
    return replace(f, fields=columns, values=values) if (values or columns) else f


# -- pages ---------------------------------------------------------------------------------

_TEXT_NODE = re.compile(r">([^<>]+)<")
# Where a <span> may not go: scripts, styles, a form's text, the page's title,
# and SVG (an HTML element there would end the picture).
_SKIP = re.compile(r"<(script|style|textarea|title|svg|head)\b[^>]*>.*?</\1>", re.S | re.I)


def mark_fallbacks(
    page_html: str, fallbacks: set[str] | frozenset[str], lang: str
) -> tuple[str, int]:
    """Each text of a page that is an untranslated source text wrapped in
    ``<span lang>``, so a screen reader reads it in the source's voice; and
    how many there were."""
    if not fallbacks:
        return page_html, 0
    count = 0
    skipped: list[tuple[int, int]] = [m.span() for m in _SKIP.finditer(page_html)]

    def wrap(found: re.Match[str]) -> str:
        nonlocal count
        if any(a <= found.start() < b for a, b in skipped):
            return found.group()
        raw = found.group(1)
        text = " ".join(html.unescape(raw).split())
        if text and text in _normalised(frozenset(fallbacks)):
            count += 1
            return f'><span lang="{html.escape(lang)}">{raw}</span><'
        return found.group()

    return _TEXT_NODE.sub(wrap, page_html), count


@functools.lru_cache(maxsize=4)
def _normalised(texts: frozenset[str]) -> frozenset[str]:
    return frozenset(" ".join(t.split()) for t in texts)
