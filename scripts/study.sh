#!/usr/bin/env bash
# The recipe study of issue 4, at equal training budget (in optimizer steps): every run trains the paper's x3 ESPCN
# for the same number of optimizer steps (train --steps; the epochs follow from the data), keeps
# its best epoch on 20 BSD200 images (training-side, never a test set), is evaluated on the test
# sets into RUN/evaluation.csv, and the runs are tabulated into the study block of RESULTS.md.
#
# usage: scripts/study.sh [--dry-run] [--list] [RUN...]
#   RUN        only these runs (names as --list prints them); default all, in order
#   --dry-run  print the commands, run nothing
#   --list     print the run names and what each one changes
#
# Runs are resumable: a run with evaluation.csv is skipped, one with a checkpoint is resumed.
# Two runs can go at once on two cores: scripts/study.sh 01-base 02-relu & scripts/study.sh 03-gelu ...
# (then run the last command printed, `study --runs ...`, once both are done).
#
# Environment (defaults in brackets):
#   STUDY_TOOLS_JAR [target/ESPCN_-0.1.0-SNAPSHOT-tools.jar]   the developer tools (study)
#   STUDY_JAR [target/ESPCN_-0.1.0-SNAPSHOT.jar]   STUDY_DATA [../shared/data]
#   STUDY_DIR [study]        where the run folders go
#   STUDY_STEPS [33600]      the budget: the reference code's 200 epochs of T91 at x3 (168 steps each)
#   STUDY_SCALE [3]          STUDY_SEED [1]
#   STUDY_SETS [Set5,Set14,BSD100]   test sets evaluated and tabulated
#   STUDY_DOC [docs/RESULTS.md]      document whose study block is rewritten
#   STUDY_BLOCK [study]      the document's block (issue 18's levers: study-levers, in their own
#                            STUDY_DIR beside a rerun of 01-base)
#   STUDY_CORPUS [../corpus/v1]      corpus v1 (scripts/build-corpus.sh), for 17-corpus-v1 and 28-30
#   STUDY_TEACHER [models/espcn-deep-x3]   the trained teacher of the distillation rows 28-29
#                            (an x3 model: at other scales the rows are skipped unless it is set)
#   STUDY_EXTRA []           extra train options for every run, e.g. "--filters 4,2" for a smoke test
#   STUDY_EVAL_THREADS [1]   images evaluated at once
#   JAVA [java]              JAVA_OPTS [-Xmx8g]
set -euo pipefail

JAR=${STUDY_JAR:-target/ESPCN_-0.1.0-SNAPSHOT.jar}
TOOLS_JAR=${STUDY_TOOLS_JAR:-target/ESPCN_-0.1.0-SNAPSHOT-tools.jar}
DATA=${STUDY_DATA:-../shared/data}
DIR=${STUDY_DIR:-study}
B=${STUDY_STEPS:-33600}
SCALE=${STUDY_SCALE:-3}
SEED=${STUDY_SEED:-1}
SETS=${STUDY_SETS:-Set5,Set14,BSD100}
DOC=${STUDY_DOC:-docs/RESULTS.md}
BLOCK=${STUDY_BLOCK:-study}
CORPUS=${STUDY_CORPUS:-../corpus/v1}
TEACHER=${STUDY_TEACHER:-models/espcn-deep-x3}
# the default teacher is an x3 model: at other scales the distillation rows need STUDY_TEACHER
TEACHER_FITS=1
if [ -z "${STUDY_TEACHER:-}" ] && [ "$SCALE" != 3 ]; then TEACHER_FITS=0; fi
EXTRA=${STUDY_EXTRA:-}
EVAL_THREADS=${STUDY_EVAL_THREADS:-1}
JAVA=${JAVA:-java}
read -r -a JAVA_OPTIONS <<< "${JAVA_OPTS:--Xmx8g}"

T91=$DATA/T91
BSD200=$DATA/BSD200
# Every run: the paper's network and the reference recipe (Adam 1e-3, last layer 0.1x, x0.1 at
# 80%), flips and rotations, validated on 20 BSD200 images; each row changes one thing.
COMMON="--scale $SCALE --seed $SEED --validation $BSD200 --validation-count 20"

