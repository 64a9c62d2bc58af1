"""The ``toolkit`` command: check the data, start new files, export the pages.

    toolkit init [DIR]
    toolkit status [PATH] [--reviewed [ADDRESS ...]] [--translated LANGUAGE [KEY ...]]
    toolkit migrate [PATH] --from COMMIT | --base FOLDER
    toolkit validate [PATH]
    toolkit new stage|step|checklist|template ID [--stage STAGE] [--data DIR]
    toolkit export DIR [--project PATH]

Written for the people who edit a toolkit's data, not for programmers: every
message says what happened and what to do next, and no command shows a
Python traceback. Exit codes: 0 done, 1 a problem in the data or the files,
2 a mistake in the command itself.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from . import DATA_CACHE, TEMPLATE_CACHE, starters
from .load import ID, RESERVED, load
from .model import Toolkit
from .problems import DataError
from .project import Failure, Project, UsageError, locate
from .render import Renderer, RenderError

EXAMPLES = {
    "validate": "examples:\n  toolkit validate\n  toolkit validate path/to/my-toolkit\n"
    "  toolkit validate data",
    "new": "examples:\n  toolkit new checklist volunteer-safety\n"
    "  toolkit new template volunteer-agreement\n"
    "  toolkit new stage reviewing\n"
    "  toolkit new step checking-in --stage reviewing",
    "export": "examples:\n  toolkit export ../my-toolkit-markdown\n"
    "  toolkit export out --project path/to/my-toolkit",
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


def main(argv: Sequence[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    try:
        if args.command == "validate":
            return validate(args.path, use_cache=not args.no_cache, build=not args.data_only)
        if args.command == "new":
            return new(args.kind, args.id, args.stage, args.data)
        if args.command in ("init", "status", "migrate"):
            from . import migrate, upkeep

            if args.command == "init":
                return upkeep.init(args.dir)
            if args.command == "status":
                return upkeep.status(args.path, args.reviewed, args.translated)
            return migrate.migrate(args.path, args.base, args.from_ref)
        return export_command(args.out, args.project)
    except UsageError as err:
        args.commands[args.command].error(str(err))  # prints the usage and exits with 2
    except Failure as err:
        print(f"toolkit {args.command}: {err}", file=sys.stderr)
    except OSError as err:
        print(
            f"toolkit {args.command}: {err.strerror or err}: {err.filename or ''}".rstrip(": "),
            file=sys.stderr,
        )
    except Exception as err:  # a bug in the toolkit, not a mistake in the data
        if args.verbose:
            traceback.print_exc()
        print(
            f"toolkit {args.command}: the toolkit failed ({type(err).__name__}: {err}). This "
            "is a bug in the toolkit, not a mistake in your data: please report it with the "
            f"output of 'toolkit --verbose {args.command} ...'",
            file=sys.stderr,
        )
    return 1


# -- validate --------------------------------------------------------------------------------


def validate(path: str | Path, use_cache: bool = True, build: bool = True) -> int:
    project = locate(path)
    toolkit, report = check(project, use_cache)
    if toolkit is None:
        print(report, file=sys.stderr)
        return 1
    if build and project.config_file is not None:
        report = build_report(project.config_file, use_cache)
        if report:
            print(report, file=sys.stderr)
            return 1
    print("ok: " + summary(toolkit))
    return 0


def build_report(config_file: Path, use_cache: bool = True) -> str:
    """The warnings and errors of a strict build of ``config_file`` into a
    temporary folder ("" when it builds): exactly what ``mkdocs build --strict``
    would stop on, hand-written pages' links and macros included."""
    import tempfile

    from mkdocs import exceptions
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from .macros import mistake_line
    from .serving import collected

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with collected(quiet=True) as seen:
        messages = seen.messages
        try:
            with tempfile.TemporaryDirectory(prefix="toolkit-validate-") as site:
                config = load_config(str(config_file), site_dir=site, strict=True)
                if not use_cache and "toolkit" in config.plugins:
                    config.plugins["toolkit"].config.cache_dir = site + "/.cache"
                config.plugins.on_startup(command="build", dirty=False)
                try:
                    build(config)
                finally:
                    config.plugins.on_shutdown()
        except (exceptions.Abort, exceptions.MkDocsException) as err:
            if not messages:
                messages.append(str(err))
        except SystemExit as err:  # how mkdocs-macros ends a build (on_error_fail)
            if not messages:
                messages.append(f"a plugin ended the build (exit status {err.code})")

    located = (mistake_line(m) for m in messages if not m.startswith("Aborted with"))
    return "\n".join(dict.fromkeys(located))


