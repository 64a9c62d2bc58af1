"""PDFs made at build time, with WeasyPrint (``PDF=true mkdocs build``).

A facilitator emails a pack ahead of a workshop; a partner who works in
Acrobat wants a document. Once the site is built, this makes:

- a PDF of every checklist and every blank template, from its built page and
  the site's own print styles (so it is what the browser prints, with the
  running header and footer the page writes at build time);
- a fillable PDF of every template, whose fields are PDF form fields (text,
  several lines, dates, check boxes, radio buttons, blank rows), tagged for
  PDF/UA so a screen reader can use it;
- the workshop pack: a cover, contents with page numbers, then every
  checklist and every blank template.

Each file is kept in the cache under a digest of what it is made from (the
page's HTML, every stylesheet of the site, and WeasyPrint's version), so a
rebuild remakes only what changed. WeasyPrint is imported only here, and
only when PDFs are asked for.
"""

from __future__ import annotations

import datetime
import hashlib
import html
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import languages, pages
from .markup import css_string
from .model import Template, Toolkit
from .versions import installed

if TYPE_CHECKING:
    from .render import Renderer
    from .urls import Addresses

LIBRARIES = ("weasyprint", "pydyf", "tinycss2", "fonttools")
KEY_LENGTH = 16
VARIANT = "pdf/ua-1"  # tagged, with the structure a screen reader reads
PAGE = re.compile(r"\{(page|pages)\}")
_ARTICLE = re.compile(
    r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S | re.IGNORECASE
)
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
_HREF = re.compile(r'\shref="([^"#][^"]*)"')


def page_counter(words: str) -> str:
    """The CSS ``content`` for "Page {page} of {pages}" in the toolkit's words."""
    parts = []
    for i, piece in enumerate(PAGE.split(words)):
        if i % 2:
            parts.append(f"counter({piece})")
        elif piece:
            # Each character that could end the string is escaped; spaces stay.
            text = "".join(
                c if c.isalnum() or c in " .,:;!?'()-_&%/" else f"\\{ord(c):x} " for c in piece
            )
            parts.append(f'"{text}"')
    return " ".join(parts) or "counter(page)"


@dataclass
class Part:
    """One page of the site in the workshop pack: its title and built HTML file."""

    title: str
    file: Path


class Maker:
    """Makes the PDFs of one built site, from the cache when nothing changed."""

    def __init__(self, site_dir: Path, cache_dir: Path, note: Callable[[str], None]) -> None:
        self.site = Path(site_dir).resolve()
        self.cache = Path(cache_dir)
        self.note = note
        digest = hashlib.sha256(VARIANT.encode())
        for name in LIBRARIES:
            digest.update(f"{name}=={installed(name)}".encode())
        for css in sorted(self.site.rglob("*.css")):
            digest.update(css.relative_to(self.site).as_posix().encode() + css.read_bytes())
        self.base_key = digest.hexdigest()
        self.made = 0
        logging.getLogger("weasyprint").setLevel(logging.ERROR)  # CSS it skips, by the hundred
        logging.getLogger("fontTools").setLevel(logging.ERROR)

    # -- the cache -------------------------------------------------------------------------

    def _key(self, *parts: str | bytes) -> str:
        digest = hashlib.sha256(self.base_key.encode())
        for part in parts:
            digest.update(b"\0" + (part.encode() if isinstance(part, str) else part))
        return digest.hexdigest()[:KEY_LENGTH]

    def _write(self, out: str, key: str, make: Callable[[], bytes]) -> None:
        """``out`` (a path in the site) from the cache, or made and kept there."""
        name = out.replace("/", "--").removesuffix(".pdf")
        cached = self.cache / f"{name}-{key}.pdf"
        if cached.is_file():
            data = cached.read_bytes()
        else:
            data = make()
            self.made += 1
            self.cache.mkdir(parents=True, exist_ok=True)
            own = re.compile(rf"^{re.escape(name)}-[0-9a-f]{{{KEY_LENGTH}}}\.pdf$")
            for old in self.cache.glob(f"{name}-*.pdf"):
                if own.match(old.name):  # only this file's older versions
                    old.unlink(missing_ok=True)
            tmp = cached.with_suffix(".tmp")
            tmp.write_bytes(data)
            tmp.replace(cached)
        target = self.site / out
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    # -- rendering -------------------------------------------------------------------------

    def _fetcher(self) -> object:
        """Only the site's own files (and data: URLs) go into a PDF: nothing from
        another host, and no file outside the site."""
        from urllib.parse import unquote, urlsplit

        from weasyprint.urls import URLFetcher

        site = self.site

        class SiteFiles(URLFetcher):
            def fetch(self, url: str, headers: object = None) -> object:
                if url.startswith("file:"):
                    path = Path(unquote(urlsplit(url).path)).resolve()
                    if not path.is_relative_to(site):
                        raise ValueError(f"not a file of the site: {url}")
                return super().fetch(url, headers)

        return SiteFiles(allowed_protocols=("file", "data"))

    def _pdf(self, document_html: str, base: Path, forms: bool = False) -> bytes:
        from weasyprint import HTML

        return HTML(
            string=document_html,
            base_url=base.as_uri(),
            url_fetcher=self._fetcher(),
            media_type="print",
        ).write_pdf(pdf_variant=VARIANT, pdf_forms=forms)

    def page(self, built: Path, out: str) -> None:
        """The PDF of one built page, as the browser prints it."""
        text = built.read_text(encoding="utf-8")
        base = built.parent / built.name
        self._write(out, self._key("page", out, text), lambda: self._pdf(text, base))

    def fillable(self, toolkit: Toolkit, template: Template, document: str, out: str) -> None:
        """A template's fillable PDF, from the HTML ``fillable_html`` wrote."""
        self._write(
            out,
            self._key("fillable", out, document),
            lambda: self._pdf(document, self.site / "index.html", forms=True),
        )

    def pack(self, document: str, out: str) -> None:
        self._write(
            out, self._key("pack", out, document), lambda: self._pdf(document, self.site / out)
        )


