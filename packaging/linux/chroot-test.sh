#!/usr/bin/env bash
# Runs the Linux bundle's self-test on a minimal Debian (debootstrap --variant=minbase bookworm) to which only
# libgl1 and libegl1 are added: no fonts, no X, no Python. Proves the bundle carries everything else.
# Usage: packaging/linux/chroot-test.sh [dist/crte-desktop-VERSION-linux-x86_64.tar.gz]   (root; ~1 GB in
# build/chroot, kept between runs). Needs the debootstrap package (installed here if missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)
TAR=${1:-dist/crte-desktop-$VERSION-linux-x86_64.tar.gz}
CH="$ROOT/build/chroot/bookworm"
[ "$(id -u)" -eq 0 ] || { echo "chroot-test.sh doit être lancé en root." >&2; exit 1; }
command -v debootstrap >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq debootstrap >/dev/null; }
if [ ! -f "$CH/.ready" ]; then
  rm -rf "$CH"
  mkdir -p "$CH"
  debootstrap --variant=minbase bookworm "$CH" http://deb.debian.org/debian >/dev/null
  chroot "$CH" apt-get -o Acquire::Retries=3 update -qq
  DEBIAN_FRONTEND=noninteractive chroot "$CH" apt-get install -y -qq --no-install-recommends libgl1 libegl1 >/dev/null
  chroot "$CH" apt-get clean
  touch "$CH/.ready"
fi
echo "Système minimal : $(chroot "$CH" sh -c '. /etc/os-release; echo $PRETTY_NAME'), glibc $(chroot "$CH" ldd --version | head -1 | awk '{print $NF}'), polices : $(chroot "$CH" sh -c 'ls /usr/share/fonts 2>/dev/null | wc -l') dossier(s)"
rm -rf "$CH/opt/crte-desktop" "$CH/tmp/home"
tar -C "$CH/opt" -xzf "$TAR"
mkdir -p "$CH/tmp/home"
mount -t proc proc "$CH/proc"
trap 'umount "$CH/proc" 2>/dev/null || true' EXIT
chroot "$CH" /usr/bin/env -i HOME=/tmp/home PATH=/usr/bin:/bin LANG=C.UTF-8 /opt/crte-desktop/crte-desktop-cli --bundle-selftest
