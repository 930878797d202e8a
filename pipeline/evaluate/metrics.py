"""Scores of predicted events against gold documents.

Numbers reported (all micro-averaged over the scored documents; see docs/EVALUATION.md):

- ``core``: an event is right when type, owner and target match (:mod:`pipeline.evaluate.match`);
- ``full``: core match and seller, stake (within 0.5 point) and status all right;
- ``by_type``: core P/R/F1 per event type;
- ``by_role``: argument-level P/R/F1 per role (owner, target, seller; a merger's two parties are
  the role ``party``): an argument is a (document, event type, role, name) and a predicted one is
  right when a gold one of the same document, type and role matches its name (one-to-one);
- ``status``: confusion matrix on matched events (``null`` = no status, as for holdings) and accuracy
  on matched events whose gold status is not null;
- ``stake``/``amount``/``seller`` accuracy on matched events whose gold value is not null;
- ``hard_negatives``: gold documents without events for which the prediction has none either;
- ``at_confidence``: core P/R/F1 keeping only predictions with confidence >= each threshold.

Only documents of the gold are scored; predictions for other documents are counted and ignored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pipeline.evaluate.gold import GoldDoc, GoldEvent
from pipeline.evaluate.match import (
    NO_MATCH,
    DocMatch,
    PredEvent,
    amount_ok,
    full_ok,
    match_document,
    name_match,
    seller_ok,
    stake_ok,
)
from pipeline.schema import EVENT_TYPES, STATUSES

ROLES = ("owner", "target", "seller", "party")
NULL = "null"
DEFAULT_THRESHOLDS = (0.5, 0.8)


@dataclass
class PRF:
    """Counts and precision / recall / F1 (0 when undefined)."""

    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.n_pred += other.n_pred
        self.n_gold += other.n_gold

    def to_json(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "n_pred": self.n_pred,
            "n_gold": self.n_gold,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Ratio:
    """``correct`` out of ``total`` (accuracy 0 when there is nothing to score)."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def count(self, ok: bool) -> None:
        self.total += 1
        self.correct += int(ok)

    def to_json(self) -> dict[str, float | int]:
        return {"correct": self.correct, "total": self.total, "accuracy": round(self.value, 4)}


@dataclass
class Report:
    """Every number of one evaluation, plus the per-document matches for error listings."""

    n_docs: int = 0
    core: PRF = field(default_factory=PRF)
    full: PRF = field(default_factory=PRF)
    by_type: dict[str, PRF] = field(default_factory=dict)
    by_role: dict[str, PRF] = field(default_factory=dict)
    status_confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    status: Ratio = field(default_factory=Ratio)
    stake: Ratio = field(default_factory=Ratio)
    amount: Ratio = field(default_factory=Ratio)
    seller: Ratio = field(default_factory=Ratio)
    hard_negatives: Ratio = field(default_factory=Ratio)
    at_confidence: dict[float, PRF] = field(default_factory=dict)
    exact_names: int = 0
    pred_docs_not_in_gold: int = 0
    matches: list[DocMatch] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "n_docs": self.n_docs,
            "n_gold_events": self.core.n_gold,
            "n_pred_events": self.core.n_pred,
            "core": self.core.to_json(),
            "full": self.full.to_json(),
            "by_type": {k: v.to_json() for k, v in self.by_type.items()},
            "by_role": {k: v.to_json() for k, v in self.by_role.items()},
            "status_confusion": self.status_confusion,
            "status_accuracy": self.status.to_json(),
            "stake_accuracy": self.stake.to_json(),
            "amount_accuracy": self.amount.to_json(),
            "seller_accuracy": self.seller.to_json(),
            "hard_negatives": self.hard_negatives.to_json(),
            "at_confidence": {f"{t:g}": v.to_json() for t, v in self.at_confidence.items()},
            "matched_with_exact_names": self.exact_names,
            "pred_docs_not_in_gold": self.pred_docs_not_in_gold,
        }


