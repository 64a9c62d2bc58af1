"""The benchmark still runs and reports every figure (at a tiny size: it times nothing here)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from partnership_toolkit.load import load

ROOT = Path(__file__).resolve().parent.parent
# bench/ is a folder at the repository root, not part of the installed package.
sys.path.insert(0, str(ROOT))
from bench import generate  # noqa: E402


def _generated(project: Path, steps: int) -> tuple[Path, Path]:
    generate.generate(steps, project)
    return project / "data", project


def test_generated_toolkit_has_parts_in_proportion_and_loads(tmp_path: Path) -> None:
    counts = generate.generate(25, tmp_path / "project")
    toolkit = load(tmp_path / "project" / "data", root=tmp_path / "project")
    assert (counts.steps, counts.stages, counts.checklists, counts.templates, counts.themes,
            counts.principle_sets) == (25, 5, 2, 2, 1, 1)
    assert [len(stage.steps) for stage in toolkit.stages] == [5, 5, 5, 5, 5]
    # Stages grow with the square root of the steps, and share them evenly.
    assert [generate.counts(n).stages for n in (1, 10, 100, 1000)] == [1, 3, 10, 32]
    shares = [len(stage.steps) for stage in
              load(*_generated(tmp_path / "eleven", 11)).stages]
    assert sum(shares) == 11 and max(shares) - min(shares) <= 1
    assert len(toolkit.checklists) == 2 and len(toolkit.templates) == 2
    assert len(toolkit.themes) == 1 and toolkit.themes[0] is toolkit.cycle.heart
    assert len({step.id for step in toolkit.steps}) == 25
    assert len(toolkit.glossary.terms) == counts.glossary_terms
    for folder in ("content", "overrides"):
        assert (tmp_path / "project" / folder).is_dir()
    assert (tmp_path / "project" / "mkdocs.yml").is_file()


@pytest.mark.parametrize("one_at_a_time", [False, True], ids=["side-by-side", "one-at-a-time"])
def test_bench_at_the_smallest_size_writes_every_figure(tmp_path: Path,
                                                       one_at_a_time: bool) -> None:
    out = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--sizes", "5", "--repeat", "1", "--json", str(out),
         "--measure-seconds", "0",
         *(["--one-at-a-time"] if one_at_a_time else [])],
        cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(out.read_text(encoding="utf-8"))

    assert figures["repeat"] == 1
    side_by_side = not one_at_a_time and (os.cpu_count() or 1) >= 2
    assert figures["builds"] == ("side by side" if side_by_side else "one at a time")
    assert {"python", "cpus", "mkdocs", "mkdocs-material"} <= set(figures["environment"])
    [size] = figures["sizes"]
    assert size["steps"] == 5
    assert size["counts"]["stages"] == 2 and size["counts"]["templates"] == 1
    # The same pages both ways, and the plain build has none of the toolkit's machinery.
    assert size["pages"]["plugin"] == size["pages"]["plain"] > 5
    assert "toolkit" in size["plugins"]["plugin"] and "search" in size["plugins"]["plain"]
    assert not {"toolkit", "macros"} & set(size["plugins"]["plain"])
    for variant in ("plugin", "plain"):
        runs = size["build_seconds"][variant]
        assert len(runs["runs"]) == 1 and runs["median"] == runs["runs"][0] > 0
        assert runs["cpu_median"] > 0
        assert size["ms_per_page"][variant] > 0 and size["cpu_ms_per_page"][variant] > 0
        index = size["search_index"][variant]
        assert index["raw"] > index["gzip"] > 0
    # The first build (empty cache) is reported apart from the timed one.
    assert set(size["first_build_seconds"]) == {"plugin", "plain"}
    assert size["first_build_ratio"] > 0
    [pair] = size["pair_ratios"]
    assert abs(pair - size["ratio"]) < 0.01
    assert abs(size["ratio_of_medians"] - size["build_seconds"]["plugin"]["median"]
               / size["build_seconds"]["plain"]["median"]) < 0.01
    assert size["validate_seconds"]["median"] > 0
    assets = size["toolkit_assets"]
    assert "assets/toolkit/toolkit.css" in assets["files_gzip"]
    assert assets["per_page_gzip_max"] >= assets["per_page_gzip_median"] > 0
    assert size["page_html"]["raw_median"] > size["page_html"]["gzip_median"] > 0

    names = [t["name"] for t in figures["targets"]]
    assert names == ["plugin build / plain build at 5 steps (wall clock)",
                     "time per page, growth between two sizes",
                     "toolkit validate at 5 steps (CPU s)",
                     "toolkit CSS + JS per page, gzipped (bytes)"]
    assert figures["targets"][1]["met"] is None  # one size cannot show growth
    assert "Targets:" in result.stdout and "not measured" in result.stdout


def test_time_per_page_compares_two_sizes_built_at_the_same_moment(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--sizes", "4,2", "--repeat", "1", "--json", str(out),
         "--measure-seconds", "0"],
        cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(out.read_text(encoding="utf-8"))
    low, big = figures["sizes"]
    assert (low["steps"], big["steps"]) == (2, 4)
    target = figures["targets"][1]
    assert target["name"] == "time per page at 4 / at 2 steps (CPU)"
    apart = round(big["cpu_ms_per_page"]["plugin"] / low["cpu_ms_per_page"]["plugin"], 3)
    growth = figures["time_per_page_growth"]
    if (os.cpu_count() or 1) < 2:  # one at a time: only the sizes' own builds
        assert growth is None and target["value"] == apart
        return
    assert growth["sizes"] == [2, 4]
    for variant in ("plugin", "plain"):
        # One round each: a 4-step build, with 2-step builds one after another beside it.
        [round_] = growth[variant]["rounds"]
        low_ms, big_ms = round_["cpu_ms_per_page"]
        assert round_["builds_beside"] >= 1 and low_ms > 0 and big_ms > 0
        assert abs(round_["growth"] - big_ms / low_ms) < 0.01
        assert growth[variant]["growth"] == round_["growth"]
    assert target["value"] == growth["plugin"]["growth"]
    assert target["met"] == (target["value"] <= 1.20)
    assert "median of 1 rounds" in target["note"]
    assert f"sizes' own builds {apart}" in target["note"]
    assert "beside" in result.stderr


def test_the_targets_compare_1000_steps_with_100_or_the_nearest_sizes() -> None:
    from bench.__main__ import compared_sizes

    assert compared_sizes([10, 100, 1000]) == (100, 1000)
    assert compared_sizes([100, 1000, 3000]) == (100, 1000)
    assert compared_sizes([10, 50, 300]) == (50, 300)
    assert compared_sizes([1000]) == (None, 1000)


def test_a_short_job_runs_again_and_again_beside_a_long_one(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    from bench import measure

    started: list[str] = []

    def sleeper(*args: str | Path) -> measure.Job:
        """A job that sleeps (1 s long, 0.25 s short) and reports like a worker."""
        started.append(str(args[0]))
        seconds = 1.0 if args[0] == "long" else 0.25
        out = tempfile.TemporaryFile()
        code = (f"import json, time; time.sleep({seconds}); "
                f"print(json.dumps({{'seconds': {seconds}, 'cpu_seconds': 0.01}}))")
        process = subprocess.Popen([sys.executable, "-c", code], stdout=out,
                                   stderr=subprocess.DEVNULL)
        return measure.Job(tuple(map(str, args)), process, out, tempfile.TemporaryFile())

    monkeypatch.setattr(measure, "start_job", sleeper)
    prepared = []
    (long_s, _), shorts = measure.run_beside(("long",), ("short",),
                                             before_short=lambda: prepared.append(1))
    assert long_s == 1.0 and shorts[0] == (0.25, 0.01)
    assert started == ["long"] + ["short"] * len(shorts) and len(prepared) == len(shorts)
    # About four fit beside the long one, and none is started once it has ended.
    assert 2 <= len(shorts) <= 10


def test_quick_builds_get_more_timed_runs_up_to_a_limit() -> None:
    from bench.__main__ import MAX_TIMED_BUILDS, timed_builds

    assert timed_builds(50.0, 3) == 3  # a long build: --repeat is enough
    assert timed_builds(4.0, 3) == 10  # about 40 s of measuring
    assert timed_builds(0.5, 3) == MAX_TIMED_BUILDS
    assert timed_builds(4.0, 3, measure_seconds=0) == 3
    assert timed_builds(4.0, 12) == 12  # never fewer than asked for


@pytest.mark.parametrize("beside", [False, True], ids=["pair", "again-and-again"])
def test_a_failed_job_stops_the_job_beside_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              beside: bool) -> None:
    import signal
    import tempfile

    from bench import measure

    started: list[measure.Job] = []
    original = measure.start_job

    def recording(*args: str | Path) -> measure.Job:
        if args[0] == "validate":
            started.append(original(*args))
        else:  # a job that would outlive the test unless it is stopped
            sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
            started.append(measure.Job(tuple(map(str, args)), sleeper,
                                       tempfile.TemporaryFile(), tempfile.TemporaryFile()))
        return started[-1]

    monkeypatch.setattr(measure, "start_job", recording)
    failing = ("validate", tmp_path / "missing")
    sleeping = ("build", tmp_path / "mkdocs.yml", tmp_path / "site")
    with pytest.raises(measure.JobFailed, match="validate .*missing"):
        if beside:
            measure.run_beside(sleeping, failing)
        else:
            measure.run_jobs(failing, sleeping)
    assert len(started) == 2
    [sleeper] = [job for job in started if job.args[0] == "build"]
    assert sleeper.process.returncode == -signal.SIGKILL
