"""Check a parsed document against its JSON Schema and explain each failure.

The JSON Schemas in ``schema/`` are the one description of every data kind:
editors use them for autocompletion, and this module uses them for the build,
turning each jsonschema error into a sentence that says what was expected and
what was found, at the line of the offending value.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import html
import json
import re
from importlib import resources
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from . import markup
from .problems import Path, Problem, did_you_mean
from .source import Document
from .textcheck import CONTROL_CHARS
from .urls import LINK_KINDS, MARKDOWN_TARGET

if TYPE_CHECKING:  # jsonschema is imported only to explain a rejected file
    import jsonschema

SCHEMA_PACKAGE = "partnership_toolkit.schema"

# Plain-text and Markdown fields both refuse HTML: nothing in a data file may
# inject markup (or a script) into the site. As in HTML itself, a tag starts
# with '<' directly followed by a letter, '!', '/' or '?', so "a < b" is text.
_HTML = re.compile(r"<[A-Za-z!/?]")
# Invisible characters, which YAML lets in through escapes such as "\x07".
_CONTROL = re.compile(CONTROL_CHARS)
# Where a link may go: the web, e-mail, a phone, or another part of the toolkit.
LINK_SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_HREF = re.compile(r'\b(href|src)="([^"]*)"')
_LINKISH = ("](", "]:", "][", "<")


@functools.cache
def _schemas() -> dict[str, dict[str, Any]]:
    folder = resources.files(SCHEMA_PACKAGE)
    return {
        entry.name: json.loads(entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".schema.json")
    }


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema called ``name`` (e.g. ``"stage"``)."""
    return _schemas()[f"{name}.schema.json"]


@functools.cache
def _validator(name: str) -> jsonschema.Draft202012Validator:
    # Importing jsonschema takes longer than checking a whole big toolkit with
    # jsonschema-rs, and most runs have nothing to explain.
    import jsonschema
    import referencing

    registry = referencing.Registry().with_resources(
        (file, referencing.Resource.from_contents(contents))
        for file, contents in _schemas().items()
    )
    return jsonschema.Draft202012Validator(schema(name), registry=registry)


@functools.cache
def _fast(name: str) -> jsonschema_rs.Validator:
    """The same schema, compiled by jsonschema-rs: a fast yes/no on whole documents."""
    registry = jsonschema_rs.Registry(list(_schemas().items()))
    return jsonschema_rs.Draft202012Validator(schema(name), registry=registry)


def _valid_fast(kind: str, value: Any) -> bool:
    """True when the fast validator accepts ``value``; False when it rejects it or
    cannot read it (a YAML date, say), so that jsonschema explains."""
    try:
        return _fast(kind).is_valid(value)
    except ValueError:
        return False


def check(doc: Document, kind: str) -> list[Problem]:
    """All schema and safety problems in ``doc``, which should be of ``kind``."""
    # jsonschema, whose errors carry what a good message needs, is slow on big
    # toolkits: it runs only to explain a document jsonschema-rs has rejected.
    errors = [] if _valid_fast(kind, doc.value) else list(_validator(kind).iter_errors(doc.value))
    problems: list[Problem] = []
    typos: set[tuple[Path, str]] = set()
    for err in errors:
        if err.validator == "additionalProperties":
            path: Path = tuple(err.absolute_path)
            allowed = list(err.schema.get("properties", {}))
            # jsonschema reports all unknown keys of a mapping as one error:
            # each gets its own line.
            for key, guess in _unknown_keys(err.instance, allowed):
                typos.add((path, guess))
                hint = (
                    f" (did you mean '{guess}'?)"
                    if guess
                    else f" (expected one of: {', '.join(allowed)})"
                )
                problems.append(doc.problem((*path, key), f"unknown key '{key}'{hint}", key=True))
    # A misspelt required key ('titel') is one mistake: say "did you mean
    # 'title'?" at the typo, not also "missing required field 'title'".
    problems.extend(
        _explain(doc, err)
        for err in errors
        if err.validator != "additionalProperties"
        and not (err.validator == "required" and (tuple(err.absolute_path), _missing(err)) in typos)
    )
    problems.extend(unsafe_text(doc))
    return problems


def _missing(err: jsonschema.ValidationError) -> str:
    """The field a 'required' error is about."""
    return err.message.split("'")[1]


def _unknown_keys(mapping: dict[str, Any], allowed: list[str]) -> list[tuple[str, str]]:
    """Each key not in ``allowed``, with the allowed key it most likely misspells (or '')."""
    return [
        (key, next(iter(difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)), ""))
        for key in mapping
        if key not in allowed
    ]


