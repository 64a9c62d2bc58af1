from ..context import LoadContext, tup
from ..model import Stage, Step, Story
from ..source import Document

SCHEMA = "stage"
LOCATION = "stages/"
# The ids this kind defines: () is the file name, else a path with * for list items.
DEFINES: dict[str, tuple[str, ...]] = {"stage": (), "step": ("steps", "*", "id")}


def stories(doc: Document, items: list[dict], path: tuple, ctx: LoadContext) -> tuple[Story, ...]:
    for i, story in enumerate(items):
        ctx.use("source", story["source"], doc, (*path, i, "source"))
    return tuple(Story(**story) for story in items)


def build(doc: Document, stage_id: str, ctx: LoadContext) -> Stage:
    data = doc.value
    ctx.define("stage", stage_id, doc, ())
    _uses(doc, data, (), ctx)
    steps = []
    for i, raw in enumerate(data["steps"]):
        path = ("steps", i)
        ctx.define("step", raw["id"], doc, (*path, "id"))
        _uses(doc, raw, path, ctx)
        for key in ("principles", "themes"):
            ctx.use_all(key[:-1], raw.get(key, ()), doc, (*path, key))
        steps.append(
            Step(
                stage=stage_id,
                **{
                    k: tup(v) if isinstance(v, list) else v
                    for k, v in raw.items()
                    if k != "stories"
                },
                stories=stories(doc, raw.get("stories", []), (*path, "stories"), ctx),
            )
        )
    return Stage(
        id=stage_id,
        title=data["title"],
        summary=data["summary"],
        purpose=data["purpose"],
        steps=tuple(steps),
        sources=tup(data["sources"]),
        reviewed=data.get("reviewed", ""),
        checklists=tup(data.get("checklists")),
        templates=tup(data.get("templates")),
    )


def _uses(doc: Document, data: dict, path: tuple, ctx: LoadContext) -> None:
    for key in ("sources", "checklists", "templates"):
        ctx.use_all(key[:-1], data.get(key, ()), doc, (*path, key))
