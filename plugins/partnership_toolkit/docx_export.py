"""A blank Word (.docx) version of a template, for partners who work in Word.

Made from the same :class:`~.model.Template` as the page: the title, each
section as a heading with its guidance, every field as a labelled box to type
or write in, repeating rows as a table with the right columns and the
template's number of empty rows, and signature blocks with a line to sign on.
Pure core: no MkDocs; the adapter publishes the bytes next to the pages.
"""

from __future__ import annotations

import functools
import io
import zipfile
from html.parser import HTMLParser

import markdown as markdown_lib
from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from . import template_helpers
from .model import Field, Template, Toolkit

BOX = "\u2610"  # an empty tick box
GREY = RGBColor(0x55, 0x55, 0x55)
LINE = Cm(0.9)  # height of a one-line answer box
AREA = Cm(3.2)  # height of a long-answer box
SIGN = Cm(1.6)  # height of the space to sign in
# Paper: A4, except where Letter is the custom (the United States, Canada,
# Mexico, the Philippines), read from the toolkit's language tag (en-US).
LETTER_TERRITORIES = {"US", "CA", "MX", "PH"}


# The styles these documents use; every other style of python-docx's default
# document is dropped from the base, because python-docx looks styles up by
# scanning them all, which made each template cost a tenth of a second.
_STYLES = {
    "Normal",
    "Title",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "List Paragraph",
    "List Bullet",
    "Table Grid",
}


_MARKDOWN = markdown_lib.Markdown(extensions=["sane_lists"])  # one parser, reset per use


def _to_html(text: str) -> str:
    _MARKDOWN.reset()
    return _MARKDOWN.convert(text)


@functools.cache
def _base_document() -> bytes:
    """python-docx's default document with only the styles used here (and what they
    are based on, the character styles linked to them, and the defaults)."""
    doc = Document()
    styles = list(doc.styles)
    keep = set()
    for style in styles:
        if style.name in _STYLES:
            while style is not None and style.name not in keep:
                keep.add(style.name)
                style = style.base_style
    keep |= {f"{name} Char" for name in keep}
    for style in styles:
        is_default = (
            style.element.get(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}default"
            )
            == "1"
        )
        if style.name not in keep and not is_default:
            style.delete()
    return _bytes(doc)


def template_docx(toolkit: Toolkit, template: Template) -> bytes:
    """The blank Word document of ``template`` as bytes."""
    words = toolkit.strings
    doc = Document(io.BytesIO(_base_document()))
    # The file's properties hold at most 255 characters each (the page itself
    # has the whole text).
    doc.core_properties.title = _property(template.title)
    doc.core_properties.subject = _property(toolkit.title)
    doc.core_properties.author = _property(toolkit.organisation.name or toolkit.title)
    doc.styles["Normal"].font.size = Pt(10.5)
    _page_setup(doc, toolkit.language, words, f"{toolkit.title} · {template.title}")

    doc.add_heading(template.title, level=0)
    _note(doc, toolkit.title)
    _markdown(doc, template.summary)
    _markdown(doc, template.purpose)

    for section in template.sections:
        doc.add_heading(section.title, level=1)
        if section.guidance:
            _markdown(doc, section.guidance, grey=True)
        for field in section.fields:
            _field(doc, field, words)
    _credits(doc, toolkit, template)
    translation = getattr(toolkit, "translation", None)
    if translation is not None and translation.fallbacks:
        _mark_fallbacks(doc, translation.fallbacks, toolkit.source_language)
    return _bytes(doc)


def _mark_fallbacks(doc: Document, fallbacks: set[str], language: str) -> None:
    """In a translation, each run of text shown in the source language says so,
    so Word checks its spelling (and a screen reader reads it) in that language."""
    texts = {" ".join(t.split()) for t in fallbacks}
    paragraphs = list(doc.paragraphs)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs += cell.paragraphs
    for paragraph in paragraphs:
        whole = " ".join(paragraph.text.split())
        for run in paragraph.runs:
            text = " ".join(run.text.split())
            if text and (text in texts or whole in texts):
                rpr = run._r.get_or_add_rPr()
                for old in rpr.findall(qn("w:lang")):
                    rpr.remove(old)
                lang = OxmlElement("w:lang")
                lang.set(qn("w:val"), language)
                rpr.append(lang)


