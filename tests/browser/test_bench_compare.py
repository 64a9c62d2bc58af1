"""The benchmark's measure of comparing health-check answers (bench/compare.py),
run for real on the default site: the drop it times is the one a reader makes,
and its figures add up. The full run (20 files of 60 statements, at two CPU
speeds) is opt-in: ``pytest -m bench`` or ``python -m bench --compare``."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from sitekit import ROOT

from .test_assessments import check

sys.path.insert(0, str(ROOT))  # bench/ is a folder of the repository, not of the package
from bench import compare  # noqa: E402


def test_the_timed_drop_is_a_readers_drop_and_its_figures_add_up(page, site_url):
    hc = check()
    dropped = compare.drop_once(page, site_url, compare.answer_files(hc, 3))
    # Every statement drawn, every partner listed, the page saying so.
    assert dropped["statements"] == len(hc.statements)
    assert page.locator("[data-tk-files] li").count() == 3
    assert "3 answer files added" in dropped["status"]
    assert 0 < dropped["first"] <= dropped["all"]
    assert page.locator("[data-tk-results]").get_attribute("aria-busy") == "false"

    times = compare.rounds(page, site_url, hc, repeat=2, sizes=(1, 3))
    figures = {"statements": len(hc.statements), "files": [1, 3]}
    for rate in ("x1", "x4"):  # the same figures stand in for both speeds here
        figures[rate] = compare.summary(times)
    for what in ("first", "all"):
        assert [len(times[what][n]) for n in (1, 3)] == [2, 2]
        shown = figures["x1"][what]
        medians = {n: sum(times[what][n]) / 2 for n in (1, 3)}  # the median of two
        assert shown["median_ms"] == {str(n): round(medians[n], 1) for n in (1, 3)}
        assert shown["ratio"] == pytest.approx(medians[3] / medians[1], abs=0.001)
    checked = compare.targets(figures)
    assert [t["name"] for t in checked] == [
        f"compare 3 files of {len(hc.statements)} statements: first statements shown (ms)",
        "compare 3 files, every statement drawn, CPU slowed x4 (ms)",
    ]
    assert all(isinstance(t["met"], bool) for t in checked)


@pytest.mark.bench
def test_the_compare_benchmark_runs_end_to_end(tmp_path):
    out = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--sizes", "none", "--compare", "--repeat", "1"]
        + ["--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["compare"]["statements"] == 60
    assert [t["name"].split(":")[0] for t in figures["targets"]] == [
        "compare 20 files of 60 statements",
        "compare 20 files, every statement drawn, CPU slowed x4 (ms)",
    ]
    assert "Targets:" in result.stdout
