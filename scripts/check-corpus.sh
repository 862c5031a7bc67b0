#!/usr/bin/env bash
# Parses the sample corpus and asserts what must be found there: 9 reports
# with their titles, every source with a date and URL, the counts of
# sources, notes and images per report, and the languages of the source
# titles (crates/parse/tests/corpus.rs).
# Usage: scripts/check-corpus.sh CORPUS_DIR   (e.g. ../shared/corpus)
# Exits 2 when the directory or its file is missing: a check that checked
# nothing must never look like a pass.
set -euo pipefail
usage="usage: scripts/check-corpus.sh CORPUS_DIR  (the directory holding oe-watch-terrorism-2024.txt, e.g. ../shared/corpus)"
if [ $# -ne 1 ]; then
  echo "check-corpus: give the corpus directory" >&2
  echo "$usage" >&2
  exit 2
fi
if [ ! -f "$1/oe-watch-terrorism-2024.txt" ]; then
  echo "check-corpus: no $1/oe-watch-terrorism-2024.txt: is $1 the sample's corpus directory?" >&2
  echo "$usage" >&2
  exit 2
fi
corpus=$(cd "$1" && pwd)
cd "$(dirname "$0")/.."
WATCHFLOOR_CORPUS="$corpus" exec cargo test -p watchfloor-parse --test corpus -- --ignored --nocapture