def links(text: str) -> list[str]:
    """Where each link and image in ``text`` goes, read as a browser would read it.

    The text is converted by the same Markdown the pages use, so inline
    links, references, autolinks and character references are all seen.
    """
    if not any(mark in text for mark in _LINKISH):
        return []
    converted = markup.converted(text)
    return [
        ("img:" if kind == "src" else "") + html.unescape(target)
        for kind, target in _HREF.findall(converted)
    ]


def link_kind(target: str) -> tuple[str, str] | None:
    """``(kind, id)`` of a toolkit link such as ``step:scoping``, else ``None``."""
    found = MARKDOWN_TARGET.match(target)
    return (found["kind"], found["id"]) if found else None


def _link_problem(target: str) -> str:
    """What is wrong with a link's address ("" if nothing)."""
    if target.startswith("img:"):
        return (
            "images are not supported in data text; put the picture on a hand-written "
            "page, or link to it"
        )
    if link_kind(target):
        return ""
    bare = "".join(target.split()).lower()
    scheme = _SCHEME.match(bare)
    if scheme and scheme[1] in LINK_SCHEMES:
        return ""
    if scheme and scheme[1] in {"javascript", "data", "vbscript", "file"}:
        return (
            f"links must be web, mailto: or tel: addresses, not {scheme[1]}: addresses "
            "(found a link to '{snippet}')"
        )
    if bare.startswith("#") and not scheme:
        return ""
    return (
        "a link goes to a web address (https://...), an e-mail (mailto:), a phone "
        "(tel:), or another part of the toolkit written kind:id, e.g. "
        "[the scoping step](step:scoping); found '{snippet}'"
    )


# How deep Markdown may nest: far more than any guidance needs, far less than
# makes Markdown slow or exhausts Python's recursion.
MAX_NESTING = 24
_QUOTES = re.compile(r"(?:> ?){16}")


def _too_deep(text: str) -> str:
    """What makes ``text`` nest too deep for Markdown ("" if nothing)."""
    depth = deepest = 0
    for char in text if text.count("[") > MAX_NESTING else ():
        if char == "[":
            depth += 1
            deepest = max(deepest, depth)
        elif char == "]" and depth:
            depth -= 1
    if deepest > MAX_NESTING:
        return f"brackets nested {deepest} deep; write at most {MAX_NESTING} '[' inside one another"
    deep_lines = " " * (4 * MAX_NESTING) in text or _QUOTES.search(text)
    for line in text.splitlines() if deep_lines else ():
        indent = len(line) - len(line.lstrip(" "))
        quotes = len(line.lstrip()) - len(line.lstrip().lstrip("> "))
        if indent > 4 * MAX_NESTING:
            return (
                f"a line is indented {indent} spaces; lists nest at most {MAX_NESTING} levels deep"
            )
        if quotes > 2 * MAX_NESTING:
            return f"a line is quoted too deep ('>' {quotes} times); quotes nest less deep"
    return ""


def unsafe_text(doc: Document) -> list[Problem]:
    """HTML, links that go anywhere but the web or the toolkit, and invisible
    control characters, in any text of ``doc``."""
    problems = []
    for path, text in doc.texts_with_markup():
        # A tag written with character references (&lt;script&gt;) is HTML too:
        # a theme that strips tags from a title turns it back into one.
        found = _HTML.search(text) or ("&" in text and _HTML.search(html.unescape(text)))
        control = _CONTROL.search(text)
        if control:
            char = control.group()
            problems.append(
                doc.problem(
                    path,
                    f"contains the invisible character "
                    f"U+{ord(char):04X}; delete it (it often comes from "
                    "pasting, or from an escape such as \\x07 in quotes)",
                )
            )
        elif mistake := _too_deep(text):
            problems.append(doc.problem(path, mistake))
        elif found:
            snippet = found.string[found.start() : found.start() + 12].split("\n")[0]
            problems.append(
                doc.problem(
                    path,
                    f"HTML is not allowed (found '{snippet}'); "
                    "write plain text, or Markdown where the field allows it",
                )
            )
        else:
            for target in links(text):
                mistake = _link_problem(target)
                if mistake:
                    snippet = target.removeprefix("img:")[:40]
                    problems.append(doc.problem(path, mistake.replace("{snippet}", snippet)))
                    break
    return problems


