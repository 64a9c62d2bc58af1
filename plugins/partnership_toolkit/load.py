"""Load a toolkit's ``data/`` folder into a checked :class:`~.model.Toolkit`.

Every file is read and validated before anything is built, and every problem
of the run is gathered into one :class:`~.problems.DataError`, so an editor
fixes all their mistakes in one pass instead of one per build.
"""

from __future__ import annotations

import dataclasses
import gc
import re
from pathlib import Path as FsPath
from typing import Any

from . import branding, languages, layer, layout, readcache, source, strings, translate, validate
from .context import LoadContext, declare_leniently, tup
from .kinds import KINDS
from .layout import RESERVED
from .model import Branding, Cycle, Features, Organisation, Toolkit
from .problems import DataError, Problem, did_you_mean

KINDS_AT = "partnership_toolkit.kinds."  # the prefix of each kind module's name
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


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


Parsed = tuple[FsPath, source.Document | None, list[Problem]]


def _parse_folder(
    data_dir: FsPath, ctx: LoadContext
) -> tuple[dict[layer.Key, Parsed], set[FsPath]]:
    """Every data file of one data folder, parsed but not yet checked, and the
    entries refused (see :func:`.layout.check_layout`)."""
    refused = layout.check_layout(data_dir, ctx)
    out: dict[layer.Key, Parsed] = {}
    for kind in KINDS:
        location = data_dir / kind.LOCATION
        if kind.LOCATION.endswith("/"):
            for path in sorted(location.glob("*.yml")) if location.is_dir() else ():
                if path in refused:
                    continue
                if not ID.match(path.stem):
                    ctx.add(
                        [
                            Problem(
                                ctx.display(path),
                                1,
                                1,
                                "",
                                f"the file name '{path.name}'"
                                " is not a valid id; use lower-case letters, digits and "
                                "hyphens, e.g. 'finding-partners.yml'",
                            )
                        ]
                    )
                    continue
                out[(kind.LOCATION, path.stem)] = (path, *_parse(path, ctx))
        elif location.is_file() and location not in refused:
            out[(kind.LOCATION, "")] = (location, *_parse(location, ctx))
    return out, refused


