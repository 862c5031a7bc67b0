#!/usr/bin/env bash
# The browser tests of the analyst's page (web/tests/page.mjs) and of a
# brief (web/tests/brief.mjs): Debian's
# chromium, driven headless by playwright-core, against `watchfloor serve`
# on a free loopback port with the bundled example reports as its store.
#
# Installs chromium with apt-get when it is missing (skips, saying so, where
# apt is not available), builds the page and the binary, ingests examples/
# into a temporary store, and runs the test. Prints the screenshot's path.
set -euo pipefail
cd "$(dirname "$0")/.."

skip() { echo "test-page: skipped: $*"; exit 0; }
chromium=${CHROMIUM:-/usr/bin/chromium}
if [[ ! -x $chromium ]]; then
    if command -v apt-get >/dev/null && [[ $(id -u) == 0 ]]; then
        echo "test-page: installing chromium (apt-get)"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        skip "no chromium at $chromium and no apt-get to install it as root (set CHROMIUM=/path/to/chromium)"
    fi
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    if command -v apt-get >/dev/null && [[ $(id -u) == 0 ]]; then
        echo "test-page: installing Node.js and npm (apt-get)"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
    else
        skip "Node.js is not installed and there is no apt-get to install it as root (apt-get install nodejs npm)"
    fi
fi

./scripts/fetch-data.sh            # the gazetteer the example reports are coded with
./scripts/build-web.sh             # web/dist, embedded by the next build
cargo build --locked -p watchfloor # debug: shares its artefacts with cargo test
bin=${CARGO_TARGET_DIR:-target}/debug/watchfloor

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" ingest examples --db "$work/examples.db" >/dev/null
mkdir -p "${CARGO_TARGET_DIR:-target}"
shot=$(cd "${CARGO_TARGET_DIR:-target}" && pwd)/page-test.png
(cd web && WATCHFLOOR_BIN="$(cd .. && realpath "$bin")" WATCHFLOOR_DB="$work/examples.db" \
    CHROMIUM="$chromium" SCREENSHOT="$shot" node tests/page.mjs)

# A brief of the examples in Somalia and Sudan, opened from its file with
# every request refused (web/tests/brief.mjs).
"$bin" brief --db "$work/examples.db" --country Somalia --country Sudan -o "$work/brief.html"
brief_shot=$(cd "${CARGO_TARGET_DIR:-target}" && pwd)/brief-test.png
(cd web && BRIEF="$work/brief.html" CHROMIUM="$chromium" SCREENSHOT="$brief_shot" node tests/brief.mjs)
