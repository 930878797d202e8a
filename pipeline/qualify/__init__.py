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

from spacy.tokens import Doc, Span, Token

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


CONDITIONAL_RE = re.compile(r"\w(?:rait|raient)$", re.IGNORECASE)
# a closing word that is not a closing: an agreement towards a deal, a closing to come
NOT_CLOSED_RE = re.compile(
    r"accord\s+(?:pour|en\s+vue)|en\s+vue\s+d|doi\w+\s+(?:encore\s+)?[êe]tre\s+finalis|ser(?:a|ont)\s+(?:\w+\s+)?(?:finalis|effecti|conclu|boucl|r[ée]alis)",
    re.IGNORECASE,
)
CLAUSE_BREAKS = {"tandis", "alors", "mais", ";", "cependant", "pourtant", "contrairement"}
DEAL_NOUN_RE = re.compile(
    r"\b(?:le|la|l'|ce|cette|leur|son|sa)\s*(?:rachat|acquisition|op[ée]ration|transaction|cession|fusion|reprise|vente|accord|deal|mariage|rapprochement|offre)\b",
    re.IGNORECASE,
)


def in_update(doc: Doc, sent: Span) -> bool:
    """The sentence is in an update paragraph ("[MàJ 8 décembre] Le rachat est finalisé. ...")."""
    line_start = doc.text.rfind("\n", 0, sent.start_char) + 1
    return bool(UPDATE_RE.match(doc.text[line_start : sent.end_char]))


def scope(doc: Doc, sent: Span, mention: RawMention, others: list[RawMention] | None = None) -> Span:
    """The clause of the trigger: cues of another trigger's clause do not apply to it.

    "Mavrek a bouclé le rachat de X, tandis que Solari a renoncé à acquérir Y": "renoncé"
    scopes over the second trigger only.
    """
    lo, hi = sent.start, sent.end
    for other in others or []:
        if other.trigger.start == mention.trigger.start:
            continue
        if other.trigger.end <= mention.trigger.start and other.frame not in ("hold", "shareholder", "subsidiary", "parent", "belong"):
            lo = max(lo, other.trigger.end)
        elif other.trigger.start >= mention.trigger.end and other.frame not in ("hold", "shareholder", "subsidiary", "parent", "belong"):
            hi = min(hi, other.trigger.start)
    for tok in doc[lo : mention.trigger.start]:
        if tok.lower_ in CLAUSE_BREAKS or (_opens_relative(tok) and not mention.trigger.nominal):
            lo = tok.i
    lo = _after_closed_completive(doc, lo, mention.trigger.start)
    fronted = FRONTED_CLAUSE.match(doc[sent.start : min(sent.end, sent.start + 3)].text.replace("’", "'"))
    for tok in doc[mention.trigger.end : hi]:
        if tok.lower_ in CLAUSE_BREAKS or _new_coordinated_verb(doc, tok, hi) or (fronted and tok.text == ","):
            hi = tok.i  # "Lorsqu'il a racheté X en 2010, Y a lancé une offre": the main clause is another
            break
    return _within_parenthesis(doc, lo, hi, mention.trigger.start)


# a subordinate clause of time or cause that opens the sentence; its comma closes it
FRONTED_CLAUSE = re.compile(r"^(?:lorsqu'|lorsque|quand|après qu'|dès qu'|depuis qu'|puisqu'|parce qu'|bien qu'|avant qu')", re.IGNORECASE)


def _within_parenthesis(doc: Doc, lo: int, hi: int, trigger: int) -> Span:
    """"X (une start-up, rachetée par Y), dit qu'il pourrait ...": a trigger inside a parenthesis
    has the parenthesis for its clause."""
    opened = [t.i for t in doc[lo:trigger] if t.text == "("]
    if opened and not any(t.text == ")" for t in doc[opened[-1] : trigger]):
        close = next((t.i for t in doc[trigger:hi] if t.text == ")"), None)
        if close is not None:
            return doc[opened[-1] + 1 : close]
    return doc[lo:hi]


def _new_coordinated_verb(doc: Doc, tok: Token, hi: int) -> bool:
    """"a acquis 25 % des parts et en deviendra le directeur": "et" before another finite verb
    (past a clitic) begins a clause of its own."""
    if tok.lower_ != "et":
        return False
    j = tok.i + 1
    while j < hi and j - tok.i <= 3 and doc[j].lower_ in ("en", "y", "le", "la", "les", "l'", "l’", "ne", "n'", "n’", "se", "s'", "s’"):
        j += 1
    return j < hi and doc[j].pos_ in ("VERB", "AUX") and "Fin" in doc[j].morph.get("VerbForm", [])


def _after_closed_completive(doc: Doc, lo: int, trigger: int) -> int:
    """"Après avoir dit qu'il s'opposait à un rachat, Trump s'est déclaré favorable à une
    acquisition par X": a "que" (or "qui": "dans un mouvement qui serait passé inaperçu, X a
    annoncé ...") clause closed by a comma before the trigger's own verb is another clause; its
    cues say nothing of this trigger."""
    for que in reversed([t.i for t in doc[lo:trigger] if t.lower_ in ("que", "qu'", "qu’", "qui")]):
        commas = [t.i for t in doc[que:trigger] if t.text == ","]
        if commas and any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", []) for t in doc[commas[-1] + 1 : trigger]):
            return commas[-1]
    return lo


# "si X achète Y", "s'ils acquièrent": a condition, not a fact; "même si" concedes a fact
HYPOTHESIS_RE = re.compile(r"(?<!même )\b(?:si|s'ils?|s’ils?)(?:\s+\S+){0,4}\s*$", re.IGNORECASE)


