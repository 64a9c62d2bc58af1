"""The files MkDocs builds from, as the toolkit changes them.

Works on MkDocs' list of files: a toolkit project's ``local/content/`` and
the pages a translation translates replace the base's at the same path, the
pages a project removes are left out, and the files the toolkit generates
are kept in a folder of their own (:class:`Generated`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
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


class Generated:
    """The files the toolkit makes for MkDocs (its pages, Word files and assets),
    in one folder of the build cache that stays between builds.

    A file is written only when what it holds changes, so an unchanged page
    keeps its time and ``mkdocs serve --dirty`` rebuilds only the pages whose
    data changed; a file this build did not make is removed. Where the cache
    cannot be written (a read-only checkout), a temporary folder is used
    instead and removed after the build, so nothing is left behind either way.
    """

    def __init__(self, folder: FsPath) -> None:
        self.temporary = False
        try:
            folder.mkdir(parents=True, exist_ok=True)
            probe = folder / ".written"
            probe.write_bytes(b"")
        except OSError:
            folder = FsPath(tempfile.mkdtemp(prefix="toolkit-pages-"))
            self.temporary = True
        self.folder = folder.resolve()
        self._prefix = str(self.folder) + os.sep
        self._written: set[FsPath] = set()

    def write(self, src: str, content: str | bytes) -> str:
        """``content`` at ``src`` in the folder (unless it holds it already); its path."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        path = self.folder / src
        self._written.add(path)
        try:
            if path.read_bytes() == data:
                return str(path)
        except OSError:
            path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        part.write_bytes(data)
        part.replace(path)  # whole, never half-written, for a build reading it
        return str(path)

    def owns(self, path: str | None) -> bool:
        return bool(path) and str(path).startswith(self._prefix)

    def finish(self) -> None:
        """Remove what this build did not make (or, if temporary, the folder), and
        what a build stopped while writing left behind an hour ago or more."""
        if self.temporary:
            shutil.rmtree(self.folder, ignore_errors=True)
            return
        an_hour_ago = time.time() - 3600
        for path in sorted(self.folder.rglob("*"), reverse=True):
            try:
                if path.is_dir():
                    if not any(path.iterdir()):
                        path.rmdir()
                elif path.name.endswith(".tmp"):
                    if path.stat().st_mtime < an_hour_ago:
                        path.unlink()
                elif path not in self._written and not path.name.startswith("."):
                    path.unlink()
            except OSError:  # another build's file, just removed or being written
                pass
