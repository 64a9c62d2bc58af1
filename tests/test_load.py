"""Loading the default toolkit: the cycle, its stages and steps, and every kind of data."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from partnership_toolkit.load import load
from partnership_toolkit.model import Toolkit
from partnership_toolkit.render import Renderer

MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def toolkit() -> Toolkit:
    return load(ROOT / "data", root=ROOT)


def test_the_three_stages_follow_the_cycle(toolkit: Toolkit) -> None:
    assert [stage.id for stage in toolkit.stages] == [
        "getting-started",
        "working-together",
        "what-next",
    ]
    assert [stage.title for stage in toolkit.stages] == [
        "Getting started",
        "Working together",
        "What next",
    ]


def test_each_stage_has_its_three_steps_in_order(toolkit: Toolkit) -> None:
    assert {stage.id: [step.id for step in stage.steps] for stage in toolkit.stages} == {
        "getting-started": ["scoping", "finding-partners", "building-foundations"],
        "working-together": ["structure-and-agreements", "delivering", "reviewing"],
        "what-next": ["revising", "sustaining", "ending"],
    }
    assert all(step.stage == stage.id for stage in toolkit.stages for step in stage.steps)


def test_communication_is_at_the_heart(toolkit: Toolkit) -> None:
    assert toolkit.cycle.heart.id == "communication"
    assert toolkit.cycle.heart.title == "Communication"
    assert toolkit.themes[0] is toolkit.cycle.heart


def test_every_kind_loads(toolkit: Toolkit) -> None:
    files = {
        kind: sorted(p.stem for p in (ROOT / "data" / kind).glob("*.yml"))
        for kind in ("themes", "principles", "checklists", "templates")
    }
    assert sorted(t.id for t in toolkit.themes) == files["themes"]
    assert [s.id for s in toolkit.principle_sets] == files["principles"]
    assert sorted(c.id for c in toolkit.checklists) == files["checklists"]
    assert sorted(t.id for t in toolkit.templates) == files["templates"]
    # In the order a reader meets them in the cycle, not by file name.
    assert [c.id for c in toolkit.checklists] == [
        "getting-started",
        "code-of-practice",
        "working-together",
        "what-next",
    ]
    assert [t.id for t in toolkit.templates][:2] == [
        "values-and-ground-rules",
        "partnership-commitments",
    ]
    assert toolkit.glossary is not None and toolkit.glossary.terms
    assert [s.id for s in toolkit.sources] == [
        "nccpe-partnerships-101",
        "my-community-partnership-working",
        "code-of-practice-on-partnerships",
        "positive-impact-partners",
        "partnership-improvement-programme",
    ]
    assert all(checklist.items for checklist in toolkit.checklists)
    assert all(template.fields for template in toolkit.templates)
    assert all(pset.principles for pset in toolkit.principle_sets)


def test_the_model_is_frozen(toolkit: Toolkit) -> None:
    step = toolkit.steps[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        toolkit.title = "Changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        step.title = "Changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        toolkit.cycle.heart.summary = "Changed"  # type: ignore[misc]
    # Lists in the data become tuples, so they cannot be changed in place either.
    assert isinstance(toolkit.stages, tuple)
    assert isinstance(step.questions, tuple)
    assert isinstance(toolkit.checklists[0].sections[0].items, tuple)


def test_a_logo_that_is_not_in_the_content_folder_is_reported(tmp_path: Path) -> None:
    import shutil

    from partnership_toolkit.problems import DataError

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "fixtures" / "minimal" / "data", data)
    content = tmp_path / "content" / "assets"
    content.mkdir(parents=True)
    (content / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    toolkit = data / "toolkit.yml"
    text = toolkit.read_text(encoding="utf-8")
    logo = "organisation:\n  logo: assets/Logo.svg\n"
    toolkit.write_text(text.replace("organisation:\n", logo, 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load(data, root=tmp_path, content_dir=tmp_path / "content")
    [problem] = caught.value.problems
    assert str(problem).endswith(
        "organisation.logo: no file content/assets/Logo.svg (did you mean 'assets/logo.svg'?); "
        "the logo is a path inside the content folder, e.g. 'assets/logo.svg'"
    )
    assert problem.file == "data/toolkit.yml"
    load(data, root=tmp_path)  # without a content folder, files are not checked


def test_loading_again_and_again_keeps_nothing_from_earlier_loads() -> None:
    """`mkdocs serve` loads the data on every rebuild: a long session's memory
    stays flat (the default data has numbers, yes/no values and scale points,
    which the YAML reader would otherwise keep from every load)."""
    import gc
    import tracemalloc

    data = Path(__file__).parent.parent / "data"
    load(data)
    tracemalloc.start()
    try:
        load(data)
        gc.collect()
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(4):
            load(data)
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 20_000, f"{grown} bytes kept from four loads"


def test_texts_that_may_hold_html_or_links_are_found_while_reading(tmp_path: Path) -> None:
    from partnership_toolkit import source

    path = tmp_path / "step.yml"
    path.write_text(
        "title: Plain\nsteps:\n  - guidance: 'See [this](step:meet).'\n"
        "    tips: [fine, 'a <b>bold</b> tip', !!str 3 < 4]\n"
        "    count: 3\n",
        encoding="utf-8",
    )
    doc, problems = source.read(path, "data/step.yml")
    assert doc is not None and problems == []
    expected = [
        (("steps", 0, "guidance"), "See [this](step:meet)."),
        (("steps", 0, "tips", 1), "a <b>bold</b> tip"),
        (("steps", 0, "tips", 2), "3 < 4"),
    ]
    assert doc.texts_with_markup() == expected
    # A document made some other way finds the same texts by walking its value.
    assert source.Document("data/step.yml", doc.value).texts_with_markup() == expected


def test_a_whole_number_written_with_a_point_is_a_whole_number(tmp_path: Path) -> None:
    """`rows: 2.0` is a whole number to JSON Schema, so it is one to the pages too."""
    shutil.copytree(MINIMAL / "data", tmp_path / "data")
    tpl = tmp_path / "data" / "templates" / "simple-agreement.yml"
    text = tpl.read_text(encoding="utf-8")
    assert "type: rows\n" in text
    tpl.write_text(
        text.replace("type: rows\n", "type: rows\n        rows: 2.0\n", 1), encoding="utf-8"
    )
    toolkit = load(tmp_path / "data", root=tmp_path)
    rows = next(f for s in toolkit.templates[0].sections for f in s.fields if f.type == "rows")
    assert rows.rows == 2 and isinstance(rows.rows, int)
    Renderer(toolkit).pages()  # and every page renders with it
