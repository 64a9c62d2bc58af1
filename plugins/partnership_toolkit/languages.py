"""Which interface languages the site's theme knows, and which one a toolkit's
``language`` uses: a tag such as ``en-GB`` or ``cy`` is matched exactly, then by
its language alone (``pt-PT`` uses Material's ``pt``)."""

from __future__ import annotations

import functools
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
