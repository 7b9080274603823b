#!/usr/bin/env bash
# Installs the built plugin into a real ImageJ (Debian's package `imagej`, 1.53t) and runs
# macros/upscale_folder.ijm and macros/train_folder.ijm through it under a virtual display, then
# checks the image and the model folder they wrote, that the trained model is offered in the
# model chooser, and that the macro recorder keeps a successful run and not a failed one
# (.ci/SmokeProbe.java, compiled here against ImageJ's ij.jar, reaches the recorder and the
# dialog from a macro).
# ImageJ's wrapper exits 1 even on success and an error dialog would block forever, so the run
# is bounded by `timeout` and judged by the file written.
# Usage: .ci/imagej-smoke.sh [MODEL]   (run from the repository root after `mvn package`)
set -euo pipefail
model="${1:-x3}"
root="$(pwd)"
. "$(dirname "$0")/imagej-install.sh"

if ! command -v imagej >/dev/null || ! command -v xvfb-run >/dev/null || ! command -v unzip >/dev/null; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq imagej xvfb xauth unzip >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work/home"
mkdir -p "$work/in" "$work/out"
install_plugin "$HOME"
mkdir -p "$work/probe"
javac -nowarn --release 8 -cp /usr/share/java/ij.jar -d "$work/probe" .ci/SmokeProbe.java 2>/dev/null
jar cf "$HOME/.imagej/plugins/jars/smoke-probe.jar" -C "$work/probe" .
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

# Training through the same plugin class loader (SciJava's plugin index, DJL's training path):
# one epoch on two copies of the sample (one of them validates).
mkdir -p "$work/train"
cp src/main/resources/sample/butterfly.png "$work/train/a.png"
cp src/main/resources/sample/butterfly.png "$work/train/b.png"
echo "imagej-smoke: running macros/train_folder.ijm in Debian's ImageJ under xvfb"
set +e
timeout 300 xvfb-run -a imagej -b "$root/macros/train_folder.ijm" \
	"$work/train|3|1|$work/model" > "$work/imagej-train.log" 2>&1
rc=$?
set -e
if grep -q '"epochsCompleted": 1,' "$work/model/card.json" 2>/dev/null; then
	echo "imagej-smoke: OK, ImageJ trained one epoch into a model folder (wrapper exit $rc)"
else
	echo "imagej-smoke: FAILED to train (exit $rc); ImageJ said:"
	cat "$work/imagej-train.log"
	exit 1
fi

# The trained model is offered in the model choices (registered in ImageJ's preferences folder,
# which Debian's ImageJ takes from the user's home in the password file, not from $HOME) and runs
# through the macro key model=PATH. The entry is removed again afterwards.
echo 'File.saveString(call("ij.Prefs.getPrefsDir"), getArgument());' > "$work/prefs.ijm"
timeout 120 xvfb-run -a imagej -b "$work/prefs.ijm" "$work/prefs.txt" > /dev/null 2>&1 || true
registry="$(cat "$work/prefs.txt" 2>/dev/null)/ESPCN/models.txt"
trap 'sed -i "\#^$work/model\$#d" "$registry" 2>/dev/null; rm -rf "$work"' EXIT
if grep -qx "$work/model" "$registry" 2>/dev/null; then
	echo "imagej-smoke: OK, the trained model is registered for the model choices ($registry)"
else
	echo "imagej-smoke: FAILED: $work/model is not in $registry:"
	cat "$registry" 2>/dev/null || echo "(no registry)"
	exit 1
fi
# The model chooser lists it: the items of Super-Resolution's drop-downs, as the menu opens it.
# (call() finds the plugins' jars once a command has run.)
cat > "$work/chooser.ijm" <<'IJM'
newImage("a", "8-bit ramp", 32, 32, 1);
run("Select None");
File.saveString(call("SmokeProbe.dropDownItems", "ESPCN Super-Resolution..."), getArgument());
IJM
timeout 120 xvfb-run -a imagej -b "$work/chooser.ijm" "$work/chooser.txt" > "$work/imagej-chooser.log" 2>&1 || true
if grep -qx "$work/model" "$work/chooser.txt" 2>/dev/null; then
	echo "imagej-smoke: OK, the model chooser lists the trained model"
else
	echo "imagej-smoke: FAILED: the model chooser does not list $work/model; its items:"
	cat "$work/chooser.txt" 2>/dev/null || cat "$work/imagej-chooser.log"
	exit 1
fi

mkdir -p "$work/out-own"
set +e
timeout 300 xvfb-run -a imagej -b "$root/macros/upscale_folder.ijm" \
	"$work/in|$work/out-own|$work/model" > "$work/imagej-own.log" 2>&1
rc=$?
set -e
if [ -f "$work/out-own/butterfly.png" ]; then
	echo "imagej-smoke: OK, the trained model upscaled through model=PATH (wrapper exit $rc)"
else
	echo "imagej-smoke: FAILED to upscale with the trained model (exit $rc); ImageJ said:"
	cat "$work/imagej-own.log"
	exit 1
fi

# The macro recorder keeps a successful run and not a failed one (model=x5): two runs with the
# recorder open, one ESPCN line recorded.
cat > "$work/record.ijm" <<'IJM'
newImage("a", "8-bit ramp", 32, 32, 1);
run("Select None");
call("SmokeProbe.startRecorder");
call("SmokeProbe.runFailing", "ESPCN Super-Resolution...", "model=x5");
selectImage("a");
run("ESPCN Super-Resolution...", "model=x3 tile=64");
File.saveString(call("SmokeProbe.recorded"), getArgument());
IJM
timeout 120 xvfb-run -a imagej -b "$work/record.ijm" "$work/recorded.txt" > "$work/imagej-record.log" 2>&1 || true
runs="$(grep -c 'run("ESPCN Super-Resolution' "$work/recorded.txt" 2>/dev/null || true)"
if grep -q "no such model" "$work/imagej-record.log" && [ "$runs" = 1 ]; then
	echo "imagej-smoke: OK, the recorder kept the successful run and not the failed one"
else
	echo "imagej-smoke: FAILED: expected the failed run's error and one recorded run, got $runs:"
	cat "$work/recorded.txt" 2>/dev/null
	cat "$work/imagej-record.log"
	exit 1
fi
