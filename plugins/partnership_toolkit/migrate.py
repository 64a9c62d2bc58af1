"""``toolkit migrate``: turn a fork made by editing the base's own files into a layer.

It compares the fork's ``data/``, ``content/``, ``overrides/`` and
``mkdocs.yml`` with the version of the base the fork came from, writes each
difference into ``local/`` (see :mod:`.layer`), and puts the base's own
files back as that version had them. The fork then builds the same pages as
before, and a new version of the base merges into it without a conflict.
"""

from __future__ import annotations

import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import yaml

from . import layer
from .layer import FILE_KINDS, SINGLE_FILES
from .project import Failure, UsageError
from .project_init import BASE_FILES, SCHEMA_LINE, is_base
from .upkeep import _files

# The lists whose items an address names by their own kind, not inside the file.
_OWN_KIND = {("stages/", "steps"): "step", ("principles/", "principles"): "principle"}
_SINGLE_KIND = {"glossary.yml": ("terms", "glossary"), "sources.yml": ("sources", "source")}
_SITE = ("site_url", "repo_url", "repo_name", "edit_uri", "copyright", "nav")


def _dumper() -> type[yaml.SafeDumper]:
    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return Dumper


def _dump(value: Any) -> str:
    return yaml.dump(value, Dumper=_dumper(), sort_keys=False, allow_unicode=True, width=100)


