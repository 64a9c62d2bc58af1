from ..context import LoadContext, tup
from ..model import Glossary, Term
from ..source import Document

SCHEMA = "glossary"
LOCATION = "glossary.yml"
# The ids this kind defines: () is the file name, else a path with * for list items.
DEFINES: dict[str, tuple[str, ...]] = {"glossary": ("terms", "*", "id")}


def build(doc: Document, _id: str, ctx: LoadContext) -> Glossary:
    terms = []
    for i, raw in enumerate(doc.value["terms"]):
        ctx.define("glossary", raw["id"], doc, ("terms", i, "id"))
        ctx.link_all(raw.get("related", ()), doc, ("terms", i, "related"))
        terms.append(Term(**{**raw, "related": tup(raw.get("related"))}))
    terms.sort(key=lambda t: t.term.casefold())
    ctx.use_all("source", doc.value.get("sources", ()), doc, ("sources",))
    return Glossary(
        terms=tuple(terms),
        introduction=doc.value.get("introduction", ""),
        sources=tup(doc.value.get("sources")),
        reviewed=doc.value.get("reviewed", ""),
    )
