"""Synthetic toolkits of any size, made from the real guidance in ``data/``.

A toolkit of ``steps`` steps is built by copying the default toolkit's own
stages, steps, checklists, templates, themes, principle sets and glossary
terms, renaming each copy, and pointing every reference at a copy that
exists, so pages are as long as real ones and every link resolves. The
proportions follow what a large organisation's toolkit looks like:

======================  ===================================
steps                   ``steps`` (cycling through the real ones)
stages                  the square root of the steps (3 at 10 steps, 10 at 100,
                        32 at 1,000), the steps shared evenly
checklists, templates   one of each per 10 steps (at least one)
themes                  one per 20 steps (at least one: the heart)
principle sets          one per 30 steps (at least one)
glossary                every real term, once per 100 steps (at least once)
sources                 the real ones
======================  ===================================

The result is a complete project (``mkdocs.yml``, ``content/``, ``data/``,
``overrides/``) that builds like the repository itself.
"""

from __future__ import annotations

import math
import re
import shutil
import zlib
from collections import defaultdict
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent

# Kind -> steps per item of that kind (see the module docstring).
PER = {"checklist": 10, "template": 10, "theme": 20, "principle_set": 30}
GLOSSARY_PER = 100

# Fields holding ids of one kind, and fields holding ``kind:id`` links.
ID_LISTS = {
    "checklists": "checklist",
    "templates": "template",
    "principles": "principle",
    "themes": "theme",
}
LINK_LISTS = {"related", "see"}


@dataclass(frozen=True)
class Counts:
    """How many of each part a generated toolkit has."""

    steps: int
    stages: int
    checklists: int
    templates: int
    themes: int
    principle_sets: int
    glossary_terms: int


def _read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


class _Dumper(yaml.SafeDumper):
    """Writes multi-line text as ``|`` blocks, as the real data files do."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and not value.startswith(" ") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _write(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        yaml.dump(value, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100),
        encoding="utf-8",
    )


def _copy_id(original: str, n: int) -> str:
    """The id of the ``n``-th copy (1-based) of ``original``: the first keeps its id."""
    return original if n == 1 else f"{original}-{n}"


def _copy_title(title: str, n: int) -> str:
    return title if n == 1 else f"{title} {n}"


class _Ids:
    """Every generated id by kind, and which copies each original id has."""

    def __init__(self) -> None:
        self.copies: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.all: dict[str, list[str]] = defaultdict(list)

    def add(self, kind: str, original: str, new: str) -> None:
        self.copies[kind][original].append(new)
        self.all[kind].append(new)

    def pick(self, kind: str, original: str, group: int) -> str | None:
        """An existing id for a reference to ``kind:original`` made from copy ``group``."""
        copies = self.copies[kind].get(original)
        if copies:
            return copies[group % len(copies)]
        candidates = self.all.get(kind)
        if not candidates:
            return None
        return candidates[zlib.crc32(original.encode()) % len(candidates)]


def _remap(value: Any, ids: _Ids, group: int) -> Any:
    """``value`` with every reference pointed at a generated id (duplicates dropped)."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            # (a principle set's ``principles`` is a list of mappings, not of ids)
            if key in ID_LISTS and isinstance(item, list) and _strings(item):
                item = _dedupe(ids.pick(ID_LISTS[key], i, group) for i in item)
            elif key in LINK_LISTS and isinstance(item, list) and _strings(item):
                item = _dedupe(_remap_link(link, ids, group) for link in item)
            else:
                item = _remap(item, ids, group)
            if item == [] and value[key]:  # every reference dropped: leave the field out
                continue
            out[key] = item
        return out
    if isinstance(value, list):
        return [_remap(item, ids, group) for item in value]
    if isinstance(value, str) and "](" in value:
        return _MARKDOWN_LINK.sub(lambda found: _remap_markdown(found, ids, group), value)
    return value


# A toolkit link inside Markdown text: [words](kind:id).
_MARKDOWN_LINK = re.compile(r"\[([^\]\n]*)\]\(([a-z]+:[a-z0-9-]+)\)")


def _remap_markdown(found: re.Match[str], ids: _Ids, group: int) -> str:
    """A Markdown link pointed at a generated id; its words alone if none fits."""
    new = _remap_link(found[2], ids, group)
    return f"[{found[1]}]({new})" if new else found[1]


def _strings(items: list[Any]) -> bool:
    return all(isinstance(i, str) for i in items)


def _remap_link(link: str, ids: _Ids, group: int) -> str | None:
    kind, _, original = link.partition(":")
    if kind == "page":
        return link
    new = ids.pick(kind, original, group)
    return f"{kind}:{new}" if new else None


def _dedupe(items: Any) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item is not None and item not in seen:
            seen.append(item)
    return seen


