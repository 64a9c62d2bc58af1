"""mkdocs-macros module: lets hand-written pages use the toolkit's data.

In ``mkdocs.yml``::

    plugins:
      - toolkit
      - macros:
          modules: [partnership_toolkit.macros]

Then, in any page under ``content/``: ``{{ toolkit.title }}``,
``{{ toolkit.organisation.name }}``, ``{{ stage_cards() }}``,
``{{ link("step:scoping") }}`` or ``{{ link("checklist:getting-started", "the checklist") }}``,
and ``{{ sources_list() }}``. A sentence about a kind a fork may turn off goes
inside ``{% if published("page:checklists") %}``.

A link to an id that does not exist is reported as a warning naming the page,
the line and the likely id: ``mkdocs build --strict`` stops on it, while
``mkdocs serve`` keeps running (mkdocs-macros would end the whole process on
an exception) and shows the link's text unlinked until it is fixed.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
import traceback
from pathlib import Path as FsPath
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from . import markup, template_helpers
from .layer import FOLDER
from .markup import md_text
from .pages import LINK_KINDS
from .problems import did_you_mean
from .render import RenderError
from .urls import html_href, md_href

log = get_plugin_logger(__name__)

# Links whose page may be missing only because toolkit.yml turned its kind off.
_KINDS_A_FORK_MAY_TURN_OFF = {k for k, (_, feature) in LINK_KINDS.items() if feature} | {"page"}


class MacroError(ValueError):
    pass


def define_env(env: Any) -> None:
    _locate_page_mistakes()
    names = list(env.conf.plugins)
    if "toolkit" not in names:
        raise PluginError(
            "mkdocs.yml uses the toolkit's macros (partnership_toolkit.macros) "
            "but not the toolkit plugin: add '- toolkit' to plugins, before "
            "'- macros'"
        )
    macros = next((n for n in names if n.endswith("macros")), None)
    if macros is not None and names.index("toolkit") > names.index(macros):
        raise PluginError(
            "in mkdocs.yml, list the toolkit plugin before macros: the "
            "macros read the toolkit's data, which the toolkit plugin loads"
        )

    def plugin() -> Any:
        toolkit_plugin = env.conf.plugins.get("toolkit")
        if toolkit_plugin is None or toolkit_plugin.toolkit is None:
            raise MacroError("the toolkit plugin must be listed before macros in mkdocs.yml")
        return toolkit_plugin

    def page_src() -> str:
        return env.page.file.src_uri

    def page_name() -> str:
        """``content/page.md``, or ``local/content/page.md`` for a project's own page."""
        return _source_line(env.page, "", None)

    def where(ref: str) -> str:
        """``content/page.md:LINE`` of the first line of the page that mentions ``ref``."""
        name = f"{env.conf.docs_dir.rstrip('/').rsplit('/', 1)[-1]}/{page_src()}"
        path = env.page.file.abs_src_path
        root = os.path.dirname(env.conf.config_file_path or "")
        if path and root and not path.startswith(env.conf.docs_dir):
            name = os.path.relpath(path, root).replace(os.sep, "/")  # a project's own page
        if path:
            with open(path, encoding="utf-8-sig") as f:
                for number, line in enumerate(f, start=1):
                    if ref in line:
                        return f"{name}:{number}"
        return name

    def target(ref: str) -> tuple[str, str, str] | None:
        addresses = plugin().addresses
        if addresses.published(ref):
            return addresses.target(ref)
        hint = did_you_mean(ref, addresses.known())
        if not hint and ref.partition(":")[0] in _KINDS_A_FORK_MAY_TURN_OFF:
            hint = (
                " (or its kind is turned off in features: put the sentence inside "
                f'{{% if published("{ref}") %}}...{{% endif %}})'
            )
        log.warning(
            f"{where(ref)}: no toolkit page for link '{ref}'{hint}; links are "
            "written kind:id, e.g. 'step:scoping' or 'checklist:getting-started'"
        )
        return None

    @env.macro
    def link(ref: str, label: str | None = None) -> Markup:
        """A Markdown link to a stage, step, theme, principle, checklist or template."""
        found = target(ref)
        if found is None:
            return md_text(label or ref)
        src, anchor, title = found
        return Markup(f"[{md_text(label or title)}]({md_href(page_src(), src, anchor)})")

    @env.macro
    def published(ref: str) -> bool:
        """Whether ``kind:id`` has a page: false when its kind is turned off in
        ``features``, so a hand-written page can leave out a sentence about it:
        ``{% if published("page:templates") %}...{% endif %}``. A hand-written
        page is named ``content/<page>.md``: false when a project's layer
        removes it, so a page that links to it need not be replaced."""
        if ref.startswith("content/"):
            return plugin().has_page(ref.removeprefix("content/"))
        return plugin().addresses.published(ref)

    @env.macro
    def url(ref: str) -> str:
        """The relative address of a toolkit page, for use in HTML."""
        found = target(ref)
        if found is None:
            return "#"
        src, anchor, _ = found
        return html_href(page_src(), src, anchor, env.conf.use_directory_urls)

    @env.macro
    def stage_cards() -> str:
        """The cycle's stages as Material grid cards, each linking to its stage."""
        t = plugin().toolkit
        values = {
            "toolkit": t,
            "link": link,
            "text": md_text,
            "steps_link": lambda s: [link(f"step:{step.id}") for step in s.steps],
        }
        return plugin().renderer.part("stage_cards.md.j2", page_name(), values)

    def citing(template: str, **values: Any) -> str:
        """A template that cites sources, rendered for a hand-written page."""
        t = plugin().toolkit
        sources = {s.id: s for s in t.sources}
        drawn_with = {
            "toolkit": t,
            "t": functools.partial(template_helpers.word, t),
            "citation": functools.partial(template_helpers.citation, t),
            "sources_of": lambda ids: [sources[i] for i in ids],
            **values,
        }
        return plugin().renderer.part(template, page_name(), drawn_with)

    @env.macro
    def sources_list() -> str:
        """Every source the toolkit draws on, as a Markdown list."""
        return citing("sources_list.md.j2")

    @env.macro
    def credits(*ids: str) -> str:
        """A hand-written page's credits: ``{{ credits("nccpe-partnerships-101") }}``
        cites those sources, and gives the toolkit's "last reviewed" date. With
        no ids, the cycle's sources (those of its stages, unless it names its
        own): what a page about the whole toolkit, such as the home page, draws on."""
        t = plugin().toolkit
        if not ids:
            ids = t.cycle.sources or tuple(template_helpers.credited(t, t.stages))
        known = {s.id for s in t.sources}
        missing = [id_ for id_ in ids if id_ not in known]
        for id_ in missing:  # --strict stops on it; the page credits the rest
            log.warning(
                f"{where(id_)}: credits() names no source with id '{id_}'"
                f"{did_you_mean(id_, known)}; the ids are in data/sources.yml"
            )
        ids = tuple(id_ for id_ in ids if id_ in known)
        reviewed = template_helpers.reviewed_on(plugin().toolkit)
        return citing("_sources.md.j2", ids=list(ids), reviewed=reviewed)

    @env.macro
    def last_reviewed() -> str:
        """When the toolkit was last reviewed, written in full ("4 December 2026")."""
        return template_helpers.reviewed_on(plugin().toolkit)

    # Read-only data for pages: {{ toolkit.title }}, {{ toolkit.organisation.name }}.
    class _Lazy:
        def __getattr__(self, name: str) -> Any:
            return _attribute(plugin().toolkit, name, "toolkit")

    env.variables["toolkit"] = _Lazy()


