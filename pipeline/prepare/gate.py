"""The lexical gate: which sentences of an article can state an ownership event at all.

Parsing is the cost of the pipeline (fr_core_news_md: a few thousand words a second on one
core), while a compiled regular expression scans millions of characters a second. Most
sentences of a news dump cannot hold an ownership event, so the gate looks, before the parser,
for sentences that hold

- a **trigger form**: a word or phrase of the trigger lexicon (``rachète``, ``acquisition``,
  ``a pris le contrôle``, ``détient``, ``filiale``, ``levée de fonds`` ...) matched on the
  surface forms, not lemmas, since there are no lemmas yet; and
- a **company cue** in it or in the sentence before: a word with a capital letter
  (``Orange``, ``Numericable-SFR``, ``l'Oréal``) unless it is a word that opens sentences by
  grammar (``Le``, ``Il``, ``Selon``: ``resources/gate_openers.json``), or a company name of
  the gazetteer written in lower case (``a16z``).

"Orange a racheté la société." is a hit; "Les ventes de smartphones ont reculé." has a trigger
form (``ventes``) but no company cue; "Il pleut sur Paris." has no trigger form. Like the
extractor, the gate takes a capitalised word for a name, not a trigger ("Cédric" is no form of
"céder"), unless it opens its sentence ("Rachat de Cloudwatt par Orange").

A hit is parsed with the context it needs: when it holds a pronoun ("il", "elle") or a company
description ("la société", "l'opérateur"), the sentence before it too (coreference: "L'opérateur
possédait 46 % de la société" needs the company named before); a hit that names its companies
is parsed alone. Update lines ("[MàJ] ...") are kept with the sentence after them. Measured on
the gold (docs/BENCHMARKS.md): this loses no event against parsing everything, while a wider
context (two sentences before, the headline) only parses more. Everything else is blanked:
:func:`blank` returns a text of the same length in which every character outside the kept
spans is a space and each blanked gap ends with a line break. So the character offsets of the
parsed Doc are offsets into the full article text, with no mapping back; the tokenizer turns a
blanked gap into a single whitespace token, and the line break makes the kept sentence after
it start a new sentence (``rachat_line_sentences``). An article without a hit is not parsed at
all.

The gate is built from data: :meth:`Gate.from_lexicon` takes the entries of the trigger lexicon
(``pipeline/extract/triggers/lexicon.jsonl``: a ``regex`` over one lowercase token, or a
``phrase`` regex over the sentence), the company names and the description nouns; the engine
passes them in (``pipeline.engine.gating``), so this module imports no later stage.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

# Sentence boundaries, cheaply: a line break, or whitespace after final punctuation (and the
# closing quote or bracket that may follow it). Abbreviations ("M. Dupont") split too early;
# the context window around a hit makes up for it.
_BOUNDARY = re.compile(r"[ \t\r\f\v]*\n\s*|(?<=[.!?…])[\"»”')\]]*\s+")
# A word that starts with a capital letter ("Orange", "SFR", "Numericable"), or with one or two
# small letters before it ("eBay", "iPhone"); a looser "any capital anywhere" scans every word.
_CAPITALISED = re.compile(r"\b(?:[A-ZÀ-ÖØ-ÞŒ]|[a-z]{1,2}[A-Z])\w*")
# An update line: "[MàJ 14h] ...", "Mise à jour : ...", "Update: ...".
_UPDATE = re.compile(r"\s*[\[(]?\s*(?:m[àa]j|mise\s+[àa]\s+jour|update|actualisation)\b", re.IGNORECASE)
_APOSTROPHE = re.compile(r"'|’")
_WORD = re.compile(r"\w+")
RESOURCES = Path(__file__).parent / "resources"
# Words remembered by the trigger-word memo before it starts afresh (bounded memory).
MEMO_SIZE = 200_000


@dataclass(frozen=True)
class GateDecision:
    """What the gate kept of one text: character spans, sorted and disjoint."""

    spans: tuple[tuple[int, int], ...]
    n_sentences: int
    n_hits: int
    n_kept: int

    @property
    def kept_chars(self) -> int:
        return sum(end - start for start, end in self.spans)


def _opens_sentence(text: str, pos: int, sentence_starts: list[int] | None) -> bool:
    """Whether the word at ``pos`` is the first word of its sentence (quotes and dashes before it allowed)."""
    if sentence_starts is None:
        start = 0
    else:
        i = bisect.bisect_right(sentence_starts, pos) - 1
        start = sentence_starts[i] if i >= 0 else 0
    return not _WORD.search(text, start, pos)


@cache
def sentence_openers() -> frozenset[str]:
    """Lowercase words that open sentences by grammar ("le", "il", "selon"): not company cues."""
    data = json.loads((RESOURCES / "gate_openers.json").read_text(encoding="utf-8"))
    return frozenset(str(w) for w in data["openers"])


def _word_regex(pattern: str) -> str:
    """A lexicon regex over one whole token (``^acquisitions?$``), unanchored for ``fullmatch``."""
    if pattern.startswith("^"):
        pattern = pattern[1:]
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1]
    return pattern


def blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` cut after the last span, with every character outside ``spans`` blanked.

    A gap becomes spaces ending with a line break (same length, so offsets hold):
    ``blank("A rachète B. Il pleut. C cède D.", [(0, 12), (23, 32)])``
    -> ``"A rachète B.          \\nC cède D."``.
    """
    out: list[str] = []
    pos = 0
    for start, end in spans:
        if start > pos:
            # keep the gap's own line breaks (line-based sentence rules still see them)
            lines = text[pos:start].split("\n")
            filled = "\n".join(" " * len(line) for line in lines)
            if not filled.endswith("\n"):
                filled = filled[:-1] + "\n"
            out.append(filled)
        out.append(text[start:end])
        pos = end
    return "".join(out)


