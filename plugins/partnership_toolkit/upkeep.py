"""``toolkit init``, ``toolkit status`` and ``toolkit migrate``: a project's layer.

A toolkit project is the base toolkit (this repository: the generator, its
``data/``, ``content/``, ``overrides/`` and ``mkdocs.yml``) plus the project's
own folder, ``local/`` (see :mod:`.layer`). These commands make that folder,
list what it changes and what a new version of the base asks the project to
look at again, and turn a fork made the old way (edits in the base's own
files) into one.

``toolkit status`` is here: the layer's changes, what to review in them, and
how far each translation has got. ``toolkit init`` is in :mod:`.project_init`,
``toolkit migrate`` in :mod:`.migrate`.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from . import layer, layer_review
from .layer import Change, Report, fingerprint
from .project import Failure, Project, UsageError, locate

# -- toolkit status ---------------------------------------------------------------------------


def _own_project(path: str, need_layer: bool = True) -> tuple[Project, Any]:
    project = locate(path)
    if project.layer is None and need_layer:
        raise Failure(
            f"{project.root} has no {layer.FOLDER}/ folder, so it changes nothing: it is the "
            "base toolkit itself. Run 'toolkit init' to start your own toolkit's folder"
        )
    return project, _load_project(project)


def _load_project(project: Project, language: str | None = None) -> Any:
    from .load import load  # the loader pulls in the schemas: only when needed
    from .problems import DataError

    try:
        return load(
            project.data,
            root=project.root,
            content_dir=project.content,
            layer_dir=project.layer,
            language=language,
        )
    except DataError as err:
        which = f"the translation into '{language}'" if language else "the toolkit"
        raise Failure(f"{which} does not load; fix these first:\n" + err.report()) from None


def _files(folder: Path) -> Iterator[tuple[str, Path]]:
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            rel = path.relative_to(folder).as_posix()
            if not any(part.startswith(".") for part in rel.split("/")):
                yield rel, path


def _base_theme_file(project: Project, rel: str) -> Path | None:
    """The file of the base that ``local/overrides/<rel>`` takes the place of."""
    # The project's own copy of the generator first: the one it is installed from.
    own = project.root / "plugins" / "partnership_toolkit"
    package = own if own.is_dir() else resources.files("partnership_toolkit")
    candidates = [project.root / "overrides" / rel]
    if rel.startswith("toolkit/"):
        candidates.append(Path(str(package.joinpath("templates", rel.removeprefix("toolkit/")))))
    else:
        candidates.append(Path(str(package.joinpath("theme", rel))))
        try:
            import material

            candidates.append(Path(material.__file__).parent / "templates" / rel)
        except ImportError:  # pragma: no cover - Material is a dependency
            pass
    return next((c for c in candidates if c.is_file()), None)


def file_changes(project: Project) -> list[Change]:
    """The layer's pages and overrides, each with a fingerprint of the base file it replaces."""
    assert project.layer is not None
    out = []
    base_content = project.content or project.root / "content"
    for rel, _ in _files(project.layer / "content"):
        base = base_content / rel
        shown = f"{layer.FOLDER}/content/{rel}"
        if base.is_file():
            out.append(Change("page replaced", f"content/{rel}", shown, {"": _digest(base)}))
        elif rel.endswith(".md"):
            out.append(Change("page added", f"content/{rel}", shown))
    site = project.layer / "site.yml"
    settings = _load_quietly(site)
    if isinstance(settings, dict):
        base_nav = _base_nav(project)
        for key in settings:
            base = {"": fingerprint(base_nav)} if key == "nav" else {}
            out.append(Change("set", f"site.{key}", f"{layer.FOLDER}/site.yml", base))
    for rel, _ in _files(project.layer / "overrides"):
        if rel.endswith(".md"):
            continue
        base = _base_theme_file(project, rel)
        shown = f"{layer.FOLDER}/overrides/{rel}"
        out.append(
            Change("override", f"overrides/{rel}", shown, {"": _digest(base)} if base else {})
        )
    return out


