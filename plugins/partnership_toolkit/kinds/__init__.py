"""One module per data kind.

Each module has ``SCHEMA`` (the name of its JSON Schema), ``LOCATION`` (a
file or a folder under ``data/``), ``DEFINES`` (where its ids are, so they
are known even when the file has mistakes) and ``build(doc, id, ctx)``, which
turns a validated document into model objects and records the ids it defines
and uses. Adding a kind means adding a module here and listing it in ``KINDS``.
"""

from . import assessments, checklists, glossary, principles, sources, stages, templates, themes

KINDS = (sources, stages, themes, principles, glossary, checklists, templates, assessments)
