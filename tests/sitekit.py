"""Helpers for tests that build and serve real sites: import them from here
(``from sitekit import build_site``), not from a conftest, since pytest loads
more than one conftest module under that name."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def build_site(
    project: Path, site_dir: Path, strict: bool = True, dirty: bool = False, **overrides: object
) -> Path:
    """Build the MkDocs project in ``project`` (strict unless told) into ``site_dir``;
    ``dirty``: only the pages whose files changed, as `mkdocs build --dirty`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(
        str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=strict, **overrides
    )
    config.plugins.on_startup(command="build", dirty=dirty)
    try:
        build(config, dirty=dirty)
    finally:
        config.plugins.on_shutdown()
    return site_dir


def copy_project(tmp_path: Path, data: Path | None = None, content: Path | None = None) -> Path:
    """A copy of this repository's site project in ``tmp_path``, optionally with other data."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(content or ROOT / "content", project / "content")
    shutil.copytree(data or ROOT / "data", project / "data")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    return project


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def serve(directory: Path) -> tuple[str, Callable[[], None]]:
    """Serve ``directory`` on a free localhost port; return its address and a stopper."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()

    return f"http://127.0.0.1:{server.server_address[1]}/", stop


def references(site: Path) -> list[tuple[str, str, str]]:
    """(page, tag, address) of every href and src in every built page."""
    from bs4 import BeautifulSoup

    found = []
    for path in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        page = path.relative_to(site).as_posix()
        for tag in soup.find_all(["a", "link", "script", "img", "iframe", "source"]):
            for attr in ("href", "src"):
                if tag.get(attr):
                    found.append((page, tag.name, tag[attr]))
    return found


def broken_internal_links(site: Path) -> tuple[list[str], int]:
    """The links and sources in the built pages that name a file the build did not make,
    and how many were checked."""
    broken, checked = [], 0
    for page, _tag, address in references(site):
        parts = urlsplit(address)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        # The 404 page is served at any depth, so it links from the site root.
        base = site if parts.path.startswith("/") else site / Path(page).parent
        target = (base / parts.path.lstrip("/")).resolve()
        if target.is_dir():
            target = target / "index.html"
        checked += 1
        if not target.is_file():
            broken.append(f"{page}: {address}")
    return broken, checked
