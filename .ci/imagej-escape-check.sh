#!/usr/bin/env bash
# Manual check (not part of .ci/run: it presses a key at a moment chosen by timing): Esc during
# "ESPCN Train" in a real ImageJ window keeps the best model so far, and ImageJ keeps running.
# Installs the built plugin into Debian's `imagej` (as .ci/imagej-smoke.sh does), starts it on a
# virtual display with a macro that trains on the current image and a few T91 images, presses
# Esc with xdotool once two epochs are logged, then drives the same ImageJ (Command Finder, the
# Super-Resolution dialog) to super-resolve the image with the model it kept.
# Needs: imagej, Xvfb, xdotool, ImageMagick's import; the T91 folder (default: ../shared/data/T91
# or ../../shared/data/T91).
# Usage: .ci/imagej-escape-check.sh [T91_FOLDER] [SCREENSHOT_FOLDER]   (after `mvn package`)
set -euo pipefail
root="$(pwd)"
t91="${1:-}"
if [ -z "$t91" ]; then
	for d in "$root/../shared/data/T91" "$root/../../shared/data/T91"; do [ -d "$d" ] && t91="$d" && break; done
fi
[ -d "$t91" ] || { echo "escape-check: no T91 folder (give it as the first argument)"; exit 1; }
shots="${2:-$root/target/escape-check}"
. "$(dirname "$0")/imagej-install.sh"
for tool in imagej Xvfb xdotool import; do
	command -v "$tool" >/dev/null || { echo "escape-check: $tool is missing"; exit 1; }
done

work="$(mktemp -d)"
export HOME="$work/home"
mkdir -p "$work/train" "$shots"
install_plugin "$HOME"
ls "$t91"/*.png | head -24 | xargs -I{} cp {} "$work/train/"
cp src/main/resources/sample/butterfly.png "$work/"
model="$work/model"
cat > "$work/train.ijm" <<'EOF'
args = split(getArgument(), "|");
open(args[2]);
run("ESPCN Train", "folder=[" + args[0] + "] scale=3 epochs=200 batch=16 patch=17 " +
	"validation=0.1 output=[" + args[1] + "] current_image");
EOF

display=":$((70 + RANDOM % 20))"
Xvfb "$display" -screen 0 1280x1024x24 >/dev/null 2>&1 &
xvfb=$!
export DISPLAY="$display"
ij=""
cleanup() {
	[ -n "$ij" ] && kill "$ij" 2>/dev/null || true
	kill "$xvfb" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
sleep 2
timeout 900 imagej -m "$work/train.ijm" "$work/train|$model|$work/butterfly.png" \
	> "$work/imagej.log" 2>&1 &
ij=$!

epochs() { [ -f "$model/training-log.csv" ] && echo $(($(wc -l < "$model/training-log.csv") - 1)) || echo 0; }
for _ in $(seq 600); do [ "$(epochs)" -ge 2 ] && break; sleep 1; done
[ "$(epochs)" -ge 2 ] || { echo "escape-check: FAILED, no two epochs logged"; cat "$work/imagej.log"; exit 1; }
import -window root "$shots/1-training.png"
# Esc as a user presses it: click the image window (keyboard focus), then the key.
image="$(xdotool search --name '^butterfly.png$' | head -1)"
xdotool windowmove "$image" 760 100 windowraise "$image"
sleep 1
xdotool mousemove --window "$image" 130 150 click 1
sleep 0.5
xdotool key Escape
at_esc="$(epochs)"
echo "escape-check: Esc pressed after $at_esc epoch(s)"
sleep 20
after="$(epochs)"
import -window root "$shots/2-after-escape.png"
grep -q '"epochsCompleted": '"$after"',' "$model/card.json" || { echo "escape-check: FAILED, card"; exit 1; }
if [ "$after" -gt $((at_esc + 1)) ] || [ "$after" -ge 200 ]; then
	echo "escape-check: FAILED, training went on ($after epochs)"; exit 1
fi
kill -0 "$ij" || { echo "escape-check: FAILED, ImageJ is gone"; cat "$work/imagej.log"; exit 1; }
# The same ImageJ goes on: Command Finder (key L) runs ESPCN Super-Resolution with the model.
wait_for() { for _ in $(seq 60); do xdotool search --name "$1" >/dev/null && return 0; sleep 1; done; return 1; }
log="$(xdotool search --name '^Log$' | head -1)"
xdotool windowmove "$log" 0 560 windowsize "$log" 1270 400 windowraise "$log"
xdotool windowraise "$image"
sleep 1
xdotool mousemove --window "$image" 130 150 click 1
sleep 0.5
xdotool key l
wait_for '^Command Finder$' || { echo "escape-check: FAILED, no Command Finder"; exit 1; }
xdotool type --delay 30 "ESPCN Super-Resolution"
xdotool key Return
wait_for '^ESPCN Super-Resolution$' || { echo "escape-check: FAILED, no dialog"; exit 1; }
sleep 1
xdotool type --delay 30 "$model"
xdotool key Return
wait_for '^butterfly-ESPCNx3$' || { echo "escape-check: FAILED, no image from the model"; exit 1; }
sleep 2
import -window root "$shots/3-model-used.png"
kill -0 "$ij" || { echo "escape-check: FAILED, ImageJ is gone"; exit 1; }
echo "escape-check: OK, stopped after $after epoch(s) ($(grep -o '"bestEpoch": [0-9]*' "$model/card.json")); the same ImageJ then made butterfly-ESPCNx3 with the model; screenshots in $shots"
