"""Turn a :class:`~.model.Toolkit` into pages: pure functions, no MkDocs.

Pages are Markdown (with HTML blocks for the interactive parts), rendered from
the Jinja templates in this package's ``templates/`` folder. A fork overrides
any of them by putting a file of the same name in ``overrides/toolkit/``.
"""

from __future__ import annotations

import traceback
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path as FsPath

import jinja2
import jinja2.meta
from markupsafe import Markup

from . import diagram, gloss, markup, template_helpers
from . import pages as pages_
from .model import Stage, Step, Template, Toolkit
from .pages import PageSpec
from .templating import OVERRIDE_FOLDER, environment
from .urls import Addresses, resolve_links

# The guidance pages, where glossary terms are linked on first use (gloss.py).
GLOSSED = frozenset({"stage", "step", "theme"})

# Each template a page is made from, with the templates it draws with besides
# those it includes (the cycle page's diagram is rendered on its own first).
PAGE_TEMPLATES: dict[str, tuple[str, ...]] = {
    "cycle.md.j2": ("cycle.svg",),
    "stage.md.j2": (),
    "step.md.j2": (),
    "theme.md.j2": (),
    "principles_index.md.j2": (),
    "principles.md.j2": (),
    "glossary.md.j2": (),
    "checklists_index.md.j2": (),
    "checklist.md.j2": (),
    "checklists_print.md.j2": (),
    "templates_index.md.j2": (),
    "template.md.j2": (),
    "assessments_index.md.j2": (),
    "assessment.md.j2": (),
    "assessment_compare.md.j2": (),
}


def _error_words(err: BaseException) -> str:
    """A template's mistake in words: Jinja's own message, or what went wrong
    in a helper it called (a word or a link it does not have)."""
    if isinstance(err, jinja2.TemplateError):
        return str(err)
    if isinstance(err, KeyError):
        return f"no such key {err}"
    return f"{type(err).__name__}: {err}"


class RenderError(Exception):
    """A page template failed; the message names the template and the page."""


@dataclass(frozen=True)
class Page:
    """A generated page: where it goes, its title, and its Markdown.

    ``content`` has no front matter: the page's metadata is ``meta``, a plain
    mapping, which the MkDocs adapter hands to MkDocs directly and
    ``toolkit export`` writes with a YAML emitter, never by formatting text.
    """

    src: str
    title: str
    content: str

    @property
    def meta(self) -> dict[str, str]:
        # Escaped for the theme, which prints titles raw; as Markup, so where the
        # theme does escape (`|e`, the footer's labels) it is not escaped twice.
        return {"title": Markup(markup.theme_text(self.title))}


