"""Trigger lexicon: the words and phrases that can state an ownership event.

The vocabulary is data (``lexicon.jsonl``): each entry has a lemma, a ``regex`` over one
token's lowercase form or a ``phrase`` regex over the sentence text, its part of speech
and its frame (buy, sell, hold, shareholder, subsidiary, parent, invest, raise, merge).
Example: "Orange a mis la main sur Cloudwatt" -> trigger "mis la main sur", frame buy.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Span

HERE = Path(__file__).parent
FRAME_TYPES = {
    "buy": "acquisition",
    "sell": "acquisition",
    "hold": "holding",
    "shareholder": "holding",
    "subsidiary": "holding",
    "parent": "holding",
    "belong": "holding",
    "invest": "investment",
    "raise": "investment",
    "merge": "merger",
    "join": "acquisition",  # "Gameloft tombe dans l'escarcelle de Vivendi"
    "bid": "acquisition",  # "l'OPA de Vivendi sur Gameloft"
}


# verb forms that are also nouns: after a determiner, the noun reading wins
NOUN_HOMOGRAPHS = {"contrôler", "détenir", "posséder"}


@dataclass(frozen=True)
class LexEntry:
    lemma: str
    frame: str
    nominal: bool
    token_re: re.Pattern[str] | None
    phrase_re: re.Pattern[str] | None


@dataclass(frozen=True)
class Trigger:
    start: int  # token index in the Doc
    end: int
    text: str
    lemma: str
    frame: str
    nominal: bool


@lru_cache(maxsize=1)
def load_lexicon() -> tuple[LexEntry, ...]:
    entries = []
    for line in (HERE / "lexicon.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        if rec["frame"] not in FRAME_TYPES:
            raise ValueError(f"lexicon.jsonl: unknown frame {rec['frame']!r} for {rec['lemma']!r}")
        entries.append(
            LexEntry(
                rec["lemma"],
                rec["frame"],
                rec["pos"] == "NOUN",
                re.compile(rec["regex"]) if "regex" in rec else None,
                re.compile(rec["phrase"], re.IGNORECASE) if "phrase" in rec else None,
            )
        )
    return tuple(entries)


@lru_cache(maxsize=2)
def _readings(noun_first: bool) -> tuple[LexEntry, ...]:
    """The single-token entries, noun readings first or verb readings first (sorted once)."""
    return tuple(sorted((e for e in load_lexicon() if e.token_re is not None), key=lambda e: e.nominal != noun_first))


@lru_cache(maxsize=1)
def _any_reading() -> re.Pattern[str]:
    """All single-token patterns in one: most tokens match none, and one test rules them out."""
    return re.compile("|".join(f"(?:{e.token_re.pattern})" for e in load_lexicon() if e.token_re is not None))


def find_triggers(sent: Span) -> list[Trigger]:
    """Every trigger of a sentence, phrases first (they win over the single words inside them)."""
    doc = sent.doc
    found: list[Trigger] = []
    taken: set[int] = set()
    text = sent.text.replace("’", "'")
    for entry in load_lexicon():
        if entry.phrase_re is None:
            continue
        for m in entry.phrase_re.finditer(text):
            span = doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
            if span is None or any(t.i in taken for t in span):
                continue
            taken.update(t.i for t in span)
            found.append(Trigger(span.start, span.end, span.text, entry.lemma, entry.frame, entry.nominal))
    for tok in sent:
        if tok.i in taken or tok.pos_ in ("PROPN", "PUNCT", "NUM") or tok.text[:1].isupper() and tok.i != sent.start:
            continue
        low = tok.lower_.replace("’", "'")
        if low == "reprises" and tok.i - 2 >= sent.start and doc[tok.i - 2].lower_ == "à":
            continue  # "à plusieurs reprises", "à maintes reprises": several times, no takeover
        if not _any_reading().match(low):
            continue
        # a noun reading first for nouns ("reprise", "acquisition"), a verb reading first otherwise
        for entry in _readings(tok.pos_ == "NOUN"):
            if entry.token_re is not None and entry.token_re.match(low):
                if (
                    not entry.nominal
                    and tok.pos_ == "NOUN"
                    and tok.i > sent.start
                    and (doc[tok.i - 1].pos_ in ("DET", "NUM") or doc[tok.i - 1].like_num or doc[tok.i - 1].lower_ in ("sous", "en", "de", "du", "d'"))
                    and entry.lemma in NOUN_HOMOGRAPHS
                ):
                    break  # "un contrôle de l'État", "les deux détenus", "sous contrôle chinois": a noun, not the verb
                found.append(Trigger(tok.i, tok.i + 1, tok.text, entry.lemma, entry.frame, entry.nominal))
                taken.add(tok.i)
                break
    return sorted(found, key=lambda t: t.start)
