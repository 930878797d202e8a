"""Calibrate event confidence on the dev gold: precision per evidence bucket.

Each predicted event falls in a bucket (the rule family of its best mention, e.g.
``buy.active``, whether its target came from context, one or several mentions). The
share of dev predictions in that bucket that match a gold event (core match), smoothed
towards the overall precision, becomes the confidence of every event in the bucket.
Written to ``pipeline/resolve/confidence.json``; never fitted on the test split.

    python scripts/calibrate_confidence.py --pred out/eval-dev   # a run over the gold texts
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import pandas as pd

from pipeline.evaluate.gold import load_gold
from pipeline.evaluate.match import match_document
from pipeline.evaluate.predictions import by_doc, read_events
from pipeline.resolve.merge import bucket_of

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "pipeline" / "resolve" / "confidence.json"
PRIOR_WEIGHT = 4.0  # pseudo-counts pulling a small bucket towards the overall precision


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold", default=str(ROOT / "annotations"))
    ap.add_argument("--pred", required=True, help="run folder over the gold texts (rachat evaluate --run --out DIR)")
    ap.add_argument("--split", default="dev")
    args = ap.parse_args()
    docs = [d for d in load_gold(args.gold) if d.split == args.split]
    preds = by_doc(read_events(args.pred))
    mentions = pd.read_parquet(Path(args.pred) / "mentions.parquet")
    rules = mentions.groupby("event_id")["rule"].apply(list).to_dict()
    events = pd.read_parquet(Path(args.pred) / "events.parquet").set_index("event_id")
    hits: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for doc in docs:
        pred = preds.get(doc.id, [])
        matched = {id(p) for _, p in match_document(doc.id, doc.events, pred).matched()}
        for p in pred:
            bucket = bucket_of(rules.get(p.event_id, [""]), int(events.loc[p.event_id, "n_mentions"]))
            seen[bucket] += 1
            hits[bucket] += id(p) in matched
    total_p = sum(hits.values()) / max(1, sum(seen.values()))
    table = {
        b: round((hits[b] + PRIOR_WEIGHT * total_p) / (seen[b] + PRIOR_WEIGHT), 3) for b in sorted(seen)
    }
    OUT.write_text(
        json.dumps({"_doc": __doc__.strip().splitlines()[0], "split": args.split, "prior": round(total_p, 3),
                    "counts": {b: [hits[b], seen[b]] for b in sorted(seen)}, "buckets": table}, indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    print(f"{len(table)} buckets, overall precision {total_p:.3f} -> {OUT.relative_to(ROOT)}")
    for b in sorted(table, key=lambda b: -seen[b]):
        print(f"  {b:40} {hits[b]:3}/{seen[b]:3} -> {table[b]}")


if __name__ == "__main__":
    main()
