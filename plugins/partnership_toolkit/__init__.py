"""Partnership toolkit generator.

A pure-Python core (``load``, ``model``, ``render``) turns the YAML guidance in
``data/`` into pages; ``mkdocs_plugin`` and ``macros`` are thin adapters that
hand those pages to MkDocs, and ``cli`` offers the same core on the command line.
"""

__version__ = "0.1.0"
