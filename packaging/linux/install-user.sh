#!/bin/sh
# Installs CRTE Desktop for the current user only (no administrator rights), from the unpacked bundle:
#   program        ~/.local/opt/crte-desktop/          (replaced whole on upgrade)
#   command        ~/.local/bin/crte-desktop
#   menu entry     ~/.local/share/applications/crte-desktop.desktop
#   file type      ~/.local/share/mime/packages/crte-desktop.xml  (*.crte opens with CRTE Desktop)
#   icon           ~/.local/share/icons/hicolor/SIZE/apps/crte-desktop.png
# Workspaces (.crte), settings (~/.config/crte-desktop) and data (~/.local/share/crte-desktop) are never touched.
# Undo with uninstall-user.sh.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
case "$DATA" in /*) ;; *) DATA="$HOME/.local/share" ;; esac
PREFIX="${CRTE_PREFIX:-$HOME/.local/opt/crte-desktop}"
BIN="$HOME/.local/bin"

if [ ! -x "$HERE/crte-desktop" ]; then
  echo "Lancez ce script depuis le dossier crte-desktop décompressé." >&2
  exit 1
fi
if [ "$HERE" != "$PREFIX" ]; then
  mkdir -p "$(dirname "$PREFIX")"
  rm -rf "$PREFIX.nouveau"
  cp -a "$HERE" "$PREFIX.nouveau"
  rm -rf "$PREFIX.ancien"
  [ -e "$PREFIX" ] && mv "$PREFIX" "$PREFIX.ancien"
  mv "$PREFIX.nouveau" "$PREFIX"
  rm -rf "$PREFIX.ancien"
fi

mkdir -p "$BIN" "$DATA/applications" "$DATA/mime/packages"
ln -sf "$PREFIX/crte-desktop" "$BIN/crte-desktop"
sed "s|^Exec=crte-desktop|Exec=\"$PREFIX/crte-desktop\"|" "$PREFIX/share/crte-desktop.desktop" \
  > "$DATA/applications/crte-desktop.desktop"
cp "$PREFIX/share/crte-desktop-mime.xml" "$DATA/mime/packages/crte-desktop.xml"
for png in "$PREFIX"/share/icons/crte-desktop-*.png; do
  size=$(basename "$png" .png | sed 's/^crte-desktop-//')
  mkdir -p "$DATA/icons/hicolor/${size}x${size}/apps"
  cp "$png" "$DATA/icons/hicolor/${size}x${size}/apps/crte-desktop.png"
done
mkdir -p "$DATA/icons/hicolor/scalable/apps"
cp "$PREFIX/share/icons/crte-desktop.svg" "$DATA/icons/hicolor/scalable/apps/crte-desktop.svg"

if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$DATA/applications/crte-desktop.desktop"
fi
command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$DATA/mime" >/dev/null 2>&1 || true
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$DATA/applications" >/dev/null 2>&1 || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" 2>/dev/null || true
if command -v xdg-mime >/dev/null 2>&1; then
  xdg-mime default crte-desktop.desktop application/x-crte-workspace 2>/dev/null || true
fi

echo "CRTE Desktop est installé dans $PREFIX."
echo "Il est dans le menu des applications (Bureautique) ; les fichiers .crte s'ouvrent avec lui."
case ":$PATH:" in *":$BIN:"*) ;; *) echo "Commande : $BIN/crte-desktop (ajoutez $BIN au PATH pour taper crte-desktop)." ;; esac
