"""The blank Word file of each template matches the template's data: the same
headings, every field labelled with a box, table or tick boxes to fill in, and
signature blocks; and the built site publishes it where the page links to it."""

from __future__ import annotations

import io
import posixpath
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docx import Document

from partnership_toolkit.docx_export import BOX, template_docx
from partnership_toolkit.load import load
from partnership_toolkit.model import Template, Toolkit

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_IDS = sorted(p.stem for p in (ROOT / "data" / "templates").glob("*.yml"))
SIGNATURE_LINES = [
    "template_signature",
    "template_signature_name",
    "template_signature_role",
    "template_signature_organisation",
    "template_signature_date",
]


@pytest.fixture(scope="module")
def toolkit() -> Toolkit:
    return load(ROOT / "data", root=ROOT)


def _template(toolkit: Toolkit, tid: str) -> Template:
    return next(t for t in toolkit.templates if t.id == tid)


def _open(toolkit: Toolkit, tpl: Template):
    return Document(io.BytesIO(template_docx(toolkit, tpl)))


def test_every_template_is_checked(toolkit):
    assert TEMPLATE_IDS == sorted(t.id for t in toolkit.templates)
    assert len(TEMPLATE_IDS) == 12


@pytest.mark.parametrize("tid", TEMPLATE_IDS)
def test_headings_are_the_title_and_the_sections(toolkit, tid):
    tpl = _template(toolkit, tid)
    doc = _open(toolkit, tpl)
    headings = [
        (p.style.name, p.text)
        for p in doc.paragraphs
        if p.style.name == "Title" or p.style.name.startswith("Heading")
    ]
    assert headings == [
        ("Title", tpl.title),
        *[("Heading 1", s.title) for s in tpl.sections],
        ("Heading 1", "Sources"),
    ]
    assert doc.core_properties.title == tpl.title


@pytest.mark.parametrize("tid", TEMPLATE_IDS)
def test_the_word_file_cites_its_sources_and_licence(toolkit, tid):
    """A shared or printed Word copy still says where its advice came from."""
    tpl = _template(toolkit, tid)
    texts = [p.text for p in _open(toolkit, tpl).paragraphs]
    cited = texts[texts.index("Sources") + 2 :]
    for source in (s for s in toolkit.sources if s.id in tpl.sources):
        assert any(source.title in line for line in cited), source.id
    assert cited[-1] == f"{toolkit.title}. {toolkit.licence_name}."


@pytest.mark.parametrize("tid", TEMPLATE_IDS)
def test_every_field_is_labelled_in_order(toolkit, tid):
    tpl = _template(toolkit, tid)
    words = toolkit.strings
    expected = []
    for field in tpl.fields:
        expected.append(field.label)
        if field.type == "signatures":
            expected += [words["template_signatory"].format(n=n) for n in range(1, field.rows + 1)]
    bold_starts = [
        p.runs[0].text for p in _open(toolkit, tpl).paragraphs if p.runs and p.runs[0].bold
    ]
    assert bold_starts == expected


@pytest.mark.parametrize("tid", TEMPLATE_IDS)
def test_every_field_has_somewhere_to_write(toolkit, tid):
    """Boxes for answers, tables with the row columns and the template's number of
    empty rows, five-line signature blocks, and a tick box for every option."""
    tpl = _template(toolkit, tid)
    words = toolkit.strings
    required = " *"  # a star in a narrow heading; a note under the table says what it means
    expected_tables = []
    expected_options = []
    for field in tpl.fields:
        if field.type == "rows":
            header = [c.label + (required if c.required else "") for c in field.fields]
            expected_tables.append([header] + [[""] * len(field.fields)] * field.rows)
        elif field.type == "signatures":
            expected_tables += [[[words[key], ""] for key in SIGNATURE_LINES]] * field.rows
        elif field.type in ("choice", "choices"):
            expected_options += [f"{BOX}  {option}" for option in field.options]
        else:
            expected_tables.append([[""]])
    doc = _open(toolkit, tpl)
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in doc.tables]
    assert tables == expected_tables
    options = [p.text for p in doc.paragraphs if p.text.startswith(BOX)]
    assert options == expected_options


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "a" and "download" in attributes and attributes.get("href", "").endswith(".docx"):
            self.hrefs.append(attributes["href"])


@pytest.mark.parametrize("tid", TEMPLATE_IDS)
def test_site_publishes_the_word_file_the_page_links_to(default_site, toolkit, tid):
    links = _Links()
    links.feed((default_site / "templates" / tid / "index.html").read_text(encoding="utf-8"))
    assert len(links.hrefs) == 1
    # Resolved as a browser does, against the page's directory URL.
    target = posixpath.normpath(posixpath.join(f"templates/{tid}/", links.hrefs[0]))
    assert target == f"templates/{tid}.docx"
    assert Document(default_site / target).paragraphs[0].text == _template(toolkit, tid).title


def test_the_cache_key_changes_with_what_the_file_is_made_from() -> None:
    import dataclasses

    from partnership_toolkit.docx_cache import cache_key
    from partnership_toolkit.load import load

    toolkit = load(ROOT / "data")
    template = toolkit.templates[0]
    key = cache_key(toolkit, template)
    assert cache_key(toolkit, template) == key
    retitled = dataclasses.replace(template, title=template.title + " (draft)")
    assert cache_key(toolkit, retitled) != key
    words = {**toolkit.strings, "template_signature": "Llofnod"}
    reworded = dataclasses.replace(toolkit, strings=words)
    assert cache_key(reworded, template) != key
    assert cache_key(toolkit, toolkit.templates[1]) != key


