"""Starter files for ``toolkit new``: commented data that already builds.

The starters are Jinja templates in ``templates/starters/``; every placeholder
has the right type (real sentences, valid ids, a source that exists), so a
new file validates before its editor has changed a word. Adding a stage or a
step edits an existing YAML file as text, so its comments survive (see
:mod:`.yamledit`); the edit is checked by reading the file back, and undone
(with instructions to paste instead) if it did not come out exactly as
intended.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml

from .yamledit import (
    add_with_comments,
    append_step,
    append_to_list,
    cycle_stages,
    indent,
    step_ids_in,
    without_stages,
)

KINDS = ("stage", "step", "checklist", "template", "assessment")
FOLDERS = {
    "stage": "stages",
    "checklist": "checklists",
    "template": "templates",
    "assessment": "assessments",
}
DEFAULT_SCHEMA_LINE = (
    "# yaml-language-server: $schema=../../plugins/partnership_toolkit/schema/{}.schema.json"
)


class StarterError(Exception):
    """Nothing was written; the message says why and what to do."""

    def __init__(self, message: str, usage: bool = False):
        super().__init__(message)
        self.usage = usage


@dataclass
class Written:
    messages: list[str] = field(default_factory=list)


_env = jinja2.Environment(
    loader=jinja2.PackageLoader("partnership_toolkit", "templates/starters"),
    autoescape=False,
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
)


def write(
    kind: str,
    id_: str,
    data_dir: Path,
    root: Path,
    stage: str | None = None,
    layer: Path | None = None,
) -> Written:
    """Write the starter for ``kind`` called ``id_``; raise :class:`StarterError` if it can't.

    In a toolkit project (``layer``, its ``local/`` folder), the new file goes
    in ``local/data/``, and a new step of one of the base's stages goes in
    ``local/changes.yml`` under ``add``: the base's files are never edited.
    """
    own_sources = layer is not None and (layer / "data" / "sources.yml").is_file()
    source = _first_source(layer / "data" if own_sources else data_dir)  # type: ignore[operator]
    shown = _display(root)
    if kind == "step" and layer is not None:
        return _new_layer_step(id_, stage or "", data_dir, layer, source, shown)
    if kind == "step":
        return _new_step(id_, stage or "", data_dir, source, shown)
    folder = (layer / "data" if layer is not None else data_dir) / FOLDERS[kind]
    target = folder / f"{id_}.yml"
    if target.exists():
        raise StarterError(
            f"{shown(target)} already exists; nothing was written. Choose "
            f"another id, or edit that file"
        )
    context = {
        "id": id_,
        "title": title_from_id(id_),
        "source": source,
        "schema_line": _schema_line(folder, kind, "../" * (3 if layer is not None else 2)),
    }
    if kind == "stage":
        themes = data_dir / "themes" / f"{id_}.yml"
        if layer is not None and not themes.exists():
            themes = layer / "data" / "themes" / f"{id_}.yml"
        if themes.exists():
            raise StarterError(
                f"'{id_}' is already a theme ({shown(themes)}); both would be "
                "published at the same address, so choose another id",
                usage=True,
            )
        step_id = _free_step_id(f"{id_}-first-step", data_dir)
        context["step_block"] = indent(
            _render("step", id=step_id, stage=id_, title=title_from_id(step_id), source=source), 2
        )
    text = _render(kind, **context)
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    out = Written(
        [
            f"Wrote {shown(target)}.",
            "Open it and replace each sentence with your own words: the comment above "
            "each field says what it is for.",
        ]
    )
    if kind == "stage" and layer is not None:
        out.messages.append(
            "It comes at the end of the cycle. To put it elsewhere, list the stages in order "
            f"under cycle: stages: in {shown(layer / 'toolkit.yml')}."
        )
    elif kind == "stage":
        out.messages += _add_to_cycle(data_dir / "toolkit.yml", id_, shown)
    elif kind == "assessment":
        out.messages.append(
            "It is listed on the health checks page and in the menu. Each partner answers "
            "it on its own page; link to it from a step with 'assessment:" + id_ + "'."
        )
    else:
        how = (
            "name that step or stage in its related list, e.g. 'related: [step:delivering]'"
            if layer is not None
            else f"add its id to that stage's or step's {kind}s list, e.g. '{kind}s: [{id_}]'"
        )
        out.messages.append(
            f"It is listed on the {kind}s page and in the menu. To offer it on a stage or "
            f"step page too, {how}."
        )
        settings = data_dir / "toolkit.yml"
        if layer is not None and _feature_off(layer / "toolkit.yml", f"{kind}s") is not None:
            settings = layer / "toolkit.yml"
        if _feature_off(settings, f"{kind}s"):
            out.messages.append(
                f"Note: {kind}s are turned off in {shown(settings)}"
                f" (features.{kind}s: false), so it will not show until you "
                "turn them on."
            )
    return out


def title_from_id(id_: str) -> str:
    words = id_.replace("-", " ")
    return words[:1].upper() + words[1:]


# -- steps -----------------------------------------------------------------------------------


def _new_step(id_: str, stage: str, data_dir: Path, source: str, shown) -> Written:  # noqa: ANN001
    stage_file = data_dir / "stages" / f"{stage}.yml"
    if not stage_file.is_file():
        known = sorted(p.stem for p in (data_dir / "stages").glob("*.yml"))
        raise StarterError(
            f"there is no stage '{stage}' ({shown(stage_file)} does not exist); "
            f"stages: {', '.join(known) or 'none yet'}",
            usage=True,
        )
    taken = _step_ids(data_dir)
    if id_ in taken:
        raise StarterError(
            f"there is already a step '{id_}' (in {shown(taken[id_])}); step ids "
            "are unique across the toolkit, so choose another",
            usage=True,
        )
    block = _render("step", id=id_, stage=stage, title=title_from_id(id_), source=source)
    text = stage_file.read_text(encoding="utf-8")
    before = step_ids_in(text)
    edited = append_step(text, block)
    after = step_ids_in(edited) if edited is not None else None
    if (
        before is not None
        and after is not None
        and [s.get("id") for s in after] == [s.get("id") for s in before] + [id_]
        and after[:-1] == before
    ):
        stage_file.write_text(edited, encoding="utf-8")
        return Written(
            [
                f"Added the step '{id_}' at the end of the steps in {shown(stage_file)}.",
                "Open it and replace each sentence with your own words; move the "
                "block up or down the list to change the order of the steps.",
            ]
        )
    raise StarterError(
        f"could not add the step to {shown(stage_file)} safely, so nothing was changed. "
        "Paste this block at the end of its 'steps:' list, indented like the other steps:\n\n"
        + block
    )


def _new_layer_step(
    id_: str,
    stage: str,
    base: Path,
    layer: Path,
    source: str,
    shown,  # noqa: ANN001
) -> Written:
    """A step in a toolkit project: in the project's own stage file, or for one
    of the base's stages, under ``add`` in ``local/changes.yml``."""
    own = layer / "data"
    if not any((d / "stages" / f"{stage}.yml").is_file() for d in (base, own)):
        known = sorted({p.stem for d in (base, own) for p in (d / "stages").glob("*.yml")})
        raise StarterError(
            f"there is no stage '{stage}'; stages: {', '.join(known) or 'none yet'}",
            usage=True,
        )
    taken = {**_step_ids(base), **_step_ids(own), **_added_step_ids(layer / "changes.yml")}
    if id_ in taken:
        raise StarterError(
            f"there is already a step '{id_}' (in {shown(taken[id_])}); step ids "
            "are unique across the toolkit, so choose another",
            usage=True,
        )
    if (own / "stages" / f"{stage}.yml").is_file():
        return _new_step(id_, stage, own, source, shown)
    block = _render("step", id=id_, stage=stage, title=title_from_id(id_), source=source)
    changes = layer / "changes.yml"
    address = f"stage:{stage}"
    if add_with_comments(changes, address, block, id_):
        return Written(
            [
                f"Added the step '{id_}' under add: {address}: in {shown(changes)}; it comes "
                "at the end of the stage's steps.",
                "Open it and replace each sentence with your own words. To put it elsewhere, "
                f"list the steps to come first under order: {address}: in the same file.",
            ]
        )
    raise StarterError(
        f"could not add the step to {shown(changes)} safely, so nothing was changed. Add it "
        f"yourself, under 'add:' and then '{address}:', as a list item:\n\n" + block
    )


