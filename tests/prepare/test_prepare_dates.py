"""Publication dates to ISO days: ISO fast path, French dates, relative dates against the crawl date."""

from __future__ import annotations

import pytest

from pipeline.prepare.dates import crawl_day, parse_date


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2015-12-03", "2015-12-03"),
        ("2015-12-03T08:00:00+01:00", "2015-12-03"),
        ("2015-12-03 08:00:00", "2015-12-03"),
        ("2015-12-03T08:00:00Z", "2015-12-03"),
        ("2015-12", "2015-12-01"),
        ("3 décembre 2015", "2015-12-03"),
        ("03/12/2015", "2015-12-03"),  # day first
        ("12.03.2015", "2015-03-12"),
        ("mardi 3 juin 2014 à 10h", "2014-06-03"),
        ("1er janvier 2016", "2016-01-01"),
        ("Publié le 12/03/2015 à 10:05", "2015-03-12"),
        ("Publié le 12/03/2015 à 10h05 | Mis à jour le 13/03/2015", "2015-03-12"),
        ("le 3 juin 2014, mis à jour le 5 juin", "2014-06-03"),
    ],
)
def test_absolute_dates(raw: str, iso: str) -> None:
    assert parse_date(raw) == iso


@pytest.mark.parametrize(
    ("raw", "crawl", "iso"),
    [
        ("il y a 3 jours", "2017-03-05T10:00:00Z", "2017-03-02"),
        ("hier", "2017-03-05T10:00:00Z", "2017-03-04"),
        ("il y a 2 semaines", "2017-03-15", "2017-03-01"),
        ("12 mars", "2017-03-05T10:00:00Z", "2016-03-12"),  # a day after the crawl is last year's
    ],
)
def test_relative_dates_count_from_the_crawl(raw: str, crawl: str, iso: str) -> None:
    assert parse_date(raw, crawl) == iso


@pytest.mark.parametrize("raw", [None, "", "   ", "n'importe quoi", "2015-13-45", "32 janvier 2015", "x" * 500])
def test_unparseable_dates(raw: str | None) -> None:
    assert parse_date(raw) is None


def test_crawl_day() -> None:
    assert crawl_day("2015-03-16T09:30:00Z") == "2015-03-16"
    assert crawl_day(None) is None
    assert crawl_day("pas une date") is None