def _load(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as err:
        raise Failure(f"{path} could not be read ({err}); fix it, then migrate") from None


def _ids(items: Any) -> list[str] | None:
    """The ids of a list of items with ids, or None for any other value."""
    if not isinstance(items, list) or not items:
        return None
    ids = [i.get("id") if isinstance(i, dict) else None for i in items]
    return ids if all(isinstance(i, str) for i in ids) and len(set(ids)) == len(ids) else None


class Differ:
    """The changes that turn the base's data into the fork's, as a layer's ``changes.yml``."""

    def __init__(self) -> None:
        self.patch: dict[str, dict[str, Any]] = {}
        self.remove: list[str] = []
        self.add: dict[str, list[Any]] = {}
        self.order: dict[str, list[str]] = {}

    def item(
        self, address: str, base: dict, fork: dict, location: str, sole_list: str | None = None
    ) -> None:
        """Compare one item (a file's mapping, or an item inside it)."""
        if sole_list is None:
            lists = [k for k, v in base.items() if _ids(v) is not None]
            sole_list = lists[0] if len(lists) == 1 else None
        for key in [*base, *(k for k in fork if k not in base)]:
            b, f = base.get(key), fork.get(key)
            if b == f:
                continue
            if _ids(b) is not None and _ids(f) is not None:
                self.items(address, key, b, f, location, key == sole_list)
            else:
                self.patch.setdefault(address, {})[key] = f  # None: the fork dropped it

    def items(
        self, address: str, key: str, base: list, fork: list, location: str, sole: bool
    ) -> None:
        kind = _OWN_KIND.get((location, key)) or (
            _SINGLE_KIND[location][1] if address in SINGLE_FILES else None
        )

        def child(id_: str) -> str:
            return f"{kind}:{id_}" if kind else f"{address}/{id_}"

        list_address = address if sole else f"{address}/{key}"
        base_by = {i["id"]: i for i in base}
        fork_by = {i["id"]: i for i in fork}
        for id_ in base_by:
            if id_ not in fork_by:
                self.remove.append(child(id_))
        for id_, item in base_by.items():
            if id_ in fork_by and item != fork_by[id_]:
                self.item(child(id_), item, fork_by[id_], location)
        new = [i for i in fork if i["id"] not in base_by]
        if new:
            self.add[list_address] = new
        after = [i for i in base_by if i in fork_by] + [i["id"] for i in new]
        wanted = [i["id"] for i in fork]
        if after != wanted:
            self.order[list_address] = wanted

    def changes(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in ("patch", "remove", "add", "order"):
            if getattr(self, name):
                out[name] = getattr(self, name)
        return out


def _toolkit(base: dict, fork: dict) -> dict[str, Any]:
    """The fields of the fork's data/toolkit.yml that differ from the base's."""
    out: dict[str, Any] = {key: None for key in base if key not in fork}  # null: left out
    for key, value in fork.items():
        if base.get(key) == value:
            continue
        if key in layer._MERGED and isinstance(value, dict) and isinstance(base.get(key), dict):
            inner = _toolkit(base[key], value)
            if inner:
                out[key] = inner
        else:
            out[key] = value
    return out


def _write(path: Path, schema: str, up: str, value: Any, head: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SCHEMA_LINE.format(up=up, name=schema) + head + _dump(value), "utf-8")


def _with_schema_line(text: str, up: str) -> str:
    """A data file's text, its editor's schema line pointing from its new place."""
    first, _, rest = text.partition("\n")
    if first.startswith("# yaml-language-server: $schema=") and "plugins/" in first:
        name = first.rsplit("/", 1)[1]
        return SCHEMA_LINE.format(up=up, name=name) + rest
    return text


def migrate(fork_path: str, base_path: str | None, from_ref: str | None) -> int:
    fork = Path(fork_path).resolve()
    if not is_base(fork):
        raise UsageError(f"'{fork_path}' is not a toolkit's folder (no mkdocs.yml and data/)")
    own = fork / layer.FOLDER
    if own.exists():
        raise Failure(f"{own} exists already: this fork is a toolkit project; nothing was done")
    with tempfile.TemporaryDirectory(prefix="toolkit-base-") as tmp:
        if from_ref:
            base = _checkout(fork, from_ref, Path(tmp))
        elif base_path:
            base = Path(base_path).resolve()
        else:
            raise UsageError(
                "say which version of the base the fork came from: --from COMMIT (a commit of "
                "the original in this repository's history) or --base FOLDER (a copy of it)"
            )
        if not is_base(base):
            raise UsageError(
                f"'{base}' is not a copy of the base toolkit (no mkdocs.yml and data/)"
            )
        written = _write_layer(fork, base, own)
        kept = _restore(fork, base)
    note = (
        f" mkdocs.yml is kept as it is: it changes {', '.join(kept)}, which a layer does not "
        "hold; a later version's changes to those lines may conflict."
        if kept
        else ""
    )
    print(
        f"wrote {layer.FOLDER}/ ({len(written)} files: {', '.join(written)}) and put the "
        f"base's own files back as the version you came from.{note}\n"
        "Build the site and compare it with before, commit, then run "
        "'toolkit status --reviewed' to record what the base says now."
    )
    return 0


def _checkout(fork: Path, ref: str, into: Path) -> Path:
    """The base's files at ``ref`` of the fork's own git history."""
    try:
        listed = subprocess.run(
            ["git", "ls-tree", "--name-only", ref],
            cwd=fork,
            capture_output=True,
            check=True,
            timeout=60,
            text=True,
        ).stdout.split()
        done = subprocess.run(
            ["git", "archive", "--format=tar", ref, *[f for f in BASE_FILES if f in listed]],
            cwd=fork,
            capture_output=True,
            check=True,
            timeout=300,
        )
    except (OSError, subprocess.CalledProcessError) as err:
        detail = getattr(err, "stderr", b"") or b""
        raise Failure(
            f"could not read the base at '{ref}' with git: {detail.decode().strip() or err}"
        ) from None
    archive = into / "base.tar"
    archive.write_bytes(done.stdout)
    with tarfile.open(archive) as tar:
        tar.extractall(into / "base", filter="data")
    return into / "base"


def _write_layer(fork: Path, base: Path, own: Path) -> list[str]:
    written: list[str] = []
    differ = Differ()
    bdata, fdata = base / "data", fork / "data"
    wanted = _toolkit(_load(bdata / "toolkit.yml") or {}, _load(fdata / "toolkit.yml") or {})
    for word, location in {**FILE_KINDS, **SINGLE_FILES}.items():
        for id_ in sorted(_stems(bdata, location) | _stems(fdata, location)):
            rel = f"{location}{id_}.yml" if id_ else location
            bfile, ffile = bdata / rel, fdata / rel
            address = f"{word}:{id_}" if id_ else word
            if not ffile.is_file() and bfile.is_file():
                if id_:
                    differ.remove.append(address)
                continue
            if not ffile.is_file():
                continue
            if not bfile.is_file():
                target = own / "data" / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                up = "../" * (rel.count("/") + 2)
                target.write_text(_with_schema_line(ffile.read_text("utf-8"), up), "utf-8")
                written.append(f"data/{rel}")
                continue
            b, f = _load(bfile), _load(ffile)
            if isinstance(b, dict) and isinstance(f, dict) and b != f:
                differ.item(address, b, f, location)
    if wanted:
        _write(own / "toolkit.yml", "layer-toolkit.schema.json", "../", wanted)
        written.append("toolkit.yml")
    strings = _strings(bdata, fdata)
    if strings:
        _write(
            own / "strings.yml",
            "strings.schema.json",
            "../",
            strings,
            "# The toolkit's own words, over the base's.\n",
        )
        written.append("strings.yml")
    pages = _content(fork / "content", base / "content", own / "content", differ)
    overrides = _copy_changed(
        fork / "overrides", base / "overrides", own / "overrides", "overrides"
    )
    changes = differ.changes()
    _write(
        own / "changes.yml",
        "changes.schema.json",
        "../",
        changes or {"patch": {}},
        "# What this toolkit changes in the base, item by item (written by toolkit migrate).\n",
    )
    written.append("changes.yml")
    added = any(p.endswith(".md") and not (base / p).is_file() for p in pages)
    site = _site(base / "mkdocs.yml", fork / "mkdocs.yml", added)
    if site:
        _write(own / "site.yml", "site.schema.json", "../", site)
        written.append("site.yml")
    return written + pages + overrides


def _stems(data: Path, location: str) -> set[str]:
    """The ids of a kind's files in a data folder ({""} for a one-file kind)."""
    if not location.endswith("/"):
        return {""}
    return {path.stem for path in (data / location).glob("*.yml")}


def _strings(bdata: Path, fdata: Path) -> dict[str, Any]:
    fork = _load(fdata / "strings.yml") if (fdata / "strings.yml").is_file() else {}
    base = _load(bdata / "strings.yml") if (bdata / "strings.yml").is_file() else {}
    return {k: v for k, v in (fork or {}).items() if (base or {}).get(k) != v}


def _content(fork: Path, base: Path, own: Path, differ: Differ) -> list[str]:
    written = _copy_changed(fork, base, own, "content")
    fork_files = {rel for rel, _ in _files(fork)}
    for rel, _ in _files(base):
        if rel not in fork_files and rel.endswith(".md"):
            differ.remove.append(f"content/{rel}")
    return written


def _copy_changed(fork: Path, base: Path, own: Path, name: str) -> list[str]:
    """Copy into ``own`` each file of ``fork`` that ``base`` lacks or has otherwise."""
    written = []
    for rel, path in _files(fork):
        old = base / rel
        if old.is_file() and old.read_bytes() == path.read_bytes():
            continue
        (own / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, own / rel)
        written.append(f"{name}/{rel}")
    return written


def _settings(path: Path) -> dict:
    from mkdocs.utils import yaml_load

    try:
        with open(path, encoding="utf-8") as f:
            return yaml_load(f) or {}
    except Exception as err:  # mkdocs.yml's own tags: say so, without a traceback
        raise Failure(f"{path} could not be read: {err}") from None


def _site(base_file: Path, fork_file: Path, pages_added: bool = False) -> dict[str, Any]:
    """The fork's site settings that differ from the base's; its whole menu too
    when it added pages, so they stay where the fork had them (or out of it)."""
    base, fork = _settings(base_file), _settings(fork_file)
    out = {k: fork[k] for k in _SITE if k in fork and fork.get(k) != base.get(k)}
    if pages_added and "nav" in fork:
        out["nav"] = fork["nav"]
    return out


def _restore(fork: Path, base: Path) -> list[str]:
    """The base's own files, as the version the fork came from has them; the
    settings of mkdocs.yml that a layer cannot hold, if the fork changed any
    (mkdocs.yml is then kept)."""
    for name in ("data", "content", "overrides"):
        shutil.rmtree(fork / name, ignore_errors=True)
        if (base / name).is_dir():
            shutil.copytree(base / name, fork / name)
    base_settings, fork_settings = _settings(base / "mkdocs.yml"), _settings(fork / "mkdocs.yml")
    kept = [
        k
        for k in dict.fromkeys([*base_settings, *fork_settings])
        if k not in _SITE and base_settings.get(k) != fork_settings.get(k)
    ]
    if not kept:
        shutil.copy2(base / "mkdocs.yml", fork / "mkdocs.yml")
    return kept
