"""Data text made safe for a page: the one place data becomes HTML.

Data files are untrusted input: they come from partners' pull requests and
are edited by people who are not programmers, and a script injected into one
page could read every reader's saved answers. So:

- a Markdown field is converted here, by the core, with a fixed minimal set of
  Markdown features (no raw HTML, no ``{ attribute }`` lists, no extensions a
  site's ``mkdocs.yml`` turns on), then cleaned by nh3 with an allow-list of
  tags, attributes and URL schemes; the page embeds the result as an HTML
  block, which MkDocs' Markdown passes through untouched;
- a plain field is escaped wherever it is written (``md_text`` for Markdown,
  Jinja's autoescape for HTML, ``url`` for a link's address).

Pure functions: no MkDocs, no Jinja.
"""

from __future__ import annotations

import functools
import html
import re
import urllib.parse
from collections.abc import Callable
from typing import TYPE_CHECKING

import nh3
from markupsafe import Markup

from .urls import HTML_LINK

if TYPE_CHECKING:
    import markdown as markdown_lib

# What a Markdown field may become. Everything else is removed, its text kept.
ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "strong",
        "em",
        "b",
        "i",
        "code",
        "pre",
        "a",
        "ul",
        "ol",
        "li",
        "blockquote",
        "hr",
        "h3",
        "h4",
        "h5",
        "h6",
    }
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
# Links may go to the web, to an e-mail address or a phone number, or (with no
# scheme) to another page of the site: the toolkit's kind:id links are made
# relative addresses before cleaning.
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

# A link written inside a Markdown field, once converted, is href="kind:id":
# the pattern urls.resolve_links uses for the same links in page templates.
_UNRESOLVED = re.compile(r'<a href="tk-unpublished:">(.*?)</a>', re.DOTALL)


@functools.cache
def _converter() -> markdown_lib.Markdown:
    # Made on first use: setting Markdown up is a noticeable part of the
    # start-up of `toolkit validate`, which often renders nothing.
    import markdown

    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    # No raw HTML, block or inline: '<b>' in a field is shown as text.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


@functools.lru_cache(maxsize=16384)
def converted(text: str) -> str:
    """``text`` converted from Markdown, not yet cleaned. The loader reads its
    links from this, and the renderer cleans it: each field is converted once."""
    md = _converter()
    md.reset()
    try:
        return md.convert(text)
    except RecursionError:  # nested past what the loader allows: shown as plain text
        md.reset()
        return "<p>" + html.escape(text) + "</p>"


def markdown_html(text: str, resolve: Callable[[str, str], str | None]) -> Markup:
    """A Markdown field as clean HTML.

    ``resolve(kind, id)`` gives the relative address of a ``kind:id`` link, or
    ``None`` when that page is not published; such a link becomes its text.
    """

    def link(found: re.Match[str]) -> str:
        target = resolve(found["kind"], found["id"])
        if target is None:
            return 'href="tk-unpublished:"'
        return f'href="{html.escape(target)}"'

    html_ = HTML_LINK.sub(link, converted(_TOP_LEVELS.sub(r"\1###", text)))
    html_ = _UNRESOLVED.sub(r"\1", html_)
    return Markup(clean(html_))


# A Markdown heading line, outside any other block.
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
# Headings in a field sit under the page's own headings (h1, h2): at least h3.
_TOP_LEVELS = re.compile(r"^( {0,3})#{1,2}(?=[ \t])", re.MULTILINE)


def prose(text: str, resolve: Callable[[str, str], str | None], lang: str = "") -> Markup:
    """A Markdown field as a page's Markdown: its headings as Markdown headings
    (escaped text, so they are in the page's table of contents), everything
    between them as blocks of clean HTML. With ``lang``, every part says it is
    in that language (text shown untranslated in a translation)."""
    parts: list[str] = []
    start = 0
    for found in _HEADING.finditer(text):
        parts.append(_block_of(text[start : found.start()], resolve, lang))
        level = max(3, len(found[1]))
        heading = md_text(found[2])
        if lang:
            heading = Markup('<span lang="{}">{}</span>').format(lang, heading)
        parts.append(f"\n{'#' * level} {heading}\n")
        start = found.end()
    parts.append(_block_of(text[start:], resolve, lang))
    return Markup("".join(parts))


