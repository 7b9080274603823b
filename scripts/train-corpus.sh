#!/bin/sh
# The long runs of issue 18 on corpus v1, one per scale, resumable:
#   scripts/train-corpus.sh SCALE            (SCALE 2, 3 or 4)
# starts the run, or resumes it from its checkpoint (per epoch) when RUN already holds one.
# When RUN is missing (a fresh machine) and the repository carries a copy of the run in
# runs-in-progress/corpus-xSCALE, it starts from that copy. Meant to be launched in the
# background so that it survives the shell:
#   setsid nohup scripts/train-corpus.sh 2 > /dev/null 2>&1 < /dev/null &
# and launched again, the same way, after a restart. Its output goes to $RUN/train.log.
# Needs the corpus built first: scripts/build-corpus.sh /work/corpus/v1 (checked by its tag).
#   RUN     run folder                    [/work/runs/corpus-xSCALE]
#   STEPS   the step budget               [937800, three times the T91 x3's]
#   CORPUS  the corpus folder             [/work/corpus/v1]
#   DATA    the shared data folder        [/work/shared/data]
#   BIN     a private copy of the jar and its jars/, so rebuilds do not touch the run
#           [/work/runs/bin-corpus; made from target/ when missing]
#   JAVA_OPTS                             [-Xmx6g]
#   VARIANT one of the named variants below, trained instead of the paper's network; the run is
#           then corpus-VARIANT-xSCALE (and its snapshot runs-in-progress/corpus-VARIANT-xSCALE):
#             deep5-relu  five layers, kernels 5,3,3,3,3, filters 32,24,24,24, ReLU (0.88x the
#                         paper's arithmetic per pixel; study row 23-deep5-thin-relu)
#             deep7-16-relu  seven layers, kernels 5,3,3,3,3,3,3, filters 32,16,16,16,16,16, ReLU
#                         (0.70x the arithmetic, about 0.8x the default's fp32 time; row 25)
#
#   scripts/train-corpus.sh SCALE --snapshot
# copies the run's last checkpoint, best model and logs (a few hundred KB) into
# runs-in-progress/corpus-xSCALE of this repository, to be committed, and leaves the run going.
set -e
REPO=$(cd "$(dirname "$0")/.." && pwd)
SCALE=$1
case "$SCALE" in 2|3|4) shift ;; *) echo "usage: train-corpus.sh 2|3|4 [--snapshot]" >&2; exit 2 ;; esac
VARIANT=${VARIANT:-}
case "$VARIANT" in
	'') NAME=corpus-x$SCALE; ARCH= ;;
	deep5-relu) NAME=corpus-$VARIANT-x$SCALE; ARCH="--kernels 5,3,3,3,3 --filters 32,24,24,24 --activation relu" ;;
	deep7-16-relu) NAME=corpus-$VARIANT-x$SCALE; ARCH="--kernels 5,3,3,3,3,3,3 --filters 32,16,16,16,16,16 --activation relu" ;;
	*) echo "train-corpus: unknown VARIANT $VARIANT (known: deep5-relu, deep7-16-relu)" >&2; exit 2 ;;
esac
RUN=${RUN:-/work/runs/$NAME}
# The run's own output: inside the run folder for runs that began with it there, else beside
# the folder (train refuses to start a new run in a folder that holds anything).
LOG=$RUN/train.log
[ -f "$LOG" ] || LOG=$RUN.log
STEPS=${STEPS:-937800}
CORPUS=${CORPUS:-/work/corpus/v1}
DATA=${DATA:-/work/shared/data}
BIN=${BIN:-/work/runs/bin-corpus}
JAVA_OPTS=${JAVA_OPTS:--Xmx6g}
TAG=corpus-v1-ad15e7e5d36c
JAR=ESPCN_-0.1.0-SNAPSHOT.jar
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1

