"""PDFs made with the site (``PDF=true``), checked as a facilitator and a
partner use them: every checklist and template, and the workshop pack, linked
from its page and from the offline copy; every item's text in its PDF; a
checklist on two A4 pages at most; running headers and "Page X of Y"; the
contents' page numbers right; a template's PDF fillable (as many form fields
as the template asks for), tagged, and kept once filled in and saved.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from partnership_toolkit import pdfs
from partnership_toolkit.load import load
from partnership_toolkit.model import Template
from sitekit import ROOT

TOOLKIT = load(ROOT / "data")


def words(text: str) -> str:
    """Text as one line of words; a word broken at its hyphen at the end of a
    line ("co-" / "investigator") is one word again."""
    return re.sub(r"-\s+(?=\w)", "-", " ".join(text.replace("\u00ad", "").split()))


def pdf_text(pdf: Path, page: int | None = None, layout: bool = False) -> str:
    """The PDF's text: in the order it was written (as a screen reader meets it),
    or laid out as on the page."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    mode = "-layout" if layout else "-raw"
    out = subprocess.run(
        ["pdftotext", mode, *pages, str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return out


def pdf_info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def expected_fields(template: Template) -> int:
    """How many PDF form fields a template's questions make: one each, one per
    option of a several-answers question, one per cell of a table's rows, and
    name, role, organisation and date for each signatory."""
    count = 0
    for field in template.fields:
        if field.type == "choices":
            count += len(field.options)
        elif field.type == "rows":
            count += field.rows * len(field.fields)
        elif field.type == "signatures":
            count += field.rows * 4
        else:
            count += 1
    return count


def test_every_checklist_and_template_has_its_pdfs_linked_from_its_page(pdf_site):
    for checklist in TOOLKIT.checklists:
        page = pdf_site / "checklists" / checklist.id / "index.html"
        link = BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one(".tk-downloads a")
        assert link is not None and link.has_attr("download")
        assert (
            page.parent / link["href"]
        ).resolve() == pdf_site / "checklists" / f"{checklist.id}.pdf"
        assert (pdf_site / "checklists" / f"{checklist.id}.pdf").is_file()
    for template in TOOLKIT.templates:
        page = pdf_site / "templates" / template.id / "index.html"
        links = BeautifulSoup(page.read_text("utf-8"), "html.parser").select(".tk-downloads a")
        targets = {(page.parent / a["href"]).resolve() for a in links}
        assert targets == {
            pdf_site / "templates" / f"{template.id}.pdf",
            pdf_site / "templates" / f"{template.id}-fillable.pdf",
        }
        assert all(target.is_file() for target in targets)
    index = BeautifulSoup((pdf_site / "templates" / "index.html").read_text("utf-8"), "html.parser")
    pack = [a for a in index.select("a[download]") if a["href"].endswith("workshop-pack.pdf")]
    assert pack and (pdf_site / "templates" / pack[0]["href"]).resolve().is_file()


@pytest.mark.parametrize("checklist", TOOLKIT.checklists, ids=lambda c: c.id)
def test_a_checklist_pdf_has_every_item_on_two_pages_at_most(pdf_site, checklist):
    pdf = pdf_site / "checklists" / f"{checklist.id}.pdf"
    info = pdf_info(pdf)
    assert int(info["Pages"]) <= 2
    assert info["Tagged"] == "yes"
    assert "595.276 x 841.89" in info["Page size"]  # A4
    text = words(pdf_text(pdf))
    for item in checklist.items:
        assert words(item.text) in text, item.id
    first = pdf_text(pdf, 1)
    assert TOOLKIT.title in first  # the running header
    assert f"Page 1 of {info['Pages']}" in words(first)


@pytest.mark.parametrize("template", TOOLKIT.templates, ids=lambda t: t.id)
def test_a_template_pdf_is_fillable_tagged_and_has_every_question(pdf_site, template):
    from pypdf import PdfReader

    fillable = pdf_site / "templates" / f"{template.id}-fillable.pdf"
    info = pdf_info(fillable)
    assert info["Tagged"] == "yes"
    assert info["Form"] == "AcroForm"
    fields = PdfReader(fillable).get_fields() or {}
    assert len(fields) == expected_fields(template)
    assert all(name.startswith(f"{template.id}:") and "." not in name for name in fields)
    types = {name: field.get("/FT") for name, field in fields.items()}
    for field in template.fields:
        name = f"{template.id}:{field.id}"
        if field.type == "choice":
            assert types[name] == "/Ch"
        elif field.type == "choices":
            assert types[f"{name}:1"] == "/Btn"
        elif field.type in ("text", "textarea", "date", "number", "email"):
            assert types[name] == "/Tx"
    text = words(pdf_text(fillable))
    for field in template.fields:
        assert words(field.label) in text, field.id
    blank = words(pdf_text(pdf_site / "templates" / f"{template.id}.pdf"))
    for field in template.fields:
        assert words(field.label) in blank, field.id


def test_a_partner_fills_in_a_template_pdf_and_saves_it(pdf_site, tmp_path):
    from pypdf import PdfReader, PdfWriter

    template = next(t for t in TOOLKIT.templates if t.id == "light-agreement")
    writer = PdfWriter(clone_from=pdf_site / "templates" / "light-agreement-fillable.pdf")
    answers = {
        "light-agreement:what": "Run three workshops with parents in Riverside.",
        "light-agreement:partners:1:organisation": "Riverside Community Network",
        "light-agreement:payment": template.fields[
            [f.id for f in template.fields].index("payment")
        ].options[0],
    }
    for page in writer.pages:
        writer.update_page_form_field_values(page, answers, auto_regenerate=False)
    saved = tmp_path / "filled.pdf"
    writer.write(saved)
    kept = PdfReader(saved).get_fields()
    assert {name: kept[name].get("/V") for name in answers} == answers


def test_the_workshop_pack_has_a_cover_contents_and_every_checklist_template_and_check(pdf_site):
    pack = pdf_site / "workshop-pack.pdf"
    info = pdf_info(pack)
    assert info["Tagged"] == "yes"
    pages = int(info["Pages"])
    cover = words(pdf_text(pack, 1))
    assert TOOLKIT.title in cover and TOOLKIT.strings["pack_title"] in cover
    contents = pdf_text(pack, 2, layout=True)
    parts = [c.title for c in TOOLKIT.checklists] + [t.title for t in TOOLKIT.templates]
    parts += [a.title for a in TOOLKIT.assessments]  # the health check's questionnaire
    for title in parts:
        found = re.search(re.escape(title) + r"[ .]*?(\d+)\s*$", contents, re.MULTILINE)
        assert found, title
        number = int(found.group(1))
        assert 2 < number <= pages
        # The part starts on the page the contents give, with its title at the top.
        assert title in pdf_text(pack, number), (title, number)
    assert f"Page {pages} of {pages}" in words(pdf_text(pack, pages))


def test_the_health_check_prints_every_statement(pdf_site):
    check = TOOLKIT.assessments[0]
    pdf = pdf_site / "assessments" / f"{check.id}.pdf"
    text = words(pdf_text(pdf))
    for statement in check.statements:
        assert words(statement.text) in text, statement.id
    assert pdf_info(pdf)["Tagged"] == "yes"


def test_the_offline_copy_carries_the_pdfs(offline_site):
    assert (offline_site / "workshop-pack.pdf").is_file()
    page = offline_site / "checklists" / "getting-started.html"
    link = BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one(".tk-downloads a")
    assert (
        page.parent / link["href"]
    ).resolve() == offline_site / "checklists" / "getting-started.pdf"
    assert (offline_site / "templates" / "light-agreement-fillable.pdf").is_file()


def test_a_rebuild_takes_unchanged_pdfs_from_the_cache(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.css").write_text("body { font: 12pt sans-serif; }", encoding="utf-8")
    page = site / "page.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><title>A</title>'
        '<link rel="stylesheet" href="a.css"></head><body><p>One</p></body></html>',
        encoding="utf-8",
    )
    cache = tmp_path / "cache"
    made = pdfs.Maker(site, cache, print)
    made.page(page, "checklists/a.pdf")
    made.page(page, "checklists/a-b.pdf")  # an id that begins with another's
    assert made.made == 2
    again = pdfs.Maker(site, cache, print)
    again.page(page, "checklists/a.pdf")
    again.page(page, "checklists/a-b.pdf")
    assert again.made == 0
    page.write_text(page.read_text("utf-8").replace("One", "Two"), encoding="utf-8")
    changed = pdfs.Maker(site, cache, print)
    changed.page(page, "checklists/a.pdf")
    assert changed.made == 1
    assert "Two" in pdf_text(site / "checklists" / "a.pdf")
    # Making a.pdf again cleared only a.pdf's older copy, not a-b.pdf's.
    names = sorted(p.name.rsplit("-", 1)[0] for p in cache.glob("*.pdf"))
    assert names == ["checklists--a", "checklists--a-b"]


def test_pdfs_take_nothing_from_outside_the_site(tmp_path):
    """A page that names a file outside the site, or an image on another host,
    makes a PDF without either: only the site's own image is in it, and the
    other host is never asked."""
    import http.server
    import threading

    from PIL import Image
    from pypdf import PdfReader

    site = tmp_path / "site"
    site.mkdir()
    Image.new("RGB", (40, 20), "red").save(site / "own.png")
    secret = tmp_path / "secret.png"
    Image.new("RGB", (30, 30), "blue").save(secret)
    asked: list[str] = []

    class Host(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(secret.read_bytes())

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Host)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    other = f"http://127.0.0.1:{server.server_address[1]}/x.png"
    page = site / "page.html"
    page.write_text(
        f'<!doctype html><html lang="en"><head><title>A</title></head><body>'
        f'<img src="own.png" alt="ours"><img src="{secret.as_uri()}" alt="x">'
        f'<img src="{other}" alt="y"><p>Text</p></body></html>',
        encoding="utf-8",
    )
    try:
        pdfs.Maker(site, tmp_path / "cache", print).page(page, "out.pdf")
    finally:
        server.shutdown()
    assert "Text" in pdf_text(site / "out.pdf")
    images = [image for p in PdfReader(site / "out.pdf").pages for image in p.images]
    assert [image.image.size for image in images] == [(40, 20)]
    assert asked == []


def test_the_page_counter_is_written_in_the_toolkits_words():
    assert pdfs.page_counter("Page {page} of {pages}") == (
        '"Page " counter(page) " of " counter(pages)'
    )
    assert pdfs.page_counter('Tudalen {page} o {pages} "x"') == (
        '"Tudalen " counter(page) " o " counter(pages) " \\22 x\\22 "'
    )
