"""Sellers the article gives elsewhere than in the sentence of the purchase (issue 4)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from pipeline.engine import process_article
from pipeline.schema import Article

Row = tuple[str, str | None, str | None, str | None]


def rows(nlp: Language, text: str) -> set[Row]:
    events, mentions = process_article(nlp, Article(doc_id="sellers", text=text))
    by_event = {e.event_id: e for e in events}
    for m in mentions:  # the mentions carry the seller their event shows
        assert m.seller == by_event[m.event_id].seller
    return {(e.event_type, e.owner, e.target, e.seller) for e in events}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the one company an owner-less sale names sells to the buyer of the same target
        (
            "Le groupe chinois Baolan doit céder l'application Klipto. Kestrel négocie le rachat de Klipto.",
            {("acquisition", "Kestrel", "Klipto", "Baolan")},
        ),
        # the company that controls the target sells it
        (
            "Opel, la filiale de General Motors, perd de l'argent. PSA a racheté Opel.",
            {("holding", "General Motors", "Opel", None), ("acquisition", "PSA", "Opel", "General Motors")},
        ),
        # a past owner ("appartenait") sold a completed purchase, not a pending one
        (
            "En 2010, Skype appartenait à eBay, et a été racheté par Silver Lake. Microsoft veut racheter Skype.",
            {
                ("holding", "eBay", "Skype", None),
                ("acquisition", "Silver Lake", "Skype", "eBay"),
                ("acquisition", "Microsoft", "Skype", None),
            },
        ),
        # the holdings a deal will create come from the company the buyer acquires
        (
            "Vivendi rachète Lagardère pour 6 milliards d'euros. Une fois l'accord conclu, Vivendi "
            "détiendra les studios Pixel Factory et Lumen Pictures.",
            {
                ("acquisition", "Vivendi", "Lagardère", None),
                ("acquisition", "Vivendi", "Pixel Factory", "Lagardère"),
                ("acquisition", "Vivendi", "Lumen Pictures", "Lagardère"),
            },
        ),
        # two controlling holders: no guess
        (
            "Numergy appartient à SFR. Numergy appartient aussi à Bull. Atos a racheté Numergy.",
            {("holding", "SFR", "Numergy", None), ("holding", "Bull", "Numergy", None), ("acquisition", "Atos", "Numergy", None)},
        ),
    ],
)
def test_inferred_seller(nlp: Language, text: str, expected: set[Row]) -> None:
    assert rows(nlp, text) == expected
