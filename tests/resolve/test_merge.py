"""Mentions -> events: one event per seller, seller-less statements folded, stake per seller."""

from __future__ import annotations

from spacy.language import Language

from pipeline.engine import process_article
from pipeline.resolve.merge import Resolved, merge
from pipeline.schema import Article, Mention


def test_seller_less_statement_is_a_mention_of_each_seller_event(nlp: Language) -> None:
    text = (
        "L'ensemble du capital de Numergy est racheté par SFR.\n"
        "SFR récupère la part d'Atos (20 %) et celle de Bull (33 %)."
    )
    events, mentions = process_article(nlp, Article(doc_id="merge", text=text))
    got = {(e.event_type, e.owner, e.target, e.seller, e.stake_pct, e.n_mentions) for e in events}
    assert got == {("acquisition", "SFR", "Numergy", "Atos", 20.0, 2), ("acquisition", "SFR", "Numergy", "Bull", 33.0, 2)}
    assert {m.event_id for m in mentions} == {e.event_id for e in events}
    assert len(mentions) == 4


def test_one_event_per_seller_with_its_own_stake(nlp: Language) -> None:
    text = "Atos possède 20 % de Numergy. Bull, qui détenait 33 % de Numergy, a cédé sa part à SFR."
    events, _ = process_article(nlp, Article(doc_id="merge", text=text))
    got = {(e.event_type, e.owner, e.target, e.seller, e.stake_pct) for e in events}
    assert got == {
        ("holding", "Atos", "Numergy", None, 20.0),
        ("holding", "Bull", "Numergy", None, 33.0),
        ("acquisition", "SFR", "Numergy", "Bull", 33.0),
    }


def test_repeated_statements_make_one_event(nlp: Language) -> None:
    text = "Microsoft rachète LinkedIn.\nLe rachat de LinkedIn par Microsoft a été finalisé en décembre."
    events, mentions = process_article(nlp, Article(doc_id="merge", text=text))
    assert [(e.owner, e.target, e.n_mentions, e.status) for e in events] == [("Microsoft", "LinkedIn", 2, "completed")]
    assert len(mentions) == 2


def _mention(owner: str | None, target: str, seller: str | None, stake: float | None, status: str, start: int) -> Mention:
    return Mention(
        doc_id="d",
        event_type="acquisition",
        owner=owner,
        target=target,
        seller=seller,
        stake_pct=stake,
        amount=None,
        currency=None,
        status=status,
        sentence=f"phrase {start}",
        sentence_start=start,
        trigger="rachète",
        trigger_start=start,
        rule="buy.active",
    )


def _resolved(m: Mention, order: int, explicit: bool = True, update: bool = False) -> Resolved:
    def key(name: str | None) -> str | None:
        return name.lower() if name else None

    return Resolved(m, key(m.owner), key(m.target), key(m.seller), order, explicit, update, False, False)


def test_merge_folds_seller_less_and_keeps_each_seller_stake() -> None:
    items = [
        _resolved(_mention("SFR", "Numergy", None, 100.0, "completed", 0), 0),
        _resolved(_mention("SFR", "Numergy", "Atos", 20.0, "completed", 10), 1),
        _resolved(_mention("SFR", "Numergy", "Bull", 33.0, "completed", 20), 2),
    ]
    events, mentions = merge("d", items)
    assert sorted((e.seller, e.stake_pct, e.n_mentions) for e in events) == [("Atos", 20.0, 2), ("Bull", 33.0, 2)]
    assert len(mentions) == 4
    assert len({e.event_id for e in events}) == 2


def test_merge_seller_less_event_stands_when_no_seller_is_named() -> None:
    events, _ = merge("d", [_resolved(_mention("SFR", "Numergy", None, 100.0, "completed", 0), 0)])
    assert [(e.owner, e.seller, e.stake_pct) for e in events] == [("SFR", None, 100.0)]


def test_merge_owner_less_sale_joins_the_event_that_names_the_buyer() -> None:
    items = [
        _resolved(_mention(None, "Numergy", "Atos", None, "completed", 0), 0),
        _resolved(_mention("SFR", "Numergy", "Atos", 20.0, "completed", 10), 1),
    ]
    events, _ = merge("d", items)
    assert [(e.owner, e.seller, e.n_mentions) for e in events] == [("SFR", "Atos", 2)]


def test_merge_latest_explicit_status_and_updates_win() -> None:
    planned = _resolved(_mention("SFR", "Numergy", None, None, "pending", 0), 0)
    done = _resolved(_mention("SFR", "Numergy", None, None, "completed", 10), 1)
    assert merge("d", [planned, done])[0][0].status == "completed"
    update = _resolved(_mention("SFR", "Numergy", None, None, "completed", 0), 0, update=True)
    later = _resolved(_mention("SFR", "Numergy", None, None, "pending", 10), 1)
    assert merge("d", [update, later])[0][0].status == "completed"


def test_event_ids_are_stable() -> None:
    def run() -> list[str]:
        events, _ = merge("d", [_resolved(_mention("SFR", "Numergy", "Atos", 20.0, "completed", 0), 0)])
        return [e.event_id for e in events]

    assert run() == run()
