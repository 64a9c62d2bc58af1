"""Health checks (data/assessments/): a data kind like the others, with its
schema, located mistakes and starter, and the default partnership health
check, whose page each partner fills in privately.

The browser side (answers kept, exported and refused from another check) is
in tests/browser/test_assessments.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from partnership_toolkit.load import load
from partnership_toolkit.problems import DataError
from sitekit import ROOT

TOOLKIT = load(ROOT / "data")


def health_check():
    return next(a for a in TOOLKIT.assessments if a.id == "health-check")


def test_the_default_health_check_covers_the_partnership_in_six_sections_or_more():
    check = health_check()
    assert len(check.sections) >= 6
    assert len(check.statements) >= 24
    assert [p.value for p in check.scale] == sorted(p.value for p in check.scale)
    ids = [s.id for s in check.statements]
    assert len(ids) == len(set(ids))
    # Each statement points to guidance that helps, and that guidance exists.
    assert all(s.related for s in check.statements)
    from partnership_toolkit.urls import Addresses

    addresses = Addresses(TOOLKIT)
    assert all(addresses.published(ref) for s in check.statements for ref in s.related)


def test_the_version_changes_with_what_answers_mean_not_with_wording(tmp_path: Path):
    """A partner's saved answers are kept when a statement or a scale label is
    reworded, and refused (another version) when what an answer means changes."""
    from partnership_toolkit.render import Renderer

    original = TOOLKIT.assessments[0].version
    path = "assessments/health-check.yml"

    def version_after(old: str, new: str) -> str:
        folder = tmp_path / str(len(list(tmp_path.iterdir())))
        shutil.copytree(ROOT / "data", folder)
        text = (folder / path).read_text(encoding="utf-8")
        assert old in text
        (folder / path).write_text(text.replace(old, new, 1), encoding="utf-8")
        check = load(folder).assessments[0]
        # The version the pages give the browser is the loaded check's.
        page = Renderer(load(folder)).pages(only=["assessment.md.j2"])[0].content
        assert f'data-tk-version="{check.version}"' in page
        return check.version

    reworded = "We have agreed, together, what this partnership is for."
    assert version_after(reworded, "Together we agreed what this partnership is for.") == original
    assert version_after("label: Agree\n", "label: Tend to agree\n") == original
    assert version_after("- id: purpose-agreed\n", "- id: purpose-shared\n") != original
    added = "  - value: 5\n    label: Strongly agree\n"
    more = added + "  - value: 6\n    label: Completely agree\n"
    assert version_after(added, more) != original


def copy_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    return data


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "      - id: aims-and-objectives\n",
            "      - id: purpose-agreed\n",
            "data/assessments/health-check.yml:{line}:13: sections[0].statements[1].id: "
            "duplicate statement id 'purpose-agreed' (already used at line",
        ),
        (
            "  - value: 2\n",
            "  - value: 1\n",
            "data/assessments/health-check.yml:{line}:12: scale[1].value: each point of the scale "
            "must score more than the one before it (1), from least to most agreement",
        ),
        (
            "related: [step:scoping, principle:shared-purpose]",
            "related: [step:scopin, principle:shared-purpose]",
            "data/assessments/health-check.yml:{line}:19: sections[0].statements[0].related[0]: "
            "no step with id 'scopin' (did you mean 'scoping'?)",
        ),
        (
            "    title: Shared purpose\n",
            "    title: Shared purpose\n    colour: red\n",
            "data/assessments/health-check.yml:{line}:5: sections[0].colour: unknown key 'colour'",
        ),
    ],
    ids=["a statement id twice", "a scale out of order", "a missing link", "a typo in a key"],
)
def test_a_mistake_in_a_health_check_is_located(tmp_path, old, new, expected):
    data = copy_data(tmp_path)
    path = data / "assessments" / "health-check.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1 + (1 if new.count("\n") > 1 else 0)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load(data, root=tmp_path)
    found = [str(p) for p in caught.value.problems]
    assert any(p.startswith(expected.format(line=line)) for p in found), found


def test_the_page_offers_every_answer_for_every_statement(default_site):
    check = health_check()
    page = BeautifulSoup(
        (default_site / "assessments" / "health-check" / "index.html").read_text("utf-8"),
        "html.parser",
    )
    groups = page.select("fieldset.tk-rate")
    assert [g["data-tk-statement"] for g in groups] == [s.id for s in check.statements]
    for group in groups:
        values = [i["value"] for i in group.select("input[type=radio]")]
        assert values == [str(p.value) for p in check.scale] + ["dont-know", "not-applicable"]
        assert len({i["name"] for i in group.select("input[type=radio]")}) == 1
        assert group.legend.get_text(strip=True)
        note = group.select_one("textarea")
        assert page.select_one(f'label[for="{note["id"]}"]') is not None
    root = page.select_one("[data-tk-assessment]")
    assert root["data-tk-version"] == check.version
    assert page.select_one(".tk-assessment .tk-toolbar").has_attr("hidden")  # until the script runs
    index = (default_site / "assessments" / "index.html").read_text("utf-8")
    assert check.title in index


def test_a_toolkit_can_turn_health_checks_off(tmp_path):
    data = copy_data(tmp_path)
    path = data / "toolkit.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("features:\n", "features:\n  assessments: false\n", 1)
    if "features:" not in path.read_text(encoding="utf-8"):
        text += "features:\n  assessments: false\n"
    path.write_text(text, encoding="utf-8")
    toolkit = load(data, root=tmp_path)
    from partnership_toolkit.pages import page_list

    assert not [p for p in page_list(toolkit) if p.ref.startswith(("assessment:", "page:assess"))]


def test_toolkit_new_assessment_starts_a_valid_health_check(tmp_path, monkeypatch, capsys):
    from partnership_toolkit.cli import main
    from sitekit import copy_project

    project = copy_project(tmp_path)
    monkeypatch.chdir(project)
    assert main(["new", "assessment", "team-check"]) == 0
    out = capsys.readouterr().out
    assert "Wrote data/assessments/team-check.yml." in out
    toolkit = load(project / "data", root=project)
    check = next(a for a in toolkit.assessments if a.id == "team-check")
    assert [s.id for s in check.statements] == ["first-statement", "second-statement"]
    assert main(["validate", str(project), "--data-only"]) == 0
