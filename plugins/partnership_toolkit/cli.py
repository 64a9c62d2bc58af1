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

import logging
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from . import DATA_CACHE, TEMPLATE_CACHE, starters
from .cli_args import parser
from .layout import RESERVED
from .load import load
from .model import Toolkit
from .parsing import ID
from .problems import DataError
from .project import Failure, Project, UsageError, locate
from .render import Renderer, RenderError


def main(argv: Sequence[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    try:
        if args.command == "validate":
            return validate(args.path, use_cache=not args.no_cache, build=not args.data_only)
        if args.command == "new":
            return new(args.kind, args.id, args.stage, args.data)
        if args.command in ("init", "status", "migrate"):
            from . import migrate, project_init, upkeep

            if args.command == "init":
                return project_init.init(args.dir)
            if args.command == "status":
                return upkeep.status(args.path, args.reviewed, args.translated)
            return migrate.migrate(args.path, args.base, args.from_ref)
        return export_command(args.out, args.project, args.engine)
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


def export_command(out: str, project: str, engine: str = "mkdocs") -> int:
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
        config_file = export(project_dir, Path(out), engine)
    except ExportError as err:
        raise Failure(str(err)) from None
    except (exceptions.Abort, exceptions.MkDocsException):
        # MkDocs has already logged what went wrong, with the data's own messages.
        raise Failure("the toolkit did not build, so nothing was exported") from None
    finally:
        mkdocs_log.removeHandler(handler)
    pages = sum(1 for _ in (config_file.parent / "docs").rglob("*.md"))
    print(f"Exported {pages} pages to {config_file.parent / 'docs'}")
    if engine == "zensical":
        print(f"Build them with Zensical: cd {config_file.parent} && zensical build")
    else:
        print(f"Build them with plain MkDocs and Material: mkdocs build -f {config_file}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
