#!/usr/bin/env bash
# Checks the Windows installers under Wine (called by packaging/windows/build.sh):
#   NSIS  silent per-user install into %LOCALAPPDATA%\Programs\CRTE Desktop, Start-menu entry, HKCU .crte
#         association, self-test of the INSTALLED executable, upgrade N -> N+1 (an installer of the next
#         version, built here from the same bundle, removes the old program files), silent uninstall that
#         keeps the user's .crte files and settings;
#   MSI   silent per-machine install (msiexec /qn) into Program Files, self-test, silent uninstall.
# Usage: check_installers.sh SETUP.exe APP.msi   (Wine prefix and bundle of build/windows/)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
SETUP=$1
MSI=$2
W="$ROOT/build/windows"
WINE=$(command -v wine64 || echo /usr/lib/wine/wine64)
export WINEPREFIX="$W/wineprefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" WINEARCH=win64
wine() { "$WINE" "$@" 2>&1 | cat; return "${PIPESTATUS[0]}"; }
fail() { echo "ÉCHEC : $*" >&2; exit 1; }
ok() { echo "OK     $*"; }
C="$WINEPREFIX/drive_c"
U=$(ls "$C/users" | grep -v -i public | head -1)
LOCAL="$C/users/$U/AppData/Local"
ROAMING="$C/users/$U/AppData/Roaming"
INST="$LOCAL/Programs/CRTE Desktop"
winpath() { echo "Z:$1" | sed 's|/|\\|g'; }
reg_query() { wine reg query "$@" 2>/dev/null | tr -d '\r'; }

echo "== NSIS : installation silencieuse par utilisateur"
wine "$SETUP" /S
[ -f "$INST/crte-desktop.exe" ] && [ -f "$INST/crte-desktop-cli.exe" ] && [ -f "$INST/uninstall.exe" ] \
  || fail "fichiers absents de $INST"
ok "installé dans %LOCALAPPDATA%\\Programs\\CRTE Desktop"
ls "$ROAMING/Microsoft/Windows/Start Menu/Programs/CRTE Desktop.lnk" >/dev/null || fail "raccourci du menu Démarrer absent"
ok "raccourci du menu Démarrer"
reg_query 'HKCU\Software\Classes\.crte' /ve | grep -q "CRTEDesktop.Workspace" || fail "association .crte absente (HKCU)"
reg_query 'HKCU\Software\Classes\CRTEDesktop.Workspace\shell\open\command' /ve | grep -q 'crte-desktop.exe" "%1"' \
  || fail "commande d'ouverture .crte absente"
ok "association .crte dans HKCU (Wine ne la fusionne pas dans HKCR : double-clic non vérifiable ici)"
reg_query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\CRTEDesktop' /v DisplayVersion | grep -q "REG_SZ" \
  || fail "entrée « Applications installées » absente"
ok "entrée de désinstallation (HKCU)"

echo "== auto-test de l'exécutable installé"
wine "$INST/crte-desktop-cli.exe" --bundle-selftest | tail -3
ok "auto-test de la copie installée"

echo "== fichiers de l'utilisateur"
# not the prefix's Documents: Wine links it to the Unix home folder
DOCS="$C/donnees-utilisateur"
rm -rf "$DOCS"
mkdir -p "$DOCS" "$ROAMING/CRTE Desktop"
wine "$INST/crte-desktop-cli.exe" demo 'C:\donnees-utilisateur\mon-crte.crte' >/dev/null
[ -s "$DOCS/mon-crte.crte" ] || fail "la démonstration n'a pas été écrite"
printf '[General]\nfirst_start_done=true\n' > "$ROAMING/CRTE Desktop/reglages.ini"
before=$(sha256sum "$DOCS/mon-crte.crte" "$ROAMING/CRTE Desktop/reglages.ini")

echo "== mise à jour N -> N+1"
NEXT="$W/crte-desktop-next-setup.exe"
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)
makensis -V1 -DFAST_COMPRESSION -DVERSION="$VERSION.1" -DSRC="$W/dist/crte-desktop" -DOUT="$NEXT" -DSIZE_KB=1 \
  -DICON="$ROOT/crte_desktop/resources/icons/crte-desktop.ico" -DLICENSE="$ROOT/LICENSE" packaging/windows/installer.nsi
echo "fichier de l'ancienne version" > "$INST/_internal/fichier-de-la-version-N.txt"
wine "$NEXT" /S
[ ! -e "$INST/_internal/fichier-de-la-version-N.txt" ] || fail "un fichier de l'ancienne version est resté"
reg_query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\CRTEDesktop' /v DisplayVersion | grep -q "$VERSION.1" \
  || fail "la version N+1 n'est pas enregistrée"
wine "$INST/crte-desktop-cli.exe" check 'C:\donnees-utilisateur\mon-crte.crte' >/dev/null || fail "N+1 ne lit pas le fichier"
ok "mise à jour : anciens fichiers remplacés, version N+1 enregistrée"
rm -f "$NEXT"

echo "== désinstallation silencieuse"
wine "$INST/uninstall.exe" /S _?="$(echo "$INST" | sed "s|$C|C:|; s|/|\\\\|g")"
[ ! -e "$INST/crte-desktop.exe" ] && [ ! -e "$INST/_internal" ] || fail "le programme est resté"
[ ! -e "$ROAMING/Microsoft/Windows/Start Menu/Programs/CRTE Desktop.lnk" ] || fail "le raccourci est resté"
reg_query 'HKCU\Software\Classes\CRTEDesktop.Workspace' /ve | grep -q "REG_SZ" && fail "l'association est restée"
[ "$(sha256sum "$DOCS/mon-crte.crte" "$ROAMING/CRTE Desktop/reglages.ini")" = "$before" ] \
  || fail "la désinstallation a modifié les fichiers de l'utilisateur"
ok "désinstallé ; fichier .crte et réglages de l'utilisateur intacts"

echo "== MSI : installation silencieuse par machine"
PF="$C/Program Files/CRTE Desktop"
wine msiexec /i "$(winpath "$MSI")" /qn
[ -f "$PF/crte-desktop.exe" ] || fail "MSI : programme absent de Program Files"
ok "MSI installé dans Program Files"
wine "$PF/crte-desktop-cli.exe" --bundle-selftest --skip-windows | tail -2
ok "auto-test de la copie installée par le MSI"
wine msiexec /x "$(winpath "$MSI")" /qn
[ ! -e "$PF/crte-desktop.exe" ] || fail "MSI : le programme est resté après désinstallation"
[ "$(sha256sum "$DOCS/mon-crte.crte" "$ROAMING/CRTE Desktop/reglages.ini")" = "$before" ] \
  || fail "MSI : fichiers de l'utilisateur modifiés"
ok "MSI désinstallé ; fichiers de l'utilisateur intacts"
echo "Installateurs vérifiés sous Wine."
