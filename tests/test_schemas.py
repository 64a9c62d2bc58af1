"""The JSON Schemas editors use are valid, found by every data file, and true to the data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from partnership_toolkit import source, strings, validate

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "plugins" / "partnership_toolkit" / "schema"
SCHEMAS = sorted(SCHEMA_DIR.glob("*.schema.json"))
DATA_DIRS = [ROOT / "data", ROOT / "tests" / "fixtures" / "minimal" / "data"]

# Which schema each data file is checked against, by its place in data/.
SCHEMA_OF = {
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
# A toolkit project's own folder: its files, and its own data laid out as data/.
LAYER = ROOT / "tests" / "fixtures" / "fork" / "local"
LAYER_SCHEMA_OF = {
    "toolkit.yml": "layer-toolkit",
    "changes.yml": "changes",
    "site.yml": "site",
    "strings.yml": "strings",
}
DATA_DIRS.append(LAYER / "data")
HEADER = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def data_files() -> list[Path]:
    layer = [LAYER / name for name in LAYER_SCHEMA_OF]
    return sorted(p for d in DATA_DIRS for p in d.rglob("*.yml")) + layer


def schema_name(path: Path) -> str:
    if path.parent == LAYER:
        return LAYER_SCHEMA_OF[path.name]
    data_dir = next(d for d in DATA_DIRS if d in path.parents)
    return SCHEMA_OF[path.relative_to(data_dir).parts[0]]


def label(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("schema", SCHEMAS, ids=[s.name for s in SCHEMAS])
def test_schema_is_valid_draft_2020_12(schema: Path) -> None:
    contents = json.loads(schema.read_text(encoding="utf-8"))
    assert contents["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert contents["$id"] == schema.name
    jsonschema.Draft202012Validator.check_schema(contents)


def test_every_data_kind_has_a_schema() -> None:
    kinds = {*SCHEMA_OF.values(), *LAYER_SCHEMA_OF.values()}
    assert {s.name for s in SCHEMAS} == {f"{name}.schema.json" for name in kinds} | {
        "common.schema.json"
    }


def test_the_layers_toolkit_schema_is_the_toolkit_schema_with_nothing_required() -> None:
    """local/toolkit.yml gives any of data/toolkit.yml's fields, and none it must."""
    full = json.loads((SCHEMA_DIR / "toolkit.schema.json").read_text(encoding="utf-8"))
    layer = json.loads((SCHEMA_DIR / "layer-toolkit.schema.json").read_text(encoding="utf-8"))

    def fields(schema: dict) -> dict:
        return {
            key: fields(value) if isinstance(value, dict) and "properties" in value else None
            for key, value in schema["properties"].items()
        }

    assert fields(layer) == fields(full)
    assert "required" not in json.dumps(layer)


@pytest.mark.parametrize("path", data_files(), ids=label)
def test_data_file_points_editors_at_its_schema(path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    found = HEADER.match(first_line)
    assert found, f"{label(path)}: the first line should be '# yaml-language-server: $schema=...'"
    target = (path.parent / found.group(1)).resolve()
    assert not Path(found.group(1)).is_absolute()
    assert target == SCHEMA_DIR / f"{schema_name(path)}.schema.json"
    assert target.is_file()


@pytest.mark.parametrize("path", data_files(), ids=label)
def test_data_file_matches_its_schema(path: Path) -> None:
    doc, problems = source.read(path, label(path))
    assert problems == []
    assert doc is not None
    assert validate.check(doc, schema_name(path)) == []


def test_the_shipped_strings_schema_is_derived_from_the_english_strings() -> None:
    shipped = json.loads((SCHEMA_DIR / "strings.schema.json").read_text(encoding="utf-8"))
    assert shipped == strings.schema(), (
        "schema/strings.schema.json is out of date with strings/en.yml; regenerate it with\n"
        "  python -c 'import json; from partnership_toolkit import strings; "
        "print(json.dumps(strings.schema(), indent=2))' "
        "> plugins/partnership_toolkit/schema/strings.schema.json"
    )


def test_the_strings_schema_accepts_a_rewording_and_refuses_a_typo() -> None:
    validator = jsonschema.Draft202012Validator(strings.schema())
    assert list(validator.iter_errors({"read_more": "Read on"})) == []
    assert [e.validator for e in validator.iter_errors({"read_mor": "Read on"})] == [
        "additionalProperties"
    ]


def test_every_schema_definition_says_in_words_what_it_asks_for() -> None:
    """Messages read a definition's ``x-words``: a new one without them would
    be described by guesswork."""
    from partnership_toolkit.validate import _schemas

    missing = [
        f"{file}#/$defs/{name}"
        for file, schema in _schemas().items()
        for name, definition in schema.get("$defs", {}).items()
        if not definition.get("x-words")
    ]
    assert missing == []


def test_a_link_of_every_kind_is_accepted_and_a_wrong_kind_is_located(tmp_path: Path) -> None:
    """An editor can link to any kind the toolkit publishes, and the page shows
    each link; a kind that does not exist (or a capitalised one) is reported
    at its place."""
    import shutil

    from partnership_toolkit.load import load
    from partnership_toolkit.pages import LINK_KINDS
    from partnership_toolkit.problems import DataError
    from partnership_toolkit.render import Renderer
    from partnership_toolkit.urls import Addresses

    base = load(ROOT / "data")
    first = {
        "stage": base.stages[0].id,
        "step": base.stages[0].steps[0].id,
        "theme": base.themes[0].id,
        "principle": base.principles[0].id,
        "checklist": base.checklists[0].id,
        "template": base.templates[0].id,
        "glossary": base.glossary.terms[0].id,
        "assessment": base.assessments[0].id,
    }
    assert set(first) == set(LINK_KINDS)  # a new kind needs a line here
    refs = [f"{kind}:{id_}" for kind, id_ in first.items()]
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    theme = data / "themes" / "culture-divide.yml"
    text = theme.read_text("utf-8")
    line = next(x for x in text.splitlines() if x.startswith("related: ["))

    def with_related(value: str) -> None:
        theme.write_text(text.replace(line, f"related: [{value}]"), "utf-8")

    with_related(", ".join(refs))
    toolkit = load(data)
    addresses = Addresses(toolkit)
    page = next(p for p in Renderer(toolkit).pages() if p.src == "culture-divide.md")
    related = page.content[page.content.index(toolkit.strings["related_heading"]) :]
    for ref in refs:
        assert f"[{addresses.target(ref)[2]}](" in related, ref
    number = text.splitlines().index(line) + 1
    for wrong in ("page:scoping", "Step:scoping"):
        with_related(wrong)
        with pytest.raises(DataError) as raised:
            load(data)
        (problem,) = raised.value.problems
        assert problem.file == "data/themes/culture-divide.yml"
        assert problem.line == number
        assert "related[0]" in str(problem)
