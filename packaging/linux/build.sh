#!/usr/bin/env bash
# Builds the Linux bundle of CRTE Desktop and checks it:
#   dist/crte-desktop-VERSION-linux-x86_64.tar.gz   (top folder crte-desktop/ with the crte-desktop executable,
#                                                    install-user.sh, uninstall-user.sh)
#   dist/crte-desktop_VERSION_amd64.deb             (/opt/crte-desktop, menu entry, .crte file type)
#   dist/crte_desktop-VERSION-py3-none-any.whl      (the wheel the bundle is made from)
# then runs the bundle's self-test from the unpacked archive with an empty environment and a fresh HOME, and
# refuses a bundle that needs a glibc newer than 2.35 (Ubuntu 22.04). Options: --no-selftest; --reuse (keep the
# PyInstaller bundle of a previous run in build/linux/dist, for iterating on the later steps).
# Installs what it needs (Debian/Ubuntu packages, a build venv in build/linux/venv). Run heavy: nice -n 10.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
export LANG=C.UTF-8
SELFTEST=1
REUSE=0
for arg in "$@"; do
  case "$arg" in --no-selftest) SELFTEST=0 ;; --reuse) REUSE=1 ;; *) echo "option inconnue : $arg" >&2; exit 2 ;; esac
done
PYINSTALLER_VERSION=6.22.3
GLIBC_MAX=2.35
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)
BUILD=build/linux
START=$(date +%s)

need=""
for p in binutils desktop-file-utils dpkg-dev fakeroot python3-venv libgl1 libegl1 libfontconfig1 libxkbcommon0 \
         libglib2.0-0 libdbus-1-3; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need="$need $p"
