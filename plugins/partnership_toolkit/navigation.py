"""The site navigation, following the order of the cycle.

Returns MkDocs ``nav`` data (lists and one-key mappings of page sources), so
it needs no MkDocs import and can be tested, and exported, on its own.
"""

from __future__ import annotations

from pathlib import Path as FsPath
from typing import Any

from .markup import theme_text
from .model import Toolkit
from .urls import Addresses


def toolkit_entries(t: Toolkit, addresses: Addresses) -> list[Any]:
    """Navigation entries for every generated page, in reading order: the page
    list's own order, each run of pages of one section under its title.

    A page is given by its source alone: its title is the page's own, which
    the toolkit plugin sets after every other plugin has seen the page, so no
    plugin that renders titles as templates (mkdocs-macros does) sees one from
    the data. Section titles are escaped, since the theme prints them as HTML.
    """
    nav: list[Any] = []
    current: tuple[str, str] | None = None
    for page in addresses.pages:
        if page.section is None:
            nav.append(page.src)
        elif page.section == current:
            next(iter(nav[-1].values())).append(page.src)
        else:
            nav.append({theme_text(page.section[1]): [page.src]})
        current = page.section
    return nav


def build(
    t: Toolkit, addresses: Addresses, user_nav: list[Any] | None, docs_dir: FsPath, marker: str
) -> list[Any]:
    """The whole nav: the user's, with ``marker`` replaced by the toolkit's entries.

    Without a user nav: the home page, the toolkit, then the other hand-written
    pages in file-name order. Without the marker: the toolkit goes last.
    """
    entries = toolkit_entries(t, addresses)
    if user_nav is None:
        pages = sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))
        head = ["index.md"] if "index.md" in pages else []
        return head + entries + [p for p in pages if p != "index.md"]
    out: list[Any] = []
    placed = False
    for item in user_nav:
        if item == marker:
            out.extend(entries)
            placed = True
        else:
            out.append(item)
    return out if placed else out + entries
