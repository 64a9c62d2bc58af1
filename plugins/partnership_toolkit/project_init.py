"""``toolkit init``: a new toolkit project, with its own folder, ``local/``.

It makes a copy of the toolkit's repository (a git clone, with the original as
its ``upstream``), or takes the copy already in the folder it is given, and
writes the project's ``local/`` there: a starter ``toolkit.yml``,
``changes.yml`` and ``site.yml``, and a README saying what goes where.
:mod:`.migrate` uses its list of the base's files and its schema line too.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from . import layer
from .project import Failure, UsageError

SCHEMA_LINE = "# yaml-language-server: $schema={up}plugins/partnership_toolkit/schema/{name}\n"
BASE_FILES = ("mkdocs.yml", "data", "content", "overrides")


def _repository() -> Path | None:
    """The toolkit repository this command runs from, if it runs from one."""
    here = Path(__file__).resolve().parents[2]
    if (here / "mkdocs.yml").is_file() and (here / "data" / "toolkit.yml").is_file():
        return here
    return None


def is_base(folder: Path) -> bool:
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
    if where.exists() and is_base(where):
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
    address = pages_address(project)
    if address:
        site = own / "site.yml"
        site.write_text(
            site.read_text("utf-8").replace(
                'site_url: ""   # your published address, e.g. https://example.org/toolkit/',
                f"site_url: {address}   # where GitHub Pages publishes your repository; "
                "change it if you publish elsewhere",
            ),
            "utf-8",
        )
        print(
            f"site_url in {shown}/site.yml: {address}, where GitHub Pages publishes the "
            "repository 'origin' names; change it if that is not your own fork"
        )
    else:
        print(
            f"Set site_url in {shown}/site.yml to your published address: until then the "
            "published site reloads every page it opens (Material's instant navigation is off)."
        )
    print(
        f"wrote {shown}/: toolkit.yml, changes.yml, site.yml, README.md and content/assets/.\n"
        f"Your toolkit's own changes all go in {shown}/; the rest is the base toolkit, "
        "and new versions of it never touch this folder.\n"
        f"Next: put your name in {shown}/toolkit.yml, then run 'bash scripts/serve.sh' "
        f"in {project.as_posix()} to see the site."
    )
    return 0


# A GitHub repository's address, as git writes a remote: https or ssh.
_GITHUB = re.compile(
    r"^(?:https://(?:[^@/]+@)?github\.com/|git@github\.com:|ssh://git@github\.com/)"
    r"(?P<owner>[A-Za-z0-9-]+)/(?P<repo>[A-Za-z0-9._-]+?)(?:\.git)?/?$"
)


def pages_address(project: Path) -> str:
    """Where GitHub Pages publishes the project's repository (its ``origin``, the
    organisation's own fork), or "" when it is not on GitHub. The publishing
    workflow in .github/workflows/ puts the site there."""
    if not (project / ".git").exists() or not shutil.which("git"):
        return ""
    try:
        done = subprocess.run(
            ["git", "remote", "get-url", "origin"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    found = _GITHUB.match(done.stdout.strip()) if done.returncode == 0 else None
    if found is None:
        return ""
    owner, repo = found["owner"].lower(), found["repo"]
    if repo.lower() == f"{owner}.github.io":
        return f"https://{owner}.github.io/"
    return f"https://{owner}.github.io/{repo}/"


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
