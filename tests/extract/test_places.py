"""pipeline.extract.places: countries and regions are never a deal's target."""

from __future__ import annotations

import pytest

from pipeline.extract.places import is_place


@pytest.mark.parametrize("name", ["Etats-Unis", "Inde", "l'Indre", "la Côte d'Ivoire", "Arabie saoudite", "Hexagone", "les Pays-Bas", "  Corée  du Sud ", "le New Jersey", "Californie"])
def test_places(name: str) -> None:
    assert is_place(name)


@pytest.mark.parametrize("name", ["Orange", "Indre Logistique", "France Télévisions", "Air France", "New York Times", "Washington Post", "", None])
def test_not_places(name: str | None) -> None:
    assert not is_place(name)
