"""The `toolkit` command: validate, new and export, as an editor uses them."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from partnership_toolkit.cli import main
from partnership_toolkit.yamledit import append_to_list
from sitekit import FIXTURES, ROOT, build_site, copy_project
from test_fork import fork_project


def old_fork_project(tmp_path: Path) -> Path:
    """A fork made the old way: its own copy of data/, edited in place."""
    project = copy_project(tmp_path, data=FIXTURES / "old-fork" / "data")
    shutil.copytree(FIXTURES / "old-fork" / "content", project / "content", dirs_exist_ok=True)
    return project


FORK_SUMMARY = (
    "ok: 4 stages, 10 steps, 6 themes, 5 checklists, 12 templates, "
    "principles turned off, 40 glossary terms, 1 health check, 7 sources"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command; return its exit code, output and error output."""
    try:
        code = main(list(argv))
    except SystemExit as exit_:  # argparse: --help and usage errors
        code = int(exit_.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


# -- help and wrong arguments ---------------------------------------------------------------


@pytest.mark.parametrize("command", ["validate", "new", "export"])
def test_each_command_has_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    code, out, _ = run(capsys, command, "--help")
    assert code == 0
    assert out.startswith(f"usage: toolkit {command} ")
    assert "examples:" in out


@pytest.mark.parametrize(
    "argv, message",
    [
        ([], "the following arguments are required: COMMAND"),
        (["build"], "argument COMMAND: invalid choice: 'build'"),
        (["new", "page", "x"], "argument KIND: invalid choice: 'page'"),
        (["new", "checklist"], "the following arguments are required: ID"),
        (["new", "checklist", "Volunteer_Safety"], "'Volunteer_Safety' is not a valid id"),
        (["new", "step", "checking-in"], "a step belongs to a stage: add --stage STAGE"),
        (["new", "step", "checking-in", "--stage", "nowhere"], "there is no stage 'nowhere'"),
        (["new", "stage", "glossary"], "'glossary' is the address of one of the site's own pages"),
        (
            ["new", "checklist", "x", "--stage", "reviewing"],
            "--stage is only for 'toolkit new step'",
        ),
        (["validate", "no/such/folder"], "'no/such/folder' does not exist"),
        (["export", "out", "--project", "no/such/folder"], "has no mkdocs.yml"),
    ],
)
def test_a_wrong_argument_is_a_usage_error(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(fork_project(tmp_path))
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.startswith("usage: toolkit")
    assert message in err


def test_the_console_script_is_installed() -> None:
    script = Path(sys.executable).with_name("toolkit")
    done = subprocess.run([str(script), "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert done.stdout.startswith("usage: toolkit [-h] [--verbose] COMMAND ...")


# -- validate -------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["", "data", "data/toolkit.yml"])
def test_validate_summarises_good_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    project = fork_project(tmp_path)
    assert run(capsys, "validate", str(project / where)) == (0, FORK_SUMMARY + "\n", "")


def test_validate_defaults_to_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(fork_project(tmp_path))
    assert run(capsys, "validate") == (0, FORK_SUMMARY + "\n", "")


def test_validate_keeps_what_it_read_where_the_build_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = fork_project(tmp_path)
    assert run(capsys, "validate", str(project), "--no-cache")[0] == 0
    assert not (project / ".cache").exists()
    assert run(capsys, "validate", str(project)) == (0, FORK_SUMMARY + "\n", "")
    # Every data file read, the project's own too (local/site.yml is the build's).
    files = len(list((project / "data").rglob("*.yml"))) + len(
        [p for p in (project / "local").rglob("*.yml") if p.name != "site.yml"]
    )
    assert len(list((project / ".cache" / "toolkit" / "data").glob("*/*.marshal"))) == files
    # A cache_dir set for the plugin in mkdocs.yml is where validate looks too.
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "      data_dir: data\n", "      data_dir: data\n      cache_dir: build/cache\n", 1
        )
    )
    assert "cache_dir: build/cache" in config.read_text()
    assert run(capsys, "validate", str(project))[0] == 0
    assert len(list((project / "build" / "cache" / "data").glob("*/*.marshal"))) == files
    # Options left empty mean their defaults (and never a traceback).
    config.write_text(
        config.read_text()
        .replace("cache_dir: build/cache", "cache_dir:")
        .replace("data_dir: data", "data_dir:")
    )
    shutil.rmtree(project / ".cache")
    assert run(capsys, "validate", str(project)) == (0, FORK_SUMMARY + "\n", "")
    assert (project / ".cache" / "toolkit" / "data").is_dir()


OVERRIDE_MISTAKES = {
    # overridden file: what is written in it (line 1)
    "step.md.j2": "{{ step.titel }}",
    "template_section.html": "{% for field in section.fields %}{{ field.lable }}{% endfor %}",
    "cycle.svg": "<svg>{{ segments[0].stage.nme }}</svg>",
}


@pytest.mark.parametrize("name", sorted(OVERRIDE_MISTAKES))
def test_validate_renders_the_pages_a_forks_templates_make(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    project = fork_project(tmp_path)
    (project / "overrides" / "toolkit" / name).write_text(OVERRIDE_MISTAKES[name] + "\n")
    code, out, err = run(capsys, "validate", str(project))
    assert (code, out) == (1, "")
    # The fork's own file and line, even when it is included by another template.
    assert err.startswith(f"overrides/toolkit/{name}:1: ") and "has no attribute" in err
    assert "Traceback" not in err


def test_validate_finds_templates_where_the_plugins_overrides_option_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = fork_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "      data_dir: data\n", "      data_dir: data\n      overrides: theme/overrides\n", 1
        )
    )
    folder = project / "theme" / "overrides" / "toolkit"
    folder.mkdir(parents=True)
    (folder / "checklist.html").write_text("<ul>\n{% for section in checklist.sections %}\n")
    code, _, err = run(capsys, "validate", str(project))
    assert code == 1
    assert err.startswith("theme/overrides/toolkit/checklist.html:2: Unexpected end of template")
    # The build reads the same folder, and says the same.
    with pytest.raises(Abort):
        build_site(project, tmp_path / "site")


def test_validate_says_when_a_template_is_not_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = fork_project(tmp_path)
    (project / "overrides" / "toolkit" / "_sources.md.j2").write_bytes(
        "Sources \u2013 {{ ids }}\n".encode("cp1252")
    )
    code, _, err = run(capsys, "validate", str(project))
    assert code == 1
    assert "Traceback" not in err
    assert "could not be read" in err and "as UTF-8 text" in err


def test_validate_names_the_line_of_a_template_that_does_not_parse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = fork_project(tmp_path)
    override = project / "overrides" / "toolkit" / "checklist.html"
    override.write_text("<ul>\n{% for section in checklist.sections %}\n</ul>\n")
    code, _, err = run(capsys, "validate", str(project))
    assert code == 1
    assert err.startswith("overrides/toolkit/checklist.html:3: Unexpected end of template.")


def test_validate_names_an_ordinary_jinja_comment_in_a_forks_template(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``{# ... #}`` would be published as page text; ``{#id}`` anchors stay allowed."""
    project = fork_project(tmp_path)
    override = project / "overrides" / "toolkit" / "step.md.j2"
    original = (ROOT / "plugins/partnership_toolkit/templates/step.md.j2").read_text("utf-8")
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text("## Extra {#extra}\n\n{# a note for editors #}\n" + original)
    code, _, err = run(capsys, "validate", str(project))
    assert code == 1
    assert err.startswith("overrides/toolkit/step.md.j2:3: '{# ... #}' would be published")
    override.write_text("## Extra {#extra}\n\n{%# a note for editors #%}\n" + original)
    assert run(capsys, "validate", str(project))[0] == 0


@pytest.mark.parametrize(
    "mistake, words",
    [
        ("{{ stepp.title }}", "'stepp' is undefined"),
        ("{{ prose(step.guidnace) }}", "has no attribute 'guidnace'"),
        ('{{ t("no_such_string") }}', "no such key 'no_such_string'"),
        ('{{ href("step:nope") }}', "no such key 'step:nope'"),
    ],
)
def test_a_mistake_a_forks_template_makes_while_rendering_names_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], mistake: str, words: str
) -> None:
    """The fork's mistake, not "a bug in the toolkit": its file, line and words."""
    project = fork_project(tmp_path)
    override = project / "overrides" / "toolkit" / "step.md.j2"
    original = (ROOT / "plugins/partnership_toolkit/templates/step.md.j2").read_text("utf-8")
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text(original + mistake + "\n", encoding="utf-8")
    line = len(original.splitlines()) + 1
    code, _, err = run(capsys, "validate", str(project))
    assert code == 1
    assert err.startswith(f"overrides/toolkit/step.md.j2:{line}: "), err
    assert words in err and "bug in the toolkit" not in err


# Every template a fork may override, whether it draws a page or a part of one.
OVERRIDABLE = sorted(
    p.name for p in (ROOT / "plugins/partnership_toolkit/templates").iterdir() if p.is_file()
)


@pytest.mark.parametrize("name", OVERRIDABLE)
def test_validate_finds_a_mistake_in_any_template_a_fork_overrides(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """A mistake Jinja only meets while drawing, on the first line of the fork's copy of
    any template: validate draws every page, part of a page and printout that template is
    part of, and names the template's line, whether a generated or a hand-written page
    draws with it."""
    project = fork_project(tmp_path)
    settings = project / "local" / "toolkit.yml"  # the fork turns principles off
    settings.write_text(settings.read_text("utf-8").replace("principles: false", ""), "utf-8")
    if name == "template_fillable.html":  # drawn for the templates' fillable PDFs only
        monkeypatch.setenv("PDF", "true")
    override = project / "overrides" / "toolkit" / name
    original = (ROOT / "plugins/partnership_toolkit/templates" / name).read_text("utf-8")
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text("{{ no_such_helper.title }}\n" + original, "utf-8")
    for quick in ([], ["--data-only"]):  # --data-only draws the generated pages alone
        if quick and name in DRAWN_BY_HAND_WRITTEN_PAGES_OR_PDFS:
            continue
        code, _, err = run(capsys, "validate", *quick, str(project))
        assert code == 1, quick
        assert err.startswith(f"overrides/toolkit/{name}:1: "), (quick, err)
        assert "'no_such_helper' is undefined" in err and "bug in the toolkit" not in err


# Drawn by a macro of a hand-written page (the home and About pages) or for a PDF.
DRAWN_BY_HAND_WRITTEN_PAGES_OR_PDFS = {
    "stage_cards.md.j2",
    "sources_list.md.j2",
    "template_fillable.html",
}


def broken(project: Path) -> None:
    """Two mistakes an editor might make, in two files."""
    stage = project / "local" / "data" / "stages" / "reviewing.yml"
    stage.write_text(stage.read_text().replace("    guidance:", "    guidence:"))
    checklist = project / "local" / "data" / "checklists" / "volunteer-safety.yml"
    checklist.write_text(checklist.read_text().replace("id: insurance", "id: named-contact"))


def test_validate_prints_the_builds_own_messages_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    project = fork_project(tmp_path)
    broken(project)
    code, out, err = run(capsys, "validate", str(project))
    assert code == 1
    assert out == ""
    assert err.splitlines() == [
        "local/data/checklists/volunteer-safety.yml:13:13: sections[0].items[1].id: duplicate "
        "item id 'named-contact' (already used at line 11, column 13)",
        "local/data/stages/reviewing.yml:10:5: steps[0].guidence: unknown key 'guidence' "
        "(did you mean 'guidance'?)",
        "2 problems in the toolkit's data; fix them and try again.",
    ]
    # The same text as the build stops with.
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(project, tmp_path / "site")
    assert err.rstrip("\n") in [r.getMessage() for r in caplog.records]


def test_validate_never_shows_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = fork_project(tmp_path)
    (project / "local" / "data" / "stages" / "reviewing.yml").write_text(
        "title: [unclosed\n  :: -\n"
    )
    code, _, err = run(capsys, "validate", str(project))
    assert code == 1
    assert "Traceback" not in err
    assert err.startswith("local/data/stages/reviewing.yml:")


# -- new ------------------------------------------------------------------------------------


def test_every_starter_validates_and_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = fork_project(tmp_path)
    monkeypatch.chdir(project)
    base = {p: p.read_bytes() for p in (project / "data").rglob("*") if p.is_file()}
    toolkit_yml = (project / "local" / "toolkit.yml").read_text()
    changes_yml = (project / "local" / "changes.yml").read_text()
    for argv in (
        ["new", "checklist", "room-booking"],
        ["new", "template", "data-sharing"],
        ["new", "stage", "celebrating"],
        ["new", "step", "thanking-people", "--stage", "reviewing"],
        ["new", "step", "checking-in-midway", "--stage", "working-together"],
    ):
        code, out, err = run(capsys, *argv)
        assert (code, err) == (0, ""), argv
        assert out.endswith("The data is valid: run 'toolkit validate' again after each edit.\n")
    assert run(capsys, "validate")[0] == 0

    # In a toolkit project, the base's files are never edited: every new file is
    # the project's own, and a new stage joins the end of the cycle by itself.
    assert {p: p.read_bytes() for p in (project / "data").rglob("*") if p.is_file()} == base
    assert (project / "local" / "toolkit.yml").read_text() == toolkit_yml
    own = project / "local" / "data"
    steps = yaml.safe_load((own / "stages" / "reviewing.yml").read_text())["steps"]
    assert [s["id"] for s in steps] == ["checking-in", "thanking-people"]
    # A step of one of the base's stages goes under add:, keeping every comment.
    changes = (project / "local" / "changes.yml").read_text()
    assert changes.startswith(changes_yml.rstrip("\n"))
    added = yaml.safe_load(changes)["add"]["stage:working-together"]
    assert [s["id"] for s in added] == ["checking-in-midway"]
    assert yaml.safe_load(changes)["patch"] == yaml.safe_load(changes_yml)["patch"]
    starter = (own / "checklists" / "room-booking.yml").read_text()
    assert (
        starter.splitlines()[0]
        == "# yaml-language-server: $schema=../../../../../../plugins/partnership_toolkit/schema/"
        "checklist.schema.json"
    )
    assert "sources: [riverside-handbook]" in starter

    site = build_site(project, tmp_path / "site")
    for page, title in [
        ("checklists/room-booking/index.html", "Room booking"),
        ("templates/data-sharing/index.html", "Data sharing"),
        ("celebrating/index.html", "Celebrating"),
        ("celebrating/celebrating-first-step/index.html", "Celebrating first step"),
        ("reviewing/thanking-people/index.html", "Thanking people"),
        ("working-together/checking-in-midway/index.html", "Checking in midway"),
    ]:
        h1 = BeautifulSoup((site / page).read_text(), "html.parser").h1
        assert h1.get_text().rstrip("¶").strip() == title, page


def test_new_step_goes_into_a_block_list_before_trailing_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = old_fork_project(tmp_path)
    stage = project / "data" / "stages" / "what-next.yml"
    # Steps first, then a comment and another key: the step must land inside the list.
    text = stage.read_text()
    head, steps = text.split("steps:\n")
    stage.write_text(
        head.replace("sources: [riverside-handbook]\n", "")
        + "steps:\n"
        + steps
        + "\n# The documents behind this stage.\nsources: [riverside-handbook]\n"
    )
    code, _, err = run(
        capsys,
        "new",
        "step",
        "saying-goodbye",
        "--stage",
        "what-next",
        "--data",
        str(project / "data"),
    )
    assert (code, err) == (0, "")
    value = yaml.safe_load(stage.read_text())
    assert [s["id"] for s in value["steps"]] == ["ending-well", "saying-goodbye"]
    assert value["sources"] == ["riverside-handbook"]
    assert "# The documents behind this stage.\nsources:" in stage.read_text()


DATA_SETS = {"default": ROOT / "data", "fork": ROOT / "tests" / "fixtures" / "old-fork" / "data"}
STAGE_FILES = [
    (name, stage.stem)
    for name, data in DATA_SETS.items()
    for stage in sorted(data.glob("stages/*.yml"))
]


@pytest.mark.parametrize("data_set, stage", STAGE_FILES, ids=[f"{d}-{s}" for d, s in STAGE_FILES])
def test_new_step_edits_every_stage_file_keeping_its_comments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data_set: str, stage: str
) -> None:
    """`toolkit new step` edits the stage's YAML as text: on every real stage file it
    lands in the list, keeps every comment and every other value, and validates."""
    data = tmp_path / "data"
    shutil.copytree(DATA_SETS[data_set], data)
    path = data / "stages" / f"{stage}.yml"
    before_text = path.read_text(encoding="utf-8")
    before = yaml.safe_load(before_text)
    code, _, err = run(capsys, "new", "step", "a-new-step", "--stage", stage, "--data", str(data))
    assert (code, err) == (0, "")
    after_text = path.read_text(encoding="utf-8")
    after = yaml.safe_load(after_text)
    assert [s["id"] for s in after["steps"]] == [s["id"] for s in before["steps"]] + ["a-new-step"]
    assert after["steps"][:-1] == before["steps"]
    assert {k: v for k, v in after.items() if k != "steps"} == {
        k: v for k, v in before.items() if k != "steps"
    }
    comments = [line.strip() for line in before_text.splitlines() if line.strip().startswith("#")]
    assert all(c in after_text for c in comments)
    assert run(capsys, "validate", str(tmp_path), "--data-only")[0] == 0


@pytest.mark.parametrize("data_set", sorted(DATA_SETS))
def test_new_stage_edits_every_toolkit_file_keeping_its_comments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data_set: str
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_SETS[data_set], data)
    toolkit = data / "toolkit.yml"
    before_text = toolkit.read_text(encoding="utf-8")
    before = yaml.safe_load(before_text)
    code, _, err = run(capsys, "new", "stage", "a-new-stage", "--data", str(data))
    assert (code, err) == (0, "")
    after_text = toolkit.read_text(encoding="utf-8")
    after = yaml.safe_load(after_text)
    assert after["cycle"]["stages"] == before["cycle"]["stages"] + ["a-new-stage"]
    after["cycle"]["stages"].pop()
    assert after == before
    comments = [line.strip() for line in before_text.splitlines() if line.strip().startswith("#")]
    assert all(c in after_text for c in comments)
    assert run(capsys, "validate", str(tmp_path), "--data-only")[0] == 0


