"""Event confidence: a logistic model over the evidence of an event, fitted on the dev gold.

``scripts/calibrate_confidence.py`` fits the weights (leave-one-document-out checked) and writes them
to ``confidence.json`` next to this file. The features describe how the event was found, never the
names themselves, so the model carries over to companies it has not seen:

- the rule family of the first mention (``buy``, ``hold``, ``merge``, ...) and its voice (active,
  passive, nominal, future);
- whether a role came from context or coreference (a name outside the trigger's sentence), a seller
  inferred from elsewhere, a minority stake turned into an investment;
- how much the text says: several mentions, a seller, a stake, a status cue;
- how hard the sentence was: long sentences, a target far from its trigger.

The same function reads a Mention of the pipeline and a row of ``mentions.parquet``, so the features
the model is fitted on are the features it is applied to.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

FRAMES = ("buy", "sell", "hold", "shareholder", "subsidiary", "parent", "belong", "merge", "invest", "raise", "join")
VOICES = ("active", "passive", "nominal", "future")
TYPES = ("acquisition", "merger", "holding", "investment")
LONG_SENTENCE = 300  # characters
FAR_TARGET = 80  # characters between trigger and target


class MentionLike(Protocol):
    sentence: str
    sentence_start: int
    trigger_start: int
    owner_start: int | None
    target_start: int | None
    status_cue: str | None
    rule: str


def _given(value: Any) -> bool:
    """Not None and not NaN (parquet rows carry NaN for missing numbers)."""
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _outside(m: MentionLike, start: Any) -> bool:
    return _given(start) and not (m.sentence_start <= int(start) < m.sentence_start + len(m.sentence))


def _far(m: MentionLike) -> bool:
    """The target is far from the trigger, or was not found in the sentence at all."""
    start = m.target_start
    return start is None or not _given(start) or abs(int(start) - m.trigger_start) > FAR_TARGET


def features(event_type: str, owner: str | None, seller: str | None, stake: float | None, mentions: Sequence[MentionLike]) -> dict[str, float]:
    """The evidence of one event, as named 0/1 features (plus a bias)."""
    first = mentions[0]
    parts = first.rule.split(".")
    frame = parts[0] if parts[0] in FRAMES else "other"
    voice = parts[1] if len(parts) > 1 and parts[1] in VOICES else "other"
    rules = " ".join(m.rule for m in mentions)
    out = {
        "bias": 1.0,
        f"frame={frame}": 1.0,
        f"voice={voice}": 1.0,
        f"type={event_type if event_type in TYPES else 'other'}": 1.0,
        "several_mentions": float(len(mentions) >= 2),
        "context_target": float("context_target" in rules),
        "inferred_seller": float("inferred_seller" in rules),
        "minority": float("minority" in rules),
        "owner_from_elsewhere": float(all(_outside(m, m.owner_start) for m in mentions)),
        "target_from_elsewhere": float(all(_outside(m, m.target_start) for m in mentions)),
        "no_owner": float(not owner),
        "seller": float(bool(seller)),
        "stake": float(_given(stake)),
        "status_cue": float(any(_given(m.status_cue) and m.status_cue for m in mentions)),
        "long_sentence": float(min(len(m.sentence) for m in mentions) > LONG_SENTENCE),
        "far_target": float(all(_far(m) for m in mentions)),
    }
    return out


def probability(weights: Mapping[str, float], feats: Mapping[str, float]) -> float:
    z = sum(weights.get(name, 0.0) * value for name, value in feats.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def fit(rows: Sequence[Mapping[str, float]], labels: Sequence[int], l2: float = 1.0, steps: int = 200) -> dict[str, float]:
    """L2-regularised logistic regression by Newton's method (the bias is not penalised)."""
    import numpy as np

    names = sorted({name for row in rows for name in row})
    x = np.array([[row.get(n, 0.0) for n in names] for row in rows], dtype=float)
    y = np.array(labels, dtype=float)
    penalty = np.full(len(names), l2)
    penalty[names.index("bias")] = 0.0
    w = np.zeros(len(names))
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return {n: round(float(v), 4) for n, v in zip(names, w, strict=True)}


@lru_cache(maxsize=1)
def load_model(path: str | None = None) -> dict[str, Any]:
    file = Path(path) if path else Path(__file__).with_name("confidence.json")
    if not file.exists():
        return {}
    data: dict[str, Any] = json.loads(file.read_text(encoding="utf-8"))
    return data


def event_confidence(event_type: str, owner: str | None, seller: str | None, stake: float | None, mentions: Sequence[MentionLike]) -> float | None:
    """The model's probability that the event is right, or None when no model is installed."""
    weights = load_model().get("weights")
    if not weights:
        return None
    return round(probability(weights, features(event_type, owner, seller, stake, mentions)), 3)
