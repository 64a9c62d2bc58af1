from ..context import LoadContext, check_unique, tup
from ..model import Field, Template, TemplateSection
from ..source import Document

SCHEMA = "template"
LOCATION = "templates/"
# The ids this kind defines: () is the file name, else a path with * for list items.
DEFINES: dict[str, tuple[str, ...]] = {"template": ()}


def _field(raw: dict) -> Field:
    if isinstance(raw.get("rows"), float):  # 2.0: a whole number, as JSON Schema sees it
        raw = {**raw, "rows": int(raw["rows"])}
    return Field(
        **{
            **raw,
            "options": tup(raw.get("options")),
            "fields": tuple(_field(f) for f in raw.get("fields", ())),
        }
    )


def build(doc: Document, template_id: str, ctx: LoadContext) -> Template:
    data = doc.value
    ctx.define("template", template_id, doc, ())
    ctx.use_all("source", data["sources"], doc, ("sources",))
    ctx.link_all(data.get("related", ()), doc, ("related",))
    # Section ids are the anchors of the page's headings, beside its own.
    section_ids = [(("sections", s, "id"), raw["id"]) for s, raw in enumerate(data["sections"])]
    check_unique(doc, section_ids, "section", ctx, reserved=("related", "sources"))
    # Answers are saved under the field id: unique across the template.
    field_ids = [
        (("sections", s, "fields", f, "id"), field["id"])
        for s, raw in enumerate(data["sections"])
        for f, field in enumerate(raw["fields"])
    ]
    check_unique(doc, field_ids, "field", ctx)
    sections = []
    for s, raw in enumerate(data["sections"]):
        for f, field in enumerate(raw["fields"]):
            columns: set[str] = set()
            for c, column in enumerate(field.get("fields", ())):
                if column["id"] in columns:
                    ctx.add(
                        [
                            doc.problem(
                                ("sections", s, "fields", f, "fields", c, "id"),
                                f"duplicate column id '{column['id']}' in this field",
                            )
                        ]
                    )
                columns.add(column["id"])
        sections.append(
            TemplateSection(
                id=raw["id"],
                title=raw["title"],
                guidance=raw.get("guidance", ""),
                fields=tuple(_field(f) for f in raw["fields"]),
            )
        )
    return Template(
        id=template_id,
        title=data["title"],
        summary=data["summary"],
        purpose=data["purpose"],
        sections=tuple(sections),
        sources=tup(data["sources"]),
        reviewed=data.get("reviewed", ""),
        when_to_use=data.get("when_to_use", ""),
        related=tup(data.get("related")),
        audiences=tup(data.get("audiences")),
        sizes=tup(data.get("sizes")),
    )
