#!/usr/bin/env bash
# Scores watchfloor's event export on the dev sample against its gold file
# (../shared/eval). Extra arguments go to score.py (e.g. --verbose).
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
if [ ! -d "$shared/corpus" ] || [ ! -f "$shared/eval/score.py" ]; then
  echo "score-dev: $shared/corpus or $shared/eval/score.py is missing; nothing to score" >&2
  exit 0
fi
cargo build --release --quiet -p watchfloor
out=$(mktemp)
trap 'rm -f "$out"' EXIT
./target/release/watchfloor events "$shared/corpus" --format jsonl >"$out"
python3 "$shared/eval/score.py" --gold "$shared/eval/dev/seed-gold.jsonl" --pred "$out" "$@"
