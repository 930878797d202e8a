"""From word pieces in overlapping windows to words, character spans, and spaCy spans.

A long text is encoded as overlapping windows (``return_overflowing_tokens`` with a ``stride``),
so no piece is ever cut off. A word is the tokenizer's pre-tokenised word (``word_ids``); its
prediction is that of its *first* piece (how token classifiers are trained), taken from the window
where that piece has the most context on both sides. Words then become character spans, and
character spans become spaCy spans with ``doc.char_span(..., alignment_mode="expand")``: a
transformer word "SFR" inside the spaCy token "Numericable-SFR" yields the whole token.

Everything here is pure Python over plain lists, so it is tested without a model.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span


@dataclass(frozen=True)
class Window:
    """One encoded window of one text: piece ids, character offsets into the text, word ids."""

    text_index: int
    input_ids: list[int]
    offsets: list[tuple[int, int]]
    word_ids: list[int | None]

    def __len__(self) -> int:
        return len(self.input_ids)

    def content_bounds(self) -> tuple[int, int]:
        """First and last positions holding a real piece (not [CLS], [SEP] or padding)."""
        positions = [
            i for i, (w, (s, e)) in enumerate(zip(self.word_ids, self.offsets, strict=True)) if w is not None and e > s
        ]
        if not positions:
            return (0, -1)
        return positions[0], positions[-1]


@dataclass(frozen=True)
class Word:
    """A pre-tokenised word of the text, ``[start, end)`` in characters."""

    start: int
    end: int


@dataclass(frozen=True)
class PieceRef:
    """Where to read a word's prediction: window ``window`` (index into the list given), position ``position``."""

    window: int
    position: int


@dataclass(frozen=True)
class CharSpan:
    """An entity as characters of the text it was predicted on."""

    start: int
    end: int
    label: str
    score: float


def windows_from_encoding(encoding: object, n_texts: int) -> list[list[Window]]:
    """Split a batch encoding made with overflowing tokens into windows per text.

    ``encoding`` is what a fast tokenizer returns for
    ``tokenizer(texts, truncation=True, max_length=..., stride=..., return_overflowing_tokens=True,
    return_offsets_mapping=True)``.
    """
    ids: list[list[int]] = encoding["input_ids"]  # type: ignore[index]
    offsets: list[list[tuple[int, int]]] = encoding["offset_mapping"]  # type: ignore[index]
    mapping: list[int] = encoding.get("overflow_to_sample_mapping") or list(range(len(ids)))  # type: ignore[attr-defined]
    out: list[list[Window]] = [[] for _ in range(n_texts)]
    for i, text_index in enumerate(mapping):
        word_ids = encoding.word_ids(i)  # type: ignore[attr-defined]
        out[text_index].append(
            Window(text_index, list(ids[i]), [(int(s), int(e)) for s, e in offsets[i]], list(word_ids))
        )
    return out


def word_extents(windows: Sequence[Window]) -> dict[int, tuple[int, int]]:
    """Character extent of each word id of one text, over all its windows (pieces of zero width ignored)."""
    extents: dict[int, tuple[int, int]] = {}
    for window in windows:
        for word_id, (start, end) in zip(window.word_ids, window.offsets, strict=True):
            if word_id is None or end <= start:
                continue
            if word_id in extents:
                s, e = extents[word_id]
                extents[word_id] = (min(s, start), max(e, end))
            else:
                extents[word_id] = (start, end)
    return extents


def words_of(windows: Sequence[Window]) -> tuple[list[Word], list[PieceRef]]:
    """The words of one text across its windows, each with the piece that carries its prediction.

    Word ids are global to the text, so a word seen in two overlapping windows is one word. Its
    extent is the union of its pieces; its prediction comes from its first piece (the one starting
    where the word starts) in the window where that piece is farthest from the window's edges.
    Pieces of zero width (a lone sentencepiece "▁") are ignored.
    """
    extents = word_extents(windows)
    best: dict[int, tuple[int, PieceRef]] = {}
    for w_index, window in enumerate(windows):
        first, last = window.content_bounds()
        for position, (word_id, (start, end)) in enumerate(zip(window.word_ids, window.offsets, strict=True)):
            if word_id is None or end <= start or start != extents[word_id][0]:
                continue
            margin = min(position - first, last - position)
            if word_id not in best or margin > best[word_id][0]:
                best[word_id] = (margin, PieceRef(w_index, position))
    order = sorted(extents, key=lambda w: extents[w])
    words = [Word(*extents[w]) for w in order]
    refs = [best[w][1] for w in order]
    return words, refs


def first_piece_positions(window: Window, words_start: dict[int, int]) -> list[int | None]:
    """For training: per position, the word id whose label it carries, or None (other pieces, specials).

    A position carries its word's label when it is the word's first piece in this window *and*
    starts where the word starts, so a word cut by the window's start trains nothing there.
    """
    out: list[int | None] = []
    seen: set[int] = set()
    for word_id, (start, end) in zip(window.word_ids, window.offsets, strict=True):
        if word_id is None or end <= start or word_id in seen or words_start.get(word_id) != start:
            out.append(None)
            continue
        seen.add(word_id)
        out.append(word_id)
    return out


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without surrounding whitespace (some tokenizers count the space before a word)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def to_doc_spans(doc: Doc, spans: Iterable[CharSpan], offset: int = 0, label: str | None = None) -> list[Span]:
    """spaCy spans for character spans predicted on ``doc.text[offset:...]``, expanded to whole tokens.

    Spans that collapse to nothing are dropped; duplicates (two pieces of one spaCy token) are kept once.
    """
    out: dict[tuple[int, int], Span] = {}
    for span in spans:
        start, end = trim(doc.text, span.start + offset, span.end + offset)
        if end <= start:
            continue
        doc_span = doc.char_span(start, end, label=label or span.label, alignment_mode="expand")
        if doc_span is None or len(doc_span) == 0:
            continue
        key = (doc_span.start, doc_span.end)
        if key not in out:
            out[key] = doc_span
    return [out[k] for k in sorted(out)]


def overlaps(a: Span, b: Span) -> bool:
    """Whether two spans of one Doc share a token."""
    return a.start < b.end and b.start < a.end


MERGE_MODES = ("union", "transformer", "rules")


def merge_spans(rules: Sequence[Span], transformer: Sequence[Span], mode: str) -> list[Span]:
    """The company spans after merging, sorted by position.

    - ``union``: the rule spans, plus every transformer span that overlaps none of them (the rules'
      boundaries win: the gazetteer knows "Caisse des dépôts et consignations" is one name);
    - ``transformer``: the transformer spans alone;
    - ``rules``: the rule spans alone (the transformer spans are still computed, for evaluation).
    """
    if mode == "rules":
        kept = list(rules)
    elif mode == "transformer":
        kept = list(transformer)
    elif mode == "union":
        kept = list(rules)
        for span in transformer:
            if not any(overlaps(span, other) for other in kept):
                kept.append(span)
    else:
        raise ValueError(mode)
    return sorted(kept, key=lambda s: (s.start, s.end))
