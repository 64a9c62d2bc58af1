"""Data files already read are kept in ``.cache/toolkit/data/`` between runs.

The cache may only save time: every load must give the same toolkit and the
same messages as reading every file afresh.
"""

from __future__ import annotations

import marshal
import shutil
from pathlib import Path

import pytest

from partnership_toolkit import readcache, source
from partnership_toolkit.load import load
from partnership_toolkit.problems import DataError

ROOT = Path(__file__).resolve().parent.parent
STEP_FILE = Path("stages") / "getting-started.yml"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files read from their YAML (not from the cache) during the test."""
    files: list[str] = []
    parse = source._read

    def counting(raw: bytes, display: str) -> tuple[source.Document | None, list]:
        files.append(display)
        return parse(raw, display)

    monkeypatch.setattr(source, "_read", counting)
    return files


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*/*" + readcache.Cache.SUFFIX))


def test_unchanged_files_are_not_read_again(data: Path, tmp_path: Path, parsed: list[str]) -> None:
    cache = tmp_path / "cache"
    first = load(data, root=tmp_path, cache_dir=cache)
    files = sorted(p.relative_to(tmp_path).as_posix() for p in data.rglob("*.yml"))
    assert sorted(parsed) == files
    assert len(entries(cache)) == len(files)

    parsed.clear()
    second = load(data, root=tmp_path, cache_dir=cache)
    assert parsed == []
    assert second == first
    assert second == load(data, root=tmp_path)  # and the same as with no cache at all


def test_an_edited_file_is_read_again_and_its_old_entry_goes(
    data: Path, tmp_path: Path, parsed: list[str]
) -> None:
    cache = tmp_path / "cache"
    load(data, root=tmp_path, cache_dir=cache)
    before = set(entries(cache))
    stage = data / STEP_FILE
    stage.write_text(
        stage.read_text(encoding="utf-8").replace(
            "title: Getting started", "title: Starting out", 1
        ),
        encoding="utf-8",
    )

    parsed.clear()
    toolkit = load(data, root=tmp_path, cache_dir=cache)
    assert parsed == [f"data/{STEP_FILE.as_posix()}"]
    assert toolkit.stages[0].title == "Starting out"
    after = set(entries(cache))
    assert len(after) == len(before)
    assert len(after - before) == 1  # the new entry replaced the old one


def _two_failing_loads(data: Path, tmp_path: Path, cache: Path, parsed: list[str]) -> list[str]:
    """The reports of two loads that must fail; ``parsed`` keeps the second one's files."""
    reports = []
    for _ in range(2):
        parsed.clear()
        with pytest.raises(DataError) as err:
            load(data, root=tmp_path, cache_dir=cache)
        reports.append(err.value.report())
    return reports


def test_a_file_with_a_mistake_is_read_and_reported_every_time(
    data: Path, tmp_path: Path, parsed: list[str]
) -> None:
    cache = tmp_path / "cache"
    stage = data / STEP_FILE
    text = stage.read_text(encoding="utf-8")
    stage.write_text(
        text.replace("title: Getting started", "title: [Getting started", 1), encoding="utf-8"
    )
    reports = _two_failing_loads(data, tmp_path, cache, parsed)
    assert parsed == [f"data/{STEP_FILE.as_posix()}"]  # the second time, only the broken file
    assert reports[0] == reports[1]
    assert f"data/{STEP_FILE.as_posix()}:" in reports[0]


def test_a_cached_file_is_still_checked_with_the_right_lines(
    data: Path, tmp_path: Path, parsed: list[str]
) -> None:
    # A file that reads as YAML but breaks a rule is kept in the cache: the
    # checks after reading run on every load, and must point at the same place.
    cache = tmp_path / "cache"
    stage = data / STEP_FILE
    stage.write_text(
        stage.read_text(encoding="utf-8").replace("    questions:", "    questons:", 1),
        encoding="utf-8",
    )
    reports = _two_failing_loads(data, tmp_path, cache, parsed)
    assert parsed == []  # the second time, nothing came from YAML
    assert reports[0] == reports[1]
    assert "questons: unknown key 'questons' (did you mean 'questions'?)" in reports[1]
    line = next(
        n for n, text in enumerate(stage.read_text().splitlines(), 1) if "questons:" in text
    )
    assert f"data/{STEP_FILE.as_posix()}:{line}:" in reports[1]


def test_a_damaged_entry_is_read_from_the_yaml_instead(
    data: Path, tmp_path: Path, parsed: list[str]
) -> None:
    cache = tmp_path / "cache"
    expected = load(data, root=tmp_path, cache_dir=cache)
    damaged = entries(cache)
    damaged[0].write_bytes(damaged[0].read_bytes()[:20])  # cut short, as by a full disk
    damaged[1].write_bytes(b"not an entry")
    damaged[2].write_bytes(marshal.dumps(["a", "value", "of", "another", "shape"]))
    parsed.clear()
    assert load(data, root=tmp_path, cache_dir=cache) == expected
    assert len(parsed) == 3


def test_a_cache_folder_that_cannot_be_written_is_not_an_error(data: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the folder would go\n")
    assert load(data, root=tmp_path, cache_dir=blocked) == load(data, root=tmp_path)
    assert blocked.read_text() == "a file where the folder would go\n"


def test_a_bare_date_is_read_as_the_text_typed_and_cached(tmp_path: Path) -> None:
    """reviewed: 2026-12-04 is text to every field, as YAML 1.2 reads it, so
    the file is cached like any other and reads back the same."""
    path = tmp_path / "dated.yml"
    path.write_text("title: Dated\nreviewed: 2024-05-01\n", encoding="utf-8")
    cache = readcache.Cache(tmp_path / "cache")
    doc, problems = source.read(path, "dated.yml", cache)
    assert problems == [] and doc is not None
    assert doc.value == {"title": "Dated", "reviewed": "2024-05-01"}
    assert len(entries(tmp_path / "cache")) == 1
    again, _ = source.read(path, "dated.yml", cache)
    assert again is not None and again.value == doc.value


def test_other_versions_entries_stay_a_month_and_stopped_writes_are_cleared(
    data: Path, tmp_path: Path
) -> None:
    import os
    import time

    cache = tmp_path / "cache"
    load(data, root=tmp_path, cache_dir=cache)
    [ours] = [folder for folder in cache.iterdir()]
    recent, old = cache / "another-version", cache / "an-old-version"
    for folder in (recent, old):
        folder.mkdir()
        (folder / ("0" * 32 + readcache.Cache.SUFFIX)).write_bytes(b"")
    month = 86400 * readcache.Cache.STALE_DAYS
    os.utime(old, (time.time() - month - 60,) * 2)
    fresh_tmp, stale_tmp = ours / "a.tmp", ours / "b.tmp"
    fresh_tmp.write_bytes(b"being written")
    stale_tmp.write_bytes(b"left by a stopped run")
    os.utime(stale_tmp, (time.time() - 3600,) * 2)

    (cache / "stray.marshal").write_bytes(b"")  # a file where only folders belong
    load(data, root=tmp_path, cache_dir=cache)
    assert sorted(p.name for p in cache.iterdir()) == sorted([ours.name, recent.name])
    assert fresh_tmp.exists() and not stale_tmp.exists()
