"""Sentence boundaries: a line break always ends a sentence; inside a line only final punctuation may."""

from __future__ import annotations

import spacy
from spacy.language import Language

import pipeline.annotate.sentences  # noqa: F401  (registers rachat_line_sentences)


def test_line_break_ends_a_sentence_without_a_model() -> None:
    nlp = spacy.blank("fr")
    nlp.add_pipe("rachat_line_sentences")
    doc = nlp("Orange rachète Cloudwatt\nL'opérateur met la main sur la société.")
    assert [s.text.strip() for s in doc.sents] == ["Orange rachète Cloudwatt", "L'opérateur met la main sur la société."]


def test_headline_and_body_are_separate_sentences(nlp: Language) -> None:
    doc = nlp(
        "Numericable-SFR s'offre Numergy\n"
        "L'opérateur récupère la part d'Atos et celle de la Caisse des dépôts. Il détient désormais 100 % de la société."
    )
    assert [s.text.strip() for s in doc.sents] == [
        "Numericable-SFR s'offre Numergy",
        "L'opérateur récupère la part d'Atos et celle de la Caisse des dépôts.",
        "Il détient désormais 100 % de la société.",
    ]


def test_no_split_inside_a_line_without_punctuation(nlp: Language) -> None:
    text = "SFR-Numericable récupère les parts d'Atos et de la Caisse des dépôts selon le journal Les Échos"
    assert [s.text for s in nlp(text).sents] == [text]


def test_blank_lines_and_list_items(nlp: Language) -> None:
    doc = nlp("Les rachats de la semaine\n\n- Atos rachète Bull\n- Capgemini s'empare d'Altran\n")
    sentences = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sentences == ["Les rachats de la semaine", "- Atos rachète Bull", "- Capgemini s'empare d'Altran"]


def test_abbreviated_legal_form_does_not_end_the_sentence(nlp: Language) -> None:
    text = "Logimax Inc. a été racheté par Atos."
    assert [s.text for s in nlp(text).sents] == [text]
