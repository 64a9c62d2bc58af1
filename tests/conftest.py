"""Shared fixtures: build real sites with MkDocs' own API, serve them on
localhost, and drive Debian's Chromium with Playwright."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sitekit import (  # noqa: F401  (re-exported for older imports)
    CHROMIUM,
    FIXTURES,
    ROOT,
    build_site,
    copy_project,
    serve,
)


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Path]:
    """Build a site from a copy of the project, with data swapped in if given."""

    def make(data: Path | None = None, content: Path | None = None, **overrides: object) -> Path:
        project = copy_project(tmp_path, data, content)
        return build_site(project, tmp_path / "site", **overrides)

    return make


@pytest.fixture(scope="session")
def default_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default toolkit, built once per test run."""
    out = tmp_path_factory.mktemp("default-site")
    return build_site(ROOT, out / "site")


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default toolkit's offline copy for a workshop, with its PDFs
    (``OFFLINE=true PDF=true``), built once per run."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("OFFLINE", "true")
        mp.setenv("PDF", "true")
        return build_site(ROOT, tmp_path_factory.mktemp("offline") / "site")


@pytest.fixture(scope="session")
def pdf_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default toolkit as the publishing workflow builds it, with its PDFs
    (``PDF=true``), built once per run."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PDF", "true")
        return build_site(ROOT, tmp_path_factory.mktemp("pdf") / "site")


BILINGUAL = ROOT / "examples" / "bilingual"


def build_bilingual(folder: Path, site_url: str = "") -> Path:
    """The bilingual example (the base toolkit in English, and in Welsh) built, as
    its README says, by one build into ``folder``."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TOOLKIT_LAYER", str(BILINGUAL))
        return build_site(ROOT, folder, site_url=site_url)


@pytest.fixture(scope="session")
def bilingual(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The bilingual example published under a sub-path, /toolkit/, and served:
    its folder and its address."""
    root = tmp_path_factory.mktemp("bilingual")
    url, stop = serve(root)
    site = build_bilingual(root / "toolkit", url + "toolkit/")
    yield site, url + "toolkit/"
    stop()


@pytest.fixture(scope="session")
def bilingual_offline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bilingual example's offline copy (``OFFLINE=true``)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("OFFLINE", "true")
        return build_bilingual(tmp_path_factory.mktemp("bilingual-offline") / "site")


@pytest.fixture(scope="session")
def site_url(default_site: Path) -> Iterator[str]:
    """The default toolkit served on localhost."""
    url, stop = serve(default_site)
    yield url
    stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium (never a downloaded browser), shared by the run."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}; install Debian's 'chromium' package "
            "(the README's test command does) or set CHROMIUM"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


class PageLog:
    """What a page did: every request it made and every console error."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []

    def external(self, allowed_prefix: str) -> list[str]:
        return [
            u
            for u in self.requests
            if not u.startswith((allowed_prefix, "data:", "blob:", "about:"))
        ]


@pytest.fixture
def context(browser: object) -> Iterator[object]:
    ctx = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: object) -> Iterator[object]:
    """A fresh page whose requests and console errors are recorded in ``page.log``."""
    pg = context.new_page()
    log = PageLog()
    pg.on("request", lambda r: log.requests.append(r.url))
    pg.on("console", lambda m: log.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: log.page_errors.append(str(e)))
    pg.log = log
    yield pg
    pg.close()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "browser" in item.fixturenames:
            item.add_marker(pytest.mark.browser)
