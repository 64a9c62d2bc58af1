"""The toolkit's scripts, joined from the small files of ``scripts/``.

Each bundle is one classic script (the offline copy, opened from the file
system, cannot load ES modules): the files listed for it, in order, inside
one function, so a file may use what an earlier one declares. ``toolkit.js``
is loaded by every page and puts what the others share on
``window.partnershipToolkit``; ``checklist.js``, ``template.js``,
``assessment.js``, ``assessment.compare.js`` and ``chooser.js`` are linked by
their own pages.
See ``scripts/README.md``.
"""

from __future__ import annotations

import functools
from importlib import resources

BUNDLES: dict[str, tuple[str, ...]] = {
    "toolkit.js": (
        "toolkit/core.js",
        "toolkit/storage.js",
        "toolkit/words.js",
        "toolkit/undo.js",
        "toolkit/files.js",
    ),
    "checklist.js": ("checklist/checklist.js", "checklist/page.js"),
    # The "which tool do I need?" filter of the checklists and templates pages.
    "chooser.js": ("chooser/chooser.js",),
    # A health check's page needs only the answering; its compare page, only
    # the comparing (each page loads less: BENCHMARKS.md).
    "assessment.js": ("assessment/answers.js",),
    "assessment.compare.js": (
        "assessment/paper.js",
        "assessment/compare.js",
        "assessment/plan.js",
        "assessment/report.js",
    ),
    "template.js": (
        "template/start.js",
        "template/form.js",
        "template/saving.js",
        "template/rows.js",
        "template/checks.js",
        "template/shown.js",
        "template/drafts.js",
        "template/tabs.js",
        "template/main.js",
    ),
}


@functools.cache
def bundle(name: str) -> str:
    """The script ``name`` as published (before minifying)."""
    folder = resources.files("partnership_toolkit").joinpath("scripts")
    parts = [
        f"/* ---- scripts/{part} ---- */\n" + folder.joinpath(part).read_text(encoding="utf-8")
        for part in BUNDLES[name]
    ]
    return (
        f"/* {name}: made by the toolkit from scripts/ (see scripts/README.md). */\n"
        '(function () {\n  "use strict";\n\n' + "\n".join(parts) + "})();\n"
    )