def page_mistake(error: Exception, markdown: str, page: Any) -> str:
    """A Jinja mistake in a hand-written page, as one located line.

    mkdocs-macros logs what this returns as a warning and, under `mkdocs serve`
    (where the toolkit plugin turns ``on_error_fail`` off), shows it as the page.
    """
    if isinstance(error, RenderError):  # a template the page draws with: located already
        return _mistake_page(str(error))
    line = getattr(error, "lineno", None) if isinstance(error, jinja2.TemplateError) else None
    if line is None:  # a mistake found while rendering: the template's own frame says where
        frames = traceback.extract_tb(error.__traceback__)
        lines = [f.lineno for f in frames if f.filename == "<template>"]
        line = lines[-1] if lines else None
    where = _source_line(page, markdown, line)
    return _mistake_page(f"{where}: {getattr(error, 'message', None) or error}")


def _mistake_page(message: str) -> str:
    """What a page with a mistake shows under ``mkdocs serve``: the one located line."""
    fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`+", message))])
    return (
        "# This page has a mistake\n\n"
        f"{fence}{{.text .tk-mistake}}\n{message}\n{fence}\n\n"
        "Until it is fixed, the page shows only this.\n"
    )


def mistake_line(message: str) -> str:
    """The located line of a ``page_mistake`` logged by mkdocs-macros, else ``message``."""
    found = re.search(r"^(`{3,})\{\.text \.tk-mistake\}\n(.*?)\n\1$", message, re.M | re.S)
    return found.group(2) if found and "This page has a mistake" in message else message


