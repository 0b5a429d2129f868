#!/usr/bin/env bash
# One-shot, idempotent setup: a project venv with the package and its test extra, plus Debian's Chromium
# for the browser tests and LibreOffice/poppler for the printed-workbook test (only with --browser).
# Safe to run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.portout-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[test]"
  touch "$stamp"
fi
# Compiled message catalogues (.mo, not committed): rebuilt when a .po is newer. The app compiles a newer
# .po in memory anyway; this keeps start-up fast.
for po in lib/portout/locale/*/LC_MESSAGES/portout.po; do
  [ "${po%.po}.mo" -nt "$po" ] || .venv/bin/pybabel compile -i "$po" -o "${po%.po}.mo" >/dev/null
done

# --browser: Chromium for the browser tests, LibreOffice Calc and poppler to render the workbook to PDF
# (tests/export/test_workbook_print.py).
if [ "${1:-}" = "--browser" ] && { [ ! -x /usr/bin/chromium ] || ! command -v soffice >/dev/null || ! command -v pdftotext >/dev/null; }; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium libreoffice-calc poppler-utils >/dev/null
fi
