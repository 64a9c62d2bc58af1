"""The MkDocs adapter: thin hooks over the pure core.

``on_config`` loads and checks the data (stopping the build with every
problem at once), ``on_files`` adds the generated pages and the toolkit's
assets, and the navigation follows the cycle through the ``@toolkit`` entry
in ``nav`` (or a nav the plugin builds when ``mkdocs.yml`` has none).
"""

from __future__ import annotations

import datetime
import functools
import logging
import shutil
import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path as FsPath
from typing import Any

import rcssmin
import rjsmin
from markupsafe import Markup, escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage

from . import (
    CACHE_DIR,
    DATA_CACHE,
    DOCX_CACHE,
    PDF_CACHE,
    TEMPLATE_CACHE,
    branding,
    bundles,
    docx_cache,
    languages,
    navigation,
    serving,
    source,
    translate,
    validate,
)
from . import layer as layer_
from . import pages as pages_
from .load import load
from .markup import css_string, theme_text
from .model import Template, Toolkit
from .pages import docx_src
from .problems import DataError, did_you_mean
from .render import Page, Renderer, RenderError
from .urls import Addresses, resolve_page_links

log = get_plugin_logger(__name__)

# mkdocs-macros reports its set-up at INFO level on every rebuild, burying the
# messages an editor needs; its warnings and errors still show.
logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)

ASSETS = "assets/toolkit"
# Assets only some pages need: each checklist or template page links them
# itself (see templates/_page_assets.html), so other pages stay light.
PAGE_ASSETS = ("checklist.", "template.", "assessment.")
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
        except (PluginError, DataError, RenderError):
            raise
        except Exception as err:
            log.debug("the toolkit plugin failed:", exc_info=True)
            raise PluginError(
                f"the toolkit plugin failed in {hook.__name__} ({type(err).__name__}: {err}). "
                "This is a bug in the toolkit, not a mistake in your data: please report "
                "it with the output of 'mkdocs build --verbose'"
            ) from None

    return run


class ToolkitConfig(base.Config):
    data_dir = c.Type(str, default="data")
    """Folder of the toolkit's YAML data, relative to mkdocs.yml."""

    cache_dir = c.Type(str, default=CACHE_DIR)
    """Where things that are slow to make (the data files already read, the
    compiled page templates and the Word versions of the templates) are kept
    between builds, relative to mkdocs.yml. Each is remade when anything it is
    made from changes."""

    overrides = c.Optional(c.Type(str))
    """Folder whose ``toolkit/`` subfolder overrides the page templates.
    Defaults to the theme's ``custom_dir``."""

    pdf = c.Type(bool, default=False)
    """Make PDFs of the checklists and templates, fillable ones of the templates,
    and the workshop pack, with the site (see pdfs.py): ``pdf: !ENV [PDF, false]``
    in mkdocs.yml, so ``PDF=true mkdocs build`` makes them. Never under
    ``mkdocs serve``, which stays fast."""

    layer = c.Type(str, default=layer_.FOLDER)
    """A toolkit project's own folder, relative to mkdocs.yml (see layer.py): its
    changes to the base toolkit, its pages, overrides and site settings. The
    base never writes it, so new versions of the base never conflict with it."""