class Gate:
    """Decides, from surface forms only, which spans of an article reach the parser.

    ``before`` / ``after``: sentences of context kept around a hit; with ``descriptions`` (the
    nouns of "la société", "l'opérateur"), only around a hit that holds a pronoun or a
    description. ``cue_before`` / ``cue_after``: how far from the trigger sentence a company cue
    may be. ``keep_first``: always parse the first sentence (headline) of an article with a hit.
    The defaults are those measured on the gold (docs/BENCHMARKS.md).
    """

    def __init__(
        self,
        word_patterns: Iterable[str],
        phrase_patterns: Iterable[str] = (),
        company_names: Iterable[str] = (),
        *,
        before: int = 1,
        after: int = 0,
        cue_before: int = 1,
        cue_after: int = 0,
        keep_first: bool = False,
        descriptions: Iterable[str] | None = None,
    ) -> None:
        words = [p for p in word_patterns]
        phrases = [_APOSTROPHE.sub("['’]", p) for p in phrase_patterns]
        if not words and not phrases:
            raise ValueError("the gate needs at least one trigger pattern")
        # one lowercase word against the word patterns: an alternation of ~30 regexes tried at
        # every character is slow (1 MB/s), so words are looked up in a memo instead
        self.word_re = re.compile("|".join(f"(?:{p})" for p in words)) if words else None
        self.phrase_re = re.compile("|".join(f"(?:{p})" for p in phrases), re.IGNORECASE) if phrases else None
        self._memo: dict[str, bool] = {}
        self._finders: dict[str, re.Pattern[str]] = {}
        # gazetteer names without a capital letter are cues too ("a16z", "vente-privee.com")
        lower = sorted({n for n in company_names if n and not any(ch.isupper() for ch in n)}, key=len, reverse=True)
        self.lower_names = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in lower)) if lower else None
        self.before, self.after = before, after
        self.cue_before, self.cue_after = cue_before, cue_after
        self.keep_first = keep_first
        # with descriptions, a hit keeps its context only when it needs one: a pronoun ("il",
        # "elle", "ce dernier") or a description ("la société", "l'opérateur") that names a company said before
        self.anaphora: re.Pattern[str] | None = None
        if descriptions is not None:
            nouns = sorted({_APOSTROPHE.sub("['’]", re.escape(d.lower())) for d in descriptions if d}, key=len, reverse=True)
            described = rf"\b(?:le|la|l['’]|ce|cette)\s*(?:{'|'.join(nouns)})\b" if nouns else None
            # "ce dernier", "le premier", "la seconde": a company named before, by its order
            ordinal = r"|\b(?:ce\s+dernier|cette\s+derni[èe]re|le\s+premier|la\s+premi[èe]re|le\s+second|la\s+seconde)\b"
            self.anaphora = re.compile(r"\b(?:il|elle)\b" + ordinal + (f"|{described}" if described else ""), re.IGNORECASE)

    def is_trigger_word(self, word: str) -> bool:
        """Whether one word (``"rachète"``, ``"Acquisitions"``) is a trigger form of the lexicon."""
        known = self._memo.get(word)
        if known is None:
            known = self.word_re is not None and self.word_re.fullmatch(word.lower().replace("’", "'")) is not None
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            self._memo[word] = known
        return known

    def trigger_starts(self, text: str, sentence_starts: list[int] | None = None) -> list[int]:
        """Character offsets of the trigger forms of ``text`` (words, then phrases).

        As in the extractor, a capitalised word is a name, not a trigger, unless it opens its
        sentence: "Cédric" is not a form of "céder", "Rachat" in "Rachat de Cloudwatt" is a trigger.
        """
        memo = self._memo
        # the distinct words first (C speed), then the few trigger words are located
        found = [w for w in set(_WORD.findall(text)) if memo.get(w) or (w not in memo and self.is_trigger_word(w))]
        starts = []
        for word in found:
            finder = self._finders.get(word)
            if finder is None:
                if len(self._finders) >= MEMO_SIZE:
                    self._finders.clear()
                finder = self._finders[word] = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")
            for m in finder.finditer(text):
                if not word[0].isupper() or _opens_sentence(text, m.start(), sentence_starts):
                    starts.append(m.start())
        if self.phrase_re is not None:
            starts.extend(m.start() for m in self.phrase_re.finditer(text))
        return starts

    @classmethod
    def from_lexicon(cls, entries: Iterable[Mapping[str, object]], company_names: Iterable[str] = (), **context: Any) -> Gate:
        """A gate from trigger lexicon entries (``{"regex": ...}`` or ``{"phrase": ...}``)."""
        words = [_word_regex(str(e["regex"])) for e in entries if isinstance(e.get("regex"), str)]
        phrases = [str(e["phrase"]) for e in entries if isinstance(e.get("phrase"), str)]
        return cls(words, phrases, company_names, **context)

    @staticmethod
    def sentences(text: str) -> list[tuple[int, int]]:
        """Cheap sentence spans (start, end) of ``text``: no parser, no tokenizer."""
        out: list[tuple[int, int]] = []
        pos = 0
        for m in _BOUNDARY.finditer(text):
            if m.start() > pos:
                out.append((pos, m.start()))
            pos = m.end()
        if pos < len(text):
            out.append((pos, len(text)))
        return out

    def _has_cue(self, text: str, start: int, end: int) -> bool:
        """Whether the sentence ``text[start:end]`` names a company: "Orange ...", "... par Atos", "a16z"."""
        for m in _CAPITALISED.finditer(text, start, end):
            # the first word of a sentence is capitalised by grammar: a cue only if not a mere opener
            if _WORD.search(text, start, m.start()) or m.group().lower() not in sentence_openers():
                return True
        return self.lower_names is not None and self.lower_names.search(text, start, end) is not None

    def decide(self, text: str) -> GateDecision:
        """The spans of ``text`` to parse; no span when no sentence can hold an event."""
        sents = self.sentences(text)
        if not sents:
            return GateDecision((), 0, 0, 0)
        starts = [s for s, _ in sents]
        n = len(sents)
        triggered = [False] * n
        for start in self.trigger_starts(text, starts):
            triggered[bisect.bisect_right(starts, start) - 1] = True
        if not any(triggered):
            return GateDecision((), n, 0, 0)
        cued: dict[int, bool] = {}  # sentence -> has a company cue, computed only near triggers
        keep = [False] * n
        hits = 0
        for i in range(n):
            if not triggered[i]:
                continue
            window = range(max(0, i - self.cue_before), min(n, i + self.cue_after + 1))
            if not any(cued[j] if j in cued else cued.setdefault(j, self._has_cue(text, *sents[j])) for j in window):
                continue
            hits += 1
            keep[i] = True
            s, e = sents[i]
            if self.anaphora is not None and not self.anaphora.search(text, s, e):
                continue
            for j in range(max(0, i - self.before), min(n, i + self.after + 1)):
                keep[j] = True
        if not hits:
            return GateDecision((), n, 0, 0)
        if self.keep_first:
            keep[0] = True
        for i, (s, e) in enumerate(sents):
            if not keep[i] and _UPDATE.match(text, s, e):
                keep[i] = True
                if i + 1 < n:
                    keep[i + 1] = True
        spans: list[tuple[int, int]] = []
        for i, (s, e) in enumerate(sents):
            if not keep[i]:
                continue
            if spans and i > 0 and keep[i - 1]:
                spans[-1] = (spans[-1][0], e)  # adjacent kept sentences stay one span, whitespace included
            else:
                spans.append((s, e))
        return GateDecision(tuple(spans), n, hits, sum(keep))

    def gated_text(self, text: str) -> str | None:
        """The text the parser reads (blanked outside the kept spans), or None when nothing is kept.

        ``"Orange a racheté Cloudwatt. Il pleut à Paris. Le temps change."`` -> the first two
        sentences kept (the hit and the one after it), the third blanked and cut.
        """
        decision = self.decide(text)
        if not decision.spans:
            return None
        return blank(text, decision.spans)
