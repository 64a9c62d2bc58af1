"""Edit YAML files as text, so their comments survive: the edits ``toolkit new`` makes.

A new step goes after the last item of a stage file's ``steps:`` list
(:func:`append_step`), or under ``add:`` in a project's ``changes.yml`` by a
round-trip edit that keeps comments (:func:`add_with_comments`, which writes
the file only if the edit came out as intended); a new stage goes at the end
of ``cycle.stages`` in ``toolkit.yml`` (:func:`append_to_list`). A text edit
gives ``None`` when the file is not laid out as it expects; reading the edited
text back (:func:`step_ids_in`, :func:`cycle_stages`, :func:`without_stages`) says
whether it came out exactly as intended.
"""

from __future__ import annotations

import io
from pathlib import Path

import yaml

# -- steps -----------------------------------------------------------------------------------


def add_with_comments(changes: Path, address: str, block: str, id_: str) -> bool:
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
        item = rt.load(indent(block, 4))[0]  # comments in the column of the fields
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


def step_ids_in(text: str) -> list | None:
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    steps = value.get("steps") if isinstance(value, dict) else None
    return steps if isinstance(steps, list) else None


def append_step(text: str, block: str) -> str | None:
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
    return "".join(lines[:end]) + indent(block, dash) + "".join(lines[end:])


# -- stages: the cycle ------------------------------------------------------------------------


def cycle_stages(text: str) -> list | None:
    try:
        value = yaml.safe_load(text)
        stages = value["cycle"]["stages"]
    except (yaml.YAMLError, KeyError, TypeError):
        return None
    return stages if isinstance(stages, list) else None


def without_stages(text: str) -> object:
    value = yaml.safe_load(text)
    value["cycle"].pop("stages", None)
    return value


def append_to_list(text: str, item: str) -> str | None:
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


def indent(block: str, spaces: int) -> str:
    pad = " " * spaces
    return "".join(pad + line if line.strip() else line for line in block.splitlines(keepends=True))


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
