from ..context import LoadContext, check_unique, tup
from ..model import Principle, PrincipleSet
from ..source import Document

SCHEMA = "principles"
LOCATION = "principles/"
# The ids this kind defines: () is the file name, else a path with * for list items.
DEFINES: dict[str, tuple[str, ...]] = {"principle": ("principles", "*", "id")}


def build(doc: Document, set_id: str, ctx: LoadContext) -> PrincipleSet:
    data = doc.value
    ctx.use_all("source", data["sources"], doc, ("sources",))
    # Principle ids are anchors on the set's page, beside its "sources" heading.
    check_unique(
        doc,
        [(("principles", i, "id"), p["id"]) for i, p in enumerate(data["principles"])],
        "principle",
        ctx,
        reserved=("sources",),
    )
    principles = []
    for i, raw in enumerate(data["principles"]):
        ctx.define("principle", raw["id"], doc, ("principles", i, "id"))
        ctx.link_all(raw.get("related", ()), doc, ("principles", i, "related"))
        principles.append(Principle(set=set_id, **{**raw, "related": tup(raw.get("related"))}))
    return PrincipleSet(
        id=set_id,
        title=data["title"],
        summary=data["summary"],
        introduction=data["introduction"],
        principles=tuple(principles),
        sources=tup(data["sources"]),
        reviewed=data.get("reviewed", ""),
    )
