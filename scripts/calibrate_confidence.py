"""Calibrate event confidence on the dev gold, and check the calibration by leaving documents out.

Two calibrations are fitted on the events of a run over the gold texts, each event labelled by
whether it matches a gold event (core match):

- **buckets** (sessions 1-2): the dev precision of the event's evidence bucket (the rule family of
  its best mention, context target, one or several mentions), smoothed towards the overall precision;
- **model** (session 3): a logistic regression over the evidence features of
  ``pipeline/resolve/confidence.py`` (rule family and voice, roles from context or coreference,
  seller, stake, status cue, sentence length, ...), L2-regularised.

Both are scored leave-one-document-out (each document's events get the confidence fitted on the
other documents): log-loss, Brier score, AUC (how well it ranks right events above wrong ones),
and precision / number kept at 0.5 and 0.8. The L2 weight
is the one with the best leave-one-out log-loss. Everything is written to
``pipeline/resolve/confidence.json``; the pipeline uses the model's weights when present, the
buckets otherwise. Never fitted on the test split.

    rachat evaluate --gold annotations --run --out out/eval-cal
    python scripts/calibrate_confidence.py --pred out/eval-cal
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path
from types import SimpleNamespace

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.evaluate.gold import load_gold  # noqa: E402
from pipeline.evaluate.match import match_document  # noqa: E402
from pipeline.evaluate.predictions import by_doc, read_events  # noqa: E402
from pipeline.resolve.confidence import features, fit, probability  # noqa: E402
from pipeline.resolve.merge import bucket_of  # noqa: E402

OUT = ROOT / "pipeline" / "resolve" / "confidence.json"
PRIOR_WEIGHT = 4.0  # pseudo-counts pulling a small bucket towards the overall precision
L2_GRID = (0.3, 1.0, 3.0, 10.0)


def _none(value: object) -> object:
    return None if isinstance(value, float) and math.isnan(value) else value


def examples(gold_dir: str, run: str, split: str) -> list[dict[str, object]]:
    """One example per predicted event of the split: doc, label, bucket, features."""
    docs = [d for d in load_gold(gold_dir) if d.split == split]
    preds = by_doc(read_events(run))
    events = pd.read_parquet(Path(run) / "events.parquet").set_index("event_id")
    mentions = pd.read_parquet(Path(run) / "mentions.parquet").sort_values(["doc_id", "sentence_start", "trigger_start"])
    by_event: dict[str, list[SimpleNamespace]] = defaultdict(list)
    for row in mentions.to_dict("records"):
        by_event[row["event_id"]].append(SimpleNamespace(**{k: _none(v) for k, v in row.items()}))
    out = []
    for doc in docs:
        pred = preds.get(doc.id, [])
        matched = {id(p) for _, p in match_document(doc.id, doc.events, pred).matched()}
        for p in pred:
            ms = by_event.get(p.event_id) or []
            if not ms:
                continue
            ev = events.loc[p.event_id]
            out.append(
                {
                    "doc": doc.id,
                    "label": int(id(p) in matched),
                    "bucket": bucket_of([m.rule for m in ms], int(ev["n_mentions"])),
                    "features": features(p.type, p.owner, p.seller, p.stake, ms),
                }
            )
    return out


def bucket_table(train: list[dict[str, object]]) -> tuple[dict[str, float], float]:
    hits: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for ex in train:
        seen[str(ex["bucket"])] += 1
        hits[str(ex["bucket"])] += int(ex["label"])  # type: ignore[call-overload]
    prior = sum(hits.values()) / max(1, sum(seen.values()))
    return {b: (hits[b] + PRIOR_WEIGHT * prior) / (seen[b] + PRIOR_WEIGHT) for b in seen}, prior


def leave_one_out(exs: list[dict[str, object]], l2: float) -> tuple[list[float], list[float]]:
    """(bucket confidences, model confidences), each event scored by a fit without its document."""
    by_doc_ex: dict[str, list[int]] = defaultdict(list)
    for i, ex in enumerate(exs):
        by_doc_ex[str(ex["doc"])].append(i)
    buckets = [0.0] * len(exs)
    model = [0.0] * len(exs)
    for _doc, held in by_doc_ex.items():
        held_set = set(held)
        train = [ex for i, ex in enumerate(exs) if i not in held_set]
        table, prior = bucket_table(train)
        weights = fit([ex["features"] for ex in train], [int(ex["label"]) for ex in train], l2=l2)  # type: ignore[misc]
        for i in held:
            buckets[i] = table.get(str(exs[i]["bucket"]), prior)
            model[i] = probability(weights, exs[i]["features"])  # type: ignore[arg-type]
    return buckets, model


def auc(conf: list[float], labels: list[int]) -> float:
    """Probability that a right event gets a higher confidence than a wrong one (ties count half)."""
    pos = [c for c, y in zip(conf, labels, strict=True) if y]
    neg = [c for c, y in zip(conf, labels, strict=True) if not y]
    if not pos or not neg:
        return 0.5
    return sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg))


def scores(conf: list[float], labels: list[int]) -> dict[str, float]:
    eps = 1e-6
    loss = -sum(y * math.log(max(eps, c)) + (1 - y) * math.log(max(eps, 1 - c)) for c, y in zip(conf, labels, strict=True)) / len(labels)
    brier = sum((c - y) ** 2 for c, y in zip(conf, labels, strict=True)) / len(labels)
    out = {"log_loss": round(loss, 4), "brier": round(brier, 4), "auc": round(auc(conf, labels), 3)}
    for t in (0.5, 0.8):
        kept = [y for c, y in zip(conf, labels, strict=True) if c >= t]
        out[f"kept_{t}"] = len(kept)
        out[f"precision_{t}"] = round(sum(kept) / len(kept), 3) if kept else 0.0
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", default=str(ROOT / "annotations"))
    ap.add_argument("--pred", required=True, help="run folder over the gold texts (rachat evaluate --run --out DIR)")
    ap.add_argument("--split", default="dev")
    args = ap.parse_args()
    exs = examples(args.gold, args.pred, args.split)
    labels = [int(ex["label"]) for ex in exs]  # type: ignore[call-overload]
    print(f"{len(exs)} events, {sum(labels)} right ({sum(labels) / max(1, len(labels)):.3f})")
    loo: dict[str, dict[str, float]] = {}
    best_l2, best_loss = L2_GRID[0], math.inf
    bucket_conf: list[float] = []
    for l2 in L2_GRID:
        bucket_conf, model_conf = leave_one_out(exs, l2)
        loo[f"model_l2_{l2:g}"] = scores(model_conf, labels)
        print(f"  model, l2={l2:<4g} leave-one-document-out: {loo[f'model_l2_{l2:g}']}")
        if loo[f"model_l2_{l2:g}"]["log_loss"] < best_loss:
            best_l2, best_loss = l2, loo[f"model_l2_{l2:g}"]["log_loss"]
    loo["buckets"] = scores(bucket_conf, labels)
    print(f"  buckets              leave-one-document-out: {loo['buckets']}")
    weights = fit([ex["features"] for ex in exs], labels, l2=best_l2)  # type: ignore[misc]
    table, prior = bucket_table(exs)
    OUT.write_text(
        json.dumps(
            {
                "_doc": __doc__.strip().splitlines()[0],
                "split": args.split,
                "events": len(exs),
                "prior": round(prior, 3),
                "l2": best_l2,
                "leave_one_document_out": loo,
                "weights": dict(sorted(weights.items(), key=lambda kv: -abs(kv[1]))),
                "buckets": {b: round(v, 3) for b, v in sorted(table.items())},
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"model with l2={best_l2:g} -> {OUT.relative_to(ROOT)}")
    for name, w in sorted(weights.items(), key=lambda kv: -abs(kv[1]))[:12]:
        print(f"  {name:28} {w:+.3f}")


if __name__ == "__main__":
    main()
