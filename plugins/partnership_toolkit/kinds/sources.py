from ..context import LoadContext
from ..model import Source
from ..source import Document

SCHEMA = "sources"
LOCATION = "sources.yml"
# The ids this kind defines: () is the file name, else a path with * for list items.
DEFINES: dict[str, tuple[str, ...]] = {"source": ("sources", "*", "id")}


def build(doc: Document, _id: str, ctx: LoadContext) -> list[Source]:
    out = []
    for i, item in enumerate(doc.value["sources"]):
        ctx.define("source", item["id"], doc, ("sources", i, "id"))
        if isinstance(item.get("year"), float):  # 2019.0: a whole number to JSON Schema
            item = {**item, "year": int(item["year"])}
        out.append(Source(**item))
    return out
