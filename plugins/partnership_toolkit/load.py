"""Load a toolkit's ``data/`` folder into a checked :class:`~.model.Toolkit`.

Every file is read and validated before anything is built, and every problem
of the run is gathered into one :class:`~.problems.DataError`, so an editor
fixes all their mistakes in one pass instead of one per build.

The files are parsed in :mod:`.parsing`, changed by a project's layer and a
translation in :mod:`.overlays`, and once checked, made into the toolkit in
:mod:`.assemble`.
"""

from __future__ import annotations

import dataclasses
import datetime
import gc
from pathlib import Path as FsPath
from typing import Any

from . import languages, layer, layout, readcache, source, strings, translate, validate
from .assemble import assemble_toolkit
from .context import LoadContext, declare_leniently
from .kinds import KINDS
from .model import Toolkit
from .overlays import _source_pages, apply_layer, apply_translation, check_words, keys_of
from .parsing import parse_file, parse_folder
from .problems import DataError, Problem, did_you_mean


def load(
    data_dir: FsPath,
    root: FsPath | None = None,
    content_dir: FsPath | None = None,
    cache_dir: FsPath | None = None,
    layer_dir: FsPath | None = None,
    language: str | None = None,
) -> Toolkit:
    """Read, validate and cross-check every data file; raise :class:`DataError` on problems.

    With ``content_dir`` (the site's docs folder), files the data names there,
    such as the logo, are checked to exist. With ``cache_dir``, files read
    without a problem are kept there, and unchanged files are not read again
    (see :class:`~.readcache.Cache`). With ``layer_dir`` (a project's
    ``local/`` folder, see :mod:`.layer`), its changes are applied to the data
    before anything is checked, and the toolkit's ``layer`` reports them.
    With ``language`` (one of the toolkit's ``translations``), the toolkit as
    translated into it (see :mod:`.translate`): its ``translation`` says what
    is translated, stale and missing.
    """
    # Loading makes hundreds of thousands of small objects and no garbage
    # cycles; pausing the cyclic collector meanwhile saves a quarter of the
    # time on a big toolkit (see BENCHMARKS.md).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        cache = readcache.Cache(FsPath(cache_dir)) if cache_dir is not None else None
        toolkit = _load(data_dir, root, content_dir, cache, layer_dir, language)
        if cache is not None:
            cache.prune()
        return toolkit
    finally:
        if was_enabled:
            gc.enable()


def _load(
    data_dir: FsPath,
    root: FsPath | None,
    content_dir: FsPath | None,
    cache: readcache.Cache | None,
    layer_dir: FsPath | None = None,
    language: str | None = None,
) -> Toolkit:
    data_dir = FsPath(data_dir)
    ctx = LoadContext(FsPath(root) if root else data_dir.parent, cache=cache)
    if not (data_dir / "toolkit.yml").is_file():
        raise DataError(
            [
                Problem(
                    ctx.display(data_dir / "toolkit.yml"),
                    1,
                    1,
                    "",
                    "the toolkit file is missing; every toolkit needs "
                    "data/toolkit.yml (see data/CONVENTIONS.md)",
                )
            ]
        )
    files, refused = parse_folder(data_dir, ctx)
    toolkit_doc, toolkit_problems = parse_file(data_dir / "toolkit.yml", ctx)
    top = layer.Layer(FsPath(layer_dir), ctx.display(FsPath(layer_dir))) if layer_dir else None
    report = None
    if top is not None:
        pages = None
        if content_dir is not None and FsPath(content_dir).is_dir():
            folder = FsPath(content_dir)
            pages = {p.relative_to(folder).as_posix() for p in folder.rglob("*.md")}
        report = apply_layer(top, files, toolkit_doc, toolkit_problems, ctx, pages)
    translation = None
    if language is not None:
        translation = apply_translation(
            language,
            files,
            toolkit_doc,
            toolkit_problems,
            ctx,
            layer_dir,
            _source_pages(content_dir, top, report),
        )
    if toolkit_doc is not None:
        toolkit_problems = toolkit_problems + [
            p
            for p in validate.check(toolkit_doc, "toolkit")
            if p.path not in {q.path for q in toolkit_problems}
        ]
        if not toolkit_problems:
            toolkit_problems = _review_date(toolkit_doc)
    ctx.add(toolkit_problems)
    toolkit_ok = toolkit_doc is not None and not toolkit_problems
    if toolkit_ok:
        _markdown_links(toolkit_doc, ctx)

    built: dict[str, Any] = {}
    for kind in KINDS:
        if kind.LOCATION.endswith("/"):
            built[kind.__name__] = {}
        for (location, file_id), (_, doc, problems) in files.items():
            if location != kind.LOCATION:
                continue
            ok = _check(doc, problems, kind.SCHEMA, ctx)
            if ok and kind.LOCATION.endswith("/"):
                built[kind.__name__][file_id] = kind.build(doc, file_id, ctx)
            elif ok:
                built[kind.__name__] = kind.build(doc, "", ctx)
            else:
                if not kind.LOCATION.endswith("/"):
                    built[kind.__name__] = None
                declare_leniently(kind.DEFINES, file_id, doc, ctx)

    own_language = toolkit_doc.value.get("language", "en") if toolkit_ok else "en"
    if not isinstance(own_language, str):
        own_language = "en"
    if translation is not None:
        # The shipped words of the language, then each translation's own.
        ui_strings = strings.for_language(translation.language)
        given: set[str] = set()
        for folder in translation.folders:
            path = folder.path / "strings.yml"
            ui_strings = strings.load(path, ctx, (), ui_strings, translation.language)
            given |= set(keys_of(path))
        check_words(translation, given, toolkit_doc, ctx)
    else:
        ui_strings = strings.load(data_dir / "strings.yml", ctx, refused, language=own_language)
        if top is not None:
            ui_strings = strings.load(top.folder / "strings.yml", ctx, (), ui_strings, own_language)
    stage_files = {file_id for location, file_id in files if location == "stages/"}
    theme_files = {file_id for location, file_id in files if location == "themes/"}
    toolkit = (
        assemble_toolkit(toolkit_doc, built, ui_strings, stage_files, theme_files, ctx)
        if toolkit_ok
        else None
    )
    content_dirs = [FsPath(content_dir)] if content_dir is not None else []
    if top is not None and top.content.is_dir():
        content_dirs.insert(0, top.content)
    if toolkit_ok:
        _check_language(toolkit_doc, ctx)
    if toolkit_ok and content_dirs:
        layout.check_files(toolkit_doc, content_dirs, ctx)
    if toolkit is not None:
        removed_pages = report.pages_removed if report else set()
        layout.check_addresses(toolkit, data_dir, content_dirs, removed_pages, ctx)
    if report is not None:
        ctx.removed = report.removed
        ctx.layer_display = top.display
        ctx.page_links(top.content, FsPath(content_dir) if content_dir else None, report)
    ctx.resolve()
    if ctx.problems or toolkit is None:
        raise DataError(ctx.problems)
    if report is not None:
        toolkit = dataclasses.replace(toolkit, layer=report)
    if translation is not None:
        toolkit = translate.translated(toolkit, translation)
    return toolkit


