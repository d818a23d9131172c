#!/usr/bin/env bash
# Installs what CRTE Desktop needs on a fresh Debian/Ubuntu machine with Python >= 3.11:
# the system libraries Qt needs (offscreen and a real window), then a virtual environment
# in .venv with the application and its test tools. Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=C.UTF-8

SYSTEM_PACKAGES="libgl1 libegl1 libfontconfig1 libglib2.0-0 libxkbcommon0 libdbus-1-3 fonts-dejavu-core
 xvfb xauth libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0
 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1 poppler-utils"

PYTHON="${PYTHON:-python3}"
missing=""
# Debian's own Python needs python3-venv (ensurepip) to create the virtual environment.
"$PYTHON" -c "import ensurepip, venv" 2>/dev/null || SYSTEM_PACKAGES="$SYSTEM_PACKAGES python3-venv"
if command -v dpkg-query >/dev/null 2>&1; then
  for p in $SYSTEM_PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
fi
if [ -n "$missing" ]; then
  echo "Installation des paquets système :$missing"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
if ! .venv/bin/python -c "import crte_desktop, PySide6, openpyxl, matplotlib, pytest, pytestqt, hypothesis" 2>/dev/null \
   || [ pyproject.toml -nt .venv/.installed ]; then
  .venv/bin/python -m pip install -q --upgrade pip 2>/dev/null || true
  .venv/bin/python -m pip install -q -e ".[test]"
  touch .venv/.installed
fi
