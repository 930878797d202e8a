"""prepare(): one call per article sets clean text, language, date and state."""

from __future__ import annotations

from pipeline.prepare import Deduplicator, prepare
from pipeline.schema import Article

FRENCH = (
    "L’opérateur a racheté Numergy le 3\u00a0juin.Le groupe détenait déjà 46 % de la société, dont il "
    "récupère les parts d’Atos et de la Caisse des dépôts, selon le quotidien économique.\n"
    "Abonnez-vous à notre newsletter"
)
ENGLISH = (
    "The operator bought Numergy on June 3. The group already owned 46 percent of the company and takes "
    "over the stakes of Atos and of the public bank, according to the business daily."
)


def test_french_article_is_processed() -> None:
    article = prepare(
        Article("a", FRENCH, title="Numergy  passe sous le contrôle de l’opérateur", published="3 juin 2015")
    )
    assert article.state == "processed"
    assert article.lang == "fr"
    assert article.text.startswith("L'opérateur a racheté Numergy le 3 juin. Le groupe")
    assert "newsletter" not in article.text
    assert article.title == "Numergy passe sous le contrôle de l'opérateur"
    assert article.published == "2015-06-03"
    assert article.extra["published_raw"] == "3 juin 2015"


def test_other_language_is_skipped_unless_any() -> None:
    assert prepare(Article("e", ENGLISH)).state == "skipped:lang=en"
    kept = prepare(Article("e", ENGLISH), lang="any")
    assert (kept.state, kept.lang) == ("processed", "en")
    assert prepare(Article("e", ENGLISH), lang="fr,en").state == "processed"


def test_duplicates_are_skipped() -> None:
    dedup = Deduplicator()
    first = prepare(Article("a", FRENCH, url="https://ex.fr/a"), dedup=dedup)
    copy = prepare(Article("b", FRENCH.replace("’", "'"), url="https://autre.example.com/b"), dedup=dedup)
    same_url = prepare(
        Article("c", "Un tout autre texte, écrit pour ce test, sur le même rachat.", url="https://ex.fr/a/"),
        dedup=dedup,
    )
    assert first.state == "processed"
    assert copy.state == "skipped:duplicate_of=a"
    assert same_url.state == "skipped:duplicate_of=a"


def test_lang_skip_comes_before_dedup() -> None:
    dedup = Deduplicator()
    prepare(Article("e1", ENGLISH), dedup=dedup)
    assert prepare(Article("e2", ENGLISH), dedup=dedup).state == "skipped:lang=en"
    assert len(dedup) == 0


def test_relative_date_uses_crawl_date() -> None:
    article = prepare(Article("a", FRENCH, published="il y a 3 jours", extra={"crawl_date": "2015-03-16T09:30:00Z"}))
    assert article.published == "2015-03-13"
    assert article.extra["published_raw"] == "il y a 3 jours"


def test_unparseable_date_keeps_raw() -> None:
    article = prepare(Article("a", FRENCH, published="date inconnue"))
    assert article.published is None
    assert article.extra["published_raw"] == "date inconnue"


def test_empty_after_normalisation() -> None:
    article = prepare(Article("a", "\u200b\u00a0\x07"))
    assert article.state == "skipped:empty_text"
    assert article.text == ""


def test_existing_skip_state_is_kept() -> None:
    article = prepare(Article("a", FRENCH, state="skipped:resumed"))
    assert article.state == "skipped:resumed"
    assert article.lang == "fr"


def test_prepare_is_idempotent() -> None:
    dedup = Deduplicator()
    once = prepare(Article("a", FRENCH, published="3 juin 2015"), dedup=dedup)
    text, published, raw = once.text, once.published, once.extra["published_raw"]
    twice = prepare(once, dedup=dedup)
    assert (twice.text, twice.published, twice.extra["published_raw"], twice.state) == (
        text,
        published,
        raw,
        "processed",
    )


def test_prepare_all_streams_and_checks_lang_first() -> None:
    import pytest

    from pipeline.errors import RachatError
    from pipeline.prepare import prepare_all
    from pipeline.schema import Quarantined

    bad = Quarantined("d.jsonl", "d.jsonl:2", "malformed JSON", "{")
    out = list(prepare_all([Article("a", FRENCH), bad, Article("b", FRENCH), Article("e", ENGLISH)]))
    assert [getattr(r, "state", None) for r in out] == ["processed", None, "skipped:duplicate_of=a", "skipped:lang=en"]
    assert out[1] is bad
    assert [r.state for r in prepare_all([Article("a", FRENCH), Article("b", FRENCH)], dedup=False)] == [
        "processed"
    ] * 2  # type: ignore[union-attr]
    with pytest.raises(RachatError, match="E050"):
        prepare_all([], lang="français")
