#!/usr/bin/env bash
# Scores watchfloor's event export on the dev sample against its gold file.
# Usage: scripts/score-dev.sh [SAMPLE_DIR] [score.py arguments, e.g. --verbose]
# (SAMPLE_DIR defaults to ../shared beside the checkout)
# SAMPLE_DIR holds corpus/ (the reports) and eval/score.py with
# eval/dev/seed-gold.jsonl; the shared sample usually sits beside the
# checkout, so `scripts/score-dev.sh ../shared --verbose`.
# Exits 2 when the sample or its scorer is missing: a run that scores
# nothing must never look like a pass.
set -euo pipefail
usage="usage: scripts/score-dev.sh [SAMPLE_DIR] [--verbose]  (SAMPLE_DIR holds corpus/ and eval/score.py, e.g. ../shared)"
if [ $# -lt 1 ] || [ "${1#-}" != "$1" ]; then
  # No directory given: the sample where it usually sits, beside the checkout.
  sample="$(cd "$(dirname "$0")/.." && pwd)/../shared"
  echo "score-dev: no SAMPLE_DIR given; using $sample" >&2
else
  sample=$1
  shift
fi
missing=()
[ -d "$sample/corpus" ] || missing+=("$sample/corpus")
[ -f "$sample/eval/score.py" ] || missing+=("$sample/eval/score.py")
[ -f "$sample/eval/dev/seed-gold.jsonl" ] || missing+=("$sample/eval/dev/seed-gold.jsonl")
if [ ${#missing[@]} -gt 0 ]; then
  echo "score-dev: the sample at $sample is incomplete; missing: ${missing[*]}" >&2
  echo "$usage" >&2
  exit 2
fi
sample=$(cd "$sample" && pwd)
cd "$(dirname "$0")/.."
cargo build --release --quiet -p watchfloor
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"${CARGO_TARGET_DIR:-target}/release/watchfloor" events "$sample/corpus" --format jsonl >"$out"
python3 "$sample/eval/score.py" --gold "$sample/eval/dev/seed-gold.jsonl" --pred "$out" "$@"
