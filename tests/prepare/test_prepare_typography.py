"""Typography: apostrophes, spaces, invisible characters, glued sentences, trailing promo blocks."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.prepare.typography import (
    clean_characters,
    normalise,
    normalise_counted,
    repair_glued_sentences,
    strip_trailing_blocks,
)

SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds" / "numerama-cloud-souverain.txt"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("L’opérateur l’a confirmé", "L'opérateur l'a confirmé"),
        ("aujourdʼhui, l‘État", "aujourd'hui, l'État"),
        ("le «\u00a0cloud souverain\u00a0»", "le « cloud souverain »"),
        ("le «\u202fcloud\u202f» coûte 20\u2009%", "le « cloud » coûte 20 %"),
        ("Orange   rachète\t\tCloudwatt", "Orange rachète Cloudwatt"),
        ("Cloud\u200bwatt et Nu\u00admergy\ufeff", "Cloudwatt et Numergy"),
        ("Orange\x07 rachète\x1b Cloudwatt\x7f", "Orange rachète Cloudwatt"),
        ("un\r\ndeux\rtrois", "un\ndeux\ntrois"),
        ("un  \n  deux\n\n\n\n\ntrois", "un\ndeux\n\ntrois"),
        ("Socie\u0301te\u0301 Ge\u0301ne\u0301rale", "Société Générale"),  # NFC
        ("  bord  ", "bord"),
    ],
)
def test_clean_characters(raw: str, clean: str) -> None:
    assert clean_characters(raw) == clean


@pytest.mark.parametrize(
    ("raw", "repaired"),
    [
        ("les 13 et 14 juin prochains.Le musée", "les 13 et 14 juin prochains. Le musée"),
        ("le rachat est finalisé.L'opérateur", "le rachat est finalisé. L'opérateur"),
        ("a indiqué le CNRS.Les chercheurs", "a indiqué le CNRS. Les chercheurs"),
        ("en 2019.Depuis", "en 2019. Depuis"),
        ("selon l'AFP (AFP).Le groupe", "selon l'AFP (AFP). Le groupe"),
        ('a-t-il dit "non".La société', 'a-t-il dit "non". La société'),
        ("il est parti...Le lendemain", "il est parti... Le lendemain"),
        ("vraiment ?Non", "vraiment ? Non"),
        ("enfin!Le", "enfin! Le"),
        ("à 300 km/h.Rappelons", "à 300 km/h. Rappelons"),
        ("200.000.Pour", "200.000. Pour"),
        ("hausse de 12 %.Les", "hausse de 12 %. Les"),
        ("fin juin.«Nous", "fin juin. «Nous"),
        # a wire subhead's closing dash glued to the next sentence (session 5)
        ("- Vols suspendus -Le constructeur", "- Vols suspendus - Le constructeur"),
        ('- "Capacité d\'investissement" -Rossel conserverait', '- "Capacité d\'investissement" - Rossel conserverait'),
    ],
)
def test_glued_sentences_are_repaired(raw: str, repaired: str) -> None:
    assert repair_glued_sentences(raw) == (repaired, 1)


@pytest.mark.parametrize(
    "text",
    [
        "M.Dupont a signé",  # a title
        "J.K.Rowling a écrit",  # initials
        "la S.A.R.L.Dupont",  # dotted abbreviation
        "une hausse de 3.5 points",  # decimal
        "sur Numerama.com et Numerama.Com",  # domain names
        "voir https://www.exemple.fr/Tech/Article.Html",  # URL
        "écrire à contact@exemple.fr.Merci",  # e-mail
        "Mme.Durand et Dr.House",  # abbreviations from the data file
        "Yahoo!Finance",  # a brand with its punctuation
        "Ceci est une phrase. Celle-ci aussi.",  # nothing glued
        "Saint-Denis, Aix-en-Provence et le PSG - Lyon",  # compounds and a spaced dash
    ],
)
def test_not_sentence_ends_are_left_alone(text: str) -> None:
    assert repair_glued_sentences(text) == (text, 0)


def test_several_repairs_are_counted() -> None:
    text, n = repair_glued_sentences("Orange a racheté Cloudwatt.Le groupe confirme.La firme aussi.")
    assert n == 2
    assert text == "Orange a racheté Cloudwatt. Le groupe confirme. La firme aussi."


ARTICLE = (
    "Orange a finalisé le rachat de Cloudwatt, dont il détenait déjà 44 % du capital.\n"
    "L'opérateur a racheté les parts de Thales et de la Caisse des dépôts, a-t-il indiqué lundi dans un "
    "communiqué, sans préciser le montant de la transaction."
)


@pytest.mark.parametrize(
    "tail",
    [
        "Vous avez lu 3 articles ce mois-ci\nAbonnez-vous pour lire la suite.",
        "+ simple, + rapide, + complet\nDécouvrez les avantages de La Gazette+.\nVous avez lu 0 articles sur La Gazette ce mois-ci\n"
        "L'information a un coût.\nC'est pourquoi nous comptons sur vous.\nSoutenez notre journalisme.\n"
        "Si vous avez aimé cet article, vous aimerez les suivants.",
        "La suite de cet article est réservée aux abonnés.",
        "Inscrivez-vous à notre newsletter quotidienne\nRecevez chaque matin l'essentiel de l'actualité.",
        "À lire aussi : les dix startups françaises de l'année\n© 2024 La Gazette - Tous droits réservés",
        "Suivez-nous sur les réseaux sociaux",
    ],
)
def test_trailing_promotional_blocks_are_removed(tail: str) -> None:
    assert strip_trailing_blocks(ARTICLE + "\n" + tail) == ARTICLE


@pytest.mark.parametrize(
    "text",
    [
        ARTICLE,
        # a cue in the middle of the article, followed by long article paragraphs, stays
        "Orange a racheté Cloudwatt.\nÀ lire aussi : le cloud souverain\n"
        + ("Le groupe veut intégrer la société. " * 12 + "\n") * 3,
        # a promotional-looking line alone is not removed when it is the whole text
        "Abonnez-vous à notre newsletter",
        # a newsletter mentioned in a long article paragraph is news, not promotion
        ARTICLE + "\nLe groupe lancera aussi une newsletter destinée aux entreprises clientes, a précisé sa directrice "
        "de la communication, qui promet des contenus exclusifs, des analyses de marché et des études de cas "
        "sur les usages du cloud dans les administrations et les grandes entreprises du pays, dès la rentrée.",
    ],
)
def test_article_text_is_never_removed(text: str) -> None:
    assert strip_trailing_blocks(text) == text


def test_normalise_whole_article() -> None:
    raw = "L’opérateur a racheté Numergy le 3\u00a0juin.Le groupe s’en félicite.\nAbonnez-vous à notre newsletter"
    assert normalise(raw) == "L'opérateur a racheté Numergy le 3 juin. Le groupe s'en félicite."
    # titles keep their words
    assert normalise("Abonnez-vous : l’offre", trailing_blocks=False) == "Abonnez-vous : l'offre"
    assert normalise(normalise(raw)) == normalise(raw)


@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not available")
def test_seed_article_tail_is_removed() -> None:
    raw = SEED.read_text(encoding="utf-8")
    text, _ = normalise_counted(raw)
    cleaned_lines = clean_characters(raw).split("\n")
    kept = text.split("\n")
    assert kept == cleaned_lines[: len(kept)]  # a prefix: nothing rewritten but the tail cut
    assert 5 <= len(kept) < len(cleaned_lines)
    assert "(44 %)" in text and "Vous avez lu" not in text and "Google News" not in text
    assert all(not line.startswith("+ ") for line in kept)