# -- the workshop pack -----------------------------------------------------------------------


def article_of(built: Path) -> str:
    """The page's own content (its ``<article>``), without the site around it."""
    found = _ARTICLE.search(built.read_text(encoding="utf-8"))
    return found.group(1) if found else ""


def stylesheets_of(built: Path, site: Path) -> list[str]:
    """The site's stylesheets a built page links, relative to the site's root."""
    out = []
    for href in _STYLESHEET.findall(built.read_text(encoding="utf-8")):
        path = (built.parent / html.unescape(href).split("?")[0]).resolve()
        if path.is_relative_to(site.resolve()):
            out.append(path.relative_to(site.resolve()).as_posix())
    return out


def _unlinked(fragment: str) -> str:
    """Links between the site's pages mean nothing on paper: they go, their words stay
    (links to other sites and to anchors are kept)."""

    def keep(found: re.Match[str]) -> str:
        target = html.unescape(found.group(1))
        return found.group(0) if re.match(r"^(https?:|mailto:|tel:)", target) else ""

    return _HREF.sub(keep, fragment)


def pack_html(
    toolkit: Toolkit, parts: Iterable[tuple[str, list[Part]]], stylesheets: list[str], date: str
) -> str:
    """The workshop pack as one document: a cover, contents with page numbers
    (filled in by the renderer), then each part's content on new pages."""
    words = toolkit.strings
    esc = html.escape
    groups = [(heading, list(items)) for heading, items in parts]
    contents = []
    body = []
    n = 0
    for heading, items in groups:
        if not items:
            continue
        contents.append(f'<li class="tk-pack__group">{esc(heading)}<ol>')
        for part in items:
            n += 1
            contents.append(f'<li><a href="#tk-part-{n}">{esc(part.title)}</a></li>')
            body.append(
                f'<article class="md-content__inner md-typeset tk-pack__part" id="tk-part-{n}" '
                f'data-title="{esc(part.title)}">{_unlinked(article_of(part.file))}</article>'
            )
        contents.append("</ol></li>")
    links = "\n".join(f'<link rel="stylesheet" href="{esc(href)}">' for href in stylesheets)
    organisation = toolkit.organisation.name
    footer = css_string(words["pack_title"] + " · " + date)
    return f"""<!doctype html>
<html lang="{esc(toolkit.language)}" class="no-js">
<head>
<meta charset="utf-8">
<title>{esc(words["pack_title"])}: {esc(toolkit.title)}</title>
<meta name="author" content="{esc(organisation)}">
{links}
<style>
@page {{
  size: A4; margin: 18mm 16mm 18mm;
  @top-left {{ content: {css_string(toolkit.title)}; font: 8pt sans-serif; }}
  @top-right {{ content: string(part); font: 8pt sans-serif; }}
  @bottom-left {{ content: {footer}; font: 8pt sans-serif; }}
  @bottom-right {{ content: {page_counter(words["docx_page"])}; font: 8pt sans-serif; }}
}}
@page cover {{ @top-left {{ content: none; }} @top-right {{ content: none; }} }}
body {{ margin: 0; font-family: sans-serif; }}
.tk-pack__cover {{ page: cover; break-after: page; padding-top: 60mm; }}
.tk-pack__cover h1 {{ font-size: 28pt; margin: 0 0 6mm; }}
.tk-pack__cover p {{ font-size: 13pt; margin: 0 0 3mm; }}
.tk-pack__contents {{ break-after: page; }}
.tk-pack__contents h2 {{ font-size: 18pt; }}
.tk-pack__contents ol {{ list-style: none; padding: 0; margin: 0 0 4mm; }}
.tk-pack__group {{ font-weight: 700; margin-top: 4mm; }}
.tk-pack__group ol li {{ font-weight: 400; margin: 1.5mm 0; }}
.tk-pack__contents a {{ color: inherit; text-decoration: none; }}
.tk-pack__contents a::after {{ content: leader('.') target-counter(attr(href), page); }}
.tk-pack__part {{ break-before: page; string-set: part attr(data-title); }}
.tk-pack__part:first-of-type {{ break-before: auto; }}
</style>
</head>
<body>
<section class="tk-pack__cover">
<h1>{esc(toolkit.title)}</h1>
<p>{esc(words["pack_title"])}</p>
<p>{esc(words["pack_intro"])}</p>
<p>{esc(organisation)}</p>
<p>{esc(date)}</p>
</section>
<nav class="tk-pack__contents" aria-label="{esc(words["pack_contents"])}">
<h2>{esc(words["pack_contents"])}</h2>
<ol>{"".join(contents)}</ol>
</nav>
<div class="md-content">
{"".join(body)}
</div>
</body>
</html>
"""