def test_the_cache_key_changes_with_the_libraries_that_write_the_file(monkeypatch) -> None:
    from partnership_toolkit import docx_cache
    from partnership_toolkit.load import load

    toolkit = load(ROOT / "data")
    template = toolkit.templates[0]
    key = docx_cache.cache_key(toolkit, template)
    real = docx_cache.installed
    for library in ("python-docx", "markdown"):
        monkeypatch.setattr(
            docx_cache, "installed", lambda name, lib=library: "99.0" if name == lib else real(name)
        )
        assert docx_cache.cache_key(toolkit, template) != key, library
    monkeypatch.setattr(docx_cache, "installed", real)
    assert docx_cache.cache_key(toolkit, template) == key


def test_remaking_one_templates_file_keeps_another_whose_id_it_starts(tmp_path) -> None:
    import dataclasses

    from partnership_toolkit import docx_cache
    from partnership_toolkit.load import load

    toolkit = load(ROOT / "data")
    short = dataclasses.replace(toolkit.templates[0], id="agreement")
    longer = dataclasses.replace(toolkit.templates[0], id="agreement-full")
    made: list[str] = []

    def make(tid: str):
        return lambda: made.append(tid) or tid.encode()

    assert docx_cache.get(tmp_path, toolkit, longer, make("agreement-full")) == b"agreement-full"
    assert docx_cache.get(tmp_path, toolkit, short, make("agreement")) == b"agreement"
    changed = dataclasses.replace(short, title=short.title + " (new)")
    docx_cache.get(tmp_path, toolkit, changed, make("agreement"))
    # The longer id's file is still there, found again without remaking it.
    assert docx_cache.get(tmp_path, toolkit, longer, make("agreement-full")) == b"agreement-full"
    assert made == ["agreement-full", "agreement", "agreement"]
    assert len([p for p in tmp_path.iterdir() if docx_cache.owned_by(p.name, "agreement")]) == 1


def test_word_files_suit_a_uk_toolkit(toolkit):
    """The default toolkit is British English (en-GB): A4 paper, British
    spelling checked, "Page 1 of 2" on every page, and table headings that come
    back on each page and rows never cut across two."""
    from docx.oxml.ns import qn

    tpl = _template(toolkit, "partnership-agreement")
    doc = _open(toolkit, tpl)
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    lang = doc.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB"
    footer = section.footer.paragraphs[0]._p
    fields = [f.get(qn("w:instr")).split()[0] for f in footer.iter(qn("w:fldSimple"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert "Page" in section.footer.paragraphs[0].text
    assert section.header.paragraphs[0].text == f"{toolkit.title} · {tpl.title}"
    rows_tables = [t for t in doc.tables if len(t.columns) > 2]
    assert rows_tables
    for table in rows_tables:
        first = table.rows[0]._tr.trPr
        assert first.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
        assert "required" not in " ".join(c.text for c in table.rows[0].cells)
    assert "(required)" not in "".join(c.text for t in rows_tables for c in t.rows[0].cells)


def test_a_us_toolkit_gets_letter_paper(toolkit):
    import dataclasses

    us = dataclasses.replace(toolkit, language="en-US")
    doc = _open(us, _template(us, "light-agreement"))
    section = doc.sections[0]
    assert (round(section.page_width.cm, 2), round(section.page_height.cm, 2)) == (21.59, 27.94)


def test_a_second_build_never_reads_a_half_written_word_file(tmp_path, monkeypatch) -> None:
    """Two builds at once (test workers, or `mkdocs serve` beside `mkdocs
    build`) share the cache: while one is writing a file, the other must make
    or find the whole file, never the part written so far."""
    import pathlib

    from partnership_toolkit import docx_cache
    from partnership_toolkit.load import load

    toolkit = load(ROOT / "data")
    template = toolkit.templates[0]
    whole = b"PK" + b"x" * 4000
    real_write = pathlib.Path.write_bytes
    seen: list[bytes] = []
    asked: list[bool] = []

    def slow_write(path: pathlib.Path, data: bytes) -> int:
        real_write(path, data[: len(data) // 2])  # the first half is on disk ...
        if not asked:  # ... when the other build asks for the same file
            asked.append(True)
            seen.append(docx_cache.get(tmp_path, toolkit, template, lambda: whole))
        return real_write(path, data)

    monkeypatch.setattr(pathlib.Path, "write_bytes", slow_write)
    assert docx_cache.get(tmp_path, toolkit, template, lambda: whole) == whole
    assert seen == [whole]
    monkeypatch.undo()
    assert docx_cache.get(tmp_path, toolkit, template, lambda: b"remade") == whole
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_a_template_makes_the_same_word_file_on_another_day(toolkit, monkeypatch) -> None:
    """A build on a fresh machine tomorrow publishes the same bytes as today's: nothing in
    the file says when it was made, so a published site changes only where its data does."""
    import time

    template = toolkit.templates[0]
    today = template_docx(toolkit, template)
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 86_400 * 400)
    later = template_docx(toolkit, template)
    assert later == today
    with zipfile.ZipFile(io.BytesIO(later)) as packed:
        assert {entry.date_time for entry in packed.infolist()} == {(1980, 1, 1, 0, 0, 0)}
