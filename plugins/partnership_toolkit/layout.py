"""Checks of where things are, for the loader: the files of the data folder
(no links out of the project, no files it would not read), the addresses
pages would take (no two at one), and the files the data names (the logo and
the favicon, inside the content folder).
"""

from __future__ import annotations

import re
from pathlib import Path as FsPath

from . import source
from .context import LINK_KINDS as LINK_KIND_WORDS
from .context import LoadContext
from .kinds import KINDS
from .model import Toolkit
from .pages import page_list
from .problems import Problem, did_you_mean
from .urls import page_url

# Top-level addresses the site uses itself: a stage or theme may not take them.
RESERVED = {
    "cycle",
    "checklists",
    "templates",
    "assessments",
    "principles",
    "glossary",
    "assets",
    "search",
    "stylesheets",
    "javascripts",
    "img",
    "about",
    "index",
}
_IGNORED = {".md", ".txt"}
_PLAIN_PATH = re.compile(r"^[A-Za-z0-9_./-]+$")


def check_addresses(
    toolkit: Toolkit,
    data_dir: FsPath,
    content_dirs: list[FsPath],
    removed_pages: set[str],
    ctx: LoadContext,
) -> None:
    """No two pages at one address: each id becomes part of an address, and a
    page that took another's place would silently replace it. ``content_dirs``
    are the folders of hand-written pages, a layer's first (its page replaces
    the base's at the same path), less the pages a layer removes."""
    taken: dict[str, str] = {}  # address -> what is published there
    content_pages: dict[str, str] = {}  # address -> the hand-written file
    for content_dir in content_dirs:
        if not content_dir.is_dir():
            continue
        for page in sorted(content_dir.rglob("*.md")):
            src = page.relative_to(content_dir).as_posix()
            if src in removed_pages or page_url(src) in taken:
                continue
            file = ctx.display(page)
            taken[page_url(src)] = f"the hand-written page {file}"
            content_pages[page_url(src)] = file
    # The toolkit's own pages first: an item at one of their addresses is what moves.
    specs = sorted(page_list(toolkit), key=lambda page: not page.ref.startswith("page:"))
    for src, owner in ((page.src, page.ref) for page in specs):
        address = page_url(src)
        if address not in taken:
            taken[address] = _owner_words(owner)
            continue
        kind, _, id_ = owner.partition(":")
        if kind in ("stage", "theme") and id_ in RESERVED:
            continue  # already said: the id is reserved
        defined = ctx.defined.get(kind, {}).get(id_)
        fix = "give it another id" if defined and defined[1] else "rename the file"
        message = (
            f"{_owner_words(owner)} would be published at /{address}, the address of "
            f"{taken[address]}; {fix}"
        )
        if defined:
            ctx.add([defined[0].problem(defined[1], message)])
        elif kind == "principles":
            ctx.add(
                [Problem(ctx.display(data_dir / "principles" / f"{id_}.yml"), 1, 1, "", message)]
            )
        else:  # one of the toolkit's own pages, where a hand-written page is
            ctx.add(
                [
                    Problem(
                        content_pages.get(address, ctx.display(data_dir)),
                        1,
                        1,
                        "",
                        f"this page's address /{address} is where the toolkit publishes "
                        f"{_owner_words(owner)}; rename or move the file",
                    )
                ]
            )


def _owner_words(owner: str) -> str:
    kind, _, id_ = owner.partition(":")
    if kind == "page":
        return f"the toolkit's own page '{id_}'"
    if kind == "principles":
        return f"the set of principles '{id_}'"
    return f"the {LINK_KIND_WORDS.get(kind, kind)} '{id_}'"


def check_files(doc: source.Document, content_dirs: list[FsPath], ctx: LoadContext) -> None:
    """The logo and favicon must be files in the content folder (a layer's
    content folder, first in ``content_dirs``, or the base's)."""
    organisation = doc.value["organisation"]
    content_dir = content_dirs[0]
    folder = ctx.display(content_dir)
    inside = content_dir.resolve()
    for key in ("logo", "favicon"):
        given = organisation.get(key)
        if not given:
            continue
        parts = given.replace("\\", "/").split("/")
        if not _PLAIN_PATH.match(given):
            # The theme writes the path into an attribute as it is: a quote in it
            # would end the attribute.
            message = (
                f"the {key}'s path may use letters, digits, '-', '_', '.' and '/' only "
                f"(rename the file); found '{given}'"
            )
            ctx.add([doc.problem(("organisation", key), message)])
            continue
        try:
            target = (content_dir / given).resolve()
        except (OSError, RuntimeError):  # a symbolic link to itself: not inside
            target = FsPath("/")
        if (
            given.startswith(("/", "~"))
            or ":" in parts[0]
            or ".." in parts
            or not (target.is_relative_to(inside))
        ):
            ctx.add(
                [
                    doc.problem(
                        ("organisation", key),
                        f"the {key} must be a file inside the {folder} folder, written "
                        f"as a path from it (e.g. 'assets/{key}.svg'), with no '..', "
                        f"no leading '/' and no link out of the folder; found '{given}'",
                    )
                ]
            )
            continue
        if target.is_file() or any((other / given).is_file() for other in content_dirs[1:]):
            continue
        if given.startswith(f"{folder}/") and (content_dir / given[len(folder) + 1 :]).is_file():
            hint = f" (write it without '{folder}/': '{given[len(folder) + 1 :]}')"
        else:
            files = [
                p.relative_to(content_dir).as_posix()
                for p in content_dir.rglob("*")
                if p.is_file() and not p.suffix == ".md"
            ]
            hint = did_you_mean(given, files)
        ctx.add(
            [
                doc.problem(
                    ("organisation", key),
                    f"no file {folder}/{given}{hint}; the {key} is a path inside "
                    f"the {folder} folder, e.g. 'assets/{key}.svg'",
                )
            ]
        )


