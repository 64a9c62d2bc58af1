"""The generated pages of the last build, used again while nothing they are made
from has changed.

Rendering every generated page is most of what a warm build of a small toolkit
adds to a plain one (BENCHMARKS.md). A page is a function of the toolkit (the
model the loader made from every data, layer and translation file, and what a
translation left untranslated), its page list, the build's settings
(directory URLs, PDFs), the page templates (a fork's and the package's), the
package's own files, Python and the libraries that draw the pages. The key is
a digest of all of those, read again on every build (``mkdocs serve``
rebuilds included); one file per way of building keeps the pages of the last
build made that way, and is replaced when its key changes.

The file keeps only each page's Markdown, in the page list's order: where a
page goes and its title always come from the page list itself. A file that
cannot be read, or holds anything else, is a miss, never an error: the pages
are then rendered as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import platform
import time
from pathlib import Path

from .render import Page, Renderer
from .versions import installed

# What the generated pages are drawn with besides the package's own files.
LIBRARIES = ("Jinja2", "MarkupSafe", "Markdown", "nh3", "babel")
PACKAGE = Path(__file__).resolve().parent
# A ``.part`` file this old was left by a build that was stopped while writing.
LEFT_BEHIND_SECONDS = 3600


def _files(folder: Path) -> list[tuple[str, Path]]:
    """Every file under ``folder`` as Jinja's loader finds it, through linked folders
    too (each real folder once), with its name relative to ``folder``."""
    found, seen = [], set()
    for here, folders, names in os.walk(folder, followlinks=True):
        real = os.path.realpath(here)
        if real in seen:  # a link back up the tree
            folders[:] = []
            continue
        seen.add(real)
        folders[:] = [f for f in folders if f != "__pycache__"]
        found += [(Path(here, n).relative_to(folder).as_posix(), Path(here, n)) for n in names]
    return sorted(found)


def _folder_digest(folder: Path | None) -> str:
    """A digest of the name and bytes of every file under ``folder`` (the package's
    150 or so take a few milliseconds)."""
    if folder is None:
        return "none"
    digest = hashlib.sha256()
    for name, path in _files(folder):
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def key(renderer: Renderer) -> str:
    """A digest of everything ``renderer.pages()`` draws from."""
    toolkit = renderer.toolkit
    translation = toolkit.translation  # not part of the toolkit's repr
    digest = hashlib.sha256()
    for part in (
        _folder_digest(PACKAGE),
        f"Python {platform.python_version()}",
        *(f"{name}=={installed(name)}" for name in LIBRARIES),
        repr(toolkit),
        # A translation's untranslated texts are marked with the source's language.
        repr((translation.source_language, sorted(translation.fallbacks)))
        if translation is not None
        else "",
        # The page list (its items are the toolkit's own, above).
        repr([(p.src, p.ref, p.title, p.template, p.section) for p in renderer.addresses.pages]),
        f"{renderer.directory_urls}|{renderer.pdfs}",
        _folder_digest(renderer.override_folder),
    ):
        digest.update(b"\0" + part.encode("utf-8"))
    return digest.hexdigest()


def pages(renderer: Renderer, file: Path) -> list[Page]:
    """``renderer.pages()``, from ``file`` when it holds this key's pages; else rendered,
    and kept in ``file`` for the next build."""
    try:
        wanted = key(renderer)
    except OSError:  # a fork's template went away while it was read: render
        return renderer.pages()
    kept = _read(renderer, file, wanted)
    if kept is not None:
        return kept
    made = renderer.pages()
    _write(file, wanted, made)
    return made


def _read(renderer: Renderer, file: Path, wanted: str) -> list[Page] | None:
    try:
        found = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(found, dict) or found.get("key") != wanted:
        return None
    contents = found.get("contents")
    specs = renderer.addresses.pages
    if not isinstance(contents, list) or len(contents) != len(specs):
        return None
    if not all(isinstance(content, str) for content in contents):
        return None
    return [
        Page(spec.src, spec.title, content) for spec, content in zip(specs, contents, strict=True)
    ]


def _write(file: Path, wanted: str, made: list[Page]) -> None:
    """Written whole or not at all: a build beside this one never reads half a file."""
    body = json.dumps({"key": wanted, "contents": [page.content for page in made]})
    _clear_left_behind(file)
    part = file.with_name(f"{file.name}.{os.getpid()}.part")
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        part.write_text(body, encoding="utf-8")
        os.replace(part, file)
    except OSError:  # an unwritable cache: the next build renders again
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)


def _clear_left_behind(file: Path) -> None:
    """The ``.part`` files of builds that were stopped while writing ``file``."""
    old = time.time() - LEFT_BEHIND_SECONDS
    for part in file.parent.glob(f"{file.name}.*.part"):
        with contextlib.suppress(OSError):
            if part.stat().st_mtime < old:
                part.unlink()
