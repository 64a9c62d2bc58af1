from ..context import LoadContext, check_unique, tup
from ..model import Checklist, ChecklistItem, ChecklistSection
from ..source import Document

SCHEMA = "checklist"
LOCATION = "checklists/"
# The ids this kind defines: () is the file name, else a path with * for list items.
DEFINES: dict[str, tuple[str, ...]] = {"checklist": ()}


def build(doc: Document, checklist_id: str, ctx: LoadContext) -> Checklist:
    data = doc.value
    ctx.define("checklist", checklist_id, doc, ())
    ctx.use_all("source", data["sources"], doc, ("sources",))
    ctx.link_all(data.get("related", ()), doc, ("related",))
    section_ids = [(("sections", s, "id"), raw["id"]) for s, raw in enumerate(data["sections"])]
    check_unique(doc, section_ids, "section", ctx)
    # Readers' ticks are saved under the item id, so it must be unique in the
    # whole checklist, not only in its section.
    item_ids = [
        (("sections", s, "items", i, "id"), item["id"])
        for s, raw in enumerate(data["sections"])
        for i, item in enumerate(raw["items"])
    ]
    check_unique(doc, item_ids, "item", ctx)
    sections = []
    for s, raw in enumerate(data["sections"]):
        items = []
        for i, item in enumerate(raw["items"]):
            path = ("sections", s, "items", i)
            ctx.link_all(item.get("see", ()), doc, (*path, "see"))
            items.append(ChecklistItem(**{**item, "see": tup(item.get("see"))}))
        sections.append(
            ChecklistSection(
                id=raw["id"],
                title=raw["title"],
                items=tuple(items),
                introduction=raw.get("introduction", ""),
            )
        )
    return Checklist(
        id=checklist_id,
        title=data["title"],
        summary=data["summary"],
        introduction=data["introduction"],
        sections=tuple(sections),
        sources=tup(data["sources"]),
        reviewed=data.get("reviewed", ""),
        when_to_use=data.get("when_to_use", ""),
        related=tup(data.get("related")),
        audiences=tup(data.get("audiences")),
        sizes=tup(data.get("sizes")),
    )
