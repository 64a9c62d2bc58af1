"""The toolkit plugin's own settings, and the site's from the toolkit's data.

Its name, description, footer, language and images come from the data; the
toolkit's theme partials, stylesheets and scripts are added; and a project's
``local/site.yml`` gives the settings it may change (its address, its menu).
"""

from __future__ import annotations

import datetime
from importlib import resources
from pathlib import Path as FsPath
from typing import Any

from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

from . import CACHE_DIR, languages, site_assets, source, templating, validate
from . import layer as layer_
from .markup import css_string, theme_text
from .model import Toolkit
from .navigation import nav_entries
from .problems import DataError, did_you_mean

log = get_plugin_logger(__name__)


class ToolkitConfig(base.Config):
    data_dir = c.Type(str, default="data")
    """Folder of the toolkit's YAML data, relative to mkdocs.yml."""

    cache_dir = c.Type(str, default=CACHE_DIR)
    """Where things that are slow to make (the data files already read, the
    compiled page and theme templates and the Word versions of the templates)
    and the generated pages MkDocs reads are kept between builds, relative to
    mkdocs.yml. Each is remade when anything it is made from changes."""

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


def identity(config: MkDocsConfig, t: Toolkit) -> None:
    """The site's name, description, footer, language and images come from the data."""
    # The theme prints these unescaped; as Markup, its own `|e` leaves them be.
    config.site_name = Markup(theme_text(t.title))
    if t.description:
        config.site_description = Markup(theme_text(t.description))
    copyright_parts = [p for p in (t.footer, licence_line(t)) if p]
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


def theme(config: MkDocsConfig, layer_dir: FsPath | None = None) -> None:
    """The toolkit's theme partials sit just after the fork's own overrides, so a
    fork can still override them; a project's ``local/overrides/`` comes first."""
    own = layer_dir / "overrides" if layer_dir is not None else None
    theme_dir = str(resources.files("partnership_toolkit").joinpath("theme"))
    if theme_dir not in config.theme.dirs:
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, theme_dir)
    if own is not None and own.is_dir() and str(own) not in config.theme.dirs:
        config.theme.dirs.insert(0, str(own))
    check_theme_override(str(own) if own is not None and own.is_dir() else None)
    check_theme_override(config.theme.custom_dir)


# The settings a project's local/site.yml may give, for mkdocs.yml's.
SITE_SETTINGS = ("site_url", "repo_url", "repo_name", "edit_uri", "copyright", "nav")


def site_settings(
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
        for at, page in nav_entries((doc.value or {}).get("nav"), ("nav",))
        if page not in pages
    ]
    if missing:
        raise DataError(missing)
    for key in SITE_SETTINGS:
        if key in (doc.value or {}) and not (serving and key == "site_url"):
            config[key] = doc.value[key]
    return "nav" in (doc.value or {})


def stylesheets_and_scripts(config: MkDocsConfig) -> None:
    """Every page's toolkit stylesheets and scripts (checklist and template pages
    link their own besides)."""
    for name in ["brand.css", *site_assets.every_page(".css")]:
        if f"{site_assets.FOLDER}/{name}" not in config.extra_css:
            config.extra_css.append(f"{site_assets.FOLDER}/{name}")
    scripts = [str(s) for s in config.extra_javascript]
    for name in site_assets.every_page(".js"):
        if f"{site_assets.FOLDER}/{name}" not in scripts:
            config.extra_javascript.append(f"{site_assets.FOLDER}/{name}")


def show_macro_errors_in_pages(config: MkDocsConfig) -> None:
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


def check_theme_override(custom_dir: str | None) -> None:
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


def licence_line(t: Toolkit) -> str:
    return t.strings["footer_licence"].format(name=t.licence_name) if t.licence_name else ""


def language_switch(
    config: MkDocsConfig, t: Toolkit, language: str | None, source_site_url: str
) -> str:
    """A toolkit published in more than one language: each page's switch to
    the others, and in a translation's build (``language``), its own address
    below the source language's. Returns the source language's address."""
    if not t.translations:
        return source_site_url
    source = t.source_language or t.language
    if language is None:
        source_site_url = config.site_url or ""
    elif source_site_url:
        config.site_url = f"{source_site_url.rstrip('/')}/{language}/"
    else:
        config.site_url = ""
    config.extra["alternate"] = languages.switch(
        source, t.translations, t.language, source_site_url
    )
    return source_site_url


def theme_globals(env: Any, t: Toolkit | None, cache_dir: FsPath | None = None) -> Any:
    """What theme/main.html writes the print margins with, at build time; with
    ``cache_dir``, the compiled theme is kept there between builds."""
    env.filters["tk_css_string"] = css_string
    if t is not None:
        from .pdfs import page_counter

        # What the theme's footer and print margins show (the theme reads no
        # plugin object, so Zensical can build the same templates).
        env.globals["tk_site"] = t.title
        env.globals["tk_org"] = t.organisation
        env.globals["tk_contact"] = t.strings["footer_contact"]
        pattern, months = languages.date_format(t.language)
        env.globals["tk_date_format"] = {"pattern": pattern, "months": "|".join(months)}
        # "Page 3 of 7" in the toolkit's words, and the date of the build, for
        # the print margins written at build time (print.js writes the print date).
        env.globals["tk_page_counter"] = Markup(page_counter(t.strings["docx_page"]))
        env.globals["tk_build_date"] = languages.long_date(datetime.date.today(), t.language)
    if cache_dir is not None:  # once the filters are all there: they are part of the key
        env.bytecode_cache = templating.theme_cache(cache_dir, env)
    return env
