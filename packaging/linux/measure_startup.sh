#!/usr/bin/env bash
# Measures how long the bundled window takes to show the demo workspace, warm (the demo file written once by
# `crte-desktop demo`, the bundle's files in the page cache after a first start), under Xvfb: from the exec of
# `crte-desktop demo.crte` (what the start screen's « Ouvrir la démonstration » and a double-click do) to the
# moment the main window « demo.crte » is mapped. Budget: < 2 s. Usage: measure_startup.sh [BUNDLE_DIR] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
B=${1:-build/linux/dist/crte-desktop}
RUNS=${2:-3}
command -v xwininfo >/dev/null && command -v xvfb-run >/dev/null || {
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends x11-utils xvfb xauth >/dev/null; }
H=$(mktemp -d)
trap 'rm -rf "$H"' EXIT
cat > "$H/run.sh" <<'INNER'
#!/usr/bin/env bash
# inside Xvfb: start, wait for the main window, report the time, close
B=$1; H=$2
start=$(date +%s.%N)
env -i HOME="$H" PATH=/usr/bin:/bin LANG=C.UTF-8 DISPLAY="$DISPLAY" XAUTHORITY="${XAUTHORITY:-}" "$B/crte-desktop" "$H/demo.crte" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 1500); do
  if xwininfo -root -tree 2>/dev/null | grep -q 'demo.crte'; then
    end=$(date +%s.%N); echo "$end - $start" | bc; kill $pid; wait $pid 2>/dev/null || true; exit 0
  fi
  sleep 0.02
done
kill $pid; echo "fenêtre non affichée en 30 s" >&2; exit 1
INNER
chmod +x "$H/run.sh"
command -v bc >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq bc >/dev/null
env -i HOME="$H" PATH=/usr/bin:/bin LANG=C.UTF-8 "$B/crte-desktop" demo "$H/demo.crte" >/dev/null
xvfb-run -a -s "-screen 0 1366x768x24" "$H/run.sh" "$B" "$H" >/dev/null  # first start: the files in the cache
for i in $(seq 1 "$RUNS"); do
  xvfb-run -a -s "-screen 0 1366x768x24" "$H/run.sh" "$B" "$H"
done
