"""The Word files already made, kept between builds under ``.cache/toolkit/``.

A file is found again only when everything it is made from is unchanged: the
template, the toolkit's name and words, the code that writes it, and the
versions of the libraries that code uses (python-docx writes the file,
Markdown reads the guidance). A publishing workflow that restores the cache
therefore never republishes a file made by an older library.

Importing this module does not import python-docx: a build whose files all
come from the cache never loads it.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from .model import Template, Toolkit
from .versions import installed

KEY_LENGTH = 16
_KEY = re.compile(rf"[0-9a-f]{{{KEY_LENGTH}}}")
_LIBRARIES = ("python-docx", "markdown", "lxml")


def cache_key(toolkit: Toolkit, template: Template) -> str:
    """A digest of everything a template's Word file is made from: same key, same file."""
    code = resources.files("partnership_toolkit").joinpath("docx_export.py").read_bytes()
    digest = hashlib.sha256(code)
    for part in (
        repr(template),
        toolkit.title,
        toolkit.organisation.name,
        toolkit.licence_name,
        # The Word file cites the template's sources.
        repr([s for s in toolkit.sources if s.id in template.sources]),
        repr(sorted(toolkit.strings.items())),
        *(f"{name}=={installed(name)}" for name in _LIBRARIES),
    ):
        digest.update(b"\0" + part.encode("utf-8"))
    return digest.hexdigest()[:KEY_LENGTH]


def file_name(template_id: str, key: str) -> str:
    return f"{template_id}-{key}.docx"


def owned_by(name: str, template_id: str) -> bool:
    """Whether ``name`` is a cached file of ``template_id`` (and not of another
    template whose id merely starts the same way: ``a`` and ``a-b``)."""
    prefix, suffix = f"{template_id}-", ".docx"
    if not (name.startswith(prefix) and name.endswith(suffix)):
        return False
    return bool(_KEY.fullmatch(name[len(prefix) : -len(suffix)]))


def get(
    folder: Path,
    toolkit: Toolkit,
    template: Template,
    make: Callable[[], bytes],
    on_error: Callable[[str], None] = lambda message: None,
) -> bytes:
    """The template's Word file: from ``folder`` when nothing it is made from
    changed, else ``make()``, kept there in place of the template's older files."""
    cached = folder / file_name(template.id, cache_key(toolkit, template))
    if cached.is_file():
        return cached.read_bytes()
    data = make()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.iterdir():
            if stale != cached and owned_by(stale.name, template.id):
                stale.unlink(missing_ok=True)
        # Whole or not at all: another build at the same time (a test worker,
        # `mkdocs serve` beside `mkdocs build`) may be reading this name.
        part = cached.with_name(f".{cached.name}.{os.getpid()}.part")
        part.write_bytes(data)
        part.replace(cached)
    except OSError as err:  # a read-only checkout still builds, just slower
        on_error(f"could not cache {cached.name}: {err}")
    return data
