"""What the build's PDFs cost (``python -m bench --pdf``), per PDF page.

The default toolkit is built again and again, alternately with ``PDF=true``
(its PDF cache emptied first, so every PDF is made) and without, each build
in a fresh process; the difference of the medians, divided by the number of
PDF pages made, is the cost of one page. Both variants run at the same
time of the same run, so whatever slows the machine slows both.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import default, measure


def _project(work: Path) -> Path:
    return default.copy_default(work, "pdf-project")


def _pages(site: Path) -> int:
    total = 0
    for pdf in sorted(site.rglob("*.pdf")):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        line = next(x for x in info.stdout.splitlines() if x.startswith("Pages:"))
        total += int(line.split()[1])
    return total


def _build(project: Path, site: Path, pdf: bool) -> float:
    before = os.environ.get("PDF")
    os.environ["PDF"] = "true" if pdf else "false"
    try:
        job = measure.start_job("build", project / "mkdocs.yml", site)
    finally:
        if before is None:
            os.environ.pop("PDF", None)
        else:
            os.environ["PDF"] = before
    return measure.finish_job(job)[0]


def cost(work: Path, repeat: int, log: Callable[[str], None]) -> dict[str, Any]:
    """Build the default toolkit ``repeat`` times with and without its PDFs."""
    project = _project(work)
    site = work / "pdf-site"
    _build(project, site, pdf=False)  # fills the data and template caches: not timed
    with_pdfs: list[float] = []
    without: list[float] = []
    pages = 0
    for n in range(repeat):
        shutil.rmtree(project / ".cache" / "toolkit" / "pdf", ignore_errors=True)
        with_pdfs.append(_build(project, site, pdf=True))
        pages = _pages(site)
        without.append(_build(project, site, pdf=False))
        log(f"pdf {n + 1}/{repeat}: {with_pdfs[-1]:.2f} s with PDFs, {without[-1]:.2f} s without")
    extra = statistics.median(with_pdfs) - statistics.median(without)
    return {
        "pdf_pages": pages,
        "seconds_with_pdfs": with_pdfs,
        "seconds_without": without,
        "seconds_per_pdf_page": extra / pages if pages else None,
    }
