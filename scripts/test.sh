#!/usr/bin/env bash
# Set up everything the tests need on a fresh Debian machine, then run every test.
#   bash scripts/test.sh            # all tests
#   bash scripts/test.sh -k print   # extra arguments go to pytest
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's Chromium for the browser tests, poppler's pdftotext for the print tests,
# git for the tests that take a new upstream version into a toolkit project, and
# Pango, which WeasyPrint draws the build's PDFs with.
if ! command -v chromium >/dev/null || ! command -v pdftotext >/dev/null || ! command -v git >/dev/null \
    || ! dpkg -s libpangoft2-1.0-0 >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium poppler-utils \
    fonts-dejavu-core git libpango-1.0-0 libpangoft2-1.0-0 >/dev/null
fi

# The package and its test tools, in a virtual environment of the project's own.
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'

# Lint and formatting first: a minute of tests is not spent on a tree ruff refuses.
.venv/bin/ruff check .
.venv/bin/ruff format --check .

export NO_MKDOCS_2_WARNING=1   # silence Material's notice about MkDocs 2 on every build
# One test at a time by default: on a 2-core machine two workers (TEST_WORKERS=2,
# pytest-xdist) made the whole run slower, as two browsers and two builds compete.
.venv/bin/python -m pytest -n "${TEST_WORKERS:-0}" "$@"
