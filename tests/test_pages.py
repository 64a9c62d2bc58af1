"""The one list of generated pages (pages.py): what it holds, and that the
build, the navigation and the links all follow it."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from partnership_toolkit import navigation, pages
from partnership_toolkit.load import load
from partnership_toolkit.urls import Addresses, page_url
from sitekit import ROOT, broken_internal_links

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
    """A newcomer reads one module for one job: the plugin's hooks call small modules, and
    the benchmark and the scripts are split by job too (test suites are grouped by promise)."""
    modules = [
        *PLUGIN.rglob("*.py"),
        *(ROOT / "bench").glob("*.py"),
        *(ROOT / "scripts").glob("*.py"),
    ]
    too_long = {
        path.relative_to(ROOT).as_posix(): lines
        for path in modules
        if (lines := len(path.read_text("utf-8").splitlines())) > 400
    }
    assert too_long == {}


# Every folder and file name pages.py gives a generated page, and a new one for each.
MOVES = {
    '"templates/': '"agreements/',
    '"checklists/': '"lists/',
    '"principles/': '"values/',
    '"assessments/': '"health/',
    '"glossary.md"': '"words.md"',
    '"cycle.md"': '"the-cycle.md"',
    'f"{stage_id}/': 'f"stages/{stage_id}/',
    'f"{theme_id}.md"': 'f"themes/{theme_id}.md"',
}


def test_a_page_moved_in_pages_py_moves_everywhere(tmp_path: Path) -> None:
    """Give every generated page a new address in pages.py alone, in a copy of the package,
    and build the default toolkit with it: if any other module, template or script made a page
    path itself, a page would stay at its old address or a link would break."""
    package = tmp_path / "plugins" / "partnership_toolkit"
    shutil.copytree(PLUGIN, package, ignore=shutil.ignore_patterns("__pycache__"))
    source = (package / "pages.py").read_text("utf-8")
    for old, new in MOVES.items():
        assert old in source, old  # the test moves what pages.py really says
        source = source.replace(old, new)
    (package / "pages.py").write_text(source, "utf-8")
    site = tmp_path / "site"
    script = (
        "import sys, partnership_toolkit\n"
        f"assert partnership_toolkit.__file__.startswith({str(package)!r})\n"
        "from sitekit import build_site, ROOT\n"
        f"build_site(ROOT, __import__('pathlib').Path({str(site)!r}))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(package.parent), str(ROOT / "tests")])}
    run = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr[-3000:]

    for old in ("templates", "checklists", "principles", "assessments", "glossary", "cycle"):
        assert not (site / old).exists(), old
    for stage in TOOLKIT.stages:
        assert not (site / stage.id).exists(), stage.id
        assert (site / "stages" / stage.id / "index.html").is_file()
        for step in stage.steps:
            assert (site / "stages" / stage.id / step.id / "index.html").is_file()
    for template in TOOLKIT.templates:
        assert (site / "agreements" / template.id / "index.html").is_file()
        assert (site / "agreements" / f"{template.id}.docx").is_file()
    for checklist in TOOLKIT.checklists:
        assert (site / "lists" / checklist.id / "index.html").is_file()
    assert (site / "words" / "index.html").is_file()
    assert (site / "the-cycle" / "index.html").is_file()
    broken, checked = broken_internal_links(site)
    assert broken == []
    assert checked > 500
