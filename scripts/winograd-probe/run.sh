#!/usr/bin/env bash
# Issue 16's Winograd probe: can a Winograd F(2x2,3x3) or F(4x4,3x3) layer 2, written with ATen
# ops that TorchScript in libtorch 2.7.1 runs, make the x3 fp32 forward faster than the plugin's
# fp32 path? (No; see docs/PERFORMANCE.md, "The fp32 network against 0.7x of PyTorch (session 6)".)
#
# Prints, in one run on one thread each: the machine's measured fp32 FMA peak (fma.c); Debian's
# oneDNN 2.6 direct convolution against its own JIT Winograd for layer 2 (dnnlbench.c); the ATen
# Winograd networks (winonet.py, saved by save.py) beside the plugin's fp32 path through DJL
# (WinoHarness.java) with NNPACK's answer; the Winograd layer stage by stage (WinoStages.java); the
# fp32 path's own convolutions against its wall time (FpProfile.java, profile.py); and
# the rounding against the direct network on Set5 and Set14 (accuracy.py).
#
# usage: scripts/winograd-probe/run.sh [ROUNDS]   (after `mvn -B -q package -DskipTests`)
# Needs: Debian's python3-torch, python3-opencv and libdnnl2 (2.6), gcc with AVX-512, the data
# (ESPCN_DATA, default ../shared/data). Environment: WINO_DIR [a new temp dir], WINO_PYTHON
# [/usr/bin/python3].
set -euo pipefail
rounds=${1:-3}
repo=$(cd "$(dirname "$0")/../.." && pwd)
here=$repo/scripts/winograd-probe
data=${ESPCN_DATA:-$repo/../shared/data}
py=${WINO_PYTHON:-/usr/bin/python3}
dir=${WINO_DIR:-$(mktemp -d)}
weights=$repo/models/espcn-x3/weights.npz
mkdir -p "$dir"
(cd "$repo" && mvn -B -q dependency:build-classpath -Dmdep.outputFile="$dir/cp.txt" > /dev/null)
cp="$repo/target/classes:$(cat "$dir/cp.txt")"
javac -nowarn -proc:none -cp "$cp" -d "$dir/classes" "$here/WinoHarness.java" "$here/WinoStages.java" \
  "$here/FpProfile.java"
gcc -O2 -mavx512f -o "$dir/fma" "$here/fma.c"
gcc -O2 -o "$dir/dnnlbench" "$here/dnnlbench.c" /usr/lib/x86_64-linux-gnu/libdnnl.so.2 -lm
cd "$dir"
PYTHONPATH=$here "$py" "$here/save.py" "$weights" "$data"
java_run() { java -cp "$dir/classes:$cp" "$@" 2>&1 | grep -v ' INFO \|SLF4J'; }
echo "== measured peak"; ./fma
echo "== oneDNN 2.6, layer 2, direct against Winograd, one thread"
OMP_NUM_THREADS=1 ./dnnlbench 200 200 "$rounds" 7
OMP_NUM_THREADS=1 ./dnnlbench 360 640 "$rounds" 5
# the Winograd intermediates are large (23 MB for F(4x4) on a 200x200 tile) and glibc gives such
# blocks back to the OS on free, so every call page-faults them in again; the second pass keeps
# freed memory in the process (for both sides), to see the Winograd at its best
for keep in no yes; do
  if [ $keep = yes ]; then
    export MALLOC_MMAP_THRESHOLD_=2000000000 MALLOC_TRIM_THRESHOLD_=4000000000 MALLOC_TOP_PAD_=268435456
  fi
  for side in 104 200; do
    echo "== libtorch 2.7.1 through DJL, ${side}x${side} tile, malloc keeps freed memory: $keep"
    java_run io.github.espcnfiji.model.WinoHarness "$dir" "$side" "$rounds" 9 "$repo/models/espcn-x3"
  done
  echo "== the ATen Winograd layer 2 stage by stage, malloc keeps freed memory: $keep"
  java_run io.github.espcnfiji.model.WinoStages "$dir" 200 7
done
unset MALLOC_MMAP_THRESHOLD_ MALLOC_TRIM_THRESHOLD_ MALLOC_TOP_PAD_
echo "== the plugin's fp32 path on one 200x200 tile, one thread: oneDNN's times against the wall"
ONEDNN_VERBOSE=1 java -cp "$dir/classes:$cp" io.github.espcnfiji.model.FpProfile "$dir" 200 30 \
  "$repo/models/espcn-x3" fp32 > profile.log 2>&1
"$py" "$here/profile.py" profile.log
echo "== rounding on Set5 and Set14"
PYTHONPATH=$here "$py" "$here/accuracy.py" "$weights" "$data"