def check_layout(data_dir: FsPath, ctx: LoadContext) -> set[FsPath]:
    """Catch files the loader would otherwise silently skip, and entries that
    are not plain files of the project; return the entries refused."""
    folders = [k.LOCATION.rstrip("/") for k in KINDS if k.LOCATION.endswith("/")]
    files = [k.LOCATION for k in KINDS if not k.LOCATION.endswith("/")]
    files += ["toolkit.yml", "strings.yml"]
    refused: set[FsPath] = set()
    for entry in sorted(data_dir.iterdir()):
        if entry.name.startswith(".") or entry.suffix in _IGNORED:
            continue
        if mistake := _not_a_plain_entry(entry, ctx.root):
            ctx.add([Problem(ctx.display(entry), 1, 1, "", mistake)])
            refused.add(entry)
            continue
        if entry.is_dir():
            if entry.name not in folders:
                expected = f" (expected one of: {', '.join(folders)})"
                hint = did_you_mean(entry.name, folders) or expected
                ctx.add([Problem(ctx.display(entry), 1, 1, "", f"unknown folder{hint}")])
                continue
            for child in sorted(entry.iterdir()):
                if mistake := _not_a_plain_entry(child, ctx.root, file=child.suffix == ".yml"):
                    ctx.add([Problem(ctx.display(child), 1, 1, "", mistake)])
                    refused.add(child)
                elif mistake := _unread_name(child):
                    ctx.add([Problem(ctx.display(child), 1, 1, "", mistake)])
                elif child.suffix == ".yaml":
                    ctx.add(
                        [
                            Problem(
                                ctx.display(child),
                                1,
                                1,
                                "",
                                "data files end in .yml; rename it to "
                                f"'{child.stem}.yml' so it is read",
                            )
                        ]
                    )
        elif entry.name not in files:
            hint = did_you_mean(entry.name, files)
            if entry.suffix == ".yaml" and entry.stem + ".yml" in files:
                hint = f" (rename it to '{entry.stem}.yml' so it is read)"
            hint = hint or f" (expected one of: {', '.join(files)})"
            ctx.add([Problem(ctx.display(entry), 1, 1, "", f"unknown data file{hint}")])
    return refused


def _unread_name(child: FsPath) -> str:
    """Why a file in a data folder would be silently skipped ("" if it is read or is
    plainly not data): data files are named in lower case and end in .yml."""
    name = child.name
    lower = name.lower()
    if name.startswith(".") or child.suffix == ".yml" or lower.endswith((".md", ".bak", "~")):
        return ""
    for ending in (".yml", ".yaml"):
        if lower.endswith(ending) or lower.endswith(ending + ".txt"):
            stem = name[: lower.rindex(ending)]
            return f"data files end in .yml; rename it to '{stem}.yml' so it is read"
    return ""


def _not_a_plain_entry(entry: FsPath, root: FsPath, *, file: bool = False) -> str:
    """Why ``entry`` may not be read ("" if it may): a data file is a regular file
    (a folder is a folder) of the project. Nothing of a refused entry is read,
    so a link to a secret file never puts its content in a (public) build log."""
    if entry.is_symlink():
        try:
            target = entry.resolve()
        except (OSError, RuntimeError):  # a link to itself, or a loop of links
            return "a symbolic link that leads back to itself; replace it with the file"
        if not target.exists():
            return "a symbolic link to something that does not exist; replace it with the file"
        if not target.is_relative_to(root.resolve()):
            return (
                "a symbolic link to a file outside the project; data files must be real "
                "files inside it: copy the file in instead"
            )
    if file and not entry.is_file():
        kind = "a folder" if entry.is_dir() else "not a regular file"
        return f"this is {kind}, but a name ending in .yml is read as a data file; rename it"
    if not file and not (entry.is_file() or entry.is_dir()):
        return "not a regular file or folder; remove it"
    return ""
