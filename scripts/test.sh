#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs the data the tests
# need (the gazetteer, built from registry packages), then cargo test.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace --locked
