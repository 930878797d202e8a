"""Company name normalisation: pure functions, no model."""

from __future__ import annotations

import pytest

from pipeline.resolve.aliases import AliasTable, contains, name_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("SFR-Numericable", "Numericable-SFR"),
        ("Numericable SFR", "Numericable-SFR"),
        ("Gemalto NV", "Gemalto"),
        ("Orange SA", "Orange"),
        ("Capgemini SE", "capgemini"),
        ("Caisse des Dépôts", "caisse des depots"),
        ("Groupe Bull", "Bull"),
    ],
)
def test_same_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b"), [("SFR", "Numericable-SFR"), ("Atos", "Altran"), ("Caisse des dépôts", "Caisse des dépôts et consignations")])
def test_different_keys(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize(
    ("longer", "shorter", "expected"),
    [
        ("Caisse des dépôts et consignations", "Caisse des dépôts", True),
        ("Caisse des dépôts et consignations", "caisse des depots", True),
        ("Numericable-SFR", "SFR", True),
        ("Caisse des dépôts et consignations", "dépôts des Caisse", False),  # in order only
        ("Atos", "Atos Origin", False),
        ("Thalès", "Thales Alenia", False),
    ],
)
def test_contains_whole_tokens_in_order(longer: str, shorter: str, expected: bool) -> None:
    assert contains(longer, shorter) is expected


def test_short_name_joins_the_longer_one_of_the_article() -> None:
    table = AliasTable()
    long_key = table.add("Caisse des dépôts et consignations")
    assert table.add("Caisse des dépôts") == long_key
    assert table.canonical("Caisse des dépôts") == "Caisse des dépôts et consignations"
    assert table.canonical("Caisse des dépôts et consignations") == "Caisse des dépôts et consignations"


def test_word_order_variants_share_a_group() -> None:
    table = AliasTable()
    assert table.add("Numericable-SFR", "Numericable-SFR") == table.add("SFR-Numericable", "Numericable-SFR")
    assert table.key("SFR-Numericable") == table.key("Numericable-SFR")


def test_gazetteer_names_are_kept_apart() -> None:
    table = AliasTable()
    operator = table.add("Numericable-SFR", "Numericable-SFR")
    sfr = table.add("SFR", "SFR")
    assert operator != sfr
    assert table.canonical("SFR") == "SFR"
    assert table.canonical("Numericable-SFR") == "Numericable-SFR"


def test_unknown_names_stay_apart_when_unrelated() -> None:
    table = AliasTable()
    assert table.add("Logimax") != table.add("Datalune")
    assert table.key(None) is None and table.canonical(None) is None
