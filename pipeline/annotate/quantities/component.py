"""Quantity ruler: stakes (PERCENT) and amounts (MONEY) as spans with their value.

Writes ``doc.spans["quantities"]``; each span has ``span._.value`` (percent or amount in
units, None for "majoritaire") and ``span._.currency`` (ISO code for MONEY).
Example: "80 M€" -> MONEY 80000000.0 EUR; "la moitié" -> PERCENT 50.0.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.annotate.quantities.patterns import (
    CURRENCIES,
    MONEY_RE,
    PERCENT_RE,
    SCALES,
    WORD_STAKE_RE,
    WORD_STAKES,
    parse_number,
)

QUANTITIES_KEY = "quantities"

for _name in ("value", "currency"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


def find_quantities(doc: Doc) -> list[Span]:
    text = doc.text
    found: list[tuple[int, int, str, float | None, str | None]] = []
    for m in MONEY_RE.finditer(text):
        scale = SCALES.get((m.group(3) or "").lower().rstrip("."), 1.0)
        amount = parse_number(m.group(1), m.group(2)) * scale
        found.append((m.start(), m.end(), "MONEY", amount, CURRENCIES[m.group(4).lower()]))
    for m in PERCENT_RE.finditer(text):
        found.append((m.start(), m.end(), "PERCENT", parse_number(m.group(1), m.group(2)), None))
    for m in WORD_STAKE_RE.finditer(text):
        found.append((m.start(), m.end(), "PERCENT", WORD_STAKES[m.group(1).lower()], None))
    spans: list[Span] = []
    taken: set[int] = set()
    for start, end, label, value, currency in sorted(found, key=lambda f: (f[0], -(f[1] - f[0]))):
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is None or any(t.i in taken for t in span):
            continue
        span._.value = value
        span._.currency = currency
        taken.update(t.i for t in span)
        spans.append(span)
    return spans


@Language.component("rachat_quantities")
def quantities_component(doc: Doc) -> Doc:
    doc.spans[QUANTITIES_KEY] = find_quantities(doc)
    return doc
