"""The checklist pages of the default toolkit, read with an HTML parser: one real,
labelled checkbox per item, the toolbar hidden until the script runs, and the
print pack holding every checklist once."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

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


def test_the_default_toolkit_ships_four_checklists() -> None:
    assert CHECKLIST_IDS == ["code-of-practice", "getting-started", "what-next", "working-together"]


@pytest.mark.parametrize("cid", CHECKLIST_IDS)
def test_every_item_is_a_real_checkbox_with_its_own_label(default_site: Path, toolkit: Toolkit,
                                                          cid: str) -> None:
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
def test_progress_and_toolbar_are_ready_for_the_script(default_site: Path, toolkit: Toolkit,
                                                       cid: str) -> None:
    page = soup(default_site, f"checklists/{cid}/")
    root = page.find(attrs={"data-tk-checklist": cid})
    data = checklist(toolkit, cid)
    en = strings.defaults()

    toolbar = root.find(class_="tk-toolbar")
    assert toolbar.has_attr("hidden"), "no-JS readers must not see buttons that do nothing"
    assert [b["data-tk-action"] for b in toolbar.find_all("button")] == [
        "print", "print-blank", "export", "import", "clear"]
    assert words(root.find(attrs={"data-tk-progress": "all"})) == \
        en["checklist_progress_overall"].format(done=0, total=len(data.items))
    for section in data.sections:
        progress = root.find(attrs={"data-tk-progress": section.id})
        assert words(progress) == en["checklist_progress"].format(done=0, total=len(section.items))
    # The script's words come from strings/en.yml through the page.
    assert root["data-tk-text-progress"] == en["checklist_progress"]
    assert root["data-tk-text-storage-unavailable"] == en["storage_unavailable"]
    assert root["data-tk-text-import-wrong"] == en["checklist_import_wrong"]
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
        assert words(root.find("h2")) == data.title
        assert [b["data-tk-item"] for b in root.find_all("input", attrs={"type": "checkbox"})] == \
            [item.id for item in data.items]
        assert root.find(class_="tk-toolbar") is None
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids)), "duplicate ids in the print pack"
    assert len(page.select(".tk-pack-page")) == len(toolkit.checklists)


def test_the_index_lists_every_checklist_and_the_pack(default_site: Path, toolkit: Toolkit) -> None:
    article = soup(default_site, "checklists/").find("article")
    links = [a["href"] for a in article.find_all("a") if "headerlink" not in a.get("class", [])]
    assert links == [f"{c.id}/" for c in toolkit.checklists] + ["print/"]
