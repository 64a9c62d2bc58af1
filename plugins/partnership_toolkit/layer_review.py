"""What applying a layer changes, and the record of the base's text at the last review.

Each :class:`Change` keeps a fingerprint of the base's text it is about. The
project's ``local/reviewed.yml`` holds those fingerprints as they were when it
last looked at its changes, so ``toolkit status`` can list the changes whose
base text a new version of the base has changed since.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

REVIEWED = "reviewed.yml"


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
