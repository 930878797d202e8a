"""A learned pair model: which two names of a sentence an ownership trigger links, and how.

The hand-written roles (``roles.py``) read one construction at a time. Where none of them fires,
a sentence may still state the event ("Renault, dont l'Etat détient 15 %, ..." with the verb far
from both names). This model looks at every ordered pair (A, B) of named candidates in a
sentence that has a trigger and gives the probability that the text states "A <type> B" for each
event type (acquisition, holding, investment, merger) or nothing.

The features describe the construction, never the names, so the model carries over to
companies it has not seen:

- the trigger nearest to the pair: its frame, lemma, whether it is a noun, its voice;
- the order of A, B and the trigger; the distance between them (bucketed);
- what stands before each name (its marker: bare, par, de, à, ...), the name's kind (company,
  person, unknown), its dependency label and the labels on its path to the trigger;
- how each name's head hangs on the trigger (its subject, its object, the trigger's head, ...);
- the words between A and B when they are few; how many names, commas and verbs lie between
  them; a percentage between them;
- what the rules made of the same sentence (whether A or B is already an owner or a target).

``scripts/train_pair_model.py`` fits a multinomial logistic regression on the dev gold (labels
by distant supervision: a pair is positive when the document's gold has that event) and writes
the weights as JSON (``weights.json``, a local folder like ``models/pair-model``, not committed).
Reading the weights needs no learning library. The model is opt-in (``--pair-model``).
The model adds mentions for the pairs the rules left unlinked in a sentence (``threshold``), and
may drop a rule's mention whose every pair it calls "none" with high probability (``veto``).
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from pipeline.errors import error
from pipeline.extract.args import Arg
from pipeline.extract.roles import RawMention, fill_quantities, is_passive
from pipeline.extract.triggers import FRAME_TYPES, Trigger

NONE = "none"
LABELS = (NONE, "acquisition", "holding", "investment", "merger")
# the frame a mention of each type gets when its nearest trigger is of another type
TYPE_FRAMES = {"acquisition": "buy", "holding": "hold", "investment": "invest", "merger": "merge"}
RULE = "pair_model"
WEIGHTS_FILE = "weights.json"
MAX_PATH = 4  # dependency labels kept on a path; longer paths are "long"


@dataclass(frozen=True)
class PairModel:
    """Per-label weights of a multinomial logistic regression, and the probability above which
    a pair becomes a mention."""

    weights: Mapping[str, Mapping[str, float]]
    threshold: float
    meta: Mapping[str, Any]
    veto: float | None = None  # drop a rule mention whose every pair the model calls "none" at least this surely

    def probabilities(self, feats: Iterable[str]) -> dict[str, float]:
        names = list(feats)
        scores = {label: sum(w.get(n, 0.0) for n in names) for label, w in self.weights.items()}
        top = max(scores.values())
        exp = {label: math.exp(s - top) for label, s in scores.items()}
        total = sum(exp.values())
        return {label: v / total for label, v in exp.items()}

    def to_json(self) -> dict[str, Any]:
        return {"threshold": self.threshold, "veto": self.veto, "meta": dict(self.meta), "weights": {k: dict(v) for k, v in self.weights.items()}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PairModel:
        veto = data.get("veto")
        return cls({k: dict(v) for k, v in data["weights"].items()}, float(data["threshold"]), dict(data.get("meta", {})), None if veto is None else float(veto))


def resolve_pair_model_path(option: str | None) -> Path | None:
    """``--pair-model``: a folder, "off", or None for ``$RACHAT_PAIR_MODEL``, else off.

    The model is opt-in: on the test split and on the written texts it lowered core F1
    (docs/EVALUATION.md, "Learned pair model"), so no run uses it unless asked."""
    value = option if option is not None else os.environ.get("RACHAT_PAIR_MODEL")
    if value is None or value.strip().lower() == "off":
        return None
    path = Path(value)
    if not (path / WEIGHTS_FILE).exists():
        raise error("E015", path=path)
    return path


@lru_cache(maxsize=4)
def load_pair_model(path: str) -> PairModel:
    file = Path(path) / WEIGHTS_FILE
    try:
        return PairModel.from_json(json.loads(file.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise error("E016", path=file, reason=exc) from exc


# ---------------------------------------------------------------------------------------------
# features


def _bucket(n: int) -> str:
    for top in (0, 2, 5, 10, 20):
        if n <= top:
            return f"<={top}"
    return ">20"


def _head(doc: Doc, arg: Arg) -> Token:
    return doc[arg.start : arg.end].root


def _path(a: Token, b: Token) -> str:
    """Dependency labels from ``a`` up to the lowest common ancestor and down to ``b``."""
    up = [a, *a.ancestors]
    up_i = {t.i: k for k, t in enumerate(up)}
    down: list[Token] = []
    t = b
    while t.i not in up_i:
        down.append(t)
        if t.head.i == t.i:
            return "disconnected"
        t = t.head
    labels = [f"^{x.dep_}" for x in up[: up_i[t.i]]] + [f"v{x.dep_}" for x in reversed(down)]
    return "long" if len(labels) > MAX_PATH else ("/".join(labels) or "same")


def nearest_trigger(triggers: Sequence[Trigger], a: Arg, b: Arg) -> Trigger:
    """The trigger closest to the pair (inside it first)."""

    def cost(t: Trigger) -> tuple[int, int]:
        lo, hi = min(a.start, b.start), max(a.end, b.end)
        inside = 0 if lo <= t.start < hi else 1
        return inside, abs(t.start - a.start) + abs(t.start - b.start)

    return min(triggers, key=cost)


def _order(a: Arg, b: Arg, t: Trigger) -> str:
    items = sorted([("A", a.start), ("B", b.start), ("T", t.start)], key=lambda x: x[1])
    return "".join(x[0] for x in items)


def _before(doc: Doc, sent: Span, i: int, n: int = 2) -> str:
    return " ".join(doc[j].lower_ for j in range(max(sent.start, i - n), i)) or "^"


def _relation(x: Token, t: Token) -> str:
    """How a name's head hangs on the trigger: its direct dependent (with the label), the
    trigger's head, a dependent of a dependent, or further."""
    if x.head.i == t.i and x.i != t.i:
        return f"dep:{x.dep_}"
    if t.head.i == x.i:
        return f"head:{t.dep_}"
    if x.head.head.i == t.i:
        return f"dep2:{x.head.dep_}"
    if x.head.i == t.head.i:
        return f"sibling:{x.dep_}"
    return "far"


