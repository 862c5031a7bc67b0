#!/usr/bin/env bash
# Parses the sample corpus in ../shared/corpus (beside the repository) and
# asserts what must be found there: 9 reports with their titles, every source
# with a date and URL, the counts of sources, notes and images per report, and
# the languages of the source titles. Skips, saying so, when ../shared is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d ../shared/corpus ]; then
    echo "check-corpus: SKIPPED: ../shared/corpus not found (it lives beside the repository)"
    exit 0
fi
exec cargo test -p watchfloor-parse --test corpus -- --ignored --nocapture
