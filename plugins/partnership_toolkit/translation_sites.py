"""A toolkit's translations, each built as a site of its own.

A translation is built into ``<site>/<tag>/`` once the source language's site
is done: its own pages, menu, search index, Word files and sitemap, from the
same configuration and project. On each of its pages, text still in the
source language is noted under the title (and marked with its ``lang`` by
:func:`.fallbacks.mark_fallbacks`), so a reader and a screen reader know.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path as FsPath
from typing import Any

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from . import fallbacks, languages
from .model import Toolkit


def build(plugin: Any, config: MkDocsConfig, log: Any) -> Iterator[str]:
    """Build each translation of ``plugin``'s toolkit; why each one that failed did.

    MkDocs gives a plugin with an on_startup hook (the toolkit's) the same
    object in every build of a process: the plugin's state is kept aside while
    a translation's build runs, and put back after it.
    """
    from mkdocs.commands.build import build as build_site
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    assert plugin.toolkit is not None
    for tag in plugin.toolkit.translations:
        log.info(f"Building the translation into {languages.display_name(tag, 'en')} ({tag})")
        translated = load_config(
            config_file=config.config_file_path,
            site_dir=str(FsPath(config.site_dir) / tag),
            strict=config.strict,
            use_directory_urls=config.use_directory_urls,
        )
        kept = dict(vars(plugin))
        translated.plugins.on_startup(command="build", dirty=False)
        theirs = translated.plugins["toolkit"]
        theirs.language = tag
        theirs.source_site_url = plugin.source_site_url
        failure = ""
        try:
            build_site(translated)
        except (Abort, PluginError) as err:
            failure = f"the translation into '{tag}' did not build: {err}"
            if isinstance(err, Abort):  # its problems are above, as they were found
                failure = f"the translation into '{tag}' did not build (see above)"
        finally:
            translated.plugins.on_shutdown()
            if theirs is plugin:
                plugin.__dict__.clear()
                plugin.__dict__.update(kept)
        if failure:
            yield failure


def noted(t: Toolkit, html: str, untranslated: bool) -> str:
    """A translated page's content, with a note under its title if any of it is
    in the source language; ``untranslated``: a hand-written page with no
    translation, all of it in the source language."""
    assert t.translation is not None
    source = t.source_language
    name = languages.display_name(source, t.language, capital=False)
    if untranslated:
        note = t.strings["translation_missing"].format(source=name)
        return f'<p class="tk-untranslated" role="note">{escape(note)}</p>\n' + (
            f'<div lang="{source}">\n{html}\n</div>'
        )
    _, count = fallbacks.mark_fallbacks(html, t.translation.fallbacks, source)
    if not count and f'lang="{source}"' not in html:
        return html
    note = t.strings["translation_incomplete"].format(source=name)
    notice = f'<p class="tk-untranslated" role="note">{escape(note)}</p>\n'
    heading_end = html.find("</h1>")
    if heading_end < 0:
        return notice + html
    cut = heading_end + len("</h1>")
    return html[:cut] + "\n" + notice + html[cut:]