class Renderer:
    """Renders every generated page of one toolkit."""

    def __init__(
        self,
        toolkit: Toolkit,
        overrides: FsPath | None = None,
        directory_urls: bool = True,
        site_url: str = "",
        cache_dir: FsPath | None = None,
        root: FsPath | None = None,
        addresses: Addresses | None = None,
        pdfs: bool = False,
    ):
        """``root`` (the folder of mkdocs.yml) is what messages name a fork's
        template files relative to."""
        self.toolkit = toolkit
        self.root = root
        self.addresses = addresses if addresses is not None else Addresses(toolkit)
        self.directory_urls = directory_urls
        self.site_url = site_url
        self.pdfs = pdfs  # whether the build makes PDFs (pdfs.py), which pages then link
        self.env = environment(overrides, cache_dir)
        folder = overrides / OVERRIDE_FOLDER if overrides is not None else None
        self.override_folder = folder if folder is not None and folder.is_dir() else None
        published = self.addresses.published
        self.env.tests["published"] = published
        # The same as `refs|select('published')|list`, without Jinja's filter
        # machinery: templates call it for every item and reference.
        self.env.globals["published_only"] = lambda refs: [r for r in refs if published(r)]
        self._related = self._related_tools()
        self._glossed = gloss.patterns(toolkit.glossary) if toolkit.features.glossary else []
        self._uses = self._principle_uses()

    def _context(self, src: str, **extra: object) -> dict[str, object]:
        return template_helpers.context(
            self.toolkit, self.addresses, src, self.directory_urls, self.pdfs, **extra
        )

    def _render(self, template_name: str, src: str, context: dict[str, object]) -> str:
        """``template_name`` rendered for the page ``src``; a failure is a RenderError
        that names the template (and the line, when it does not parse)."""
        try:
            return self.env.get_template(template_name).render(context)
        except jinja2.TemplateSyntaxError as err:
            where = self._display(err.filename) if err.filename else err.name or template_name
            raise RenderError(
                f"{where}:{err.lineno}: {err.message} (while rendering {src})"
            ) from None
        except (UnicodeDecodeError, OSError) as err:  # e.g. a fork's file in another encoding
            raise RenderError(
                f"{template_name}, or a template it includes, could not be read "
                f"(while rendering {src}): {err}; save the templates in "
                f"overrides/{OVERRIDE_FOLDER}/ as UTF-8 text"
            ) from None
        except Exception as err:
            where = self._template_line(err)
            if where is None and not isinstance(err, jinja2.TemplateError):
                raise  # not a template's mistake: a bug, reported as one
            if where is not None and where[2]:  # the line is in the fork's own template
                raise RenderError(
                    f"{where[0]}:{where[1]}: {_error_words(err)} (while rendering {src})"
                ) from None
            at = f"{where[0]}:{where[1]}" if where else template_name
            raise RenderError(
                f"{at}: {_error_words(err)} (while rendering {src}); if you override "
                f"this template in overrides/{OVERRIDE_FOLDER}/, check it "
                "against the original in the toolkit package"
            ) from None

    def _template_line(self, err: BaseException) -> tuple[str, int, bool] | None:
        """``(file, line, in the fork's folder)`` of the innermost template line
        the error passed through: Jinja puts each template's lines in tracebacks."""
        folder = self.override_folder.resolve() if self.override_folder else None
        package = FsPath(__file__).resolve().parent / "templates"
        for frame in reversed(traceback.extract_tb(err.__traceback__)):
            path = FsPath(frame.filename)
            if path.suffix not in (".j2", ".html", ".svg") or not frame.lineno:
                continue
            resolved = path.resolve()
            if folder is not None and resolved.is_relative_to(folder):
                return self._display(frame.filename), frame.lineno, True
            if resolved.is_relative_to(package):
                return resolved.relative_to(package).as_posix(), frame.lineno, False
        return None

    def _display(self, filename: str) -> str:
        """A template file's name as messages show it: relative to the project."""
        if self.root is not None:
            try:
                return FsPath(filename).resolve().relative_to(self.root.resolve()).as_posix()
            except ValueError:
                pass
        return filename

    def part(self, template_name: str, page: str, values: dict[str, object]) -> str:
        """A template a hand-written ``page`` draws with a macro: a mistake in it is a
        RenderError naming the template's own line, as on a generated page."""
        return self._render(template_name, page, values)

    def _page(self, template_name: str, src: str, title: str, **extra: object) -> Page:
        context = self._context(src, title=title, **extra)
        body = self._render(template_name, src, context)
        return Page(src, title, resolve_links(body, src, self.addresses, self.directory_urls))

    # -- the pages -----------------------------------------------------------------------

    def pages(self, only: Collection[str] | None = None) -> list[Page]:
        """Every generated page (``pages.page_list``); with ``only``, just those made
        from the page templates it names (see :meth:`using_overrides`)."""
        return [
            self._page(
                spec.template,
                spec.src,
                spec.title,
                glossed=self._glossed if spec.kind in GLOSSED else None,
                **spec.items,
                **self._extra(spec),
            )
            for spec in self.addresses.pages
            if only is None or spec.template in only
        ]

    def _extra(self, spec: PageSpec) -> dict[str, object]:
        """What a page's template needs beyond its items: things worked out here."""
        if spec.kind == "page" and spec.src == self.addresses.cycle:
            return {"diagram": self.diagram(spec.src)}
        if spec.kind == "stage":
            return {"tools": self._tools(spec.ref, spec.items["stage"])}
        if spec.kind == "step":
            return {"tools": self._tools(spec.ref, spec.items["step"])}
        if spec.kind == "principles":
            return {"used_by": self._uses}
        return {}

    def using_overrides(self) -> set[str]:
        """The page templates a fork changes with ``overrides/toolkit/``: each one
        it replaces, and each one that includes, imports or extends (at any depth)
        a template it replaces or adds.

        ``toolkit validate`` renders only the pages made from these. The
        package's own templates are tested with every kind of data the loader
        accepts, so a page made only from them cannot fail on data that
        loaded; a fork's template can.
        """
        if self.override_folder is None:
            return set()
        # The package's templates name only each other, and none works out a
        # name while rendering (a test checks both), so a fork's folder with
        # none of their names changes no page, and nothing need be parsed.
        ours = {
            name.casefold()
            for name in jinja2.FileSystemLoader(str(self.override_folder)).list_templates()
        }
        package = {
            name.casefold()
            for name in jinja2.PackageLoader("partnership_toolkit", "templates").list_templates()
        }
        if not ours & package:
            return set()
        folder = self.override_folder.resolve()
        loader = self.env.loader
        assert loader is not None
        known: dict[str, bool] = {}

        def changed(name: str, trail: tuple[str, ...]) -> bool:
            if name in trail:  # included in itself: render it, to be safe
                return True
            if name not in known:
                try:
                    source, filename, _ = loader.get_source(self.env, name)
                    # Whichever file the build would use: the fork's, under any spelling
                    # the file system accepts, or the package's.
                    if filename and FsPath(filename).resolve().is_relative_to(folder):
                        known[name] = True
                    else:
                        used = jinja2.meta.find_referenced_templates(self.env.parse(source))
                        # A name worked out while rendering (None) could be any template.
                        known[name] = any(
                            ref is None or changed(ref, (*trail, name)) for ref in used
                        )
                except (jinja2.TemplateError, UnicodeDecodeError, OSError):
                    known[name] = True  # missing or unreadable: rendering says how
            return known[name]

        return {
            name
            for name, drawn in PAGE_TEMPLATES.items()
            if any(changed(part, ()) for part in (name, *drawn))
        }

    def _tools(self, ref: str, part: Stage | Step) -> list[str]:
        """Checklists and templates for a stage or step: those it lists, then
        those that name it under ``related``, each once."""
        tools = [f"checklist:{c}" for c in part.checklists]
        tools += [f"template:{c}" for c in part.templates]
        tools += self._related.get(ref, [])
        return list(dict.fromkeys(tools))

    def _related_tools(self) -> dict[str, list[str]]:
        """For each ``kind:id``, the checklists and templates naming it under ``related``."""
        out: dict[str, list[str]] = {}
        for kind, items in (
            ("checklist", self.toolkit.checklists),
            ("template", self.toolkit.templates),
        ):
            for item in items:
                for ref in item.related:
                    out.setdefault(ref, []).append(f"{kind}:{item.id}")
        return out

    def _principle_uses(self) -> dict[str, list[str]]:
        """For each principle, the steps (as links) that apply it."""
        uses: dict[str, list[str]] = {}
        for step in self.toolkit.steps:
            for pid in step.principles:
                uses.setdefault(pid, []).append(f"step:{step.id}")
        return uses

    # -- the cycle diagram ---------------------------------------------------------------

    def fillable(self, template: Template, footer: str) -> str:
        """A template as the HTML of its fillable PDF (templates/template_fillable.html)."""
        from .pdfs import page_counter

        src = pages_.template_pdf(template.id, fillable=True)
        context = self._context(
            src,
            template=template,
            footer=footer,
            page_counter=Markup(page_counter(self.toolkit.strings["docx_page"])),
        )
        return self._render("template_fillable.html", src, context)

    def diagram(self, src: str) -> Markup:
        """The cycle as an SVG: one ring segment per stage around the heart theme."""
        t = self.toolkit
        stages = t.stages
        n = len(stages)
        cx = cy = 210.0
        outer, inner = 200.0, 112.0
        gap = 4.0 if n > 1 else 0.0  # degrees between segments
        segments = []
        for i, stage in enumerate(stages):
            span = 360.0 / n
            start = -90.0 + i * span + gap / 2
            end = start + span - gap
            tip = min(8.0, (end - start) / 4)  # the arrow point, in degrees
            segments.append(
                {
                    "stage": stage,
                    "number": i + 1,
                    "href": self._context(src)["href"](f"stage:{stage.id}"),
                    "path": diagram.segment_path(
                        cx, cy, outer, inner, start, end, tip if n > 1 else 0
                    ),
                    "label": diagram.label_position(cx, cy, (outer + inner) / 2, (start + end) / 2),
                    "lines": diagram.wrap(stage.title, 10),
                }
            )
        return Markup(
            self._render(
                "cycle.svg",
                src,
                dict(
                    **self._context(src),
                    cx=cx,
                    cy=cy,
                    heart_radius=inner - 14,
                    segments=segments,
                    heart=t.cycle.heart,
                    heart_lines=diagram.wrap(t.cycle.heart.title, 12),
                    heart_href=self._context(src)["href"](f"theme:{t.cycle.heart.id}"),
                    label=t.strings["cycle_diagram_label"].format(
                        stages=", ".join(s.title for s in stages), heart=t.cycle.heart.title
                    ),
                ),
            )
        )
