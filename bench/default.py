"""The default toolkit against its own plain export (``python -m bench --default``).

Most organisations publish a toolkit the size of the default one, where the
toolkit's fixed costs weigh most. The default toolkit (a copy of data/,
content/, overrides/ and mkdocs.yml) is built with the toolkit's plugins (a)
and as the plain Markdown ``toolkit export`` writes (b), each build in a
fresh process and each a at the same time as a b:

- warm: the toolkit's cache (``.cache/toolkit``) kept, as for ``mkdocs serve``
  and for CI that keeps that folder;
- cold: the cache emptied before each a, as on a fresh checkout;
- memory: the peak resident memory of one build of each, on its own.

The figures are ratios a / b of builds made side by side, so whatever slows
the machine slows both.
"""

from __future__ import annotations

import shutil
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import measure

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("mkdocs.yml", "data", "content", "overrides")

# The targets for the default toolkit, as a / b.
MAX_WARM = 1.10
MAX_COLD = 1.25
MAX_MEMORY = 1.25


def copy_default(work: Path, name: str) -> Path:
    """A copy of the default toolkit's project in ``work/name``."""
    project = work / name
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    for part in PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, project / part)
        elif source.is_file():
            shutil.copy(source, project / part)
    return project


def _pairs(
    plugin: Path, plain: Path, work: Path, repeat: int, before: Callable[[], None]
) -> list[float]:
    ratios = []
    for _ in range(repeat):
        before()
        (a, _), (b, _) = measure.run_jobs(
            ("build", plugin, work / "site-a"), ("build", plain, work / "site-b")
        )
        ratios.append(round(a / b, 3))
    return ratios


def cost(work: Path, repeat: int, log: Callable[[str], None]) -> dict[str, Any]:
    """Build the default toolkit ``repeat`` times each way, warm and cold."""
    from partnership_toolkit.export import export

    project = copy_default(work, "default-project")
    plugin = project / "mkdocs.yml"
    plain = Path(export(project, work / "default-plain"))
    cache = project / ".cache" / "toolkit"
    # The first builds fill the caches (the toolkit's, Python's): not timed.
    measure.run_job("build", plugin, work / "site-a")
    measure.run_job("build", plain, work / "site-b")
    warm = _pairs(plugin, plain, work, repeat, lambda: None)
    log(f"default toolkit, warm: plugin / plain {warm}")
    cold = _pairs(plugin, plain, work, repeat, lambda: shutil.rmtree(cache, ignore_errors=True))
    log(f"default toolkit, cold: plugin / plain {cold}")
    memory = {
        "plugin": measure.peak_memory("-m", "bench.worker", "build", plugin, work / "site-a"),
        "plain": measure.peak_memory("-m", "bench.worker", "build", plain, work / "site-b"),
    }
    log(f"default toolkit, peak memory: {memory}")
    return {
        "warm_ratios": warm,
        "cold_ratios": cold,
        "peak_memory_bytes": memory,
        "warm": statistics.median(warm),
        "cold": statistics.median(cold),
        "memory": round(memory["plugin"] / memory["plain"], 3),
    }


def targets(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """The default toolkit's targets, each with its figure and whether it is met."""
    mib = {k: round(v / 2**20, 1) for k, v in figures["peak_memory_bytes"].items()}
    rows = [
        ("default toolkit, warm build: plugin / plain", figures["warm"], MAX_WARM,
         f"median of {len(figures['warm_ratios'])} pairs: {figures['warm_ratios']}"),
        ("default toolkit, cold build (empty .cache/toolkit): plugin / plain", figures["cold"],
         MAX_COLD, f"median of {len(figures['cold_ratios'])} pairs: {figures['cold_ratios']}"),
        ("default toolkit, peak memory: plugin / plain", figures["memory"], MAX_MEMORY,
         f"{mib['plugin']} MiB against {mib['plain']} MiB"),
    ]  # fmt: skip
    return [
        {"name": name, "target": f"<= {limit:.2f}", "value": value, "met": value <= limit,
         "note": note}
        for name, value, limit, note in rows
    ]  # fmt: skip
