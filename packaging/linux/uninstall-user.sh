#!/bin/sh
# Removes what install-user.sh installed. Workspaces (.crte), settings (~/.config/crte-desktop) and
# data (~/.local/share/crte-desktop, e.g. the demo workspace) stay: delete them yourself if you wish.
set -eu
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
case "$DATA" in /*) ;; *) DATA="$HOME/.local/share" ;; esac
PREFIX="${CRTE_PREFIX:-$HOME/.local/opt/crte-desktop}"
rm -f "$HOME/.local/bin/crte-desktop" "$DATA/applications/crte-desktop.desktop" \
      "$DATA/mime/packages/crte-desktop.xml" "$DATA/icons/hicolor/scalable/apps/crte-desktop.svg"
rm -f "$DATA"/icons/hicolor/*/apps/crte-desktop.png
command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$DATA/mime" >/dev/null 2>&1 || true
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$DATA/applications" >/dev/null 2>&1 || true
case "$PREFIX" in
  */crte-desktop) rm -rf "$PREFIX" ;;
esac
echo "CRTE Desktop est désinstallé. Vos fichiers .crte et vos réglages sont conservés."
