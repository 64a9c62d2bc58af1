"""Every page of the built default toolkit, in Chromium: accessible (axe-core,
WCAG 2.2 AA), private (no request to another host), free of script errors,
with one h1, a title, a skip link that reaches the content, and none of the
site's chrome when printed.

The pages are read from the build, so new data is audited without editing
this file. Each page is visited once; the checks below read what that visit
recorded and name every page that fails and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeout

# The axe-core rule tags for WCAG 2.0, 2.1 and 2.2, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

# Where the skip link must land: Material's content column, not the navigation.
SKIP_LINK = """() => {
  const link = document.activeElement;
  if (!link || link.tagName !== "A") return {focused: link ? link.outerHTML.slice(0, 80) : null};
  // Material's instant navigation makes every href absolute: compare the parts.
  const url = new URL(link.href);
  const samePage = url.pathname === location.pathname && url.hash.length > 1;
  const target = samePage ? document.getElementById(decodeURIComponent(url.hash.slice(1))) : null;
  return {focused: link.className.replace(/\\bfocus-visible\\b/, "").trim(), href: url.hash,
          samePage, found: !!target, inContent: !!(target && target.closest(".md-content"))};
}"""

# Material's site chrome, none of which belongs on paper.
CHROME_IN_PRINT = """() => [".md-header", ".md-tabs", ".md-sidebar", ".md-search", ".md-footer",
    ".md-top", ".md-skip", ".md-banner"]
  .filter(sel => [...document.querySelectorAll(sel)].some(el => {
    const box = el.getBoundingClientRect();
    return getComputedStyle(el).display !== "none" && getComputedStyle(el).visibility !== "hidden"
      && box.width > 0 && box.height > 0;
  }))"""


@dataclass
class PageAudit:
    path: str
    violations: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    h1_count: int = 0
    title: str = ""
    skip_link: dict = field(default_factory=dict)
    hash_after_enter: str = ""
    chrome_in_print: list[str] = field(default_factory=list)


def _describe(violation: dict) -> str:
    targets = [" ".join(map(str, n["target"])) for n in violation["nodes"]]
    shown = ", ".join(targets[:3]) + (f" and {len(targets) - 3} more" if len(targets) > 3 else "")
    return f"{violation['id']} ({violation['impact']}): {violation['help']} at {shown}"


@pytest.fixture(scope="session")
def audits(
    default_site, site_url, shared_context, quality_report, built_pages
) -> dict[str, PageAudit]:
    """Visit every page once and record everything the checks below need."""
    axe = Axe()
    page = shared_context.new_page()
    current: list[PageAudit] = []
    # Context-level: also catches requests from the search worker.
    shared_context.on("request", lambda r: current and current[-1].requests.append(r.url))
    page.on(
        "console",
        lambda m: (
            current[-1].errors.append(f"console: {m.text}")
            if m.type == "error" and current
            else None
        ),
    )
    page.on(
        "pageerror", lambda e: current[-1].errors.append(f"page error: {e}") if current else None
    )

    results: dict[str, PageAudit] = {}
    for path in built_pages(default_site):
        audit = PageAudit(path)
        current.append(audit)
        page.goto(site_url + path, wait_until="load")
        audit.violations = [
            _describe(v) for v in axe.run(page, options=AXE_OPTIONS).response["violations"]
        ]
        audit.h1_count = page.locator("h1").count()
        audit.title = page.title().strip()
        page.keyboard.press("Tab")
        audit.skip_link = page.evaluate(SKIP_LINK)
        if audit.skip_link.get("href", "").startswith("#"):
            path_now = urlsplit(page.url).path
            # Material's instant navigation may fetch and redraw the page: wait
            # for it, so what it does is told against this page.
            try:
                with page.expect_response(
                    lambda r, here=path_now: urlsplit(r.url).path == here, timeout=5_000
                ):
                    page.keyboard.press("Enter")
                page.wait_for_function(
                    "h => location.hash === h", arg=audit.skip_link["href"], timeout=5_000
                )
            except PlaywrightTimeout:
                pass  # no redraw, or the link went elsewhere: the skip-link check says which
            audit.hash_after_enter = page.evaluate("location.hash")
        page.emulate_media(media="print")
        audit.chrome_in_print = page.evaluate(CHROME_IN_PRINT)
        page.emulate_media(media="screen")
        results[path] = audit
    page.close()

    for path, audit in results.items():
        quality_report.pages.append(path)
        quality_report.add("violations", path, audit.violations)
        quality_report.add("external", path, _external(audit.requests, site_url))
        quality_report.add("console", path, audit.errors)
    return results


def _external(requests: list[str], site_url: str) -> list[str]:
    host = urlsplit(site_url).netloc
    return [
        u
        for u in requests
        if urlsplit(u).scheme not in ("data", "blob", "about") and urlsplit(u).netloc != host
    ]


def _failures(audits: dict[str, PageAudit], problems) -> str:
    lines = [f"{path}: {p}" for path, audit in audits.items() for p in problems(audit)]
    return "\n".join(lines)


def test_every_page_of_the_build_is_audited(audits, default_site, built_pages):
    assert list(audits) == built_pages(default_site)
    for expected in (
        "",
        "cycle/",
        "getting-started/",
        "getting-started/scoping/",
        "checklists/getting-started/",
        "templates/partnership-agreement/",
    ):
        assert expected in audits, f"the audit did not reach {expected or 'the home page'}"


def test_no_accessibility_violations(audits):
    failures = _failures(audits, lambda a: a.violations)
    assert not failures, "axe-core (WCAG 2.2 A/AA) found:\n" + failures


def test_no_request_leaves_the_local_server(audits, site_url):
    failures = _failures(
        audits, lambda a: [f"requested {u}" for u in _external(a.requests, site_url)]
    )
    assert not failures, "requests to another host:\n" + failures


def test_every_page_made_some_request_that_was_recorded(audits):
    # Guards the check above: a listener that recorded nothing would pass it.
    assert all(a.requests for a in audits.values())


def test_no_console_or_page_errors(audits):
    failures = _failures(audits, lambda a: a.errors)
    assert not failures, "script errors:\n" + failures


def test_exactly_one_h1_and_a_title(audits):
    failures = _failures(
        audits,
        lambda a: (
            ([f"has {a.h1_count} h1 elements (expected exactly 1)"] if a.h1_count != 1 else [])
            + (["has an empty <title>"] if not a.title else [])
        ),
    )
    assert not failures, "headings and titles:\n" + failures


def test_skip_link_is_first_and_reaches_the_content(audits):
    def problems(a: PageAudit) -> list[str]:
        s = a.skip_link
        if s.get("focused") != "md-skip":
            return [f"the first Tab focuses {s.get('focused')!r}, not Material's skip link"]
        if not s["samePage"] or not s["found"]:
            return [f"the skip link points to {s['href']}, which is not on the page"]
        if not s["inContent"]:
            return [f"the skip link points to {s['href']}, outside the main content"]
        if a.hash_after_enter != s["href"]:
            return [f"Enter on the skip link went to {a.hash_after_enter!r}, not {s['href']}"]
        return []

    failures = _failures(audits, problems)
    assert not failures, "skip links:\n" + failures


def test_every_page_prints_without_the_site_chrome(audits):
    failures = _failures(audits, lambda a: [f"{sel} shows in print" for sel in a.chrome_in_print])
    assert not failures, "site chrome on paper:\n" + failures