def describe_value(value: Any) -> str:
    """How a found value reads in a message: 'a mapping', 'the number 3', ..."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value; put text in quotes)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, bytes):
        return "binary data (a '!!binary' value; write plain text instead)"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return f"the date {value} (put it in quotes to make it text)"
    return f"'{value}'"


def _def_words() -> dict[str, str]:
    """What each schema definition asks for, in words: its ``x-words``, keyed by
    the ``$ref`` that names it from any schema file (a test checks every
    definition has them)."""
    kinds = ", ".join(LINK_KINDS)
    out = {}
    for file, schema in _schemas().items():
        for name, definition in schema.get("$defs", {}).items():
            words = definition.get("x-words", "").replace("{kinds}", kinds)
            out[f"{file}#/$defs/{name}"] = words
            # A file's own "#/$defs/..." refs: each name is defined in one file only.
            out[f"#/$defs/{name}"] = words
    return out


_WORDS = _def_words()
_PATTERNS = {
    d["pattern"]: _WORDS[f"common.schema.json#/$defs/{name}"]
    for name, d in _schemas()["common.schema.json"]["$defs"].items()
    if "pattern" in d and d["pattern"] != r"\S"
}  # text and Markdown: "not blank"


def _expected(sub: dict[str, Any]) -> str:
    """What a (sub)schema asks for, in words: a definition's own ``x-words``."""
    if "x-words" in sub:
        return str(sub["x-words"]).replace("{kinds}", ", ".join(LINK_KINDS))
    ref = sub.get("$ref", "")
    if ref:
        return _WORDS.get(ref) or "a value of the kind the schema describes"
    kind = sub.get("type")
    if kind == "array":
        items = sub.get("items", {})
        inner = _expected(items) if items else ""
        if inner in {"text", "text (Markdown)"}:
            return "a list of strings"
        if inner.startswith("an id"):
            return "a list of ids"
        if inner.startswith("a link"):
            return "a list of links written as kind:id"
        if inner.startswith("a story"):
            return "a list of stories"
        if inner == "a mapping" or items.get("type") == "object":
            return "a list of mappings"
        return "a list"
    if "pattern" in sub and sub["pattern"] in _PATTERNS:
        return _PATTERNS[sub["pattern"]]
    return {
        "object": "a mapping",
        "string": "text",
        "integer": "a whole number",
        "number": "a number",
        "boolean": "true or false",
    }.get(kind, "a value")


def _explain(doc: Document, err: jsonschema.ValidationError) -> Problem:
    path: Path = tuple(err.absolute_path)
    value = err.instance
    v = err.validator
    if v == "required":
        missing = _missing(err)
        # Fields required only for some types (an if/then in the schema) say which.
        when = (
            f" (needed when type is '{value['type']}')"
            if "then" in err.schema_path and isinstance(value, dict) and "type" in value
            else ""
        )
        return doc.problem(path, f"missing required field '{missing}'{when}")
    if v == "type":
        expected = _expected(err.schema)
        hint = ""
        if value is None and "colour" in expected:
            # `primary: #1f4e79` is a key with an empty value and a comment.
            hint = '; in YAML a # starts a comment, so put the colour in quotes: "#1f4e79"'
        return doc.problem(path, f"expected {expected}, found {describe_value(value)}{hint}")
    if v == "pattern" and err.validator_value == r"\S":
        return doc.problem(path, "must not be empty or only spaces")
    if v == "pattern":
        return doc.problem(path, f"expected {_expected(err.schema)}, found {describe_value(value)}")
    if v == "minLength":
        return doc.problem(path, "must not be empty")
    if v == "maxLength":
        return doc.problem(
            path,
            f"is too long: {len(value)} characters, and at most {err.validator_value} are allowed",
        )
    if v == "minItems":
        n = err.validator_value
        return doc.problem(
            path, f"expected at least {n} item{'s' if n != 1 else ''}, found {len(value)}"
        )
    if v == "uniqueItems":
        seen: set[str] = set()
        twice = next((repr(x) for x in value if (repr(x) in seen or seen.add(repr(x)))), "")
        return doc.problem(path, f"lists {twice} more than once")
    if v == "enum":
        options = [str(o) for o in err.validator_value]
        hint = did_you_mean(str(value), options)
        return doc.problem(
            path, f"expected one of: {', '.join(options)}; found {describe_value(value)}{hint}"
        )
    if v in {"minimum", "maximum"}:
        word = "at least" if v == "minimum" else "at most"
        return doc.problem(
            path, f"expected a number {word} {err.validator_value}, found {describe_value(value)}"
        )
    if v == "const":
        return doc.problem(path, f"expected {err.validator_value!r}, found {describe_value(value)}")
    return doc.problem(path, err.message)