def pair_features(doc: Doc, sent: Span, a: Arg, b: Arg, triggers: Sequence[Trigger], rule_roles: Mapping[int, set[str]], others: Sequence[Arg]) -> list[str]:
    """The named features of the ordered pair (A, B); A is the would-be owner, B the target."""
    t = nearest_trigger(triggers, a, b)
    frame = t.frame
    voice = "nominal" if t.nominal else ("passive" if is_passive(doc, t, sent) else "active")
    order = _order(a, b, t)
    ha, hb, ht = _head(doc, a), _head(doc, b), doc[t.start]
    lo, hi = (a, b) if a.start < b.start else (b, a)
    between = doc[lo.end : hi.start]
    kind_a, kind_b = a.kind or "none", b.kind or "none"
    n_between = sum(1 for x in others if lo.end <= x.start < hi.start)
    pa, pb = _path(ha, ht), _path(hb, ht)
    feats = [
        "bias",
        f"frame={frame}",
        f"lemma={t.lemma}",
        f"voice={voice}",
        f"order={order}",
        f"order|frame={order}|{frame}",
        f"order|voice={order}|{voice}|{frame}",
        f"mA={a.marker}",
        f"mB={b.marker}",
        f"mA|frame={a.marker}|{frame}",
        f"mB|frame={b.marker}|{frame}",
        f"mA|mB|frame={a.marker}|{b.marker}|{frame}",
        f"mA|mB|order={a.marker}|{b.marker}|{order}",
        f"kA={kind_a}",
        f"kB={kind_b}",
        f"kA|kB={kind_a}|{kind_b}",
        f"holderA={a.holder}",
        f"capitalB={b.capital_of}",
        f"depA={ha.dep_}",
        f"depB={hb.dep_}",
        f"depA|frame={ha.dep_}|{frame}",
        f"depB|frame={hb.dep_}|{frame}",
        f"pathA={pa}",
        f"pathB={pb}",
        f"pathA|frame={pa}|{frame}",
        f"pathB|frame={pb}|{frame}",
        f"pathAB={_path(ha, hb)}",
        f"dAB={_bucket(len(between))}",
        f"dAT={_bucket(abs(t.start - a.start))}",
        f"dBT={_bucket(abs(t.start - b.start))}",
        f"prevA={_before(doc, sent, a.start)}",
        f"prevB={_before(doc, sent, b.start)}",
        f"pct_between={any(tok.text == '%' for tok in between)}",
        f"pct_sent={any(tok.text == '%' for tok in sent)}",
        f"n_triggers={min(len(triggers), 3)}",
        f"names_between={_bucket(n_between)}",
        f"commas_between={_bucket(sum(tok.text == ',' for tok in between))}",
        f"verbs_between={_bucket(sum(tok.pos_ in ('VERB', 'AUX') and tok.i != t.start for tok in between))}",
        f"A_on_T={_relation(ha, ht)}|{frame}",
        f"B_on_T={_relation(hb, ht)}|{frame}",
        f"A_on_T|B_on_T={_relation(ha, ht)}|{_relation(hb, ht)}|{voice}",
    ]
    if len(between) <= 3:
        feats.append(f"between={' '.join(tok.lower_ for tok in between)}")
        feats.append(f"between|frame={' '.join(tok.lower_ for tok in between)}|{frame}")
    for role in sorted(rule_roles.get(a.start, ())):
        feats.append(f"ruleA={role}")
    for role in sorted(rule_roles.get(b.start, ())):
        feats.append(f"ruleB={role}")
    return feats