def built_page(site: Path, src: str, directory_urls: bool) -> Path:
    """Where the build wrote the page whose Markdown is ``src``."""
    stem = src[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return site / f"{stem}.html"
    return site / (f"{stem}/index.html" if directory_urls else f"{stem}.html")


def make_all(
    maker: Maker, t: Toolkit, renderer: Renderer, addresses: Addresses, directory_urls: bool
) -> None:
    """Every checklist's, template's and health check's PDF, each template's
    fillable PDF, and the workshop pack, written into the built site."""
    site = maker.site

    def parts(kind: str, items: Iterable[Any], on: bool) -> list[Part]:
        return [
            Part(
                item.title,
                built_page(site, addresses.target(f"{kind}:{item.id}")[0], directory_urls),
            )
            for item in (items if on else ())
        ]

    checklists = parts("checklist", t.checklists, t.features.checklists)
    templates = parts("template", t.templates, t.features.templates)
    assessments = parts("assessment", t.assessments, t.features.assessments)
    date = languages.long_date(datetime.date.today(), t.language)
    footer = f"{t.title} · {date}"
    for checklist, part in zip(t.checklists, checklists, strict=False):
        maker.page(part.file, pages.checklist_pdf(checklist.id))
    for tpl, part in zip(t.templates, templates, strict=False):
        maker.page(part.file, pages.template_pdf(tpl.id))
        maker.fillable(t, tpl, renderer.fillable(tpl, footer), pages.template_pdf(tpl.id, True))
    for assessment, part in zip(t.assessments, assessments, strict=False):
        maker.page(part.file, pages.assessment_pdf(assessment.id))
    if checklists or templates or assessments:
        first = (checklists or templates or assessments)[0].file
        sections = [
            (t.strings["checklists_title"], checklists),
            (t.strings["templates_title"], templates),
            (t.strings["assessments_title"], assessments),
        ]
        document = pack_html(t, sections, stylesheets_of(first, site), date)
        maker.pack(document, pages.PACK_PDF)
