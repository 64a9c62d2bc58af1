"""Write a toolkit out as a plain MkDocs + Material project, without the toolkit's plugins.

This is the hedge against the toolkit's own site builder going away: every
page (the generated ones and the hand-written ones, with their macros already
expanded) is written as Markdown, next to the assets, the theme partials and
an ``mkdocs.yml`` that needs nothing but MkDocs and Material. Any other
Markdown site builder can start from the same folder.

The pages are captured from a real MkDocs build of the project, after every
plugin has had its say (``on_page_markdown``), so the export shows exactly
what the site shows.

``engine="zensical"`` writes the same project for Zensical, Material's
successor, which reads the same ``mkdocs.yml``. Two things differ: Zensical
reads a raw HTML link to a file (a page's stylesheet, a Word file) relative
to the page's Markdown file, as it reads Markdown links, where MkDocs leaves
raw HTML as written, relative to the page's address; and its "classic" theme
variant is the one that looks (and takes the brand colours) as Material does.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
import shutil
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import yaml_load

from . import languages
from .urls import page_url

DOCS = "docs"
OVERRIDES = "overrides"
# Plugins that only exist to turn data into pages; the export has the pages already.
TOOLKIT_PLUGINS = {"toolkit", "macros"}
# The toolkit's page templates live in overrides/toolkit/; they mean nothing to plain MkDocs.
TOOLKIT_OVERRIDES = "toolkit"
ENGINES = ("mkdocs", "zensical")
# A raw HTML link to a file of the site: relative, with a file extension.
_FILE_LINK = re.compile(
    r'(?<![\w-])(?P<attr>href|src)="(?P<path>(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)[^"#?]*\.[A-Za-z0-9]+)'
    r'(?P<rest>[#?][^"]*)?"'
)


class ExportError(Exception):
    """The project could not be exported; the message says why."""


class _Capture(BasePlugin):
    """Collects every page's final Markdown and every other file of a build."""

    def __init__(self, docs: Path, engine: str = "mkdocs") -> None:
        self.docs = docs
        self.engine = engine
        self.pages: list[str] = []
        self.config: MkDocsConfig | None = None

    @event_priority(-100)  # after the toolkit has added its pages and assets
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        for file in files:
            if file.is_documentation_page() or not file.inclusion.is_included():
                continue
            target = self.docs / file.src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.content_bytes)
        return files

    # After macros has rendered the hand-written pages and the toolkit has given
    # its generated pages their Markdown (at -100).
    @event_priority(-200)
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        # As plain text: YAML cannot write Markup, and the title is escaped already.
        meta = {
            k: str(v) if isinstance(v, str) else v
            for k, v in page.meta.items()
            if k != "render_macros"
        }
        front = (
            "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"
            if meta
            else ""
        )
        written = markdown
        if self.engine == "zensical":
            written = source_relative(markdown, page.file.src_uri, config.use_directory_urls)
        target = self.docs / page.file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(front + written, encoding="utf-8")
        self.pages.append(page.file.src_uri)
        return markdown

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.config = config


def source_relative(markdown: str, src: str, directory_urls: bool) -> str:
    """The page's raw HTML links to files, relative to its Markdown file ``src``
    rather than to its address (what Zensical expects); other links as they are."""
    here = page_url(src, directory_urls)
    base = here if here.endswith("/") else posixpath.dirname(here)
    folder = posixpath.dirname(src)

    def moved(found: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(base, found["path"]))
        if target == ".." or target.startswith("../"):
            return found.group(0)  # outside the site: left as written
        # Both paths are inside the site: relpath never looks at the working folder.
        path = posixpath.relpath("/" + target, "/" + folder)
        return f'{found["attr"]}="{path}{found["rest"] or ""}"'

    return _FILE_LINK.sub(moved, markdown)


