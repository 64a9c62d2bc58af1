"""Where a toolkit's parts are: its data, its page-template overrides, its
content folder and its cache, read from a project folder (its mkdocs.yml) or
found beside a data folder. For the `toolkit` command.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from . import CACHE_DIR
from .layer import FOLDER


class UsageError(Exception):
    """A mistake in the command line (exit code 2)."""


class Failure(Exception):
    """The command could not do its work (exit code 1); the message says why."""


class Project(NamedTuple):
    """Where a toolkit's parts are. ``root`` is the folder messages are relative
    to, as in the build (the folder of mkdocs.yml), so they read
    ``data/stages/x.yml:3:1: ...``."""

    root: Path
    data: Path
    overrides: Path | None
    content: Path | None  # the site's docs folder, where the logo and favicon are
    cache: Path  # what the build keeps between runs: the toolkit plugin's cache_dir
    config_file: Path | None = None  # mkdocs.yml, when the project has one
    layer: Path | None = None  # the project's own folder, local/ (see layer.py), if it has one


def _folder(path: Path) -> Path | None:
    return path if path.is_dir() else None


def locate(path: str | Path) -> Project:
    """The parts of the toolkit in ``path``: a project folder or a data folder."""
    where = Path(path)
    if not where.exists():
        raise UsageError(f"'{path}' does not exist; give the toolkit's folder or its data folder")
    if where.is_file():
        where = where.parent
    where = where.resolve()
    if (where / "mkdocs.yml").is_file():
        data_dir, overrides, docs_dir, cache_dir, layer_dir = _from_mkdocs_yml(where / "mkdocs.yml")
        own = _folder(where / layer_dir)
        if own is not None and (own / "overrides" / "toolkit").is_dir():
            overrides = f"{layer_dir}/overrides"  # the project's page templates, as in the build
        return Project(
            where,
            where / data_dir,
            (where / overrides) if overrides else None,
            _folder(where / docs_dir),
            where / cache_dir,
            where / "mkdocs.yml",
            own,
        )
    if (where / "toolkit.yml").is_file() and (where.parent / "mkdocs.yml").is_file():
        return locate(where.parent)  # a project's data folder: the project, its layer too
    if (where / "toolkit.yml").is_file():
        root = where.parent
        return Project(
            root,
            where,
            _folder(root / "overrides"),
            _folder(root / "content"),
            root / CACHE_DIR,
            layer=_folder(root / FOLDER),
        )
    if (where / "data" / "toolkit.yml").is_file():
        return Project(
            where,
            where / "data",
            _folder(where / "overrides"),
            _folder(where / "content"),
            where / CACHE_DIR,
            layer=_folder(where / FOLDER),
        )
    raise UsageError(
        f"no toolkit in '{path}': expected a folder with mkdocs.yml, "
        "data/toolkit.yml or toolkit.yml"
    )


def _from_mkdocs_yml(config_file: Path) -> tuple[str, str, str, str, str]:
    """The toolkit plugin's data_dir, the folder of template overrides (the
    plugin's ``overrides``, or the theme's custom_dir), the docs_dir, the
    plugin's cache_dir and its layer folder, read from mkdocs.yml."""
    from mkdocs.utils import yaml_load

    try:
        with open(config_file, encoding="utf-8") as f:
            raw = yaml_load(f) or {}
    except Exception as err:  # a YAML mistake in mkdocs.yml: say so, without a traceback
        raise Failure(f"{config_file.name} could not be read: {err}") from None
    options: dict = {}
    plugins = raw.get("plugins") or ()
    # MkDocs takes plugins as a list of names and one-key mappings, or as one mapping.
    entries = [plugins] if isinstance(plugins, dict) else plugins
    for entry in entries if isinstance(entries, list) else ():
        if isinstance(entry, dict) and isinstance(entry.get("toolkit"), dict):
            options = entry["toolkit"]
    theme = raw.get("theme")
    custom_dir = theme.get("custom_dir", "") if isinstance(theme, dict) else ""
    # As in the plugin: its own `overrides` option first, then the theme's custom_dir.
    overrides = options.get("overrides") or custom_dir or ""
    return (
        str(options.get("data_dir") or "data"),
        str(overrides),
        str(raw.get("docs_dir") or "docs"),
        str(options.get("cache_dir") or CACHE_DIR),
        str(options.get("layer") or FOLDER),
    )
