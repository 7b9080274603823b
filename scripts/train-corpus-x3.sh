#!/bin/sh
# The x3 run of issue 18 (session 4), kept under its first name: see train-corpus.sh.
exec "$(dirname "$0")/train-corpus.sh" 3 "$@"
