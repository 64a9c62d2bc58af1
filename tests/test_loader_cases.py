"""Every kind of mistake in the data gives located, readable lines and no traceback.

Each case in ``tests/cases/<name>.yml`` starts from the minimal valid toolkit in
``tests/fixtures/minimal/`` and changes it:

- ``write``: files to create or overwrite, ``path: text``;
- ``replace``: ``path: [[old, new], ...]``; each ``old`` must occur exactly once;
- ``remove``: files to delete;
- ``latin1``: files to write encoded as Latin-1 (to make non-UTF-8 files);
- ``mkdir``: folders to make; ``symlink``: ``path: target`` symbolic links;

and lists the exact ``problems`` the loader must report, in order.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from partnership_toolkit.load import load
from partnership_toolkit.problems import DataError

HERE = Path(__file__).resolve().parent
CASES = sorted((HERE / "cases").glob("*.yml"))
MINIMAL = HERE / "fixtures" / "minimal"


def make_case(case: Path, project: Path) -> dict:
    """Write the case's toolkit into ``project``; return the case."""
    spec = yaml.safe_load(case.read_text(encoding="utf-8"))
    shutil.copytree(MINIMAL / "data", project / "data")
    for name, text in (spec.get("write") or {}).items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    for name, pairs in (spec.get("replace") or {}).items():
        text = (project / name).read_text(encoding="utf-8")
        for old, new in pairs:
            assert text.count(old) == 1, f"{case.name}: {old!r} must occur once in {name}"
            text = text.replace(old, new)
        (project / name).write_text(text, encoding="utf-8")
    for name in spec.get("remove") or ():
        (project / name).unlink()
    for name, text in (spec.get("latin1") or {}).items():
        (project / name).write_bytes(text.encode("latin-1"))
    for name in spec.get("mkdir") or ():
        (project / name).mkdir(parents=True)
    for name, target in (spec.get("symlink") or {}).items():
        (project / name).unlink(missing_ok=True)
        (project / name).symlink_to(target)
    return spec


def load_case(project: Path):
    """Load as the build does: with the content folder when the case has one."""
    content = project / "content"
    return load(project / "data", root=project, content_dir=content if content.is_dir() else None)


def test_the_minimal_toolkit_is_valid() -> None:
    toolkit = load(MINIMAL / "data", root=MINIMAL)
    assert [step.id for step in toolkit.steps] == ["plan", "meet", "deliver", "review"]


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_mistake_is_reported(case: Path, tmp_path: Path) -> None:
    spec = make_case(case, tmp_path)
    with pytest.raises(DataError) as caught:
        load_case(tmp_path)
    assert [str(p) for p in caught.value.problems] == spec["problems"]
    count = len(spec["problems"])
    assert caught.value.report().splitlines()[-1] == (
        f"{count} problem{'' if count == 1 else 's'} in the toolkit's data; "
        f"fix {'it' if count == 1 else 'them'} and try again."
    )


def test_mkdocs_build_shows_the_located_line_and_no_traceback(tmp_path: Path) -> None:
    from sitekit import copy_project

    project = copy_project(tmp_path, data=MINIMAL / "data")
    stage = project / "data" / "stages" / "alpha.yml"
    stage.write_text(
        stage.read_text(encoding="utf-8").replace(
            "    questions:\n      - Who should", "    questions:\n      first: Who should"
        ),
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "mkdocs"),
            "build",
            "--strict",
            "-d",
            str(tmp_path / "site"),
        ],
        cwd=project,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert (
        "data/stages/alpha.yml:37:7: steps[1].questions: expected a list of strings, "
        "found a mapping"
    ) in output
    assert "Traceback" not in output