def _page_setup(doc: Document, language: str, words: dict[str, str], heading: str = "") -> None:
    """The paper, the proofing language and page numbers, for the toolkit's language:
    a UK toolkit (en-GB) gets A4 and British spelling, not US Letter and US English.
    ``heading`` (the toolkit's name and the template's) heads every page."""
    territory = language.split("-")[1].upper() if "-" in language else ""
    section = doc.sections[0]
    if territory in LETTER_TERRITORIES:
        section.page_width, section.page_height = Cm(21.59), Cm(27.94)
    else:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    # Every run's language, from the document's defaults, so Word checks the
    # spelling of the toolkit's language (en-GB: "organisation" is right).
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    rpr = run_defaults.find(qn("w:rPr")) if run_defaults is not None else None
    if rpr is not None:
        for old in rpr.findall(qn("w:lang")):
            rpr.remove(old)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), language)
        rpr.append(lang)
    if heading:
        top = section.header.paragraphs[0]
        run = top.add_run(heading)
        run.font.size = Pt(8.5)
        run.font.color.rgb = GREY
    # "Page 2 of 3" at the foot of every page, with Word's own page fields.
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    text = words.get("docx_page", "{page} / {pages}")
    for part in _fields(text):
        if part in ("{page}", "{pages}"):
            _page_field(footer, "PAGE" if part == "{page}" else "NUMPAGES")
        elif part:
            run = footer.add_run(part)
            run.font.size = Pt(8.5)
            run.font.color.rgb = GREY


def _fields(text: str) -> list[str]:
    """``"Page {page} of {pages}"`` as its text and its two placeholders, in order."""
    import re

    return [part for part in re.split(r"(\{page\}|\{pages\})", text) if part]


