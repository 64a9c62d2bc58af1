"""Which interface languages the site's theme knows, and which one a toolkit's
``language`` uses: a tag such as ``en-GB`` or ``cy`` is matched exactly, then by
its language alone (``pt-PT`` uses Material's ``pt``)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from importlib import resources


@functools.cache
def theme_languages(ours: bool = True) -> frozenset[str]:
    """The language codes Material's words exist in, with the toolkit's own
    additions unless ``ours`` is false (a site built without the toolkit)."""
    known: set[str] = set()
    folders = [("material", "templates/partials/languages")]
    if ours:
        folders.append(("partnership_toolkit", "theme/partials/languages"))
    for package, folder in folders:
        try:
            entries = resources.files(package).joinpath(folder).iterdir()
            known |= {e.name.removesuffix(".html") for e in entries if e.name.endswith(".html")}
        except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
            continue
    return frozenset(known)


def theme_language(tag: str, known: frozenset[str] | None = None) -> str | None:
    """The theme's language for the toolkit's ``tag``, or ``None`` if it has none."""
    known = theme_languages() if known is None else known
    by_case = {code.casefold(): code for code in known}
    if tag.casefold() in by_case:
        return by_case[tag.casefold()]
    return by_case.get(tag.split("-")[0].casefold())


def display_name(tag: str, in_language: str | None = None, capital: bool = True) -> str:
    """A language's name in ``in_language`` (by default its own): 'Cymraeg',
    'English'; the tag itself when Babel does not know it. With ``capital``
    false, as the language writes it inside a sentence ('anglais' in French)."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(tag.split("-")[0])
        shown_in = Locale.parse((in_language or tag).replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return tag
    name = locale.get_display_name(shown_in) or tag
    return name[:1].upper() + name[1:] if capital else name


@dataclass(frozen=True)
class Language:
    tag: str  # e.g. "cy"
    name: str  # in itself, e.g. "Cymraeg"
    prefix: str  # where its site is, below the toolkit's: "" or "cy/"


@dataclass(frozen=True)
class Switch:
    """The language switch of every page, in ``config.extra.alternate``.

    Material's header shows ``partials/alternate.html`` when that setting is
    set; the toolkit's version of it links each page to the same page in the
    other languages. This object is true but not a list, so Material's own
    ``<link rel="alternate">`` to each language's home page is not written:
    Material's script would fetch a sitemap beside each, and the same-page
    alternates are in each language's sitemap instead."""

    languages: tuple[Language, ...]
    current: str  # the tag of the language being built
    site_url: str = ""  # the source language's published address, if known

    def __bool__(self) -> bool:
        return True

    @property
    def here(self) -> Language:
        return next(lang for lang in self.languages if lang.tag == self.current)

    def href(self, other: Language, page_url: str, base_url: str) -> str:
        """The relative address of the page at ``page_url`` in ``other``'s site."""
        up = "../" * self.here.prefix.count("/")
        base = (base_url or ".").rstrip("/") + "/"
        return f"{base}{up}{other.prefix}{page_url}"

    def absolute(self, other: Language, page_url: str) -> str:
        """The same page's full address in ``other``'s site ("" without a site_url)."""
        if not self.site_url:
            return ""
        return f"{self.site_url.rstrip('/')}/{other.prefix}{page_url}"

    def others(self) -> tuple[Language, ...]:
        return tuple(lang for lang in self.languages if lang.tag != self.current)


def switch(source: str, translations: tuple[str, ...], current: str, site_url: str) -> Switch:
    tags = (source, *translations)
    languages = tuple(
        Language(tag, display_name(tag), "" if tag == source else f"{tag}/") for tag in tags
    )
    return Switch(languages, current, site_url)


@functools.cache
def date_format(tag: str) -> tuple[str, tuple[str, ...]]:
    """How a long date is written in a language, by CLDR (from Babel): its
    pattern (``d MMMM y``) and the names of the months. Pages format dates
    with these, so every browser writes them alike, including one whose own
    date words lack the language."""
    from babel import Locale, UnknownLocaleError
    from babel.dates import get_date_format, get_month_names

    try:
        locale = Locale.parse(tag.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        locale = Locale.parse("en")
    months = get_month_names("wide", locale=locale)
    return get_date_format("long", locale=locale).pattern, tuple(months[m] for m in range(1, 13))


def long_date(day: date, tag: str) -> str:
    """A date written in full in a language, by CLDR: '2 December 2026', '2 Rhagfyr 2026'."""
    from babel import Locale, UnknownLocaleError
    from babel.dates import format_date

    try:
        locale = Locale.parse(tag.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        locale = Locale.parse("en")
    return format_date(day, format="long", locale=locale)
