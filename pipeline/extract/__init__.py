"""Extract: triggers + roles -> raw sentence-level mentions (names not yet resolved).

``extract(doc)`` walks the sentences in order and returns one RawMention per trigger that
states an event. Descriptions and pronouns stay as they are written; the resolve stage
maps them to named companies.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from pipeline.extract.args import Arg, candidates
from pipeline.extract.roles import RawMention, assign
from pipeline.extract.triggers import Trigger, find_triggers

__all__ = ["Arg", "RawMention", "Trigger", "extract", "gapped_pairs"]

_GAP = re.compile(r"^\s*,?\s*et\s*$", re.IGNORECASE)


def extract(doc: Doc) -> list[tuple[Span, RawMention]]:
    """Every (sentence, mention) of the Doc, in text order."""
    out: list[tuple[Span, RawMention]] = []
    for sent in doc.sents:
        triggers = find_triggers(sent)
        if not triggers:
            continue
        args = candidates(sent)
        if not args:
            continue
        for trig in triggers:
            mention = assign(doc, sent, trig, args, triggers)
            if mention is None:
                continue
            out.append((sent, mention))
            out.extend((sent, extra) for extra in gapped_pairs(doc, sent, mention, args))
    return out


def gapped_pairs(doc: Doc, sent: Span, m: RawMention, args: list[Arg]) -> list[RawMention]:
    """'Bull a été racheté par Atos, et SFR par Numericable': the second pair shares the verb."""
    if m.rule != "buy.passive" and m.rule != "sell.passive" or not m.owners and not m.sellers:
        return []
    last = max(a.end for a in m.owners + m.sellers)
    rest = [a for a in args if a.start >= last]
    extra = []
    for first, second in zip(rest, rest[1:]):
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
