"""The list of every page a toolkit generates: the one place a page path is made.

Each page has its source path (``x/y.md``, which MkDocs turns into an
address), what it is made from (``step:scoping``, or ``page:cycle`` for the
toolkit's own pages), its title, the page template that draws it, the items
that template is given, and the section of the navigation it sits in. The
link index (``urls.Addresses``), the renderer, the navigation, the plugin's
files and ``toolkit export`` all read this list; features turned off in
``toolkit.yml`` simply leave their pages out of it.

Pure: it needs the model alone, so it can be tested, and reused by later
kinds of page, on its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .model import Toolkit

CYCLE = "cycle.md"

# The kinds of item a ``kind:id`` link may name: how a message says each, and
# the switch under ``features:`` in toolkit.yml that can turn its pages off.
LINK_KINDS: dict[str, tuple[str, str | None]] = {
    "stage": ("stage", None),
    "step": ("step", None),
    "theme": ("theme", None),
    "principle": ("principle", "principles"),
    "checklist": ("checklist", "checklists"),
    "template": ("template", "templates"),
    "glossary": ("glossary term", "glossary"),
    "assessment": ("health check", "assessments"),
}


@dataclass(frozen=True)
class PageSpec:
    src: str
    """The page's Markdown source path, relative to the site's content."""
    ref: str
    """What it is made from: ``kind:id`` of an item, or ``page:name``."""
    title: str
    template: str
    """The page template that draws it (templates/, or a fork's overrides/toolkit/)."""
    items: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    """What the template is given besides the toolkit, e.g. ``stage`` and ``step``."""
    section: tuple[str, str] | None = None
    """``(key, title)`` of the navigation section it is in; None at the top level."""

    @property
    def kind(self) -> str:
        return self.ref.partition(":")[0]


def stage_src(stage_id: str) -> str:
    return f"{stage_id}/index.md"


def step_src(stage_id: str, step_id: str) -> str:
    return f"{stage_id}/{step_id}.md"


def theme_src(theme_id: str) -> str:
    return f"{theme_id}.md"


def docx_src(template_id: str) -> str:
    """Where a template's blank Word file is published, beside its page."""
    return f"templates/{template_id}.docx"


# The PDFs a build with PDF=true makes (see pdfs.py), beside the pages they print.
PACK_PDF = "workshop-pack.pdf"


def checklist_pdf(checklist_id: str) -> str:
    return f"checklists/{checklist_id}.pdf"


def compare_src(assessment_id: str) -> str:
    """The page where one person compares everyone's answers to a health check."""
    return f"assessments/{assessment_id}/compare.md"


def assessment_pdf(assessment_id: str) -> str:
    return f"assessments/{assessment_id}.pdf"


def template_pdf(template_id: str, fillable: bool = False) -> str:
    return f"templates/{template_id}{'-fillable' if fillable else ''}.pdf"


def page_list(t: Toolkit) -> list[PageSpec]:
    """Every generated page, in reading order (the order of the navigation)."""

    def page(src: str, ref: str, title: str, drawn_by: str, section=None, /, **items: Any):
        return PageSpec(src, ref, title, drawn_by, MappingProxyType(items), section)

    out = [page(CYCLE, "page:cycle", t.cycle.title, "cycle.md.j2")]
    for n, stage in enumerate(t.stages, start=1):
        group = (f"stage:{stage.id}", stage.title)
        out.append(
            page(
                stage_src(stage.id),
                f"stage:{stage.id}",
                stage.title,
                "stage.md.j2",
                group,
                stage=stage,
                number=n,
            )
        )
        for m, step in enumerate(stage.steps, start=1):
            out.append(
                page(
                    step_src(stage.id, step.id),
                    f"step:{step.id}",
                    step.title,
                    "step.md.j2",
                    group,
                    stage=stage,
                    step=step,
                    number=m,
                )
            )
    heart = t.cycle.heart
    themes = [heart, *(theme for theme in t.themes if theme is not heart)]
    for theme in themes:
        group = None if theme is heart else ("themes", t.strings["themes_title"])
        out.append(
            page(
                theme_src(theme.id),
                f"theme:{theme.id}",
                theme.title,
                "theme.md.j2",
                group,
                theme=theme,
                is_heart=theme is heart,
            )
        )
    if t.features.principles and t.principle_sets:
        group = ("principles", t.strings["principles_title"])
        out.append(
            page(
                "principles/index.md",
                "page:principles",
                t.strings["principles_title"],
                "principles_index.md.j2",
                group,
            )
        )
        for pset in t.principle_sets:
            out.append(
                page(
                    f"principles/{pset.id}.md",
                    f"principles:{pset.id}",
                    pset.title,
                    "principles.md.j2",
                    group,
                    pset=pset,
                )
            )
    if t.features.checklists and t.checklists:
        group = ("checklists", t.strings["checklists_title"])
        title = t.strings["checklists_title"]
        out.append(
            page("checklists/index.md", "page:checklists", title, "checklists_index.md.j2", group)
        )
        for checklist in t.checklists:
            out.append(
                page(
                    f"checklists/{checklist.id}.md",
                    f"checklist:{checklist.id}",
                    checklist.title,
                    "checklist.md.j2",
                    group,
                    checklist=checklist,
                )
            )
        out.append(
            page(
                "checklists/print.md",
                "page:print-pack",
                t.strings["print_pack_title"],
                "checklists_print.md.j2",
                group,
            )
        )
    if t.features.templates and t.templates:
        group = ("templates", t.strings["templates_title"])
        title = t.strings["templates_title"]
        out.append(
            page("templates/index.md", "page:templates", title, "templates_index.md.j2", group)
        )
        for template in t.templates:
            out.append(
                page(
                    f"templates/{template.id}.md",
                    f"template:{template.id}",
                    template.title,
                    "template.md.j2",
                    group,
                    template=template,
                )
            )
    if t.features.assessments and t.assessments:
        group = ("assessments", t.strings["assessments_title"])
        title = t.strings["assessments_title"]
        out.append(
            page(
                "assessments/index.md",
                "page:assessments",
                title,
                "assessments_index.md.j2",
                group,
            )
        )
        for assessment in t.assessments:
            out.append(
                page(
                    f"assessments/{assessment.id}.md",
                    f"assessment:{assessment.id}",
                    assessment.title,
                    "assessment.md.j2",
                    group,
                    assessment=assessment,
                )
            )
            out.append(
                page(
                    compare_src(assessment.id),
                    f"page:compare-{assessment.id}",
                    t.strings["compare_title"].format(title=assessment.title),
                    "assessment_compare.md.j2",
                    group,
                    assessment=assessment,
                )
            )
    if t.features.glossary and t.glossary:
        out.append(
            page(
                "glossary.md",
                "page:glossary",
                t.strings["glossary_title"],
                "glossary.md.j2",
                glossary=t.glossary,
            )
        )
    return out


def anchors(t: Toolkit) -> list[tuple[str, str, str, str]]:
    """Links to a place inside a page, as ``(kind:id, source path, anchor, title)``:
    each principle on its set's page, each glossary term on the glossary."""
    out = []
    if t.features.principles:
        for pset in t.principle_sets:
            for p in pset.principles:
                out.append((f"principle:{p.id}", f"principles/{pset.id}.md", p.id, p.title))
    if t.features.glossary and t.glossary:
        for term in t.glossary.terms:
            out.append((f"glossary:{term.id}", "glossary.md", term.id, term.term))
    return out