def _block_of(text: str, resolve: Callable[[str, str], str | None], lang: str = "") -> str:
    return block(markdown_html(text, resolve), lang) if text.strip() else ""


def clean(fragment: str) -> str:
    """``fragment`` with only the allowed tags, attributes and URL schemes."""
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def block(fragment: Markup, lang: str = "") -> Markup:
    """Clean HTML as a block MkDocs' Markdown leaves alone: it starts a line,
    is set apart by blank lines, and carries no ``markdown`` attribute."""
    said = f' lang="{html.escape(lang)}"' if lang else ""
    return Markup(f'\n<div class="tk-prose"{said}>\n{fragment}\n</div>\n')


# Characters Markdown, or an extension a site may turn on (attribute lists,
# tables, emoji shortcodes, magic links), gives a meaning to anywhere in a
# line (a colon only where it touches the next character). Each is
# written as a numeric character reference, which every Markdown passes
# through and every browser shows as the character: a backslash escape works
# only for the characters the site's Markdown happens to know.
_MD_SPECIAL = re.compile(r"[\\`*_\[\]{}|<>&~^\"']|:(?=\S)")
# ... and at the start of a line: a heading, list, quote, rule or snippet.
_LINE_START = re.compile(r"^(?:[#+\-=>!]|\d+(?=[.)]))")
_NEEDS_ESCAPE = re.compile(r"[\\`*_\[\]{}|<>&~^\"']|:\S|^[#+\-=>!\d\s]|\s$|\s\s|[^\S ]")


def _reference(found: re.Match[str]) -> str:
    return "".join(f"&#{ord(c)};" for c in found.group())


def md_text(value: object) -> Markup:
    """Plain text that Markdown shows literally, as one line, with no HTML.

    The result is also safe in HTML, as text or in a quoted attribute. Text
    already made safe (:class:`Markup`) is kept as it is.
    """
    if isinstance(value, Markup):
        return value
    text = str(value)
    if not _NEEDS_ESCAPE.search(text):  # most text: nothing to escape
        return Markup(text)
    # A plain field never starts a new block: white space (line breaks, and
    # indentation that could make a code block) becomes single spaces.
    text = " ".join(text.split())
    text = _MD_SPECIAL.sub(_reference, text)
    return Markup(_LINE_START.sub(_reference, text))


def theme_text(value: str) -> str:
    """Text for a place the theme prints without escaping (MkDocs' theme templates
    are not autoescaped): the site name, page titles in the menu and the tab,
    section titles. Escaped for HTML text and double-quoted attributes; a
    single quote is left as it is, since the theme's attributes use double ones."""
    return html.escape(value, quote=False).replace('"', "&quot;")


# Characters that could end a Markdown link's address, open an attribute list
# after it, or break out of an HTML attribute: written as %XX instead.
_URL_SAFE = "/:?#[]@!$&'*+,;=%~-._"


def url(value: str) -> str:
    """A web address as safe to write in a Markdown link or an HTML attribute."""
    return urllib.parse.quote(value, safe=_URL_SAFE.replace("'", "").replace("*", ""))


def css_string(value: object) -> Markup:
    """Text as a quoted CSS string, e.g. for ``content:``: every character that
    could end the string, the rule or the ``<style>`` element is escaped."""
    out = []
    for char in " ".join(str(value).split()):
        if char.isalnum() or char in " .,:;!?'()-_&%/":
            out.append(char)
        else:
            out.append(f"\\{ord(char):x} ")
    return Markup('"' + "".join(out) + '"')
