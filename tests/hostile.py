"""Hostile data: text that tries every way into a page, and an audit of what came out.

Shared by the build test (``test_hostile.py``), the property-based test and
the browser test: each puts text into the data's text fields (found from the
JSON Schemas, so a new field is covered without a change here), builds, and
asks :func:`audit` what, if anything, got through.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup

from partnership_toolkit.kinds import KINDS
from partnership_toolkit.validate import schema

# Text a partner's pull request could hold. It passes the loader (no HTML tag,
# no unsafe link, no control character), so it is built, and each line tries
# another way to become markup, a script, a link, or a template expression.
PAYLOAD_LINES = (
    "Scoping 🚀 and 👩🏽‍🤝‍👩🏻 partners",  # astral characters, once the front matter killer
    # Evaluated, these print JINJA and EVALUATED, words the text itself never holds.
    "{{ 'JIN' ~ 'JA' }} {% if 'x' %}{{ 'EVAL' ~ 'UATED' }}{% endif %} {# comment #}",
    "{{ cycler.__init__.__globals__.os.getcwd() }}",
    "ends with an attribute list { onclick=alert(1) }",
    "{: .tk-lead onclick=alert(2) }",
    '*em* _under_ `code` ~~struck~~ ==mark== ^^ins^^ :smile: --8<-- "mkdocs.yml"',
    "[a link](https://example.org/){ onclick=alert(3) } [step](step:plan){: onclick=alert(6) }",
    "see https://example.org/ & a < b > c \"quoted\" 'single' &amp; &copy; &#128512;",
    "1. not a list # not a heading | not | a | table",
)
PAYLOAD = "\n".join(PAYLOAD_LINES)
# Markdown fields may also hold links to the toolkit and paragraph-level syntax.
MARKDOWN_PAYLOAD = PAYLOAD + "\n\n{ onclick=alert(4) }\n\n> quoted { onclick=alert(5) }\n"

_EVENT = re.compile(r"^on[a-z]+$")
_URL_ATTRIBUTES = (
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "data",
    "srcset",
    "background",
    "cite",
    "ping",
)
SAFE_SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


# -- putting text into every field ---------------------------------------------------------


def _resolve(node: dict[str, Any], local: dict[str, Any]) -> tuple[dict[str, Any], dict]:
    """The schema ``node`` names, and the definitions its own references use."""
    while "$ref" in node:
        file, _, pointer = node["$ref"].partition("#")
        if file == "common.schema.json":
            local = schema("common")["$defs"]
        node = {
            **local[pointer.rsplit("/", 1)[-1]],
            **{k: v for k, v in node.items() if k != "$ref"},
        }
    return node, local


def text_fields(
    value: Any, node: dict[str, Any], local: dict[str, Any], path: tuple = ()
) -> Iterator[tuple[tuple, str]]:
    """``(path, 'text' or 'markdown')`` of every free-text string in ``value``."""
    ref = node.get("$ref", "")
    if ref.endswith(("/text", "/markdown")) and isinstance(value, str):
        yield path, ref.rsplit("/", 1)[-1]
        return
    node, local = _resolve(node, local)
    if isinstance(value, dict):
        properties = node.get("properties", {})
        for branch in node.get("allOf", ()):  # conditional fields of templates
            properties = {**properties, **_resolve(branch, local)[0].get("properties", {})}
        for key, item in value.items():
            if key in properties:
                yield from text_fields(item, properties[key], local, (*path, key))
    elif isinstance(value, list) and "items" in node:
        for i, item in enumerate(value):
            yield from text_fields(item, node["items"], local, (*path, i))


# Which schema each data file is read with: the loader's own table of kinds.
SCHEMA_OF = {"toolkit.yml": "toolkit"} | {kind.LOCATION.rstrip("/"): kind.SCHEMA for kind in KINDS}


def data_files(data: Path) -> Iterator[tuple[Path, str]]:
    for path in sorted(data.rglob("*.yml")):
        kind = SCHEMA_OF.get(path.name) or SCHEMA_OF.get(path.parent.name)
        if kind:
            yield path, kind


def fill(data: Path, text_for: Callable[[str, tuple, str], str | None]) -> int:
    """Replace text fields of every data file in ``data``; ``text_for(file, path,
    kind)`` gives the new text, or ``None`` to keep it. Returns how many changed."""
    changed = 0
    for path, kind in data_files(data):
        value = yaml.safe_load(path.read_text(encoding="utf-8"))
        local = schema(kind).get("$defs", {})
        edits = [(p, k) for p, k in text_fields(value, schema(kind), local)]
        for field_path, field_kind in edits:
            new = text_for(path.name, field_path, field_kind)
            if new is None:
                continue
            target = value
            for part in field_path[:-1]:
                target = target[part]
            target[field_path[-1]] = new
            changed += 1
        path.write_text(
            yaml.safe_dump(value, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return changed


# -- what came out ---------------------------------------------------------------------------


def audit(html_text: str, allowed_scripts: set[str] = frozenset()) -> list[str]:
    """Everything in a page that data could have put there: event handlers,
    addresses with another scheme, script, frames, and evaluated Jinja."""
    found: list[str] = []
    soup = BeautifulSoup(html_text, "html.parser")
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if _EVENT.match(name.lower()):
                found.append(f"<{element.name} {name}={value!r}>")
            if name.lower() in _URL_ATTRIBUTES or name.lower() == "style":
                bare = "".join(html.unescape(value).split()).lower()
                scheme = _SCHEME.match(bare)
                if scheme and scheme[1] not in SAFE_SCHEMES:
                    found.append(f"<{element.name} {name}={value!r}>")
                if "javascript:" in bare or "expression(" in bare:
                    found.append(f"<{element.name} {name}={value!r}>")
        # The theme's own search box is a form that is sent nowhere.
        if (
            element.name in ("iframe", "object", "embed", "base")
            or (element.name == "meta" and element.get("http-equiv"))
            or (element.name == "form" and element.get("action"))
        ):
            found.append(f"<{element.name}>")
        if element.name == "script":
            source = element.get("src") or element.get_text()
            if "alert(" in source or (
                element.get("src") and allowed_scripts and element["src"] not in allowed_scripts
            ):
                found.append(f"<script {source[:60]!r}>")
    found += evaluated(html_text)
    return found


def evaluated(text: str) -> list[str]:
    """Signs that a template engine ran the payload's Jinja."""
    return [
        f"Jinja was evaluated ({marker!r} is in the output)"
        for marker in JINJA_MARKERS
        if marker in text
    ]


JINJA_MARKERS = ("JINJA", "EVALUATED")


def audit_site(site: Path) -> dict[str, list[str]]:
    """:func:`audit` of every HTML page of a built site, by page."""
    out: dict[str, list[str]] = {}
    for page in sorted(site.rglob("*")):
        if page.suffix == ".html":
            found = audit(page.read_text(encoding="utf-8"))
        elif page.suffix in (".json", ".md", ".js", ".xml", ".txt"):
            found = evaluated(page.read_text(encoding="utf-8"))
        else:
            continue
        if found:
            out[page.relative_to(site).as_posix()] = found
    return out
