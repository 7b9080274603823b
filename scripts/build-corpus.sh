#!/bin/sh
# Builds the training corpus of issue 18 from scratch: T91, BSD200 without its 20 validation
# images, and the natural photographs of Debian's desktop-background packages (installed with
# apt-get when missing and run as root), shrunk, de-duplicated and written as PNGs with a
# MANIFEST.tsv and a VERSION tag. Usage, from the repository root:
#   scripts/build-corpus.sh [OUTPUT]        (default /work/corpus/v1; must be new or empty)
#   scripts/build-corpus.sh --list          (the candidate pictures and how each is judged)
#   scripts/build-corpus.sh --contact-sheet sheet.png   (thumbnails of every candidate)
# The shared data folder is $ESPCN_DATA, else ../shared/data beside the repository (--data DIR
# overrides both). The corpus is not committed;
# see models/README.md for its size, sources and licences.
exec python3 "$(dirname "$0")/corpus/build_corpus.py" "$@"
