"""`mkdocs serve` that never dies: a broken build shows its problems in the browser.

MkDocs' development server stops on the first failed build, and after a
failed rebuild it holds every request until a build succeeds, so the browser
hangs and the problem is only in the terminal. Under `mkdocs serve` the
toolkit plugin instead

- builds a site of one page listing the located problems when the data or a
  page template is broken (see ``ToolkitPlugin``), and
- wraps the build that `mkdocs serve` runs, so that any other failed build,
  the first one included (a fork's theme template, `--strict` warnings),
  also ends in that page, never in an exit or a stall.

The page is served for every address, and reloads itself as soon as the same
address gives something else: the fixed site.
"""

from __future__ import annotations

import html
import json
import logging
import shutil
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

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
  // The site's home page: an address that exists once the build works, so
  // polling it fills the terminal with no "404" lines meanwhile.
  var home = {home};
  function check() {{
    fetch(home, {{ cache: "no-store" }})
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


def problems_page(problems: list[str], home: str = "/") -> str:
    """The page that stands in for every page while the build is broken."""
    blocks = "\n".join(f"<pre>{html.escape(p)}</pre>" for p in problems if p.strip())
    return _PAGE.format(
        mark=_MARK,
        problems=blocks or "<pre>The build failed.</pre>",
        home=json.dumps(home).replace("<", "\\u003c"),
    )


def show_problems(
    site_dir: str | Path, problems: list[str], *, clear: bool = False, home: str = "/"
) -> None:
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
    page = problems_page(problems, home)
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
def collected(quiet: bool = False) -> Iterator[_Collected]:
    """The warnings and errors logged inside the block; with ``quiet``, they are
    not printed as well (``toolkit validate`` prints them its own way)."""
    handler = _Collected()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    was_propagating = logger.propagate
    if quiet:
        logger.propagate = False
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate = was_propagating


def home_of(config: Any) -> str:
    """The address path of the site's home page under `mkdocs serve`."""
    return urlsplit(config.site_url or "/").path or "/"


def keep_serving(log: logging.Logger) -> None:
    """Make every build of `mkdocs serve`, the first one included, end in the
    site or in the page of its problems, never in an exception: MkDocs stops
    on a failed first build, and stalls every request after a failed rebuild."""
    try:
        from mkdocs.commands import serve as serve_command
    except ImportError:  # pragma: no cover - MkDocs is what runs the plugin
        return
    build = getattr(serve_command, "build", None)
    if build is None or getattr(build, "_toolkit_keeps_serving", False):
        return

    def build_or_show_problems(config: Any, *args: Any, **kwargs: Any) -> None:
        with collected() as seen:
            try:
                build(config, *args, **kwargs)
                return
            except KeyboardInterrupt:
                raise
            except BaseException as err:  # mkdocs-macros ends a build with SystemExit
                failure = located(err)
        problems = [m for m in seen.messages if m.strip() and not m.startswith("Aborted with")]
        if failure and not any(failure in m for m in problems):
            problems.append(failure)
            log.error(failure)
        log.error("the build failed: the browser shows what to fix until it works again")
        show_problems(config.site_dir, problems, clear=True, home=home_of(config))

    build_or_show_problems._toolkit_keeps_serving = True  # type: ignore[attr-defined]
    serve_command.build = build_or_show_problems


def located(err: BaseException) -> str:
    """An exception as one line that names the file and line it comes from, when
    that is a template (a theme override such as overrides/main.html)."""
    import jinja2

    message = str(err).strip() or type(err).__name__
    if isinstance(err, jinja2.TemplateSyntaxError):
        name = err.filename or err.name or "a template"
        return f"{_shown(name)}:{err.lineno}: {err.message}"
    frames = [
        f
        for f in traceback.extract_tb(err.__traceback__)
        if f.filename.endswith((".html", ".j2", ".xml")) and f.lineno
    ]
    if frames:
        return f"{_shown(frames[-1].filename)}:{frames[-1].lineno}: {message}"
    return message


def _shown(filename: str) -> str:
    """A template's path relative to the working folder (the project), if inside it."""
    try:
        return Path(filename).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return filename
