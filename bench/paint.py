"""First paint of the toolkit's pages against the same pages in plain Material
(``python -m bench --paint``).

What a reader on a slow laptop or phone waits for: the first contentful paint
of a page, with Chromium's CPU slowed four times. The default toolkit is
built, and two copies of the site are served side by side: as published, and
with every link to the toolkit's own stylesheets and scripts taken out of the
pages, which is each page as plain Material draws it. Each round loads every
page below once from each, the two taking turns, each a fresh navigation
with the HTTP cache as a returning reader has it (after one untimed load of
each). The figure is the ratio of the medians, as published / plain
Material, for each page and over all of them.
"""

from __future__ import annotations

import re
import shutil
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import compare, default, measure

# A guidance page, a checklist, the largest template and the health check.
PAGES = (
    "getting-started/scoping/",
    "checklists/getting-started/",
    "templates/partnership-agreement/",
    "assessments/health-check/",
)
THROTTLE = 4
WAYS = ("published", "plain Material")
# The target: as published / plain Material.
MAX_RATIO = 1.10

# The toolkit's own stylesheets and scripts, as every page links them.
TOOLKIT_ASSETS = re.compile(
    r'<link rel="stylesheet" href="[^"]*assets/toolkit/[^"]*">\s*'
    r'|<script src="[^"]*assets/toolkit/[^"]*"[^>]*></script>\s*'
)

FIRST_PAINT = """() => new Promise((resolve) => {
  const seen = () => performance.getEntriesByName("first-contentful-paint")[0];
  if (seen()) return resolve(seen().startTime);
  new PerformanceObserver(() => seen() && resolve(seen().startTime))
    .observe({type: "paint", buffered: true});
})"""


def paint_once(page: Any, url: str) -> float:
    """Milliseconds from navigation to the first contentful paint of ``url``."""
    page.goto(url, wait_until="load")
    return float(page.evaluate(FIRST_PAINT))


def without_toolkit_assets(site: Path, out: Path) -> Path:
    """A copy of ``site`` whose pages link none of the toolkit's stylesheets and scripts."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(site, out)
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        page.write_text(TOOLKIT_ASSETS.sub("", html), encoding="utf-8")
    if "assets/toolkit/" in (out / PAGES[2] / "index.html").read_text(encoding="utf-8"):
        raise RuntimeError("the plain copy still links the toolkit's assets")
    return out


def cost(work: Path, repeat: int, log: Callable[[str], None]) -> dict[str, Any]:
    """Each page's first paint, published and as plain Material, ``repeat`` rounds."""
    from playwright.sync_api import sync_playwright

    project = default.copy_default(work, "paint-project")
    site = work / "paint-site"
    compare.build(project, site)
    plain_site = without_toolkit_assets(site, work / "paint-plain-site")
    times: dict[str, dict[str, list[float]]] = {p: {w: [] for w in WAYS} for p in PAGES}
    with (
        compare.serve(site) as published,
        compare.serve(plain_site) as plain,
        sync_playwright() as pw,
    ):
        urls = {"published": published, "plain Material": plain}
        browser = pw.chromium.launch(executable_path=shutil.which("chromium") or None)
        try:
            tabs = {way: browser.new_context().new_page() for way in WAYS}
            for way, tab in tabs.items():
                cdp = tab.context.new_cdp_session(tab)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
                for address in PAGES:  # fills the HTTP cache: not timed
                    paint_once(tab, urls[way] + address)
            for n in range(repeat):
                for address in PAGES:
                    for way in WAYS if n % 2 == 0 else tuple(reversed(WAYS)):
                        ms = paint_once(tabs[way], urls[way] + address)
                        times[address][way].append(round(ms, 1))
                log(
                    f"first paint at x{THROTTLE}: "
                    + ", ".join(
                        f"{a} {times[a]['published'][-1]} / {times[a]['plain Material'][-1]} ms"
                        for a in PAGES
                    )
                )
        finally:
            browser.close()
    per_page = {}
    for address, by_way in times.items():
        medians = {way: statistics.median(ms) for way, ms in by_way.items()}
        per_page[address] = {
            "ms": by_way,
            "median_ms": {way: round(m, 1) for way, m in medians.items()},
            "ratio": round(medians["published"] / medians["plain Material"], 3),
        }
    all_times = {way: [ms for a in PAGES for ms in times[a][way]] for way in WAYS}
    overall = {way: statistics.median(ms) for way, ms in all_times.items()}
    return {
        "throttle": THROTTLE,
        "pages": per_page,
        "median_ms": {way: round(m, 1) for way, m in overall.items()},
        "ratio": round(overall["published"] / overall["plain Material"], 3),
    }


def targets(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """The first-paint target, in the form ``python -m bench`` prints it."""
    worst = max(figures["pages"].items(), key=lambda item: item[1]["ratio"])
    m = figures["median_ms"]
    return [
        measure.at_most(
            f"first paint at x{figures['throttle']}: as published / plain Material",
            figures["ratio"],
            MAX_RATIO,
            f"medians {m['published']} ms and {m['plain Material']} ms over "
            f"{len(figures['pages'])} pages; highest {worst[0]} at {worst[1]['ratio']}",
        )
    ]
