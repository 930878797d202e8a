"""The cheap sentence splitter used for status training data and the benchmark."""

from __future__ import annotations

import pytest

from pipeline.annotate.transformer.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Orange rachète Cloudwatt. Le prix est secret.", ["Orange rachète Cloudwatt.", "Le prix est secret."]),
        ("Fin de l'accord en juin.Le groupe confirme.", ["Fin de l'accord en juin.", "Le groupe confirme."]),
        (
            "M. Niel rachète Monaco Telecom. Mme Pécresse réagit.",
            ["M. Niel rachète Monaco Telecom.", "Mme Pécresse réagit."],
        ),
        ("X. Niel investit. Free suit !", ["X. Niel investit.", "Free suit !"]),
        ("Le titre vaut 3.5 euros. Fin", ["Le titre vaut 3.5 euros.", "Fin"]),
        ("Titre\n\nCorps du texte sans point", ["Titre", "Corps du texte sans point"]),
        ("Vraiment ? Oui.", ["Vraiment ?", "Oui."]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_offsets_point_into_the_text() -> None:
    text = "  Orange rachète Cloudwatt.  Le prix est secret.  "
    for start, end in split_sentences(text):
        assert text[start:end].strip() == text[start:end] != ""
