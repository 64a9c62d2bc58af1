"""Run timed jobs and weigh what a built site sends to readers."""

from __future__ import annotations

import gzip
import json
import os
import posixpath
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent
ASSETS = "assets/toolkit/"


class JobFailed(RuntimeError):
    """A build or validation run failed; the message carries its output."""


@dataclass
class Job:
    """A worker process and the files its output goes to."""

    args: tuple[str, ...]
    process: subprocess.Popen[bytes]
    out: IO[bytes]
    err: IO[bytes]


def _spawn(options: tuple[str, ...], *args: str | Path) -> Job:
    """Start ``python OPTIONS ARGS`` in a fresh process, from the repository root."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # Output goes to files, not pipes: a job waiting for its pipe to be read
    # while the other job is awaited would be timed for the wait.
    out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    process = subprocess.Popen(
        [sys.executable, *options, *map(str, args)], cwd=ROOT, env=env, stdout=out, stderr=err
    )
    return Job(tuple(map(str, args)), process, out, err)


def _failed(args: tuple[str, ...], stderr: str) -> JobFailed:
    return JobFailed(f"{' '.join(args)} failed:\n{stderr[-4000:]}")


def start_job(*args: str | Path) -> Job:
    """Start ``python -m bench.worker ARGS`` in a fresh process."""
    return _spawn(("-m", "bench.worker"), *args)


def finish_job(job: Job) -> tuple[float, float]:
    """Wait for ``job``; its wall and CPU seconds."""
    try:
        job.process.wait()
        job.out.seek(0)
        job.err.seek(0)
        stdout = job.out.read().decode("utf-8", "replace")
        stderr = job.err.read().decode("utf-8", "replace")
    finally:
        job.out.close()
        job.err.close()
    if job.process.returncode != 0:
        raise _failed(job.args, stderr)
    figures = json.loads(stdout.strip().splitlines()[-1])
    return float(figures["seconds"]), float(figures["cpu_seconds"])


# Two jobs side by side swap processors this often. On the shared machine
# the benchmark was written on, one processor was often much slower than the
# other for a while (the same 4 s build, pinned to each at the same moment,
# took 3.3 s on one and 5.0 s on the other), so a job that stayed on one
# processor was timed for that processor's luck as much as for its own work.
# Taking turns gives each job half its time on each.
SWAP_SECONDS = 0.25


def _processors() -> list[int]:
    """The two processors side-by-side jobs take turns on ([]: they are left to the system)."""
    if not hasattr(os, "sched_setaffinity"):
        return []
    allowed = sorted(os.sched_getaffinity(0))
    return allowed[:2] if len(allowed) >= 2 else []


def _take_turns(jobs: list[Job], watched: list[Job]) -> None:
    """Until one of ``watched`` ends, swap the running ``jobs`` between two processors."""
    processors = _processors()
    turn = 0
    while all(job.process.poll() is None for job in watched):
        if processors:
            running = [job for job in jobs if job.process.poll() is None]
            for i, job in enumerate(running):
                try:
                    os.sched_setaffinity(job.process.pid, {processors[(i + turn) % 2]})
                except OSError:  # it ended just now
                    pass
            turn += 1
        try:
            watched[0].process.wait(timeout=SWAP_SECONDS)
        except subprocess.TimeoutExpired:
            pass


def _stop(jobs: list[Job]) -> None:
    """Kill whichever of ``jobs`` still run, and close every job's output files."""
    for job in jobs:
        if job.process.poll() is None:
            job.process.kill()
            job.process.wait()
        job.out.close()
        job.err.close()


