"""`mkdocs serve`, the fork author's main loop, survives every broken save.

Each test runs the real development server on a copy of the project, breaks
a file as an editor would (data, a content page, a page template, the theme)
and asks for pages: the answer comes at once and names the problem, the
server lives on, and fixing the file brings the site back.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from sitekit import ROOT, copy_project

PROBLEMS = 'data-toolkit-problems="shown"'


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, project: Path) -> None:
        self.project = project
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = project / "serve.log"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}"],
            cwd=project,
            env=env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )

    def get(self, path: str = "") -> tuple[int, str]:
        """One request; the server must answer within 20 s (a stalled server does not)."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=20) as r:
                return r.status, r.read().decode("utf-8")
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode("utf-8")

    def wait_for(self, path: str, check: Callable[[str], bool], timeout: float = 45) -> str:
        """The page at ``path`` once ``check`` holds for it (a rebuild takes a moment)."""
        end = time.monotonic() + timeout
        text = ""
        while time.monotonic() < end:
            assert self.process.poll() is None, f"mkdocs serve ended:\n{self.log.read_text()}"
            try:
                _, text = self.get(path)
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                text = ""
            if text and check(text):
                return text
            time.sleep(0.3)
        raise AssertionError(f"{path} never showed what was expected; last answer:\n{text[:2000]}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@contextmanager
def served(project: Path) -> Iterator[Server]:
    server = Server(project)
    try:
        yield server
    finally:
        server.stop()


def healthy(text: str) -> bool:
    return PROBLEMS not in text and "md-content" in text


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    project = copy_project(tmp_path_factory.mktemp("serve"))
    with served(project) as s:
        s.wait_for("", healthy)
        yield s


@contextmanager
def edited(path: Path, change: Callable[[str], str] | None = None, text: str | None = None):
    """``path`` changed (or created) for the test, and put back after it."""
    before = path.read_text(encoding="utf-8") if path.exists() else None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text if change is None else change(before or ""), encoding="utf-8")
    try:
        yield
    finally:
        if before is None:
            path.unlink()
        else:
            path.write_text(before, encoding="utf-8")


def test_broken_data_shows_the_located_problem_at_every_address(server: Server) -> None:
    toolkit = server.project / "data" / "toolkit.yml"
    with edited(toolkit, lambda t: t + "title: [unclosed\n"):
        home = server.wait_for("", lambda t: PROBLEMS in t)
        assert "data/toolkit.yml:" in home and "YAML syntax error" in home
        # Any other address answers at once with the same list, not a stall.
        status, step = server.get("getting-started/scoping/")
        assert status == 404 and "data/toolkit.yml:" in step
    server.wait_for("", healthy)


def test_a_second_broken_save_still_shows_its_problem(server: Server) -> None:
    steps = sorted((server.project / "data" / "stages").rglob("*.yml"))
    with edited(server.project / "data" / "toolkit.yml", lambda t: t + "titel: typo\n"):
        server.wait_for("", lambda t: "titel" in t)
        with edited(steps[0], lambda t: t + "\n  bad: [\n"):
            text = server.wait_for("", lambda t: steps[0].name in t)
            assert "titel" in text  # both problems, each located
    server.wait_for("", healthy)


def test_a_jinja_mistake_in_a_content_page_is_shown_on_that_page(server: Server) -> None:
    about = server.project / "content" / "about.md"
    line = len(about.read_text(encoding="utf-8").splitlines()) + 1
    with edited(about, lambda t: t + "{{ toolkit.titel }}\n"):
        text = server.wait_for("about/", lambda t: "This page has a mistake" in t)
        assert f"content/about.md:{line}:" in text
        assert "did you mean &#39;title&#39;" in text or "did you mean 'title'" in text
        assert "Traceback" not in text
        # The rest of the site is built as usual.
        assert healthy(server.get("")[1])
    server.wait_for("about/", lambda t: "This page has a mistake" not in t and healthy(t))


def test_a_broken_page_template_is_shown_and_fixed(server: Server) -> None:
    template = server.project / "overrides" / "toolkit" / "step.md.j2"
    with edited(template, text="{% if x %}\n"):
        text = server.wait_for("", lambda t: PROBLEMS in t)
        assert "overrides/toolkit/step.md.j2:1" in text
    server.wait_for("getting-started/scoping/", healthy)


THEME = ROOT / "plugins" / "partnership_toolkit" / "theme" / "main.html"


def test_a_broken_theme_override_is_shown_with_its_line(server: Server) -> None:
    main = server.project / "overrides" / "main.html"
    text = THEME.read_text(encoding="utf-8")
    line = text.splitlines().index(next(x for x in text.splitlines() if "endblock" in x)) + 1
    with edited(main, text=text.replace("endblock", "endblok", 1)):
        shown = server.wait_for("", lambda t: PROBLEMS in t)
        assert f"overrides/main.html:{line}:" in shown and "endblok" in shown
        # The terminal says the same, and polling the problem page logs no 404s.
        time.sleep(2)
        log = server.log.read_text()
        assert f"overrides/main.html:{line}:" in log
    server.wait_for("", healthy)


def test_serve_starts_with_a_broken_theme_override_and_recovers(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    main = project / "overrides" / "main.html"
    broken = "{% extends 'base.html' %}\n{% block content %}\n{{ config.extra.missing.value }}\n"
    main.write_text(broken + "{% endblock %}\n", "utf-8")
    with served(project) as server:
        text = server.wait_for("", lambda t: PROBLEMS in t)
        assert "overrides/main.html:3:" in text
        main.unlink()
        server.wait_for("", healthy)
        assert " code 404" not in server.log.read_text()


def test_serve_starts_with_broken_data_and_recovers(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    toolkit = project / "data" / "toolkit.yml"
    good = toolkit.read_text(encoding="utf-8")
    toolkit.write_text(good + "title: [unclosed\n", encoding="utf-8")
    with served(project) as server:
        text = server.wait_for("", lambda t: PROBLEMS in t)
        assert "data/toolkit.yml:" in text
        toolkit.write_text(good, encoding="utf-8")
        server.wait_for("", healthy)
        assert "1 problem" in server.log.read_text()


def test_the_problem_page_reloads_itself_when_fixed(server: Server, page) -> None:
    toolkit = server.project / "data" / "toolkit.yml"
    with edited(toolkit, lambda t: t + "title: [unclosed\n"):
        server.wait_for("", lambda t: PROBLEMS in t)
        page.goto(server.url + "how-to-use/")
        assert "can't be built" in page.title()
    page.wait_for_function("!document.querySelector('[data-toolkit-problems]')", timeout=45000)
    assert page.locator("article h1").first.inner_text().strip()
