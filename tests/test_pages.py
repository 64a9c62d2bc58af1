"""The one list of generated pages (pages.py): what it holds, and that the
build, the navigation and the links all follow it."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from partnership_toolkit import navigation, pages
from partnership_toolkit.load import load
from partnership_toolkit.urls import Addresses, page_url
from sitekit import ROOT

TOOLKIT = load(ROOT / "data")
PLUGIN = ROOT / "plugins" / "partnership_toolkit"


def test_every_item_with_a_page_is_in_the_list_once() -> None:
    specs = pages.page_list(TOOLKIT)
    refs = [p.ref for p in specs]
    assert len(refs) == len(set(refs)) and len({p.src for p in specs}) == len(specs)
    expected = {"page:cycle", "page:checklists", "page:print-pack", "page:templates"}
    expected |= {f"stage:{s.id}" for s in TOOLKIT.stages}
    expected |= {f"step:{step.id}" for step in TOOLKIT.steps}
    expected |= {f"theme:{t.id}" for t in TOOLKIT.themes}
    expected |= {f"checklist:{c.id}" for c in TOOLKIT.checklists}
    expected |= {f"template:{t.id}" for t in TOOLKIT.templates}
    if TOOLKIT.assessments:
        expected.add("page:assessments")
        expected |= {f"assessment:{a.id}" for a in TOOLKIT.assessments}
        expected |= {f"page:compare-{a.id}" for a in TOOLKIT.assessments}
    if TOOLKIT.principle_sets:
        expected |= {"page:principles"} | {f"principles:{s.id}" for s in TOOLKIT.principle_sets}
    if TOOLKIT.glossary:
        expected.add("page:glossary")
    assert set(refs) == expected


def test_a_feature_turned_off_takes_its_pages_out_of_every_reader() -> None:
    features = dataclasses.replace(TOOLKIT.features, checklists=False, glossary=False)
    toolkit = dataclasses.replace(TOOLKIT, features=features)
    specs = pages.page_list(toolkit)
    assert not [p for p in specs if p.kind == "checklist" or p.src.startswith("checklists/")]
    assert "glossary.md" not in {p.src for p in specs}
    addresses = Addresses(toolkit)
    assert not addresses.published("page:print-pack")
    assert not addresses.published(f"glossary:{TOOLKIT.glossary.terms[0].id}")
    nav = str(navigation.toolkit_entries(toolkit, addresses))
    assert "checklists/" not in nav and "glossary.md" not in nav


def test_the_navigation_is_the_list_in_its_order() -> None:
    def flat(entries: list) -> list[str]:
        out = []
        for entry in entries:
            out += flat(next(iter(entry.values()))) if isinstance(entry, dict) else [entry]
        return out

    addresses = Addresses(TOOLKIT)
    assert flat(navigation.toolkit_entries(TOOLKIT, addresses)) == [p.src for p in addresses.pages]


def test_the_build_makes_exactly_the_pages_of_the_list(default_site: Path) -> None:
    handwritten = {
        page_url(p.relative_to(ROOT / "content").as_posix())
        for p in (ROOT / "content").rglob("*.md")
    }
    built = {
        p.relative_to(default_site).as_posix().removesuffix("index.html")
        for p in default_site.rglob("*.html")
        if not p.relative_to(default_site).as_posix().startswith(("assets/", "search/"))
    } - {"404.html"}
    assert built - handwritten == {page_url(p.src) for p in pages.page_list(TOOLKIT)}
    for template in TOOLKIT.templates:
        assert (default_site / pages.docx_src(template.id)).is_file()


def test_no_other_module_or_template_builds_a_page_path() -> None:
    """A page's path is written in pages.py alone: elsewhere it is asked for."""
    made_here = re.compile(
        r"""(f["']|['"]\s*~\s*|~\s*['"])(templates|checklists|principles)/|"""
        r"""['"](templates|checklists|principles)/['"]?\s*~"""
    )
    offenders = []
    for path in [*PLUGIN.glob("*.py"), *PLUGIN.glob("templates/*")]:
        if path.name == "pages.py" or not path.is_file():
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if made_here.search(line) or re.search(r"\bf[\"'][^\"']*\{[^}]*\}\.md[\"']", line):
                offenders.append(f"{path.name}:{number}: {line.strip()}")
    assert offenders == []


def test_the_browser_code_is_small_files_joined_into_one_script_per_page_kind() -> None:
    from partnership_toolkit import bundles

    scripts = PLUGIN / "scripts"
    listed = {part for parts in bundles.BUNDLES.values() for part in parts}
    on_disk = {p.relative_to(scripts).as_posix() for p in scripts.rglob("*.js")}
    assert listed == on_disk  # every file is in exactly the bundles that list it
    too_long = [p for p in on_disk if len((scripts / p).read_text("utf-8").splitlines()) > 400]
    assert too_long == []
    # Classic scripts (the offline copy cannot load modules), one function each.
    for name in bundles.BUNDLES:
        text = bundles.bundle(name)
        statements = re.findall(r"^\s*(import|export)\b", text, re.M)
        assert statements == [], name
        assert text.rstrip().endswith("})();")


def test_no_python_module_is_over_400_lines() -> None:
    """A newcomer reads one module for one job: the plugin's hooks call small modules."""
    too_long = {
        path.relative_to(PLUGIN).as_posix(): lines
        for path in PLUGIN.rglob("*.py")
        if (lines := len(path.read_text("utf-8").splitlines())) > 400
    }
    assert too_long == {}
