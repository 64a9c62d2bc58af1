"""The ``toolkit`` command's arguments: each command, its options and examples.

Every option's help is written for the people who edit a toolkit's data, and
each command's ``--help`` ends with examples to copy.
"""

from __future__ import annotations

import argparse

from . import starters

EXAMPLES = {
    "validate": "examples:\n  toolkit validate\n  toolkit validate path/to/my-toolkit\n"
    "  toolkit validate data",
    "new": "examples:\n  toolkit new checklist volunteer-safety\n"
    "  toolkit new template volunteer-agreement\n"
    "  toolkit new stage reviewing\n"
    "  toolkit new step checking-in --stage reviewing",
    "export": "examples:\n  toolkit export ../my-toolkit-markdown\n"
    "  toolkit export out --project path/to/my-toolkit\n"
    "  toolkit export ../my-toolkit-zensical --for zensical",
    "init": "examples:\n  toolkit init ../riverside-toolkit   (a new copy, with its own local/)\n"
    "  toolkit init                       (in a fork of the repository)",
    "status": "examples:\n  toolkit status\n  toolkit status --reviewed\n"
    "  toolkit status --reviewed step:scoping\n  toolkit status --translated cy",
    "migrate": "examples:\n  toolkit migrate --from v1.0\n  toolkit migrate --base ../original",
}


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="toolkit",
        description="Check, extend and export a partnership toolkit's data.",
        epilog="Run 'toolkit COMMAND --help' for the details of each command.",
    )
    top.add_argument(
        "--verbose",
        action="store_true",
        help="on a failure of the toolkit itself, show the Python traceback",
    )
    sub = top.add_subparsers(dest="command", metavar="COMMAND", required=True)

    v = _command(
        sub,
        "validate",
        help="check the data with exactly the build's messages",
        description="Check every data file, exactly as the site build does. Prints each "
        "problem as file:line:column: field: what is wrong, and exits with 1 "
        "if there is any; otherwise prints a short summary.",
    )
    v.add_argument(
        "path",
        nargs="?",
        default=".",
        metavar="PATH",
        help="the toolkit's folder (with mkdocs.yml) or its data folder "
        "(default: the current folder)",
    )
    v.add_argument(
        "--data-only",
        action="store_true",
        help="check the data (and a fork's page templates) only; without it, "
        "a folder with mkdocs.yml is also built, strictly, into a "
        "temporary folder, so links in hand-written pages are checked too",
    )
    v.add_argument(
        "--no-cache",
        action="store_true",
        help="neither use nor write the build's cache (.cache/toolkit/, or the "
        "plugin's cache_dir): read every data file and compile every "
        "template afresh",
    )

    n = _command(
        sub,
        "new",
        help="write a commented starter file for a stage, step, checklist or template",
        description="Write a starter file that already builds, with a comment on every "
        "field saying what to write. Never overwrites a file.",
    )
    n.add_argument(
        "kind",
        choices=starters.KINDS,
        metavar="KIND",
        help="what to add: " + ", ".join(starters.KINDS),
    )
    n.add_argument(
        "id",
        metavar="ID",
        help="its id: lower-case words joined by hyphens, e.g. volunteer-safety; "
        "the id is also the page's address",
    )
    n.add_argument("--stage", metavar="STAGE", help="for a step: the id of the stage it belongs to")
    n.add_argument(
        "--data", metavar="DIR", help="the data folder (default: data/ in the current folder)"
    )

    e = _command(
        sub,
        "export",
        help="write every page as Markdown with a plain MkDocs + Material mkdocs.yml",
        description="Build the toolkit and write every page (generated and hand-written, "
        "macros already filled in) as Markdown into DIR/docs/, with the "
        "assets and a mkdocs.yml that needs only MkDocs and Material. Other "
        "Markdown site builders can start from the same folder.",
    )
    e.add_argument("out", metavar="DIR", help="a new or empty folder to write into")
    e.add_argument(
        "--project",
        metavar="PATH",
        default=".",
        help="the toolkit's folder, with mkdocs.yml (default: the current folder)",
    )
    e.add_argument(
        "--for",
        dest="engine",
        choices=("mkdocs", "zensical"),
        default="mkdocs",
        help="the site builder it is for: MkDocs with Material (the default), or Zensical",
    )
    i = _command(
        sub,
        "init",
        help="start a toolkit project: your own folder, local/, over the base toolkit",
        description="Write local/, the folder that holds everything your toolkit changes "
        "(its name, colours, patches, pages, settings), in DIR: a fork of the repository, "
        "or a new folder, which becomes a copy of the repository this command runs from "
        "(cloned with git, the original named 'upstream'). The base toolkit's files are "
        "never edited, so its new versions come in without a conflict.",
    )
    i.add_argument("dir", nargs="?", default=".", metavar="DIR")
    s = _command(
        sub,
        "status",
        help="list what your toolkit changes, and what a new base version asks you to review",
        description="List every change local/ makes to the base toolkit (patched, removed, "
        "added and replaced items, pages and overrides), then each one whose base text "
        "changed since you last reviewed it. --reviewed records the base's text now.",
    )
    s.add_argument("path", nargs="?", default=".", metavar="PATH")
    s.add_argument(
        "--reviewed",
        nargs="*",
        metavar="ADDRESS",
        help="record the base's text now for these changes (all, with no address)",
    )
    s.add_argument(
        "--translated",
        nargs="+",
        metavar=("LANGUAGE", "KEY"),
        help="record that these translations (all of LANGUAGE's, with no key) match the "
        "source text now",
    )
    m = _command(
        sub,
        "migrate",
        help="turn a fork that edits the base's own files into a toolkit project",
        description="Compare the fork's data/, content/, overrides/ and mkdocs.yml with the "
        "version of the base it came from, write the differences into local/, and put "
        "the base's files back as that version had them.",
    )
    m.add_argument("path", nargs="?", default=".", metavar="PATH")
    m.add_argument("--from", dest="from_ref", metavar="COMMIT", help="the base's commit")
    m.add_argument("--base", metavar="FOLDER", help="a copy of the base's version")
    top.set_defaults(
        commands={"validate": v, "new": n, "export": e, "init": i, "status": s, "migrate": m}
    )
    return top


def _command(sub: argparse._SubParsersAction, name: str, **words: str) -> argparse.ArgumentParser:
    """One command of ``toolkit``, with its examples after its options."""
    return sub.add_parser(
        name,
        epilog=EXAMPLES[name],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        **words,
    )
