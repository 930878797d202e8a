"""Token-classification label schemes (IO, BIO/IOB2, IOB1, BIOES/BILOU) decoded to entity spans.

Checkpoints obtained elsewhere name their labels in many ways: ``B-ORG``/``I-ORG`` (CoNLL),
``I-ORG`` alone (IO, as in camembert-ner), ``B-Organization`` (WiNER-style), ``S-ORG``/``E-ORG``
(BIOES) or ``U-ORG``/``L-ORG`` (BILOU). :func:`parse_label` reduces each to a (prefix, type) pair
and maps every type naming an organisation (ORG, Organization, Organisation) to ``ORG``;
:func:`decode_tags` turns one tag per word into spans of words. Pure Python: no torch here.

Example: the words of "Orange rachète Cloudwatt" tagged ``B-ORG O I-ORG`` decode to two ORG spans,
"Orange" and "Cloudwatt" (an I- tag after O opens a span, as in IOB1).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

ORG = "ORG"
OUTSIDE = "O"
_OUTSIDE_NAMES = {"O", "OUTSIDE", "NONE", "0"}
_PREFIXED = re.compile(r"^(?P<prefix>[BIESLU])[-_](?P<type>.+)$", re.IGNORECASE)
_SUFFIXED = re.compile(r"^(?P<type>.+)[-_](?P<prefix>[BIESLU])$", re.IGNORECASE)
# BILOU letters in the BIOES alphabet
_PREFIX_ALIASES = {"L": "E", "U": "S"}


def entity_type(name: str) -> str:
    """The entity type of a label's type part; every spelling of organisation becomes ``ORG``.

    >>> entity_type("Organization"), entity_type("organisation"), entity_type("PER")
    ('ORG', 'ORG', 'PER')
    """
    upper = name.strip().upper()
    if "ORG" in upper:
        return ORG
    return upper


@dataclass(frozen=True)
class Tag:
    """One decoded label: ``prefix`` in B, I, E, S or O, and its entity type ('' for O)."""

    prefix: str
    type: str


def parse_label(label: str) -> Tag:
    """``B-ORG`` -> Tag('B', 'ORG'); ``I-Organization`` -> Tag('I', 'ORG'); ``ORG`` (IO) -> Tag('I', 'ORG').

    >>> parse_label("U-Organisation")
    Tag(prefix='S', type='ORG')
    """
    raw = label.strip()
    if raw.upper() in _OUTSIDE_NAMES:
        return Tag(OUTSIDE, "")
    for pattern in (_PREFIXED, _SUFFIXED):
        match = pattern.match(raw)
        if match:
            prefix = match.group("prefix").upper()
            return Tag(_PREFIX_ALIASES.get(prefix, prefix), entity_type(match.group("type")))
    return Tag("I", entity_type(raw))


def parse_label_map(id2label: Mapping[int, str] | Mapping[str, str]) -> dict[int, Tag]:
    """A checkpoint's ``config.id2label`` (keys may be strings after a JSON round trip) parsed."""
    return {int(k): parse_label(v) for k, v in id2label.items()}


@dataclass(frozen=True)
class WordSpan:
    """Words ``[start, end)`` of one entity of type ``label``, with the mean probability of its tags."""

    start: int
    end: int
    label: str
    score: float


def decode_tags(tags: Sequence[Tag], probs: Sequence[float] | None = None) -> list[WordSpan]:
    """Spans of words from one tag per word, leniently: an I- or E- tag that cannot continue opens a span.

    B and S always open a span; I and E continue the open span of the same type; E and S close it;
    O closes it. So IO, IOB1, IOB2 and BIOES sequences all decode without a repair step.
    """
    scores = list(probs) if probs is not None else [1.0] * len(tags)
    spans: list[WordSpan] = []
    open_start: int | None = None
    open_type = ""

    def close(end: int) -> None:
        nonlocal open_start
        if open_start is not None:
            window = scores[open_start:end]
            spans.append(WordSpan(open_start, end, open_type, sum(window) / len(window)))
        open_start = None

    for i, tag in enumerate(tags):
        if tag.prefix == OUTSIDE:
            close(i)
            continue
        continues = open_start is not None and open_type == tag.type and tag.prefix in ("I", "E")
        if not continues:
            close(i)
            open_start, open_type = i, tag.type
        if tag.prefix in ("E", "S"):
            close(i + 1)
    close(len(tags))
    return spans
