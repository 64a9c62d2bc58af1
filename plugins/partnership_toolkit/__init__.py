"""Partnership toolkit generator.

A pure-Python core (``load``, ``model``, ``render``) turns the YAML guidance in
``data/`` into pages; ``mkdocs_plugin`` and ``macros`` are thin adapters that
hand those pages to MkDocs, and ``cli`` offers the same core on the command line.
"""

__version__ = "0.1.0"

# Where a build keeps what is slow to make, relative to mkdocs.yml (the
# plugin's ``cache_dir`` option), and the folders inside it: data files
# already read, compiled page templates, the compiled theme and the templates'
# Word files.
CACHE_DIR = ".cache/toolkit"
DATA_CACHE = "data"
TEMPLATE_CACHE = "jinja"
PAGES_CACHE = "pages"  # the generated pages MkDocs reads, as files
RENDERED_CACHE = "rendered"  # the last build's rendered pages, by way of building
THEME_CACHE = "theme"
DOCX_CACHE = "docx"
PDF_CACHE = "pdf"