def _added_step_ids(changes: Path) -> dict[str, Path]:
    """The ids of the steps a project's changes.yml adds to the base's stages."""
    try:
        value = yaml.safe_load(changes.read_text(encoding="utf-8")) or {}
        added = value.get("add") or {}
    except (OSError, yaml.YAMLError, AttributeError, UnicodeDecodeError):
        return {}
    return {
        step["id"]: changes
        for address, steps in (added.items() if isinstance(added, dict) else ())
        if str(address).startswith("stage:") and isinstance(steps, list)
        for step in steps
        if isinstance(step, dict) and isinstance(step.get("id"), str)
    }


def _step_ids(data_dir: Path) -> dict[str, Path]:
    ids: dict[str, Path] = {}
    for path in sorted((data_dir / "stages").glob("*.yml")):
        for step in step_ids_in(path.read_text(encoding="utf-8")) or ():
            if isinstance(step, dict) and isinstance(step.get("id"), str):
                ids.setdefault(step["id"], path)
    return ids


def _free_step_id(wanted: str, data_dir: Path) -> str:
    taken = _step_ids(data_dir)
    candidate, n = wanted, 2
    while candidate in taken:
        candidate, n = f"{wanted}-{n}", n + 1
    return candidate


# -- stages: the cycle ------------------------------------------------------------------------


