"""Train the pair model (``pipeline/extract/pairs.py``) on the dev gold, and check it by cross-validation.

Every dev document is prepared, gated and parsed exactly as a run does it. The ordered pairs of
names in sentences with a trigger get distant labels from the document's gold
(``pipeline/extract/pair_training.py``). Then:

1. **Cross-validation by document** (``--folds``, documents split by a hash of their id): each fold
   is run with a model fitted on the other folds, at every threshold of ``--thresholds`` and every
   L2 strength of ``--c``, and the pooled core / full F1 and hard-negative rate are printed next
   to the rules alone on the same documents.
   Rule mentions the model rejects (``--veto``) are dropped in every setting.
2. The model is refitted on all of dev with the best cross-validated (C, threshold) (best core F1;
   ``--threshold`` / ``--c-final`` override) and written to ``--out`` (``weights.json``).

Never fitted on the test split. Needs scikit-learn (``pip install -e .[dev]``).

    python scripts/train_pair_model.py --gold annotations --out models/pair-model
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.annotate import build_nlp  # noqa: E402
from pipeline.engine.gating import default_gate  # noqa: E402
from pipeline.engine.process import events_of_doc  # noqa: E402
from pipeline.evaluate.gold import GoldDoc, load_gold  # noqa: E402
from pipeline.evaluate.match import PredEvent  # noqa: E402
from pipeline.evaluate.metrics import Report, evaluate  # noqa: E402
from pipeline.extract.pair_training import Instance, doc_instances, fit  # noqa: E402
from pipeline.extract.pairs import WEIGHTS_FILE, PairModel  # noqa: E402
from pipeline.prepare import PROCESSED, prepare  # noqa: E402
from pipeline.schema import Article  # noqa: E402


def parse(docs: list[GoldDoc]) -> dict[str, tuple[Article, object]]:
    """doc id -> (prepared article, parsed Doc or None when the gate keeps nothing), as a run does."""
    nlp = build_nlp()
    gate = default_gate(None)
    out: dict[str, tuple[Article, object]] = {}
    todo: list[tuple[str, Article, str]] = []
    for d in docs:
        article = d.to_article()
        prepare(article, lang="fr")
        text = gate.gated_text(article.text) if article.state == PROCESSED else None
        if text is None:
            out[d.id] = (article, None)
            continue
        todo.append((d.id, article, text))
    for (doc_id, article, _), doc in zip(todo, nlp.pipe([t for _, _, t in todo], batch_size=32), strict=True):
        out[doc_id] = (article, doc)
    return out


def predict(parsed: dict[str, tuple[Article, object]], ids: list[str], model: PairModel | None) -> dict[str, list[PredEvent]]:
    preds: dict[str, list[PredEvent]] = {}
    for doc_id in ids:
        article, doc = parsed[doc_id]
        if doc is None:
            continue
        events, _ = events_of_doc(doc, article, pair_model=model)  # type: ignore[arg-type]
        preds[doc_id] = [
            PredEvent(e.event_id, e.doc_id, e.event_type, e.owner, e.target, e.seller, e.stake_pct, e.amount, e.currency, e.status, e.confidence, e.evidence)
            for e in events
        ]
    return preds


def fold_of(doc_id: str, folds: int) -> int:
    return int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % folds


def line(name: str, r: Report) -> str:
    c, f = r.core, r.full
    return (f"{name:<24} core P {100 * c.precision:5.1f} R {100 * c.recall:5.1f} F1 {100 * c.f1:5.1f} ({c.tp}/{c.n_pred}/{c.n_gold})"
            f" | full F1 {100 * f.f1:5.1f} | hard neg {100 * r.hard_negatives.value:5.1f} %")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=str(ROOT / "annotations"))
    ap.add_argument("--split", default="dev")
    ap.add_argument("--out", default=str(ROOT / "models" / "pair-model"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--c", default="0.1,0.3,1.0", help="L2 inverse strengths tried in cross-validation")
    ap.add_argument("--thresholds", default="0.5,0.6,0.7,0.8")
    ap.add_argument("--veto", type=float, default=0.97, help="drop a rule mention whose pairs the model calls 'none' at this probability or more (1.1: never)")
    ap.add_argument("--threshold", type=float, default=None, help="the shipped threshold (default: best cross-validated)")
    ap.add_argument("--c-final", type=float, default=None, help="the shipped C (default: best cross-validated)")
    args = ap.parse_args()
    cs = [float(x) for x in args.c.split(",")]
    thresholds = [float(x) for x in args.thresholds.split(",")]

    started = time.time()
    docs = [d for d in load_gold(args.gold) if d.split == args.split]
    if any(d.split == "test" for d in docs):
        sys.exit("refusing to train on the test split")
    parsed = parse(docs)
    instances: list[Instance] = []
    for d in docs:
        doc = parsed[d.id][1]
        if doc is not None:
            instances.extend(doc_instances(d.id, doc, d.events))  # type: ignore[arg-type]
    n_pos = sum(i.label != "none" for i in instances)
    print(f"{len(docs)} {args.split} docs parsed in {time.time() - started:.0f} s; {len(instances)} pairs, {n_pos} positive "
          f"({sum(i.label != 'none' and not i.linked for i in instances)} positive that the rules leave unlinked)")

    ids = [d.id for d in docs]
    base = evaluate(docs, predict(parsed, ids, None))
    print(line("rules alone", base))
    pooled: dict[tuple[float, float], dict[str, list[PredEvent]]] = {(c, t): {} for c in cs for t in thresholds}
    for k in range(args.folds):
        held = [i for i in ids if fold_of(i, args.folds) == k]
        train = [i for i in instances if fold_of(i.doc_id, args.folds) != k]
        for c in cs:
            model = fit(train, thresholds[0], c)
            for t in thresholds:
                pooled[(c, t)].update(predict(parsed, held, PairModel(model.weights, t, model.meta, args.veto)))
    results = {key: evaluate(docs, preds) for key, preds in pooled.items()}
    for (c, t), r in results.items():
        print(line(f"+ model C={c} t={t}", r))
    best_c, best_t = max(results, key=lambda key: (results[key].core.f1, key[1]))
    c_final = args.c_final if args.c_final is not None else best_c
    t_final = args.threshold if args.threshold is not None else best_t
    cv = results.get((c_final, t_final))
    meta = {
        "trained_on": f"{args.gold} split={args.split} ({len(docs)} docs, {sum(len(d.events) for d in docs)} events)",
        "cv_folds": args.folds,
        "cv_rules_alone": {"core_f1": round(base.core.f1, 4), "full_f1": round(base.full.f1, 4), "hard_negatives": round(base.hard_negatives.value, 4)},
    }
    if cv is not None:
        meta["cv_with_model"] = {"core_f1": round(cv.core.f1, 4), "full_f1": round(cv.full.f1, 4), "hard_negatives": round(cv.hard_negatives.value, 4)}
    model = fit(instances, t_final, c_final, meta)
    model = PairModel(model.weights, model.threshold, model.meta, args.veto)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / WEIGHTS_FILE).write_text(json.dumps(model.to_json(), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {out / WEIGHTS_FILE}: C={c_final} threshold={t_final} ({time.time() - started:.0f} s)")


if __name__ == "__main__":
    main()