# name | what it changes | train options besides COMMON
RUNS=(
	"01-base|reference: tanh, T91, flips+rotations, step80, last layer 0.1x|--train $T91 --augment --steps $B"
	"02-relu|activation relu|--train $T91 --augment --steps $B --activation relu"
	"03-gelu|activation GELU (the seed's proposal)|--train $T91 --augment --steps $B --activation gelu"
	"04-t91-bsd200|data T91 + BSD200 (its 20 validation images left out)|--train $T91,$BSD200 --augment --steps $B"
	"05-no-augment|no flips or rotations|--train $T91 --steps $B"
	"06-rescales|flips+rotations and downscaled copies 0.9..0.6|--train $T91 --augment --rescales 0.9,0.8,0.7,0.6 --steps $B"
	"07-plateau|the paper's schedule: 1e-2 down to 1e-4 on plateau|--train $T91 --augment --steps $B --schedule plateau --lr 0.01"
	"08-last-layer-1x|last layer at the full learning rate|--train $T91 --augment --steps $B --last-layer-lr 1"
	"09-budget-half|half the budget|--train $T91 --augment --steps $((B / 2))"
	"10-budget-2x|twice the budget|--train $T91 --augment --steps $((B * 2))"
	"11-budget-4x|four times the budget|--train $T91 --augment --steps $((B * 4))"
	"12-wide|the named variant ESPCN-wide: 128 and 64 filters (3.6x the compute)|--train $T91 --augment --steps $B --filters 128,64"
	# issue 18's levers, each against 01-base at the same budget
	"13-l1|loss: mean absolute error|--train $T91 --augment --steps $B --loss l1"
	"14-charbonnier|loss: Charbonnier (smooth L1)|--train $T91 --augment --steps $B --loss charbonnier"
	"15-cosine|schedule: cosine from 1e-3 to 1e-5|--train $T91 --augment --steps $B --schedule cosine"
	"16-batch64|batch 64 at the same patches seen (a quarter of the steps)|--train $T91 --augment --steps $((B / 4)) --batch 64"
	"17-corpus-v1|data: corpus v1 (T91, BSD200 less validation, 38 Debian photographs)|--train $CORPUS --augment --steps $B"
	"18-patch33|patches of 33 (stride 26) at the same pixels seen (a quarter of the steps)|--train $T91 --augment --steps $((B / 4)) --patch 33 --stride 26"
	"19-batch64-lr2e-3|batch 64 at the same patches seen, the rate doubled (square-root scaling)|--train $T91 --augment --steps $((B / 4)) --batch 64 --lr 0.002"
	"20-deep5-thin|five layers (kernels 5,3,3,3,3; filters 32,24,24,24): 0.88x the arithmetic per pixel|--train $T91 --augment --steps $B --kernels 5,3,3,3,3 --filters 32,24,24,24"
	"21-deep4|four layers (kernels 5,3,3,3; filters 48,24,24): 0.83x the arithmetic per pixel|--train $T91 --augment --steps $B --kernels 5,3,3,3 --filters 48,24,24"
	"22-deep7-thin|seven layers (kernels 5,3,3,3,3,3,3; filters 32,20,20,20,20,20): 1.0x the arithmetic per pixel|--train $T91 --augment --steps $B --kernels 5,3,3,3,3,3,3 --filters 32,20,20,20,20,20"
	"23-deep5-thin-relu|20-deep5-thin with ReLU|--train $T91 --augment --steps $B --kernels 5,3,3,3,3 --filters 32,24,24,24 --activation relu"
	"24-deep7-thin-relu|22-deep7-thin with ReLU|--train $T91 --augment --steps $B --kernels 5,3,3,3,3,3,3 --filters 32,20,20,20,20,20 --activation relu"
	"25-deep7-16-relu|seven layers, 16-channel middle layers (filters 32,16,16,16,16,16), ReLU: 0.70x the arithmetic per pixel|--train $T91 --augment --steps $B --kernels 5,3,3,3,3,3,3 --filters 32,16,16,16,16,16 --activation relu"
	"26-deep7-32x16-relu|seven layers, filters 32,32,16,16,16,16, ReLU: 1.01x the arithmetic per pixel|--train $T91 --augment --steps $B --kernels 5,3,3,3,3,3,3 --filters 32,32,16,16,16,16 --activation relu"
	"27-deep9-16-relu|nine layers, filters 32,16,16,16,16,16,16,16, ReLU: 0.91x the arithmetic per pixel|--train $T91 --augment --steps $B --kernels 5,3,3,3,3,3,3,3,3 --filters 32,16,16,16,16,16,16,16 --activation relu"
	# distillation: 17-corpus-v1 with targets blending a teacher trained on the same corpus
	"28-distill-half|17-corpus-v1, each target half the teacher's output (deep-x3, trained on corpus v1 at the full budget)|--train $CORPUS --augment --steps $B --teacher $TEACHER --teacher-share 0.5"
	"29-distill-all|17-corpus-v1, each target the teacher's output alone|--train $CORPUS --augment --steps $B --teacher $TEACHER --teacher-share 1"
	# patches chosen for detail: a third of the photographs' patches are nearly flat
	"30-min-contrast|17-corpus-v1 without the flat patches (HR luma standard deviation under 5 grey levels)|--train $CORPUS --augment --steps $B --min-contrast 5"
	"31-warm-restarts|schedule: cosine with warm restarts (SGDR; cycles of 1/7, 2/7 and 4/7 of the steps, each 1e-3 to 1e-5)|--train $T91 --augment --steps $B --schedule restarts"
)