def export(project_dir: Path, out_dir: Path, engine: str = "mkdocs") -> Path:
    """Export the toolkit project in ``project_dir`` to ``out_dir``; return its ``mkdocs.yml``.

    ``out_dir`` must be empty or not exist yet, so an export never mixes with
    older files. Raises :class:`ExportError` when it cannot be done, and lets
    MkDocs' own errors (a data problem, a bad macro) through with their message.
    """
    project_dir = Path(project_dir).resolve()
    out_dir = Path(out_dir).resolve()
    config_file = project_dir / "mkdocs.yml"
    if not config_file.is_file():
        raise ExportError(f"{project_dir} has no mkdocs.yml; give the folder of your toolkit")
    if out_dir.exists() and any(out_dir.iterdir()):
        raise ExportError(f"{out_dir} is not empty; export into a new or empty folder")
    if (
        out_dir == project_dir
        or project_dir in out_dir.parents
        and out_dir.relative_to(project_dir).parts[0] in ("content", "data")
    ):
        raise ExportError(
            f"{out_dir} is inside the toolkit's own content or data; export somewhere else"
        )
    docs = out_dir / DOCS
    docs.mkdir(parents=True)

    if engine not in ENGINES:
        raise ExportError(f"no engine '{engine}'; choose one of: {', '.join(ENGINES)}")
    capture = _Capture(docs, engine)
    with tempfile.TemporaryDirectory(prefix="toolkit-export-") as site:
        config = load_config(str(config_file), site_dir=site)
        config.plugins["toolkit-export"] = capture
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    if capture.config is None:  # pragma: no cover - build() raises before this
        raise ExportError("the build did not finish, so nothing was exported")

    has_overrides = _copy_overrides(project_dir, config, out_dir / OVERRIDES)
    settings = _settings(config_file, capture.config, has_overrides)
    builder = "MkDocs and Material alone"
    if engine == "zensical":
        settings["theme"]["variant"] = "classic"  # Material's look, brand colours included
        builder = "Zensical"
    target = out_dir / "mkdocs.yml"
    target.write_text(
        "# Exported by `toolkit export`: the toolkit's pages as plain Markdown, built with\n"
        f"# {builder} (no toolkit plugin, no macros). Build it with\n"
        f"#   {engine} build\n"
        "# or copy docs/ into another Markdown site builder.\n"
        + yaml.safe_dump(settings, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return target


def _copy_overrides(project_dir: Path, config: MkDocsConfig, target: Path) -> bool:
    """The toolkit's theme partials, then the fork's own overrides on top of them."""
    copied = False
    ours = resources.files("partnership_toolkit").joinpath("theme")
    if ours.is_dir():
        with resources.as_file(ours) as folder:
            if any(Path(folder).rglob("*.html")):
                shutil.copytree(folder, target, dirs_exist_ok=True)
                copied = True
    custom = config.theme.custom_dir
    if custom and Path(custom).is_dir():
        shutil.copytree(
            custom,
            target,
            dirs_exist_ok=True,
            ignore=lambda d, names: (
                [TOOLKIT_OVERRIDES] if Path(d).resolve() == Path(custom).resolve() else []
            ),
        )
        copied = True
    if copied:
        for cache in target.rglob("__pycache__"):
            shutil.rmtree(cache)
    return copied and any(target.iterdir())


def _settings(config_file: Path, config: MkDocsConfig, has_overrides: bool) -> dict[str, Any]:
    """The exported mkdocs.yml: the project's own settings, minus the toolkit's machinery.

    Starts from the project's file as written (so options keep their readable
    form), and takes from the finished build what the toolkit plugin decided:
    the site name, the navigation, the theme's logo and language, the assets.
    """
    with open(config_file, encoding="utf-8") as f:
        raw: dict[str, Any] = yaml_load(f) or {}
    toolkit_plugin = config.plugins.get("toolkit")
    toolkit = getattr(toolkit_plugin, "toolkit", None)

    out: dict[str, Any] = {"site_name": str(config.site_name)}
    for key in (
        "site_url",
        "site_description",
        "site_author",
        "copyright",
        "repo_url",
        "repo_name",
        "edit_uri",
        "use_directory_urls",
    ):
        value = config.get(key)
        if value not in (None, ""):
            out[key] = str(value) if isinstance(value, str) else value  # Markup: plain text
    out["docs_dir"] = DOCS
    # MkDocs leaves /templates/ out by default; the agreement templates live there.
    out["exclude_docs"] = "!/templates/\n"

    theme = dict(raw.get("theme") or {"name": "material"})
    theme.pop("custom_dir", None)
    if has_overrides:
        theme["custom_dir"] = OVERRIDES
    for key in ("language", "logo", "favicon"):
        if config.theme.get(key):
            theme[key] = config.theme[key]
    if "language" in theme:  # a language only the toolkit's theme partials add (en-GB)
        theme["language"] = (
            languages.theme_language(theme["language"], languages.theme_languages(ours=False))
            or "en"
        )
    out["theme"] = theme

    out["plugins"] = [
        p for p in raw.get("plugins", ["search"]) if _plugin_name(p) not in TOOLKIT_PLUGINS
    ]
    for key in ("markdown_extensions", "validation", "not_in_nav", "extra_templates"):
        if key in raw:
            out[key] = raw[key]
    out["extra_css"] = [str(s) for s in config.extra_css]
    out["extra_javascript"] = [str(s) for s in config.extra_javascript]
    extra = dict(raw.get("extra") or {})
    if toolkit is not None:
        # The footer partial reads the organisation from here when the toolkit
        # plugin is not there to give it.
        extra["toolkit_footer"] = {
            "organisation": dataclasses.asdict(toolkit.organisation),
            "contact_label": toolkit.strings["footer_contact"],
        }
    if extra:
        out["extra"] = extra
    out["nav"] = config.nav
    return out


def _plugin_name(entry: Any) -> str:
    if isinstance(entry, dict):
        return next(iter(entry), "")
    return str(entry)
