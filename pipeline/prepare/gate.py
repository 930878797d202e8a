"""The lexical gate: which sentences of an article can state an ownership event at all.

Parsing is the cost of the pipeline (fr_core_news_md: a few thousand words a second on one
core), while a compiled regular expression scans millions of characters a second. Most
sentences of a news dump cannot hold an ownership event, so the gate looks, before the parser,
for sentences that hold

- a **trigger form**: a word or phrase of the trigger lexicon (``rachète``, ``acquisition``,
  ``a pris le contrôle``, ``détient``, ``filiale``, ``levée de fonds`` ...) matched on the
  surface forms, not lemmas, since there are no lemmas yet; and
- a **company cue** near it (in the sentence or its neighbours): a word with a capital letter
  that does not open its sentence (``Orange``, ``Numericable-SFR``, ``l'Oréal``), or a company
  name of the gazetteer written in lower case (``a16z``).

"Le groupe a racheté Cloudwatt." is a hit; "Les ventes de smartphones ont reculé." has a trigger
form (``ventes``) but no company cue; "Il pleut sur Paris." has no trigger form.

A hit is parsed with its context: the sentences just before it (coreference: "L'opérateur
possédait 46 % de la société" needs the company named before), the sentence after it, the first
sentence of the article (the headline or lede) and every update line ("[MàJ] ..."). Everything
else is blanked: :func:`Gate.gated_text` returns a text of the same length in which every
character outside the kept spans is a space and each blanked gap ends with a line break. So the
character offsets of the parsed Doc are offsets into the full article text, with no mapping
back; the tokenizer turns a blanked gap into a single whitespace token, and the line break
makes the kept sentence after it start a new sentence. An article without a hit is not parsed
at all.

The gate is built from data: :meth:`Gate.from_lexicon` takes the entries of the trigger lexicon
(``pipeline/extract/triggers/lexicon.jsonl``: a ``regex`` over one lowercase token, or a
``phrase`` regex over the sentence) and the company names; the engine passes them in, so this
module imports no later stage.
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
# A word with an upper-case letter: "Orange", "SFR", "eBay", "Numericable-SFR", "3M".
_CAPITALISED = re.compile(r"\b\w*[A-ZÀ-ÖØ-ÞŒ]\w*")
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

    ``before`` / ``after``: sentences of context kept around a hit. ``cue_before`` /
    ``cue_after``: how far from the trigger sentence a company cue may be.
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
        # gazetteer names without a capital letter are cues too ("a16z", "vente-privee.com")
        lower = sorted({n for n in company_names if n and not any(ch.isupper() for ch in n)}, key=len, reverse=True)
        self.lower_names = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in lower)) if lower else None
        self.before, self.after = before, after
        self.cue_before, self.cue_after = cue_before, cue_after
        self.keep_first = keep_first

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
        starts = []
        for m in _WORD.finditer(text):
            word = m.group()
            if self.is_trigger_word(word) and (not word[0].isupper() or _opens_sentence(text, m.start(), sentence_starts)):
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
        cued = [False] * n
        openers = sentence_openers()
        for m in _CAPITALISED.finditer(text):
            i = bisect.bisect_right(starts, m.start()) - 1
            if i < 0 or cued[i]:
                continue
            if not _opens_sentence(text, m.start(), starts) or m.group().lower() not in openers:
                cued[i] = True
        if self.lower_names is not None:
            for m in self.lower_names.finditer(text):
                cued[bisect.bisect_right(starts, m.start()) - 1] = True
        keep = [False] * n
        hits = 0
        for i in range(n):
            if not triggered[i] or not any(cued[max(0, i - self.cue_before) : i + self.cue_after + 1]):
                continue
            hits += 1
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