def _load_quietly(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None


def _base_nav(project: Project) -> Any:
    """The base's menu, from its mkdocs.yml (which may use MkDocs' own YAML tags)."""
    if project.config_file is None:
        return None
    from mkdocs.utils import yaml_load

    try:
        with open(project.config_file, encoding="utf-8") as f:
            return (yaml_load(f) or {}).get("nav")
    except Exception:  # a mistake in mkdocs.yml is the build's to report
        return None


def _digest(path: Path) -> str:
    """A file's fingerprint, the same whichever line endings a checkout gives it."""
    text = path.read_bytes().decode("utf-8", "replace")
    return fingerprint(text.replace("\r\n", "\n"))


WORDS = {
    "set": "set",
    "patched": "patched",
    "added": "added",
    "replaced": "replaced",
    "removed": "removed",
    "ordered": "ordered",
    "page added": "page added",
    "page replaced": "page replaced",
    "page removed": "page removed",
    "override": "overridden",
}


def status(path: str, reviewed: list[str] | None, translated: list[str] | None = None) -> int:
    project, toolkit = _own_project(path, need_layer=False)
    if translated is not None:
        return _record_translations(project, toolkit, translated)
    if project.layer is None:
        if not toolkit.translations:
            _own_project(path)  # says why there is nothing to show
        return _translation_status(project, toolkit)
    code = _layer_status(project, toolkit, reviewed)
    if reviewed is None and toolkit.translations:
        print()
        _translation_status(project, toolkit)
    return code


def _layer_status(project: Project, toolkit: Any, reviewed: list[str] | None) -> int:
    assert project.layer is not None
    report: Report = toolkit.layer
    changes = report.changes + file_changes(project)
    stored = layer_review.read_reviewed(project.layer)
    everything = Report(changes, report.removed, report.pages_removed)
    if reviewed is not None:
        unknown = [a for a in reviewed if a not in {c.address for c in changes}]
        if unknown:
            raise UsageError(
                f"no change at {', '.join(unknown)}; give addresses as 'toolkit status' lists them"
            )
        # A record for each change there still is: one the base no longer has
        # keeps its record, so it stays a note (not a mistake) until its line goes.
        current = {c.address for c in changes}
        stored = {a: fp for a, fp in stored.items() if a in current}
        stored.update(layer_review.review_record(everything, reviewed))
        _write_reviewed(project.layer, stored)
        print(
            f"recorded in {layer.FOLDER}/{layer.REVIEWED} what the base says now for "
            f"{len(reviewed) or 'all'} of your changes."
        )
        return 0
    print(f"Your toolkit's changes to the base ({layer.FOLDER}/):")
    width = max((len(WORDS[c.what]) for c in changes), default=0)
    for change in sorted(changes, key=_order):
        fields = [f for f in change.base if f] if change.what == "patched" else []
        named = change.address + (f" ({', '.join(fields)})" if fields else "")
        print(f"  {WORDS[change.what]:<{width}}  {named}  [{change.where}]")
    if not changes:
        print("  none yet")
    # What the project leaves out needs no second look when the base changes it.
    review = [
        (c, fields)
        for c, fields in layer_review.to_review(everything, stored)
        if c.what not in ("removed", "page removed")
    ]
    if review:
        print(
            f"\nTo review: {len(review)} of your changes, where the base changed "
            "since you last reviewed them:"
        )
        for change, fields in review:
            print(f"  {change.address}: {_why(change, fields)}")
        print(
            "Look at each: compare the base's new text with yours and change yours if "
            "you want; then run 'toolkit status --reviewed' (or --reviewed ADDRESS for one)."
        )
    fresh = layer_review.unreviewed(everything, stored)
    if fresh:
        print(
            f"\n{len(fresh)} of your changes have no record of the base's text yet, so a "
            "later version cannot tell you when it changes: run 'toolkit status --reviewed'."
        )
    if not review and not fresh:
        print("\nNothing to review: the base has not changed anything you change.")
    return 0


# How many untranslated items `toolkit status` names for each language.
MISSING_SHOWN = 15


def _translation_status(project: Project, toolkit: Any) -> int:
    """For each language the toolkit is translated into: how much is translated,
    stale (the source text changed since) and missing, and the items behind them."""
    from . import languages

    print("Translations:")
    for tag in toolkit.translations:
        report = _load_project(project, tag).translation
        total = len(report.entries)
        name = languages.display_name(tag, "en")
        print(
            f"  {tag} ({name}): {report.count('translated')} translated, "
            f"{report.count('stale')} stale, {report.count('missing')} missing, of {total}"
        )
        stale = [e for e in report.entries if e.state == "stale"]
        if stale:
            print("    stale: the source text changed since it was translated")
            for entry in stale:
                print(f"      {entry.key}  [{entry.where}]")
            print(
                f"    Check each against the source, then record it: 'toolkit status "
                f"--translated {tag}' (or --translated {tag} KEY for one)."
            )
        fresh = [e for e in report.entries if e.state == "translated" and not e.recorded]
        if fresh:
            print(
                f"    {_count(len(fresh), 'translation')} {'has' if len(fresh) == 1 else 'have'} "
                "no record yet of the source text translated, so a later change to that "
                f"text cannot be noticed: once checked, run 'toolkit status --translated {tag}'."
            )
        missing: dict[str, list[str]] = {}
        for entry in report.entries:
            if entry.state == "missing":
                address, _, inside = entry.key.partition("#")
                missing.setdefault(address, []).append(inside)
        if missing:
            print("    missing, shown in the source language:")
            for address, inside in list(missing.items())[:MISSING_SHOWN]:
                print(f"      {address} ({', '.join(inside)})")
            if len(missing) > MISSING_SHOWN:
                print(f"      ... and {len(missing) - MISSING_SHOWN} more items")
    return 0


def _record_translations(project: Project, toolkit: Any, given: list[str]) -> int:
    """Record, for a language's translated values (all, or those named), the
    fingerprint of the source text they translate now."""
    from . import translate

    tag, *keys = given
    if tag not in toolkit.translations:
        known = ", ".join(toolkit.translations) or "none"
        raise UsageError(f"'{tag}' is not one of this toolkit's translations (they are: {known})")
    report = _load_project(project, tag).translation
    done = [e for e in report.entries if e.state != "missing"]
    if keys:
        named = [e for e in done if e.key in keys or e.key.partition("#")[0] in keys]
        unknown = [
            k for k in keys if not any(e.key == k or e.key.startswith(k + "#") for e in named)
        ]
        if unknown:
            raise UsageError(
                f"nothing translated at {', '.join(unknown)}; give keys as 'toolkit status' "
                "lists them (step:scoping#title), or an item's address (step:scoping)"
            )
        done = named
    by_folder: dict[Path, list[Any]] = {}
    for entry in done:
        if entry.folder is not None:
            by_folder.setdefault(entry.folder, []).append(entry)
    for folder, entries in by_folder.items():
        record = translate.read_fingerprints(folder)
        record.update({e.key: e.fingerprint for e in entries})
        translate.write_fingerprints(folder, record)
        shown = folder.relative_to(project.root) if folder.is_relative_to(project.root) else folder
        print(
            f"recorded in {shown.as_posix()}/{translate.FINGERPRINTS} the source text of "
            f"{_count(len(entries), 'translation')} into '{tag}'."
        )
    return 0


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _order(change: Change) -> tuple[int, str]:
    return list(WORDS).index(change.what), change.address


def _why(change: Change, fields: list[str]) -> str:
    if change.gone:
        return (
            f"the base no longer has it, so your {change.what.split()[0]} change "
            f"({change.where}) applies to nothing: delete it, or add the item as your own"
        )
    if change.what == "patched":
        return (
            f"the base changed {', '.join(fields)}, which you patch ({change.where}); "
            "your text is what the site shows"
        )
    if change.what in ("page replaced", "override", "replaced"):
        return f"the base changed the file your {change.where} takes the place of"
    return f"the base changed what you {change.what} ({change.where})"


def _write_reviewed(folder: Path, stored: dict[str, Any]) -> None:
    head = (
        "# Written by 'toolkit status --reviewed': a fingerprint of the base's text for\n"
        "# each of your changes when you last reviewed it. 'toolkit status' compares them\n"
        "# with the base's text now.\n"
    )
    text = yaml.safe_dump(dict(sorted(stored.items())), sort_keys=False, allow_unicode=True)
    (folder / layer.REVIEWED).write_text(head + text, encoding="utf-8")