def _page_field(paragraph: object, name: str) -> None:
    """A field Word fills in: the page number (PAGE) or the number of pages (NUMPAGES)."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f"{name} \\* MERGEFORMAT")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)  # noqa: SLF001 - python-docx has no API for fields


# The time every part of a Word file is stamped with: the earliest a zip holds, so
# a template makes the same bytes on every machine and every day.
ENTRY_TIME = (1980, 1, 1, 0, 0, 0)


def _bytes(doc: Document) -> bytes:
    """The document as a Word file, with no trace of when it was made."""
    saved = io.BytesIO()
    doc.save(saved)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(saved) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            stamped = zipfile.ZipInfo(entry.filename, date_time=ENTRY_TIME)
            stamped.compress_type = zipfile.ZIP_DEFLATED
            stamped.external_attr = entry.external_attr
            target.writestr(stamped, source.read(entry))
    return out.getvalue()


# -- fields ----------------------------------------------------------------------------------


def _field(doc: Document, field: Field, words: dict[str, str]) -> None:
    _label(doc, field, words)
    if field.help:
        _note(doc, field.help)
    if field.example:
        _note(doc, f"{words['template_example']} {field.example}")
    if field.type in ("choice", "choices"):
        for option in field.options:
            doc.add_paragraph(f"{BOX}  {option}", style="List Paragraph")
    elif field.type == "rows":
        _rows_table(doc, field, words)
    elif field.type == "signatures":
        for n in range(1, field.rows + 1):
            _signature_block(doc, n, words)
    else:
        _box(doc, AREA if field.type == "textarea" else LINE)
    doc.add_paragraph()


def _label(doc: Document, field: Field, words: dict[str, str]) -> None:
    p = doc.add_paragraph()
    p.paragraph_format.space_after = Pt(2)
    p.paragraph_format.keep_with_next = True
    p.add_run(field.label).bold = True
    if field.required:
        run = p.add_run(f" ({words['template_required']})")
        run.font.color.rgb = GREY


def _box(doc: Document, height: Cm) -> None:
    """A bordered single-cell table: a box to type into, or write in on paper."""
    table = doc.add_table(rows=1, cols=1)
    table.style = "Table Grid"
    _height(table.rows[0], height)


def _rows_table(doc: Document, field: Field, words: dict[str, str]) -> None:
    table = doc.add_table(rows=1 + field.rows, cols=len(field.fields))
    table.style = "Table Grid"
    for cell, column in zip(table.rows[0].cells, field.fields, strict=True):
        run = cell.paragraphs[0].add_run(column.label)
        run.bold = True
        if column.required:  # a star keeps narrow headings short; the note says what
            cell.paragraphs[0].add_run(" *").font.color.rgb = GREY
    _row_flags(table.rows[0], "w:tblHeader")  # the headings again on each new page
    for row in table.rows:
        _row_flags(row, "w:cantSplit")  # a row is never cut across two pages
    for row in table.rows[1:]:
        tall = any(column.type == "textarea" for column in field.fields)
        _height(row, Cm(1.6) if tall else LINE)
    if any(column.required for column in field.fields):
        _note(doc, f"* {words['template_required']}")


def _row_flags(row: object, flag: str) -> None:
    properties = row._tr.get_or_add_trPr()  # noqa: SLF001 - no python-docx API for these
    properties.append(OxmlElement(flag))


def _signature_block(doc: Document, n: int, words: dict[str, str]) -> None:
    heading = doc.add_paragraph()
    heading.paragraph_format.keep_with_next = True
    heading.add_run(words["template_signatory"].format(n=n)).bold = True
    lines = [
        ("template_signature", SIGN),
        ("template_signature_name", LINE),
        ("template_signature_role", LINE),
        ("template_signature_organisation", LINE),
        ("template_signature_date", LINE),
    ]
    table = doc.add_table(rows=len(lines), cols=2)
    table.style = "Table Grid"
    for row, (key, height) in zip(table.rows, lines, strict=True):
        row.cells[0].width = Cm(4)
        row.cells[1].width = Cm(12)
        row.cells[0].paragraphs[0].add_run(words[key]).bold = True
        _height(row, height)
    doc.add_paragraph()


def _height(row: object, height: Cm) -> None:
    row.height = height
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


# -- text ------------------------------------------------------------------------------------


def _credits(doc: Document, toolkit: Toolkit, template: Template) -> None:
    """The sources the template draws on, cited as its page cites them, and the
    toolkit's licence: a printed or shared copy still says where it came from."""
    sources = {s.id: s for s in toolkit.sources}
    doc.add_heading(toolkit.strings["sources_heading"], level=1)
    _note(doc, f"{toolkit.strings['sources_intro']}:")
    for id_ in template.sources:
        author, title, year, rest = template_helpers.citation(toolkit, sources[id_])
        p = doc.add_paragraph(style="List Bullet")
        if author:
            p.add_run(f"{author} ")
        p.add_run(title).italic = True
        p.add_run(f"{' ' + year if year else ''}.{' ' + rest if rest else ''}")
    if toolkit.licence_name:
        _note(doc, f"{toolkit.title}. {toolkit.licence_name}.")


def _note(doc: Document, text: str) -> None:
    p = doc.add_paragraph()
    p.paragraph_format.space_after = Pt(2)
    p.paragraph_format.keep_with_next = True
    run = p.add_run(text)
    run.italic = True
    run.font.color.rgb = GREY
    run.font.size = Pt(9.5)


def _markdown(doc: Document, text: str, grey: bool = False) -> None:
    """Markdown fields (never HTML, by the schema) as Word paragraphs and bullets."""
    for kind, words in _blocks(text):
        p = doc.add_paragraph(style="List Bullet" if kind == "li" else None)
        run = p.add_run(words)
        if grey:
            run.italic = True
            run.font.color.rgb = GREY


class _BlockText(HTMLParser):
    """Collects the text of each paragraph and list item of rendered Markdown."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[tuple[str, str]] = []
        self._kind: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("p", "li", "h1", "h2", "h3", "h4", "blockquote"):
            self._flush()
            self._kind = "li" if tag == "li" else "p"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "li", "h1", "h2", "h3", "h4", "ul", "ol", "blockquote"):
            self._flush()

    def handle_data(self, data: str) -> None:
        self._text.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        if text:
            self.blocks.append((self._kind or "p", text))
        self._text = []


def _blocks(text: str) -> list[tuple[str, str]]:
    parser = _BlockText()
    parser.feed(_to_html(text))
    parser.close()
    parser._flush()
    return parser.blocks


def _property(text: str) -> str:
    """``text`` as a document property: one line, cut to the 255 characters Word keeps."""
    line = " ".join(text.split())
    return line if len(line) <= 255 else line[:254] + "…"
