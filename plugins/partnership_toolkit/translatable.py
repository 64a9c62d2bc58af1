"""What there is to translate in a toolkit, and the addresses a translator names it by.

The schemas say which values are text (a title, Markdown, a list of texts):
:func:`leaves` finds each one in a parsed data file, :func:`address_of` names
the item it is in as a translation file does (``step:scoping``), and
:func:`record_key` names the value itself, as ``fingerprints.yml`` and
``toolkit status`` do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from . import layer_tree, source, validate
from .problems import Path

TOOLKIT = "toolkit"  # the address of data/toolkit.yml's own fields

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
_FILE_WORD = {location: word for word, location in layer_tree.FILE_KINDS.items()}


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
    key: layer_tree.Key, doc: source.Document, path: Path, ids: Counter[str] | None = None
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
        address = next(w for w, f in layer_tree.SINGLE_FILES.items() if f == location)
    if ids is None:
        ids = Counter(layer_tree.ids_inside(doc.value))
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
