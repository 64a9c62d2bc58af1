"""What comparing health-check answers costs in the browser (``python -m bench --compare``).

The default toolkit is copied and its health check grown to 60 statements
(each section's statements again, under new ids, until there are 60). The
copy is built, served from this process, and opened in Debian's Chromium.
Each round drops answer files on the compare page, as a reader drops them
from a folder, and times from the drop to the next frame after the page has
drawn every statement and said how many files it took ("to visible"). A
round with 1 file and a round with 20 take turns, each on a freshly loaded
page with nothing saved, so the two are measured at the same time of the
same run; the figure is the ratio of the medians, with the medians
themselves, unthrottled and with the CPU slowed four times (as a cheap
phone or an old laptop). BENCHMARKS.md explains the figures.
"""

from __future__ import annotations

import copy
import functools
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from . import default

ASSESSMENT = "health-check"
COMPARE = f"assessments/{ASSESSMENT}/compare/"
STATEMENTS = 60
FILES = (1, 20)
THROTTLES = (1, 4)

# A drop of answer files on the compare page, timed in the page from the drop
# event: "first" to the frame after the status line says what was taken (the
# first statements are drawn by then), "all" to the frame after the last
# statement is drawn (the results are busy until then), layout included.
MEASURE = """async (files) => {
  const root = document.querySelector(".tk-compare");
  const status = root.querySelector("[data-tk-status]");
  const results = root.querySelector("[data-tk-results]");
  const drop = root.querySelector("[data-tk-drop]");
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(new File([f.text], f.name, {type: "application/json"}));
  const before = status.textContent;
  const framed = (then) => {
    void document.body.offsetHeight;  // the layout of what was drawn
    requestAnimationFrame(() => setTimeout(then, 0));
  };
  return await new Promise((resolve) => {
    let start = 0, first = 0;
    const done = () => framed(() => resolve({
      first: first, all: performance.now() - start, status: status.textContent,
      statements: root.querySelectorAll(".tk-compare__statement").length,
    }));
    const busy = new MutationObserver(() => {
      if (results.getAttribute("aria-busy") !== "false") return;
      busy.disconnect();
      done();
    });
    const seen = new MutationObserver(() => {
      if (status.textContent === before) return;
      seen.disconnect();
      framed(() => {
        first = performance.now() - start;
        if (results.getAttribute("aria-busy") === "false") done();
        else busy.observe(results, {attributes: true, attributeFilter: ["aria-busy"]});
      });
    });
    seen.observe(status, {childList: true, subtree: true, characterData: true});
    start = performance.now();
    drop.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
  });
}"""