def _role_args(events: Iterable[GoldEvent | PredEvent]) -> dict[tuple[str, str], list[Any]]:
    """(event type, role) -> names (pred) or alias tuples (gold); null roles are no argument."""
    out: dict[tuple[str, str], list[Any]] = {}
    for e in events:
        roles = (
            (("party", e.owner), ("party", e.target), ("seller", e.seller))
            if e.type == "merger"
            else (
                ("owner", e.owner),
                ("target", e.target),
                ("seller", e.seller),
            )
        )
        for role, value in roles:
            if value is not None:
                out.setdefault((e.type, role), []).append(value)
    return out


def score_roles(gold: Sequence[GoldEvent], pred: Sequence[PredEvent]) -> dict[str, PRF]:
    """Argument-level counts of one document, per role (one-to-one, exact names first)."""
    g_args, p_args = _role_args(gold), _role_args(pred)
    out = {role: PRF() for role in ROLES}
    for key in set(g_args) | set(p_args):
        role = key[1]
        golds, preds = g_args.get(key, []), p_args.get(key, [])
        scored = sorted(
            ((name_match(p, g), gi, pi) for gi, g in enumerate(golds) for pi, p in enumerate(preds)),
            key=lambda c: (-c[0], c[1], c[2]),
        )
        used_g: set[int] = set()
        used_p: set[int] = set()
        for level, gi, pi in scored:
            if level == NO_MATCH or gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
        out[role].add(PRF(tp=len(used_g), n_pred=len(preds), n_gold=len(golds)))
    return out


def _core_counts(docs: Sequence[GoldDoc], preds: Mapping[str, Sequence[PredEvent]]) -> PRF:
    prf = PRF()
    for doc in docs:
        m = match_document(doc.id, doc.events, preds.get(doc.id, ()))
        prf.add(PRF(tp=len(m.pairs), n_pred=len(m.pred), n_gold=len(m.gold)))
    return prf


def evaluate(
    docs: Sequence[GoldDoc],
    preds: Mapping[str, Sequence[PredEvent]],
    thresholds: Sequence[float] = DEFAULT_THRESHOLDS,
) -> Report:
    """Score ``preds`` (by doc_id) against the gold ``docs``."""
    report = Report(n_docs=len(docs))
    report.by_type = {t: PRF() for t in EVENT_TYPES}
    report.by_role = {r: PRF() for r in ROLES}
    labels = [*STATUSES, NULL]
    report.status_confusion = {g: {p: 0 for p in labels} for g in labels}
    gold_ids = {d.id for d in docs}
    report.pred_docs_not_in_gold = len(set(preds) - gold_ids)
    for doc in docs:
        pred = list(preds.get(doc.id, ()))
        m = match_document(doc.id, doc.events, pred)
        report.matches.append(m)
        report.core.add(PRF(tp=len(m.pairs), n_pred=len(pred), n_gold=len(doc.events)))
        for g_event in doc.events:
            report.by_type.setdefault(g_event.type, PRF()).n_gold += 1
        for p_event in pred:
            report.by_type.setdefault(p_event.type, PRF()).n_pred += 1
        n_full = 0
        for pair in m.pairs:
            g, p = m.gold[pair.gold], m.pred[pair.pred]
            report.by_type[g.type].tp += 1
            report.exact_names += int(pair.exact)
            n_full += int(full_ok(p, g))
            g_status, p_status = g.status or NULL, p.status or NULL
            row = report.status_confusion[g_status]
            row[p_status] = row.get(p_status, 0) + 1
            if g.status is not None:
                report.status.count(g.status == p.status)
            if g.stake is not None:
                report.stake.count(stake_ok(p, g))
            if g.amount is not None:
                report.amount.count(amount_ok(p, g))
            if g.seller is not None:
                report.seller.count(seller_ok(p, g))
        report.full.add(PRF(tp=n_full, n_pred=len(pred), n_gold=len(doc.events)))
        for role, prf in score_roles(doc.events, pred).items():
            report.by_role[role].add(prf)
        if not doc.events:
            report.hard_negatives.count(not pred)
    for t in thresholds:
        kept = {d: [e for e in es if e.confidence >= t] for d, es in preds.items()}
        report.at_confidence[t] = _core_counts(docs, kept)
    return report