def run_jobs(*jobs: tuple[str | Path, ...]) -> list[tuple[float, float]]:
    """Run the jobs at the same time; each one's wall and CPU seconds, in order.

    If one fails, the others are stopped before the failure is reported, so
    none is left writing into a folder that is about to be deleted.
    """
    started: list[Job] = []
    try:
        for args in jobs:
            started.append(start_job(*args))
        results: dict[int, tuple[float, float]] = {}
        while len(results) < len(started):
            pending = [job for i, job in enumerate(started) if i not in results]
            _take_turns(started, pending)
            for i, job in enumerate(started):
                if i not in results and job.process.poll() is not None:
                    results[i] = finish_job(job)  # a failure stops the others at once
        return [results[i] for i in range(len(started))]
    finally:
        _stop(started)


def run_beside(
    long: tuple[str | Path, ...],
    short: tuple[str | Path, ...],
    before_short: Callable[[], None] = lambda: None,
) -> tuple[tuple[float, float], list[tuple[float, float]]]:
    """Run the ``long`` job once, and the ``short`` job again and again beside it.

    The short job starts again each time it ends, for as long as the long
    one runs, so that both are measured under the same conditions on the
    machine. ``before_short`` runs before each start (outside every timing).
    The run of the short job during which the long one ended went on alone
    for part of its time, so it is left out, unless it is the only one.
    Returns the long job's wall and CPU seconds, and each kept short run's.
    """
    started: list[Job] = []
    try:
        started.append(start_job(*long))
        shorts: list[tuple[float, float]] = []
        while True:
            before_short()
            started.append(start_job(*short))
            _take_turns([started[0], started[-1]], [started[-1]])
            figures = finish_job(started[-1])
            if started[0].process.poll() is None:
                shorts.append(figures)
                continue
            if not shorts:
                shorts.append(figures)
            return finish_job(started[0]), shorts
    finally:
        _stop(started)


def run_job(*args: str | Path) -> tuple[float, float]:
    """Run one job on its own; its wall and CPU seconds."""
    return finish_job(start_job(*args))


# Runs ``-m MODULE ARGS`` or ``-c CODE`` and, as the process ends, writes its
# own peak memory (VmHWM: since its exec, so not the parent's memory that a
# forked child starts with, which ru_maxrss would count) to the file named
# in TK_PEAK_FILE.
_PEAK = """
import atexit, os, runpy, sys
def _peak():
    with open("/proc/self/status", encoding="ascii") as status:
        kib = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(os.environ["TK_PEAK_FILE"], "w", encoding="ascii") as out:
        out.write(kib)
atexit.register(_peak)
how, what, *rest = sys.argv[1:]
sys.argv = [what, *rest]
if how == "-m":
    runpy.run_module(what, run_name="__main__", alter_sys=True)
else:
    exec(compile(what, "<string>", "exec"), {"__name__": "__main__"})
"""


def peak_memory(*args: str | Path) -> int:
    """Run ``python -m MODULE ARGS`` or ``python -c CODE`` on its own; the most
    memory its process held at once (its peak resident set), in bytes."""
    with tempfile.NamedTemporaryFile(suffix=".peak") as peak:
        os.environ["TK_PEAK_FILE"] = peak.name
        try:
            job = _spawn(("-c", _PEAK), *args)
        finally:
            del os.environ["TK_PEAK_FILE"]
        _end_alone(job, lambda: job.process.wait())
        return int(Path(peak.name).read_text(encoding="ascii")) * 1024


def _end_alone(job: Job, wait: Callable[[], object]) -> None:
    """Wait for a job run on its own (``wait``), and raise if it failed."""
    try:
        wait()
        if job.process.returncode != 0:
            job.err.seek(0)
            raise _failed(job.args, job.err.read().decode("utf-8", "replace"))
    finally:
        job.out.close()
        job.err.close()


def run_command(*args: str | Path) -> tuple[float, float]:
    """Run ``python ARGS`` on its own, as a person would at the command line; its
    wall and CPU seconds from start to end, Python's start-up and imports included."""
    wall = time.perf_counter()
    job = _spawn((), *args)
    ended: dict[str, Any] = {}

    def wait() -> None:
        # wait4 gives the CPU time of this one process, whatever else has ended.
        _, status, ended["usage"] = os.wait4(job.process.pid, 0)
        ended["wall"] = time.perf_counter() - wall
        job.process.returncode = os.waitstatus_to_exitcode(status)

    _end_alone(job, wait)
    return ended["wall"], ended["usage"].ru_utime + ended["usage"].ru_stime


