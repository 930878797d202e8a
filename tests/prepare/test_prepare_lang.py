"""Language detection: French kept, other languages skipped, short texts treated leniently."""

from __future__ import annotations

import pytest

from pipeline.errors import RachatError
from pipeline.prepare.lang import detect, language_decision, parse_lang_option

FRENCH = (
    "Orange a finalisé le rachat de Cloudwatt, la société de cloud souverain dont il détenait déjà 44 % du capital. "
    "L'opérateur a racheté les parts de Thales et de la Caisse des dépôts, selon un communiqué publié lundi."
)
ENGLISH = (
    "Orange has completed its acquisition of Cloudwatt, the sovereign cloud company in which it already owned "
    "44 percent. The operator bought the stakes held by Thales and the public bank, according to a statement."
)
GERMAN = (
    "Der französische Konzern Orange hat die Übernahme des Cloud-Anbieters Cloudwatt abgeschlossen und die "
    "Anteile von Thales und der staatlichen Bank gekauft, wie das Unternehmen am Montag mitteilte."
)
SPANISH = (
    "La empresa francesa Orange ha completado la compra de Cloudwatt, la sociedad de nube soberana de la que ya "
    "poseía el 44 % del capital, según un comunicado publicado el lunes por la compañía."
)


@pytest.mark.parametrize(("text", "lang"), [(FRENCH, "fr"), (ENGLISH, "en"), (GERMAN, "de"), (SPANISH, "es")])
def test_detect(text: str, lang: str) -> None:
    detected, prob = detect(text)
    assert detected == lang
    assert 0.5 < prob <= 1.0


def test_detect_without_letters() -> None:
    assert detect("12 345 — 67 %") == ("und", 0.0)


@pytest.mark.parametrize(
    ("text", "skip"),
    [(FRENCH, None), (ENGLISH, "lang=en"), (GERMAN, "lang=de"), (SPANISH, "lang=es")],
)
def test_language_decision_french_only(text: str, skip: str | None) -> None:
    assert language_decision(text, frozenset({"fr"}))[1] == skip


def test_language_decision_several_or_any() -> None:
    assert language_decision(ENGLISH, frozenset({"fr", "en"})) == ("en", None)
    assert language_decision(GERMAN, None) == ("de", None)
    assert language_decision(FRENCH, frozenset({"en"})) == ("fr", "lang=fr")


@pytest.mark.parametrize("text", ["Orange rachète Cloudwatt", "Bonjour", "Netflix", "OK", "Apple Inc. annonce"])
def test_short_uncertain_texts_are_not_skipped(text: str) -> None:
    assert language_decision(text, frozenset({"fr"}))[1] is None


def test_short_confident_text_is_skipped() -> None:
    text = "Der Konzern übernimmt die Firma für drei Milliarden Euro"
    assert language_decision(text, frozenset({"fr"})) == ("de", "lang=de")


@pytest.mark.parametrize(("value", "codes"), [("fr", {"fr"}), ("FR, en", {"fr", "en"}), ("any", None), (" Any ", None)])
def test_parse_lang_option(value: str, codes: set[str] | None) -> None:
    parsed = parse_lang_option(value)
    assert (None if parsed is None else set(parsed)) == codes


@pytest.mark.parametrize("value", ["", "français", "f", "fr;en", ","])
def test_parse_lang_option_errors(value: str) -> None:
    with pytest.raises(RachatError, match="E050"):
        parse_lang_option(value)
