"""Qualify: the status a sentence gives its event (completed, pending, rumored, cancelled).

ConText-style cues as data (``cues.jsonl``): regular expressions per status, scoped to the
sentence; the conditional mood of the trigger (from the morphologizer) marks a rumor, its
future tense a pending deal, a negation of the trigger a cancelled one. When cues of
several statuses meet in one sentence the strongest reading wins: cancelled > rumored >
pending > completed, except that "finalisé un accord en vue d'acquérir" stays pending
(an agreement, not a closing). Holdings have no status.

Examples: "Vivendi rachèterait Ubisoft" -> rumored; "projet de rachat" -> pending;
"Bouygues renonce à SFR" -> cancelled; "le rachat est finalisé" -> completed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span

from pipeline.extract import RawMention

HERE = Path(__file__).parent
ORDER = ("cancelled", "rumored", "pending", "completed")
UPDATE_RE = re.compile(r"^\s*[\[(]?\s*(m[àa]j|mise\s+[àa]\s+jour|update|actualisation)\b", re.IGNORECASE)
NEGATION_RE = re.compile(r"\b(ne|n')\s*(?:\w+\s+){0,2}?(pas|plus|jamais)\b|\bpas\s+question\b", re.IGNORECASE)


@dataclass(frozen=True)
class Qualification:
    status: str | None
    cue: str | None
    explicit: bool  # a cue or a past-tense verb stated it; otherwise a default
    update: bool  # the sentence is an update ("[MàJ] ..."), the latest statement of the article


@lru_cache(maxsize=1)
def load_cues() -> tuple[tuple[str, re.Pattern[str]], ...]:
    cues = []
    for line in (HERE / "cues.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            cues.append((rec["status"], re.compile(rec["regex"], re.IGNORECASE)))
    return tuple(cues)


def qualify(doc: Doc, sent: Span, mention: RawMention) -> Qualification:
    """Status of one mention from the cues of its sentence."""
    update = bool(UPDATE_RE.match(sent.text))
    if mention.event_type == "holding":
        return Qualification(None, None, False, update)
    text = sent.text.replace("’", "'")
    found: dict[str, str] = {}
    for status, pattern in load_cues():
        m = pattern.search(text)
        if m:
            found.setdefault(status, m.group(0))
    trigger = doc[mention.trigger.start]
    mood = trigger.morph.get("Mood") + _aux_moods(doc, mention)
    if "Cnd" in mood:
        found.setdefault("rumored", trigger.text)
    if "Fut" in trigger.morph.get("Tense") and "rumored" not in found:
        found.setdefault("pending", trigger.text)
    window = doc[max(sent.start, mention.trigger.start - 4) : mention.trigger.end + 2].text
    if NEGATION_RE.search(window):
        found["cancelled"] = "négation"
    if "completed" in found and "pending" in found and re.search(r"accord|en\s+vue", text, re.IGNORECASE):
        found.pop("completed")
    if "completed" in found and "pending" in found:
        # "le rachat, annoncé en mars, a été finalisé": the closing is the newer fact
        found.pop("pending")
    for status in ORDER:
        if status in found:
            return Qualification(status, found[status], True, update)
    past = "Past" in trigger.morph.get("Tense") or any(
        t.lower_ in ("a", "ont", "avait", "avaient", "est", "sont") for t in doc[max(sent.start, mention.trigger.start - 3) : mention.trigger.start]
    )
    return Qualification("completed", None, past and not mention.trigger.nominal, update)


def _aux_moods(doc: Doc, mention: RawMention) -> list[str]:
    """Mood of the auxiliary or modal governing the trigger ("aurait racheté", "pourrait céder")."""
    moods: list[str] = []
    start = max(0, mention.trigger.start - 4)
    for tok in doc[start : mention.trigger.start]:
        if tok.pos_ in ("AUX", "VERB"):
            moods.extend(tok.morph.get("Mood"))
    return moods
