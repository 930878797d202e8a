"""Publication dates as ISO ``YYYY-MM-DD``, whatever the scraper wrote.

ISO dates and datetimes (the common case) are read by a regular expression; anything else
("12 mars 2015", "mardi 3 juin 2014 à 10h", "il y a 3 jours") goes to dateparser in French,
day first, relative to the crawl date when there is one. dateparser is slow (milliseconds per
call, a large first import), so it is imported once, on first need, and results are cached.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any

_ISO = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.,]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*")
_ISO_MONTH = re.compile(r"\s*(\d{4})-(\d{2})\s*")
_DATE_CACHE_SIZE = 65_536
# Raw strings longer than this are not dates (a scraper put a paragraph in the date column).
MAX_DATE_CHARS = 120


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


_SETTINGS: dict[str, Any] = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "PREFER_DATES_FROM": "past"}


@lru_cache(maxsize=64)
def _parser(base_day: str | None) -> Any:
    """dateparser's French parser for one crawl day, built once (import + first call ~0.1 s)."""
    from dateparser.date import DateDataParser

    settings = dict(_SETTINGS)
    if base_day is not None:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(base_day)
    return DateDataParser(languages=["fr"], settings=settings)


def warm_up() -> None:
    """Pay dateparser's import and first-parse cost now (before timing a run, in a worker)."""
    _parse_with_dateparser("12 mars 2015", None)


@lru_cache(maxsize=_DATE_CACHE_SIZE)
def _parse_with_dateparser(raw: str, base_day: str | None) -> str | None:
    try:
        data = _parser(base_day).get_date_data(raw)
    except (ValueError, OverflowError, TypeError, AttributeError):
        return None
    parsed = data.date_obj if data else None
    return parsed.date().isoformat() if parsed is not None else None


def crawl_day(crawl_date: str | None) -> str | None:
    """``"2017-03-02T10:00:00Z"`` -> ``"2017-03-02"`` (the day a relative date counts from)."""
    if not crawl_date:
        return None
    m = _ISO.match(crawl_date)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return None


def parse_date(raw: str | None, crawl_date: str | None = None) -> str | None:
    """The ISO day of a raw publication date, or None when it cannot be read.

    ``"2015-12-03T08:00:00+01:00"`` -> ``"2015-12-03"``; ``"3 décembre 2015"`` -> ``"2015-12-03"``;
    ``"03/12/2015"`` -> ``"2015-12-03"`` (day first); ``"il y a 3 jours"`` crawled on 2017-03-05 ->
    ``"2017-03-02"``; ``"2015-12"`` -> ``"2015-12-01"``.
    """
    if raw is None:
        return None
    raw = raw.strip()
    if not raw or len(raw) > MAX_DATE_CHARS:
        return None
    m = _ISO.fullmatch(raw)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _ISO_MONTH.fullmatch(raw)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), 1)
    if not any(ch.isdigit() for ch in raw) and not _RELATIVE_HINT.search(raw):
        return None
    # "Publié le 12/03/2015 à 10h05 | Mis à jour le 13/03/2015": the first date is the publication
    text = _SECOND_PART.split(raw, maxsplit=1)[0]
    text = _PREFIX.sub("", text).strip() or raw
    return _parse_with_dateparser(text, crawl_day(crawl_date))


_PREFIX = re.compile(r"^(publié|mis à jour|modifié|posté|paru|mise en ligne)\w*\s*(le|:)?\s*", re.IGNORECASE)
_SECOND_PART = re.compile(r"\s*(?:[|,;]|\s-\s)\s*(?:mis à jour|modifié|actualisé)|\s*\|\s*", re.IGNORECASE)

# Words that make a digit-free string worth handing to dateparser ("hier", "aujourd'hui").
_RELATIVE_HINT = re.compile(r"\b(hier|avant-hier|aujourd|demain|il y a)\b", re.IGNORECASE)
