"""Apply a project's layer and a translation to the parsed documents of a load.

Both change the base's parsed documents in place, before anything is
checked: the layer's files (see :mod:`.layer`) first, then the translation
into the language asked for (see :mod:`.translate`), when the documents
themselves read. A language the toolkit's own words are not shipped in is
checked to give them all.
"""

from __future__ import annotations

from pathlib import Path as FsPath

from . import layer, layer_review, source, strings, translate, translator, validate
from .context import LoadContext
from .parsing import Parsed, parse_file, parse_folder
from .problems import Problem


def apply_translation(
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
    report, problems = translator.apply(
        tree, language, found, lambda path: parse_file(path, ctx), source_pages
    )
    report.source_language = str(value.get("language", "en"))
    ctx.add(problems)
    return report


def apply_layer(
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
        doc, problems = parse_file(path, ctx)
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
    top.reviewed = layer_review.read_reviewed(top.folder)
    added = parse_folder(top.data, ctx)[0] if top.data.is_dir() else {}
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


def keys_of(path: FsPath) -> list[str]:
    """The keys a strings.yml gives (none when it does not read: that is reported)."""
    import yaml

    try:
        value = yaml.safe_load(path.read_text(encoding="utf-8-sig")) if path.is_file() else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
    return [str(k) for k in value] if isinstance(value, dict) else []


def check_words(
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
