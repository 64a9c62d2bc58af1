"""The words the toolkit itself shows: buttons, headings, messages.

English defaults live in ``strings/en.yml`` in this package; a toolkit may
override any of them (or translate all of them) in ``data/strings.yml``.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Collection
from importlib import resources
from pathlib import Path as FsPath

import yaml

from . import source, validate
from .context import LoadContext
from .problems import did_you_mean
from .validate import describe_value


@functools.cache
def defaults() -> dict[str, str]:
    text = resources.files("partnership_toolkit").joinpath("strings/en.yml").read_text("utf-8")
    return yaml.safe_load(text)


def schema() -> dict:
    """The JSON Schema for ``data/strings.yml``, derived from the English defaults."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "strings.schema.json",
        "title": "data/strings.yml: the words the toolkit itself shows, to reword or translate",
        "type": "object",
        "properties": {
            key: {"type": "string", "minLength": 1, "description": f"English: {value}"}
            for key, value in defaults().items()
        },
        "additionalProperties": False,
    }


def load(path: FsPath, ctx: LoadContext, refused: Collection[FsPath] = ()) -> dict[str, str]:
    words = dict(defaults())
    if not path.is_file() or path in refused:
        return words
    doc, problems = source.read(path, ctx.display(path), ctx.cache)
    ctx.add(problems)
    if doc is None or problems:
        return words
    if not isinstance(doc.value, dict):
        ctx.add(
            [doc.problem((), f"expected a mapping of key: text, found {describe_value(doc.value)}")]
        )
        return words
    unsafe = {problem.path: problem for problem in validate.unsafe_text(doc)}
    for key, value in doc.value.items():
        if key in unsafe:  # HTML, a link or an invisible character
            ctx.add([unsafe[key]])
        elif key not in words:
            hint = did_you_mean(key, words) or (
                " (the keys are those of strings/en.yml in the toolkit package)"
            )
            ctx.add([doc.problem((key,), f"unknown key '{key}'{hint}", key=True)])
        elif not isinstance(value, str) or not value.strip():
            ctx.add([doc.problem((key,), f"expected text, found {describe_value(value)}")])
        elif mistake := _placeholder_mistake(value):
            ctx.add([doc.problem((key,), mistake)])
        elif set(_placeholders(value)) != set(_placeholders(words[key])):
            wanted = ", ".join("{" + p + "}" for p in _placeholders(words[key])) or "none"
            ctx.add(
                [doc.problem((key,), f"the placeholders must stay the same (expected {wanted})")]
            )
        else:
            words[key] = value
    return words


def _placeholder_mistake(text: str) -> str:
    """What is wrong with the placeholders of ``text`` ("" if nothing): each must
    be written ``{name}``, as in English, since pages fill them in by name."""
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:  # a lone '{' or '}'
        return (
            "a '{' or '}' without its partner; placeholders are written {name}, and a "
            "brace that is just text is written twice: '{{' or '}}'"
        )
    for _, name, spec, conversion in fields:
        if name is None:
            continue
        if not name.isidentifier():
            return (
                f"'{{{name}}}' is not a placeholder: placeholders are a name in braces, "
                "e.g. {n}, exactly as in English"
            )
        if spec or conversion:
            return f"write the placeholder as {{{name}}}, without ':' or '!' after the name"
    return ""


def _placeholders(text: str) -> list[str]:
    return sorted({name for _, name, _, _ in string.Formatter().parse(text) if name})
