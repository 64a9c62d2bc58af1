"""The words the toolkit itself shows: buttons, headings, messages.

English defaults live in ``strings/en.yml`` in this package, and complete
translations beside it (``strings/cy.yml``): a toolkit in one of those
languages gets its words without writing any. A toolkit may override any of
them in ``data/strings.yml`` (a project, in ``local/strings.yml``). Plural
forms follow the language's CLDR plural rules, from Babel.
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
    """The English words: every key there is."""
    return _shipped("en") or {}


@functools.cache
def _shipped(language: str) -> dict[str, str] | None:
    folder = resources.files("partnership_toolkit").joinpath("strings")
    entry = folder.joinpath(f"{language}.yml")
    if not entry.is_file():
        return None
    return yaml.safe_load(entry.read_text("utf-8"))


def shipped_languages() -> list[str]:
    """The languages the toolkit's words ship complete in."""
    folder = resources.files("partnership_toolkit").joinpath("strings")
    return sorted(e.name.removesuffix(".yml") for e in folder.iterdir() if e.name.endswith(".yml"))


def ships(tag: str) -> bool:
    """Whether the toolkit's words ship complete in a language (or its family)."""
    return any(_shipped(c.lower()) for c in (tag, tag.split("-")[0]))


def for_language(tag: str) -> dict[str, str]:
    """The toolkit's words for a language tag: the shipped translation of the
    tag (``cy``) or its language (``cy-GB``), over the English."""
    words = dict(defaults())
    for candidate in (tag, tag.split("-")[0]):
        found = _shipped(candidate.lower())
        if found:
            return words | found
    return words


@functools.cache
def plural_categories(tag: str) -> frozenset[str]:
    """The CLDR plural categories of a language (always with 'other')."""
    from babel import Locale, UnknownLocaleError

    try:
        rules = Locale.parse(tag.replace("-", "_")).plural_form
    except (ValueError, UnknownLocaleError):
        return frozenset(PLURAL_CATEGORIES)
    return frozenset(rules.tags) | {"other"}


def schema() -> dict:
    """The JSON Schema for ``data/strings.yml``, derived from the English defaults."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "strings.schema.json",
        "title": "data/strings.yml: the words the toolkit itself shows, to reword or translate",
        "type": "object",
        "properties": {key: _word_schema(value) for key, value in defaults().items()},
        "additionalProperties": False,
    }


# CLDR's plural categories, as the browser's Intl.PluralRules names them.
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")


def _word_schema(english: str | dict[str, str]) -> dict:
    text = {"type": "string", "minLength": 1}
    if isinstance(english, str):
        return {**text, "description": f"English: {english}"}
    return {
        "description": "One form per plural category of the language, and 'other'; "
        f"English: {english}",
        "oneOf": [
            text,
            {
                "type": "object",
                "properties": {c: text for c in PLURAL_CATEGORIES},
                "required": ["other"],
                "additionalProperties": False,
            },
        ],
    }


def _forms(value: object) -> dict[str, object]:
    """A word's forms by plural category: a plain text is its own 'other'."""
    return dict(value) if isinstance(value, dict) else {"other": value}


def load(
    path: FsPath,
    ctx: LoadContext,
    refused: Collection[FsPath] = (),
    base: dict[str, str] | None = None,
    language: str = "en",
) -> dict[str, str]:
    """The toolkit's words: ``base`` (the shipped words of ``language`` unless
    given), with the ones ``path`` gives instead."""
    words = dict(base if base is not None else for_language(language))
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
    unsafe: dict[str, list] = {}  # by key: a word's plural forms are its own problems
    for problem in validate.unsafe_text(doc):
        unsafe.setdefault(problem.path.split(".")[0], []).append(problem)
    for key, value in doc.value.items():
        if key in unsafe:  # HTML, a link or an invisible character
            ctx.add(unsafe[key])
        elif key not in defaults():
            hint = did_you_mean(key, words) or (
                " (the keys are those of strings/en.yml in the toolkit package)"
            )
            ctx.add([doc.problem((key,), f"unknown key '{key}'{hint}", key=True)])
        elif problem := _word_problem(doc, key, value, defaults()[key], language):
            ctx.add([problem])
        else:
            words[key] = value
    return words


def _word_problem(
    doc: source.Document, key: str, value: object, english: object, language: str = "en"
):
    """What is wrong with one word of data/strings.yml, located; None if nothing."""
    plural = isinstance(english, dict)
    if isinstance(value, dict) and plural:
        unknown = [c for c in value if c not in PLURAL_CATEGORIES]
        if unknown:
            return doc.problem(
                (key, unknown[0]),
                f"'{unknown[0]}' is not a plural category; use {', '.join(PLURAL_CATEGORIES)}",
                key=True,
            )
        if "other" not in value:
            return doc.problem((key,), "missing the form 'other', used for any count not named")
        has = plural_categories(language)
        unused = [c for c in value if c not in has]
        if unused:
            used = ", ".join(c for c in PLURAL_CATEGORIES if c in has)
            return doc.problem(
                (key, unused[0]),
                f"the language '{language}' has no plural form '{unused[0]}' (its forms, "
                f"by CLDR's rules: {used}), so it would never be shown",
                key=True,
            )
    elif not isinstance(value, str):
        wanted = "text, or a mapping of plural forms" if plural else "text"
        return doc.problem((key,), f"expected {wanted}, found {describe_value(value)}")
    wanted = _placeholders(_forms(english)["other"])
    for category, form in _forms(value).items():
        where = (key, category) if isinstance(value, dict) else (key,)
        if not isinstance(form, str) or not form.strip():
            return doc.problem(where, f"expected text, found {describe_value(form)}")
        if mistake := _placeholder_mistake(form):
            return doc.problem(where, mistake)
        if set(_placeholders(form)) - set(wanted) or (
            category == "other" and set(_placeholders(form)) != set(wanted)
        ):
            names = ", ".join("{" + p + "}" for p in wanted) or "none"
            return doc.problem(where, f"the placeholders must stay the same (expected {names})")
    return None


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