def counts(steps: int) -> Counts:
    """How many of each part a toolkit of ``steps`` steps gets."""
    if steps < 1:
        raise ValueError("a toolkit needs at least one step")
    return Counts(
        steps=steps,
        # Stages grow with the square root of the steps: a big toolkit has
        # more steps in each stage as well as more stages.
        stages=max(1, round(math.sqrt(steps))),
        checklists=max(1, steps // PER["checklist"]),
        templates=max(1, steps // PER["template"]),
        themes=max(1, steps // PER["theme"]),
        principle_sets=max(1, steps // PER["principle_set"]),
        glossary_terms=0,  # filled in by generate(): depends on the real glossary
    )


def generate(steps: int, project: Path, source: Path = ROOT) -> Counts:
    """Write a complete project with a toolkit of ``steps`` steps into ``project``."""
    data = source / "data"
    want = counts(steps)
    toolkit = _read(data / "toolkit.yml")
    heart = toolkit["cycle"]["heart"]
    real_stages = [
        (sid, _read(data / "stages" / f"{sid}.yml")) for sid in toolkit["cycle"]["stages"]
    ]
    real_steps = [step for _, stage in real_stages for step in stage["steps"]]
    # The heart first, so that the smallest toolkit still has it.
    theme_files = sorted((data / "themes").glob("*.yml"), key=lambda p: (p.stem != heart, p.stem))
    real_themes = [(p.stem, _read(p)) for p in theme_files]
    real_sets = [(p.stem, _read(p)) for p in sorted((data / "principles").glob("*.yml"))]
    real_checklists = [(p.stem, _read(p)) for p in sorted((data / "checklists").glob("*.yml"))]
    real_templates = [(p.stem, _read(p)) for p in sorted((data / "templates").glob("*.yml"))]
    glossary = _read(data / "glossary.yml") if (data / "glossary.yml").is_file() else None
    sources = _read(data / "sources.yml")

    # First decide every id, so references can point at parts made later.
    ids = _Ids()
    for src in sources["sources"]:
        ids.add("source", src["id"], src["id"])

    def plan(kind: str, real: list[tuple[str, Any]], how_many: int) -> list[tuple[str, Any, int]]:
        out = []
        for i in range(how_many):
            original, doc = real[i % len(real)]
            copy = i // len(real) + 1
            new = _copy_id(original, copy)
            ids.add(kind, original, new)
            out.append((new, doc, copy))
        return out

    stages = []
    for i in range(want.stages):
        original, doc = real_stages[i % len(real_stages)]
        copy = i // len(real_stages) + 1
        new = f"{original}-{i + 1}"
        ids.add("stage", original, new)
        stages.append((new, doc, copy))
    step_plan: list[list[tuple[str, dict, int]]] = [[] for _ in stages]
    for n in range(steps):
        raw = real_steps[n % len(real_steps)]
        copy = n // len(real_steps) + 1
        new = f"{raw['id']}-{copy}"
        ids.add("step", raw["id"], new)
        step_plan[n * len(stages) // steps].append((new, raw, copy))  # evenly
    checklists = plan("checklist", real_checklists, want.checklists)
    templates = plan("template", real_templates, want.templates)
    themes = plan("theme", real_themes, want.themes)
    sets = plan("principle_set", real_sets, want.principle_sets)
    for _, doc, copy in sets:
        for p in doc["principles"]:
            ids.add("principle", p["id"], f"{p['id']}-{copy}")
    glossary_copies = max(1, steps // GLOSSARY_PER) if glossary else 0
    for copy in range(1, glossary_copies + 1):
        for term in glossary["terms"]:
            ids.add("glossary", term["id"], _copy_id(term["id"], copy))

    # Then write the files, remapping references within each copy's group.
    out = project / "data"
    if project.exists():
        shutil.rmtree(project)
    for folder in ("content", "overrides"):
        shutil.copytree(source / folder, project / folder)
    shutil.copy(source / "mkdocs.yml", project / "mkdocs.yml")
    _write(out / "sources.yml", sources)

    stage_plan = zip(stages, step_plan, strict=True)
    for number, ((new, doc, copy), planned) in enumerate(stage_plan, start=1):
        stage = _remap({k: v for k, v in doc.items() if k != "steps"}, ids, copy - 1)
        stage["title"] = _copy_title(doc["title"], number)
        stage["steps"] = []
        for step_id, raw, step_copy in planned:
            step = _remap(deepcopy(raw), ids, step_copy - 1)
            step["id"] = step_id
            step["title"] = _copy_title(raw["title"], step_copy)
            stage["steps"].append(step)
        _write(out / "stages" / f"{new}.yml", stage)

    for folder, plans in (("checklists", checklists), ("templates", templates), ("themes", themes)):
        for new, doc, copy in plans:
            item = _remap(doc, ids, copy - 1)
            item["title"] = _copy_title(doc["title"], copy)
            _write(out / folder / f"{new}.yml", item)
    for new, doc, copy in sets:
        item = _remap(doc, ids, copy - 1)
        item["title"] = _copy_title(doc["title"], copy)
        for p in item["principles"]:
            p["id"] = f"{p['id']}-{copy}"
            p["title"] = _copy_title(p["title"], copy)
        _write(out / "principles" / f"{new}.yml", item)

    terms = []
    for copy in range(1, glossary_copies + 1):
        for term in glossary["terms"]:
            item = _remap(term, ids, copy - 1)
            item["id"] = _copy_id(term["id"], copy)
            item["term"] = _copy_title(term["term"], copy)
            terms.append(item)
    if glossary:
        _write(out / "glossary.yml", {**glossary, "terms": terms})

    toolkit = deepcopy(toolkit)
    toolkit["cycle"]["stages"] = [new for new, _, _ in stages]
    for extra in ("strings.yml",):
        if (data / extra).is_file():
            shutil.copy(data / extra, out / extra)
    _write(out / "toolkit.yml", toolkit)
    return Counts(**{**want.__dict__, "glossary_terms": len(terms)})