done
if [ -n "$need" ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $need >/dev/null
fi

B="$BUILD/dist/crte-desktop"
if [ "$REUSE" = 1 ] && [ -x "$B/crte-desktop" ]; then
  echo "== bundle précédent réutilisé ($B)"
else
echo "== wheel"
mkdir -p dist "$BUILD"
rm -f dist/crte_desktop-*.whl
python3 -m venv "$BUILD/venv" 2>/dev/null || true
"$BUILD/venv/bin/python" -m pip install -q --upgrade pip
"$BUILD/venv/bin/python" -m pip wheel -q --no-deps -w dist .
"$BUILD/venv/bin/python" -m pip install -q "pyinstaller==$PYINSTALLER_VERSION" dist/crte_desktop-"$VERSION"-py3-none-any.whl

echo "== PyInstaller"
rm -rf "$BUILD/dist" "$BUILD/work"
"$BUILD/venv/bin/pyinstaller" --noconfirm --log-level WARN --distpath "$BUILD/dist" --workpath "$BUILD/work" \
  packaging/crte-desktop.spec
fi
mkdir -p dist "$B/share/icons"
cp packaging/linux/install-user.sh packaging/linux/uninstall-user.sh "$B/"
cp packaging/linux/crte-desktop.desktop packaging/linux/crte-desktop-mime.xml "$B/share/"
cp crte_desktop/resources/icons/crte-desktop-{16,24,32,48,64,128,256,512}.png crte_desktop/resources/icons/crte-desktop.svg \
   "$B/share/icons/"
cp LICENSE "$B/LICENSE.txt"
cp packaging/linux/LISEZMOI.txt "$B/"
desktop-file-validate "$B/share/crte-desktop.desktop"

echo "== glibc"
newest=$( (find "$B" -type f \( -name "*.so*" -o -perm -u+x \) -exec objdump -T {} + 2>/dev/null || true) \
         | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -u -V | tail -1)
echo "glibc le plus récent demandé par le bundle : $newest (cible : <= $GLIBC_MAX)"
if [ "$(printf '%s\n%s\n' "$newest" "$GLIBC_MAX" | sort -V | tail -1)" != "$GLIBC_MAX" ]; then
  echo "ERREUR : le bundle demande glibc $newest, plus récente que la cible $GLIBC_MAX :" >&2
  find "$B" -type f -name "*.so*" -exec sh -c 'objdump -T "$1" 2>/dev/null | grep -q "GLIBC_$2" && echo "  $1"' _ {} "$newest" \; >&2
  exit 1
fi

echo "== archive"
TAR="dist/crte-desktop-$VERSION-linux-x86_64.tar.gz"
tar -C "$BUILD/dist" -czf "$TAR" crte-desktop

echo "== .deb"
DEB="$BUILD/deb"
rm -rf "$DEB"
mkdir -p "$DEB/DEBIAN" "$DEB/opt" "$DEB/usr/bin" "$DEB/usr/share/applications" "$DEB/usr/share/mime/packages" \
         "$DEB/usr/share/doc/crte-desktop"
cp -a "$B" "$DEB/opt/crte-desktop"
rm "$DEB/opt/crte-desktop/install-user.sh" "$DEB/opt/crte-desktop/uninstall-user.sh"
ln -s /opt/crte-desktop/crte-desktop "$DEB/usr/bin/crte-desktop"
cp packaging/linux/crte-desktop.desktop "$DEB/usr/share/applications/"
cp packaging/linux/crte-desktop-mime.xml "$DEB/usr/share/mime/packages/crte-desktop.xml"
for s in 16 24 32 48 64 128 256 512; do
  mkdir -p "$DEB/usr/share/icons/hicolor/${s}x${s}/apps"
  cp "crte_desktop/resources/icons/crte-desktop-$s.png" "$DEB/usr/share/icons/hicolor/${s}x${s}/apps/crte-desktop.png"
done
cp LICENSE "$DEB/usr/share/doc/crte-desktop/copyright"
SIZE_KB=$(du -sk "$DEB" | cut -f1)
cat > "$DEB/DEBIAN/control" <<CONTROL
Package: crte-desktop
Version: $VERSION
Architecture: amd64
Maintainer: CRTE Desktop <crte-desktop@localhost>
Installed-Size: $SIZE_KB
Depends: libc6 (>= $GLIBC_MAX), libstdc++6, libexpat1, libgl1, libegl1
Recommends: libcups2, fonts-dejavu-core
Section: misc
Priority: optional
Description: suivi des contrats pour la réussite de la transition écologique (CRTE)
 Application de bureau hors ligne pour le secrétariat d'un CRTE : programme d'actions,
 plans de financement, indicateurs, tableau de bord, comités et séances, dans un seul
 fichier .crte.
CONTROL
cat > "$DEB/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
command -v update-mime-database >/dev/null 2>&1 && update-mime-database /usr/share/mime || true
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
exit 0
POSTINST
cp "$DEB/DEBIAN/postinst" "$DEB/DEBIAN/postrm"
chmod 755 "$DEB/DEBIAN/postinst" "$DEB/DEBIAN/postrm"
dpkg-deb --root-owner-group -Zgzip -z6 --build "$DEB" "dist/crte-desktop_${VERSION}_amd64.deb" >/dev/null

BUILD_S=$(( $(date +%s) - START ))
echo "== taille et durée"
ls -l "$TAR" "dist/crte-desktop_${VERSION}_amd64.deb" | awk '{printf "%s  %.1f Mo\n", $NF, $5/1048576}'
echo "bundle décompressé : $(du -sh "$B" | cut -f1) ; construction : ${BUILD_S} s"

if [ "$SELFTEST" = 1 ]; then
  echo "== auto-test du bundle décompressé (environnement vide, HOME neuf)"
  T=$(mktemp -d)
  tar -C "$T" -xzf "$TAR"
  mkdir -p "$T/home"
  env -i HOME="$T/home" PATH=/usr/bin:/bin LANG=C.UTF-8 "$T/crte-desktop/crte-desktop-cli" --bundle-selftest
  rm -rf "$T"
fi
