"""Plain text from the data is shown exactly as written, whatever it contains."""

from __future__ import annotations

import html

import markdown
import pytest

from partnership_toolkit.render import md_text


@pytest.mark.parametrize("text", [
    "plain words", "*not bold*", "under_score", "a < b & c", "<b>not a tag</b>",
    "- not a list", "+ not a list", "1. not a list", "12. not a list", "# not a heading",
    "> not a quote", "[not](a link)", "`not code`", "{not: attrs}", "pipes | stay",
    "line one\n2. still text", "back\\slash",
])
def test_plain_text_renders_literally(text: str) -> None:
    rendered = markdown.markdown(md_text(text), extensions=["tables", "attr_list"])  # as the site
    inner = rendered.removeprefix("<p>").removesuffix("</p>")
    assert html.unescape(inner) == text
