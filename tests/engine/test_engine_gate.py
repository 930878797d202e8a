"""The lexical gate: which sentences reach the parser, and the text the parser reads.

No model: the gate reads surface forms only. It is built as the engine builds it, from the
trigger lexicon and the gazetteer.
"""

from __future__ import annotations

import pytest

from pipeline.engine.gating import default_gate, lexicon_entries
from pipeline.prepare.gate import Gate, blank


@pytest.fixture(scope="module")
def gate() -> Gate:
    return default_gate()


@pytest.mark.parametrize(
    "text",
    [
        "Orange a racheté Cloudwatt.",
        "Orange a racheté la société.",  # the company opens the sentence
        "Numericable-SFR reprend l'intégralité des parts détenues par Atos.",
        "La Caisse des dépôts a cédé 33 % de Numergy.",
        "Vivendi détient 26 % du capital de Telecom Italia.",
        "SFR est une filiale d'Altice.",
        "Microsoft va s'offrir LinkedIn pour 26 milliards de dollars.",
        "Le fonds Eurazeo a pris le contrôle de l'enseigne Fnac.",
        "La start-up Mistral AI a bouclé une levée de fonds de 385 millions d'euros.",
        "Atos et Bull vont fusionner.",
        "Rachat de Cloudwatt par Orange",  # a headline that opens with its trigger
        "« Orange rachète la société », a confirmé Stéphane Richard.",
        "Le groupe américain a finalisé l'acquisition de la start-up a16z.",  # a lower-case gazetteer name
    ],
)
def test_event_sentences_are_kept(gate: Gate, text: str) -> None:
    decision = gate.decide(text)
    assert decision.n_hits == 1
    assert decision.spans == ((0, len(text)),)


@pytest.mark.parametrize(
    "text",
    [
        "Il pleut sur Paris depuis trois jours.",  # no trigger form
        "Les ventes de smartphones ont reculé de 3 % au deuxième trimestre.",  # a trigger form, no company
        "Le groupe a racheté la société.",  # a trigger form, but no company named here or just before
        "Le maire Cédric Dupont a inauguré le nouveau musée.",  # "Cédric" is a name, not a form of céder
        "",
    ],
)
def test_other_sentences_are_dropped(gate: Gate, text: str) -> None:
    decision = gate.decide(text)
    assert decision.spans == ()
    assert gate.gated_text(text) is None


def test_a_description_finds_its_company_in_the_sentence_before(gate: Gate) -> None:
    text = "Le fonds KKR lorgne Darty. Le groupe a racheté la société."
    decision = gate.decide(text)
    assert decision.n_hits == 1
    assert decision.spans == ((0, len(text)),)  # the hit and the sentence before it, for coreference


@pytest.mark.parametrize("anaphor", ["Ce dernier", "Le premier", "La seconde"])
def test_an_ordinal_anaphor_keeps_the_sentence_before(gate: Gate, anaphor: str) -> None:
    """"Ce dernier a été racheté par Vivendi": the company it stands for is named just before."""
    text = f"Le salon ouvre lundi. Deezer et Napster ont souffert. {anaphor} a été racheté par Vivendi."
    assert gate.decide(text).spans == ((text.index("Deezer"), len(text)),)


def test_a_hit_that_names_its_companies_needs_no_context(gate: Gate) -> None:
    text = "Le salon ouvre lundi à Lyon. Renault y expose un prototype. Orange a racheté Cloudwatt."
    assert gate.decide(text).spans == ((text.index("Orange"), len(text)),)


def test_context_and_blanks_keep_offsets(gate: Gate) -> None:
    text = (
        "Le salon ouvre ses portes lundi à Lyon. Il accueille cent exposants. "
        "Le constructeur Renault expose un prototype. L'opérateur Orange a racheté la société Cloudwatt. "
        "Le temps sera beau. Les visiteurs sont attendus nombreux."
    )
    hit = text.index("L'opérateur")
    before = text.index("Le constructeur")
    gated = gate.gated_text(text)
    assert gated is not None
    # the hit and one sentence of context, at their own offsets
    assert gated[before:].startswith(text[before : text.index(".", hit) + 1])
    # what comes before is blanked with spaces ending with a line break, what comes after is cut
    assert gated[:before].strip() == ""
    assert gated[before - 1] == "\n"
    assert len(gated) == text.index(".", hit) + 1


def test_an_update_line_is_kept(gate: Gate) -> None:
    text = (
        "Orange a annoncé le rachat de Cloudwatt.\nLe marché du cloud est en forte croissance.\n"
        "Les analystes restent prudents.\n[MàJ 14h] L'opération est désormais finalisée."
    )
    gated = gate.gated_text(text)
    assert gated is not None
    update = text.index("[MàJ")
    assert gated[update:] == text[update:]
    assert "analystes" not in gated and "croissance" not in gated


def test_blank_keeps_length_and_line_breaks() -> None:
    text = "A rachète B.\nIl pleut.\nC cède D."
    out = blank(text, [(0, 12), (23, 32)])
    assert len(out) == len(text)
    assert out[:12] == text[:12] and out[23:] == text[23:]
    assert out[12:23] == "\n         \n"
    assert blank("A rachète B. Il pleut. C cède D.", [(0, 12), (23, 32)]) == "A rachète B.          \nC cède D."


def test_every_lexicon_phrase_compiles_into_the_gate() -> None:
    entries = lexicon_entries()
    gate = Gate.from_lexicon(entries)
    phrases = [e for e in entries if "phrase" in e]
    assert gate.phrase_re is not None and gate.phrase_re.pattern.count("(?:") >= len(phrases)
    assert gate.word_re is not None


@pytest.mark.parametrize("word", ["rachète", "Rachat", "acquisitions", "cédé", "détient", "filiale", "fusionné", "investi"])
def test_trigger_words(gate: Gate, word: str) -> None:
    assert gate.is_trigger_word(word)


@pytest.mark.parametrize("word", ["pleut", "marché", "rachitique", "Paris"])
def test_not_trigger_words(gate: Gate, word: str) -> None:
    assert not gate.is_trigger_word(word)


def test_sentences_split_glued_lines_and_punctuation() -> None:
    text = "Orange rachète Cloudwatt\nL'opérateur paie 10 M€. Le rachat est finalisé !  Fin"
    spans = Gate.sentences(text)
    assert [text[s:e] for s, e in spans] == ["Orange rachète Cloudwatt", "L'opérateur paie 10 M€.", "Le rachat est finalisé !", "Fin"]
