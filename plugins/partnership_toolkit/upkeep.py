"""``toolkit init``, ``toolkit status`` and ``toolkit migrate``: a project's layer.

A toolkit project is the base toolkit (this repository: the generator, its
``data/``, ``content/``, ``overrides/`` and ``mkdocs.yml``) plus the project's
own folder, ``local/`` (see :mod:`.layer`). These commands make that folder,
list what it changes and what a new version of the base asks the project to
look at again, and turn a fork made the old way (edits in the base's own
files) into one.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from . import layer
from .layer import Change, Report, fingerprint
from .project import Failure, Project, UsageError, locate

SCHEMA_LINE = "# yaml-language-server: $schema={up}plugins/partnership_toolkit/schema/{name}\n"
BASE_FILES = ("mkdocs.yml", "data", "content", "overrides")


def _repository() -> Path | None:
    """The toolkit repository this command runs from, if it runs from one."""
    here = Path(__file__).resolve().parents[2]
    if (here / "mkdocs.yml").is_file() and (here / "data" / "toolkit.yml").is_file():
        return here
    return None


def _is_base(folder: Path) -> bool:
    return (folder / "mkdocs.yml").is_file() and (folder / "data" / "toolkit.yml").is_file()


# -- toolkit init -----------------------------------------------------------------------------


STARTERS = {
    "toolkit.yml": (
        "layer-toolkit.schema.json",
        """\
# Your toolkit's identity. Each field here replaces the base toolkit's
# (data/toolkit.yml); fields you leave out keep the base's, and take in its
# later improvements. Inside organisation, branding, features and cycle, each
# field is replaced on its own.
title: Our Partnership Toolkit
organisation:
  name: Our organisation
  # url: https://example.org/
  # logo: assets/logo.svg        # a file in local/content/assets/
  # favicon: assets/favicon.png
  # contact:
  #   name: Ceri Morgan
  #   email: partnerships@example.org
# footer: Our organisation, registered charity 1234567.
# branding:
#   primary: "#0b5d3b"           # keep the quotation marks
#   accent: "#8a1c4a"
# language: cy                   # then translate the words in local/strings.yml
# features:
#   principles: false            # turn a whole kind off
""",
    ),
    "changes.yml": (
        "changes.schema.json",
        """\
# What your toolkit changes in the base toolkit, item by item. An item is
# named by its address: its kind and id (step:scoping), then /id for an item
# inside it (checklist:getting-started/agree-joint-purpose). Fields you do not
# name keep the base's text, and take in its later improvements.
patch: {}
#   step:scoping:
#     guidance: |
#       Your own guidance for this step.
#   checklist:getting-started/agree-joint-purpose:
#     text: Your own words for this item.
remove: []
#   - template:dispute-resolution    # its page, menu entry and every list naming it go
#   - content/customising.md         # a hand-written page
# add:                               # new items inside the base's, at the end
#   stage:working-together:
#     - id: checking-in
#       title: Checking in
#       ...
# order:                             # the ids to put first; the rest follow as before
#   stage:working-together: [structure-and-agreements, checking-in]
""",
    ),
    "site.yml": (
        "site.schema.json",
        """\
# Your site's settings, in place of mkdocs.yml's (which belongs to the base).
site_url: ""   # your published address, e.g. https://example.org/toolkit/
# repo_url: https://github.com/your-organisation/your-toolkit
# nav:         # your own menu; "@toolkit" is where the generated pages go
#   - Home: index.md
#   - "@toolkit"
#   - About: about.md
""",
    ),
}

README = """\
# Our toolkit's own files

Everything that makes this toolkit ours, and nothing else: the base toolkit
around this folder (data/, content/, overrides/, mkdocs.yml, plugins/) is
never edited here, and its new versions never write this folder, so taking
them in never conflicts with our changes.

- toolkit.yml: our name, organisation, colours, language and features;
- changes.yml: the base's items we change (patch), leave out (remove),
  extend (add) and reorder (order);
- data/: our own stages, checklists, templates, themes and principles, laid
  out as the base's data/ (a file with a base file's name replaces it);
- strings.yml: the toolkit's own words, e.g. translated;
- content/: our own pages and images (a page with a base page's path replaces it);
- overrides/: our own theme overrides; overrides/toolkit/ our page templates;
- site.yml: our site's address and menu;
- reviewed.yml: written by `toolkit status --reviewed`.

After taking in a new version, run `toolkit status`: it lists each of our
changes whose base text has changed since we last reviewed it.
"""


def init(target: str) -> int:
    where = Path(target)
    if where.exists() and _is_base(where):
        project = where
    elif where.exists() and any(where.iterdir()):
        raise UsageError(
            f"'{target}' is a folder that holds something else; give a new folder, "
            "or the folder of a copy of the toolkit's repository"
        )
    else:
        project = _new_copy(where)
    own = project / layer.FOLDER
    if own.exists():
        raise Failure(
            f"{own} exists already: this is a toolkit project (run 'toolkit status' to see "
            "what it changes); nothing was written"
        )
    own.mkdir()
    for name, (schema, text) in STARTERS.items():
        (own / name).write_text(SCHEMA_LINE.format(up="../", name=schema) + text, "utf-8")
    (own / "README.md").write_text(README, "utf-8")
    (own / "content" / "assets").mkdir(parents=True)
    shown = own.as_posix()
    print(
        f"wrote {shown}/: toolkit.yml, changes.yml, site.yml, README.md and content/assets/.\n"
        f"Your toolkit's own changes all go in {shown}/; the rest is the base toolkit, "
        "and new versions of it never touch this folder.\n"
        f"Next: put your name in {shown}/toolkit.yml, then run 'bash scripts/serve.sh' "
        f"in {project.as_posix()} to see the site."
    )
    return 0


def _new_copy(where: Path) -> Path:
    """A new project at ``where``: a clone of the toolkit repository this runs
    from, with the original as its ``upstream``, so later versions come in
    with ``git pull upstream main``."""
    source = _repository()
    if source is None:
        raise Failure(
            "this installation of the toolkit is not a copy of its repository; fork the "
            "repository (or download it), then run 'toolkit init' in that folder"
        )
    if (source / ".git").exists() and shutil.which("git"):
        _git("clone", "--quiet", "--origin", "upstream", str(source), str(where))
        return where
    where.mkdir(parents=True, exist_ok=True)
    for name in (*BASE_FILES, "plugins", "scripts", "pyproject.toml", "README.md", "LICENSE"):
        path = source / name
        if path.is_dir():
            shutil.copytree(
                path, where / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
            )
        elif path.is_file():
            shutil.copy2(path, where / name)
    return where


def _git(*args: str, cwd: Path | None = None) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, check=True, timeout=300
        )
    except subprocess.CalledProcessError as err:
        raise Failure(f"git {args[0]} failed: {err.stderr.strip() or err}") from None
    return done.stdout


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
    stored = layer.read_reviewed(project.layer)
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
        stored.update(layer.review_record(everything, reviewed))
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
        for c, fields in layer.to_review(everything, stored)
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
    fresh = layer.unreviewed(everything, stored)
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