def _add_to_cycle(toolkit_yml: Path, id_: str, shown) -> list[str]:  # noqa: ANN001
    """Append ``id_`` to cycle.stages in toolkit.yml by a text edit that keeps comments."""
    text = toolkit_yml.read_text(encoding="utf-8")
    before = cycle_stages(text)
    edited = append_to_list(text, id_)
    if (
        before is not None
        and id_ not in before
        and edited is not None
        and cycle_stages(edited) == [*before, id_]
        and without_stages(edited) == without_stages(text)
    ):
        toolkit_yml.write_text(edited, encoding="utf-8")
        return [
            f"Added '{id_}' at the end of cycle.stages in {shown(toolkit_yml)}; move it "
            "within that list to put the stage where it belongs in the cycle."
        ]
    if before is not None and id_ in before:
        return [f"'{id_}' is already in cycle.stages in {shown(toolkit_yml)}."]
    return [
        f"Now add the stage to the cycle: in {shown(toolkit_yml)}, add '{id_}' to the "
        "list under cycle: stages:, where it belongs, e.g.",
        f"  stages: [{', '.join([*(before or ['getting-started']), id_])}]",
    ]


# -- helpers ---------------------------------------------------------------------------------


def _render(kind: str, **context: object) -> str:
    return _env.get_template(f"{kind}.yml.j2").render(**context)


def _schema_line(folder: Path, kind: str, up: str = "../../") -> str:
    """The schema comment of the kind's other files, so editors' autocompletion works here too."""
    for sibling in sorted(folder.glob("*.yml")) if folder.is_dir() else ():
        first = sibling.read_text(encoding="utf-8").split("\n", 1)[0]
        if first.startswith("# yaml-language-server:"):
            return first
    return DEFAULT_SCHEMA_LINE.replace("../../", up).format(kind)


def _first_source(data_dir: Path) -> str:
    path = data_dir / "sources.yml"
    try:
        sources = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("sources") or []
    except (OSError, yaml.YAMLError, AttributeError):
        sources = []
    for s in sources:
        if isinstance(s, dict) and isinstance(s.get("id"), str):
            return s["id"]
    raise StarterError(
        f"{path.name} has no sources yet: every stage, step, checklist and "
        "template names the documents it draws on, so add one to "
        "sources.yml first (see CONVENTIONS.md)"
    )


def _feature_off(toolkit_yml: Path, name: str) -> bool | None:
    """Whether the file turns the kind off (None: it does not say)."""
    try:
        value = yaml.safe_load(toolkit_yml.read_text(encoding="utf-8")) or {}
        said = (value.get("features") or {}).get(name)
    except (OSError, yaml.YAMLError, AttributeError):
        return None
    return (said is False) if isinstance(said, bool) else None


def _display(root: Path):  # noqa: ANN202
    def shown(path: Path) -> str:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return str(path)

    return shown
