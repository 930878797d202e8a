"""Clean the typography of scraped French text before anything reads it.

What scrapers leave behind: typographic apostrophes (``l’opérateur``), non-breaking and thin
spaces around ``« »``, ``:`` and ``%``, zero-width and control characters, sentences glued
without a space (``"le 18 juin.Le musée"``) and, at the end of plain-text dumps, promotional
blocks (newsletter, subscription, "Vous avez lu 3 articles", "Si vous avez aimé cet article").

``normalise`` is a pure function ``str -> str``; the character offsets of everything found
later (mentions, events) are offsets into its output. The vocabularies (abbreviations,
promotional cues) are data files in ``resources/``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

RESOURCES = Path(__file__).parent / "resources"

# A promotional block is removed only when it is this short...
MAX_TRAILING_BLOCK_CHARS = 4000
# ... its cue lines are this short (an article paragraph is longer) ...
MAX_CUE_LINE_CHARS = 300
# ... at most this many non-cue lines sit between two cue lines ...
MAX_GAP_LINES = 4
# ... and at most this many short lines follow the last cue line.
MAX_LINES_AFTER_LAST_CUE = 2
MAX_GAP_LINE_CHARS = 250

_APOSTROPHES = "\u2019\u02bc\u2018\u201b"  # ’ ʼ ‘ ‛
_SPACES = "\u00a0\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u205f\u3000\t"
_LINE_BREAKS = "\u2028\u2029\x0b\x0c\x85"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"


def _translation_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for ch in _APOSTROPHES:
        table[ord(ch)] = "'"
    for ch in _SPACES:
        table[ord(ch)] = " "
    for ch in _LINE_BREAKS:
        table[ord(ch)] = "\n"
    for ch in _ZERO_WIDTH:
        table[ord(ch)] = None
    for code in list(range(0x00, 0x20)) + list(range(0x7F, 0xA0)):
        if chr(code) not in "\n\t\x0b\x0c\x85" and code not in table:
            table[code] = None
    return table


_TABLE = _translation_table()
_NEEDS_TABLE = re.compile("[" + re.escape("".join(chr(c) for c in _TABLE)) + "]")
_CRLF = re.compile(r"\r\n?")
_SPACE_RUNS = re.compile(r" {2,}")
_SPACES_AROUND_NEWLINE = re.compile(r" *\n *")
_BLANK_LINES = re.compile(r"\n{3,}")

# A full stop (or ! ? …) directly followed by a capital or an opening guillemet.
_GLUED = re.compile(r"[.!?…]+(?=[A-ZÀ-ÖØ-ÞŒ«])")
# a wire subhead's closing dash glued to the next sentence: '- Un gouvernement uni -La réduction'
_SUBHEAD_DASH = re.compile(r"(?<=[\w\"»?!.)]) -(?=[A-ZÀ-ÖØ-ÞŒ«\"])")
_WORD_BEFORE = re.compile(r"[\w°]+$")
_WORD_AFTER = re.compile(r"[\w]+")
_NUMBER = re.compile(r"[\d.,]*\d")
_CLOSERS = ')]»"”'


@dataclass(frozen=True)
class _Vocab:
    abbreviations: frozenset[str]
    tlds: frozenset[str]
    cues: tuple[re.Pattern[str], ...]


@cache
def _vocab() -> _Vocab:
    data = json.loads((RESOURCES / "abbreviations.json").read_text(encoding="utf-8"))
    cues = []
    with (RESOURCES / "trailing_cues.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                cues.append(re.compile(json.loads(line)["pattern"], re.IGNORECASE))
    return _Vocab(frozenset(data["abbreviations"]), frozenset(data["tlds"]), tuple(cues))


def clean_characters(text: str) -> str:
    """Apostrophes, exotic spaces, zero-width and control characters; NFC; collapsed spaces.

    ``"L’État a dit «\\u202fnon\\u202f»"`` -> ``"L'État a dit « non »"``.
    Line breaks are kept (paragraphs matter to the lexical gate); blank-line runs become one.
    """
    if "\r" in text:
        text = _CRLF.sub("\n", text)
    if _NEEDS_TABLE.search(text):
        text = text.translate(_TABLE)
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "  " in text:
        text = _SPACE_RUNS.sub(" ", text)
    if " \n" in text or "\n " in text:
        text = _SPACES_AROUND_NEWLINE.sub("\n", text)
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def _is_glued(text: str, start: int, end: int, vocab: _Vocab) -> bool:
    """Whether the punctuation text[start:end], followed by a capital, ends a sentence."""
    before = start
    if before > 1 and text[before - 1] == " " and text[start] in "?!":
        before -= 1  # French spacing before ? and ! ("ensuite ?En cas")
    if before == 0:
        return False
    token_start = max(text.rfind(" ", 0, before), text.rfind("\n", 0, before)) + 1
    token = text[token_start:before]
    if not token:
        return False
    if "://" in token or "@" in token or token.casefold().startswith("www."):
        return False
    prev = token[-1]
    # dotted abbreviations and domain names (S.A.R.L, www.x.fr); numbers (200.000) and
    # closed brackets ("(41.433)", "locaux...)") end sentences like words do
    if "." in token and not (_NUMBER.fullmatch(token) or prev in _CLOSERS):
        return False
    word_match = _WORD_BEFORE.search(token)
    word = word_match.group(0) if word_match else ""
    if prev.isupper():
        # an initial or a title (M.Dupont, J.K.Rowling) is not a sentence end; an acronym is (CNRS.Le)
        if len(word) < 2 or not word.isupper() or not word.isalpha():
            return False
    elif not (prev.isalnum() or prev in _CLOSERS or prev in "%€$£°"):
        return False
    if word.casefold() in vocab.abbreviations:
        return False
    after = _WORD_AFTER.match(text, end)
    return not (after and after.group(0).casefold() in vocab.tlds)


def repair_glued_sentences(text: str) -> tuple[str, int]:
    """Put the missing space after a sentence end; returns (text, number of repairs).

    ``"les 13 et 14 juin prochains.Le musée"`` -> ``"les 13 et 14 juin prochains. Le musée"``;
    left alone: ``M.Dupont``, ``J.K.Rowling``, ``S.A.``, ``3.5``, ``Numerama.com``, URLs.
    A wire subhead's closing dash gets its space too: ``"- Vols suspendus -Le constructeur"`` ->
    ``"- Vols suspendus - Le constructeur"`` (the next sentence's first word is whole again).
    """
    text, dashes = _SUBHEAD_DASH.subn(" - ", text)
    if not _GLUED.search(text):
        return text, dashes
    vocab = _vocab()
    parts: list[str] = []
    last = 0
    repairs = 0
    for m in _GLUED.finditer(text):
        if _is_glued(text, m.start(), m.end(), vocab):
            parts.append(text[last : m.end()])
            parts.append(" ")
            last = m.end()
            repairs += 1
    if not repairs:
        return text, dashes
    parts.append(text[last:])
    return "".join(parts), repairs + dashes


def _is_cue(line: str, vocab: _Vocab) -> bool:
    stripped = line.strip(" -–—•*>\t")
    if not stripped or len(stripped) > MAX_CUE_LINE_CHARS:
        return False
    return any(p.search(stripped) for p in vocab.cues)


def strip_trailing_blocks(text: str) -> str:
    """Remove a promotional block at the very end of an article, if there is one.

    The block is a trailing run of lines that are cues ("Vous avez lu 2 articles ce mois-ci",
    "Abonnez-vous", "Si vous avez aimé cet article...") or short lines between cues
    ("C'est pourquoi notre journalisme reste ouvert à tous."). Nothing is removed in the
    middle of an article, nor when the block would be the whole text or too long.
    """
    if "\n" not in text:
        return text
    vocab = _vocab()
    lines = text.split("\n")
    # indexes of non-empty lines, from the end
    content = [i for i, line in enumerate(lines) if line.strip()]
    if len(content) < 2:
        return text
    cut: int | None = None
    gap = 0
    seen_cue = False
    block_chars = 0
    for pos in range(len(content) - 1, 0, -1):  # never the first line
        i = content[pos]
        line = lines[i]
        block_chars += len(line) + 1
        if block_chars > MAX_TRAILING_BLOCK_CHARS:
            break
        if _is_cue(line, vocab):
            seen_cue = True
            cut = i
            gap = 0
            continue
        if len(line) > MAX_GAP_LINE_CHARS:
            break
        gap += 1
        if (not seen_cue and gap > MAX_LINES_AFTER_LAST_CUE) or (seen_cue and gap > MAX_GAP_LINES):
            break
    if cut is None:
        return text
    return "\n".join(lines[:cut]).rstrip()


def normalise(text: str, *, trailing_blocks: bool = True) -> str:
    """The clean text of an article: characters, glued sentences, trailing promotional block.

    ``"L’opérateur l’a confirmé le 3 juin.Le rachat…\\nAbonnez-vous à notre newsletter"``
    -> ``"L'opérateur l'a confirmé le 3 juin. Le rachat…"``.
    ``trailing_blocks=False`` for one-line fields such as titles.
    """
    return normalise_counted(text, trailing_blocks=trailing_blocks)[0]


def normalise_counted(text: str, *, trailing_blocks: bool = True) -> tuple[str, int]:
    """``normalise`` and the number of glued sentences it repaired."""
    text = clean_characters(text)
    text, repairs = repair_glued_sentences(text)
    if trailing_blocks:
        text = strip_trailing_blocks(text)
    return text, repairs
