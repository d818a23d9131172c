#!/usr/bin/env bash
# Installs everything, checks the code (ruff, mypy: rules in pyproject.toml), then runs the test suite headless.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen
.venv/bin/python -m ruff check --quiet .
.venv/bin/python -m mypy
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