def _parse(path: FsPath, ctx: LoadContext) -> tuple[source.Document | None, list[Problem]]:
    return source.read(path, ctx.display(path), ctx.cache)


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
    files, refused = _parse_folder(data_dir, ctx)
    toolkit_doc, toolkit_problems = _parse(data_dir / "toolkit.yml", ctx)
    top = layer.Layer(FsPath(layer_dir), ctx.display(FsPath(layer_dir))) if layer_dir else None
    report = None
    if top is not None:
        pages = None
        if content_dir is not None and FsPath(content_dir).is_dir():
            folder = FsPath(content_dir)
            pages = {p.relative_to(folder).as_posix() for p in folder.rglob("*.md")}
        report = _apply_layer(top, files, toolkit_doc, toolkit_problems, ctx, pages)
    translation = None
    if language is not None:
        translation = _translate(
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
            given |= set(_keys_of(path))
        _check_words(translation, given, toolkit_doc, ctx)
    else:
        ui_strings = strings.load(data_dir / "strings.yml", ctx, refused, language=own_language)
        if top is not None:
            ui_strings = strings.load(top.folder / "strings.yml", ctx, (), ui_strings, own_language)
    stage_files = {file_id for location, file_id in files if location == "stages/"}
    theme_files = {file_id for location, file_id in files if location == "themes/"}
    toolkit = (
        _assemble(toolkit_doc, built, ui_strings, stage_files, theme_files, ctx)
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


def _translate(
    language: str,
    files: dict[layer.Key, Parsed],
    toolkit_doc: source.Document | None,
    toolkit_problems: list[Problem],
    ctx: LoadContext,
    layer_dir: FsPath | None,
    source_pages: dict[str, FsPath] | None = None,
) -> translate.Report | None:
    """Apply the translation into ``language`` to the parsed documents (once
    the layer's changes are in them), when the source itself reads."""
    broken = [path for path, doc, problems in files.values() if doc is None or problems]
    if broken or toolkit_doc is None or toolkit_problems:
        return None  # the source's own mistakes first
    value = toolkit_doc.value if isinstance(toolkit_doc.value, dict) else {}
    if language not in (value.get("translations") or ()):
        ctx.add(
            [
                toolkit_doc.problem(
                    ("translations",),
                    f"'{language}' is not one of this toolkit's translations; add it to "
                    "translations in toolkit.yml",
                )
            ]
        )
        return None
    found = translate.folders(language, ctx.root, layer_dir, ctx.display)
    if not found:
        where = f"{ctx.display(layer_dir)}/" if layer_dir is not None else ""
        ctx.add(
            [
                toolkit_doc.problem(
                    ("translations", list(value["translations"]).index(language)),
                    f"no translation into '{language}': its folder is "
                    f"{where}{translate.FOLDER}/{language}/, which does not exist",
                )
            ]
        )
        return None
    tree = layer.Tree({key: doc for key, (_, doc, _) in files.items()}, toolkit_doc)
    report, problems = translate.apply(
        tree, language, found, lambda path: _parse(path, ctx), source_pages
    )
    report.source_language = str(value.get("language", "en"))
    ctx.add(problems)
    return report


def _apply_layer(
    top: layer.Layer,
    files: dict[layer.Key, Parsed],
    toolkit_doc: source.Document | None,
    toolkit_problems: list[Problem],
    ctx: LoadContext,
    base_pages: set[str] | None = None,
) -> layer.Report | None:
    """Read the layer's files and apply them to the base's parsed documents."""
    # The layer's toolkit file is checked once merged, as data/toolkit.yml is:
    # each mistake in it is reported once, at its own line.
    for name, kind in (("toolkit.yml", ""), ("changes.yml", "changes")):
        path = top.folder / name
        if not path.is_file() or not _has_data(path):
            continue  # none, or only comments: no changes yet
        doc, problems = _parse(path, ctx)
        if doc is not None and not isinstance(doc.value, dict):
            problems.append(
                doc.problem((), f"expected a mapping, found {validate.describe_value(doc.value)}")
            )
        elif doc is not None and kind:
            refused = {q.path for q in problems}
            problems += [p for p in validate.check(doc, kind) if p.path not in refused]
        ctx.add(problems)
        if doc is not None and not problems:
            setattr(top, name.removesuffix(".yml"), doc)
    ctx.add(layer.unknown_entries(top, ctx.display))
    for name in ("toolkit.yml", "strings.yml"):
        if (top.data / name).is_file():
            ctx.add(
                [
                    Problem(
                        ctx.display(top.data / name),
                        1,
                        1,
                        "",
                        f"a project's {name} is {top.display}/{name}, beside data/, not in "
                        "it; move the file there",
                    )
                ]
            )
    top.reviewed = layer.read_reviewed(top.folder)
    added = _parse_folder(top.data, ctx)[0] if top.data.is_dir() else {}
    broken = [path for path, doc, problems in files.values() if doc is None or problems]
    if broken or toolkit_doc is None or toolkit_problems:
        # The base itself does not read: its messages first, the layer's after.
        files.update(added)
        return None
    good = {key: doc for key, (path, doc, problems) in added.items() if doc and not problems}
    tree = layer.Tree({key: doc for key, (_, doc, _) in files.items()}, toolkit_doc)
    report, problems = layer.apply(top, tree, good, base_pages)
    ctx.add(problems)
    paths = {key: parsed[0] for key, parsed in {**files, **added}.items()}
    broken_own = {key: parsed for key, parsed in added.items() if key not in good}
    files.clear()
    files.update({key: (paths[key], doc, []) for key, doc in tree.docs.items()})
    files.update(broken_own)  # the project's files that do not read: reported as they are
    return report


def _keys_of(path: FsPath) -> list[str]:
    """The keys a strings.yml gives (none when it does not read: that is reported)."""
    import yaml

    try:
        value = yaml.safe_load(path.read_text(encoding="utf-8-sig")) if path.is_file() else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
    return [str(k) for k in value] if isinstance(value, dict) else []


def _check_words(
    translation: translate.Report, given: set[str], doc: source.Document | None, ctx: LoadContext
) -> None:
    """A language the toolkit's own words are not shipped in must give them all,
    or its pages would show buttons and messages in English, unmarked."""
    language = translation.language
    if strings.ships(language) or doc is None:
        return
    missing = [k for k in strings.defaults() if k not in given]
    if not missing:
        return
    where = translation.folders[-1].display if translation.folders else f"translations/{language}"
    at = list(doc.value.get("translations") or []).index(language)
    ctx.add(
        [
            doc.problem(
                ("translations", at),
                f"the toolkit's own words (buttons, headings, messages) are not shipped in "
                f"'{language}' (they are in: {', '.join(strings.shipped_languages())}): give "
                f"them in {where}/strings.yml; {len(missing)} are missing, e.g. "
                f"{', '.join(missing[:3])} (the keys of strings/en.yml in the toolkit package)",
            )
        ]
    )


def _source_pages(
    content_dir: FsPath | None, top: layer.Layer | None, report: layer.Report | None
) -> dict[str, FsPath]:
    """The hand-written pages a translation may translate: the base's and the
    project's (the project's in place of the base's), without those it removes."""
    pages: dict[str, FsPath] = {}
    for folder in (content_dir, top.content if top is not None else None):
        if folder is not None and FsPath(folder).is_dir():
            for page in sorted(FsPath(folder).rglob("*.md")):
                pages[page.relative_to(folder).as_posix()] = page
    for removed in report.pages_removed if report is not None else ():
        pages.pop(removed, None)
    return pages


def _has_data(path: FsPath) -> bool:
    """Whether a file holds more than comments and blank lines."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return True  # reading it says what is wrong
    return any(line.strip() and not line.lstrip().startswith("#") for line in lines)


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
    ctx.add(problems)
    ok = doc is not None and not problems
    if ok:
        _markdown_links(doc, ctx)
    return ok


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


def _assemble(
    doc: source.Document,
    built: dict[str, Any],
    ui_strings: dict[str, str],
    stage_files: set[str],
    theme_files: set[str],
    ctx: LoadContext,
) -> Toolkit | None:
    data = doc.value
    stages_by_id = built["partnership_toolkit.kinds.stages"]
    themes_by_id = built["partnership_toolkit.kinds.themes"]
    cycle = data["cycle"]

    stages = []
    for i, stage_id in enumerate(cycle["stages"]):
        if stage_id in stages_by_id:
            stages.append(stages_by_id[stage_id])
        elif stage_id not in stage_files:
            ctx.add(
                [
                    doc.problem(
                        ("cycle", "stages", i),
                        f"no stage file for '{stage_id}' "
                        f"(expected data/stages/{stage_id}.yml)"
                        f"{did_you_mean(stage_id, stages_by_id)}",
                    )
                ]
            )
    for stage_id in sorted(set(stages_by_id) - set(cycle["stages"])):
        ctx.add(
            [
                doc.problem(
                    ("cycle", "stages"),
                    f"the stage '{stage_id}' "
                    f"(data/stages/{stage_id}.yml) is not in the cycle; add it to "
                    "cycle.stages where it belongs, or delete the file",
                )
            ]
        )

    # Stages and themes are published at /<id>/: point at the file to rename.
    def file_of(kind: str, id_: str) -> source.Document:
        return ctx.defined[kind][id_][0]

    for name, ids in (("stage", stages_by_id), ("theme", themes_by_id)):
        for clash in sorted(RESERVED & set(ids)):
            ctx.add(
                [
                    file_of(name, clash).problem(
                        (),
                        f"the {name} id '{clash}' (its file name) "
                        "is reserved for the site's own pages; "
                        "rename the file",
                    )
                ]
            )

    heart = themes_by_id.get(cycle["heart"])
    # A heart theme whose file has mistakes is reported in that file, not here.
    if heart is None and cycle["heart"] not in theme_files:
        ctx.add(
            [
                doc.problem(
                    ("cycle", "heart"),
                    f"no theme with id '{cycle['heart']}'"
                    f"{did_you_mean(cycle['heart'], themes_by_id)}; the heart is a "
                    f"theme file, data/themes/{cycle['heart']}.yml",
                )
            ]
        )
    if heart is None or len(stages) != len(cycle["stages"]):
        return None

    brand = Branding(**data.get("branding", {}))
    for key, text_colour, background, what in branding.pairs(brand):
        ratio = branding.contrast(text_colour, background)
        if ratio < branding.AA_NORMAL_TEXT:
            ctx.add(
                [
                    doc.problem(
                        ("branding", key),
                        f"{what} is too hard to read: {text_colour} on "
                        f"{background} has a contrast of {ratio:.2f}:1, and WCAG AA needs "
                        f"at least {branding.AA_NORMAL_TEXT}:1; "
                        "pick a darker or lighter colour",
                    )
                ]
            )

    org = data["organisation"]
    contact = org.get("contact", {})
    licence = data.get("licence", {})
    # The heart is shown first, then the remaining themes in file-name order.
    themes = (heart, *(t for tid, t in sorted(themes_by_id.items()) if tid != heart.id))
    return Toolkit(
        title=data["title"],
        tagline=data.get("tagline", ""),
        description=data.get("description", ""),
        language=data.get("language", "en"),
        translations=tuple(data.get("translations", ())),
        organisation=Organisation(
            name=org["name"],
            url=org.get("url", ""),
            logo=org.get("logo", ""),
            favicon=org.get("favicon", ""),
            address=org.get("address", ""),
            contact_name=contact.get("name", ""),
            email=contact.get("email", ""),
            phone=contact.get("phone", ""),
        ),
        licence_name=licence.get("name", ""),
        licence_url=licence.get("url", ""),
        footer=data.get("footer", ""),
        branding=brand,
        features=Features(**data.get("features", {})),
        cycle=Cycle(
            title=cycle["title"],
            introduction=cycle["introduction"],
            stages=tuple(stages),
            heart=heart,
        ),
        themes=themes,
        principle_sets=tuple(
            v for _, v in sorted(built["partnership_toolkit.kinds.principles"].items())
        ),
        glossary=built.get("partnership_toolkit.kinds.glossary"),
        checklists=_in_cycle_order(built[f"{KINDS_AT}checklists"], stages, "checklists"),
        templates=_in_cycle_order(built[f"{KINDS_AT}templates"], stages, "templates"),
        assessments=tuple(a for _, a in sorted(built[f"{KINDS_AT}assessments"].items())),
        sources=tup(built.get("partnership_toolkit.kinds.sources")),
        strings=ui_strings,
    )


def _in_cycle_order(items: dict[str, Any], stages: list[Any], field: str) -> tuple[Any, ...]:
    """Checklists or templates in the order the cycle first offers them (each
    stage's own, then its steps'), and any it never offers after, by id: the
    order a reader meets them in, in the indexes, the menu and the print pack."""
    order: list[str] = []
    for stage in stages:
        for owner in (stage, *stage.steps):
            order += [i for i in getattr(owner, field) if i in items and i not in order]
    order += sorted(i for i in items if i not in order)
    return tuple(items[i] for i in order)
