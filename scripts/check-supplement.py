#!/usr/bin/env python3
"""Review aid for data/places-supplement.tsv: compare each town, village or
quarter row with GeoNames places of the same name in the same country (from
data/generated/tsv/places.tsv, written by scripts/fetch-data.sh) and list the
rows lying more than --km kilometres from every namesake.

A listed row is not necessarily wrong (GeoNames may only know a different
village of that name, e.g. Sarıyer in Düzce rather than the Istanbul
district), but each deserves a second look. Stdlib only.
"""
import argparse
import collections
import math
import os
import sys
import unicodedata


def fold(s):
    s = s.replace("ı", "i").replace("'", "").replace("\u2019", "")
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)).lower()
    return " ".join("".join(c if c.isalnum() else " " for c in s).split())


def km(a, b, c, d):
    p1, p2 = math.radians(a), math.radians(c)
    x = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(d - b) / 2) ** 2
    return 6371 * 2 * math.atan2(math.sqrt(x), math.sqrt(1 - x))


def main():
    root = os.path.join(os.path.dirname(__file__), "..")
    ap = argparse.ArgumentParser()
    ap.add_argument("--km", type=float, default=15.0)
    ap.add_argument("--places", default=os.path.join(root, "data/generated/tsv/places.tsv"))
    ap.add_argument("--supplement", default=os.path.join(root, "data/places-supplement.tsv"))
    a = ap.parse_args()
    if not os.path.exists(a.places):
        sys.exit(f"check-supplement: {a.places} not found: run scripts/fetch-data.sh first")
    index = collections.defaultdict(list)
    with open(a.places, encoding="utf-8") as f:
        for line in f:
            r = line.rstrip("\n").split("\t")
            for n in [r[1]] + [x for x in r[7].split("|") if x]:
                index[(r[2], fold(n))].append((float(r[4]), float(r[5]), r[1], r[6]))
    checked = flagged = 0
    with open(a.supplement, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            if line.startswith("#") or not line.strip():
                continue
            r = line.rstrip("\n").split("\t")
            if len(r) != 8 or r[6] not in ("town", "city", "village", "quarter"):
                continue
            lat, lon = float(r[4]), float(r[5])
            cands = [c for n in [r[0]] + [x.strip() for x in r[1].split(";") if x.strip()]
                     for c in index.get((r[2], fold(n)), [])]
            if not cands:
                continue
            checked += 1
            best = min(cands, key=lambda c: km(lat, lon, c[0], c[1]))
            d = km(lat, lon, best[0], best[1])
            if d > a.km:
                flagged += 1
                print(f"{a.supplement}:{no}: {r[0]} ({r[2]}) is {d:.0f} km from GeoNames "
                      f"{best[2]} at {best[0]:.3f},{best[1]:.3f} (pop {best[3]})")
    print(f"check-supplement: {checked} rows had GeoNames namesakes, {flagged} flagged", file=sys.stderr)


if __name__ == "__main__":
    main()
