#!/usr/bin/env bash
# A misspelt macro key in a real ImageJ with a display (Debian's `imagej` under xvfb): the
# options path (read without a dialog when a macro gives options) must stop the macro with "Unknown key", not run the
# default model. ImageJ's error dialog blocks, so the run is bounded by `timeout` and judged by
# the file the macro writes only if it goes on; a correct key must still go on.
# Usage: .ci/imagej-keys.sh   (run from the repository root after `mvn package`)
set -euo pipefail
. "$(dirname "$0")/imagej-install.sh"
command -v imagej >/dev/null && command -v xvfb-run >/dev/null || {
	echo "imagej-keys: needs Debian's imagej and xvfb-run (see imagej-smoke.sh)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work/home"
install_plugin "$HOME"
for key in modle model; do
	cat > "$work/$key.ijm" <<IJM
newImage("a", "8-bit ramp", 32, 32, 1);
run("ESPCN Super-Resolution...", "$key=x3");
File.saveString(getTitle(), "$work/$key.txt");
IJM
	timeout 90 xvfb-run -a imagej -b "$work/$key.ijm" > "$work/$key.log" 2>&1 || true
done
if [ -f "$work/modle.txt" ]; then
	echo "imagej-keys: FAILED: the misspelt key 'modle' ran ($(cat "$work/modle.txt"))"; exit 1
fi
if [ "$(cat "$work/model.txt" 2>/dev/null)" != "a-ESPCN-x3" ]; then
	echo "imagej-keys: FAILED: the correct key did not run"; cat "$work/model.log"; exit 1
fi
echo "imagej-keys: OK, a misspelt key stops the macro in ImageJ with a display; the right one runs"