@dataclass
class Runs:
    """Repeated measurements of one thing: wall-clock and CPU seconds of each run."""

    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)

    def add(self, figures: tuple[float, float]) -> float:
        self.seconds.append(figures[0])
        self.cpu_seconds.append(figures[1])
        return figures[0]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu_seconds)

    def as_dict(self) -> dict[str, object]:
        return {
            "median": round(self.median, 4),
            "runs": [round(s, 4) for s in self.seconds],
            "cpu_median": round(self.cpu_median, 4),
            "cpu_runs": [round(s, 4) for s in self.cpu_seconds],
        }


def gzipped(data: bytes) -> int:
    """Bytes after gzip at the level web servers commonly use (6)."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


_TAG = re.compile(r"<(link|script)\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def references(html: str) -> list[str]:
    """The stylesheets and scripts a page loads (a regular expression is enough for
    MkDocs' own markup, and an HTML parser is far too slow for 1,000 pages with a
    big navigation)."""
    urls = []
    for found in _TAG.finditer(html):
        attrs = {
            m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
            for m in _ATTR.finditer(found.group(2))
        }
        if found.group(1).lower() == "link" and "stylesheet" in attrs.get("rel", "").split():
            urls.append(attrs.get("href", ""))
        elif found.group(1).lower() == "script" and attrs.get("src"):
            urls.append(attrs["src"])
    return [url for url in urls if url]


def pages(site: Path) -> list[Path]:
    """Every HTML page of a built site (the 404 page is not a page readers browse to)."""
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).as_posix() != "404.html")


def toolkit_assets_per_page(site: Path) -> dict[str, object]:
    """Gzipped bytes of the toolkit's own CSS and JavaScript that each page loads."""
    sizes: dict[str, int] = {}
    per_page: list[int] = []
    heaviest = ""
    for page in pages(site):
        here = posixpath.dirname(page.relative_to(site).as_posix())
        total = 0
        for url in references(page.read_text(encoding="utf-8")):
            target = posixpath.normpath(posixpath.join(here, url.split("?")[0].split("#")[0]))
            if not target.startswith(ASSETS):
                continue
            if target not in sizes:
                sizes[target] = gzipped((site / target).read_bytes())
            total += sizes[target]
        if not per_page or total > max(per_page):
            heaviest = page.relative_to(site).as_posix()
        per_page.append(total)
    return {
        "per_page_gzip_max": max(per_page, default=0),
        "per_page_gzip_median": int(statistics.median(per_page)) if per_page else 0,
        "heaviest_page": heaviest,
        "files_gzip": dict(sorted(sizes.items())),
        "files_raw": {name: (site / name).stat().st_size for name in sorted(sizes)},
    }


def page_html(site: Path, sample: int = 50) -> dict[str, int]:
    """Bytes of a page's own HTML (navigation included), over up to ``sample`` pages."""
    every = pages(site)
    step = max(1, len(every) // sample)
    raw = [p.read_bytes() for p in every[::step]]
    return {
        "raw_median": int(statistics.median(len(r) for r in raw)),
        "gzip_median": int(statistics.median(gzipped(r) for r in raw)),
        "pages_sampled": len(raw),
    }


def search_index(site: Path) -> dict[str, int]:
    data = (site / "search" / "search_index.json").read_bytes()
    return {"raw": len(data), "gzip": gzipped(data)}


def at_most(name: str, value: float, limit: float, note: str) -> dict[str, Any]:
    """A target met when ``value`` is at most ``limit``, as ``python -m bench`` prints it."""
    return {
        "name": name,
        "target": f"<= {limit:.2f}",
        "value": value,
        "met": value <= limit,
        "note": note,
    }
