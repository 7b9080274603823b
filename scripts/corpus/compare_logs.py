#!/usr/bin/env python3
"""Validation PSNR of a run beside a reference run's at the same number of optimizer steps.

  compare_logs.py RUN/training-log.csv STEPS_PER_EPOCH REF/training-log.csv REF_STEPS_PER_EPOCH

For each epoch of the run, the reference's epoch with the nearest step count (its validation
PSNR and best-so-far): equal-step comparison of two recipes whose epochs differ in size, e.g.
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
    print("| epoch | steps | validation | best | reference epoch | reference validation | "
          "reference best | best - reference best |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in run:
        e = int(r["epoch"])
        steps = e * per
        k = min(max(1, round(steps / ref_per)), len(ref))
        q = ref[k - 1]
        print("| %d | %d | %.3f | %.3f | %d | %.3f | %.3f | %+.3f |" % (
            e, steps, float(r["validation_psnr"]), float(r["best_psnr"]), k,
            float(q["validation_psnr"]), float(q["best_psnr"]),
            float(r["best_psnr"]) - float(q["best_psnr"])))


if __name__ == "__main__":
    main()
