"""The checklist pages of the default toolkit, read with an HTML parser: one real,
labelled checkbox per item, the toolbar hidden until the script runs, and the
print pack holding every checklist once."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from partnership_toolkit import strings
from partnership_toolkit.load import load
from partnership_toolkit.model import Checklist, Toolkit
from sitekit import ROOT

CHECKLIST_IDS = sorted(p.stem for p in (ROOT / "data" / "checklists").glob("*.yml"))


@pytest.fixture(scope="module")
def toolkit() -> Toolkit:
    return load(ROOT / "data", root=ROOT)


def checklist(toolkit: Toolkit, cid: str) -> Checklist:
    return next(c for c in toolkit.checklists if c.id == cid)


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def words(tag: object) -> str:
    return " ".join(tag.get_text().split())


def heading_text(tag: Tag) -> str:
    """A heading's words, without the permalink sign MkDocs adds to it."""
    return words(tag).removesuffix("¶").strip()


def toc_links(page: BeautifulSoup) -> list[tuple[str, str]]:
    """The page's table of contents: each entry's address and words."""
    toc = page.select_one("nav.md-nav--secondary")
    return [(a["href"], words(a)) for a in toc.select("a.md-nav__link")] if toc else []


def test_the_default_toolkit_ships_four_checklists() -> None:
    assert CHECKLIST_IDS == ["code-of-practice", "getting-started", "what-next", "working-together"]


@pytest.mark.parametrize("cid", CHECKLIST_IDS)
def test_every_item_is_a_real_checkbox_with_its_own_label(
    default_site: Path, toolkit: Toolkit, cid: str
) -> None:
    page = soup(default_site, f"checklists/{cid}/")
    root = page.find(attrs={"data-tk-checklist": cid})
    items = [item for section in checklist(toolkit, cid).sections for item in section.items]

    boxes = root.find_all("input", attrs={"type": "checkbox"})
    assert [box["data-tk-item"] for box in boxes] == [item.id for item in items]
    for box, item in zip(boxes, items, strict=True):
        labels = page.find_all("label", attrs={"for": box["id"]})
        assert len(labels) == 1, f"{box['id']} has {len(labels)} labels"
        assert words(labels[0]) == item.text
        # The label is the box's own, not one wrapping several controls.
        assert labels[0].find("input") is None
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids)), "duplicate ids on the page"


@pytest.mark.parametrize("cid", CHECKLIST_IDS)
def test_help_text_describes_its_checkbox(default_site: Path, toolkit: Toolkit, cid: str) -> None:
    page = soup(default_site, f"checklists/{cid}/")
    for section in checklist(toolkit, cid).sections:
        for item in section.items:
            box = page.find("input", attrs={"data-tk-item": item.id})
            if item.help:
                help_text = page.find(id=box["aria-describedby"])
                assert help_text is not None
                assert words(help_text).startswith(item.help)


@pytest.mark.parametrize("cid", CHECKLIST_IDS)
def test_progress_and_toolbar_are_ready_for_the_script(
    default_site: Path, toolkit: Toolkit, cid: str
) -> None:
    page = soup(default_site, f"checklists/{cid}/")
    root = page.find(attrs={"data-tk-checklist": cid})
    data = checklist(toolkit, cid)
    en = strings.defaults()

    toolbar = root.find(class_="tk-toolbar")
    assert toolbar.has_attr("hidden"), "no-JS readers must not see buttons that do nothing"
    assert [b["data-tk-action"] for b in toolbar.find_all("button")] == [
        "print",
        "print-blank",
        "export",
        "import",
        "clear",
    ]
    assert words(root.find(attrs={"data-tk-progress": "all"})) == en[
        "checklist_progress_overall"
    ].format(done=0, total=len(data.items))
    for section in data.sections:
        progress = root.find(attrs={"data-tk-progress": section.id})
        assert words(progress) == en["checklist_progress"].format(done=0, total=len(section.items))
    # The script's words come from strings/en.yml through the page.
    script_words = json.loads(root["data-tk-words"])
    for key in ("checklist_progress", "storage_unavailable", "checklist_import_wrong", "undone"):
        assert script_words[key] == en[key]
    status = root.find(attrs={"data-tk-status": True})
    assert status["role"] == "status"


@pytest.mark.parametrize("cid", CHECKLIST_IDS)
def test_the_printed_sheet_has_lines_to_write_on(default_site: Path, cid: str) -> None:
    header = soup(default_site, f"checklists/{cid}/").find(class_="tk-print-header")
    assert [words(dt) for dt in header.find_all("dt")] == ["Partnership", "Date", "Completed by"]


def test_the_print_pack_has_every_checklist_once(default_site: Path, toolkit: Toolkit) -> None:
    page = soup(default_site, "checklists/print/")
    roots = page.find_all(attrs={"data-tk-checklist": True})
    assert [r["data-tk-checklist"] for r in roots] == [c.id for c in toolkit.checklists]
    for root, data in zip(roots, toolkit.checklists, strict=True):
        assert heading_text(root.find("h2")) == data.title
        assert [b["data-tk-item"] for b in root.find_all("input", attrs={"type": "checkbox"})] == [
            item.id for item in data.items
        ]
        assert root.find(class_="tk-toolbar") is None
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids)), "duplicate ids in the print pack"
    assert len(page.select(".tk-pack-page")) == len(toolkit.checklists)


@pytest.mark.parametrize("cid", CHECKLIST_IDS)
def test_each_section_is_in_the_table_of_contents(
    default_site: Path, toolkit: Toolkit, cid: str
) -> None:
    page = soup(default_site, f"checklists/{cid}/")
    sections = checklist(toolkit, cid).sections
    expected = [(f"#{cid}--{section.id}", section.title) for section in sections]
    assert [link for link in toc_links(page) if link[0].startswith(f"#{cid}--")] == expected
    for address, title in expected:
        heading = page.find(id=address[1:])
        assert heading.name == "h2" and heading_text(heading) == title
        # The section is still named by its heading, for screen readers.
        assert heading.find_parent("section")["aria-labelledby"] == address[1:]


def test_the_print_packs_contents_list_each_checklist_and_its_sections(
    default_site: Path, toolkit: Toolkit
) -> None:
    links = toc_links(soup(default_site, "checklists/print/"))
    for data in toolkit.checklists:
        start = links.index((f"#{data.id}", data.title))
        sections = [(f"#{data.id}--{section.id}", section.title) for section in data.sections]
        assert links[start + 1 : start + 1 + len(sections)] == sections


def test_a_section_title_is_shown_literally(make_site: Callable[..., Path], tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal" / "data", data)
    path = data / "checklists" / "first-steps.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "    title: Starting out", "    title: 'Costs & *money*_: [1] < 2'"
        ),
        encoding="utf-8",
    )
    page = soup(make_site(data=data), "checklists/first-steps/")
    heading = page.find(id="first-steps--start")
    assert heading_text(heading) == "Costs & *money*_: [1] < 2"
    assert heading.find("em") is None
    assert ("#first-steps--start", "Costs & *money*_: [1] < 2") in toc_links(page)


def test_the_index_lists_every_checklist_and_the_pack(default_site: Path, toolkit: Toolkit) -> None:
    article = soup(default_site, "checklists/").find("article")
    for credits in article.select(".tk-sources"):  # the sources' own addresses
        credits.decompose()
    links = [a["href"] for a in article.find_all("a") if "headerlink" not in a.get("class", [])]
    assert links == [f"{c.id}/" for c in toolkit.checklists] + ["print/"]
