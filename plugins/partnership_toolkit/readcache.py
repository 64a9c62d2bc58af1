"""The data files already read, kept on disk between runs."""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path as FsPath

import yaml

from .source import Document, _Loader


class Cache:
    """Data files already read, kept on disk between runs (``.cache/toolkit/data/``).

    Reading YAML is most of the time a big toolkit takes to load, and between
    two builds (or two runs of ``toolkit validate``) most files have not
    changed. An entry is named by a digest of the file's bytes, in a folder
    named by a digest of how files are read (this module's code, PyYAML's
    version and Python's), so an edited file, or another version of the
    toolkit, never finds an old entry, and two environments sharing the
    folder (say a build and a pre-commit hook) keep their entries apart.

    Only files read without a problem are kept: a file with a mistake is read
    again every time, so its messages always come from the file as it is now.
    Entries are written with :mod:`marshal`, so reading one builds plain values
    and runs no code. A folder that cannot be written (a read-only checkout)
    just means every file is read from its YAML.
    """

    SUFFIX = ".marshal"
    STALE_DAYS = 30  # another version's entries, unused this long, are removed
    _TMP_MINUTES = 10  # a half-written entry older than this was left by a stopped run

    def __init__(self, folder: FsPath) -> None:
        self.top = folder
        self.folder = folder / _reader_digest().hex()[:16]
        self.used: set[str] = set()
        self.writable = True
        self._made = False  # whether this run has made sure the folder exists

    def key(self, raw: bytes) -> str:
        return hashlib.blake2b(raw, digest_size=16).hexdigest()

    def get(self, key: str, display: str) -> Document | None:
        try:
            entry = marshal.loads((self.folder / (key + self.SUFFIX)).read_bytes())
        except (OSError, EOFError, ValueError, TypeError):  # missing, cut short, or not ours
            return None
        if not (
            isinstance(entry, tuple)
            and len(entry) == 4
            and isinstance(entry[1], dict)
            and isinstance(entry[2], dict)
            and isinstance(entry[3], list)
        ):
            return None
        self.used.add(key)
        value, marks, key_marks, marked_up = entry
        return Document(display, value, marks, key_marks, marked_up)

    def put(self, key: str, doc: Document) -> None:
        self.used.add(key)
        if not self.writable:
            return
        try:
            data = marshal.dumps((doc.value, doc.marks, doc.key_marks, doc.marked_up))
        except ValueError:  # a value marshal cannot hold, e.g. a YAML date: not kept
            return
        if not self._made:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
            except OSError:
                self.writable = False
                return
            self._made = True
        try:
            # Written beside the entry and renamed into place, so a run reading
            # at the same moment (``mkdocs serve`` and ``toolkit validate``)
            # never sees half an entry.
            fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, self.folder / (key + self.SUFFIX))
        except OSError:  # this entry only: it is simply read from YAML next time
            pass

    def prune(self) -> None:
        """Delete this version's entries that this run did not use (files since
        edited or removed), other versions' folders left unused for a month, and
        half-written entries of stopped runs."""
        if not self.writable:
            return
        now = time.time()
        try:
            for entry in self.folder.iterdir():
                age = now - entry.stat().st_mtime
                if (entry.suffix == self.SUFFIX and entry.stem not in self.used) or (
                    entry.suffix == ".tmp" and age > 60 * self._TMP_MINUTES
                ):
                    entry.unlink()
            for other in self.top.iterdir():
                if other.is_file():  # not an entry of any version
                    other.unlink()
                elif other != self.folder and now - other.stat().st_mtime > 86400 * self.STALE_DAYS:
                    shutil.rmtree(other, ignore_errors=True)
        except OSError:  # removed by another run meanwhile: nothing to do
            pass


@functools.cache
def _reader_digest() -> bytes:
    """What an entry depends on besides the file: how the file is read, and the
    Python whose marshal format the entry is in."""
    how = (
        FsPath(__file__).with_name("source.py").read_bytes()
        + FsPath(__file__).with_name("textcheck.py").read_bytes()
        + yaml.__version__.encode()
        + _Loader.__name__.encode()
        + sys.version.encode()
    )
    return hashlib.blake2b(how, digest_size=32).digest()
