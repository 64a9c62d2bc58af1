"""Benchmark: build speed and page weight against a plain-Markdown baseline.

    python -m bench [--sizes 10,100,1000|none] [--repeat 3] [--json FILE] [--keep DIR] [--check]
                    [--one-at-a-time] [--measure-seconds 40] [--pdf] [--compare] [--default]
                    [--serve] [--typing] [--paint] [--navigate]
                    [--tests]

For each size, a synthetic toolkit (see ``bench/generate.py``) is built
(a) from YAML with the toolkit's plugins and (b) from the same pages exported
as plain Markdown (``toolkit export``) with the same theme and the same other
plugins. Each a is built at the same time as a b, as two processes (or,
with ``--one-at-a-time`` or on one core, alternating a, b, a, b, ...), so
whatever else slows the machine slows both alike. Each size's first build,
which fills the toolkit's empty cache, is reported apart from the timed
builds, and the timed builds go round the sizes in turn. For time per page,
the 1,000-step toolkit is built while the 100-step one is built again and
again beside it, so that the two sizes are compared at the same moment.
``--pdf`` adds what the build's PDFs cost (bench/pdf.py), ``--default`` the
default toolkit against its plain export (bench/default.py), ``--compare`` what
comparing health-check answers costs in the browser (bench/compare.py), ``--serve``
save to visible page under ``mkdocs serve`` (bench/serve.py), ``--typing`` typing
in a template with scripts on and blocked (bench/keystrokes.py), ``--paint``
first paint against plain Material (bench/paint.py), ``--navigate`` the next
page after a click as shipped and with site_url set (bench/navigate.py), ``--tests``
the README's test run (bench/testrun.py), and
``--sizes none`` leaves out the builds of the sizes. BENCHMARKS.md explains
the figures.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from . import measure
from .report import environment, table, target_lines, targets
from .sizes import DEFAULT_SIZES, MAX_TIMED_BUILDS, MEASURE_SECONDS, measure_sizes


def _sizes(text: str) -> list[int]:
    if text.strip().lower() == "none":
        return []
    try:
        sizes = [int(s) for s in text.split(",") if s.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected whole numbers separated by commas, e.g. 10,100,1000; found '{text}'"
        ) from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("every size must be at least 1 step")
    return sizes


# Each measure an option adds: the option, its module in bench/, and the key of its
# figures in the report (a module with ``targets`` has targets --check judges).
MEASURES = (
    ("pdf", "pdf", "pdf"),
    ("default", "default", "default_toolkit"),
    ("compare", "compare", "compare"),
    ("serve", "serve", "serve"),
    ("typing", "keystrokes", "typing"),
    ("paint", "paint", "paint"),
    ("navigate", "navigate", "navigate"),
    ("tests", "testrun", "tests"),
)


def _measure(module: str) -> Any:
    """A measure's module, imported when its option asks for it."""
    return importlib.import_module(f".{module}", __package__)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=list(DEFAULT_SIZES),
        help="toolkit sizes in steps, comma-separated (default 10,100,1000), "
        "or none to build no sizes",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="at least this many timed builds per variant and size, and "
        "validations per size (default 3)",
    )
    parser.add_argument(
        "--measure-seconds",
        type=float,
        default=MEASURE_SECONDS,
        help="give a size whose builds are quick more timed builds (up to "
        f"{MAX_TIMED_BUILDS}), to measure it for about this long "
        f"(default {MEASURE_SECONDS:.0f}; 0: exactly --repeat)",
    )
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    parser.add_argument(
        "--keep", type=Path, help="generate into this folder and keep it (default: a temporary one)"
    )
    parser.add_argument("--check", action="store_true", help="exit with 1 if a target is missed")
    parser.add_argument(
        "--pdf",
        action="store_true",
        help="also measure what the build's PDFs (PDF=true) cost per PDF page (bench/pdf.py)",
    )
    parser.add_argument(
        "--default",
        action="store_true",
        help="also measure the default toolkit against its plain export: warm and cold "
        "builds, and peak memory (bench/default.py)",
    )
    parser.add_argument(
        "--compare",
        action="store_true",
        help="also measure comparing 20 health-check answer files of 60 statements "
        "against 1, in Chromium (bench/compare.py)",
    )
    parser.add_argument(
        "--serve",
        action="store_true",
        help="also measure save to visible page under mkdocs serve (--livereload and "
        "--dirty), the default toolkit against its plain export, in Chromium (bench/serve.py)",
    )
    parser.add_argument(
        "--typing",
        action="store_true",
        help="also measure typing in a template at x4 CPU throttle, scripts on against "
        "blocked, in Chromium (bench/keystrokes.py)",
    )
    parser.add_argument(
        "--paint",
        action="store_true",
        help="also measure first paint at x4 CPU throttle, as published against plain "
        "Material, in Chromium (bench/paint.py)",
    )
    parser.add_argument(
        "--navigate",
        action="store_true",
        help="also measure the next page after a click at x4 CPU throttle, as shipped "
        "(site_url empty) against site_url set, in Chromium (bench/navigate.py)",
    )
    parser.add_argument(
        "--tests",
        action="store_true",
        help="also time the README's test run, one test at a time, and its part without "
        "a browser (bench/testrun.py; about 12 minutes)",
    )
    parser.add_argument(
        "--one-at-a-time",
        action="store_true",
        help="build a and b one after the other (alternating) instead of "
        "side by side; the default on a one-core machine",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.measure_seconds < 0:
        parser.error("--measure-seconds must be 0 or more")

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    side_by_side = not args.one_at_a_time and (os.cpu_count() or 1) >= 2
    work = args.keep or Path(tempfile.mkdtemp(prefix="toolkit-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()
    extra: dict[str, Any] = {}  # each optional measure's figures, by its report key
    results: list[dict[str, Any]] = []
    growth = None
    try:
        if args.sizes:
            results, growth = measure_sizes(
                sorted(set(args.sizes)), args.repeat, work, log, side_by_side, args.measure_seconds
            )
        for option, module, key in MEASURES:
            if getattr(args, option):
                extra[key] = _measure(module).cost(work, args.repeat, log)
    except measure.JobFailed as err:
        log(str(err))
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    checked = targets(results, growth) if results else []
    for _, module, key in MEASURES:
        if key in extra and hasattr(_measure(module), "targets"):
            checked += _measure(module).targets(extra[key])
    report = {
        "environment": {
            **environment(),
            "load_average_before": load_before,
            "load_average_after": os.getloadavg(),
        },
        "repeat": args.repeat,
        "builds": "side by side" if side_by_side else "one at a time",
        "measure_seconds": args.measure_seconds,
        "sizes": results,
        "time_per_page_growth": growth,
        "targets": checked,
    }
    report.update(extra)
    if results:
        print(table(results))
    print("\nTargets:")
    print(target_lines(checked))
    for r in results:
        if r["pages"]["plugin"] != r["pages"]["plain"]:
            print(
                f"\nnote: at {r['steps']} steps the exported site has {r['pages']['plain']} "
                f"pages and the toolkit site {r['pages']['plugin']}"
            )
    pdf_cost = extra.get("pdf")
    if pdf_cost is not None and pdf_cost["seconds_per_pdf_page"] is not None:
        print(
            f"\nPDFs (default toolkit): {pdf_cost['pdf_pages']} pages, "
            f"{pdf_cost['seconds_per_pdf_page'] * 1000:.0f} ms a page "
            f"(median build {statistics.median(pdf_cost['seconds_with_pdfs']):.2f} s with them, "
            f"{statistics.median(pdf_cost['seconds_without']):.2f} s without)"
        )
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 1 if args.check and any(t["met"] is False for t in checked) else 0


if __name__ == "__main__":
    sys.exit(main())
