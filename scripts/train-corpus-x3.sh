#!/bin/sh
# The long x3 run of issue 18 on corpus v1, resumable: starts the run, or resumes it from its
# checkpoint (per epoch) when RUN already holds one. When RUN is missing (a fresh machine) and
# the repository carries a copy of the run in runs-in-progress/corpus-x3, it starts from that
# copy. Meant to be launched in the background so that it survives the shell:
#   setsid nohup scripts/train-corpus-x3.sh > /dev/null 2>&1 &
# and launched again, the same way, after a restart. Its output goes to $RUN/train.log.
# Needs the corpus built first: scripts/build-corpus.sh /work/corpus/v1 (checked by its tag).
#   RUN     run folder                    [/work/runs/corpus-x3]
#   CORPUS  the corpus folder             [/work/corpus/v1]
#   DATA    the shared data folder        [/work/shared/data]
#   BIN     a private copy of the jar and its jars/, so rebuilds do not touch the run
#           [/work/runs/bin-corpus; made from target/ when missing]
#   JAVA_OPTS                             [-Xmx6g]
set -e
REPO=$(cd "$(dirname "$0")/.." && pwd)
RUN=${RUN:-/work/runs/corpus-x3}
CORPUS=${CORPUS:-/work/corpus/v1}
DATA=${DATA:-/work/shared/data}
BIN=${BIN:-/work/runs/bin-corpus}
JAVA_OPTS=${JAVA_OPTS:--Xmx6g}
TAG=corpus-v1-ad15e7e5d36c
JAR=ESPCN_-0.1.0-SNAPSHOT.jar
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1

if [ "$(cat "$CORPUS/VERSION" 2>/dev/null)" != "$TAG" ]; then
	echo "train-corpus-x3: $CORPUS is not corpus $TAG (build it with scripts/build-corpus.sh $CORPUS)" >&2
	exit 1
fi
if [ ! -f "$BIN/$JAR" ]; then
	[ -f "$REPO/target/$JAR" ] || { echo "train-corpus-x3: no $BIN/$JAR; build first (mvn -B -q package -DskipTests)" >&2; exit 1; }
	mkdir -p "$BIN"
	cp "$REPO/target/$JAR" "$BIN/" && cp -r "$REPO/target/jars" "$BIN/"
fi
if [ ! -f "$RUN/checkpoint/state.json" ] && [ -f "$REPO/runs-in-progress/corpus-x3/checkpoint/state.json" ]; then
	[ -e "$RUN" ] && { echo "train-corpus-x3: $RUN exists without a checkpoint; move it away first" >&2; exit 1; }
	mkdir -p "$(dirname "$RUN")"
	cp -r "$REPO/runs-in-progress/corpus-x3" "$RUN"
fi
RESUME=
[ -f "$RUN/checkpoint/state.json" ] && RESUME=--resume
mkdir -p "$RUN"
echo "$(date -u '+%F %T') train-corpus-x3: ${RESUME:-start} (corpus $TAG, jar $BIN/$JAR)" >> "$RUN/train.log"
# shellcheck disable=SC2086
exec java $JAVA_OPTS -jar "$BIN/$JAR" train \
	--train "$CORPUS" --validation "$DATA/BSD200" --validation-count 20 \
	--scale 3 --steps 937800 --augment --rescales 0.9,0.8,0.7,0.6 --seed 1 --threads 1 \
	--output "$RUN" $RESUME >> "$RUN/train.log" 2>&1