def _rule_roles(mentions: Sequence[RawMention]) -> dict[int, set[str]]:
    roles: dict[int, set[str]] = {}
    for m in mentions:
        for role, args in (("owner", m.owners), ("target", m.targets), ("seller", m.sellers)):
            for arg in args:
                roles.setdefault(arg.start, set()).add(f"{role}:{m.event_type}")
    return roles


def _linked(mentions: Sequence[RawMention]) -> set[frozenset[int]]:
    pairs: set[frozenset[int]] = set()
    for m in mentions:
        sides = [a.start for a in m.owners + m.sellers]
        for target in m.targets:
            pairs.update(frozenset((s, target.start)) for s in sides)
    return pairs


def pair_candidates(args: Sequence[Arg]) -> list[tuple[Arg, Arg]]:
    """The ordered pairs the model scores: two different names (not the same name twice); a
    person is never a target."""
    names = [a for a in args if a.anaphor is None]
    return [(a, b) for a in names for b in names if a.text.lower() != b.text.lower() and b.kind != "person"]


def sentence_pairs(doc: Doc, sent: Span, triggers: Sequence[Trigger], args: Sequence[Arg], mentions: Sequence[RawMention]) -> list[tuple[Arg, Arg, list[str], bool]]:
    """(A, B, features, linked by the rules) for every candidate pair of the sentence."""
    roles = _rule_roles(mentions)
    linked = _linked(mentions)
    return [(a, b, pair_features(doc, sent, a, b, triggers, roles, args), frozenset((a.start, b.start)) in linked) for a, b in pair_candidates(args)]


def vetoed(doc: Doc, sent: Span, triggers: Sequence[Trigger], args: Sequence[Arg], mentions: Sequence[RawMention], pairs: Sequence[tuple[Arg, Arg, list[str], bool]], model: PairModel) -> list[RawMention]:
    """The rules' mentions the model rejects: every (owner, target) pair of the mention scores
    "none" at ``model.veto`` or above. Mentions with a description or pronoun are kept.
    ``pairs`` is ``sentence_pairs`` of the same mentions: their features are not computed again."""
    if model.veto is None:
        return list(mentions)
    scored = {(a, b): feats for a, b, feats, _ in pairs}
    roles = _rule_roles(mentions)
    kept = []
    for m in mentions:
        linked = [(o, t) for o in m.owners for t in m.targets]
        if not linked or any(x.anaphor is not None for pair in linked for x in pair):
            kept.append(m)
            continue
        none = [model.probabilities(scored.get((o, t)) or pair_features(doc, sent, o, t, triggers, roles, args))[NONE] for o, t in linked]
        if min(none) < model.veto:
            kept.append(m)
    return kept


def model_mentions(doc: Doc, sent: Span, triggers: Sequence[Trigger], pairs: Sequence[tuple[Arg, Arg, list[str], bool]], model: PairModel) -> list[RawMention]:
    """Mentions for the pairs (``sentence_pairs``) the rules left unlinked and the model scores
    above its threshold; one per unordered pair (the likelier direction and type)."""
    best: dict[frozenset[int], tuple[float, str, Arg, Arg]] = {}
    for a, b, feats, linked in pairs:
        if linked:
            continue
        probs = model.probabilities(feats)
        label = max((lab for lab in probs if lab != NONE), key=lambda lab: probs[lab])
        p = probs[label]
        key = frozenset((a.start, b.start))
        if p >= model.threshold and (key not in best or p > best[key][0]):
            best[key] = (p, label, a, b)
    out = []
    for _, label, a, b in sorted(best.values(), key=lambda x: (x[2].start, x[3].start)):
        t = nearest_trigger(triggers, a, b)
        frame = t.frame if FRAME_TYPES[t.frame] == label else TYPE_FRAMES[label]
        m = RawMention(t, frame, label, rule=f"{RULE}.{frame}")
        m.owners, m.targets = [a], [b]
        fill_quantities(doc, sent, m)
        out.append(m)
    return out
