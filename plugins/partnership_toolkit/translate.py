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

What there is to translate, and its addresses, are in :mod:`.translatable`;
applying a translation to the parsed data, in :mod:`.translator`; marking a
page's untranslated text, in :mod:`.fallbacks`. Here: the translation
folders and their fingerprints, the report of what is translated, and the
toolkit as a translation shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path as FsPath
from typing import Any

import yaml

FOLDER = "translations"
FINGERPRINTS = "fingerprints.yml"
NOT_TEXT = {"strings.yml", FINGERPRINTS}
PAGE = "page:"  # how status and fingerprints.yml name a hand-written page, e.g. page:index.md


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


# -- the toolkit as translated -------------------------------------------------------------


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
