"""Matching predicted events to gold events, one document at a time.

Names match after normalisation (:func:`normalize_name`) when they are equal (*exact*) or when one
is a whole-token run inside the other (*containment*): "le groupe Orange" = "Orange SA" exactly,
"SFR" is contained in "Numericable-SFR". A gold role is an alias list; any alias may match.

A predicted event *core-matches* a gold event when the type is the same and owner and target match
(a merger's two parties in either order; a null owner matches only a null owner). Each document is
then assigned one-to-one, greedily on the best pairs: more exact names first, then a matching seller,
then a matching stake and status. Seller, stake (within :data:`STAKE_TOLERANCE` points) and status
are scored on the matched pairs only.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from pipeline.evaluate.gold import Aliases, GoldEvent

STAKE_TOLERANCE = 0.5
AMOUNT_REL_TOLERANCE = 0.01

# name match levels
NO_MATCH, CONTAINED, EXACT = 0, 1, 2


@dataclass(frozen=True)
class PredEvent:
    """One predicted event, as read from a run's ``events.parquet``."""

    event_id: str
    doc_id: str
    type: str
    owner: str | None
    target: str | None
    seller: str | None = None
    stake: float | None = None
    amount: float | None = None
    currency: str | None = None
    status: str | None = None
    confidence: float = 1.0
    evidence: str = ""


@lru_cache(maxsize=1)
def _vocab() -> tuple[frozenset[str], frozenset[str]]:
    data = json.loads(resources.files("pipeline.evaluate").joinpath("names.json").read_text(encoding="utf-8"))
    return frozenset(data["legal_forms"]), frozenset(data["leading_articles"])


_DOTTED = re.compile(r"\b(?:[a-z]\.){2,}")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("`", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("&", " et ")
    return _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)


@lru_cache(maxsize=65536)
def normalize_name(name: str) -> tuple[str, ...]:
    """Company name -> comparable tokens: no case, accents, punctuation, leading article or legal form.

    >>> normalize_name("L'Oréal S.A.")
    ('oreal',)
    >>> normalize_name("le groupe Numericable-SFR")
    ('numericable', 'sfr')

    Legal forms are dropped anywhere ("Groupe PSA", "Vivendi SE"); when nothing but legal forms is
    left ("Groupe SA"), the tokens are kept as they were so the name still matches itself.
    """
    legal, articles = _vocab()
    tokens = [t for t in _NON_WORD.split(_fold(name)) if t]
    while len(tokens) > 1 and tokens[0] in articles:
        tokens = tokens[1:]
    kept = [t for t in tokens if t not in legal]
    return tuple(kept or tokens)


def _contains(big: tuple[str, ...], small: tuple[str, ...]) -> bool:
    n = len(small)
    return 0 < n <= len(big) and any(big[i : i + n] == small for i in range(len(big) - n + 1))


def name_match(pred: str | None, gold: Aliases | Sequence[str] | None) -> int:
    """How well a predicted name matches a gold alias list: EXACT, CONTAINED or NO_MATCH.

    Two nulls match exactly (an acquisition whose buyer is not named, "Atos cède sa part").
    """
    if pred is None or gold is None:
        return EXACT if pred is None and gold is None else NO_MATCH
    p = normalize_name(pred)
    if not p:
        return NO_MATCH
    best = NO_MATCH
    for alias in gold:
        g = normalize_name(alias)
        if not g:
            continue
        if g == p:
            return EXACT
        if _contains(g, p) or _contains(p, g):
            best = CONTAINED
    return best


def core_score(pred: PredEvent, gold: GoldEvent) -> int:
    """0 when the events do not core-match, else 1 + the sum of name levels (higher = more exact)."""
    if pred.type != gold.type:
        return 0
    straight = _pair(name_match(pred.owner, gold.owner), name_match(pred.target, gold.target))
    if gold.type != "merger":
        return straight
    crossed = _pair(name_match(pred.owner, gold.target), name_match(pred.target, gold.owner))
    return max(straight, crossed)


def _pair(owner: int, target: int) -> int:
    return 0 if owner == NO_MATCH or target == NO_MATCH else 1 + owner + target


def seller_ok(pred: PredEvent, gold: GoldEvent) -> bool:
    return name_match(pred.seller, gold.seller) != NO_MATCH


def stake_ok(pred: PredEvent, gold: GoldEvent) -> bool:
    if pred.stake is None or gold.stake is None:
        return pred.stake is None and gold.stake is None
    return abs(pred.stake - gold.stake) <= STAKE_TOLERANCE + 1e-9


def amount_ok(pred: PredEvent, gold: GoldEvent) -> bool:
    """Amount within 1 % and the same currency (both null counts as right)."""
    if pred.amount is None or gold.amount is None:
        return pred.amount is None and gold.amount is None
    close = abs(pred.amount - gold.amount) <= AMOUNT_REL_TOLERANCE * max(abs(gold.amount), 1e-9)
    return close and (pred.currency or "").upper() == (gold.currency or "").upper()


def status_ok(pred: PredEvent, gold: GoldEvent) -> bool:
    return pred.status == gold.status


def full_ok(pred: PredEvent, gold: GoldEvent) -> bool:
    """Core match plus seller, stake and status all right (amount is scored apart)."""
    return core_score(pred, gold) > 0 and seller_ok(pred, gold) and stake_ok(pred, gold) and status_ok(pred, gold)


@dataclass(frozen=True)
class Pair:
    """A matched (gold, pred) pair within one document, by index."""

    gold: int
    pred: int
    exact: bool


@dataclass(frozen=True)
class DocMatch:
    """The one-to-one assignment of one document."""

    doc_id: str
    gold: tuple[GoldEvent, ...]
    pred: tuple[PredEvent, ...]
    pairs: tuple[Pair, ...]

    @property
    def missed(self) -> list[GoldEvent]:
        used = {p.gold for p in self.pairs}
        return [g for i, g in enumerate(self.gold) if i not in used]

    @property
    def false_positives(self) -> list[PredEvent]:
        used = {p.pred for p in self.pairs}
        return [e for i, e in enumerate(self.pred) if i not in used]

    def matched(self) -> Iterable[tuple[GoldEvent, PredEvent]]:
        for p in self.pairs:
            yield self.gold[p.gold], self.pred[p.pred]


def match_document(doc_id: str, gold: Sequence[GoldEvent], pred: Sequence[PredEvent]) -> DocMatch:
    """Greedy one-to-one assignment of ``pred`` to ``gold`` on the best core matches."""
    candidates: list[tuple[tuple[int, int, int, int, float], int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            score = core_score(p, g)
            if score:
                key = (score, int(seller_ok(p, g)), int(stake_ok(p, g)), int(status_ok(p, g)), p.confidence)
                candidates.append((key, gi, pi))
    # best first; ties keep gold and prediction order so the result is deterministic
    candidates.sort(key=lambda c: (tuple(-k for k in c[0]), c[1], c[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[Pair] = []
    for key, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append(Pair(gi, pi, exact=key[0] == 1 + 2 * EXACT))
    pairs.sort(key=lambda p: p.gold)
    return DocMatch(doc_id, tuple(gold), tuple(pred), tuple(pairs))
