"""The generated pages of the last build, used again while nothing they are made
from has changed.

Rendering every generated page is most of what a warm build of a small toolkit
adds to a plain one (BENCHMARKS.md). A page is a function of the toolkit (the
model the loader made from every data, layer and translation file), its page
list, the build's settings (directory URLs, site URL, PDFs), the page templates
(a fork's and the package's), the package's own code and the libraries that
draw the pages. The key is a digest of all of those; one file per way of
building keeps the pages of the last build made that way, and is replaced when
its key changes. A file that cannot be read, or holds anything but pages, is
a miss, never an error: the pages are then rendered as before.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from pathlib import Path

from .render import Page, Renderer
from .versions import installed

# What the generated pages are drawn with besides the package's own code.
LIBRARIES = ("Jinja2", "MarkupSafe", "Markdown", "nh3", "babel")
PACKAGE = Path(__file__).resolve().parent


@functools.cache
def _package_digest() -> bytes:
    """Every file of the package (code, templates, strings): a change to any of them,
    as when a toolkit is upgraded or edited in place, renders the pages again."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.digest()


def _folder_digest(folder: Path | None) -> str:
    if folder is None:
        return "none"
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def key(renderer: Renderer) -> str:
    """A digest of everything ``renderer.pages()`` draws from."""
    digest = hashlib.sha256(_package_digest())
    for part in (
        *(f"{name}=={installed(name)}" for name in LIBRARIES),
        repr(renderer.toolkit),
        # The page list (its items are the toolkit's own, above).
        repr([(p.src, p.ref, p.title, p.template, p.section) for p in renderer.addresses.pages]),
        f"{renderer.directory_urls}|{renderer.site_url}|{renderer.pdfs}",
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
    kept = _read(file, wanted)
    if kept is not None:
        return kept
    made = renderer.pages()
    _write(file, wanted, made)
    return made


def _read(file: Path, wanted: str) -> list[Page] | None:
    try:
        found = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(found, dict) or found.get("key") != wanted:
        return None
    entries = found.get("pages")
    if not isinstance(entries, list) or not all(
        isinstance(e, list) and len(e) == 3 and all(isinstance(v, str) for v in e) for e in entries
    ):
        return None
    return [Page(src, title, content) for src, title, content in entries]


def _write(file: Path, wanted: str, made: list[Page]) -> None:
    """Written whole or not at all: a build beside this one never reads half a file."""
    body = json.dumps({"key": wanted, "pages": [[p.src, p.title, p.content] for p in made]})
    part = file.with_name(f"{file.name}.{os.getpid()}.part")
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        part.write_text(body, encoding="utf-8")
        os.replace(part, file)
    except OSError:  # an unwritable cache: the next build renders again
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
