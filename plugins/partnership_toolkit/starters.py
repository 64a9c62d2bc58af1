"""Starter files for ``toolkit new``: commented data that already builds.

The starters are Jinja templates in ``templates/starters/``; every placeholder
has the right type (real sentences, valid ids, a source that exists), so a
new file validates before its editor has changed a word. Adding a stage or a
step edits an existing YAML file as text, so its comments survive; the edit
is checked by reading the file back, and undone (with instructions to paste
instead) if it did not come out exactly as intended.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml

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
        context["step_block"] = _indent(
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
    before = _steps(text)
    edited = _append_step(text, block)
    after = _steps(edited) if edited is not None else None
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
    if _add_with_comments(changes, address, block, id_):
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


def _add_with_comments(changes: Path, address: str, block: str, id_: str) -> bool:
    """Append the step ``block`` to ``add: <address>:`` in changes.yml, keeping
    every comment (a round-trip YAML edit); whether it came out as intended."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import YAMLError

    rt = YAML()
    rt.preserve_quotes = True
    rt.width = 4096
    rt.indent(mapping=2, sequence=4, offset=2)
    try:
        text = changes.read_text(encoding="utf-8") if changes.is_file() else ""
        before = yaml.safe_load(text) or {}
        doc = rt.load(text) if text.strip() else CommentedMap()
        item = rt.load(_indent(block, 4))[0]  # comments in the column of the fields
    except (OSError, YAMLError, yaml.YAMLError, UnicodeDecodeError, IndexError, KeyError):
        return False
    if doc is None:
        doc = CommentedMap()
    if not isinstance(doc, dict) or not isinstance(before, dict):
        return False
    if not isinstance(doc.get("add"), dict):
        doc["add"] = CommentedMap()
    if not isinstance(doc["add"].get(address), list):
        doc["add"][address] = CommentedSeq()
    doc["add"][address].append(item)
    out = io.StringIO()
    rt.dump(doc, out)
    edited = out.getvalue()
    after = yaml.safe_load(edited) or {}
    added = (after.get("add") or {}).get(address) or []
    expected = {k: v for k, v in before.items() if k != "add"}
    if (
        {k: v for k, v in after.items() if k != "add"} != expected
        or not added
        or added[-1].get("id") != id_
        or added[:-1] != ((before.get("add") or {}).get(address) or [])
    ):
        return False
    changes.write_text(edited, encoding="utf-8")
    return True


def _steps(text: str) -> list | None:
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    steps = value.get("steps") if isinstance(value, dict) else None
    return steps if isinstance(steps, list) else None


def _append_step(text: str, block: str) -> str | None:
    """``text`` with ``block`` after the last item of the top-level ``steps:`` list."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return None
    if not isinstance(node, yaml.MappingNode):
        return None
    steps = next((v for k, v in node.value if k.value == "steps"), None)
    if not isinstance(steps, yaml.SequenceNode) or steps.flow_style or not steps.value:
        return None
    lines = text.splitlines(keepends=True)
    last = steps.value[-1]
    item_line = lines[last.start_mark.line]
    dash = item_line.rfind("-", 0, last.start_mark.column)
    if dash < 0 or item_line[:dash].strip():
        return None
    # The last item ends where the next token starts; step back over blank
    # lines and comments that belong to what follows.
    end = min(
        last.end_mark.line if last.end_mark.column == 0 else last.end_mark.line + 1, len(lines)
    )
    while end > last.start_mark.line + 1 and (
        not lines[end - 1].strip()
        or (
            lines[end - 1].lstrip().startswith("#")
            and _indent_of(lines[end - 1]) < last.start_mark.column
        )
    ):
        end -= 1
    if end and not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    return "".join(lines[:end]) + _indent(block, dash) + "".join(lines[end:])


def _step_ids(data_dir: Path) -> dict[str, Path]:
    ids: dict[str, Path] = {}
    for path in sorted((data_dir / "stages").glob("*.yml")):
        for step in _steps(path.read_text(encoding="utf-8")) or ():
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
    before = _cycle_stages(text)
    edited = _append_to_list(text, id_)
    if (
        before is not None
        and id_ not in before
        and edited is not None
        and _cycle_stages(edited) == [*before, id_]
        and _without_stages(edited) == _without_stages(text)
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


def _cycle_stages(text: str) -> list | None:
    try:
        value = yaml.safe_load(text)
        stages = value["cycle"]["stages"]
    except (yaml.YAMLError, KeyError, TypeError):
        return None
    return stages if isinstance(stages, list) else None


def _without_stages(text: str) -> object:
    value = yaml.safe_load(text)
    value["cycle"].pop("stages", None)
    return value


def _append_to_list(text: str, item: str) -> str | None:
    try:
        node = yaml.compose(text)
        cycle = next(v for k, v in node.value if k.value == "cycle")
        stages = next(v for k, v in cycle.value if k.value == "stages")
    except (yaml.YAMLError, StopIteration, AttributeError, TypeError):
        return None
    if not isinstance(stages, yaml.SequenceNode) or not stages.value:
        return None
    last = stages.value[-1]
    lines = text.splitlines(keepends=True)
    if stages.flow_style:
        offset = last.end_mark.index
        close = text.find("]", offset)
        if close < 0 or text[offset:close].strip():
            return None
        return text[:offset] + f", {item}" + text[offset:]
    line = lines[last.start_mark.line]
    dash = line.rfind("-", 0, last.start_mark.column)
    if dash < 0 or line[:dash].strip():
        return None
    if not line.endswith("\n"):
        line += "\n"
        lines[last.start_mark.line] = line
    lines.insert(last.start_mark.line + 1, " " * dash + f"- {item}\n")
    return "".join(lines)


# -- helpers ---------------------------------------------------------------------------------


def _render(kind: str, **context: object) -> str:
    return _env.get_template(f"{kind}.yml.j2").render(**context)


def _indent(block: str, spaces: int) -> str:
    pad = " " * spaces
    return "".join(pad + line if line.strip() else line for line in block.splitlines(keepends=True))


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


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
