#!/usr/bin/env bash
# Scores watchfloor's event export on the project's own evaluation sets
# (eval/*/{dev,heldout}: reports written with their gold by an independent
# coder) and, when ../shared is beside the checkout, on the shared dev sets.
# Usage: scripts/score-own.sh [--verbose] [--shared DIR]
# The held-out splits are scored, never read when fixing the coder.
set -euo pipefail
cd "$(dirname "$0")/.."
verbose=""
shared=../shared
while [ $# -gt 0 ]; do
  case "$1" in
    --verbose) verbose=--verbose ;;
    --shared) shared="$2"; shift ;;
    *) echo "score-own: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
score=eval/score.py
[ -f "$shared/eval/score.py" ] && score="$shared/eval/score.py"
if [ ! -f "$score" ]; then
  echo "score-own: no scorer: expected $shared/eval/score.py" >&2
  exit 2
fi
cargo build --release --quiet -p watchfloor
bin=./target/release/watchfloor
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
run() { # NAME INPUT GOLD
  [ -e "$2" ] && [ -f "$3" ] || return 0
  "$bin" events "$2" --format jsonl >"$out/pred.jsonl" 2>"$out/err" || true
  printf '\n== %s\n' "$1"
  local v=$verbose
  case "$1" in *heldout*) v="" ;; esac
  python3 "$score" --gold "$3" --pred "$out/pred.jsonl" $v | tail -n "$([ -n "$v" ] && echo 200 || echo 9)"
  # Held-out sets show counts only: their events are never read when fixing.
  local counts=""
  case "$1" in *heldout*) counts=--counts-only ;; esac
  python3 scripts/error-report.py --gold "$3" --pred "$out/pred.jsonl" $counts 2>/dev/null | sed 's/^/  /' || true
}
for set in eval/*/; do
  name=$(basename "$set")
  for split in dev heldout; do
    run "$name/$split" "$set$split/reports" "$set$split/gold.jsonl"
  done
done
run "shared: OE Watch sample" "$shared/corpus" "$shared/eval/dev/seed-gold.jsonl"
run "shared: public-domain texts" "$shared/public-domain" "$shared/eval/dev/public-domain-gold.jsonl"
