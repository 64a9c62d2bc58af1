"""The next page after a click, as shipped and with the site's address set
(``python -m bench --navigate``).

Material's instant navigation fetches only the next page's HTML and swaps
it in, but only on a site whose ``site_url`` is set; as shipped, with it
empty, a click loads the whole next page again. The default toolkit is built
both ways, each served from this process at the address it was built for,
and opened in Chromium at x4 CPU throttle (as a slow laptop or phone). Each
round opens a step page in each, clicks its "Next" link and times from the
click to the next page's heading being shown, counting the files fetched;
the two take turns. Files are served with GitHub Pages' caching (ten
minutes), so what the browser has from the first page is not fetched again;
the files counted are those the server was asked for. The figure is the
ratio of the medians, as shipped / with ``site_url`` set.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import socket
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from . import compare, default, measure

START = "getting-started/scoping/"
NEXT_HEADING = "Finding partners"
THROTTLE = 4
WAYS = ("as shipped", "site_url set")
# The target: as shipped / with site_url set.
MAX_RATIO = 1.0

HEADING = """(words) => {
  const h = document.querySelector('.md-content h1');
  if (!h) return false;
  const shown = h.cloneNode(true);
  shown.querySelectorAll('.headerlink').forEach((link) => link.remove());
  return shown.textContent.trim() === words;
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _LikeGitHubPages(compare._Quiet):
    """Files served with the caching GitHub Pages gives them (ten minutes), so a file
    the browser already has is not asked for again, as on most published toolkits;
    ``asked`` counts the files the server was asked for."""

    asked: list[str]

    def do_GET(self) -> None:  # noqa: N802 - the base's name
        self.asked.append(self.path)
        super().do_GET()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


@contextmanager
def served_at(site: Path, port: int) -> Iterator[tuple[str, list[str]]]:
    """``site`` over HTTP on ``port``, the address it was built for, and the list of
    what the server is asked for."""
    asked: list[str] = []
    handler = functools.partial(
        type("Handler", (_LikeGitHubPages,), {"asked": asked}), directory=str(site)
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}/", asked
    finally:
        server.shutdown()
        server.server_close()


def build(work: Path, site_url: str, name: str) -> Path:
    project = default.copy_default(work, f"navigate-{name}-project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if 'site_url: ""' not in text:
        raise RuntimeError('the default mkdocs.yml no longer sets site_url to ""')
    config.write_text(text.replace('site_url: ""', f'site_url: "{site_url}"', 1), "utf-8")
    site = work / f"navigate-{name}-site"
    compare.build(project, site)
    return site


def next_page(page: Any, url: str, asked: list[str]) -> tuple[float, int]:
    """Milliseconds from clicking "Next" on the start page to the next page's heading,
    and how many files the server was asked for meanwhile."""
    page.goto(url + START, wait_until="networkidle")
    before = len(asked)
    start = time.perf_counter()
    page.locator("a.md-footer__link--next").click()
    page.wait_for_function(HEADING, arg=NEXT_HEADING, polling="raf")
    ms = (time.perf_counter() - start) * 1000
    return ms, len(asked) - before


def cost(work: Path, repeat: int, log: Callable[[str], None]) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    ports = {way: _free_port() for way in WAYS}
    sites = {
        "as shipped": build(work, "", "shipped"),
        "site_url set": build(work, f"http://127.0.0.1:{ports['site_url set']}/", "addressed"),
    }
    times: dict[str, list[float]] = {way: [] for way in WAYS}
    files: dict[str, list[int]] = {way: [] for way in WAYS}
    with (
        served_at(sites["as shipped"], ports["as shipped"]) as shipped,
        served_at(sites["site_url set"], ports["site_url set"]) as addressed,
        sync_playwright() as pw,
    ):
        urls = {"as shipped": shipped[0], "site_url set": addressed[0]}
        asked = {"as shipped": shipped[1], "site_url set": addressed[1]}
        browser = pw.chromium.launch(executable_path=shutil.which("chromium") or None)
        try:
            for n in range(repeat + 1):
                for way in WAYS if n % 2 == 0 else tuple(reversed(WAYS)):
                    # A fresh context each time: the HTTP cache as after one visit.
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(urls[way] + START, wait_until="load")  # fills the cache
                    cdp = context.new_cdp_session(page)
                    cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
                    ms, fetched = next_page(page, urls[way], asked[way])
                    context.close()
                    if n:  # the first round warms the servers and the browser: not timed
                        times[way].append(round(ms, 1))
                        files[way].append(fetched)
                if n:
                    log(
                        "next page at x4: "
                        + ", ".join(f"{w} {times[w][-1]} ms ({files[w][-1]} files)" for w in WAYS)
                    )
        finally:
            browser.close()
    medians = {way: statistics.median(ms) for way, ms in times.items()}
    return {
        "throttle": THROTTLE,
        "ms": times,
        "files_fetched": files,
        "median_ms": {way: round(m, 1) for way, m in medians.items()},
        "ratio": round(medians["as shipped"] / medians["site_url set"], 3),
    }


def targets(figures: dict[str, Any]) -> list[dict[str, Any]]:
    m, f = figures["median_ms"], figures["files_fetched"]
    return [
        measure.at_most(
            f"next page after a click at x{figures['throttle']}: as shipped / site_url set",
            figures["ratio"],
            MAX_RATIO,
            f"medians {m['as shipped']} ms and {m['site_url set']} ms; files fetched "
            f"{statistics.median(f['as shipped'])} and {statistics.median(f['site_url set'])}",
        )
    ]
