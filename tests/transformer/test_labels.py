"""Label schemes of checkpoints found elsewhere, decoded to ORG spans (pure Python)."""

from __future__ import annotations

import pytest

from pipeline.annotate.transformer.labels import Tag, decode_tags, entity_type, parse_label


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("O", Tag("O", "")),
        ("B-ORG", Tag("B", "ORG")),
        ("I-ORG", Tag("I", "ORG")),
        ("B-Organization", Tag("B", "ORG")),
        ("i_organisation", Tag("I", "ORG")),
        ("S-ORG", Tag("S", "ORG")),
        ("U-ORG", Tag("S", "ORG")),
        ("L-ORG", Tag("E", "ORG")),
        ("ORG-B", Tag("B", "ORG")),
        ("ORG", Tag("I", "ORG")),
        ("B-PER", Tag("B", "PER")),
        ("I-LOC", Tag("I", "LOC")),
    ],
)
def test_parse_label(label: str, expected: Tag) -> None:
    assert parse_label(label) == expected


def test_entity_type_maps_organisation_spellings() -> None:
    assert {entity_type(x) for x in ("Organization", "ORGANISATION", "org")} == {"ORG"}
    assert entity_type("Person") == "PERSON"


def tags(*labels: str) -> list[Tag]:
    return [parse_label(label) for label in labels]


def spans(*labels: str) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.label) for s in decode_tags(tags(*labels))]


def test_bio_two_adjacent_entities() -> None:
    # "Orange Cloudwatt" as two names: B B
    assert spans("B-ORG", "B-ORG", "O") == [(0, 1, "ORG"), (1, 2, "ORG")]


def test_bio_multiword() -> None:
    # "la Caisse des dépôts rachète"
    assert spans("O", "B-ORG", "I-ORG", "I-ORG", "O") == [(1, 4, "ORG")]


def test_io_scheme_like_camembert_ner() -> None:
    assert spans("I-ORG", "I-ORG", "O", "I-PER", "I-ORG") == [(0, 2, "ORG"), (3, 4, "PER"), (4, 5, "ORG")]


def test_bioes_closes_on_end_and_single() -> None:
    assert spans("B-ORG", "E-ORG", "S-ORG", "I-ORG") == [(0, 2, "ORG"), (2, 3, "ORG"), (3, 4, "ORG")]


def test_type_change_opens_new_span() -> None:
    assert spans("B-ORG", "I-PER") == [(0, 1, "ORG"), (1, 2, "PER")]


def test_score_is_mean_of_word_probabilities() -> None:
    (span,) = decode_tags(tags("B-ORG", "I-ORG", "O"), [0.9, 0.5, 0.99])
    assert span.score == pytest.approx(0.7)