def _check(
    doc: source.Document | None, problems: list[Problem], kind: str, ctx: LoadContext
) -> bool:
    """Schema-check one parsed file: whether it is sound enough to build."""
    if doc is not None:
        # A value reading already refused (an alias, an unknown tag) is empty
        # now: the schema need not say so again.
        refused = {problem.path for problem in problems}
        problems = problems + [
            problem for problem in validate.check(doc, kind) if problem.path not in refused
        ]
        if not problems:
            problems = _review_date(doc)
    ctx.add(problems)
    ok = doc is not None and not problems
    if ok:
        _markdown_links(doc, ctx)
    return ok


def _review_date(doc: source.Document) -> list[Problem]:
    """A review date the schema's pattern lets through but no calendar has
    ("2026-02-30"), located: pages write it out in full."""
    value = doc.value.get("reviewed") if isinstance(doc.value, dict) else None
    if not isinstance(value, str):
        return []
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return [
            doc.problem(
                ("reviewed",),
                f"'{value}' is not a day of the calendar; write the date as YYYY-MM-DD",
            )
        ]
    return []


def _markdown_links(doc: source.Document, ctx: LoadContext) -> None:
    """Record ``[text](kind:id)`` links written inside Markdown fields, inline or
    by reference."""
    for path, text in doc.texts_with_markup():
        for target in validate.links(text):
            if found := validate.link_kind(target):
                ctx.use(*found, doc, path)


def _check_language(doc: source.Document, ctx: LoadContext) -> None:
    """The theme must have words for the toolkit's language (or its family), and
    for each language it is translated into, which must be another one."""
    tag = doc.value.get("language", "en")
    known = languages.theme_languages()
    wanted = [(("language",), tag)] + [
        (("translations", i), other) for i, other in enumerate(doc.value.get("translations") or ())
    ]
    for at, code in wanted:
        if known and languages.theme_language(code, known) is None:
            ctx.add(
                [
                    doc.problem(
                        at,
                        f"the site's theme has no words for '{code}'"
                        f"{did_you_mean(code, known)}; languages it knows: "
                        f"{', '.join(sorted(known))}",
                    )
                ]
            )
        elif at != ("language",) and code.split("-")[0] == str(tag).split("-")[0]:
            ctx.add(
                [
                    doc.problem(
                        at,
                        f"'{code}' is the toolkit's own language ({tag}): a translation is "
                        "into another language",
                    )
                ]
            )
