"""The toolkit's domain objects: built once by the loader, then read-only."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    description: str
    publisher: str = ""
    author: str = ""
    year: int | None = None
    url: str = ""
    medium: str = ""  # "video talk", as a citation names the kind of document
    note: str = ""  # for editors only: never shown on a page


@dataclass(frozen=True)
class Story:
    title: str
    text: str
    source: str
    lesson: str = ""  # the toolkit's own reading of the story, shown apart from it


@dataclass(frozen=True)
class Step:
    id: str
    stage: str
    title: str
    summary: str
    guidance: str
    questions: tuple[str, ...] = ()
    tips: tuple[str, ...] = ()
    pitfalls: tuple[str, ...] = ()
    stories: tuple[Story, ...] = ()
    checklists: tuple[str, ...] = ()
    templates: tuple[str, ...] = ()
    principles: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Stage:
    id: str
    title: str
    summary: str
    purpose: str
    steps: tuple[Step, ...]
    sources: tuple[str, ...]
    checklists: tuple[str, ...] = ()
    templates: tuple[str, ...] = ()
    reviewed: str = ""  # YYYY-MM-DD: when an editor last checked the file against its sources


@dataclass(frozen=True)
class Section:
    """A titled piece of Markdown inside a theme."""

    id: str
    title: str
    body: str


@dataclass(frozen=True)
class Theme:
    id: str
    title: str
    summary: str
    introduction: str
    sources: tuple[str, ...]
    sections: tuple[Section, ...] = ()
    questions: tuple[str, ...] = ()
    tips: tuple[str, ...] = ()
    pitfalls: tuple[str, ...] = ()
    stories: tuple[Story, ...] = ()
    related: tuple[str, ...] = ()
    reviewed: str = ""  # YYYY-MM-DD: when an editor last checked the file against its sources


@dataclass(frozen=True)
class Principle:
    id: str
    set: str
    title: str
    summary: str
    guidance: str = ""
    related: tuple[str, ...] = ()


@dataclass(frozen=True)
class PrincipleSet:
    id: str
    title: str
    summary: str
    introduction: str
    principles: tuple[Principle, ...]
    sources: tuple[str, ...]
    reviewed: str = ""  # YYYY-MM-DD: when an editor last checked the file against its sources


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    definition: str
    related: tuple[str, ...] = ()


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...]
    introduction: str = ""
    sources: tuple[str, ...] = ()
    reviewed: str = ""  # YYYY-MM-DD: when an editor last checked the file against its sources


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    text: str
    help: str = ""
    see: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChecklistSection:
    id: str
    title: str
    items: tuple[ChecklistItem, ...]
    introduction: str = ""


@dataclass(frozen=True)
class Checklist:
    id: str
    title: str
    summary: str
    introduction: str
    sections: tuple[ChecklistSection, ...]
    sources: tuple[str, ...]
    when_to_use: str = ""
    related: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()  # who it suits, for the chooser; () is everyone
    sizes: tuple[str, ...] = ()  # "small", "large"; () is either
    reviewed: str = ""  # YYYY-MM-DD: when an editor last checked the file against its sources

    @property
    def items(self) -> tuple[ChecklistItem, ...]:
        return tuple(item for section in self.sections for item in section.items)


@dataclass(frozen=True)
class Field:
    id: str
    label: str
    type: str
    required: bool = False
    help: str = ""
    example: str = ""
    options: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()
    rows: int = 1
    # What a chosen option is saved as: the options in the toolkit's own
    # language, so an answer given in one translation shows in every other.
    values: tuple[str, ...] = ()

    @property
    def option_values(self) -> tuple[tuple[str, str], ...]:
        """Each option as (saved value, words shown)."""
        values = self.values if len(self.values) == len(self.options) else self.options
        return tuple(zip(values, self.options, strict=True))


@dataclass(frozen=True)
class TemplateSection:
    id: str
    title: str
    fields: tuple[Field, ...]
    guidance: str = ""


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    summary: str
    purpose: str
    sections: tuple[TemplateSection, ...]
    sources: tuple[str, ...]
    when_to_use: str = ""
    related: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()  # who it suits, for the chooser; () is everyone
    sizes: tuple[str, ...] = ()  # "small", "large"; () is either
    reviewed: str = ""  # YYYY-MM-DD: when an editor last checked the file against its sources

    @property
    def fields(self) -> tuple[Field, ...]:
        return tuple(f for section in self.sections for f in section.fields)


@dataclass(frozen=True)
class AssessmentStatement:
    id: str
    text: str
    evidence: str = ""  # a prompt for an example, e.g. "What is one decision we made together?"
    related: tuple[str, ...] = ()  # kind:id links to the guidance that helps


@dataclass(frozen=True)
class AssessmentSection:
    id: str
    title: str
    statements: tuple[AssessmentStatement, ...]
    introduction: str = ""


@dataclass(frozen=True)
class ScalePoint:
    value: int
    label: str


@dataclass(frozen=True)
class Assessment:
    """A health check: statements each partner rates privately, to compare."""

    id: str
    title: str
    summary: str
    purpose: str
    scale: tuple[ScalePoint, ...]
    sections: tuple[AssessmentSection, ...]
    sources: tuple[str, ...]
    version: str  # a fingerprint of its statements and scale: answers are compared by it
    reviewed: str = ""  # YYYY-MM-DD: when an editor last checked the file against its sources

    @property
    def statements(self) -> tuple[AssessmentStatement, ...]:
        return tuple(s for section in self.sections for s in section.statements)


@dataclass(frozen=True)
class Organisation:
    name: str
    url: str = ""
    logo: str = ""
    favicon: str = ""
    address: str = ""
    contact_name: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Branding:
    primary: str = "#1f4e79"
    on_primary: str = "#ffffff"
    accent: str = "#1f4e79"


@dataclass(frozen=True)
class Features:
    checklists: bool = True
    templates: bool = True
    principles: bool = True
    glossary: bool = True
    assessments: bool = True


@dataclass(frozen=True)
class Cycle:
    title: str
    introduction: str
    stages: tuple[Stage, ...]
    heart: Theme
    sources: tuple[str, ...] = ()  # () credits the stages' sources


@dataclass(frozen=True)
class Toolkit:
    """Everything the site shows, loaded and cross-checked."""

    title: str
    organisation: Organisation
    cycle: Cycle
    tagline: str = ""
    description: str = ""
    language: str = "en"
    # The other languages it is published in, and (in a translation's build)
    # the language it is translated from, with what the translation covers
    # (a :class:`.translate.Report`).
    translations: tuple[str, ...] = ()
    source_language: str = ""
    translation: Any = field(default=None, compare=False, repr=False)
    licence_name: str = ""
    licence_url: str = ""
    footer: str = ""
    reviewed: str = ""  # YYYY-MM-DD: for the cycle, the indexes and the hand-written pages
    branding: Branding = field(default_factory=Branding)
    features: Features = field(default_factory=Features)
    themes: tuple[Theme, ...] = ()
    principle_sets: tuple[PrincipleSet, ...] = ()
    glossary: Glossary | None = None
    checklists: tuple[Checklist, ...] = ()
    templates: tuple[Template, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    sources: tuple[Source, ...] = ()
    strings: dict[str, str] = field(default_factory=dict)
    # What a project's layer changed (a :class:`.layer.Report`), or None.
    layer: Any = field(default=None, compare=False, repr=False)

    @property
    def stages(self) -> tuple[Stage, ...]:
        return self.cycle.stages

    @property
    def steps(self) -> tuple[Step, ...]:
        return tuple(step for stage in self.stages for step in stage.steps)

    @property
    def principles(self) -> tuple[Principle, ...]:
        return tuple(p for s in self.principle_sets for p in s.principles)
