"""Property: whatever text is put in whatever text field, the toolkit either
refuses it with located messages and no traceback, or renders pages in which
nothing from the data became markup, script, a non-allowed address or an
evaluated template expression.

Each example loads the minimal toolkit with generated text in one field and
renders every page; the pages' Markdown is then converted as the site's
``mkdocs.yml`` converts it (attribute lists, HTML in Markdown, admonitions and
all), and audited. The whole build, mkdocs-macros included, is tested with
hostile text in every field at once in ``test_hostile.py``.

The default run is short enough for every test run; ``HYPOTHESIS_PROFILE=long``
runs many more examples.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile import audit, fill
from partnership_toolkit.load import load
from partnership_toolkit.problems import DataError
from partnership_toolkit.render import Renderer
from sitekit import FIXTURES, ROOT

settings.register_profile(
    "default",
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "long",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# Pieces that mean something to YAML, Markdown, its extensions, HTML, Jinja or
# a URL parser, mixed with ordinary and unusual characters.
PIECES = [
    "{{ 7 * 7 }}",
    "{% for x in range(3) %}x{% endfor %}",
    "{#",
    "#}",
    "{{",
    "}}",
    "{%",
    "{ onclick=alert(1) }",
    "{: .x #y onclick=alert(1) }",
    "{: onerror=alert(1) }",
    "<b>",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "&lt;b&gt;",
    "&#106;avascript:alert(1)",
    "&",
    "<",
    ">",
    '"',
    "'",
    "`",
    "*",
    "_",
    "~~",
    "==",
    "^^",
    "[x](javascript:alert(1))",
    "[x](data:text/html,1)",
    "[x](vbscript:1)",
    "[x](file:///etc)",
    "[x](https://example.org/)",
    "[x](mailto:a@example.org)",
    "[x](tel:+441234)",
    "[x](step:plan)",
    "[x](step:nope)",
    "[x][r]",
    "\n\n[r]: javascript:alert(1)\n",
    "[x](#anchor)",
    "[x](../up.md)",
    "[x](//evil.example/)",
    "![i](https://example.org/i.png)",
    "<https://example.org/>",
    "<a@example.org>",
    ":smile:",
    '--8<-- "mkdocs.yml"',
    "\n# heading\n",
    "\n- item\n",
    "\n1. item\n",
    "\n> quote\n",
    "\n    code\n",
    "\n---\n",
    "\n!!! note\n    boxed\n",
    "| a | b |\n|---|---|\n| c | d |",
    "\\",
    "\t",
    "\x07",
    "\x0b",
    "\u00a0",
    "\u200b",
    "\u202e",
    "\u2028",
    "🚀",
    "👩🏽‍🤝‍👩🏻",
    "\U0001f600",
    "\ufffd",
    "é",
    "ß",
    "日本",
    "עברית",
    "https://example.org/a)b{c}",
    " ",
    "\n",
    "text",
    "Partner's",
    "a: b",
]
TEXT = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), min_size=1, max_size=8
).map("".join)

# The site's own Markdown, read from mkdocs.yml.
_CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


@functools.cache
def _site_markdown() -> markdown.Markdown:
    names, configs = [], {}
    for entry in _CONFIG["markdown_extensions"]:
        name = entry if isinstance(entry, str) else next(iter(entry))
        names.append(name)
        if isinstance(entry, dict) and name == "toc":
            configs[name] = {"permalink": True}
    return markdown.Markdown(extensions=names, extension_configs=configs)


def _fields(data: Path) -> list[tuple[str, tuple]]:
    found: list[tuple[str, tuple]] = []
    fill(data, lambda file, path, _kind: found.append((file, path)))  # records, changes none
    return found


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple[str, tuple]]]:
    folder = tmp_path_factory.mktemp("property") / "data"
    shutil.copytree(FIXTURES / "minimal" / "data", folder)
    return folder, _fields(folder)


_LOCATED = re.compile(r"^data/[\w./-]+:\d+:\d+: ")


@given(text=TEXT, choice=st.integers(min_value=0))
def test_any_text_in_any_field_is_refused_with_its_place_or_rendered_safely(
    base: tuple[Path, list[tuple[str, tuple]]],
    tmp_path_factory: pytest.TempPathFactory,
    text: str,
    choice: int,
) -> None:
    data, fields = base
    file, path = fields[choice % len(fields)]
    project = tmp_path_factory.mktemp("example")
    shutil.copytree(data, project / "data")
    fill(project / "data", lambda f, p, _kind: text if (f, p) == (file, path) else None)
    try:
        toolkit = load(project / "data", root=project)
    except DataError as err:
        assert err.problems
        for problem in err.problems:
            assert _LOCATED.match(str(problem)), str(problem)
        return
    site_markdown = _site_markdown()
    for page in Renderer(toolkit).pages():
        site_markdown.reset()
        rendered = site_markdown.convert(page.content)
        found = audit(rendered)
        assert not found, f"{page.src}: {found} from {text!r} in {file} {path}"
