"""Save to visible page under ``mkdocs serve`` (``python -m bench --serve``).

What an editor feels: the time from saving a file to seeing the change in the
browser tab ``mkdocs serve`` reloads. The default toolkit (a) and its plain
``toolkit export`` (b) are served side by side, each by its own ``mkdocs
serve`` on a free local port, and each open in its own Chromium tab. A round
saves the same edit in each, one after the other, and times from the save to
the moment the tab shows the new words (the reload MkDocs' livereload script
asks for, and the page drawn again):

- a data edit: a step's title, in ``data/stages/`` for a; for b, every file
  of the plain export the same edit changes (the step's page, and the menu,
  stage and cycle pages that show its title), found by exporting an edited
  copy of the project and comparing (``PlainEdits``);
- a content edit: the heading of a hand-written page, the same file in both.

Both ways ``mkdocs serve`` rebuilds are measured: ``--livereload`` (the
default: the whole site is built again) and ``--dirty`` (only what changed).
The figures are ratios of the medians, a / b, of rounds taken in turn.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from . import default, measure

MODES = ("livereload", "dirty")
# Each edit: (file in the toolkit project, in the plain export, the page both show
# it on, the heading before). For the data edit, b's files are found by PlainEdits.
EDITS = {
    "data": (
        "data/stages/getting-started.yml",
        "docs/getting-started/scoping.md",
        "getting-started/scoping/",
        "Scoping",
    ),
    "content": ("content/how-to-use.md", "docs/how-to-use.md", "how-to-use/", None),
}
# The targets, a / b of the median save-to-visible times.
MAX_RATIO = {"livereload": 1.10, "dirty": 1.20}
READY_SECONDS = 120
VISIBLE_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served(config: Path, mode: str) -> Iterator[str]:
    """``mkdocs serve`` of ``config`` in ``mode``, on a free port, until the block ends."""
    port = _free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config)]
    command += ["-a", f"127.0.0.1:{port}", "--livereload" if mode == "livereload" else "--dirty"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PDF": "false"}
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=config.parent
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# The page's heading as a reader sees it (without its permalink sign).
HEADING = """() => {
  const h = document.querySelector('.md-content h1');
  if (!h) return '';
  const words = h.cloneNode(true);
  words.querySelectorAll('.headerlink').forEach((link) => link.remove());
  return words.textContent.trim();
}"""


def _heading(page: Any) -> str:
    return str(page.evaluate(HEADING))


def _open(page: Any, url: str) -> None:
    """Open ``url`` once the server answers with the built page."""
    deadline = time.monotonic() + READY_SECONDS
    while True:
        try:
            response = page.goto(url)
            if response is not None and response.ok and _heading(page):
                return
        except Exception as err:  # the server is still making its first build
            if time.monotonic() > deadline:
                raise RuntimeError(f"mkdocs serve did not answer at {url}: {err}") from err
        if time.monotonic() > deadline:
            raise RuntimeError(f"mkdocs serve did not show a page at {url}")
        time.sleep(0.5)


def save_to_visible(page: Any, writes: dict[Path, bytes], shown: str) -> float:
    """Seconds from saving ``writes`` (each file's new bytes) to the page's heading
    reading ``shown``."""
    start = time.perf_counter()
    for path, data in writes.items():
        path.write_bytes(data)
    page.wait_for_function(
        f"(words) => ({HEADING})() === words",
        arg=shown,
        timeout=VISIBLE_SECONDS * 1000,
        polling="raf",
    )
    return time.perf_counter() - start


def replaced(path: Path, before: str, after: str) -> bytes:
    """``path``'s text with its first whole line ``before`` made ``after``."""
    text = path.read_text(encoding="utf-8")
    found = re.search(rf"^{re.escape(before)}$", text, re.M)
    if found is None:
        raise RuntimeError(f"{path}: the benchmark's edit found no line {before!r}")
    return (text[: found.start()] + after + text[found.end() :]).encode("utf-8")


class PlainEdits:
    """What the plain export's files become when the toolkit project's data is edited:
    a copy of the project, edited the same way and exported again, compared file by
    file with the export being served. So b's edit is the whole of a's (the step's
    page, and every menu, stage and cycle page that shows its title), not one line."""

    def __init__(self, project: Path, served: Path, work: Path) -> None:
        self.copy = work / "serve-scratch-project"
        if self.copy.exists():
            shutil.rmtree(self.copy)
        shutil.copytree(project, self.copy, ignore=shutil.ignore_patterns(".cache"))
        self.served = served
        self.work = work
        self.made = 0

    def writes(self, before: str, after: str) -> dict[Path, bytes]:
        from partnership_toolkit.export import export

        data = self.copy / EDITS["data"][0]
        data.write_bytes(replaced(data, before, after))
        self.made += 1
        out = Path(export(self.copy, self.work / f"serve-scratch-export-{self.made}")).parent
        writes = {}
        for path in sorted(out.rglob("*")):
            if path.is_file():
                target = self.served / path.relative_to(out)
                if not target.is_file() or target.read_bytes() != path.read_bytes():
                    writes[target] = path.read_bytes()
        shutil.rmtree(out)
        if not writes:
            raise RuntimeError("the data edit changed nothing in the plain export")
        return writes


def rounds(
    tabs: dict[str, Any],
    projects: dict[str, Path],
    urls: dict[str, str],
    repeat: int,
    plain: PlainEdits,
) -> dict[str, dict[str, list[float]]]:
    """``repeat`` timed saves of each edit in each variant, a and b in turn (the order
    reversed every other round), after one untimed save of each."""
    times: dict[str, dict[str, list[float]]] = {kind: {"a": [], "b": []} for kind in EDITS}
    for kind, (in_a, in_b, address, step_title) in EDITS.items():
        files = {"a": projects["a"] / in_a, "b": projects["b"] / in_b}
        for variant in ("a", "b"):
            _open(tabs[variant], urls[variant] + address)
        current = {v: _heading(tabs[v]) for v in ("a", "b")}
        if step_title is not None and current != {"a": step_title, "b": step_title}:
            raise RuntimeError(f"the pages to edit show {current}, not {step_title!r}")
        for n in range(repeat + 1):
            order = ("a", "b") if n % 2 == 0 else ("b", "a")
            for variant in order:
                old = current[variant]
                new = f"{old.split(' (edit')[0]} (edit {n + 1})"
                if kind == "data" and variant == "b":
                    writes = plain.writes(f"    title: {old}", f"    title: {new}")
                elif kind == "data":
                    writes = {
                        files["a"]: replaced(files["a"], f"    title: {old}", f"    title: {new}")
                    }
                else:
                    writes = {files[variant]: replaced(files[variant], f"# {old}", f"# {new}")}
                seconds = save_to_visible(tabs[variant], writes, new)
                current[variant] = new
                if n:  # the first save of each is not timed: it warms the rebuild
                    times[kind][variant].append(round(seconds, 3))
    return times


def summary(times: dict[str, dict[str, list[float]]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind, by_variant in times.items():
        medians = {v: statistics.median(s) for v, s in by_variant.items()}
        out[kind] = {
            "seconds": by_variant,
            "median_seconds": {v: round(m, 3) for v, m in medians.items()},
            "ratio": round(medians["a"] / medians["b"], 3),
        }
    return out


def cost(work: Path, repeat: int, log: Callable[[str], None]) -> dict[str, Any]:
    """Save to visible, a / b, for each way ``mkdocs serve`` rebuilds."""
    from playwright.sync_api import sync_playwright

    from partnership_toolkit.export import export

    out: dict[str, Any] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium") or None)
        try:
            for mode in MODES:
                # Fresh copies for each mode: every edit starts from the same files.
                project = default.copy_default(work, f"serve-{mode}-project")
                plain = Path(export(project, work / f"serve-{mode}-plain"))
                projects = {"a": project, "b": plain.parent}
                configs = {"a": project / "mkdocs.yml", "b": plain}
                with served(configs["a"], mode) as url_a, served(configs["b"], mode) as url_b:
                    tabs = {v: browser.new_page() for v in ("a", "b")}
                    plain_edits = PlainEdits(project, projects["b"], work)
                    times = rounds(tabs, projects, {"a": url_a, "b": url_b}, repeat, plain_edits)
                    for tab in tabs.values():
                        tab.close()
                out[mode] = summary(times)
                log(
                    f"serve --{mode}, save to visible: "
                    + ", ".join(
                        f"{kind} edit a {f['median_seconds']['a']} s / b "
                        f"{f['median_seconds']['b']} s = {f['ratio']}"
                        for kind, f in out[mode].items()
                    )
                )
        finally:
            browser.close()
    return out


def targets(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """The serve targets, in the form ``python -m bench`` prints them."""
    rows = []
    for mode in MODES:
        for kind, f in figures[mode].items():
            rows.append(
                measure.at_most(
                    f"mkdocs serve --{mode}, save to visible page ({kind} edit): plugin / plain",
                    f["ratio"],
                    MAX_RATIO[mode],
                    f"medians {f['median_seconds']['a']} s and "
                    f"{f['median_seconds']['b']} s of {len(f['seconds']['a'])} saves each",
                )
            )
    return rows