if [ "$1" = --snapshot ]; then
	SNAP="$REPO/runs-in-progress/$NAME"
	[ -f "$RUN/checkpoint/state.json" ] || { echo "train-corpus: no checkpoint in $RUN" >&2; exit 1; }
	# A checkpoint is rewritten after every epoch: copy until the copy matches a finished one.
	# Today's trainer names its arrays by epoch (weights-000027.npz) and lists them in state.json
	# with their sha256, written last; older runs have weights.npz and optimizer.npz.
	while :; do
		rm -rf "$SNAP.tmp" && mkdir -p "$SNAP.tmp/checkpoint"
		# -p keeps the times: an old-layout checkpoint resumes only with state.json the newest
		cp -p "$RUN"/checkpoint/state.json "$SNAP.tmp/checkpoint/"
		cp "$RUN"/card.json "$RUN"/weights.npz "$RUN"/training-log.csv "$SNAP.tmp/"
		cp "$LOG" "$SNAP.tmp/train.log"
		listed=$(grep -o '"[a-z]*-[0-9]*\.npz": "[0-9a-f]*"' "$SNAP.tmp/checkpoint/state.json" || true)
		ok=1
		if [ -n "$listed" ]; then
			for entry in $(echo "$listed" | tr -d '" ' | tr ':' '='); do
				f=${entry%%=*} sum=${entry#*=}
				cp -p "$RUN/checkpoint/$f" "$SNAP.tmp/checkpoint/" 2>/dev/null || ok=0
				[ "$ok" = 1 ] && [ "$(sha256sum "$SNAP.tmp/checkpoint/$f" | cut -d' ' -f1)" = "$sum" ] || ok=0
			done
		else
			cp -p "$RUN"/checkpoint/weights.npz "$RUN"/checkpoint/optimizer.npz "$SNAP.tmp/checkpoint/" || ok=0
			# state.json is written last: weights newer than it mean a checkpoint is being written
			[ ! "$RUN/checkpoint/weights.npz" -nt "$RUN/checkpoint/state.json" ] &&
				[ ! "$RUN/checkpoint/optimizer.npz" -nt "$RUN/checkpoint/state.json" ] &&
				cmp -s "$RUN/checkpoint/weights.npz" "$SNAP.tmp/checkpoint/weights.npz" &&
				cmp -s "$RUN/checkpoint/optimizer.npz" "$SNAP.tmp/checkpoint/optimizer.npz" || ok=0
		fi
		if [ "$ok" = 1 ] && cmp -s "$RUN/checkpoint/state.json" "$SNAP.tmp/checkpoint/state.json" &&
			cmp -s "$RUN/training-log.csv" "$SNAP.tmp/training-log.csv"; then break; fi
		sleep 5
	done
	[ -f "$SNAP/README.md" ] && cp "$SNAP/README.md" "$SNAP.tmp/"
	rm -rf "$SNAP" && mv "$SNAP.tmp" "$SNAP"
	echo "runs-in-progress/$NAME: $(grep -o '"epochsDone": [0-9]*' "$SNAP/checkpoint/state.json")"
	exit 0
fi
if [ "$(cat "$CORPUS/VERSION" 2>/dev/null)" != "$TAG" ]; then
	echo "train-corpus: $CORPUS is not corpus $TAG (build it with scripts/build-corpus.sh $CORPUS)" >&2
	exit 1
fi
if [ ! -f "$BIN/$JAR" ]; then
	[ -f "$REPO/target/$JAR" ] || { echo "train-corpus: no $BIN/$JAR; build first (mvn -B -q package -DskipTests)" >&2; exit 1; }
	mkdir -p "$BIN"
	cp "$REPO/target/$JAR" "$BIN/" && cp -r "$REPO/target/jars" "$BIN/"
fi
if [ ! -f "$RUN/checkpoint/state.json" ] && [ -f "$REPO/runs-in-progress/$NAME/checkpoint/state.json" ]; then
	[ -e "$RUN" ] && { echo "train-corpus: $RUN exists without a checkpoint; move it away first" >&2; exit 1; }
	mkdir -p "$(dirname "$RUN")"
	cp -r "$REPO/runs-in-progress/$NAME" "$RUN"
fi
RESUME=
[ -f "$RUN/checkpoint/state.json" ] && RESUME=--resume
LOG=$RUN/train.log
[ -f "$LOG" ] || LOG=$RUN.log
mkdir -p "$(dirname "$RUN")"
echo "$(date -u '+%F %T') train-corpus $NAME: ${RESUME:-start} (corpus $TAG, jar $BIN/$JAR)" >> "$LOG"
# shellcheck disable=SC2086
exec java $JAVA_OPTS -jar "$BIN/$JAR" train \
	--train "$CORPUS" --validation "$DATA/BSD200" --validation-count 20 \
	--scale "$SCALE" --steps "$STEPS" --augment --rescales 0.9,0.8,0.7,0.6 --seed 1 --threads 1 \
	$ARCH --output "$RUN" $RESUME >> "$LOG" 2>&1
