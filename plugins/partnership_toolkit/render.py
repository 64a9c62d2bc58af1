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

from . import diagram, markup
from . import pages as pages_
from .markup import md_text
from .model import Stage, Step, Template, Toolkit
from .pages import PageSpec, docx_src
from .templating import OVERRIDE_FOLDER, environment
from .urls import Addresses, asset_href, html_href, md_href, resolve_links

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


def _defined(value: object) -> object:
    """``value``, or Jinja's own error for it if a template named something that
    does not exist (``step.guidnace``), rather than a puzzling one later."""
    if isinstance(value, jinja2.Undefined):
        value._fail_with_undefined_error()
    return value


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
        self.sources = {s.id: s for s in toolkit.sources}
        self._related = self._related_tools()
        self._uses = self._principle_uses()

    # -- helpers given to every template -------------------------------------------------

    def _context(self, src: str, **extra: object) -> dict[str, object]:
        addresses = self.addresses
        directory_urls = self.directory_urls

        def link(ref: str, label: str | None = None) -> Markup:
            """A Markdown link to ``kind:id``; empty when that kind is turned off."""
            if not addresses.published(ref):
                return Markup("")
            target, anchor, title = addresses.target(ref)
            return Markup(f"[{md_text(label or title)}]({md_href(src, target, anchor)})")

        def resolve(kind: str, id_: str) -> str | None:
            ref = f"{kind}:{id_}"
            if not addresses.published(ref):
                return None
            target, anchor, _ = addresses.target(ref)
            return html_href(src, target, anchor, directory_urls)

        translation = self.toolkit.translation
        fallbacks = translation.fallbacks if translation is not None else ()
        source = self.toolkit.source_language

        def markdown(text: str) -> Markup:
            """A Markdown field as clean HTML, its kind:id links made addresses;
            in a translation, an untranslated one carries the source's language."""
            out = markup.markdown_html(_defined(text), resolve)
            if isinstance(text, str) and text in fallbacks:
                return Markup('<div lang="{}">{}</div>').format(source, out)
            return out

        def prose(text: str) -> Markup:
            """A Markdown field in a Markdown page: headings, and blocks of clean HTML."""
            lang = source if isinstance(text, str) and text in fallbacks else ""
            return markup.prose(_defined(text), resolve, lang)

        def href(ref_or_src: str) -> str:
            """A relative address for raw HTML: a ``kind:id`` link or a page source."""
            if ":" in ref_or_src:
                target, anchor, _ = addresses.target(ref_or_src)
            else:
                target, _, anchor = ref_or_src.partition("#")
            return html_href(src, target, anchor, directory_urls)

        def md(ref_or_src: str) -> str:
            """A relative Markdown address of a page source."""
            target, _, anchor = ref_or_src.partition("#")
            return md_href(src, target, anchor)

        def asset(name: str) -> str:
            """The relative address of one of the toolkit's own assets."""
            return asset_href(src, f"assets/toolkit/{name}", directory_urls)

        def docx(template_id: str) -> str:
            """The relative address of a template's blank Word file."""
            return asset_href(src, docx_src(template_id), directory_urls)

        def pdf(kind: str, id_: str = "", fillable: bool = False) -> str:
            """The relative address of a PDF the build makes; "" when it makes none."""
            if not self.pdfs:
                return ""
            if kind == "pack":
                path = pages_.PACK_PDF
            elif kind == "checklist":
                path = pages_.checklist_pdf(id_)
            elif kind == "assessment":
                path = pages_.assessment_pdf(id_)
            else:
                path = pages_.template_pdf(id_, fillable)
            return asset_href(src, path, directory_urls)

        def words(key: str, **values: object) -> str:
            word = self.toolkit.strings[key]
            if isinstance(word, dict):  # plural forms: pages show no counted words yet
                word = word["other"]
            return word.format(**values)

        return {
            "toolkit": self.toolkit,
            "t": words,
            "link": link,
            "markdown": markdown,
            "prose": prose,
            # The source's language for a text a translation left untranslated,
            # for a template to mark what a script draws (else "").
            "lang_of": lambda text: source if isinstance(text, str) and text in fallbacks else "",
            "href": href,
            "asset": asset,
            "docx": docx,
            "pdf": pdf,
            "docx_src": docx_src,
            "md": md,
            "published": addresses.published,
            "title_of": lambda ref: addresses.target(ref)[2],
            "src_of": lambda ref: addresses.target(ref)[0],
            "sources_of": lambda ids: [self.sources[i] for i in ids],
            "page_src": src,
            "directory_urls": directory_urls,
            "addresses": addresses,
            **extra,
        }

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

    def _page(self, template_name: str, src: str, title: str, **extra: object) -> Page:
        body = self._render(template_name, src, self._context(src, title=title, **extra))
        return Page(src, title, resolve_links(body, src, self.addresses, self.directory_urls))

    # -- the pages -----------------------------------------------------------------------

    def pages(self, only: Collection[str] | None = None) -> list[Page]:
        """Every generated page (``pages.page_list``); with ``only``, just those made
        from the page templates it names (see :meth:`using_overrides`)."""
        return [
            self._page(spec.template, spec.src, spec.title, **spec.items, **self._extra(spec))
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

        context = self._context(
            pages_.template_pdf(template.id, fillable=True),
            template=template,
            footer=footer,
            page_counter=Markup(page_counter(self.toolkit.strings["docx_page"])),
        )
        return self._render("template_fillable.html", "template_fillable.html", context)

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
