"""Browser-suite helpers: the list of pages a build made, one shared browser
context for the every-page audit, and the quality report printed at the end.

The shared fixtures (``default_site``, ``site_url``, ``browser``, ``page``)
live in ``tests/conftest.py``; this file only adds what the browser suite
needs on top of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

# Everything MkDocs writes that is not a page of the toolkit.
_NOT_PAGES = ("assets/", "search/", "vendor/")


def _built_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as addresses relative to its root.

    Read from the files the build wrote (the sitemap is empty when
    ``site_url`` is unset), so a new stage, checklist or template is audited
    without anyone listing it here.
    """
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(_NOT_PAGES):
            continue
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


@pytest.fixture(scope="session")
def built_pages() -> Callable[[Path], list[str]]:
    """``built_pages(site)``: the pages of a built site (see ``_built_pages``)."""
    return _built_pages


@dataclass
class QualityReport:
    """What the suite saw, page by page, for the summary at the end of the run."""

    pages: list[str] = field(default_factory=list)
    violations: dict[str, list[str]] = field(default_factory=dict)
    external: dict[str, list[str]] = field(default_factory=dict)
    console: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, where: str, problems: list[str]) -> None:
        if problems:
            getattr(self, kind).setdefault(where, []).extend(problems)

    def lines(self) -> list[str]:
        def count(d: dict[str, list[str]]) -> int:
            return sum(len(v) for v in d.values())

        out = [
            f"pages visited: {len(self.pages)}",
            f"accessibility violations: {count(self.violations)}",
            f"requests to other hosts: {count(self.external)}",
            f"console or page errors: {count(self.console)}",
        ]
        for title, found in (
            ("violations", self.violations),
            ("external requests", self.external),
            ("console errors", self.console),
        ):
            for where, problems in sorted(found.items()):
                out.extend(f"  {title} on {where}: {p}" for p in problems)
        return out


_REPORT = pytest.StashKey[QualityReport]()


@pytest.fixture(scope="session")
def quality_report(request: pytest.FixtureRequest) -> QualityReport:
    """The session's collector; tests add what they find, the summary prints it."""
    report = QualityReport()
    request.config.stash[_REPORT] = report
    return report


@pytest.fixture(scope="session")
def shared_context(browser: object) -> Iterator[object]:
    """One browser context for the whole audit: opening a context per page is
    the slowest part of a browser test after axe itself."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


_SCENARIOS = pytest.StashKey[dict[str, list[str]]]()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Tally the data-loss suite's scenarios by outcome, for the summary."""
    if "data_loss" not in report.keywords:
        return
    if report.when == "call" or (report.when == "setup" and not report.passed):
        outcome = "kept everything" if report.passed else report.outcome
        _scenario_tally().setdefault(outcome, []).append(report.nodeid)


def _scenario_tally() -> dict[str, list[str]]:
    return _CONFIG[0].stash.setdefault(_SCENARIOS, {}) if _CONFIG else {}


_CONFIG: list[pytest.Config] = []


def pytest_configure(config: pytest.Config) -> None:
    _CONFIG.append(config)


# Under pytest-xdist (``-n 2``) the tests run in worker processes, each with a
# report of its own: a worker hands its report to the main process when it
# finishes, and the main process prints them all as one.
_WORKER_KEY = "toolkit_quality_report"


def pytest_sessionfinish(session: pytest.Session) -> None:
    report = session.config.stash.get(_REPORT, None)
    workeroutput = getattr(session.config, "workeroutput", None)
    if report is not None and workeroutput is not None:
        workeroutput[_WORKER_KEY] = {
            "pages": report.pages,
            "violations": report.violations,
            "external": report.external,
            "console": report.console,
        }


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: object, error: object) -> None:
    found = getattr(node, "workeroutput", {}).get(_WORKER_KEY)
    if not found or not _CONFIG:
        return
    report = _CONFIG[0].stash.setdefault(_REPORT, QualityReport())
    report.pages.extend(found["pages"])
    for kind in ("violations", "external", "console"):
        for where, problems in found[kind].items():
            report.add(kind, where, problems)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    tally = terminalreporter.config.stash.get(_SCENARIOS, None)
    if tally:
        total = sum(len(v) for v in tally.values())
        offline = sum("offline" in n for v in tally.values() for n in v)
        terminalreporter.write_sep("=", "data-loss suite")
        terminalreporter.write_line(
            f"scenarios run: {total} ({offline} in the offline copy from file://, "
            f"{total - offline} on the served site)"
        )
        for outcome, ids in sorted(tally.items()):
            terminalreporter.write_line(f"{outcome}: {len(ids)}")
            if outcome != "kept everything":
                terminalreporter.write_line("  " + "\n  ".join(ids))
    report = terminalreporter.config.stash.get(_REPORT, None)
    if report is None:
        return
    terminalreporter.write_sep("=", "toolkit quality report")
    for line in report.lines():
        terminalreporter.write_line(line)
