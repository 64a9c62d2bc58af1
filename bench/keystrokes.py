"""Typing in a template, with the page's scripts on and with them blocked
(``python -m bench --typing``; bench/keystrokes.py).

What a partner filling in an agreement on a slow laptop or phone feels: the
time each keystroke takes to be handled, with Chromium's CPU slowed four
times. The default toolkit is built, served from this process, and its
largest template (the partnership agreement) opened in two browser contexts,
one with JavaScript on and one with it blocked, as a reader who turns scripts
off would see it (and a third with only the theme's scripts, to tell the
toolkit's share from Material's). Each round types the same words into the same text box in
each, the two taking turns, and times the whole typing from the benchmark's
side: every key is sent as the browser's own key events and answered once the
page has handled them (the autosave, the print copy and what is missing,
with scripts on; the browser's own editing alone, with them blocked). The
figure is the ratio of the median times per keystroke, on / blocked.
"""

from __future__ import annotations

import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import compare, default, measure

TEMPLATE = "templates/partnership-agreement/"
BOX = "#f-purpose"  # the agreement's purpose: a required text box
WORDS = "We meet on the first Tuesday of each month at the community centre."
THROTTLE = 4
# Scripts on; blocked, as a reader who turns them off; and only the theme's (the
# toolkit's own refused), which tells the toolkit's share from Material's.
WAYS = ("on", "blocked", "theme only")
# The target: scripts on / blocked, per keystroke at x4.
MAX_RATIO = 1.20


def _ready(page: Any, url: str, way: str) -> Any:
    """The template opened with nothing saved; its purpose box, empty and focused."""
    page.goto(url + TEMPLATE)
    if way != "blocked":
        page.evaluate("() => localStorage.clear()")
        page.reload()
    if way == "on":
        page.locator(".tk-template .tk-toolbar:not([hidden])").wait_for()
    box = page.locator(BOX)
    box.fill("")
    box.focus()
    return box


def type_once(page: Any, url: str, way: str) -> float:
    """Milliseconds per keystroke, typing ``WORDS`` into the template's purpose box."""
    box = _ready(page, url, way)
    start = time.perf_counter()
    page.keyboard.type(WORDS)
    seconds = time.perf_counter() - start
    if box.input_value() != WORDS:
        raise RuntimeError(f"the text box holds {box.input_value()!r}, not what was typed")
    return seconds * 1000 / len(WORDS)


def cost(work: Path, repeat: int, log: Callable[[str], None]) -> dict[str, Any]:
    """Per-keystroke time with scripts on and blocked, ``repeat`` rounds each, in turn."""
    from playwright.sync_api import sync_playwright

    project = default.copy_default(work, "typing-project")
    site = work / "typing-site"
    compare.build(project, site)
    times: dict[str, list[float]] = {"on": [], "blocked": [], "theme only": []}
    with compare.serve(site) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium") or None)
        try:
            theme_only = browser.new_context()
            theme_only.route("**/assets/toolkit/*.js", lambda route: route.abort())
            pages = {
                "on": browser.new_context().new_page(),
                "blocked": browser.new_context(java_script_enabled=False).new_page(),
                "theme only": theme_only.new_page(),
            }
            for page in pages.values():
                cdp = page.context.new_cdp_session(page)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
            for n in range(repeat + 1):
                order = WAYS if n % 2 == 0 else tuple(reversed(WAYS))
                for way in order:
                    ms = type_once(pages[way], url, way)
                    if n:  # the first round of each warms the page up: not timed
                        times[way].append(round(ms, 2))
                if n:
                    log(f"typing at x{THROTTLE}: {times['on'][-1]} ms a key with scripts, "
                        f"{times['blocked'][-1]} ms without, {times['theme only'][-1]} ms "
                        "with the theme's scripts alone")  # fmt: skip
        finally:
            browser.close()
    medians = {way: statistics.median(ms) for way, ms in times.items()}
    return {
        "template": TEMPLATE,
        "keys": len(WORDS),
        "throttle": THROTTLE,
        "ms_per_key": times,
        "median_ms_per_key": {way: round(m, 2) for way, m in medians.items()},
        "ratio": round(medians["on"] / medians["blocked"], 3),
        # What the toolkit's own scripts add to the theme's (Material's search and
        # keyboard handling run in a plain Material site too).
        "ratio_to_theme_only": round(medians["on"] / medians["theme only"], 3),
    }


def targets(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """The typing target, in the form ``python -m bench`` prints it."""
    m = figures["median_ms_per_key"]
    return [
        measure.at_most(
            f"typing in a template at x{figures['throttle']}, per keystroke: scripts on / blocked",
            figures["ratio"],
            MAX_RATIO,
            f"medians {m['on']} ms and {m['blocked']} ms a key, "
            f"{len(figures['ms_per_key']['on'])} rounds of {figures['keys']} keys; "
            f"{figures['ratio_to_theme_only']} times the theme's scripts alone "
            f"({m['theme only']} ms)",
        )
    ]