def test_new_stage_in_a_block_list() -> None:
    text = "cycle:\n  stages:\n    - one   # first\n    - two\n  heart: x\n"
    assert (
        append_to_list(text, "three")
        == "cycle:\n  stages:\n    - one   # first\n    - two\n    - three\n  heart: x\n"
    )


def test_new_refuses_to_overwrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = fork_project(tmp_path)
    monkeypatch.chdir(project)
    mine = project / "local" / "data" / "checklists" / "volunteer-safety.yml"
    before = mine.read_text()
    code, out, err = run(capsys, "new", "checklist", "volunteer-safety")
    assert (code, out) == (1, "")
    assert err == (
        "toolkit new: local/data/checklists/volunteer-safety.yml already exists; nothing "
        "was written. Choose another id, or edit that file\n"
    )
    assert mine.read_text() == before
    code, _, err = run(capsys, "new", "step", "scoping", "--stage", "reviewing")
    assert code == 2
    assert "there is already a step 'scoping' (in data/stages/getting-started.yml)" in err


def test_new_says_when_the_kind_is_turned_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = fork_project(tmp_path)
    toolkit_yml = project / "local" / "toolkit.yml"
    toolkit_yml.write_text(toolkit_yml.read_text().replace("principles: false", "templates: false"))
    monkeypatch.chdir(project)
    code, out, _ = run(capsys, "new", "template", "grant-letter")
    assert code == 0
    assert (
        "Note: templates are turned off in local/toolkit.yml (features.templates: false), "
        "so it will not show until you turn them on."
    ) in out


