#!/usr/bin/env bash
# Outputs on a full disk are complete or absent: a folder upscale into a 700 KiB tmpfs fills
# it part-way; every PNG left there must end with its IEND chunk, no temporary .part file may
# remain, the input folder must be unchanged, the failure must be one line per file with no
# stack trace, and ImageIO must leave no imageio*.tmp cache file in the temporary folder.
# Mounting needs root: skipped otherwise.
# Usage: .ci/full-disk.sh   (from the repository root after `mvn package`)
set -euo pipefail
if [ "$(id -u)" != 0 ]; then
	echo "full-disk: skipped (mounting a small tmpfs needs root)"
	exit 0
fi
jar="$(pwd)/target/ESPCN_-0.1.0-SNAPSHOT.jar"
work="$(mktemp -d)"
full="$work/full"
mkdir -p "$full" "$work/in" "$work/tmp"
mount -t tmpfs -o size=700k tmpfs "$full"
trap 'umount "$full"; rm -rf "$work"' EXIT
for i in 1 2 3 4 5; do cp src/main/resources/sample/butterfly.png "$work/in/b$i.png"; done
before="$(cd "$work/in" && sha256sum *)"

set +e
java -Djava.io.tmpdir="$work/tmp" -jar "$jar" upscale --model x2 --input "$work/in" \
	--output "$full/out" > "$work/out.log" 2> "$work/err.log"
rc=$?
set -e
fail() { echo "full-disk: FAILED: $*"; cat "$work/err.log"; exit 1; }
[ "$rc" != 0 ] || fail "the run exited 0 on a full disk"
grep -q $'^\tat ' "$work/err.log" && fail "a stack trace"
grep -q 'failed: b[0-9].png' "$work/err.log" || fail "no failure line naming the file"
left=0
for f in "$full/out"/*.png; do
	[ -e "$f" ] || continue
	[ "$(tail -c 8 "$f" | head -c 4)" = "IEND" ] || fail "$f is truncated"
	left=$((left + 1))
done
parts="$(find "$full" -name '*.part')"
[ -z "$parts" ] || fail "temporary files left: $parts"
[ "$before" = "$(cd "$work/in" && sha256sum *)" ] || fail "an input changed"
caches="$(find "$work/tmp" -name 'imageio*.tmp')"
[ -z "$caches" ] || fail "ImageIO cache files left: $caches"
echo "full-disk: ok ($left complete outputs, the rest absent, exit $rc)"
