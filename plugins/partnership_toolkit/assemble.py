"""Assemble a :class:`~.model.Toolkit` from its checked documents.

The toolkit file's cycle is checked against the stage and theme files there
are, the ids of stages and themes against the site's own pages, and the
branding's colours for contrast; the checklists and templates come in the
order the cycle offers them.
"""

from __future__ import annotations

from typing import Any

from . import branding, source
from .context import LoadContext, tup
from .layout import RESERVED
from .model import Branding, Cycle, Features, Organisation, Toolkit
from .problems import did_you_mean

KINDS_AT = "partnership_toolkit.kinds."  # the prefix of each kind module's name


def assemble_toolkit(
    doc: source.Document,
    built: dict[str, Any],
    ui_strings: dict[str, str],
    stage_files: set[str],
    theme_files: set[str],
    ctx: LoadContext,
) -> Toolkit | None:
    data = doc.value
    stages_by_id = built["partnership_toolkit.kinds.stages"]
    themes_by_id = built["partnership_toolkit.kinds.themes"]
    cycle = data["cycle"]
    ctx.use_all("source", cycle.get("sources", ()), doc, ("cycle", "sources"))

    stages = []
    for i, stage_id in enumerate(cycle["stages"]):
        if stage_id in stages_by_id:
            stages.append(stages_by_id[stage_id])
        elif stage_id not in stage_files:
            ctx.add(
                [
                    doc.problem(
                        ("cycle", "stages", i),
                        f"no stage file for '{stage_id}' "
                        f"(expected data/stages/{stage_id}.yml)"
                        f"{did_you_mean(stage_id, stages_by_id)}",
                    )
                ]
            )
    for stage_id in sorted(set(stages_by_id) - set(cycle["stages"])):
        ctx.add(
            [
                doc.problem(
                    ("cycle", "stages"),
                    f"the stage '{stage_id}' "
                    f"(data/stages/{stage_id}.yml) is not in the cycle; add it to "
                    "cycle.stages where it belongs, or delete the file",
                )
            ]
        )

    # Stages and themes are published at /<id>/: point at the file to rename.
    def file_of(kind: str, id_: str) -> source.Document:
        return ctx.defined[kind][id_][0]

    for name, ids in (("stage", stages_by_id), ("theme", themes_by_id)):
        for clash in sorted(RESERVED & set(ids)):
            ctx.add(
                [
                    file_of(name, clash).problem(
                        (),
                        f"the {name} id '{clash}' (its file name) "
                        "is reserved for the site's own pages; "
                        "rename the file",
                    )
                ]
            )

    heart = themes_by_id.get(cycle["heart"])
    # A heart theme whose file has mistakes is reported in that file, not here.
    if heart is None and cycle["heart"] not in theme_files:
        ctx.add(
            [
                doc.problem(
                    ("cycle", "heart"),
                    f"no theme with id '{cycle['heart']}'"
                    f"{did_you_mean(cycle['heart'], themes_by_id)}; the heart is a "
                    f"theme file, data/themes/{cycle['heart']}.yml",
                )
            ]
        )
    if heart is None or len(stages) != len(cycle["stages"]):
        return None

    brand = Branding(**data.get("branding", {}))
    for key, text_colour, background, what in branding.pairs(brand):
        ratio = branding.contrast(text_colour, background)
        if ratio < branding.AA_NORMAL_TEXT:
            ctx.add(
                [
                    doc.problem(
                        ("branding", key),
                        f"{what} is too hard to read: {text_colour} on "
                        f"{background} has a contrast of {ratio:.2f}:1, and WCAG AA needs "
                        f"at least {branding.AA_NORMAL_TEXT}:1; "
                        "pick a darker or lighter colour",
                    )
                ]
            )

    org = data["organisation"]
    contact = org.get("contact", {})
    licence = data.get("licence", {})
    # The heart is shown first, then the remaining themes in file-name order.
    themes = (heart, *(t for tid, t in sorted(themes_by_id.items()) if tid != heart.id))
    return Toolkit(
        title=data["title"],
        tagline=data.get("tagline", ""),
        description=data.get("description", ""),
        language=data.get("language", "en"),
        translations=tuple(data.get("translations", ())),
        organisation=Organisation(
            name=org["name"],
            url=org.get("url", ""),
            logo=org.get("logo", ""),
            favicon=org.get("favicon", ""),
            address=org.get("address", ""),
            contact_name=contact.get("name", ""),
            email=contact.get("email", ""),
            phone=contact.get("phone", ""),
        ),
        licence_name=licence.get("name", ""),
        licence_url=licence.get("url", ""),
        footer=data.get("footer", ""),
        branding=brand,
        features=Features(**data.get("features", {})),
        cycle=Cycle(
            title=cycle["title"],
            introduction=cycle["introduction"],
            stages=tuple(stages),
            heart=heart,
            sources=tuple(cycle.get("sources", ())),
        ),
        reviewed=data.get("reviewed", ""),
        themes=themes,
        principle_sets=tuple(
            v for _, v in sorted(built["partnership_toolkit.kinds.principles"].items())
        ),
        glossary=built.get("partnership_toolkit.kinds.glossary"),
        checklists=_in_cycle_order(built[f"{KINDS_AT}checklists"], stages, "checklists"),
        templates=_in_cycle_order(built[f"{KINDS_AT}templates"], stages, "templates"),
        assessments=tuple(a for _, a in sorted(built[f"{KINDS_AT}assessments"].items())),
        sources=tup(built.get("partnership_toolkit.kinds.sources")),
        strings=ui_strings,
    )


def _in_cycle_order(items: dict[str, Any], stages: list[Any], field: str) -> tuple[Any, ...]:
    """Checklists or templates in the order the cycle first offers them (each
    stage's own, then its steps'), and any it never offers after, by id: the
    order a reader meets them in, in the indexes, the menu and the print pack."""
    order: list[str] = []
    for stage in stages:
        for owner in (stage, *stage.steps):
            order += [i for i in getattr(owner, field) if i in items and i not in order]
    order += sorted(i for i in items if i not in order)
    return tuple(items[i] for i in order)