def check(project: Project, use_cache: bool = True) -> tuple[Toolkit | None, str]:
    """``(toolkit, "")`` when the data loads and the pages a fork's own templates
    make render, else ``(None, report)``.

    The same steps, in the same order, as the build's ``on_config`` and
    ``on_files``, so the messages are the build's own; of the pages, only those
    made with a fork's templates are rendered (see ``Renderer.using_overrides``).
    With ``use_cache``, it shares the build's cache of data files already read
    and of compiled page templates.
    """
    cache = project.cache if use_cache else None
    try:
        toolkit = load(
            project.data,
            root=project.root,
            content_dir=project.content,
            cache_dir=cache / DATA_CACHE if cache else None,
            layer_dir=project.layer,
        )
        renderer = Renderer(
            toolkit,
            overrides=project.overrides,
            root=project.root,
            cache_dir=cache / TEMPLATE_CACHE if cache else None,
        )
        # A page made only from the package's templates cannot fail on data that
        # loaded; the pages the fork's own templates make are rendered, as in the build.
        renderer.pages(only=renderer.using_overrides())
    except DataError as err:
        return None, err.report()
    except RenderError as err:
        return None, str(err)
    return toolkit, ""


def summary(t: Toolkit) -> str:
    def count(n: int, one: str, many: str) -> str:
        return f"{n} {one if n == 1 else many}"

    parts = [
        count(len(t.stages), "stage", "stages"),
        count(len(t.steps), "step", "steps"),
        count(len(t.themes), "theme", "themes"),
    ]
    f = t.features
    parts.append(
        count(len(t.checklists), "checklist", "checklists")
        if f.checklists
        else "checklists turned off"
    )
    parts.append(
        count(len(t.templates), "template", "templates") if f.templates else "templates turned off"
    )
    parts.append(
        count(len(t.principle_sets), "principle set", "principle sets")
        if f.principles
        else "principles turned off"
    )
    if not f.glossary:
        parts.append("glossary turned off")
    elif t.glossary:
        parts.append(count(len(t.glossary.terms), "glossary term", "glossary terms"))
    if f.assessments:
        parts.append(count(len(t.assessments), "health check", "health checks"))
    else:
        parts.append("health checks turned off")
    parts.append(count(len(t.sources), "source", "sources"))
    return ", ".join(parts)


# -- new -------------------------------------------------------------------------------------


def new(kind: str, id_: str, stage: str | None, data: str | None) -> int:
    if not ID.match(id_):
        raise UsageError(
            f"'{id_}' is not a valid id: use lower-case letters, digits and "
            "single hyphens, starting with a letter or digit, e.g. "
            "'volunteer-safety'"
        )
    if kind == "stage" and id_ in RESERVED:
        raise UsageError(
            f"'{id_}' is the address of one of the site's own pages; choose another id"
        )
    if kind == "step" and not stage:
        raise UsageError(
            "a step belongs to a stage: add --stage STAGE, e.g. "
            f"'toolkit new step {id_} --stage getting-started'"
        )
    if kind != "step" and stage:
        raise UsageError("--stage is only for 'toolkit new step'")
    project = locate(data) if data else locate(".")
    root, data_dir = project.root, project.data
    if data and not (data_dir / "toolkit.yml").is_file():
        raise UsageError(f"'{data}' has no toolkit.yml; --data is the data folder")

    try:
        written = starters.write(kind, id_, data_dir, root, stage, layer=project.layer)
    except starters.StarterError as err:
        raise (UsageError if err.usage else Failure)(str(err)) from None
    for line in written.messages:
        print(line)
    toolkit, report = check(project)
    if toolkit is None:
        print("\nThe toolkit has problems to fix before it builds:", file=sys.stderr)
        print(report, file=sys.stderr)
        return 1
    print("\nThe data is valid: run 'toolkit validate' again after each edit.")
    return 0


# -- export ----------------------------------------------------------------------------------


def export_command(out: str, project: str) -> int:
    from mkdocs import exceptions

    from .export import ExportError, export

    project_dir = Path(project)
    if not (project_dir / "mkdocs.yml").is_file():
        raise UsageError(
            f"'{project}' has no mkdocs.yml; give the toolkit's folder with --project PATH"
        )
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.setLevel(logging.WARNING)
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    try:
        config_file = export(project_dir, Path(out))
    except ExportError as err:
        raise Failure(str(err)) from None
    except (exceptions.Abort, exceptions.MkDocsException):
        # MkDocs has already logged what went wrong, with the data's own messages.
        raise Failure("the toolkit did not build, so nothing was exported") from None
    finally:
        mkdocs_log.removeHandler(handler)
    pages = sum(1 for _ in (config_file.parent / "docs").rglob("*.md"))
    print(f"Exported {pages} pages to {config_file.parent / 'docs'}")
    print(f"Build them with plain MkDocs and Material: mkdocs build -f {config_file}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
