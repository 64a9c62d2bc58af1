"""The installed version of a library, for the keys of the build's caches: a cache
entry made with one release of a library is never used with another."""

from __future__ import annotations

import functools
from importlib import metadata


@functools.cache
def installed(distribution: str) -> str:
    """``distribution``'s version, or "absent" when it is not installed (or has no
    metadata)."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "absent"
