"""The toolkit builds with ProperDocs, the maintained continuation of MkDocs 1.6,
as it does with MkDocs: the README's engine decision depends on it.

ProperDocs runs the plugins MkDocs runs and reads mkdocs.yml; the test builds
the default toolkit with its own command and compares every file with the
MkDocs build, byte for byte but for the generator's name in each page.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from sitekit import ROOT

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_same_site_as_mkdocs(default_site: Path, tmp_path: Path) -> None:
    command = Path(sys.executable).with_name("properdocs")
    assert command.is_file(), "ProperDocs is one of the test dependencies (pyproject.toml)"
    site = tmp_path / "site"
    done = subprocess.run(
        [str(command), "build", "--strict", "-f", "mkdocs.yml", "-d", str(site)],
        cwd=ROOT,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    ours = {p.relative_to(default_site).as_posix() for p in default_site.rglob("*") if p.is_file()}
    theirs = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert theirs == ours
    different = [
        name
        for name in sorted(ours)
        if name != "sitemap.xml.gz"  # compressed with the time it was made
        and GENERATOR.sub(b"", (site / name).read_bytes())
        != GENERATOR.sub(b"", (default_site / name).read_bytes())
    ]
    assert different == []
    assert b"ProperDocs" in (site / "index.html").read_bytes()
    shutil.rmtree(site)
