"""The files the toolkit publishes under ``assets/toolkit/``.

The stylesheets of ``assets/`` and the scripts joined from ``scripts/``
(bundles.py), minified as served. Most pages load the shared ones; a
checklist, template or health-check page links its own besides (see
templates/_page_assets.html), so other pages stay light.
"""

from __future__ import annotations

from importlib import resources

import rcssmin
import rjsmin

from . import bundles

FOLDER = "assets/toolkit"
# Assets only some pages need: each checklist or template page links them
# itself (see templates/_page_assets.html), so other pages stay light.
PAGE_ASSETS = ("checklist.", "template.", "assessment.", "chooser.")


def files() -> list[tuple[str, bytes]]:
    """Every file the toolkit publishes under assets/toolkit/: the files of
    ``assets/`` and the scripts joined from ``scripts/`` (bundles.py)."""
    folder = resources.files("partnership_toolkit").joinpath("assets")
    out = [
        (entry.name, entry.read_bytes())
        for entry in folder.iterdir()
        if entry.is_file() and not entry.name.startswith(".")
    ]
    out += [(name, bundles.bundle(name).encode("utf-8")) for name in bundles.BUNDLES]
    return sorted(out)


def every_page(suffix: str) -> list[str]:
    """The package's stylesheets or scripts that every page loads: toolkit.* (what
    the others share) first, then the rest in file-name order."""
    return sorted(
        (name for name, _ in files() if name.endswith(suffix) and not name.startswith(PAGE_ASSETS)),
        key=lambda name: (not name.startswith("toolkit."), name),
    )


def minified(name: str, content: bytes) -> bytes:
    """The asset as served: minified, so each page carries fewer bytes."""
    if name.endswith(".js"):
        return rjsmin.jsmin(content.decode("utf-8")).encode("utf-8")
    if name.endswith(".css"):
        return rcssmin.cssmin(content.decode("utf-8")).encode("utf-8")
    return content
