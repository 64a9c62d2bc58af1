"""The MkDocs adapter: thin hooks over the pure core.

``on_config`` loads and checks the data (stopping the build with every
problem at once), ``on_files`` adds the generated pages and the toolkit's
assets, and the navigation follows the cycle through the ``@toolkit`` entry
in ``nav`` (or a nav the plugin builds when ``mkdocs.yml`` has none).
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Callable
from pathlib import Path as FsPath
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage

from . import (
    DATA_CACHE,
    DOCX_CACHE,
    PAGES_CACHE,
    PDF_CACHE,
    RENDERED_CACHE,
    TEMPLATE_CACHE,
    THEME_CACHE,
    branding,
    docx_cache,
    fallbacks,
    mkdocs_config,
    mkdocs_files,
    navigation,
    page_cache,
    serving,
    site_assets,
    translate,
    translation_sites,
)
from .load import load
from .mkdocs_config import ToolkitConfig
from .model import Template, Toolkit
from .pages import docx_src
from .problems import DataError
from .render import Page, Renderer, RenderError
from .urls import Addresses, handwritten_links

log = get_plugin_logger(__name__)

# mkdocs-macros reports its set-up at INFO level on every rebuild, burying the
# messages an editor needs; its warnings and errors still show.
logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)

NAV_MARKER = "@toolkit"
# What a generated page's file holds. Its real Markdown is handed to MkDocs in
# on_page_markdown, after every other plugin's (mkdocs-macros' included), so
# no plugin that treats pages as templates ever sees text from a data file.
PLACEHOLDER = "<!-- This page is made from the toolkit's data by the toolkit plugin. -->\n"


def _reported(hook: Callable[..., Any]) -> Callable[..., Any]:
    """A hook whose unexpected failure (a bug in the toolkit, not a mistake in the
    data) is one short line asking for a report; ``--verbose`` shows the traceback."""

    @functools.wraps(hook)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return hook(*args, **kwargs)
        except (PluginError, DataError):
            raise
        except RenderError as err:  # a fork's template: located, and MkDocs shows it as one line
            raise PluginError(str(err)) from None
        except Exception as err:
            log.debug("the toolkit plugin failed:", exc_info=True)
            raise PluginError(
                f"the toolkit plugin failed in {hook.__name__} ({type(err).__name__}: {err}). "
                "This is a bug in the toolkit, not a mistake in your data: please report "
                "it with the output of 'mkdocs build --verbose'"
            ) from None

    return run


class ToolkitPlugin(BasePlugin[ToolkitConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.toolkit: Toolkit | None = None
        self.layer_dir: FsPath | None = None
        self.docs_dir = FsPath("docs")
        self.renderer: Renderer | None = None
        self.addresses: Addresses | None = None
        self._generated: mkdocs_files.Generated | None = None
        self._pages: dict[str, Page] = {}
        self._serving = False
        # Under `mkdocs serve`, what stops the build: the site then shows it (serving.py).
        self._problems: list[str] = []
        # In the build of one of the toolkit's translations (see _build_translations):
        # its language, and the address of the source language's site.
        self.language: str | None = None
        self.source_site_url = ""
        self._untranslated: set[str] = set()  # hand-written pages shown in the source language
        self._fallback_titles: set[str] = set()  # their titles, for the menu

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Having this hook also keeps one plugin object for the whole `mkdocs serve`.
        self._serving = command == "serve"
        if self._serving:
            serving.keep_serving(log)

    def _broken(self, problem: str) -> None:
        """Under `mkdocs serve`, a mistake that stops the build is shown, not fatal."""
        log.error(problem)
        self._problems.append(problem)

    # -- configuration ---------------------------------------------------------------------

    @_reported
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = FsPath(config.config_file_path).parent
        self.data_dir = (self.root / self.config.data_dir).resolve()
        overrides = self.config.overrides or config.theme.custom_dir
        self.overrides_dir = (self.root / overrides).resolve() if overrides else None
        self.docs_dir = FsPath(config.docs_dir)
        # Each language keeps its own cache: its Word files differ, and a build
        # of one must not clear another's.
        self.cache_root = self.root / self.config.cache_dir
        if self.language is not None:
            self.cache_root = self.cache_root / self.language
        found = self.root / self.config.layer
        self.layer_dir = found.resolve() if found.is_dir() else None
        if self.layer_dir is not None and (self.layer_dir / "overrides" / "toolkit").is_dir():
            # The project's page templates, in place of the base's.
            self.overrides_dir = self.layer_dir / "overrides"
        self._problems = []
        self.toolkit = self.renderer = self.addresses = None
        if self._serving:
            mkdocs_config.show_macro_errors_in_pages(config)
        try:
            nav_given = mkdocs_config.site_settings(
                config, self.layer_dir, self.root, self._serving
            )
            self.toolkit = load(
                self.data_dir,
                root=self.root,
                content_dir=FsPath(config.docs_dir),
                cache_dir=self.cache_root / DATA_CACHE,
                layer_dir=self.layer_dir,
                language=self.language,
            )
        except DataError as err:
            if not self._serving:
                raise PluginError(err.report()) from None
            self._broken(err.report())
            config.nav = []
            return config
        mkdocs_config.identity(config, self.toolkit)
        self.source_site_url = mkdocs_config.language_switch(
            config, self.toolkit, self.language, self.source_site_url
        )
        mkdocs_config.theme(config, self.layer_dir)
        mkdocs_config.stylesheets_and_scripts(config)
        self.addresses = Addresses(self.toolkit)
        if self.toolkit.layer is not None:
            self.toolkit.layer.nav_given = nav_given
            config.nav = navigation.layer_nav(
                config.nav, self.toolkit.layer, self.layer_dir, nav_given
            )
        if self.toolkit.translation is not None:
            config.nav = navigation.translated_nav(config.nav, self.toolkit.translation.pages)
        config.nav = navigation.build(
            self.toolkit, self.addresses, config.nav, FsPath(config.docs_dir), NAV_MARKER
        )
        return config

    @event_priority(-100)  # last: the theme's cache is keyed by what others set up
    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        return mkdocs_config.theme_globals(env, self.toolkit, self.cache_root / THEME_CACHE)

    def has_page(self, src: str) -> bool:
        """Whether the hand-written page ``src`` (e.g. ``customising.md``) is published."""
        report = self.toolkit.layer if self.toolkit is not None else None
        if report is not None and src in report.pages_removed:
            return False
        folders = [self.docs_dir] + ([self.layer_dir / "content"] if self.layer_dir else [])
        return any((folder / src).is_file() for folder in folders)

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        # Editing data (or a fork's page templates) rebuilds and reloads the browser.
        server.watch(str(self.data_dir))
        if self.overrides_dir and self.overrides_dir.is_dir():
            server.watch(str(self.overrides_dir))
        if self.layer_dir is not None:
            server.watch(str(self.layer_dir))
        if (self.root / translate.FOLDER).is_dir():  # the base's own translations
            server.watch(str(self.root / translate.FOLDER))
        return server

    # -- files -------------------------------------------------------------------------------

    @_reported
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        if not self._problems:
            try:
                return self._add_files(files, config)
            except (PluginError, RenderError) as err:
                if not self._serving:
                    raise
                self._broken(str(err))
        # Broken under `mkdocs serve`: no page is built (each would fail on the
        # missing data), and on_post_build writes the page of problems.
        self._finish_files()
        for page in files.documentation_pages():
            files.remove(page)
        return files

    def _add_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.toolkit is not None
        # Pages are files rather than memory, so they have a real abs_src_path
        # (some Material plugins expect one), and never in content/.
        self._finish_files()  # a build stopped before on_post_build
        if self.toolkit.layer is not None and self.layer_dir is not None:
            mkdocs_files.layer_files(files, config, self.layer_dir / "content", self.toolkit.layer)
        if self.toolkit.translation is not None:
            self._untranslated = mkdocs_files.translated_files(
                files, config, self.toolkit.translation.pages
            )
        # Made here, not in on_config: plugins listed after this one (Material's
        # offline plugin) may switch directory URLs off in their own on_config.
        self.renderer = Renderer(
            self.toolkit,
            overrides=self.overrides_dir,
            root=self.root,
            directory_urls=config.use_directory_urls,
            site_url=config.site_url or "",
            cache_dir=self.cache_root / TEMPLATE_CACHE,
            addresses=self.addresses,
            pdfs=self._makes_pdfs(),
        )
        # One folder per way of building the project (a project's layer, the
        # offline copy's addresses), so two builds at once never remove each
        # other's files; a folder is reused by every build made the same way.
        way = f"{config.config_file_path}|{config.docs_dir}|{self.layer_dir}"
        way += f"|{config.use_directory_urls}|{self._makes_pdfs()}"
        key = hashlib.sha256(way.encode()).hexdigest()[:12]
        self._generated = mkdocs_files.Generated(self.cache_root / PAGES_CACHE / key)
        # A RenderError goes up to on_files (shown under serve) and _reported (one line).
        pages = page_cache.pages(self.renderer, self.cache_root / RENDERED_CACHE / f"{key}.json")
        self._pages = {page.src: page for page in pages}
        for page in pages:
            # The file changes when the page does, so `serve --dirty` rebuilds it then.
            digest = hashlib.sha256(f"{page.title}\0{page.content}".encode()).hexdigest()
            self._add(files, config, page.src, f"{PLACEHOLDER}<!-- {digest[:16]} -->\n")
        if self.toolkit.features.templates:
            for tpl in self.toolkit.templates:  # the blank Word file beside each template page
                self._add(files, config, docx_src(tpl.id), self._docx(tpl))
        brand = branding.css(self.toolkit.branding)
        self._add(files, config, f"{site_assets.FOLDER}/brand.css", brand)
        for name, content in site_assets.files():
            folder = site_assets.FOLDER
            self._add(files, config, f"{folder}/{name}", site_assets.minified(name, content))
        return files

    @event_priority(-100)  # last: after mkdocs-macros has rendered the placeholder
    @_reported
    def on_page_markdown(
        self, markdown: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str:
        generated = self._pages.get(page.file.src_uri)
        if generated is None or not self._is_ours(page.file):
            return self._handwritten_links(markdown, page)
        page.meta = dict(generated.meta)
        return generated.content

    @_reported
    def on_page_content(
        self, html: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str:
        """In a translation, a page that shows text in the source language says
        so, in a note under its title (on_post_page marks the text itself)."""
        t = self.toolkit
        if t is None or t.translation is None:
            return html
        if page.file.src_uri in self._untranslated and page.title:
            self._fallback_titles.add(str(page.title))
        return translation_sites.noted(t, html, page.file.src_uri in self._untranslated)

    @_reported
    def on_post_page(self, output: str, /, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        """In a translation, every text shown in the source language (in the
        page, its menu, its table of contents and its footer) carries that
        language's ``lang``, so a screen reader reads it in the right voice."""
        t = self.toolkit
        if t is None or t.translation is None:
            return output
        texts = t.translation.fallbacks | self._fallback_titles
        return fallbacks.mark_fallbacks(output, texts, t.source_language)[0]

    def _handwritten_links(self, markdown: str, page: MkDocsPage) -> str:
        """``[words](step:scoping)`` in a hand-written page links to that page, as
        in the data; one that names no page is a warning, with its line."""
        if self.addresses is None or "](" not in markdown:
            return markdown
        source = FsPath(page.file.abs_src_path or page.file.src_uri)
        text, warnings = handwritten_links(
            markdown, page.file.src_uri, source, self.root, self.addresses
        )
        for warning in warnings:
            log.warning(warning)
        return text

    def _is_ours(self, file: File) -> bool:
        return self._generated is not None and self._generated.owns(file.abs_src_path)

    def _docx(self, template: Template) -> bytes:
        """A template's Word file, from the cache when nothing it is made from changed."""
        assert self.toolkit is not None
        toolkit = self.toolkit

        def make() -> bytes:
            from . import docx_export  # python-docx, only when a file must be made

            return docx_export.template_docx(toolkit, template)

        folder = self.cache_root / DOCX_CACHE
        return docx_cache.get(folder, toolkit, template, make, log.info)

    def _add(self, files: Files, config: MkDocsConfig, src: str, content: str | bytes) -> None:
        assert self._generated is not None
        existing = files.get_file_from_path(src)
        if existing is not None and existing.abs_src_path and not self._is_ours(existing):
            raise PluginError(
                f"content/{src} is a hand-written page at an address the toolkit generates "
                "from data; rename or move it (the generated page comes from "
                f"{self.config.data_dir}/)"
            )
        path = self._generated.write(src, content)
        # INCLUDED explicitly: MkDocs excludes /templates/ by default, which is
        # where the agreement templates are published.
        files.append(
            File.generated(config, src, abs_src_path=path, inclusion=InclusionLevel.INCLUDED)
        )

    def _makes_pdfs(self) -> bool:
        return bool(self.config.pdf) and not self._serving

    # Last: the PDFs and translations are made once every plugin is done with this site.
    @event_priority(-100)
    @_reported
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._finish_files()
        if not self._problems and self.toolkit is not None and self._makes_pdfs():
            self._make_pdfs(config)
        if not self._problems and self.language is None and self.toolkit is not None:
            self._build_translations(config)
        if self._problems:
            serving.show_problems(config.site_dir, self._problems, home=serving.home_of(config))

    def _make_pdfs(self, config: MkDocsConfig) -> None:
        from . import pdfs

        try:
            import weasyprint  # noqa: F401  (draws with Pango, a system library)
        except OSError as err:
            raise PluginError(
                f"PDF=true makes PDFs with WeasyPrint, which needs the Pango library ({err}); "
                "on Debian or Ubuntu: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0"
            ) from None
        assert self.toolkit and self.renderer and self.addresses
        maker = pdfs.Maker(FsPath(config.site_dir), self.cache_root / PDF_CACHE, log.info)
        pdfs.make_all(maker, self.toolkit, self.renderer, self.addresses, config.use_directory_urls)
        log.info(f"PDFs: {maker.made} made, the rest unchanged since the last build")

    def _build_translations(self, config: MkDocsConfig) -> None:
        for failure in translation_sites.build(self, config, log):
            if not self._serving:
                raise PluginError(failure)
            self._broken(failure)

    def on_build_error(self, *, error: Exception) -> None:
        # A failed build (or rebuild under `mkdocs serve`) leaves nothing behind.
        self._finish_files()

    def _finish_files(self) -> None:
        if self._generated is not None:
            self._generated.finish()
            self._generated = None
