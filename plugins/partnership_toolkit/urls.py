"""Links between the toolkit's pages: ``kind:id`` targets and relative addresses.

Which pages there are, and at which source path, is decided in ``pages.py``
alone; this module turns those paths into the links between them.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path as FsPath

from . import pages
from .model import Toolkit
from .problems import did_you_mean

# A link to another part of the toolkit inside a Markdown field:
# [the scoping step](step:scoping) or [milestones](glossary:milestone).
LINK_KINDS = tuple(pages.LINK_KINDS)
_KINDS = "|".join(LINK_KINDS)
# The address of such a link, as a Markdown field gives it.
MARKDOWN_TARGET = re.compile(rf"^(?P<kind>{_KINDS}):(?P<id>[^\s#]+)$")
MARKDOWN_LINK = re.compile(rf"\[(?P<text>[^\]]*)\]\(\s*(?P<kind>{_KINDS}):(?P<id>[^)\s#]+)\s*\)")
HTML_LINK = re.compile(rf'href="(?P<kind>{_KINDS}):(?P<id>[^"#]+)"')


class Addresses:
    """Maps ``kind:id`` links to page source paths (``x/y.md``) and anchors, from
    the one list of pages (``pages.page_list``)."""

    cycle = pages.CYCLE

    def __init__(self, toolkit: Toolkit, page_list: list[pages.PageSpec] | None = None):
        self.toolkit = toolkit
        self.pages = pages.page_list(toolkit) if page_list is None else page_list
        self._targets: dict[str, tuple[str, str, str]] = {}  # link -> (src, anchor, title)
        for page in self.pages:
            self._targets[page.ref] = (page.src, "", page.title)
        for ref, src, anchor, title in pages.anchors(toolkit):
            self._targets[ref] = (src, anchor, title)

    # Page templates (a fork's too) name a stage's or step's page with these.
    stage = staticmethod(pages.stage_src)
    step = staticmethod(pages.step_src)

    def published(self, link: str) -> bool:
        """False for links to a kind the toolkit has turned off."""
        return link in self._targets

    def target(self, link: str) -> tuple[str, str, str]:
        """``(source path, anchor, title)`` of a ``kind:id`` link."""
        return self._targets[link]

    def known(self) -> list[str]:
        return list(self._targets)


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for two paths relative to the same root, without its
    two calls to ``os.getcwd`` (a build makes tens of thousands of links)."""
    to = [p for p in path.split("/") if p and p != "."]
    base = [p for p in start.split("/") if p and p != "."]
    common = 0
    while common < min(len(to), len(base)) and to[common] == base[common]:
        common += 1
    parts = [".."] * (len(base) - common) + to[common:]
    return "/".join(parts) or "."


def md_href(from_src: str, to_src: str, anchor: str = "") -> str:
    """A relative link between two pages' Markdown sources, as MkDocs resolves it."""
    rel = _relpath(to_src, posixpath.dirname(from_src))
    return rel + (f"#{anchor}" if anchor else "")


def page_url(src: str, directory_urls: bool = True) -> str:
    """The address of a page relative to the site root, as MkDocs publishes it."""
    stem = src[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def html_href(from_src: str, to_src: str, anchor: str = "", directory_urls: bool = True) -> str:
    """A relative link between two published pages, for use inside raw HTML."""
    here = page_url(from_src, directory_urls)
    there = page_url(to_src, directory_urls)
    base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    rel = _relpath(there, base)
    if there.endswith("/") or not there:
        rel = rel.rstrip("/") + "/"
    if rel == "./":
        rel = "./"
    return rel + (f"#{anchor}" if anchor else "")


def resolve_links(text: str, src: str, addresses: Addresses, directory_urls: bool = True) -> str:
    """Turn ``kind:id`` links in a rendered page into real relative links.

    A link to a kind the toolkit has turned off becomes its plain text.
    """

    def markdown(found: re.Match[str]) -> str:
        ref = f"{found['kind']}:{found['id']}"
        if not addresses.published(ref):
            return found["text"]
        target, anchor, _ = addresses.target(ref)
        return f"[{found['text']}]({md_href(src, target, anchor)})"

    def html(found: re.Match[str]) -> str:
        ref = f"{found['kind']}:{found['id']}"
        if not addresses.published(ref):
            return 'href="#"'
        target, anchor, _ = addresses.target(ref)
        return f'href="{html_href(src, target, anchor, directory_urls)}"'

    return HTML_LINK.sub(html, MARKDOWN_LINK.sub(markdown, text))


# Code in a hand-written page: fenced blocks and inline spans, left as written.
_CODE = re.compile(r"^(```|~~~).*?^\1[ \t]*$|`[^`\n]+`", re.MULTILINE | re.DOTALL)


def resolve_page_links(text: str, src: str, addresses: Addresses) -> tuple[str, list[str]]:
    """``[words](kind:id)`` links in a hand-written page made real, outside its
    code; and the links that name no page (each kept as its words)."""
    unknown: list[str] = []

    def markdown(found: re.Match[str]) -> str:
        ref = f"{found['kind']}:{found['id']}"
        if not addresses.published(ref):
            unknown.append(ref)
            return found["text"]
        target, anchor, _ = addresses.target(ref)
        return f"[{found['text']}]({md_href(src, target, anchor)})"

    out, at = [], 0
    for code in _CODE.finditer(text):
        out.append(MARKDOWN_LINK.sub(markdown, text[at : code.start()]))
        out.append(code.group(0))
        at = code.end()
    out.append(MARKDOWN_LINK.sub(markdown, text[at:]))
    return "".join(out), unknown


def handwritten_links(
    text: str, src: str, file: FsPath, root: FsPath, addresses: Addresses
) -> tuple[str, list[str]]:
    """A hand-written page's ``kind:id`` links made real (:func:`resolve_page_links`),
    and a warning for each that names no page, with the file and line it is on."""
    out, unknown = resolve_page_links(text, src, addresses)
    shown = file.relative_to(root).as_posix() if file.is_relative_to(root) else src
    try:
        lines = file.read_text("utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    warnings = []
    for ref in unknown:
        number = next((n for n, line in enumerate(lines, 1) if f"({ref}" in line), 0)
        hint = did_you_mean(ref, addresses.known())
        warnings.append(
            f"{shown}{f':{number}' if number else ''}: no toolkit page for link "
            f"'{ref}'{hint}; links are written kind:id, e.g. 'step:scoping'"
        )
    return out, warnings


def asset_href(from_src: str, path: str, directory_urls: bool = True) -> str:
    """A relative address, from a page, of a file such as ``assets/toolkit/x.js``."""
    here = page_url(from_src, directory_urls)
    base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    return _relpath(path, base)