# -- export ---------------------------------------------------------------------------------


def test_export_builds_with_plain_mkdocs_and_has_the_same_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = fork_project(tmp_path)
    code, out, err = run(capsys, "export", str(tmp_path / "export"), "--project", str(project))
    assert (code, err) == (0, "")
    assert out.startswith(
        f"Exported {len(list((tmp_path / 'export' / 'docs').rglob('*.md')))} pages to "
    )

    config = load_config(str(tmp_path / "export" / "mkdocs.yml"))
    assert "toolkit" not in config.plugins and "macros" not in config.plugins
    assert config.theme["language"] == "cy"

    exported = build_site(tmp_path / "export", tmp_path / "plain-site")
    original = build_site(project, tmp_path / "toolkit-site")

    def pages(site: Path) -> set[str]:
        return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}

    assert pages(exported) == pages(original)
    home = (exported / "index.html").read_text()
    assert "{{" not in home and "Pecyn Partneriaeth Glan yr Afon" in home
    assert "Riverside Community Network" in home  # the footer partial, without the plugin
    assert (exported / "assets" / "logo.svg").exists()
    # The blank Word files (zip archives, stamped with the time they were made).
    assert (exported / "templates" / "volunteer-agreement.docx").read_bytes()[:2] == b"PK"
    assert (exported / "assets" / "toolkit" / "brand.css").read_text() == (
        original / "assets" / "toolkit" / "brand.css"
    ).read_text()


