"""The site navigation, following the order of the cycle.

Returns MkDocs ``nav`` data (lists and one-key mappings of page sources), so
it needs no MkDocs import and can be tested, and exported, on its own.
"""

from __future__ import annotations

from pathlib import Path as FsPath
from typing import TYPE_CHECKING, Any

from .markup import theme_text
from .model import Toolkit
from .urls import Addresses

if TYPE_CHECKING:
    from .layer import Report


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


def nav_entries(nav: Any, at: tuple) -> list[tuple[tuple, str]]:
    """Each hand-written page a nav names, with its path in the nav (addresses of
    other sites and the "@toolkit" mark are not pages)."""
    out: list[tuple[tuple, str]] = []
    for i, entry in enumerate(nav if isinstance(nav, list) else ()):
        titled = isinstance(entry, dict) and len(entry) == 1
        value = next(iter(entry.values())) if titled else entry
        where = (*at, i, next(iter(entry))) if titled else (*at, i)
        if isinstance(value, list):
            out += nav_entries(value, where)
        elif isinstance(value, str) and value.endswith(".md") and "://" not in value:
            out.append((where, value))
    return out


def _page_of(entry: Any) -> str | None:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict) and len(entry) == 1:
        value = next(iter(entry.values()))
        return value if isinstance(value, str) else None
    return None


def layer_nav(nav: Any, report: Report, layer_dir: FsPath | None, given: bool) -> Any:
    """The menu without the pages the layer removes, and (unless the layer gives
    its own menu) with the layer's new pages at its end."""
    if not isinstance(nav, list):
        return nav

    def keep(entries: list) -> list:
        out = []
        for entry in entries:
            if _page_of(entry) in report.pages_removed:
                continue
            if isinstance(entry, dict) and len(entry) == 1:
                ((title, value),) = entry.items()
                if isinstance(value, list):
                    entry = {title: keep(value)}
            out.append(entry)
        return out

    nav = keep(nav)
    if given or layer_dir is None or not (layer_dir / "content").is_dir():
        return nav
    listed = nav_pages(nav)
    content = layer_dir / "content"
    for page in sorted(content.rglob("*.md")):
        src = page.relative_to(content).as_posix()
        if src not in listed:
            nav.append(src)
    return nav


def nav_pages(nav: list) -> set[str]:
    """The pages a nav lists, at any depth."""
    listed: set[str] = set()
    for entry in nav:
        listed.add(_page_of(entry) or "")
        if isinstance(entry, dict):
            for value in entry.values():
                if isinstance(value, list):
                    listed |= nav_pages(value)
    return listed


def translated_nav(nav: Any, pages: dict[str, FsPath]) -> Any:
    """The menu of a translation: a translated page is named by its own title
    (the menu's words are the source's)."""
    if not isinstance(nav, list):
        return nav
    out = []
    for entry in nav:
        if isinstance(entry, dict) and len(entry) == 1:
            ((title, value),) = entry.items()
            if isinstance(value, list):
                entry = {title: translated_nav(value, pages)}
            elif isinstance(value, str) and value in pages:
                entry = value
        out.append(entry)
    return out