class ToolkitPlugin(BasePlugin[ToolkitConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.toolkit: Toolkit | None = None
        self.layer_dir: FsPath | None = None
        self.docs_dir = FsPath("docs")
        self.renderer: Renderer | None = None
        self.addresses: Addresses | None = None
        self._tmp: str | None = None
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
            _show_macro_errors_in_pages(config)
        try:
            nav_given = _site_settings(config, self.layer_dir, self.root, self._serving)
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
        _identity(config, self.toolkit)
        self._languages(config)
        _theme(config, self.layer_dir)
        _stylesheets_and_scripts(config)
        self.addresses = Addresses(self.toolkit)
        if self.toolkit.layer is not None:
            self.toolkit.layer.nav_given = nav_given
            config.nav = _layer_nav(config.nav, self.toolkit.layer, self.layer_dir, nav_given)
        if self.toolkit.translation is not None:
            config.nav = _translated_nav(config.nav, self.toolkit.translation.pages)
        config.nav = navigation.build(
            self.toolkit, self.addresses, config.nav, FsPath(config.docs_dir), NAV_MARKER
        )
        return config

    def _languages(self, config: MkDocsConfig) -> None:
        """A toolkit published in more than one language: each page's switch to
        the others, and in a translation's build, its own address below the
        source language's."""
        t = self.toolkit
        assert t is not None
        if not t.translations:
            return
        source = t.source_language or t.language
        if self.language is None:
            self.source_site_url = config.site_url or ""
        elif self.source_site_url:
            config.site_url = f"{self.source_site_url.rstrip('/')}/{self.language}/"
        else:
            config.site_url = ""
        config.extra["alternate"] = languages.switch(
            source, t.translations, t.language, self.source_site_url
        )

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        # For the print margins theme/main.html writes at build time.
        env.filters["tk_css_string"] = css_string
        if self.toolkit is not None:
            from .pdfs import page_counter

            pattern, months = languages.date_format(self.toolkit.language)
            env.globals["tk_date_format"] = {"pattern": pattern, "months": "|".join(months)}
            # "Page 3 of 7" in the toolkit's words, and the date of the build, for
            # the print margins written at build time (print.js writes the print date).
            env.globals["tk_page_counter"] = Markup(page_counter(self.toolkit.strings["docx_page"]))
            env.globals["tk_build_date"] = languages.long_date(
                datetime.date.today(), self.toolkit.language
            )
        return env

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
        self._remove_pages()
        for page in files.documentation_pages():
            files.remove(page)
        return files

    def _add_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.toolkit is not None
        # Pages go to a temporary folder rather than memory, so they have a real
        # abs_src_path (some Material plugins expect one), and never to content/.
        self._remove_pages()  # a build stopped before on_post_build
        if self.toolkit.layer is not None and self.layer_dir is not None:
            _layer_files(files, config, self.layer_dir / "content", self.toolkit.layer)
        if self.toolkit.translation is not None:
            self._untranslated = _translated_files(files, config, self.toolkit.translation.pages)
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
        self._tmp = tempfile.mkdtemp(prefix="toolkit-pages-")
        tmp = FsPath(self._tmp)
        try:
            pages = self.renderer.pages()
        except RenderError as err:
            raise PluginError(str(err)) from None
        self._pages = {page.src: page for page in pages}
        for page in pages:
            self._add(files, config, page.src, tmp, PLACEHOLDER)
        if self.toolkit.features.templates:
            for tpl in self.toolkit.templates:  # the blank Word file beside each template page
                self._add(files, config, docx_src(tpl.id), tmp, self._docx(tpl))
        self._add(files, config, f"{ASSETS}/brand.css", tmp, branding.css(self.toolkit.branding))
        for name, content in _asset_files():
            self._add(files, config, f"{ASSETS}/{name}", tmp, _minified(name, content))
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
        source = t.source_language
        name = languages.display_name(source, t.language, capital=False)
        if page.file.src_uri in self._untranslated:
            # A hand-written page with no translation: all of it in the source language.
            if page.title:
                self._fallback_titles.add(str(page.title))
            note = t.strings["translation_missing"].format(source=name)
            return f'<p class="tk-untranslated" role="note">{escape(note)}</p>\n' + (
                f'<div lang="{source}">\n{html}\n</div>'
            )
        _, count = translate.mark_fallbacks(html, t.translation.fallbacks, source)
        if not count and f'lang="{source}"' not in html:
            return html
        note = t.strings["translation_incomplete"].format(source=name)
        notice = f'<p class="tk-untranslated" role="note">{escape(note)}</p>\n'
        heading_end = html.find("</h1>")
        if heading_end < 0:
            return notice + html
        cut = heading_end + len("</h1>")
        return html[:cut] + "\n" + notice + html[cut:]

    @_reported
    def on_post_page(self, output: str, /, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        """In a translation, every text shown in the source language (in the
        page, its menu, its table of contents and its footer) carries that
        language's ``lang``, so a screen reader reads it in the right voice."""
        t = self.toolkit
        if t is None or t.translation is None:
            return output
        texts = t.translation.fallbacks | self._fallback_titles
        return translate.mark_fallbacks(output, texts, t.source_language)[0]

    def _handwritten_links(self, markdown: str, page: MkDocsPage) -> str:
        """``[words](step:scoping)`` in a hand-written page links to that page, as
        in the data; one that names no page is a warning, with its line."""
        if self.addresses is None or "](" not in markdown:
            return markdown
        text, unknown = resolve_page_links(markdown, page.file.src_uri, self.addresses)
        source = FsPath(page.file.abs_src_path or page.file.src_uri)
        shown = (
            source.relative_to(self.root).as_posix()
            if source.is_relative_to(self.root)
            else page.file.src_uri
        )
        try:
            lines = source.read_text("utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            lines = []
        for ref in unknown:
            number = next((n for n, line in enumerate(lines, 1) if f"({ref}" in line), 0)
            hint = did_you_mean(ref, self.addresses.known())
            log.warning(
                f"{shown}{f':{number}' if number else ''}: no toolkit page for link "
                f"'{ref}'{hint}; links are written kind:id, e.g. 'step:scoping'"
            )
        return text

    def _is_ours(self, file: File) -> bool:
        return bool(self._tmp and file.abs_src_path and file.abs_src_path.startswith(self._tmp))

    def _docx(self, template: Template) -> bytes:
        """A template's Word file, from the cache when nothing it is made from changed."""
        assert self.toolkit is not None
        toolkit = self.toolkit

        def make() -> bytes:
            from . import docx_export  # python-docx, only when a file must be made

            return docx_export.template_docx(toolkit, template)

        folder = self.cache_root / DOCX_CACHE
        return docx_cache.get(folder, toolkit, template, make, log.info)

    def _add(
        self, files: Files, config: MkDocsConfig, src: str, tmp: FsPath, content: str | bytes
    ) -> None:
        existing = files.get_file_from_path(src)
        handwritten = (
            existing is not None
            and existing.abs_src_path
            and (self._tmp not in existing.abs_src_path)
        )
        if handwritten:
            raise PluginError(
                f"content/{src} is a hand-written page at an address the toolkit generates "
                "from data; rename or move it (the generated page comes from "
                f"{self.config.data_dir}/)"
            )
        path = tmp / src
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        # INCLUDED explicitly: MkDocs excludes /templates/ by default, which is
        # where the agreement templates are published.
        files.append(
            File.generated(config, src, abs_src_path=str(path), inclusion=InclusionLevel.INCLUDED)
        )

    def _makes_pdfs(self) -> bool:
        return bool(self.config.pdf) and not self._serving

    # Last: the PDFs and translations are made once every plugin is done with this site.
    @event_priority(-100)
    @_reported
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._remove_pages()
        if not self._problems and self.toolkit is not None and self._makes_pdfs():
            self._make_pdfs(config)
        if not self._problems and self.language is None and self.toolkit is not None:
            self._build_translations(config)
        if self._problems:
            serving.show_problems(config.site_dir, self._problems, home=serving.home_of(config))

    def _make_pdfs(self, config: MkDocsConfig) -> None:
        """Every checklist's and template's PDF, each template's fillable PDF, and
        the workshop pack, written into the built site (see pdfs.py)."""
        from . import pdfs

        try:
            import weasyprint  # noqa: F401  (draws with Pango, a system library)
        except OSError as err:
            raise PluginError(
                f"PDF=true makes PDFs with WeasyPrint, which needs the Pango library ({err}); "
                "on Debian or Ubuntu: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0"
            ) from None
        t, renderer = self.toolkit, self.renderer
        assert t is not None and renderer is not None
        site = FsPath(config.site_dir)
        maker = pdfs.Maker(site, self.cache_root / PDF_CACHE, log.info)
        addresses = self.addresses
        assert addresses is not None

        def built(ref: str) -> FsPath:
            return pdfs.built_page(site, addresses.target(ref)[0], config.use_directory_urls)

        date = languages.long_date(datetime.date.today(), t.language)
        checklists = (
            [pdfs.Part(c.title, built(f"checklist:{c.id}")) for c in t.checklists]
            if t.features.checklists
            else []
        )
        templates = (
            [pdfs.Part(tpl.title, built(f"template:{tpl.id}")) for tpl in t.templates]
            if t.features.templates
            else []
        )
        for checklist, part in zip(t.checklists if checklists else (), checklists, strict=False):
            maker.page(part.file, pages_.checklist_pdf(checklist.id))
        footer = f"{t.title} · {date}"
        for tpl, part in zip(t.templates if templates else (), templates, strict=False):
            maker.page(part.file, pages_.template_pdf(tpl.id))
            maker.fillable(
                t, tpl, renderer.fillable(tpl, footer), pages_.template_pdf(tpl.id, True)
            )
        assessments = (
            [pdfs.Part(a.title, built(f"assessment:{a.id}")) for a in t.assessments]
            if t.features.assessments
            else []
        )
        for assessment, part in zip(
            t.assessments if assessments else (), assessments, strict=False
        ):
            maker.page(part.file, pages_.assessment_pdf(assessment.id))
        if checklists or templates or assessments:
            first = (checklists or templates or assessments)[0].file
            document = pdfs.pack_html(
                t,
                [
                    (t.strings["checklists_title"], checklists),
                    (t.strings["templates_title"], templates),
                    (t.strings["assessments_title"], assessments),
                ],
                pdfs.stylesheets_of(first, site),
                date,
            )
            maker.pack(document, pages_.PACK_PDF)
        log.info(f"PDFs: {maker.made} made, the rest unchanged since the last build")

    def _build_translations(self, config: MkDocsConfig) -> None:
        """Each of the toolkit's translations, built as a site of its own in
        ``<site>/<tag>/``: its own pages, menu, search index, Word files and
        sitemap, from the same configuration and project."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.exceptions import Abort

        assert self.toolkit is not None
        for tag in self.toolkit.translations:
            log.info(f"Building the translation into {languages.display_name(tag, 'en')} ({tag})")
            translated = load_config(
                config_file=config.config_file_path,
                site_dir=str(FsPath(config.site_dir) / tag),
                strict=config.strict,
                use_directory_urls=config.use_directory_urls,
            )
            # MkDocs gives a plugin with an on_startup hook (this one) the same
            # object in every build of a process: this build's state is kept
            # aside while the translation's runs, and put back after it.
            kept = dict(vars(self))
            translated.plugins.on_startup(command="build", dirty=False)
            plugin = translated.plugins["toolkit"]
            plugin.language = tag
            plugin.source_site_url = self.source_site_url
            failure = ""
            try:
                build(translated)
            except (Abort, PluginError) as err:
                failure = f"the translation into '{tag}' did not build: {err}"
                if isinstance(err, Abort):  # its problems are above, as they were found
                    failure = f"the translation into '{tag}' did not build (see above)"
            finally:
                translated.plugins.on_shutdown()
                if plugin is self:
                    self.__dict__.clear()
                    self.__dict__.update(kept)
            if failure and not self._serving:
                raise PluginError(failure)
            if failure:
                self._broken(failure)

    def on_build_error(self, *, error: Exception) -> None:
        # A failed build (or rebuild under `mkdocs serve`) leaves nothing behind.
        self._remove_pages()

    def _remove_pages(self) -> None:
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None


def _identity(config: MkDocsConfig, t: Toolkit) -> None:
    """The site's name, description, footer, language and images come from the data."""
    # The theme prints these unescaped; as Markup, its own `|e` leaves them be.
    config.site_name = Markup(theme_text(t.title))
    if t.description:
        config.site_description = Markup(theme_text(t.description))
    copyright_parts = [p for p in (t.footer, _licence_line(t)) if p]
    if copyright_parts and not config.copyright:
        config.copyright = " · ".join(copyright_parts)
    config.theme["language"] = languages.theme_language(t.language) or "en"
    if isinstance(config.mdx_configs.get("toc"), dict):
        # The title of each heading's link, in the toolkit's language.
        config.mdx_configs["toc"].setdefault("permalink_title", t.strings["permalink_title"])
    if t.organisation.logo:
        config.theme["logo"] = t.organisation.logo
    if t.organisation.favicon:
        config.theme["favicon"] = t.organisation.favicon
    if not config.site_url:
        where = "local/site.yml" if t.layer is not None else "mkdocs.yml"
        log.info(
            f"site_url is empty in {where}: fine for a preview, but on the published "
            "site Material's instant navigation is off and the 404 page loses its styles "
            "below the site's root; set it to the published address"
        )


def _theme(config: MkDocsConfig, layer_dir: FsPath | None = None) -> None:
    """The toolkit's theme partials sit just after the fork's own overrides, so a
    fork can still override them; a project's ``local/overrides/`` comes first."""
    own = layer_dir / "overrides" if layer_dir is not None else None
    theme_dir = str(resources.files("partnership_toolkit").joinpath("theme"))
    if theme_dir not in config.theme.dirs:
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, theme_dir)
    if own is not None and own.is_dir() and str(own) not in config.theme.dirs:
        config.theme.dirs.insert(0, str(own))
    _check_theme_override(str(own) if own is not None and own.is_dir() else None)
    _check_theme_override(config.theme.custom_dir)


# The settings a project's local/site.yml may give, for mkdocs.yml's.
SITE_SETTINGS = ("site_url", "repo_url", "repo_name", "edit_uri", "copyright", "nav")


def _site_settings(
    config: MkDocsConfig, layer_dir: FsPath | None, root: FsPath, serving: bool = False
) -> bool:
    """Apply ``local/site.yml`` (if any) to the configuration; whether it gives the nav.
    Under `mkdocs serve`, the site's address stays the local server's."""
    path = layer_dir / "site.yml" if layer_dir is not None else None
    if path is None or not path.is_file():
        return False
    display = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    doc, problems = source.read(path, display)
    if doc is not None and not problems:
        problems = validate.check(doc, "site")
    if problems or doc is None:
        raise DataError(problems)
    folders = [FsPath(config.docs_dir), layer_dir / "content"]  # type: ignore[operator]
    pages = sorted(
        {p.relative_to(f).as_posix() for f in folders if f.is_dir() for p in f.rglob("*.md")}
    )
    missing = [
        doc.problem(at, f"no page {page} in content/ or local/content/{did_you_mean(page, pages)}")
        for at, page in _nav_entries((doc.value or {}).get("nav"), ("nav",))
        if page not in pages
    ]
    if missing:
        raise DataError(missing)
    for key in SITE_SETTINGS:
        if key in (doc.value or {}) and not (serving and key == "site_url"):
            config[key] = doc.value[key]
    return "nav" in (doc.value or {})


def _nav_entries(nav: Any, at: tuple) -> list[tuple[tuple, str]]:
    """Each hand-written page a nav names, with its path in the nav (addresses of
    other sites and the "@toolkit" mark are not pages)."""
    out: list[tuple[tuple, str]] = []
    for i, entry in enumerate(nav if isinstance(nav, list) else ()):
        titled = isinstance(entry, dict) and len(entry) == 1
        value = next(iter(entry.values())) if titled else entry
        where = (*at, i, next(iter(entry))) if titled else (*at, i)
        if isinstance(value, list):
            out += _nav_entries(value, where)
        elif isinstance(value, str) and value.endswith(".md") and "://" not in value:
            out.append((where, value))
    return out


def _page_of(entry: Any) -> str | None:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict) and len(entry) == 1:
        value = next(iter(entry.values()))
        return value if isinstance(value, str) else None
    return None


def _layer_nav(nav: Any, report: layer_.Report, layer_dir: FsPath | None, given: bool) -> Any:
    """The menu without the pages the layer removes, and (unless the layer gives
    its own menu) with the layer's new pages at its end."""
    if not isinstance(nav, list):
        return nav

    def keep(entries: list) -> list:
        out = []
        for entry in entries:
            if _page_of(entry) in report.pages_removed:
                continue
            if isinstance(entry, dict) and len(entry) == 1:
                ((title, value),) = entry.items()
                if isinstance(value, list):
                    entry = {title: keep(value)}
            out.append(entry)
        return out

    nav = keep(nav)
    if given or layer_dir is None or not (layer_dir / "content").is_dir():
        return nav
    listed = _nav_pages(nav)
    content = layer_dir / "content"
    for page in sorted(content.rglob("*.md")):
        src = page.relative_to(content).as_posix()
        if src not in listed:
            nav.append(src)
    return nav


def _nav_pages(nav: list) -> set[str]:
    """The pages a nav lists, at any depth."""
    listed: set[str] = set()
    for entry in nav:
        listed.add(_page_of(entry) or "")
        if isinstance(entry, dict):
            for value in entry.values():
                if isinstance(value, list):
                    listed |= _nav_pages(value)
    return listed


def _layer_files(files: Files, config: MkDocsConfig, content: FsPath, report: Any) -> None:
    """The layer's pages and files in place of the base's at the same path, and
    without the pages it removes."""
    for src in report.pages_removed:
        found = files.get_file_from_path(src)
        if found is not None:
            files.remove(found)
    if not content.is_dir():
        return
    for path in sorted(p for p in content.rglob("*") if p.is_file()):
        src = path.relative_to(content).as_posix()
        if any(part.startswith(".") for part in src.split("/")):
            continue
        found = files.get_file_from_path(src)
        if found is not None:
            files.remove(found)
        files.append(File(src, str(content), config.site_dir, config.use_directory_urls))
    if getattr(report, "nav_given", False) and isinstance(config.nav, list):
        # A project's own menu names the pages it wants there; the others are
        # still published (pages link to them), just not in the menu.
        listed = _nav_pages(config.nav)
        for file in files.documentation_pages():
            if file.src_uri not in listed:
                file.inclusion = InclusionLevel.NOT_IN_NAV


def _translated_files(files: Files, config: MkDocsConfig, pages: dict[str, FsPath]) -> set[str]:
    """A translation's pages in place of the source's at the same path; the
    hand-written pages it does not translate (shown in the source language)."""
    for src, path in pages.items():
        found = files.get_file_from_path(src)
        if found is None:
            continue  # a page the source does not have: nothing links to it
        files.remove(found)
        folder = str(path)[: -len(src)]
        files.append(File(src, folder, config.site_dir, config.use_directory_urls))
    return {f.src_uri for f in files.documentation_pages() if f.src_uri not in pages}


def _translated_nav(nav: Any, pages: dict[str, FsPath]) -> Any:
    """The menu of a translation: a translated page is named by its own title
    (the menu's words are the source's)."""
    if not isinstance(nav, list):
        return nav
    out = []
    for entry in nav:
        if isinstance(entry, dict) and len(entry) == 1:
            ((title, value),) = entry.items()
            if isinstance(value, list):
                entry = {title: _translated_nav(value, pages)}
            elif isinstance(value, str) and value in pages:
                entry = value
        out.append(entry)
    return out


def _stylesheets_and_scripts(config: MkDocsConfig) -> None:
    """Every page's toolkit stylesheets and scripts (checklist and template pages
    link their own besides)."""
    for name in ["brand.css", *_assets(".css")]:
        if f"{ASSETS}/{name}" not in config.extra_css:
            config.extra_css.append(f"{ASSETS}/{name}")
    scripts = [str(s) for s in config.extra_javascript]
    for name in _assets(".js"):
        if f"{ASSETS}/{name}" not in scripts:
            config.extra_javascript.append(f"{ASSETS}/{name}")


def _show_macro_errors_in_pages(config: MkDocsConfig) -> None:
    """mkdocs-macros' ``on_error_fail`` ends the whole process on a Jinja mistake in
    a page; under `mkdocs serve` the page shows the mistake instead (and the
    terminal warns), while `mkdocs build` still fails on it."""
    for name, plugin in config.plugins.items():
        if name.endswith("macros") and "on_error_fail" in plugin.config:
            plugin.config["on_error_fail"] = False


# What the toolkit's theme/main.html does, each with a word only a copy of it has.
_MAIN_HTML_PARTS = {
    "iframe-worker": "the offline copy's search without the internet",
    "no-js": "showing what needs JavaScript only where it runs",
    "tk_css_string": "the print margins that need no script",
}


def _check_theme_override(custom_dir: str | None) -> None:
    """A fork's own main.html replaces the toolkit's: say what that loses."""
    if not custom_dir:
        return
    main = FsPath(custom_dir) / "main.html"
    try:
        text = main.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return
    lost = [what for word, what in _MAIN_HTML_PARTS.items() if word not in text]
    if lost:
        ours = resources.files("partnership_toolkit").joinpath("theme", "main.html")
        log.warning(
            f"{main.name} in {FsPath(custom_dir).name}/ replaces the toolkit's own, and with "
            f"it {' and '.join(lost)}: copy the blocks of {ours} into yours"
        )


def _licence_line(t: Toolkit) -> str:
    return t.strings["footer_licence"].format(name=t.licence_name) if t.licence_name else ""


def _asset_files() -> list[tuple[str, bytes]]:
    """Every file the toolkit publishes under assets/toolkit/: the files of
    ``assets/`` and the scripts joined from ``scripts/`` (bundles.py)."""
    folder = resources.files("partnership_toolkit").joinpath("assets")
    out = [
        (entry.name, entry.read_bytes())
        for entry in folder.iterdir()
        if entry.is_file() and not entry.name.startswith(".")
    ]
    out += [(name, bundles.bundle(name).encode("utf-8")) for name in bundles.BUNDLES]
    return sorted(out)


def _assets(suffix: str) -> list[str]:
    """The package's stylesheets or scripts that every page loads: toolkit.* (what
    the others share) first, then the rest in file-name order."""
    return sorted(
        (
            name
            for name, _ in _asset_files()
            if name.endswith(suffix) and not name.startswith(PAGE_ASSETS)
        ),
        key=lambda name: (not name.startswith("toolkit."), name),
    )


def _minified(name: str, content: bytes) -> bytes:
    """The asset as served: minified, so each page carries fewer bytes."""
    if name.endswith(".js"):
        return rjsmin.jsmin(content.decode("utf-8")).encode("utf-8")
    if name.endswith(".css"):
        return rcssmin.cssmin(content.decode("utf-8")).encode("utf-8")
    return content
