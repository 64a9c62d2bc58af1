"""Health checks (``data/assessments/<id>.yml``): statements each partner rates
privately on the scale the file gives, so that one person can compare
everyone's answers (see templates/assessment.html and scripts/assessment/)."""

from __future__ import annotations

import hashlib
import json

from ..context import LoadContext, check_unique, tup
from ..model import Assessment, AssessmentSection, AssessmentStatement, ScalePoint
from ..source import Document

SCHEMA = "assessment"
LOCATION = "assessments/"
DEFINES: dict[str, tuple[str, ...]] = {"assessment": ()}


def version(statement_ids: list[str], scale: list[int]) -> str:
    """A fingerprint of what answers mean: the statements asked and the scale's
    values. Rewording a statement keeps it; adding, removing or renaming one, or
    changing the scale, changes it, so answers to another version are refused."""
    text = json.dumps([statement_ids, scale])
    return hashlib.blake2b(text.encode(), digest_size=4).hexdigest()


def build(doc: Document, assessment_id: str, ctx: LoadContext) -> Assessment:
    data = doc.value
    ctx.define("assessment", assessment_id, doc, ())
    ctx.use_all("source", data["sources"], doc, ("sources",))
    values = [(("scale", i, "value"), point["value"]) for i, point in enumerate(data["scale"])]
    for i in range(1, len(values)):
        if values[i][1] <= values[i - 1][1]:
            ctx.add(
                [
                    doc.problem(
                        values[i][0],
                        f"each point of the scale must score more than the one before it "
                        f"({values[i - 1][1]}), from least to most agreement",
                    )
                ]
            )
            break
    sections_ids = [(("sections", s, "id"), raw["id"]) for s, raw in enumerate(data["sections"])]
    check_unique(doc, sections_ids, "section", ctx)
    # Answers are saved and compared under the statement's id: unique in the file.
    statement_ids = [
        (("sections", s, "statements", i, "id"), st["id"])
        for s, raw in enumerate(data["sections"])
        for i, st in enumerate(raw["statements"])
    ]
    check_unique(doc, statement_ids, "statement", ctx)
    sections = []
    for s, raw in enumerate(data["sections"]):
        statements = []
        for i, st in enumerate(raw["statements"]):
            ctx.link_all(st.get("related", ()), doc, ("sections", s, "statements", i, "related"))
            statements.append(
                AssessmentStatement(
                    id=st["id"],
                    text=st["text"],
                    evidence=st.get("evidence", ""),
                    related=tup(st.get("related")),
                )
            )
        sections.append(
            AssessmentSection(
                id=raw["id"],
                title=raw["title"],
                statements=tuple(statements),
                introduction=raw.get("introduction", ""),
            )
        )
    return Assessment(
        id=assessment_id,
        title=data["title"],
        summary=data["summary"],
        purpose=data["purpose"],
        scale=tuple(ScalePoint(p["value"], p["label"]) for p in data["scale"]),
        sections=tuple(sections),
        sources=tup(data["sources"]),
        reviewed=data.get("reviewed", ""),
        version=version([i for _, i in statement_ids], [v for _, v in values]),
    )
