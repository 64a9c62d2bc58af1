"""Parse the data files of one data folder, before any of them is checked.

Each file is read with its line numbers (see :mod:`.source`); a file whose
name is not a valid id, or an entry the folder should not hold (see
:func:`.layout.check_layout`), is reported and not read.
"""

from __future__ import annotations

import re
from pathlib import Path as FsPath

from . import layer, layout, source
from .context import LoadContext
from .kinds import KINDS
from .problems import Problem

ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


Parsed = tuple[FsPath, source.Document | None, list[Problem]]


def parse_folder(data_dir: FsPath, ctx: LoadContext) -> tuple[dict[layer.Key, Parsed], set[FsPath]]:
    """Every data file of one data folder, parsed but not yet checked, and the
    entries refused (see :func:`.layout.check_layout`)."""
    refused = layout.check_layout(data_dir, ctx)
    out: dict[layer.Key, Parsed] = {}
    for kind in KINDS:
        location = data_dir / kind.LOCATION
        if kind.LOCATION.endswith("/"):
            for path in sorted(location.glob("*.yml")) if location.is_dir() else ():
                if path in refused:
                    continue
                if not ID.match(path.stem):
                    ctx.add(
                        [
                            Problem(
                                ctx.display(path),
                                1,
                                1,
                                "",
                                f"the file name '{path.name}'"
                                " is not a valid id; use lower-case letters, digits and "
                                "hyphens, e.g. 'finding-partners.yml'",
                            )
                        ]
                    )
                    continue
                out[(kind.LOCATION, path.stem)] = (path, *parse_file(path, ctx))
        elif location.is_file() and location not in refused:
            out[(kind.LOCATION, "")] = (location, *parse_file(location, ctx))
    return out, refused


def parse_file(path: FsPath, ctx: LoadContext) -> tuple[source.Document | None, list[Problem]]:
    return source.read(path, ctx.display(path), ctx.cache)
