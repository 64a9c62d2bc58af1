#!/usr/bin/env bash
# Set up the generator and serve the default toolkit at http://127.0.0.1:8000/,
# rebuilding and reloading the browser whenever data/, content/ or mkdocs.yml change.
#   bash scripts/serve.sh           # serve
#   bash scripts/serve.sh build     # build the site into site/ instead
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
export NO_MKDOCS_2_WARNING=1
if [ "${1:-serve}" = "build" ]; then
  exec .venv/bin/mkdocs build --strict
fi
# --livereload: with a recent click, MkDocs 1.6 no longer reloads the browser without it.
exec .venv/bin/mkdocs serve --livereload
