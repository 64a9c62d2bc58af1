"""The Jinja environment of the page templates: the package's templates under
a fork's ``overrides/toolkit/``, every one autoescaped, compiled templates
kept between builds, and comments written ``{%# ... #%}`` (a fork's ordinary
``{# ... #}`` is refused with its line: it would be published as text).
"""

from __future__ import annotations

import hashlib
import pickle
import re
from pathlib import Path as FsPath

import jinja2

from . import markup
from .markup import md_text
from .versions import installed

OVERRIDE_FOLDER = "toolkit"  # under the theme's custom_dir, e.g. overrides/toolkit/


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled page templates kept between builds, so a build (and each rebuild
    of ``mkdocs serve``) does not parse and compile them again.

    Jinja reuses an entry only while the template's source is unchanged; the
    file names also carry a digest of this module, which sets how templates
    compile, so a new version of the toolkit never reads an old entry. A cache
    folder that cannot be written (a read-only checkout) is simply not used.
    """

    def __init__(self, folder: FsPath, compiled_by: str = "") -> None:
        code = FsPath(__file__).read_bytes()
        digest = hashlib.sha256(code + installed("jinja2").encode() + compiled_by.encode())
        digest = digest.hexdigest()[:12]
        super().__init__(str(folder), pattern=f"{digest}-%s.cache")
        # Entries of another version of the toolkit, and files a build that was
        # stopped while writing left behind.
        for stale in [*folder.glob("*.cache"), *folder.glob("*.tmp")]:
            if stale.suffix == ".tmp" or not stale.name.startswith(digest):
                try:
                    stale.unlink()
                except OSError:
                    pass

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
            # unreadable or cut short (a full disk): compile anew
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _bytecode_cache(folder: FsPath | None, compiled_by: str = "") -> jinja2.BytecodeCache | None:
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _BytecodeCache(folder, compiled_by)


def theme_cache(folder: FsPath, env: jinja2.Environment) -> jinja2.BytecodeCache | None:
    """The theme's templates (Material's and the toolkit's partials), compiled
    once and kept between builds like the page templates: MkDocs compiles them
    again on every build and rebuild, a second of a small toolkit's build.

    How they compile depends on the environment MkDocs and Material set up
    (its extensions and escaping), so their versions and those settings are
    part of every entry's name."""

    def passes(functions: dict) -> list[str]:  # what each filter or test is given
        return [f"{n}:{getattr(f, 'jinja_pass_arg', '')}" for n, f in sorted(functions.items())]

    settings = [
        installed("mkdocs"),
        installed("mkdocs-material"),
        *sorted(env.extensions),
        *passes(env.filters),
        *passes(env.tests),
        str(bool(env.autoescape)),
        str(env.finalize is not None),
        repr(env.newline_sequence),
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        str(env.trim_blocks),
        str(env.lstrip_blocks),
        str(env.keep_trailing_newline),
    ]
    return _bytecode_cache(folder, "|".join(settings))


# An ordinary Jinja comment, which these templates would publish as page text.
# (No "}" inside: "{#name}" is an anchor, and a comment ends "#}".)
_PLAIN_COMMENT = re.compile(r"\{#[^}]*#\}")


class _ForkLoader(jinja2.FileSystemLoader):
    """A fork's page templates, refused with the line when one writes a Jinja
    comment the usual way: here comments are ``{%# ... #%}``, because ``{#id}``
    is how Markdown gives a heading its anchor."""

    def get_source(self, environment, template):  # type: ignore[no-untyped-def]
        source, filename, uptodate = super().get_source(environment, template)
        found = _PLAIN_COMMENT.search(source)
        if found:
            raise jinja2.TemplateSyntaxError(
                "'{# ... #}' would be published as text: write comments in the "
                "toolkit's page templates as '{%# ... #%}' ({#name} gives a "
                "heading its anchor)",
                source.count("\n", 0, found.start()) + 1,
                template,
                filename,
            )
        return source, filename, uptodate


def environment(
    overrides: FsPath | None = None, cache_dir: FsPath | None = None
) -> jinja2.Environment:
    """The page templates' environment; ``cache_dir`` keeps compiled templates."""
    loaders: list[jinja2.BaseLoader] = []
    if overrides is not None and (overrides / OVERRIDE_FOLDER).is_dir():
        loaders.append(_ForkLoader(str(overrides / OVERRIDE_FOLDER)))
    loaders.append(jinja2.PackageLoader("partnership_toolkit", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        bytecode_cache=_bytecode_cache(cache_dir),
        # Every template is autoescaped, so a value a template forgets to
        # escape is still shown as text. In Markdown, text is escaped with the
        # `text` filter (see markup.md_text), whose result is safe in both.
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "svg", "md.j2"), default_for_string=False
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # One environment serves one build; `mkdocs serve` makes a new one for
        # each rebuild, so templates need not be checked for changes each use.
        auto_reload=False,
        # `{#id}` is how Markdown (attr_list) gives a heading its anchor, so
        # Jinja comments are written {%# like this #%} instead.
        comment_start_string="{%#",
        comment_end_string="#%}",
    )
    env.filters["text"] = md_text
    env.filters["url"] = markup.url
    env.filters["prefix"] = lambda items, prefix: [prefix + item for item in items]
    env.filters["css_string"] = markup.css_string
    return env
