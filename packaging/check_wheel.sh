#!/usr/bin/env bash
# The wheel as a user gets it: built from the project, installed with its dependencies in a fresh virtual
# environment OUTSIDE the checkout, then `crte-desktop demo` + `check` run from another folder, and the
# installed copy's self-test (every output, every window offscreen). Called by .ci/run. Needs the system
# libraries of scripts/setup.sh (Qt offscreen).
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen
T=$(mktemp -d /tmp/crte-wheel-XXXXXX)
trap 'rm -rf "$T"' EXIT
python3 -m venv "$T/venv"
"$T/venv/bin/python" -m pip install -q --upgrade pip
"$T/venv/bin/python" -m pip wheel -q --no-deps -w "$T/wheel" .
"$T/venv/bin/python" -m pip install -q "$T"/wheel/crte_desktop-*.whl
mkdir "$T/ailleurs"
cd "$T/ailleurs"
export CRTE_DESKTOP_HOME="$T/profil"
where=$("$T/venv/bin/python" -c "import crte_desktop; print(crte_desktop.__file__)")
case "$where" in "$T"/venv/*) ;; *) echo "ÉCHEC : crte_desktop importé depuis $where" >&2; exit 1 ;; esac
"$T/venv/bin/crte-desktop" demo demo.crte
"$T/venv/bin/crte-desktop" check demo.crte
"$T/venv/bin/crte-desktop" --bundle-selftest | tail -1
echo "Roue vérifiée : installée hors du dépôt ($where), demo + check + auto-test."
