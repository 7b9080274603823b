#!/usr/bin/env python3
"""Validation PSNR of a run beside a reference run's at the same number of optimizer steps.

  compare_logs.py RUN/training-log.csv STEPS_PER_EPOCH REF/training-log.csv REF_STEPS_PER_EPOCH

For each epoch of the run, the reference's epoch with the nearest step count (its learning
rate, validation PSNR and best so far; its last epoch once the run has gone past its end):
equal-step comparison of two recipes whose epochs differ in size, e.g.
the corpus run (7,741 steps an epoch) against models/espcn-x3 (521 steps an epoch).
"""
import csv
import sys


def read(path):
    with open(path) as f:
        return [r for r in csv.DictReader(f)]


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__.strip().split("\n\n")[1])
    run, per, ref, ref_per = read(sys.argv[1]), int(sys.argv[2]), read(sys.argv[3]), int(sys.argv[4])
    print("| epoch | steps | rate | validation | best | reference epoch | reference rate | "
          "reference validation | reference best | best - reference best |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in run:
        e = int(r["epoch"])
        steps = e * per
        k = max(1, round(steps / ref_per))
        ended = k > len(ref)  # the reference stopped earlier: compare with its last epoch
        q = ref[min(k, len(ref)) - 1]
        print("| %d | %d | %.0e | %.3f | %.3f | %s | %.0e | %.3f | %.3f | %+.3f |" % (
            e, steps, float(r["learning_rate"]), float(r["validation_psnr"]),
            float(r["best_psnr"]), "%d (ended)" % len(ref) if ended else str(k),
            float(q["learning_rate"]), float(q["validation_psnr"]), float(q["best_psnr"]),
            float(r["best_psnr"]) - float(q["best_psnr"])))


if __name__ == "__main__":
    main()
