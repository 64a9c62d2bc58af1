from ..context import LoadContext, check_unique, tup
from ..model import Section, Theme
from ..source import Document
from .stages import stories

SCHEMA = "theme"
LOCATION = "themes/"
# The ids this kind defines: () is the file name, else a path with * for list items.
DEFINES: dict[str, tuple[str, ...]] = {"theme": ()}


def build(doc: Document, theme_id: str, ctx: LoadContext) -> Theme:
    data = doc.value
    ctx.define("theme", theme_id, doc, ())
    ctx.use_all("source", data["sources"], doc, ("sources",))
    ctx.link_all(data.get("related", ()), doc, ("related",))
    # Section ids are anchors on the theme's page, beside the page's own.
    check_unique(
        doc,
        [(("sections", i, "id"), s["id"]) for i, s in enumerate(data.get("sections", ()))],
        "section",
        ctx,
        reserved=("questions", "tips", "pitfalls", "stories", "related", "sources"),
    )
    return Theme(
        id=theme_id,
        **{
            k: tup(v)
            for k, v in data.items()
            if k in ("questions", "tips", "pitfalls", "related", "sources")
        },
        **{k: v for k, v in data.items() if k in ("title", "summary", "introduction", "reviewed")},
        sections=tuple(Section(**s) for s in data.get("sections", ())),
        stories=stories(doc, data.get("stories", []), ("stories",), ctx),
    )
