"""The fast validator (jsonschema-rs) agrees with jsonschema on the toolkit's schemas.

validate.check asks jsonschema-rs first and runs jsonschema only on documents
it rejects, to explain them; a document it wrongly accepted would skip its
error messages, so agreement is tested on the real data and on many broken
copies of it.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from partnership_toolkit import source, validate

ROOT = Path(__file__).resolve().parent.parent
KIND_OF = {
    "toolkit.yml": "toolkit",
    "sources.yml": "sources",
    "glossary.yml": "glossary",
    "strings.yml": "strings",
    "stages": "stage",
    "themes": "theme",
    "principles": "principles",
    "checklists": "checklist",
    "assessments": "assessment",
    "templates": "template",
}
FILES = sorted((ROOT / "data").rglob("*.yml"))


def kind_of(path: Path) -> str:
    return KIND_OF[path.relative_to(ROOT / "data").parts[0]]


def paths(value: Any, path: tuple = ()) -> Iterator[tuple]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from paths(item, (*path, i))


def mutated(doc: Any, path: tuple, how: str) -> Any:
    """A copy of ``doc`` with the value at ``path`` broken in the way ``how`` names."""
    doc = copy.deepcopy(doc)
    if not path:
        return {"unexpected": 1} if how == "add-key" else doc
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    key = path[-1]
    value = parent[key]
    if how == "delete" and isinstance(parent, dict):
        del parent[key]
    elif how == "add-key" and isinstance(value, dict):
        value["unexpeced"] = "x"
    elif how == "duplicate" and isinstance(value, list) and value:
        value.append(copy.deepcopy(value[0]))
    elif how == "empty":
        parent[key] = type(value)() if isinstance(value, (str, list, dict)) else ""
    else:
        parent[key] = {
            "none": None,
            "number": 3,
            "bool": True,
            "float": 2.5,
            "not-an-id": "Not An Id",
            "list": ["x"],
            "zero": 0,
        }.get(how, value)
    return doc


HOW = [
    "delete",
    "add-key",
    "duplicate",
    "empty",
    "none",
    "number",
    "bool",
    "float",
    "not-an-id",
    "list",
    "zero",
]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_agrees_with_jsonschema_on_real_and_broken_data(path: Path) -> None:
    kind = kind_of(path)

    def quick(value: Any) -> bool:
        return validate._valid_fast(kind, value)

    slow = validate._validator(kind)
    read, _ = source.read(path, path.name)  # as the toolkit reads it: a bare date is text
    assert read is not None
    doc = read.value
    assert quick(doc) is True
    rng = random.Random(path.name)
    every = list(paths(doc))
    disagreements, rejected = [], 0
    for place in rng.sample(every, min(len(every), 20)):
        for how in rng.sample(HOW, 2):
            broken = mutated(doc, place, how)
            valid = slow.is_valid(broken)
            rejected += not valid
            if quick(broken) != valid:
                disagreements.append((place, how, valid))
    assert disagreements == []
    assert rejected >= 5  # the broken copies really are broken


def test_a_value_the_fast_validator_cannot_read_is_explained_by_jsonschema() -> None:
    """YAML reads an unquoted 2024-01-01 as a date, which jsonschema-rs refuses."""
    import datetime

    from partnership_toolkit.source import Document

    doc = Document(
        "data/sources.yml",
        {
            "sources": [
                {
                    "id": "a",
                    "title": datetime.date(2024, 1, 1),
                    "publisher": "P",
                    "description": "D",
                }
            ]
        },
        marks={(): (1, 1), ("sources", 0, "title"): (3, 12)},
    )
    [problem] = validate.check(doc, "sources")
    assert str(problem) == (
        "data/sources.yml:3:12: sources[0].title: expected text, found the "
        "date 2024-01-01 (put it in quotes to make it text)"
    )
