#!/usr/bin/env bash
# OME-Zarr upscale of one large uint16 image with a 1 GiB heap: seconds, throughput and peak RSS
# (issue 15). The input is made here chunk by chunk (never whole in memory) with Debian's
# python3-zarr, and deleted with the output at the end unless ZARR_BENCH_KEEP=1.
#
# usage: scripts/zarr-bench.sh [SIDE [CHUNK [MODEL]]]    defaults: 8192 1024 x2
#   SIDE   the image is SIDE x SIDE uint16 (Blosc lz4, byte shuffle)
#   CHUNK  input chunk side; the output has chunks of the same shape
# Environment: ZARR_BENCH_JAR [target/ESPCN_-0.1.0-SNAPSHOT.jar], ZARR_BENCH_DIR [a new temp dir],
#   ZARR_BENCH_PYTHON [/usr/bin/python3], ZARR_BENCH_XMX [1g]
set -euo pipefail
side=${1:-8192}
chunk=${2:-1024}
model=${3:-x2}
jar=${ZARR_BENCH_JAR:-target/ESPCN_-0.1.0-SNAPSHOT.jar}
python=${ZARR_BENCH_PYTHON:-/usr/bin/python3}
dir=${ZARR_BENCH_DIR:-$(mktemp -d)}
xmx=${ZARR_BENCH_XMX:-1g}
mkdir -p "$dir"
in="$dir/in-$side.zarr"
out="$dir/out-$side.zarr"
if [ ! -e "$in/0/.zarray" ]; then
	"$python" - "$in" "$side" "$chunk" <<'PY'
import sys
import numpy as np
import zarr
from numcodecs import Blosc
root, side, chunk = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
g = zarr.open_group(root, mode='w')
a = g.create_dataset('0', shape=(side, side), chunks=(chunk, chunk), dtype='<u2',
                     compressor=Blosc(cname='lz4', clevel=5, shuffle=Blosc.SHUFFLE))
for y in range(0, side, chunk):
    for x in range(0, side, chunk):
        yy, xx = np.mgrid[y:min(y + chunk, side), x:min(x + chunk, side)]
        a[y:y + chunk, x:x + chunk] = ((np.sin(xx / 37.0) * np.cos(yy / 23.0) + 1) * 20000 +
                                       (xx * 7 + yy * 13) % 997).astype('<u2')
g.attrs['multiscales'] = [{'version': '0.4', 'axes': [
    {'name': 'y', 'type': 'space', 'unit': 'micrometer'},
    {'name': 'x', 'type': 'space', 'unit': 'micrometer'}],
    'datasets': [{'path': '0', 'coordinateTransformations': [{'type': 'scale', 'scale': [1.0, 1.0]}]}]}]
PY
fi
log="$dir/upscale.log"
start=$(date +%s.%N)
/usr/bin/time -v java -Xmx"$xmx" -jar "$jar" upscale --model "$model" --input "$in" --output "$out" \
	--overwrite 2> "$log"
end=$(date +%s.%N)
rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
chunks=$(grep -c 'level 0: chunk' "$log" || true)
secs=$(echo "$end - $start" | bc)
printf '| image | chunks | output chunks | -Xmx | seconds | input Mpx/s | peak RSS |\n'
printf '|---|---|---|---|---|---|---|\n'
printf '| %dx%d uint16 %s | %d | %d | %s | %.1f | %.2f | %.0f MiB |\n' "$side" "$side" "$model" "$chunk" \
	"$chunks" "$xmx" "$secs" "$(echo "$side * $side / 1000000 / $secs" | bc -l)" "$(echo "$rss_kb / 1024" | bc -l)"
if [ "${ZARR_BENCH_KEEP:-0}" != 1 ]; then rm -rf "$in" "$out"; fi
