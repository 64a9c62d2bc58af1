"""The compiled schema check agrees with jsonschema, so it can stand in for it on valid data.

validate.check asks quickcheck first and runs jsonschema only on documents
quickcheck rejects; a document quickcheck wrongly accepted would skip its
error messages, so agreement is tested on the real data and on many broken
copies of it.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from partnership_toolkit import quickcheck, validate

ROOT = Path(__file__).resolve().parent.parent
KIND_OF = {"toolkit.yml": "toolkit", "sources.yml": "sources", "glossary.yml": "glossary",
           "strings.yml": "strings", "stages": "stage", "themes": "theme",
           "principles": "principles", "checklists": "checklist", "templates": "template"}
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
        parent[key] = {"none": None, "number": 3, "bool": True, "float": 2.5,
                       "not-an-id": "Not An Id", "list": ["x"], "zero": 0}.get(how, value)
    return doc


HOW = ["delete", "add-key", "duplicate", "empty", "none", "number", "bool", "float",
       "not-an-id", "list", "zero"]


def test_every_schema_compiles() -> None:
    """Otherwise that kind silently falls back to the slow path."""
    for name in validate._schemas():
        assert quickcheck.compile_schema(validate._schemas(), name) is not None, name


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_agrees_with_jsonschema_on_real_and_broken_data(path: Path) -> None:
    kind = kind_of(path)
    quick = validate._quick(kind)
    slow = validate._validator(kind)
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
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


@pytest.mark.parametrize("schema, good, bad", [
    ({"type": "integer"}, [1, 2.0], [True, 1.5, "1"]),
    ({"type": "number", "minimum": 1, "maximum": 3}, [1, 3, 2.5], [0, 4, False]),
    ({"enum": ["a", 1]}, ["a", 1, 1.0], [True, "b"]),
    ({"const": False}, [False], [0, None]),
    ({"type": "array", "uniqueItems": True}, [[1, True], ["a", "b"]], [[1, 1.0], ["a", "a"]]),
    ({"type": "string", "pattern": "b"}, ["abc"], ["xyz"]),
    ({"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"],
      "additionalProperties": False}, [{"a": "x"}], [{}, {"a": 1}, {"a": "x", "b": 1}]),
    ({"if": {"properties": {"t": {"const": "rows"}}}, "then": {"required": ["f"]}},
     [{"t": "x"}, {"t": "rows", "f": 1}], [{"t": "rows"}]),
])
def test_keywords_follow_json_schema(schema: dict, good: list, bad: list) -> None:
    check = quickcheck.compile_schema({"s.json": schema}, "s.json")
    assert check is not None
    reference = jsonschema.Draft202012Validator(schema)
    for value in good:
        assert check(value) is True and reference.is_valid(value), value
    for value in bad:
        assert check(value) is False and not reference.is_valid(value), value


def test_unknown_keyword_means_no_quick_check() -> None:
    assert quickcheck.compile_schema({"s.json": {"type": "string", "format": "email"}},
                                     "s.json") is None
    assert quickcheck.compile_schema({"s.json": {"patternProperties": {"^a": {}}}},
                                     "s.json") is None
