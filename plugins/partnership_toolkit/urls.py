"""Where every part of a toolkit is published, derived from its ids.

One place decides each page's source path; links, navigation and the MkDocs
adapter all ask here, so an address is never rebuilt by hand elsewhere.
"""

from __future__ import annotations

import posixpath
import re

from .model import Toolkit

# A link to another part of the toolkit inside a Markdown field:
# [the scoping step](step:scoping) or [milestones](glossary:milestone).
LINK_KINDS = ("stage", "step", "theme", "principle", "checklist", "template", "glossary")
_KINDS = "|".join(LINK_KINDS)
# The address of such a link, as a Markdown field gives it.
MARKDOWN_TARGET = re.compile(rf"^(?P<kind>{_KINDS}):(?P<id>[^\s#]+)$")
MARKDOWN_LINK = re.compile(rf"\[(?P<text>[^\]]*)\]\(\s*(?P<kind>{_KINDS}):(?P<id>[^)\s#]+)\s*\)")
HTML_LINK = re.compile(rf'href="(?P<kind>{_KINDS}):(?P<id>[^"#]+)"')


class Addresses:
    """Maps ``kind:id`` links to page source paths (``x/y.md``) and anchors."""

    def __init__(self, toolkit: Toolkit):
        self.toolkit = toolkit
        self._targets: dict[str, tuple[str, str, str]] = {}  # link -> (src, anchor, title)
        t = toolkit
        self.cycle = "cycle.md"
        # The site's own index pages, for hand-written pages to link to.
        self._add("page:cycle", self.cycle, "", t.cycle.title)
        if t.features.checklists and t.checklists:
            self._add("page:checklists", "checklists/index.md", "", t.strings["checklists_title"])
            self._add("page:print-pack", "checklists/print.md", "", t.strings["print_pack_title"])
        if t.features.templates and t.templates:
            self._add("page:templates", "templates/index.md", "", t.strings["templates_title"])
        if t.features.principles and t.principle_sets:
            self._add("page:principles", "principles/index.md", "", t.strings["principles_title"])
        if t.features.glossary and t.glossary:
            self._add("page:glossary", "glossary.md", "", t.strings["glossary_title"])
        for stage in t.stages:
            self._add(f"stage:{stage.id}", self.stage(stage.id), "", stage.title)
            for step in stage.steps:
                self._add(f"step:{step.id}", self.step(stage.id, step.id), "", step.title)
        for theme in t.themes:
            self._add(f"theme:{theme.id}", f"{theme.id}.md", "", theme.title)
        if t.features.principles:
            for pset in t.principle_sets:
                for p in pset.principles:
                    self._add(f"principle:{p.id}", f"principles/{pset.id}.md", p.id, p.title)
        if t.features.glossary and t.glossary:
            for term in t.glossary.terms:
                self._add(f"glossary:{term.id}", "glossary.md", term.id, term.term)
        if t.features.checklists:
            for c in t.checklists:
                self._add(f"checklist:{c.id}", f"checklists/{c.id}.md", "", c.title)
        if t.features.templates:
            for tpl in t.templates:
                self._add(f"template:{tpl.id}", f"templates/{tpl.id}.md", "", tpl.title)

    def _add(self, link: str, src: str, anchor: str, title: str) -> None:
        self._targets[link] = (src, anchor, title)

    @staticmethod
    def stage(stage_id: str) -> str:
        return f"{stage_id}/index.md"

    @staticmethod
    def step(stage_id: str, step_id: str) -> str:
        return f"{stage_id}/{step_id}.md"

    def published(self, link: str) -> bool:
        """False for links to a kind the toolkit has turned off."""
        return link in self._targets

    def target(self, link: str) -> tuple[str, str, str]:
        """``(source path, anchor, title)`` of a ``kind:id`` link."""
        return self._targets[link]

    def known(self) -> list[str]:
        return list(self._targets)


def page_sources(toolkit: Toolkit) -> list[tuple[str, str]]:
    """Every page the toolkit generates, as ``(source path, what makes it)``:
    ``page:name`` for the toolkit's own pages (first), then ``kind:id`` of the
    item each other page is made from."""
    t = toolkit
    principles = t.features.principles and t.principle_sets
    checklists = t.features.checklists and t.checklists
    templates = t.features.templates and t.templates
    out = [("cycle.md", "page:cycle")]
    if principles:
        out.append(("principles/index.md", "page:principles"))
    if t.features.glossary and t.glossary:
        out.append(("glossary.md", "page:glossary"))
    if checklists:
        out += [
            ("checklists/index.md", "page:checklists"),
            ("checklists/print.md", "page:print-pack"),
        ]
    if templates:
        out.append(("templates/index.md", "page:templates"))
    for stage in t.stages:
        out.append((Addresses.stage(stage.id), f"stage:{stage.id}"))
        out += [(Addresses.step(stage.id, step.id), f"step:{step.id}") for step in stage.steps]
    out += [(f"{theme.id}.md", f"theme:{theme.id}") for theme in t.themes]
    if principles:
        out += [(f"principles/{s.id}.md", f"principles:{s.id}") for s in t.principle_sets]
    if checklists:
        out += [(f"checklists/{c.id}.md", f"checklist:{c.id}") for c in t.checklists]
    if templates:
        out += [(f"templates/{tpl.id}.md", f"template:{tpl.id}") for tpl in t.templates]
    return out


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


def asset_href(from_src: str, path: str, directory_urls: bool = True) -> str:
    """A relative address, from a page, of a file such as ``assets/toolkit/x.js``."""
    here = page_url(from_src, directory_urls)
    base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    return _relpath(path, base)
