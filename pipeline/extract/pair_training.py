"""Training data and fitting for the pair model (``pairs.py``); used by scripts/train_pair_model.py.

Labels come from the document's gold by distant supervision: the ordered pair (A, B) of a
sentence with a trigger is labelled with the type of a gold event of the same document whose
owner matches A and whose target matches B (a merger in either order), else "none". When the
same pair has gold events of two types (a purchase and the holding it gives), the type of the
nearest trigger wins, then acquisition, merger, investment, holding.

Fitting needs scikit-learn (the ``dev`` extra); the fitted weights are plain JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from pipeline.evaluate.gold import GoldEvent
from pipeline.evaluate.match import name_match
from pipeline.extract import rule_mentions
from pipeline.extract.pairs import LABELS, NONE, PairModel, nearest_trigger, sentence_pairs
from pipeline.extract.triggers import FRAME_TYPES

PRIORITY = ("acquisition", "merger", "investment", "holding")


@dataclass(frozen=True)
class Instance:
    doc_id: str
    features: list[str]
    label: str
    linked: bool  # the rules already link the pair in this sentence


def gold_label(owner: str, target: str, gold: Sequence[GoldEvent], nearest_type: str) -> str:
    """The type of the gold event that says "owner <type> target", or "none"."""
    types = set()
    for g in gold:
        if g.owner is None or g.target is None:
            continue
        if name_match(owner, g.owner) and name_match(target, g.target):
            types.add(g.type)
        elif g.type == "merger" and name_match(owner, g.target) and name_match(target, g.owner):
            types.add(g.type)
    if not types:
        return NONE
    if nearest_type in types:
        return nearest_type
    return next(t for t in PRIORITY if t in types)


def doc_instances(doc_id: str, doc: Doc, gold: Sequence[GoldEvent]) -> list[Instance]:
    """Every scored pair of the Doc with its distant label."""
    out = []
    for sent, triggers, args, found in rule_mentions(doc):
        for a, b, feats, linked in sentence_pairs(doc, sent, triggers, args, found):
            nearest = FRAME_TYPES[nearest_trigger(triggers, a, b).frame]
            out.append(Instance(doc_id, feats, gold_label(a.text, b.text, gold, nearest), linked))
    return out


def fit(instances: Sequence[Instance], threshold: float, c: float = 1.0, meta: dict | None = None) -> PairModel:
    """A multinomial logistic regression (L2, inverse strength ``c``) over the instances."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(i.features, 1.0) for i in instances])
    y = [i.label for i in instances]
    present = [label for label in LABELS if label in set(y)]
    if len(present) < 2:
        raise ValueError(f"the training pairs carry {len(present)} label(s) ({present}); a model needs a positive and a negative")
    clf = LogisticRegression(C=c, max_iter=2000)
    clf.fit(x, y)
    names = vec.get_feature_names_out()
    classes = list(clf.classes_)
    coefs = clf.coef_
    if len(classes) == 2:  # binary: scikit-learn keeps one row, for the second class
        coefs = [-coefs[0] / 2, coefs[0] / 2]
        intercepts = [-clf.intercept_[0] / 2, clf.intercept_[0] / 2]
    else:
        intercepts = list(clf.intercept_)
    weights: dict[str, dict[str, float]] = {}
    for label, row, bias in zip(classes, coefs, intercepts, strict=True):
        w = {str(n): round(float(v), 5) for n, v in zip(names, row, strict=True) if abs(v) >= 1e-5}
        w["bias"] = round(w.get("bias", 0.0) + float(bias), 5)
        weights[str(label)] = w
    info = {"n_pairs": len(instances), "labels": {label: y.count(label) for label in present}, "C": c, **(meta or {})}
    return PairModel(weights, threshold, info)
