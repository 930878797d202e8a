"""Windows -> words -> character spans -> spaCy spans, and the merge modes (no model needed)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from pipeline.annotate.transformer.align import (
    CharSpan,
    Window,
    first_piece_positions,
    merge_spans,
    to_doc_spans,
    words_of,
)
from pipeline.annotate.transformer.ner import gated_segments


@pytest.fixture(scope="module")
def blank() -> spacy.Language:
    return spacy.blank("fr")


def test_words_across_overlapping_windows_take_the_most_central_piece() -> None:
    # text "Orange rachète Cloudwatt": words 0 [0,6), 1 [7,14) in two pieces, 2 [15,24)
    w0 = Window(0, [2, 10, 11, 12, 3], [(0, 0), (0, 6), (7, 10), (10, 14), (0, 0)], [None, 0, 1, 1, None])
    w1 = Window(0, [2, 11, 12, 13, 3], [(0, 0), (7, 10), (10, 14), (15, 24), (0, 0)], [None, 1, 1, 2, None])
    words, refs = words_of([w0, w1])
    assert [(w.start, w.end) for w in words] == [(0, 6), (7, 14), (15, 24)]
    # word 1 starts at position 2 of w0 (margin 1) and position 1 of w1 (margin 0): w0 wins
    assert [(r.window, r.position) for r in refs] == [(0, 1), (0, 2), (1, 3)]


def test_word_cut_by_window_start_is_read_where_its_first_piece_is() -> None:
    w0 = Window(0, [2, 10, 11, 3], [(0, 0), (0, 6), (7, 10), (0, 0)], [None, 0, 1, None])
    w1 = Window(0, [2, 12, 13, 3], [(0, 0), (10, 14), (15, 24), (0, 0)], [None, 1, 2, None])
    words, refs = words_of([w0, w1])
    assert (words[1].start, words[1].end) == (7, 14)
    assert (refs[1].window, refs[1].position) == (0, 2)
    # in training, the continuation piece that opens w1 carries no label
    assert first_piece_positions(w1, {0: 0, 1: 7, 2: 15}) == [None, None, 2, None]


def test_char_spans_expand_to_whole_spacy_tokens(blank: spacy.Language) -> None:
    doc = blank("AT&T rachète Time Warner .")
    # a model that tagged only the word piece "AT" and the words "Time Warner"
    spans = to_doc_spans(doc, [CharSpan(0, 2, "ORG", 0.9), CharSpan(13, 24, "ORG", 0.8)])
    assert [(s.text, s.label_) for s in spans] == [("AT&T", "ORG"), ("Time Warner", "ORG")]


def test_offsets_are_shifted_and_spaces_trimmed(blank: spacy.Language) -> None:
    doc = blank("Titre .\nOrange rachète Cloudwatt .")
    # predicted on the second line alone (offset 8); a sentencepiece offset with its leading space
    spans = to_doc_spans(doc, [CharSpan(14, 24, "ORG", 0.9)], offset=8)
    assert [s.text for s in spans] == ["Cloudwatt"]


def span(doc: Doc, start: int, end: int) -> Span:
    return Span(doc, start, end, label="ORG")


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("union", ["Caisse des dépôts", "Orange", "Thales"]),
        ("transformer", ["Caisse", "Orange", "Thales"]),
        ("rules", ["Caisse des dépôts", "Orange"]),
    ],
)
def test_merge_modes(blank: spacy.Language, mode: str, expected: list[str]) -> None:
    doc = blank("Orange rachète la part de la Caisse des dépôts et de Thales")
    rules = [span(doc, 0, 1), span(doc, 6, 9)]
    # the transformer finds "Caisse" alone (overlaps a rule span) and "Thales" (new)
    trf = [span(doc, 0, 1), span(doc, 6, 7), span(doc, 11, 12)]
    assert sorted(s.text for s in merge_spans(rules, trf, mode)) == expected


def test_gated_segments_from_spans_and_sentence_flags(blank: spacy.Language) -> None:
    doc = blank("Il pleut . Orange rachète Cloudwatt . Rien .")
    assert gated_segments(doc) is None
    doc.spans["gate"] = [Span(doc, 3, 7)]
    assert gated_segments(doc) == [(11, 37)]


def test_gated_segments_from_sentence_flags(blank: spacy.Language) -> None:
    if Span.has_extension("gated"):
        pytest.skip("the gate registered Span._.gated itself; its own tests cover it")
    Span.set_extension("gated", default=False)
    try:
        doc = blank("Il pleut . Orange rachète Cloudwatt . Free suit .")
        for i, token in enumerate(doc):
            token.is_sent_start = i in (0, 3, 7)
        sents = list(doc.sents)
        sents[1]._.gated = True
        sents[2]._.gated = True
        # adjacent gated sentences are one segment
        assert gated_segments(doc) == [(11, len(doc.text))]
    finally:
        Span.remove_extension("gated")
