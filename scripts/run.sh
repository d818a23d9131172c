#!/usr/bin/env bash
# Installs everything, then opens CRTE Desktop (the demo workspace on first start).
# Without a display, it runs inside a virtual X server (Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export LANG=C.UTF-8
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
  exec xvfb-run -a -s "-screen 0 1366x800x24" .venv/bin/crte-desktop "$@"
fi
exec .venv/bin/crte-desktop "$@"
