#!/usr/bin/env bash
# Installs the built plugin into a real ImageJ (Debian's package `imagej`, 1.53t) and runs
# macros/upscale_folder.ijm through it under a virtual display, then checks the image it wrote.
# ImageJ's wrapper exits 1 even on success and an error dialog would block forever, so the run
# is bounded by `timeout` and judged by the file written.
# Usage: .ci/imagej-smoke.sh [MODEL]   (run from the repository root after `mvn package`)
set -euo pipefail
model="${1:-x3}"
root="$(pwd)"
jar="$(ls target/ESPCN_-*.jar | grep -v -E -- '-(sources|tests|javadoc)\.jar$' | head -1)"
[ -f "$jar" ] || { echo "imagej-smoke: build the plugin first (mvn package)"; exit 1; }

if ! command -v imagej >/dev/null || ! command -v xvfb-run >/dev/null; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq imagej xvfb xauth >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work/home"
plugins="$HOME/.imagej/plugins"
mkdir -p "$plugins/jars" "$work/in" "$work/out"
cp "$jar" "$plugins/ESPCN_.jar"
# ImageJ's own ij.jar is already on its class path; everything else goes beside the plugin.
for j in target/jars/*.jar; do
	case "$(basename "$j")" in ij-*.jar) ;; *) cp "$j" "$plugins/jars/" ;; esac
done
cp src/main/resources/sample/butterfly.png "$work/in/"

echo "imagej-smoke: running macros/upscale_folder.ijm in Debian's ImageJ under xvfb"
set +e
timeout 300 xvfb-run -a imagej -b "$root/macros/upscale_folder.ijm" \
	"$work/in|$work/out|$model" > "$work/imagej.log" 2>&1
rc=$?
set -e
out="$work/out/butterfly.png"
if [ -f "$out" ] && python3 - "$out" <<'PY'
import struct, sys
with open(sys.argv[1], 'rb') as f:
    head = f.read(24)
assert head[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
w, h = struct.unpack('>II', head[16:24])
assert (w, h) == (768, 768), f'unexpected size {w}x{h}'
PY
then
	echo "imagej-smoke: OK, ImageJ wrote a 768x768 super-resolved butterfly (wrapper exit $rc)"
else
	echo "imagej-smoke: FAILED (exit $rc); ImageJ said:"
	cat "$work/imagej.log"
	exit 1
fi
