"""The synthetic toolkit's sizes, each built with the toolkit's plugins (a) and as its
plain export (b), side by side: what ``python -m bench`` times and weighs (see
``bench/__main__.py`` for how the builds are paired)."""

from __future__ import annotations

import math
import shutil
import statistics
from dataclasses import dataclass, field
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
