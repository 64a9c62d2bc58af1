#!/usr/bin/env bash
# Set up the generator and serve the default toolkit at http://127.0.0.1:8000/,
# rebuilding and reloading the browser whenever data/, content/ or mkdocs.yml change.
#   bash scripts/serve.sh                      # serve
#   bash scripts/serve.sh -a 127.0.0.1:8001    # other options go to `mkdocs serve`
#   bash scripts/serve.sh build                # build the site into site/ instead
#   bash scripts/serve.sh build -d out         # ... with options for `mkdocs build`
set -euo pipefail
cd "$(dirname "$0")/.."

# Install once, and again only when pyproject.toml changes: once set up, it
# starts in the time of the build, and works with no network.
[ -x .venv/bin/python ] || python3 -m venv .venv
stamp=.venv/.toolkit-installed
wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e .
  echo "$wanted" > "$stamp"
fi
export NO_MKDOCS_2_WARNING=1

if [ "${1:-}" = "build" ]; then
  shift
  exec .venv/bin/mkdocs build --strict "$@"
fi

# The address mkdocs serve will use: -a/--dev-addr if given, else mkdocs.yml's default.
address=127.0.0.1:8000
args=("$@")
for i in "${!args[@]}"; do
  case "${args[$i]}" in
    -a|--dev-addr) address=${args[$((i + 1))]:-$address} ;;
    --dev-addr=*) address=${args[$i]#--dev-addr=} ;;
  esac
done
if ! .venv/bin/python - "$address" <<'EOF'
import socket, sys
host, _, port = sys.argv[1].rpartition(":")
with socket.socket() as s:
    try:
        s.bind((host or "127.0.0.1", int(port)))
    except OSError:
        sys.exit(1)
EOF
then
  echo "serve.sh: $address is already in use (is the toolkit already being served?); stop" \
       "that server, or pick another address: bash scripts/serve.sh -a 127.0.0.1:8001" >&2
  exit 1
fi
# --livereload: with a recent click, MkDocs 1.6 no longer reloads the browser without it.
exec .venv/bin/mkdocs serve --livereload "$@"
