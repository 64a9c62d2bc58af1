"""mkdocs-macros module: lets hand-written pages use the toolkit's data.

In ``mkdocs.yml``::

    plugins:
      - toolkit
      - macros:
          modules: [partnership_toolkit.macros]

Then, in any page under ``content/``: ``{{ toolkit.title }}``,
``{{ toolkit.organisation.name }}``, ``{{ stage_cards() }}``,
``{{ link("step:scoping") }}`` or ``{{ link("checklist:getting-started", "the checklist") }}``,
and ``{{ sources_list() }}``. A link to an id that does not exist stops the
build with the page's name and the ids that do exist; a sentence about a kind
a fork may turn off goes inside ``{% if published("page:checklists") %}``.
"""

from __future__ import annotations

from typing import Any

from .problems import did_you_mean
from .render import md_text
from .urls import html_href, md_href


class MacroError(ValueError):
    pass


def define_env(env: Any) -> None:
    def plugin() -> Any:
        toolkit_plugin = env.conf.plugins.get("toolkit")
        if toolkit_plugin is None or toolkit_plugin.toolkit is None:
            raise MacroError("the toolkit plugin must be listed before macros in mkdocs.yml")
        return toolkit_plugin

    def page_src() -> str:
        return env.page.file.src_uri

    def target(ref: str) -> tuple[str, str, str]:
        addresses = plugin().renderer.addresses
        if not addresses.published(ref):
            known = addresses.known()
            raise MacroError(f"{page_src()}: no toolkit page for link '{ref}'"
                             f"{did_you_mean(ref, known) or ''}; links are written kind:id, "
                             "e.g. 'step:scoping' or 'checklist:getting-started'")
        return addresses.target(ref)

    @env.macro
    def link(ref: str, label: str | None = None) -> str:
        """A Markdown link to a stage, step, theme, principle, checklist or template."""
        src, anchor, title = target(ref)
        return f"[{md_text(label or title)}]({md_href(page_src(), src, anchor)})"

    @env.macro
    def published(ref: str) -> bool:
        """Whether ``kind:id`` has a page: false when its kind is turned off in
        ``features``, so a hand-written page can leave out a sentence about it:
        ``{% if published("page:templates") %}...{% endif %}``."""
        return plugin().renderer.addresses.published(ref)

    @env.macro
    def url(ref: str) -> str:
        """The relative address of a toolkit page, for use in HTML."""
        src, anchor, _ = target(ref)
        return html_href(page_src(), src, anchor, env.conf.use_directory_urls)

    @env.macro
    def stage_cards() -> str:
        """The cycle's stages as Material grid cards, each linking to its stage."""
        t = plugin().toolkit
        env_ = plugin().renderer.env
        return env_.get_template("stage_cards.md.j2").render(
            toolkit=t, link=link, text=md_text,
            steps_link=lambda s: [link(f"step:{step.id}") for step in s.steps])

    @env.macro
    def sources_list() -> str:
        """Every source the toolkit draws on, as a Markdown list."""
        env_ = plugin().renderer.env
        return env_.get_template("sources_list.md.j2").render(toolkit=plugin().toolkit)

    # Read-only data for pages: {{ toolkit.title }}, {{ toolkit.organisation.name }}.
    class _Lazy:
        def __getattr__(self, name: str) -> Any:
            return getattr(plugin().toolkit, name)

    env.variables["toolkit"] = _Lazy()
