"""The helpers every page template is given.

A template names another page by its link (``link('step:scoping')``), shows a
Markdown field as clean HTML (``markdown``), and takes its words from the
toolkit's strings (``t('key')``): each helper here works out the address or
the text for the page being rendered, so no template builds a path itself.
"""

from __future__ import annotations

from datetime import date

import jinja2
from markupsafe import Markup

from . import languages, markup
from . import pages as pages_
from .gloss import Glosser
from .markup import md_text
from .model import Source, Toolkit
from .pages import docx_src
from .urls import Addresses, asset_href, html_href, md_href


def _defined(value: object) -> object:
    """``value``, or Jinja's own error for it if a template named something that
    does not exist (``step.guidnace``), rather than a puzzling one later."""
    if isinstance(value, jinja2.Undefined):
        value._fail_with_undefined_error()
    return value


def context(
    toolkit: Toolkit,
    addresses: Addresses,
    src: str,
    directory_urls: bool = True,
    pdfs: bool = False,
    glossed: list | None = None,
    **extra: object,
) -> dict[str, object]:
    """What a page template for the page ``src`` is given: the toolkit, and the
    helpers that turn its links, words and fields into the page's text."""
    sources = {s.id: s for s in toolkit.sources}

    def link(ref: str, label: str | None = None) -> Markup:
        """A Markdown link to ``kind:id``; empty when that kind is turned off."""
        if not addresses.published(ref):
            return Markup("")
        target, anchor, title = addresses.target(ref)
        return Markup(f"[{md_text(label or title)}]({md_href(src, target, anchor)})")

    def resolve(kind: str, id_: str) -> str | None:
        ref = f"{kind}:{id_}"
        if not addresses.published(ref):
            return None
        target, anchor, _ = addresses.target(ref)
        return html_href(src, target, anchor, directory_urls)

    translation = toolkit.translation
    fallbacks = translation.fallbacks if translation is not None else ()
    source = toolkit.source_language

    # On a guidance page, glossary terms are linked where the page first uses
    # them (gloss.py): ``glossed`` is what matches each term.
    gloss = Glosser(glossed, str(extra.get("title", ""))) if glossed else (lambda text: text)

    def markdown(text: str, glossed: bool = True) -> Markup:
        """A Markdown field as clean HTML, its kind:id links made addresses;
        in a translation, an untranslated one carries the source's language.
        ``glossed=False`` for text that is not the toolkit's own (a story)."""
        out = markup.markdown_html(gloss(_defined(text)) if glossed else _defined(text), resolve)
        if isinstance(text, str) and text in fallbacks:
            return Markup('<div lang="{}">{}</div>').format(source, out)
        return out

    def prose(text: str) -> Markup:
        """A Markdown field in a Markdown page: headings, and blocks of clean HTML."""
        lang = source if isinstance(text, str) and text in fallbacks else ""
        return markup.prose(gloss(_defined(text)), resolve, lang)

    def href(ref_or_src: str) -> str:
        """A relative address for raw HTML: a ``kind:id`` link or a page source."""
        if ":" in ref_or_src:
            target, anchor, _ = addresses.target(ref_or_src)
        else:
            target, _, anchor = ref_or_src.partition("#")
        return html_href(src, target, anchor, directory_urls)

    def md(ref_or_src: str) -> str:
        """A relative Markdown address of a page source."""
        target, _, anchor = ref_or_src.partition("#")
        return md_href(src, target, anchor)

    def asset(name: str) -> str:
        """The relative address of one of the toolkit's own assets."""
        return asset_href(src, f"assets/toolkit/{name}", directory_urls)

    def docx(template_id: str) -> str:
        """The relative address of a template's blank Word file."""
        return asset_href(src, docx_src(template_id), directory_urls)

    def pdf(kind: str, id_: str = "", fillable: bool = False) -> str:
        """The relative address of a PDF the build makes; "" when it makes none."""
        if not pdfs:
            return ""
        if kind == "pack":
            path = pages_.PACK_PDF
        elif kind == "checklist":
            path = pages_.checklist_pdf(id_)
        elif kind == "assessment":
            path = pages_.assessment_pdf(id_)
        else:
            path = pages_.template_pdf(id_, fillable)
        return asset_href(src, path, directory_urls)

    def words(key: str, **values: object) -> str:
        return word(toolkit, key, **values)

    return {
        "toolkit": toolkit,
        "t": words,
        "link": link,
        "markdown": markdown,
        "prose": prose,
        # The source's language for a text a translation left untranslated,
        # for a template to mark what a script draws (else "").
        "lang_of": lambda text: source if isinstance(text, str) and text in fallbacks else "",
        "href": href,
        "asset": asset,
        "docx": docx,
        "pdf": pdf,
        "docx_src": docx_src,
        "md": md,
        "published": addresses.published,
        "title_of": lambda ref: addresses.target(ref)[2],
        "src_of": lambda ref: addresses.target(ref)[0],
        "sources_of": lambda ids: [sources[i] for i in ids],
        "sources_in": lambda items: credited(toolkit, items),
        "citation": lambda s: citation(toolkit, s),
        "stages_of": lambda item, kind: stages_of(toolkit, item, kind),
        "reviewed_on": lambda *dates: reviewed_on(toolkit, *dates),
        "page_src": src,
        "directory_urls": directory_urls,
        "addresses": addresses,
        **extra,
    }


def word(toolkit: Toolkit, key: str, **values: object) -> str:
    """One of the toolkit's own words (strings/en.yml), its blanks filled in."""
    text = toolkit.strings[key]
    if isinstance(text, dict):  # plural forms: pages show no counted words yet
        text = text["other"]
    return text.format(**values)


def citation(toolkit: Toolkit, s: Source) -> tuple[str, str, str, str]:
    """A source cited as the sources page, the page credits and the Word files
    write it: "{author} ({year})." *{title}* "({year})" "." "{medium}. {publisher}."
    Only what sources.yml says, nothing guessed. Returns the author part, the
    title, the year after the title (when there is no author) and the rest.
    """
    author = f"{s.author} ({s.year or word(toolkit, 'citation_no_date')})." if s.author else ""
    year = f"({s.year})" if s.year and not s.author else ""
    rest = " ".join(f"{part}." for part in (s.medium, s.publisher) if part)
    return author, s.title, year, rest


def stages_of(toolkit: Toolkit, item: object, kind: str) -> list[str]:
    """The stages a checklist or template serves, for the chooser: those that
    list it (on the stage or one of its steps), or that it names as related."""
    related = set(getattr(item, "related", ()))
    found = []
    for stage in toolkit.stages:
        lists = [getattr(stage, kind), *(getattr(step, kind) for step in stage.steps)]
        refs = {f"stage:{stage.id}", *(f"step:{step.id}" for step in stage.steps)}
        if any(item.id in ids for ids in lists) or related & refs:  # type: ignore[attr-defined]
            found.append(stage.id)
    return found


def credited(toolkit: Toolkit, items: object) -> list[str]:
    """The ids of the sources any of ``items`` draws on, in sources.yml's order:
    what a page showing several of them (an index, the print pack) credits."""
    named = {id_ for item in items for id_ in item.sources}  # type: ignore[attr-defined]
    return [s.id for s in toolkit.sources if s.id in named]


def reviewed_on(toolkit: Toolkit, *dates: str) -> str:
    """The latest of the files' review dates (else the toolkit's own), written
    in full in the toolkit's language; "" when no file gives one."""
    latest = max((d for d in dates if d), default=toolkit.reviewed)
    if not latest:
        return ""
    return languages.long_date(date.fromisoformat(latest), toolkit.language)