def _opens_relative(tok: Token) -> bool:
    """", qu'il a acquis en 2009": a relative clause after a comma is a clause of its own, so
    "Candidat à la reprise de X, le groupe ..." does not make its verb pending."""
    return tok.lower_ in ("qui", "qu'", "qu’", "que", "dont") and tok.i > 0 and tok.nbor(-1).text == ","


def cues_in(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for status, pattern in load_cues():
        m = pattern.search(text)
        if m:
            found.setdefault(status, m.group(0))
    return found


def qualify(doc: Doc, sent: Span, mention: RawMention, others: list[RawMention] | None = None) -> Qualification:
    """Status of one mention from the cues in the clause of its trigger."""
    update = in_update(doc, sent)
    if mention.event_type == "holding":
        return Qualification(None, None, False, update)
    clause = scope(doc, sent, mention, others)
    text = clause.text.replace("’", "'")
    found = cues_in(text)
    trigger = doc[mention.trigger.start]
    mood = trigger.morph.get("Mood", []) + _aux_moods(doc, mention)
    # a phrase's verb may not be its first word: "s'emparerait", "prendrait le contrôle"
    conditional = next((t for t in doc[mention.trigger.start : mention.trigger.end] if "Cnd" in t.morph.get("Mood", []) or CONDITIONAL_RE.search(t.text)), None)
    if "Cnd" in mood or conditional is not None:
        found.setdefault("rumored", (conditional if conditional is not None else trigger).text)
    if re.search(r"\bsi\s+\S+\s+\w+ait\b", text, re.IGNORECASE) and re.search(r"ait$", trigger.text):
        found.setdefault("rumored", "si + imparfait")  # "Et si X rachetait Y ?"
    if re.match(r"\s*«?\s*et\s+si\b", sent.text, re.IGNORECASE):
        found.setdefault("rumored", "et si")  # "Et si le projet de fusion entre X et Y ...": a question the press asks
    if HYPOTHESIS_RE.search(doc[clause.start : mention.trigger.start].text) and "rumored" not in found:
        # "si Microsoft achète TikTok": a deal not done yet; "si Mélenchon rachetait ...": a guess
        found.setdefault("rumored" if re.search(r"(?:ait|aient)$", trigger.text) else "pending", "si")
    if "Fut" in trigger.morph.get("Tense", []) and "rumored" not in found:
        found.setdefault("pending", trigger.text)
    window = doc[max(sent.start, mention.trigger.start - 4) : mention.trigger.end + 2].text
    if NEGATION_RE.search(window):
        found["cancelled"] = "négation"
    if "completed" in found and "pending" in found and NOT_CLOSED_RE.search(text):
        # "a finalisé un accord en vue d'acquérir", "doit encore être finalisé", "sera finalisée
        # en mars": not closed
        found.pop("completed")
    if "completed" in found and "pending" in found:
        # "le rachat, annoncé en mars, a été finalisé": the closing is the newer fact
        found.pop("pending")
    for status in ORDER:
        if status in found:
            return Qualification(status, found[status], True, update)
    past = "Past" in trigger.morph.get("Tense", []) or any(
        t.lower_ in ("a", "ont", "avait", "avaient", "est", "sont") for t in doc[max(sent.start, mention.trigger.start - 3) : mention.trigger.start]
    )
    return Qualification("completed", None, past and not mention.trigger.nominal, update)


DENIAL_RE = re.compile(r"\bn'(?:est|était)\s+(?:pas|plus)\s+[àa]\s+vendre\b|\bd[ée]ment\w*|\bd[ée]menti\b", re.IGNORECASE)


@dataclass(frozen=True)
class StatusStatement:
    """A sentence that states the status of "the deal" without naming it again:
    "[MàJ] Le rachat est finalisé.", "L'opération a été abandonnée.", or a denial about a
    company: "Ubisoft n'est pas à vendre." (``about``: the names it applies to, empty = any)."""

    sentence_start: int
    status: str
    cue: str
    update: bool
    about: tuple[str, ...] = ()


def status_statements(doc: Doc, mention_sentences: set[int]) -> list[StatusStatement]:
    out = []
    for sent in doc.sents:
        if sent.start_char in mention_sentences:
            continue
        text = sent.text.replace("’", "'")
        denial = DENIAL_RE.search(text)
        if denial:
            names = tuple(span.text for span in doc.spans.get("companies", []) if sent.start <= span.start < sent.end)
            if names:
                out.append(StatusStatement(sent.start_char, "cancelled", denial.group(0), in_update(doc, sent), names))
                continue
        if not DEAL_NOUN_RE.search(text):
            continue
        found = cues_in(text)
        if "completed" in found and NOT_CLOSED_RE.search(text):
            found.pop("completed")  # "la cession sera finalisée en mars" closes nothing yet
        for status in ("cancelled", "completed"):
            if status in found:
                out.append(StatusStatement(sent.start_char, status, found[status], in_update(doc, sent)))
                break
    return out


def _aux_moods(doc: Doc, mention: RawMention) -> list[str]:
    """Mood of the auxiliary or modal governing the trigger ("aurait racheté", "pourrait céder")."""
    moods: list[str] = []
    start = max(0, mention.trigger.start - 4)
    for tok in doc[start : mention.trigger.start]:
        if tok.pos_ in ("AUX", "VERB"):
            moods.extend(tok.morph.get("Mood", []))
    return moods