dry=0
list=0
wanted=()
for a in "$@"; do
	case "$a" in
		--dry-run) dry=1 ;;
		--list) list=1 ;;
		-h|--help) sed -n '2,30p' "$0"; exit 0 ;;
		-*) echo "study.sh: unknown option $a" >&2; exit 2 ;;
		*) wanted+=("$a") ;;
	esac
done

if [ "$list" = 1 ]; then
	for r in "${RUNS[@]}"; do
		IFS='|' read -r name what _ <<< "$r"
		printf '%-18s %s\n' "$name" "$what"
	done
	exit 0
fi

known() {
	for r in "${RUNS[@]}"; do [ "${r%%|*}" = "$1" ] && return 0; done
	return 1
}
for w in "${wanted[@]+"${wanted[@]}"}"; do
	known "$w" || { echo "study.sh: no run named $w (see --list)" >&2; exit 2; }
done
selected() {
	[ ${#wanted[@]} -eq 0 ] && return 0
	for w in "${wanted[@]}"; do [ "$w" = "$1" ] && return 0; done
	return 1
}

if [ "$dry" = 0 ] && [ ! -f "$JAR" ]; then
	echo "study.sh: $JAR not found; build it with: mvn -B -q package -DskipTests" >&2
	exit 1
fi

run() {
	echo "+ $*" >&2
	[ "$dry" = 1 ] || "$@"
}

for r in "${RUNS[@]}"; do
	IFS='|' read -r name what options <<< "$r"
	selected "$name" || continue
	out=$DIR/$name
	if [ -f "$out/evaluation.csv" ]; then
		echo "== $name: done (remove $out/evaluation.csv to evaluate again)" >&2
		continue
	fi
	if [ "$TEACHER_FITS" = 0 ] && [[ "$options" == *--teacher* ]]; then
		echo "== $name: skipped (its teacher $TEACHER is x3; give STUDY_TEACHER a x$SCALE model)" >&2
		continue
	fi
	echo "== $name: $what" >&2
	# shellcheck disable=SC2086 # the options are words on purpose
	set -- $options $COMMON $EXTRA --output "$out"
	if [ -f "$out/checkpoint/state.json" ]; then set -- "$@" --resume; fi
	[ "$dry" = 1 ] || mkdir -p "$DIR"
	start=$(date +%s)
	run "$JAVA" "${JAVA_OPTIONS[@]}" -jar "$JAR" train "$@"
	run "$JAVA" "${JAVA_OPTIONS[@]}" -jar "$JAR" evaluate --model "$out" --scale "$SCALE" \
		--data "$(echo "$SETS" | sed "s#\([^,]*\)#$DATA/\1#g")" --csv "$out/evaluation.csv" \
		--threads "$EVAL_THREADS" --overwrite
	[ "$dry" = 1 ] || echo "== $name: $(( $(date +%s) - start )) s" >&2
done

run "$JAVA" "${JAVA_OPTIONS[@]}" -jar "$TOOLS_JAR" study --runs "$DIR" --sets "$SETS" --document "$DOC" --block "$BLOCK"
