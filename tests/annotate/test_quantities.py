"""Quantity ruler: stakes (PERCENT) and amounts (MONEY) with their values, on a blank pipeline (no model)."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from pipeline.annotate.quantities.component import QUANTITIES_KEY, find_quantities


@pytest.fixture(scope="module")
def blank() -> Language:
    nlp = spacy.blank("fr")
    nlp.add_pipe("rachat_quantities")
    return nlp


def _only(nlp: Language, text: str) -> tuple[str, str, float | None, str | None]:
    doc = nlp(text)  # the spans live as long as their Doc
    spans = list(doc.spans[QUANTITIES_KEY])
    assert len(spans) == 1, [s.text for s in spans]
    span = spans[0]
    return span.text, span.label_, span._.value, span._.currency


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Atos cède 20 % de Numergy.", "20 %", 20.0),
        ("Atos cède 20,5% de Numergy.", "20,5%", 20.5),
        ("la Caisse des dépôts détenait 33,3 % du capital", "33,3 %", 33.3),
        ("Vivendi détient 33,3 pour cent du capital", "33,3 pour cent", 33.3),
        ("Orange possédait la moitié du capital", "la moitié", 50.0),
        ("Tencent prend un tiers du capital", "un tiers", 100.0 / 3),
        ("Orange rachète l'intégralité des parts", "l'intégralité", 100.0),
        ("Orange rachète la totalité du capital", "la totalité", 100.0),
        ("Orange détient désormais 100 % de la firme", "100 %", 100.0),
        ("Vivendi prend une participation majoritaire", "majoritaire", None),
    ],
)
def test_percent(blank: Language, text: str, surface: str, value: float | None) -> None:
    found, label, got, currency = _only(blank, text)
    assert (found, label, currency) == (surface, "PERCENT", None)
    assert got == (None if value is None else pytest.approx(value))


@pytest.mark.parametrize(
    ("text", "surface", "value", "currency"),
    [
        ("l'État avait investi 150 millions d'euros", "150 millions d'euros", 150e6, "EUR"),
        ("racheté pour 1,25 milliard de dollars", "1,25 milliard de dollars", 1.25e9, "USD"),
        ("Mistral AI lève 80 M€", "80 M€", 80e6, "EUR"),
        ("une offre à 28 Md$", "28 Md$", 28e9, "USD"),
        ("un ticket de 3 000 euros", "3 000 euros", 3000.0, "EUR"),
        ("un ticket de 3\u202f000 euros", "3\u202f000 euros", 3000.0, "EUR"),
        ("pour 2,5 millions de livres sterling", "2,5 millions de livres sterling", 2.5e6, "GBP"),
    ],
)
def test_money(blank: Language, text: str, surface: str, value: float, currency: str) -> None:
    assert _only(blank, text) == (surface, "MONEY", pytest.approx(value), currency)


@pytest.mark.parametrize(
    "text",
    ["Numergy a été créée en 2012 avec 12 salariés.", "Le patron a 52 ans.", "Ubisoft publie 4 jeux par an."],
)
def test_numbers_that_are_not_quantities(blank: Language, text: str) -> None:
    doc = blank(text)
    assert list(doc.spans[QUANTITIES_KEY]) == []


def test_several_quantities_in_text_order(blank: Language) -> None:
    doc = blank("Atos cède 20 % de Numergy pour 45 millions d'euros et la Caisse des dépôts 33 %.")
    assert [(s.label_, s._.value) for s in find_quantities(doc)] == [("PERCENT", 20.0), ("MONEY", 45e6), ("PERCENT", 33.0)]
