"""Prepare: make every article clean and decide whether it goes further.

``prepare(article)`` normalises the typography of the text and title, parses the publication
date, detects the language and finds duplicates; it sets ``article.state`` to ``"processed"``
or ``"skipped:<reason>"`` (``skipped:lang=en``, ``skipped:duplicate_of=<doc_id>``,
``skipped:empty_text``). It is cheap (no parser) and runs on every article of a dump.
The lexical gate (``pipeline.prepare.gate``) runs after it, on processed articles only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

from pipeline.prepare.dates import parse_date
from pipeline.prepare.dedup import Deduplicator
from pipeline.prepare.lang import ANY, detect, language_decision, parse_lang_option
from pipeline.prepare.typography import normalise
from pipeline.schema import Article, Quarantined

__all__ = ["Deduplicator", "detect", "normalise", "parse_date", "parse_lang_option", "prepare", "prepare_all"]

PROCESSED = "processed"

# prepare() runs once per article: parse the --lang value once
_wanted = cache(parse_lang_option)


def prepare(article: Article, *, lang: str = "fr", dedup: Deduplicator | None = None) -> Article:
    """Normalise ``article`` in place and set its state; returns it.

    ``lang``: the language(s) kept, ``"fr"``, ``"fr,en"`` or ``"any"`` (detect, skip nothing).
    ``dedup``: one ``Deduplicator`` for the whole run, or None to keep duplicates.
    An article whose state is already ``skipped:...`` keeps it (it is still normalised).

    ``Article("a", "L’opérateur a racheté Numergy le 3 juin.Le groupe…", published="3 juin 2015")``
    -> text ``"L'opérateur a racheté Numergy le 3 juin. Le groupe…"``, published ``"2015-06-03"``,
    ``extra["published_raw"] == "3 juin 2015"``, lang ``"fr"``, state ``"processed"``.
    """
    article.text = normalise(article.text)
    if article.title:
        article.title = normalise(article.title, trailing_blocks=False) or None

    if article.published is not None:
        article.extra.setdefault("published_raw", article.published)
        article.published = parse_date(article.published, article.extra.get("crawl_date"))

    if article.state != PROCESSED:
        if article.lang is None:
            article.lang = detect(article.text)[0]
        return article
    if not article.text:
        article.state = "skipped:empty_text"
        return article

    wanted = None if lang == ANY else _wanted(lang)
    article.lang, skip = language_decision(article.text, wanted)
    if skip is not None:
        article.state = f"skipped:{skip}"
        return article

    if dedup is not None:
        first = dedup.check(article)
        if first is not None:
            article.state = f"skipped:duplicate_of={first}"
            return article

    article.state = PROCESSED
    return article


def prepare_all(
    records: Iterable[Article | Quarantined], *, lang: str = "fr", dedup: bool = True
) -> Iterator[Article | Quarantined]:
    """``prepare`` every Article of a stream (one Deduplicator for all); Quarantined pass through.

    ``run_pipeline(prepare_all(iter_records(inputs, fields), lang="fr"), out)``. A bad ``lang``
    raises E050 at once, before any record is read.
    """
    if lang != ANY:
        _wanted(lang)  # E050 now, not at the first record
    return _prepare_stream(records, lang, Deduplicator() if dedup else None)


def _prepare_stream(
    records: Iterable[Article | Quarantined], lang: str, dedup: Deduplicator | None
) -> Iterator[Article | Quarantined]:
    for record in records:
        yield prepare(record, lang=lang, dedup=dedup) if isinstance(record, Article) else record
