"""Benchmark: build speed and page weight against a plain-Markdown baseline.

    python -m bench [--sizes 10,100,1000|none] [--repeat 3] [--json FILE] [--keep DIR] [--check]
                    [--one-at-a-time] [--measure-seconds 40] [--pdf] [--compare] [--default]

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
comparing health-check answers costs in the browser (bench/compare.py), and
``--sizes none`` leaves out the builds of the sizes. BENCHMARKS.md explains
the figures.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from . import generate, measure

DEFAULT_SIZES = (10, 100, 1000)

# The targets. KB here is 1,000 bytes.
MAX_RATIO = 1.10
MAX_PER_PAGE_GROWTH = 1.20
MAX_VALIDATE_SECONDS = 1.0
MAX_ASSET_BYTES = 15_000


def export_plain(project: Path, out: Path) -> Path:
    """The plain-Markdown copy of ``project`` that ``toolkit export`` writes; its mkdocs.yml."""
    try:
        from partnership_toolkit.export import export
    except ImportError as err:
        raise SystemExit(
            f"python -m bench needs `toolkit export` (partnership_toolkit.export): {err}"
        ) from None
    return Path(export(project, out))


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's plugin list without knowing its !ENV and !!python tags."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def plugin_names(config_file: Path) -> list[str]:
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_AnyTagLoader) or {}
    names = []
    for entry in config.get("plugins") or []:
        names.append(next(iter(entry)) if isinstance(entry, dict) else str(entry))
    return names


@dataclass
class Size:
    """One toolkit size: its projects, and what has been measured of it so far."""

    steps: int
    counts: generate.Counts
    project: Path
    configs: dict[str, Path]
    sites: dict[str, Path]
    first: dict[str, tuple[float, float]] = field(default_factory=dict)
    builds: dict[str, measure.Runs] = field(
        default_factory=lambda: {"plugin": measure.Runs(), "plain": measure.Runs()}
    )
    validation: measure.Runs = field(default_factory=measure.Runs)
    validation_no_cache: measure.Runs = field(default_factory=measure.Runs)


def prepare(steps: int, work: Path) -> Size:
    """Generate the toolkit of ``steps`` steps and its plain-Markdown export."""
    project = work / f"toolkit-{steps}"
    counts = generate.generate(steps, project)
    plain_config = export_plain(project, work / f"plain-{steps}")
    return Size(
        steps,
        counts,
        project,
        configs={"plugin": project / "mkdocs.yml", "plain": plain_config},
        sites={"plugin": work / f"site-{steps}-plugin", "plain": work / f"site-{steps}-plain"},
    )


def build_pair(size: Size, n: int, side_by_side: bool) -> dict[str, tuple[float, float]]:
    """Build a and b once each; their wall and CPU seconds."""
    # Which starts first alternates, so neither always gets the head start.
    order = ("plugin", "plain") if n % 2 == 0 else ("plain", "plugin")
    for variant in order:
        shutil.rmtree(size.sites[variant], ignore_errors=True)  # not part of the timing
    jobs = [("build", size.configs[v], size.sites[v]) for v in order]
    if side_by_side:
        results = measure.run_jobs(*jobs)
    else:
        results = [measure.run_job(*job) for job in jobs]
    return dict(zip(order, results, strict=True))


# Short builds vary most from run to run on a shared machine: a size whose
# builds are quick gets more of them, up to MAX_TIMED_BUILDS, so that each is
# measured for about --measure-seconds.
MEASURE_SECONDS = 40.0
MAX_TIMED_BUILDS = 15


def timed_builds(seconds: float, repeat: int, measure_seconds: float = MEASURE_SECONDS) -> int:
    """How many timed builds a size gets whose plain build took ``seconds``."""
    wanted = math.ceil(measure_seconds / max(seconds, 0.01))
    return max(repeat, min(MAX_TIMED_BUILDS, wanted))


@dataclass
class Growth:
    """Rounds in which one build of the larger size ran beside builds of the smaller."""

    low: Size
    big: Size
    rounds: dict[str, list[tuple[tuple[float, float], list[tuple[float, float]]]]] = field(
        default_factory=lambda: {"plugin": [], "plain": []}
    )


def growth_round(growth: Growth, variant: str) -> None:
    """Build the larger size once, and the smaller one again and again beside it."""
    low, big = growth.low, growth.big
    shutil.rmtree(big.sites[variant], ignore_errors=True)
    growth.rounds[variant].append(
        measure.run_beside(
            ("build", big.configs[variant], big.sites[variant]),
            ("build", low.configs[variant], low.sites[variant]),
            before_short=lambda: shutil.rmtree(low.sites[variant], ignore_errors=True),
        )
    )


def growth_summary(growth: Growth) -> dict[str, Any]:
    """Time per page of the larger size over the smaller, round by round (CPU)."""
    out: dict[str, Any] = {"sizes": [growth.low.steps, growth.big.steps]}
    for variant, rounds in growth.rounds.items():
        low_pages = len(measure.pages(growth.low.sites[variant]))
        big_pages = len(measure.pages(growth.big.sites[variant]))
        figures = []
        for (_, big_cpu), shorts in rounds:
            low_ms = 1000 * statistics.median(cpu for _, cpu in shorts) / low_pages
            big_ms = 1000 * big_cpu / big_pages
            figures.append(
                {
                    "cpu_ms_per_page": [round(low_ms, 3), round(big_ms, 3)],
                    "growth": round(big_ms / low_ms, 3),
                    "builds_beside": len(shorts),
                    "cpu_seconds": {
                        "small": [round(cpu, 4) for _, cpu in shorts],
                        "big": round(big_cpu, 4),
                    },
                }
            )
        out[variant] = {
            "growth": round(statistics.median(f["growth"] for f in figures), 3),
            "pages": [low_pages, big_pages],
            "rounds": figures,
        }
    return out


def measure_sizes(
    steps_list: list[int],
    repeat: int,
    work: Path,
    log: Any,
    side_by_side: bool = True,
    measure_seconds: float = MEASURE_SECONDS,
) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """Every figure for each size, and the growth rounds' figures (None if there were none).

    Each size is first built once, untimed for the medians: that build makes
    the Word files and compiles the page templates into the project's empty
    cache, and is reported on its own. Each size then gets at least
    ``repeat`` timed builds, and a size whose builds are short gets more (see
    :func:`timed_builds`). The timed builds of all sizes are spread evenly
    over the run (100, 1000, 100, 100, 1000, ...), so that a slow spell on
    the machine falls on every size, not on one; so are the ``repeat``
    validations of each size.

    Side by side, the two sizes that time per page compares also get
    ``repeat`` growth rounds for each variant, spread over the run in the
    same way: the larger size is built once while the smaller one is built
    again and again beside it, so that the two are measured at the same
    moment rather than minutes apart.
    """
    sizes = []
    for steps in steps_list:
        log(f"{steps} steps: generating and exporting ...")
        sizes.append(prepare(steps, work))
    for size in sizes:
        size.first = build_pair(size, 0, side_by_side)
        log(
            f"  {size.steps} steps, first build (empty cache): "
            + ", ".join(f"{v} {s:.2f} s" for v, (s, _) in size.first.items())
        )
    counts = {
        size.steps: timed_builds(size.first["plain"][0], repeat, measure_seconds) for size in sizes
    }
    schedule: list[tuple[float, int, int]] = sorted(
        (n / counts[size.steps], i, n)
        for i, size in enumerate(sizes)
        for n in range(counts[size.steps])
    )
    low_steps, big_steps = compared_sizes(steps_list)
    growth = None
    if side_by_side and low_steps is not None:
        by_steps = {size.steps: size for size in sizes}
        growth = Growth(by_steps[low_steps], by_steps[big_steps])
        # Index len(sizes) stands for a growth round; plugin and plain take turns.
        schedule = sorted(
            schedule + [((n + 0.5) / (2 * repeat), len(sizes), n) for n in range(2 * repeat)]
        )
    for _, i, n in schedule:
        if i == len(sizes) and growth:
            variant = ("plugin", "plain")[n % 2]
            growth_round(growth, variant)
            (_, cpu), shorts = growth.rounds[variant][-1]
            log(
                f"  {big_steps} steps ({variant}): {cpu:.2f} s CPU, beside {len(shorts)} "
                f"builds of {low_steps} steps"
            )
            continue
        size = sizes[i]
        figures = build_pair(size, n, side_by_side)
        for variant in ("plugin", "plain"):
            seconds, cpu = figures[variant]
            size.builds[variant].add((seconds, cpu))
            log(
                f"  {size.steps} steps, build {n + 1}/{counts[size.steps]} ({variant}): "
                f"{seconds:.2f} s ({cpu:.2f} s CPU)"
            )
        if n < repeat:  # validations are spread over the run like the builds
            validate(size)
    for size in sizes:
        log(
            f"  {size.steps} steps, toolkit validate: {size.validation.median:.3f} s "
            f"({size.validation.cpu_median:.3f} s CPU); with --no-cache "
            f"{size.validation_no_cache.median:.3f} s "
            f"({size.validation_no_cache.cpu_median:.3f} s CPU)"
        )
    return [summary(size) for size in sizes], (growth_summary(growth) if growth else None)


# The data check an editor runs after each edit. Without --data-only the
# command also builds the site strictly, which the build figures already time.
VALIDATE = ("-m", "partnership_toolkit.cli", "validate", "--data-only")


def validate(size: Size) -> None:
    """Time ``toolkit validate --data-only`` on the project, whole, as an editor runs
    it: once as usual (the builds have filled the cache it shares with them) and
    once with ``--no-cache``, as on a fresh checkout."""
    size.validation.add(measure.run_command(*VALIDATE, size.project))
    size.validation_no_cache.add(measure.run_command(*VALIDATE, size.project, "--no-cache"))


def summary(size: Size) -> dict[str, Any]:
    """The figures of one size, as the table and the JSON give them."""
    builds, sites = size.builds, size.sites
    pages = {variant: len(measure.pages(site)) for variant, site in sites.items()}
    plugin_s, plain_s = builds["plugin"].median, builds["plain"].median
    pair_ratios = [
        a / b for a, b in zip(builds["plugin"].seconds, builds["plain"].seconds, strict=True)
    ]
    return {
        "steps": size.steps,
        "counts": dict(size.counts.__dict__),
        "pages": pages,
        "plugins": {variant: plugin_names(config) for variant, config in size.configs.items()},
        "first_build_seconds": {
            variant: round(seconds, 4) for variant, (seconds, _) in size.first.items()
        },
        "first_build_ratio": round(size.first["plugin"][0] / size.first["plain"][0], 3),
        "build_seconds": {variant: runs.as_dict() for variant, runs in builds.items()},
        # a and b of one pair ran at the same time, under the same conditions:
        # the ratio is the median of the pairs' own ratios. The ratio of the
        # two medians, which ignores the pairing, is given too.
        "ratio": round(statistics.median(pair_ratios), 3),
        "pair_ratios": [round(r, 3) for r in pair_ratios],
        "ratio_of_medians": round(plugin_s / plain_s, 3),
        "cpu_ratio": round(
            statistics.median(
                a / b
                for a, b in zip(
                    builds["plugin"].cpu_seconds, builds["plain"].cpu_seconds, strict=True
                )
            ),
            3,
        ),
        "ms_per_page": {
            "plugin": round(1000 * plugin_s / pages["plugin"], 3),
            "plain": round(1000 * plain_s / pages["plain"], 3),
        },
        "cpu_ms_per_page": {
            variant: round(1000 * builds[variant].cpu_median / pages[variant], 3)
            for variant in builds
        },
        "validate_seconds": size.validation.as_dict(),
        "validate_no_cache_seconds": size.validation_no_cache.as_dict(),
        "toolkit_assets": measure.toolkit_assets_per_page(sites["plugin"]),
        "search_index": {variant: measure.search_index(site) for variant, site in sites.items()},
        "page_html": measure.page_html(sites["plugin"]),
    }


def compared_sizes(steps_list: list[int]) -> tuple[int | None, int]:
    """The sizes the targets look at: (smaller, larger) for time per page.

    The larger is 1,000 steps if a smaller size was measured too, and the
    largest size otherwise; the smaller is 100 steps, or the next size below
    the larger (None with only one size). The other targets are judged at
    1,000 steps, or at the largest size if 1,000 was not measured.
    """
    big = 1000 if 1000 in steps_list and min(steps_list) < 1000 else max(steps_list)
    below = sorted(s for s in steps_list if s < big)
    return (100 if 100 in below else (below[-1] if below else None)), big


def _at(results: list[dict[str, Any]], steps: int) -> dict[str, Any]:
    return next(r for r in results if r["steps"] == steps)


def targets(
    results: list[dict[str, Any]], growth: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Each target of the issue, its figure and whether it is met (None: not measurable).

    The plugin/plain ratio is the median of the ratios of the pairs of builds
    made in the same run, each a beside a b (wall clock, as the issue asks);
    the ratio of the two medians is in the note. Time per page is the median
    of the ``growth`` rounds (each larger build against the smaller builds
    made beside it) when there are any, and otherwise compares the sizes'
    own medians, measured minutes apart; the note gives both. Figures that
    compare sizes and absolute times use CPU seconds of the process: on an
    idle machine they equal the wall clock (a build uses one core), and on a
    shared one they do not count the time other people's jobs held the CPU.
    """
    out = []
    steps = [r["steps"] for r in results]
    low_steps, big_steps = compared_sizes(steps)
    # The ratio and validation are judged at 1,000 steps, or the largest size.
    big = _at(results, 1000 if 1000 in steps else max(steps))
    out.append(
        {
            "name": f"plugin build / plain build at {big['steps']} steps (wall clock)",
            "target": f"<= {MAX_RATIO:.2f}",
            "value": big["ratio"],
            "met": big["ratio"] <= MAX_RATIO,
            "note": (
                f"median of {len(big['pair_ratios'])} pairs' ratios; ratio of the medians "
                f"{big['ratio_of_medians']}; CPU time {big['cpu_ratio']}"
            ),
        }
    )
    if low_steps is None:
        out.append(
            {
                "name": "time per page, growth between two sizes",
                "target": f"<= {MAX_PER_PAGE_GROWTH:.2f}",
                "value": None,
                "met": None,
                "note": "needs at least two sizes",
            }
        )
    else:
        low, high = _at(results, low_steps), _at(results, big_steps)
        apart = {
            variant: round(high["cpu_ms_per_page"][variant] / low["cpu_ms_per_page"][variant], 3)
            for variant in ("plugin", "plain")
        }
        if growth:
            value = growth["plugin"]["growth"]
            rounds = len(growth["plugin"]["rounds"])
            note = (
                f"median of {rounds} round{'s' if rounds != 1 else ''}, each "
                f"{big_steps}-step build beside {low_steps}-step builds; plain build: "
                f"{growth['plain']['growth']}; from the medians of the sizes' own builds "
                f"{apart['plugin']} (plain build {apart['plain']})"
            )
        else:
            value = apart["plugin"]
            note = f"from the medians of the sizes' own builds; plain build: {apart['plain']}"
        out.append(
            {
                "name": f"time per page at {big_steps} / at {low_steps} steps (CPU)",
                "target": f"<= {MAX_PER_PAGE_GROWTH:.2f}",
                "value": value,
                "met": value <= MAX_PER_PAGE_GROWTH,
                "note": note,
            }
        )
    seconds = big["validate_seconds"]["cpu_median"]
    cold = big["validate_no_cache_seconds"]
    out.append(
        {
            "name": f"toolkit validate at {big['steps']} steps (CPU s)",
            "target": f"< {MAX_VALIDATE_SECONDS:.1f}",
            "value": seconds,
            "met": seconds < MAX_VALIDATE_SECONDS,
            "note": (
                f"the whole command, start-up included; wall clock "
                f"{big['validate_seconds']['median']} s; with --no-cache (a fresh "
                f"checkout) {cold['cpu_median']} s CPU, {cold['median']} s wall clock"
            ),
        }
    )
    heaviest = max(r["toolkit_assets"]["per_page_gzip_max"] for r in results)
    out.append(
        {
            "name": "toolkit CSS + JS per page, gzipped (bytes)",
            "target": f"< {MAX_ASSET_BYTES:,}",
            "value": heaviest,
            "met": heaviest < MAX_ASSET_BYTES,
        }
    )
    return out