def project(work: Path, statements: int = STATEMENTS) -> Path:
    """A copy of the default toolkit whose health check has ``statements`` statements."""
    out = default.copy_default(work, "compare-project")
    path = out / "data" / "assessments" / f"{ASSESSMENT}.yml"
    check = yaml.safe_load(path.read_text(encoding="utf-8"))
    originals = [list(section["statements"]) for section in check["sections"]]
    total = sum(len(s) for s in originals)
    again = 1
    while total < statements:
        again += 1
        for section, own in zip(check["sections"], originals, strict=True):
            for st in own:
                if total == statements:
                    break
                # A deep copy: YAML writes a shared value as an alias, which the loader refuses.
                section["statements"].append({**copy.deepcopy(st), "id": f"{st['id']}-{again}"})
                total += 1
    path.write_text(yaml.safe_dump(check, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


def build(project_dir: Path, site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PDF": "false"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project_dir / "mkdocs.yml")]
        + ["-d", str(site)],
        check=True,
        env=env,
    )


def answer_files(check: Any, count: int) -> list[dict[str, str]]:
    """``count`` partners' answer files, as the health check's page exports them:
    every statement answered, scores varied by partner and statement, a note on each."""
    files = []
    ids = [st.id for st in check.statements]
    for n in range(count):
        answers = {
            sid: {"value": str(1 + (n + i) % 5), "note": f"Partner {n + 1} on statement {i + 1}"}
            for i, sid in enumerate(ids)
        }
        answers[ids[(n * 7) % len(ids)]] = {"value": "dont-know", "note": ""}
        body = {
            "format": "partnership-toolkit-assessment-answers",
            "assessment": check.id,
            "title": check.title,
            "version": check.version,
            "label": f"Partner organisation {n + 1}",
            "saved": "2026-12-01T10:00:00Z",
            "answers": answers,
        }
        files.append({"name": f"partner-{n + 1}.json", "text": json.dumps(body, indent=2)})
    return files


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """The built site over HTTP on a free local port, for as long as the block runs."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def drop_once(page: Any, url: str, files: list[dict[str, str]]) -> dict[str, Any]:
    """Open the compare page with nothing saved, drop ``files`` on it, and time it."""
    page.goto(url + COMPARE)
    page.evaluate("() => localStorage.clear()")
    page.reload()
    page.locator(".tk-compare .tk-toolbar:not([hidden])").wait_for()
    result = page.evaluate(MEASURE, files)
    if str(len(files)) not in result["status"] or not result["statements"]:
        raise RuntimeError(
            f"the compare page did not take {len(files)} files: {result['status']!r}"
        )
    return result


def rounds(
    page: Any,
    url: str,
    check: Any,
    repeat: int,
    sizes: tuple[int, ...] = FILES,
    log: Callable[[str], None] = lambda _: None,
) -> dict[str, dict[int, list[float]]]:
    """``repeat`` timed drops of each number of files, taking turns (the order
    reversed every other round), after one untimed drop of each to warm up."""
    made = {n: answer_files(check, n) for n in sizes}
    for n in sizes:
        drop_once(page, url, made[n])
    times: dict[str, dict[int, list[float]]] = {"first": {n: [] for n in sizes}}
    times["all"] = {n: [] for n in sizes}
    for r in range(repeat):
        for n in sizes if r % 2 == 0 else tuple(reversed(sizes)):
            result = drop_once(page, url, made[n])
            for what in ("first", "all"):
                times[what][n].append(result[what])
        log(
            "compare "
            + ", ".join(
                f"{n} files {times['first'][n][-1]:.0f} ms first, {times['all'][n][-1]:.0f} ms all"
                for n in sizes
            )
        )
    return times


def summary(times: dict[str, dict[int, list[float]]]) -> dict[str, Any]:
    """For "first" and "all": every time, the medians, and most files / fewest."""
    out: dict[str, Any] = {}
    for what, by_files in times.items():
        sizes = sorted(by_files)
        medians = {n: statistics.median(by_files[n]) for n in sizes}
        out[what] = {
            "ms": {str(n): by_files[n] for n in sizes},
            "median_ms": {str(n): round(medians[n], 1) for n in sizes},
            "ratio": round(medians[sizes[-1]] / medians[sizes[0]], 3),
        }
    return out


# "Instant": the usual limit for a response to feel immediate is 0.1 s, and for
# a wait that keeps the reader's train of thought, 1 s.
MAX_FIRST_MS = 100
MAX_ALL_SLOW_MS = 1000


def targets(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """The comparison's targets, in the form ``python -m bench`` prints them."""
    few, many = (str(n) for n in (min(figures["files"]), max(figures["files"])))
    first, slow, fast = figures["x1"]["first"], figures["x4"]["all"], figures["x1"]["all"]
    return [
        {
            "name": f"compare {many} files of {figures['statements']} statements: "
            "first statements shown (ms)",
            "target": f"<= {MAX_FIRST_MS}",
            "value": first["median_ms"][many],
            "met": first["median_ms"][many] <= MAX_FIRST_MS,
            "note": f"{first['ratio']} times {few} file ({first['median_ms'][few]} ms)",
        },
        {
            "name": f"compare {many} files, every statement drawn, CPU slowed x4 (ms)",
            "target": f"<= {MAX_ALL_SLOW_MS}",
            "value": slow["median_ms"][many],
            "met": slow["median_ms"][many] <= MAX_ALL_SLOW_MS,
            "note": (
                f"{slow['ratio']} times {few} file; unthrottled {fast['median_ms'][many]} ms, "
                f"{fast['ratio']} times {few} file"
            ),
        },
    ]


def cost(work: Path, repeat: int, log: Callable[[str], None]) -> dict[str, Any]:
    """Comparing 20 partners' files of 60 statements against comparing one."""
    from playwright.sync_api import sync_playwright

    from partnership_toolkit.load import load

    project_dir = project(work)
    site = work / "compare-site"
    build(project_dir, site)
    check = next(a for a in load(project_dir / "data").assessments if a.id == ASSESSMENT)
    out: dict[str, Any] = {"statements": len(check.statements), "files": list(FILES)}
    with serve(site) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium") or None)
        try:
            page = browser.new_page()
            cdp = page.context.new_cdp_session(page)
            for rate in THROTTLES:
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
                log(f"compare at CPU x{rate}:")
                out[f"x{rate}"] = summary(rounds(page, url, check, repeat, log=log))
        finally:
            browser.close()
    return out
