"""A project's and a translation's own pages, in place of the base's.

Works on MkDocs' list of files: a toolkit project's ``local/content/`` and
the pages a translation translates replace the base's at the same path, and
the pages a project removes are left out.
"""

from __future__ import annotations

from pathlib import Path as FsPath
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from .navigation import nav_pages


def layer_files(files: Files, config: MkDocsConfig, content: FsPath, report: Any) -> None:
    """The layer's pages and files in place of the base's at the same path, and
    without the pages it removes."""
    for src in report.pages_removed:
        found = files.get_file_from_path(src)
        if found is not None:
            files.remove(found)
    if not content.is_dir():
        return
    for path in sorted(p for p in content.rglob("*") if p.is_file()):
        src = path.relative_to(content).as_posix()
        if any(part.startswith(".") for part in src.split("/")):
            continue
        found = files.get_file_from_path(src)
        if found is not None:
            files.remove(found)
        files.append(File(src, str(content), config.site_dir, config.use_directory_urls))
    if getattr(report, "nav_given", False) and isinstance(config.nav, list):
        # A project's own menu names the pages it wants there; the others are
        # still published (pages link to them), just not in the menu.
        listed = nav_pages(config.nav)
        for file in files.documentation_pages():
            if file.src_uri not in listed:
                file.inclusion = InclusionLevel.NOT_IN_NAV


def translated_files(files: Files, config: MkDocsConfig, pages: dict[str, FsPath]) -> set[str]:
    """A translation's pages in place of the source's at the same path; the
    hand-written pages it does not translate (shown in the source language)."""
    for src, path in pages.items():
        found = files.get_file_from_path(src)
        if found is None:
            continue  # a page the source does not have: nothing links to it
        files.remove(found)
        folder = str(path)[: -len(src)]
        files.append(File(src, folder, config.site_dir, config.use_directory_urls))
    return {f.src_uri for f in files.documentation_pages() if f.src_uri not in pages}
