"""Extract: triggers + roles -> raw sentence-level mentions (names not yet resolved).

``extract(doc)`` walks the sentences in order and returns one RawMention per trigger that
states an event. Descriptions and pronouns stay as they are written; the resolve stage
maps them to named companies.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span

from pipeline.annotate.quantities.component import QUANTITIES_KEY
from pipeline.extract.args import Arg, candidates
from pipeline.extract.pairs import PairModel, model_mentions, sentence_pairs, vetoed
from pipeline.extract.roles import RawMention, assign
from pipeline.extract.triggers import Trigger, find_triggers

__all__ = ["Arg", "RawMention", "Trigger", "extract", "gapped_pairs", "rule_mentions"]

_GAP = re.compile(r"^\s*,?\s*et\s*$", re.IGNORECASE)


def extract(doc: Doc, pair_model: PairModel | None = None) -> list[tuple[Span, RawMention]]:
    """Every (sentence, mention) of the Doc, in text order. With a ``pair_model``, the pairs of
    names the rules left unlinked in a sentence are scored too (``pairs.py``)."""
    out: list[tuple[Span, RawMention]] = []
    for sent, triggers, args, found in rule_mentions(doc):
        if pair_model is not None:
            pairs = sentence_pairs(doc, sent, triggers, args, found)
            added = model_mentions(doc, sent, triggers, pairs, pair_model)
            found = vetoed(doc, sent, triggers, args, found, pairs, pair_model) + added
        out.extend((sent, m) for m in found)
    return out


def rule_mentions(doc: Doc) -> Iterator[tuple[Span, list[Trigger], list[Arg], list[RawMention]]]:
    """(sentence, triggers, candidates, the rules' mentions) for each sentence that has a trigger
    and a candidate, in text order."""
    for sent in doc.sents:
        triggers = find_triggers(sent)
        if not triggers:
            continue
        args = candidates(sent)
        if not args and not any(t.frame == "merge" for t in triggers):
            continue  # ("la fusion des deux groupes" names its parties in earlier sentences)
        found: list[RawMention] = []
        for trig in triggers:
            mention = assign(doc, sent, trig, args, triggers)
            if mention is None:
                continue
            found.append(mention)
            if ".become" in mention.rule:
                # "Helix est devenu actionnaire à 15 % d'Anthos": a deal, and the holding it gave
                found.append(replace(mention, event_type="holding", rule=mention.rule.replace(".become", ".nominal")))
            found.extend(gapped_pairs(doc, sent, mention, args))
        yield sent, triggers, args, seller_appositions(found)


def seller_appositions(mentions: list[RawMention]) -> list[RawMention]:
    """'Atos a racheté Bull, filiale de Vivendi': the parent named in apposition to a
    company being sold is the seller of that sale, not a separate holding statement."""
    sales = [m for m in mentions if m.event_type == "acquisition" and not m.sellers]
    kept = []
    for m in mentions:
        if m.frame == "subsidiary" and m.owners and m.targets:
            # (a sale of several companies keeps the parent of one of them as a holding of its own)
            sale = next((s for s in sales if len(s.targets) == 1 and s.targets[0].start == m.targets[0].start), None)
            if sale is not None:
                sale.sellers = list(m.owners)
                sale.rule += ".apposition_seller"
                continue
        kept.append(m)
    return kept


def gapped_pairs(doc: Doc, sent: Span, m: RawMention, args: list[Arg]) -> list[RawMention]:
    """'Bull a été racheté par Atos, et SFR par Numericable': the second pair shares the verb."""
    if m.rule == "hold.active" and m.owners and m.targets:
        return _gapped_holding(doc, m, args)
    if m.rule not in ("buy.passive", "sell.passive") or not (m.owners or m.sellers):
        return []
    last = max(a.end for a in m.owners + m.sellers)
    rest = [a for a in args if a.start >= last]
    extra = []
    for first, second in zip(rest, rest[1:], strict=False):
        between = doc[last : first.start].text
        if _GAP.match(between) and second.marker == "par" and first.marker in ("bare", "coord"):
            clone = RawMention(m.trigger, m.frame, m.event_type, rule=m.rule + ".gapped")
            clone.targets = [first]
            if m.rule.startswith("buy"):
                clone.owners = [second]
            else:
                clone.sellers = [second]
            extra.append(clone)
            last = second.end
    return extra


_HOLD_GAP = re.compile(r"^\s*,?\s*(?:et|mais|tandis\s+que|alors\s+que)\s*$", re.IGNORECASE)


def _gapped_holding(doc: Doc, m: RawMention, args: list[Arg]) -> list[RawMention]:
    """'Renault détient 43 % de Nissan, et Nissan 15 % de Renault': a second owner, a percent and a
    second company after "et" / "mais" share the verb (no verb of their own in between; the list
    rule may have given the second owner the first target's "de")."""
    last = m.targets[-1].end
    rest = [a for a in args if a.start >= last]
    if len(rest) < 2:
        return []
    owner, target = rest[0], rest[1]
    if not _HOLD_GAP.match(doc[last : owner.start].text) or target.marker != "de":
        return []
    between = doc[owner.end : target.start]
    percent = next((q for q in doc.spans.get(QUANTITIES_KEY, []) if q.label_ == "PERCENT" and owner.end <= q.start and q.end <= target.start and q._.value is not None), None)
    if percent is None or any(t.pos_ in ("VERB", "AUX") for t in between):
        return []
    clone = RawMention(m.trigger, m.frame, m.event_type, rule=m.rule + ".gapped")
    clone.owners, clone.targets = [owner], [target]
    clone.stake, clone.stake_start = float(percent._.value), percent.start_char
    return [clone]