def _source_line(page: Any, markdown: str, line: int | None) -> str:
    """``content/about.md:20``: the line of the file, counting its front matter."""
    file = page.file
    folder = FsPath(file.abs_src_path).parents[len(FsPath(file.src_uri).parts) - 1]
    # content/about.md, or local/content/about.md for a project's own page
    shown = f"{folder.parent.name}/{folder.name}" if folder.parent.name == FOLDER else folder.name
    name = f"{shown}/{file.src_uri}" if file.abs_src_path else file.src_uri
    if not line:
        return name
    lines = markdown.splitlines()
    wanted = lines[line - 1] if 0 < line <= len(lines) else None
    try:
        source = FsPath(file.abs_src_path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, TypeError, UnicodeDecodeError):
        source = []
    for number in range(line, len(source) + 1):  # front matter only moves lines down
        if source[number - 1] == wanted:
            return f"{name}:{number}"
    return f"{name}:{line}"


def _locate_page_mistakes() -> None:
    """Have mkdocs-macros report page mistakes with ``page_mistake``: its own
    report is a Python traceback, which names neither the file's line nor the fix."""
    try:
        import mkdocs_macros.plugin as macros_plugin
    except ImportError:  # pragma: no cover - the macros plugin is what calls us
        return
    if hasattr(macros_plugin, "format_error"):
        macros_plugin.format_error = page_mistake


class _Escaped:
    """A read-only view of a model object whose texts come out escaped.

    A hand-written page that writes ``{{ toolkit.title }}`` gets the title as
    text Markdown shows literally: a data file cannot put HTML, an attribute
    list or a link into a content page through it.
    """

    __slots__ = ("_target",)

    def __init__(self, target: Any) -> None:
        self._target = target

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # no way into Python's internals from a page
            raise AttributeError(name)
        return _attribute(self._target, name, type(self._target).__name__.lower())

    def __getitem__(self, key: Any) -> Any:
        return _escaped(self._target[key])

    def __iter__(self) -> Any:
        return (_escaped(item) for item in self._target)

    def __len__(self) -> int:
        return len(self._target)

    def __bool__(self) -> bool:
        return bool(self._target)

    def __str__(self) -> str:
        return str(md_text(self._target))

    def __html__(self) -> str:
        return str(md_text(self._target))


def _attribute(target: Any, name: str, what: str) -> Any:
    """``target.name`` as a page sees it; a name it lacks is an error that says
    which names there are, not Python's words for a missing attribute."""
    if dataclasses.is_dataclass(target) and not hasattr(target, name):
        known = [f.name for f in dataclasses.fields(target)] + [
            n for n, v in vars(type(target)).items() if isinstance(v, property)
        ]
        if not name.startswith("_"):
            hint = did_you_mean(name, known) or f"; it has {', '.join(known)}"
            return jinja2.StrictUndefined(hint=f"{what} has no field '{name}'{hint}")
    return _field(name, getattr(target, name))


def _field(name: str, value: Any) -> Any:
    """A model object's field as a page sees it."""
    if name == "strings" and isinstance(value, dict):
        # As the generated pages show them: '{{' and '}}' are how a string
        # writes a brace beside its placeholders.
        # A word with plural forms reads as its 'other' form.
        texts = {k: v if isinstance(v, str) else v["other"] for k, v in value.items()}
        return _Escaped({k: v.replace("{{", "{").replace("}}", "}") for k, v in texts.items()})
    if isinstance(value, str) and (name == "id" or name.endswith("_id")):
        return value  # an id: checked to be letters, digits and hyphens
    if isinstance(value, str) and (name == "url" or name.endswith("_url")):
        return Markup(markup.url(value))  # an address, for a link
    return _escaped(value)


def _escaped(value: Any) -> Any:
    if isinstance(value, str):
        return md_text(value)
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return _Escaped(value)
