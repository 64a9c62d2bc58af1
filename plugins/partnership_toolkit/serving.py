"""`mkdocs serve` that never dies: a broken build shows its problems in the browser.

MkDocs' development server stops on the first failed build, and after a
failed rebuild it holds every request until a build succeeds, so the browser
hangs and the problem is only in the terminal. Under `mkdocs serve` the
toolkit plugin instead

- builds a site of one page listing the located problems when the data or a
  page template is broken (see ``ToolkitPlugin``), and
- wraps the server's builder so that any other failed rebuild (a fork's theme
  template, `--strict` warnings) also ends in that page, never in a stall.

The page is served for every address, and reloads itself as soon as the same
address gives something else: the fixed site.
"""

from __future__ import annotations

import html
import logging
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# Written into the page, and looked for (spelled in two halves) by its script.
_MARK = 'data-toolkit-problems="shown"'

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The toolkit can't be built yet</title>
<style>
body {{ font: 1rem/1.5 system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #fff; }}
main {{ max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem; }}
h1 {{ font-size: 1.5rem; margin: 0 0 .5rem; }}
pre {{ white-space: pre-wrap; overflow-wrap: anywhere; background: #fbeaea;
      border-left: .3rem solid #a4262c; padding: .75rem 1rem; font-size: .9rem; }}
</style>
</head>
<body>
<main {mark}>
<h1>The toolkit can't be built yet</h1>
<p>Fix what is listed below and save: this page reloads by itself when the
build works again. The same list is in the terminal running
<code>mkdocs serve</code>.</p>
{problems}
</main>
<script>
(function () {{
  var mark = "data-toolkit-" + "problems=";
  function check() {{
    fetch(location.href, {{ cache: "no-store" }})
      .then(function (r) {{ return r.text(); }})
      .then(function (text) {{
        if (text.indexOf(mark) < 0) location.reload();
        else setTimeout(check, 1000);
      }}, function () {{ setTimeout(check, 2000); }});
  }}
  setTimeout(check, 1000);
}})();
</script>
</body>
</html>
"""


def problems_page(problems: list[str]) -> str:
    """The page that stands in for every page while the build is broken."""
    blocks = "\n".join(f"<pre>{html.escape(p)}</pre>" for p in problems if p.strip())
    return _PAGE.format(mark=_MARK, problems=blocks or "<pre>The build failed.</pre>")


def show_problems(site_dir: str | Path, problems: list[str], *, clear: bool = False) -> None:
    """Make ``problems_page`` the site: its home page and its 404 page, which the
    development server returns for every address it has no file for."""
    site = Path(site_dir)
    if clear and site.is_dir():
        for entry in site.iterdir():
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
    site.mkdir(parents=True, exist_ok=True)
    page = problems_page(problems)
    for name in ("index.html", "404.html"):
        (site / name).write_text(page, encoding="utf-8")


class _Collected(logging.Handler):
    """Every warning and error MkDocs and its plugins log during one build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.messages.append(record.getMessage())
        except Exception:  # a badly formed message must not end the server
            self.messages.append(str(record.msg))


@contextmanager
def collected() -> Iterator[_Collected]:
    handler = _Collected()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def keep_serving(server: Any, log: logging.Logger) -> None:
    """Wrap the development server's builder: a failed rebuild shows its problems
    in the browser and lets the server go on, instead of stalling every request."""
    build: Callable[..., Any] = server.builder

    def build_or_show_problems(*args: Any, **kwargs: Any) -> None:
        with collected() as seen:
            try:
                build(*args, **kwargs)
                return
            except KeyboardInterrupt:
                raise
            except BaseException as err:  # mkdocs-macros ends a build with SystemExit
                failure = str(err).strip()
        problems = [m for m in seen.messages if m.strip()]
        if failure and not any(failure in m for m in problems):
            problems.append(failure)
        log.error("the build failed: the browser shows what to fix until it works again")
        show_problems(server.root, problems, clear=True)

    server.builder = build_or_show_problems
