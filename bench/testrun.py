"""How long the README's test run takes (``python -m bench --tests``).

The README's test command sets up what is missing and then runs pytest with
its defaults (every test of every promise, browser tests included, the
opt-in benchmark runs left out). This runs that pytest, one test at a time
as the README's command does, and times it whole on the wall clock, with
the part without a browser timed on its own beside it (the part a change to
the Python code needs first). There is no baseline to compare with: the
target is a number of seconds on an idle 2-core machine.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import measure

ROOT = Path(__file__).resolve().parent.parent
# The target for the whole default run, in seconds.
MAX_SECONDS = 180.0
PARTS = {
    "whole run": [],
    "without a browser": ["-m", "not browser and not bench"],
}
_SUMMARY = re.compile(r"(\d+) passed")


def run_tests(options: list[str]) -> tuple[float, int]:
    """Wall-clock seconds of one pytest run with ``options``, and how many passed."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *options]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise measure.JobFailed(f"{' '.join(command)} failed:\n{done.stdout[-3000:]}")
    found = _SUMMARY.findall(done.stdout)
    return seconds, int(found[-1]) if found else 0


def cost(work: Path, repeat: int, log: Callable[[str], None]) -> dict[str, Any]:
    """Each part of the test run, timed once (a whole run takes minutes)."""
    out: dict[str, Any] = {}
    for part, options in PARTS.items():
        seconds, passed = run_tests(options)
        out[part] = {"seconds": round(seconds, 1), "passed": passed}
        log(f"tests, {part}: {passed} passed in {seconds:.0f} s")
    return out


def targets(figures: dict[str, Any]) -> list[dict[str, Any]]:
    whole, alone = figures["whole run"], figures["without a browser"]
    return [
        measure.at_most(
            "the README's test run, one test at a time (seconds)",
            whole["seconds"],
            MAX_SECONDS,
            f"{whole['passed']} tests; the {alone['passed']} without a browser "
            f"took {alone['seconds']} s",
        )
    ]
