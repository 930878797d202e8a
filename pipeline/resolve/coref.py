"""Coreference of descriptions and pronouns to the named companies they stand for.

- "l'opérateur", "le fondeur", "l'éditeur": the nearest company before it whose kind fits
  (operator, chipmaker, software), this sentence first, then earlier ones;
- "la société", "le groupe", "la firme", "l'entreprise": the nearest company before it that
  is not already another role of the same event ("L'opérateur possédait 46 % de la société":
  the société is not the opérateur);
- "il", "elle": the owner of the previous event, else the nearest company.
News sources ("signale le journal Les Échos") are never antecedents.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from pipeline.annotate.companies.component import COMPANIES_KEY, NATIONALITIES
from pipeline.extract.args import QUOTES, SEATS_OF_POWER, Arg, _is_source, _not_a_party

GENERIC_KINDS = {"any", "company", "startup", "investor"}
MAX_SENTENCES_BACK = 4
SALIENCE_SENTENCES_BACK = 2


EPITHETS: dict[str, tuple[str, ...]] = {
    k: tuple(v) for k, v in json.loads((Path(__file__).with_name("epithets.json")).read_text(encoding="utf-8"))["epithets"].items()
}
_EPITHET_WORDS = max(len(k.replace("'", "' ").split()) for k in EPITHETS)


def _epithet_after(doc: Doc, end: int) -> str | None:
    """The epithet (a key of EPITHETS) that starts at token ``end``, if any ("au losange")."""
    words: list[str] = []
    for tok in doc[end : min(len(doc), end + _EPITHET_WORDS + 1)]:
        words.append(tok.lower_.replace("’", "'"))
        phrase = "".join(w if w.endswith("'") else w + " " for w in words).strip()
        if phrase in EPITHETS:
            return phrase
    return None


# "ce dernier" (-1: the last named), "le premier" (0) and "le second" (1) of the last two named
ORDINAL_PLACE = {"dernier": -1, "dernière": -1, "premier": 0, "première": 0, "second": 1, "seconde": 1}
# a subordinate clause that opens a sentence: "Lorsqu'il ...", "Après qu'elle ...", "Quand il ..."
SUBORDINATORS = re.compile(r"^(?:lorsqu'|lorsque|quand|après qu'|dès qu'|depuis qu'|puisqu'|parce qu'|alors qu'|bien qu'|avant qu'|s'|si)\s*$")


def _verb(token: Token) -> bool:
    """A verb or auxiliary, not a noun the tagger took for one after its determiner ("l'offre",
    "son offre")."""
    return token.pos_ in ("VERB", "AUX") and not (token.i > 0 and token.nbor(-1).pos_ == "DET")


class Coreference:
    def __init__(self, doc: Doc, named: list[Arg] | None = None) -> None:
        self.doc = doc
        self.companies: list[Span] = [
            s for s in doc.spans.get(COMPANIES_KEY, [])
            if not _is_source(doc, s.start) and not _not_a_party(doc, s.start, s.end) and not SEATS_OF_POWER.match(s.text)
        ]
        # names no list knows ("Capso", "Sorelia") that the extract stage took as parties are
        # antecedents too
        taken = {i for s in self.companies for i in range(s.start, s.end)}
        for arg in named or []:
            family = arg.text.lower().startswith(("famille", "héritiers"))
            if arg.anaphor is None and arg.kind not in ("person",) and not family and not SEATS_OF_POWER.match(arg.text) and not any(i in taken for i in range(arg.start, arg.end)):
                if doc[arg.start : arg.end].text != arg.text:
                    continue  # a relative "qui" standing for its antecedent
                span = Span(doc, arg.start, arg.end)
                span._.kind = "company"
                span._.canonical = None
                self.companies.append(span)
                taken.update(range(arg.start, arg.end))
        self.companies.sort(key=lambda s: s.start)
        # a name keeps the nationality the text gave it once ("le groupe chinois ByteDance" ... "ByteDance")
        self.nationality: dict[str, str] = {}
        for span in self.companies:
            if (found := _described_nationality(doc, span)) is not None:
                self.nationality.setdefault(span.text, found)
        self.sent_index = {s.start: i for i, s in enumerate(doc.sents)}
        self.last_owner: str | None = None
        self.last_owner_sent = -10

    def sentence_of(self, token_i: int) -> int:
        return self.doc[token_i].sent.start

    def resolve(self, arg: Arg, exclude: set[str]) -> tuple[str | None, int | None, str | None]:
        """(name, start_char, canonical hint) for an argument; names pass through unchanged."""
        if arg.anaphor is None:
            return arg.text, arg.start_char, self.hint(arg)
        if arg.anaphor == "description" and (epithet := _epithet_after(self.doc, arg.end)) is not None:
            # "le groupe au losange": the company the epithet names, if the article names it
            named = self._named_as(EPITHETS[epithet], arg.start)
            return (named.text, named.start_char, named._.canonical) if named is not None else (None, None, None)
        if arg.anaphor == "pronoun" and (order := arg.text.lower().split()[-1]) in ORDINAL_PLACE:
            ordinal = self._ordinal(arg, ORDINAL_PLACE[order], exclude)
            return (ordinal.text, ordinal.start_char, ordinal._.canonical) if ordinal is not None else (None, None, None)
        if arg.anaphor == "pronoun" and (named := self._cataphora(arg) or self._reporter(arg, exclude)) is not None:
            return named.text, named.start_char, named._.canonical  # None on the NER's PER spans
        sent_no = self.sent_index.get(self.sentence_of(arg.start), 0)
        if arg.anaphor == "pronoun" and self.last_owner and self.last_owner not in exclude and sent_no - self.last_owner_sent <= 2:
            span = next((s for s in reversed(self.companies) if s.text == self.last_owner and s.start < arg.start), None)
            return self.last_owner, (span.start_char if span is not None else None), (span._.canonical if span is not None else None)
        if arg.anaphor == "pronoun" or ((arg.kind or "any") in GENERIC_KINDS and self.subject_like(arg.start, arg.end)):
            # "Il a racheté ...", "Le groupe a racheté ...": the subject of a sentence before,
            # the company the text is about, rather than the last name read
            found = self._salient(arg, sent_no, exclude)
            if found is not None:
                return found.text, found.start_char, found._.canonical
        span = next(self._antecedents(arg, sent_no, exclude, MAX_SENTENCES_BACK), None)
        return (span.text, span.start_char, span._.canonical) if span is not None else (None, None, None)

    def _named_as(self, names: tuple[str, ...], before: int) -> Span | None:
        """The mention of a company going by one of ``names``: the last before ``before``, else the first after."""
        wanted = {n.lower() for n in names}
        found = [s for s in self.companies if s.text.lower() in wanted or str(s._.canonical or "").lower() in wanted]
        earlier = [s for s in found if s.start < before]
        return earlier[-1] if earlier else (found[0] if found else None)

    def _ordinal(self, arg: Arg, place: int, exclude: set[str]) -> Span | None:
        """"ce dernier": the company named last before it; "le premier" / "le second": the first
        or the second of the last two companies named (within the sentence before)."""
        sent_no = self.sent_index.get(self.sentence_of(arg.start), 0)
        before: list[Span] = []
        for span in reversed(self.companies):
            if span.start >= arg.start or any(b.text == span.text for b in before) or self._in_parenthesis(span):
                continue  # "PSA (Peugeot, Citroën, DS) et Renault": the brands in parentheses are not counted
            if sent_no - self.sent_index.get(self.sentence_of(span.start), 0) > 1:
                break
            before.append(span)
            if len(before) == 2:
                break
        # the names are counted as written, then one the mention already uses is refused
        if place == -1:
            chosen = before[0] if before else None
        else:
            chosen = (before[1] if place == 0 else before[0]) if len(before) == 2 else None
        return chosen if chosen is not None and chosen.text not in exclude else None

    def _in_parenthesis(self, span: Span) -> bool:
        """The span stands inside parentheses of its sentence ("PSA (Peugeot, Citroën)")."""
        sent = span.sent
        opening = next((t.text for t in reversed(self.doc[sent.start : span.start]) if t.text in ("(", ")")), None)
        return opening == "(" and any(t.text == ")" for t in self.doc[span.end : sent.end])

    def _cataphora(self, arg: Arg) -> Span | None:
        """"Lorsqu'il avait racheté X, Y a ...": the subject pronoun of a subordinate clause that
        opens the sentence stands for the subject named right after the clause's comma."""
        doc = self.doc
        sent = doc[arg.start].sent
        if doc[arg.start].lower_ not in ("il", "elle", "ils", "elles") or arg.start - sent.start > 3:
            return None
        opener = doc[sent.start : arg.start].text.lower().replace("’", "'")
        if not SUBORDINATORS.match(opener):
            return None
        comma = next((t.i for t in doc[arg.end : sent.end] if t.text == ","), None)
        if comma is None:
            return None
        j = comma + 1
        while j < sent.end and j - comma <= 4 and not doc[j].text[:1].isupper() and doc[j].pos_ in ("DET", "NOUN", "ADJ"):
            j += 1  # "..., le groupe X", "..., l'américain X"
        named = [s for s in self.companies if s.start == j] + [e for e in doc.ents if e.start == j and e.label_ == "PER"]
        if not named or not any(_verb(t) for t in doc[named[0].end : min(sent.end, named[0].end + 4)]):
            return None
        return named[0]

    def _reporter(self, arg: Arg, exclude: set[str]) -> Span | None:
        """"Walmart a fait savoir qu'il continuait ...": the subject pronoun right after "que"
        stands for the subject of the verb that introduces the clause, named before it in the
        sentence."""
        doc = self.doc
        if doc[arg.start].lower_ not in ("il", "elle", "ils", "elles") or arg.start == 0 or doc[arg.start - 1].lower_ not in ("qu'", "qu’", "que"):
            return None
        sent = doc[arg.start].sent
        que = arg.start - 1
        named = [s for s in self.companies if sent.start <= s.start and s.end <= que] + [e for e in doc.ents if e.label_ == "PER" and sent.start <= e.start and e.end <= que]
        named = [s for s in named if s.text not in exclude and self.subject_like(s.start, s.end) and any(_verb(t) for t in doc[s.end : que])]
        return max(named, key=lambda s: s.start) if named else None

    def _salient(self, arg: Arg, sent_no: int, exclude: set[str]) -> Span | None:
        candidates = self._antecedents(arg, sent_no, exclude, SALIENCE_SENTENCES_BACK)
        return next((span for span in candidates if self.subject_like(span.start, span.end)), None)

    def _antecedents(self, arg: Arg, sent_no: int, exclude: set[str], max_back: int) -> Iterator[Span]:
        """Companies before the argument, nearest first, at most ``max_back`` sentences back, not
        excluded, of a kind that fits a description's kind."""
        kind = arg.kind or "any"
        fits: list[Span] = []
        for span in reversed(self.companies):
            if span.start >= arg.start:
                continue
            if sent_no - self.sent_index.get(self.sentence_of(span.start), 0) > max_back:
                break
            if span.text in exclude or (span._.canonical or span.text) in exclude:
                continue
            if kind not in GENERIC_KINDS and (span._.kind or "company") not in GENERIC_KINDS and span._.kind != kind:
                continue
            fits.append(span)
        # "la société chinoise": the company the text called Chinese ("le groupe chinois
        # ByteDance") first; one it called something else ("Musical.ly, une application
        # américaine") never
        wanted = _nationality(self.doc[arg.start : arg.end]) if arg.anaphor == "description" else None
        if wanted is not None:
            fits = [s for s in fits if self.nationality.get(s.text) == wanted] + [s for s in fits if s.text not in self.nationality]
        yield from fits

    def subject_like(self, start: int, end: int) -> bool:
        """The subject of its clause: the parser says so, or nothing but a description and
        an opening adverbial stands between the sentence start and the name."""
        span = self.doc[start:end]
        if span.root.dep_ in ("nsubj", "nsubj:pass"):
            return True
        sent = self.doc[start].sent
        before = self.doc[sent.start : start]
        if any(_verb(t) for t in before):
            return False
        after = self.doc[end : min(sent.end, end + 4)]
        return any(t.pos_ in ("VERB", "AUX") for t in after) and not any(t.lower_ in ("de", "d'", "du", "des", "à", "au", "par") for t in before[-2:])

    def hint(self, arg: Arg) -> str | None:
        for span in self.companies:
            if span.start_char == arg.start_char:
                return str(span._.canonical) if span._.canonical else None
        return None

    def saw_owner(self, name: str | None, token_i: int) -> None:
        if name:
            self.last_owner = name
            self.last_owner_sent = self.sent_index.get(self.sentence_of(token_i), 0)


def _nationality(tokens: Span) -> str | None:
    """The nationality a phrase states, as a stem that both genders share ("chinois", "chinoise")."""
    word = next((t.lower_ for t in tokens if t.lower_ in NATIONALITIES), None)
    return word[:5] if word is not None else None


def _described_nationality(doc: Doc, span: Span) -> str | None:
    """'le groupe chinois ByteDance', 'l'Américain Pfizer', 'Musical.ly, une application
    américaine': the nationality the text gives a name, right before it or in apposition."""
    sent = span.sent
    before = _nationality(doc[max(sent.start, span.start - 2) : span.start])
    if before is not None:
        return before
    j = span.end
    while j < sent.end and doc[j].text in QUOTES:
        j += 1
    if j < sent.end and doc[j].text == ",":
        return _nationality(doc[j + 1 : min(sent.end, j + 5)])
    return None