def test_export_refuses_a_folder_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "notes.txt").write_text("mine")
    code, _, err = run(capsys, "export", str(tmp_path / "out"), "--project", str(ROOT))
    assert code == 1
    assert (
        err == f"toolkit export: {tmp_path / 'out'} is not empty; export into a new or "
        "empty folder\n"
    )


@pytest.mark.parametrize("where", ["", "data"])
def test_validate_checks_the_logo_is_in_the_content_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    project = fork_project(tmp_path)
    assets = project / "local" / "content" / "assets"
    (assets / "logo.svg").rename(assets / "Logo.svg")
    code, out, err = run(capsys, "validate", str(project / where))
    assert code == 1 and out == ""
    assert (
        "organisation.logo: no file local/content/assets/logo.svg (did you mean 'assets/Logo.svg'?)"
    ) in err


def test_validate_checks_hand_written_pages_as_the_build_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Wherever validate says ok, the strict build passes, and the reverse: a broken
    link in a hand-written page fails both, with the build's own message."""
    project = fork_project(tmp_path)
    page = project / "content" / "how-to-use.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nSee [the missing page](missing.md).\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "validate", str(project))
    assert (code, out) == (1, "")
    assert "how-to-use.md" in err and "missing.md" in err
    assert "Traceback" not in err
    with pytest.raises(Abort):
        build_site(project, tmp_path / "site")
    # --data-only checks the data alone, and says ok.
    assert run(capsys, "validate", str(project), "--data-only") == (0, FORK_SUMMARY + "\n", "")


