"""Duplicates by normalised URL or normalised text; the first article seen wins."""

from __future__ import annotations

import pytest

from pipeline.prepare.dedup import Deduplicator, hash64, normalise_url, text_key
from pipeline.schema import Article


@pytest.mark.parametrize(
    ("url", "normal"),
    [
        ("HTTPS://Www.Exemple.FR/tech/rachat/", "https://www.exemple.fr/tech/rachat"),
        ("https://www.exemple.fr/tech/rachat#commentaires", "https://www.exemple.fr/tech/rachat"),
        ("https://exemple.fr/a?utm_source=tw&utm_medium=social&id=3", "https://exemple.fr/a?id=3"),
        ("https://exemple.fr/a?fbclid=XYZ", "https://exemple.fr/a"),
        ("http://exemple.fr:80/a", "http://exemple.fr/a"),
        ("https://exemple.fr/Tech/Rachat", "https://exemple.fr/Tech/Rachat"),  # paths keep their case
    ],
)
def test_normalise_url(url: str, normal: str) -> None:
    assert normalise_url(url) == normal


def test_text_key() -> None:
    assert text_key("L'Oréal rachète 10 % de X.") == text_key("l'oréal  rachète 10% de X !")
    assert text_key("Orange rachète Cloudwatt") != text_key("Orange rachète Numergy")


def test_hash64_is_a_nonzero_8_byte_int() -> None:
    h = hash64("orange")
    assert 0 < h < 2**64 and h == hash64("orange") and h != hash64("Orange")


def test_duplicates_by_url_and_by_text() -> None:
    dedup = Deduplicator()
    a = Article("a", "Orange rachète Cloudwatt.", url="https://ex.fr/tech/orange?utm_source=rss")
    b = Article("b", "Un autre texte sur le même rachat.", url="https://EX.fr/tech/orange/")
    c = Article("c", "orange  RACHÈTE cloudwatt", url="https://miroir.example.com/orange")
    d = Article("d", "Numericable-SFR s'offre Numergy.", url="https://ex.fr/tech/numergy")
    assert dedup.check(a) is None
    assert dedup.check(b) == "a"  # same URL
    assert dedup.check(c) == "a"  # same text
    assert dedup.check(d) is None
    assert dedup.check(a) is None  # checking the same article again is not a duplicate
    assert len(dedup) == 2  # duplicates are not remembered


def test_many_articles_survive_table_growth() -> None:
    dedup = Deduplicator()
    n = 20_000
    for i in range(n):
        assert dedup.check(Article(f"doc-{i}", f"texte numéro {i}", url=f"https://ex.fr/{i}")) is None
    assert len(dedup) == n
    for i in range(0, n, 997):
        assert dedup.check(Article(f"copie-{i}", f"Texte numéro {i} !")) == f"doc-{i}"
        assert dedup.check(Article(f"lien-{i}", "autre", url=f"HTTPS://ex.fr/{i}/")) == f"doc-{i}"


def test_article_without_url_or_text_key() -> None:
    dedup = Deduplicator()
    assert dedup.check(Article("a", "—", url=None)) is None
    assert dedup.check(Article("b", "…", url=None)) is None  # no letters: not a text duplicate
