"""One timed build in a fresh Python process: ``python -m bench.worker build ...``.

Every build runs in its own process, so no run inherits
anything held in memory by the one before, and the toolkit build (a) and the
plain-Markdown build (b) are measured the same way. (What the toolkit keeps
on disk between builds, in ``.cache/toolkit/``, is kept between runs too, as
it is for ``mkdocs serve`` and for CI builds that keep that folder.) The
libraries both builds use are imported before the clock starts: the figure
is the build itself, not Python's start-up. Prints one line of JSON:
``{"seconds": ..., "cpu_seconds": ...}``
(wall-clock time, and the CPU time of the process, which a busy machine
disturbs less).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _import_libraries() -> None:
    """Import what either build uses, outside the timed part."""
    import material.plugins.search.plugin  # noqa: F401
    import mkdocs.commands.build  # noqa: F401
    import mkdocs.config  # noqa: F401
    import mkdocs_macros.plugin  # noqa: F401
    import pymdownx.details  # noqa: F401
    import pymdownx.superfences  # noqa: F401

    import partnership_toolkit.load  # noqa: F401
    import partnership_toolkit.mkdocs_plugin  # noqa: F401


def build(config_file: Path, site_dir: Path) -> None:
    """Build ``config_file`` (strict) into ``site_dir``."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()


def main(argv: list[str]) -> int:
    _import_libraries()
    wall, cpu = time.perf_counter(), time.process_time()
    if argv[:1] == ["build"] and len(argv) == 3:
        build(Path(argv[1]), Path(argv[2]))
    else:
        print("usage: python -m bench.worker build MKDOCS_YML SITE_DIR", file=sys.stderr)
        return 2
    print(
        json.dumps(
            {"seconds": time.perf_counter() - wall, "cpu_seconds": time.process_time() - cpu}
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