def test_validate_names_the_line_of_a_jinja_mistake_in_a_hand_written_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = fork_project(tmp_path)
    page = project / "content" / "about.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "{{ toolkit.titel }}\n", encoding="utf-8")
    line = len(text.splitlines()) + 1
    code, out, err = run(capsys, "validate", str(project))
    assert (code, out) == (1, "")
    assert err.splitlines()[0].startswith(
        f"content/about.md:{line}: toolkit has no field 'titel' (did you mean 'title'?)"
    )
    assert "Traceback" not in err


def test_validate_reads_plugins_written_as_one_mapping(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = fork_project(tmp_path)
    (project / "data").rename(project / "guidance")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start, end = text.index("plugins:\n"), text.index("markdown_extensions:")
    config.write_text(
        text[:start]
        + (
            "plugins:\n  search: {}\n  toolkit:\n    data_dir: guidance\n"
            "  macros:\n    modules: [partnership_toolkit.macros]\n    on_undefined: strict\n"
            "    on_error_fail: true\n\n"
        )
        + text[end:].replace("  - data\n", "  - guidance\n"),
        encoding="utf-8",
    )
    assert run(capsys, "validate", str(project)) == (0, FORK_SUMMARY + "\n", "")


def test_a_failure_of_the_toolkit_itself_is_one_line_and_the_traceback_is_verbose(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import partnership_toolkit.cli as cli

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    project = fork_project(tmp_path)
    monkeypatch.setattr(cli, "load", broken)
    code, out, err = run(capsys, "validate", str(project))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "toolkit validate: the toolkit failed (RuntimeError: a bug). This is a bug in the "
        "toolkit, not a mistake in your data: please report it with the output of "
        "'toolkit --verbose validate ...'"
    ]
    code, _, err = run(capsys, "--verbose", "validate", str(project))
    assert code == 1 and "Traceback" in err


@pytest.mark.parametrize(
    ("src", "directory_urls", "written", "for_zensical"),
    [
        # A page at templates/light-agreement/: its files are one folder up from its address.
        (
            "templates/light-agreement.md",
            True,
            '<link href="../../assets/toolkit/t.css"><a href="../light-agreement.docx?v=1#a">',
            '<link href="../assets/toolkit/t.css"><a href="light-agreement.docx?v=1#a">',
        ),
        # Pages, anchors, other hosts, data-* values and what climbs above the site stay.
        (
            "templates/light-agreement.md",
            True,
            '<a href="../../working-together/"><a href="#x"><a href="https://e.org/a.pdf">'
            '<img data-src="a.png"><img src="../../../../x.png">',
            '<a href="../../working-together/"><a href="#x"><a href="https://e.org/a.pdf">'
            '<img data-src="a.png"><img src="../../../../x.png">',
        ),
        # Without directory addresses, a page's address and its file share a folder.
        ("index.md", False, '<img src="assets/logo.png">', '<img src="assets/logo.png">'),
        ("index.md", True, '<img src="assets/logo.png">', '<img src="assets/logo.png">'),
    ],
)
def test_an_export_for_zensical_links_files_from_each_pages_markdown_file(
    src: str, directory_urls: bool, written: str, for_zensical: str, monkeypatch
) -> None:
    from partnership_toolkit.export import source_relative

    monkeypatch.chdir("/")  # the result never depends on the working folder
    assert source_relative(written, src, directory_urls) == for_zensical