def table(results: list[dict[str, Any]]) -> str:
    head = [
        "steps",
        "pages",
        "1st a/b",
        "plugin s",
        "plain s",
        "a/b",
        "a/b cpu",
        "ms/pg cpu a",
        "ms/pg cpu b",
        "validate s",
        "val. cpu s",
        "no cache cpu s",
        "CSS+JS gz/pg",
        "html gz/pg",
        "search raw",
        "search gz",
    ]
    rows = [head]
    for r in results:
        rows.append(
            [
                str(r["steps"]),
                str(r["pages"]["plugin"]),
                f"{r['first_build_ratio']:.2f}",
                f"{r['build_seconds']['plugin']['median']:.2f}",
                f"{r['build_seconds']['plain']['median']:.2f}",
                f"{r['ratio']:.2f}",
                f"{r['cpu_ratio']:.2f}",
                f"{r['cpu_ms_per_page']['plugin']:.1f}",
                f"{r['cpu_ms_per_page']['plain']:.1f}",
                f"{r['validate_seconds']['median']:.3f}",
                f"{r['validate_seconds']['cpu_median']:.3f}",
                f"{r['validate_no_cache_seconds']['cpu_median']:.3f}",
                f"{r['toolkit_assets']['per_page_gzip_max']:,}",
                f"{r['page_html']['gzip_median']:,}",
                f"{r['search_index']['plugin']['raw']:,}",
                f"{r['search_index']['plugin']['gzip']:,}",
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = ["  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def target_lines(checked: list[dict[str, Any]]) -> str:
    lines = []
    for t in checked:
        verdict = {True: "met", False: "MISSED", None: "not measured"}[t["met"]]
        value = "-" if t["value"] is None else t["value"]
        note = f"; {t['note']}" if t.get("note") else ""
        lines.append(f"  {verdict:>12}  {t['name']}: {value} (target {t['target']}{note})")
    return "\n".join(lines)


def environment() -> dict[str, Any]:
    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "mkdocs": version("mkdocs"),
        "mkdocs-material": version("mkdocs-material"),
        "mkdocs-macros-plugin": version("mkdocs-macros-plugin"),
    }


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
    pdf_cost = compare_cost = default_cost = None
    results: list[dict[str, Any]] = []
    growth = None
    try:
        if args.sizes:
            results, growth = measure_sizes(
                sorted(set(args.sizes)), args.repeat, work, log, side_by_side, args.measure_seconds
            )
        if args.pdf:
            from . import pdf

            pdf_cost = pdf.cost(work, args.repeat, log)
        if args.default:
            from . import default

            default_cost = default.cost(work, args.repeat, log)
        if args.compare:
            from . import compare

            compare_cost = compare.cost(work, args.repeat, log)
    except measure.JobFailed as err:
        log(str(err))
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    checked = targets(results, growth) if results else []
    if default_cost is not None:
        from . import default

        checked += default.targets(default_cost)
    if compare_cost is not None:
        from . import compare

        checked += compare.targets(compare_cost)
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
    if pdf_cost is not None:
        report["pdf"] = pdf_cost
    if compare_cost is not None:
        report["compare"] = compare_cost
    if default_cost is not None:
        report["default_toolkit"] = default_cost
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
