#!/usr/bin/env python3
"""Groups an event export's errors against a gold file by cause, so the next
fix goes to the largest group (issue: an error report per gold set).

usage: error-report.py --gold GOLD.jsonl --pred PRED.jsonl [--scorer PATH] [--counts-only]

Causes, for unmatched events (found by relaxing one matching key at a time):
  report   - the report title matches no predicted report (split or title wrong)
  type     - same report, country and date, other event type
  place    - same report, type and date, other country
  date     - same report, type and country, other date
  missed   - nothing close was predicted
  spurious - a predicted event with nothing close in gold
and, over matched pairs, field errors: agent (actor1), target (actor2),
place (location), figure (fatalities or injuries), subtype, civilians.
"""
import argparse
import collections
import importlib.util
import os
import sys


def load_scorer(path):
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", required=True)
    ap.add_argument("--pred", required=True)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--scorer", default=os.path.join(here, "..", "..", "shared", "eval", "score.py"))
    ap.add_argument("--counts-only", action="store_true",
                    help="no example events (for held-out sets, which are never read when fixing)")
    a = ap.parse_args()
    s = load_scorer(a.scorer)
    gold, pred = s.load(a.gold), s.load(a.pred)
    n = s.norm
    result = s.score(gold, pred)
    missed, extra = result["missed"], result["extra"]
    # The scorer's greedy pairing, repeated to see the matched pairs' fields.
    pairs = []
    by_report = collections.defaultdict(lambda: ([], []))
    for g in gold:
        by_report[n(g.get("report_title"))][0].append(g)
    for p in pred:
        by_report[n(p.get("report_title"))][1].append(p)
    for gs, ps in by_report.values():
        cands = sorted(
            ((sum(c.values()), i, j, c) for i, g in enumerate(gs) for j, p in enumerate(ps)
             if s.matches(g, p) for c in [s.field_checks(g, p)]),
            key=lambda c: -c[0])
        ug, up = set(), set()
        for _, i, j, c in cands:
            if i not in ug and j not in up:
                ug.add(i); up.add(j)
                pairs.append((gs[i], ps[j], c))
    titles = {n(p.get("report_title")) for p in pred}
    causes = collections.Counter()
    examples = collections.defaultdict(list)

    def near(ev, pool, key_off):
        for o in pool:
            if n(o.get("report_title")) != n(ev.get("report_title")):
                continue
            same_type = n(o.get("event_type")) == n(ev.get("event_type"))
            same_country = n(o.get("country")) == n(ev.get("country"))
            same_date = s.dates_agree(ev, o) or s.dates_agree(o, ev)
            keys = {"type": same_type, "place": same_country, "date": same_date}
            if not keys[key_off] and all(v for k, v in keys.items() if k != key_off):
                return True
        return False

    for g in missed:
        if n(g.get("report_title")) not in titles:
            cause = "report"
        else:
            cause = next((k for k in ("type", "date", "place") if near(g, extra, k)), "missed")
        causes["miss/" + cause] += 1
        examples["miss/" + cause].append(s.describe(g))
    for p in extra:
        cause = next((k for k in ("type", "date", "place") if near(p, missed, k)), "spurious")
        causes["extra/" + cause] += 1
        examples["extra/" + cause].append(s.describe(p))
    field_names = {"actor1": "agent", "actor2": "target", "location": "place",
                   "fatalities": "figure", "injuries": "figure",
                   "sub_event_type": "subtype", "civilian_targeting": "civilians"}
    for g, p, checks in pairs:
        for f, ok in checks.items():
            if not ok:
                causes["field/" + field_names[f]] += 1
    print("errors by cause (largest first):")
    for cause, count in causes.most_common():
        print(f"  {count:4d}  {cause}")
        for e in ([] if a.counts_only else examples.get(cause, [])[:3]):
            print(f"          e.g. {e}")


if __name__ == "__main__":
    sys.exit(main())
