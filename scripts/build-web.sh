#!/usr/bin/env bash
# Build the analyst's page (web/) into web/dist, which `watchfloor serve`
# embeds at compile time (crates/serve/build.rs).
#
# Idempotent: installs the locked packages (npm ci) only when
# package-lock.json changed since the last install, and builds only when
# the page's sources changed since the last build (a hash of them is kept in
# web/dist/.stamp). Needs Node.js 20.19+ (or 22.12+) with npm; everything it
# installs is pinned in web/package-lock.json, and the built page loads
# nothing from the network.
set -euo pipefail
cd "$(dirname "$0")/../web"

die() { echo "build-web: error: $*" >&2; exit 1; }
command -v node >/dev/null && command -v npm >/dev/null \
    || die "Node.js and npm are needed to build the page (apt-get install nodejs npm); without them 'watchfloor serve' shows a page that says to run this script"
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit((a===20&&b>=19)||(a===22&&b>=12)||a>22?0:1)' \
    || die "Node.js $(node --version) is too old for Vite 7: install 20.19 or later"

hash_of() { cat "$@" | sha256sum | cut -d' ' -f1; }

lock_stamp=$(hash_of package-lock.json)
if [[ ! -f node_modules/.watchfloor-lock || "$(cat node_modules/.watchfloor-lock)" != "$lock_stamp" ]]; then
    echo "build-web: installing the locked packages (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error || die "npm ci failed (see above)"
    echo "$lock_stamp" > node_modules/.watchfloor-lock
fi

sources=(package-lock.json index.html vite.config.js $(find src -type f | LC_ALL=C sort))
stamp=$(hash_of "${sources[@]}")
if [[ -f dist/index.html && -f dist/.stamp && "$(cat dist/.stamp)" == "$stamp" ]]; then
    echo "build-web: web/dist is up to date"
    exit 0
fi
echo "build-web: building the page"
npx --no-install vite build --logLevel warn || die "the page's build failed (see above)"
echo "$stamp" > dist/.stamp
echo "build-web: built web/dist (rebuild watchfloor to embed it: cargo build --release -p watchfloor)"
