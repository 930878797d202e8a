"""The scorer on hand-made cases; every expected number is worked out in the test."""

from __future__ import annotations

import pytest
from evalkit import gdoc, gev, pev

from pipeline.evaluate.match import CONTAINED, EXACT, NO_MATCH, match_document, name_match, normalize_name
from pipeline.evaluate.metrics import evaluate


def numergy_gold():
    # the worked example of DESIGN.md, Numergy half
    return gdoc(
        "d1",
        gev("acquisition", ["Numericable-SFR", "SFR-Numericable"], "Numergy", "Atos", 20.0),
        gev(
            "acquisition", ["Numericable-SFR", "SFR-Numericable"], "Numergy", "Caisse des dépôts et consignations", 33.0
        ),
        gev("holding", ["Numericable-SFR"], "Numergy", None, 46.0, status=None),
    )


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("L'Oréal S.A.", ("oreal",)),
        ("le groupe Numericable-SFR", ("numericable", "sfr")),
        ("Groupe PSA", ("psa",)),
        ("Vivendi SE", ("vivendi",)),
        ("Caisse des Dépôts", ("caisse", "des", "depots")),
        ("Groupe", ("groupe",)),
    ],
)
def test_normalize_name(name, tokens):
    assert normalize_name(name) == tokens


@pytest.mark.parametrize(
    ("pred", "gold", "level"),
    [
        ("Orange SA", ["Orange"], EXACT),
        ("orange", ["Orange"], EXACT),
        ("SFR", ["Numericable-SFR"], CONTAINED),
        ("Caisse des dépôts", ["Caisse des dépôts et consignations"], CONTAINED),
        ("Orangina", ["Orange"], NO_MATCH),  # whole tokens only
        ("SFR-Numericable", ["Numericable-SFR"], NO_MATCH),  # different token order is an alias, not a match
        ("SFR-Numericable", ["Numericable-SFR", "SFR-Numericable"], EXACT),
        (None, None, EXACT),
        (None, ["Orange"], NO_MATCH),
        ("Orange", None, NO_MATCH),
    ],
)
def test_name_match(pred, gold, level):
    assert name_match(pred, gold) == level


def test_perfect():
    doc = numergy_gold()
    preds = {
        "d1": [
            pev("d1", "acquisition", "Numericable-SFR", "Numergy", "Atos", 20.0),
            pev("d1", "acquisition", "SFR-Numericable", "Numergy", "Caisse des dépôts et consignations", 33.0),
            pev("d1", "holding", "Numericable-SFR", "Numergy", None, 46.0, status=None),
        ]
    }
    r = evaluate([doc], preds)
    assert (r.core.tp, r.core.n_pred, r.core.n_gold) == (3, 3, 3)
    assert r.core.f1 == 1.0 and r.full.f1 == 1.0
    assert r.by_type["acquisition"].tp == 2 and r.by_type["holding"].tp == 1
    # owner: 3 gold, 3 pred; target: 3/3; seller: 2/2
    assert (r.by_role["owner"].tp, r.by_role["target"].tp, r.by_role["seller"].tp) == (3, 3, 2)
    assert r.status.to_json() == {"correct": 2, "total": 2, "accuracy": 1.0}  # the holding has no status
    assert r.stake.value == 1.0 and r.stake.total == 3
    assert r.status_confusion["completed"]["completed"] == 2 and r.status_confusion["null"]["null"] == 1


def test_empty_prediction():
    r = evaluate([numergy_gold(), gdoc("neg")], {})
    assert (r.core.tp, r.core.n_pred, r.core.n_gold) == (0, 0, 3)
    assert r.core.precision == 0.0 and r.core.recall == 0.0 and r.core.f1 == 0.0
    # the document without events predicted without events: 1 of 1 hard negative right
    assert (r.hard_negatives.correct, r.hard_negatives.total) == (1, 1)


def test_one_miss():
    doc = numergy_gold()
    preds = {
        "d1": [
            pev("d1", "acquisition", "Numericable-SFR", "Numergy", "Atos", 20.0),
            pev("d1", "holding", "Numericable-SFR", "Numergy", None, 46.0, status=None),
        ]
    }
    r = evaluate([doc], preds)
    # P = 2/2, R = 2/3, F1 = 2 * 1 * 2/3 / (1 + 2/3) = 0.8
    assert r.core.precision == 1.0
    assert r.core.recall == pytest.approx(2 / 3)
    assert r.core.f1 == pytest.approx(0.8)
    [m] = r.matches
    assert [g.seller for g in m.missed] == [("Caisse des dépôts et consignations",)]
    # seller arguments: gold 2, pred 1, right 1
    assert (r.by_role["seller"].tp, r.by_role["seller"].n_pred, r.by_role["seller"].n_gold) == (1, 1, 2)


def test_one_false_positive_and_hard_negative():
    gold = [gdoc("d1", gev("acquisition", "Orange", "Cloudwatt")), gdoc("neg")]
    preds = {
        "d1": [pev("d1", "acquisition", "Orange", "Cloudwatt"), pev("d1", "investment", "Orange", "Deezer")],
        "neg": [pev("neg", "acquisition", "Free", "Oui")],
    }
    r = evaluate(gold, preds)
    # 1 right of 3 predicted, 1 gold: P = 1/3, R = 1, F1 = 2 * (1/3) / (4/3) = 0.5
    assert r.core.precision == pytest.approx(1 / 3) and r.core.recall == 1.0 and r.core.f1 == pytest.approx(0.5)
    assert (r.hard_negatives.correct, r.hard_negatives.total) == (0, 1)
    assert r.by_type["investment"].n_pred == 1 and r.by_type["investment"].tp == 0
    assert sorted(p.owner for m in r.matches for p in m.false_positives) == ["Free", "Orange"]


def test_alias_and_containment_match():
    gold = [
        gdoc(
            "d1",
            gev("acquisition", ["Numericable-SFR", "SFR-Numericable"], "Numergy", "Caisse des dépôts et consignations"),
        )
    ]
    r = evaluate(
        gold, {"d1": [pev("d1", "acquisition", "le groupe SFR-Numericable", "Numergy SAS", "Caisse des dépôts")]}
    )
    assert r.core.tp == 1 and r.full.tp == 1  # seller matched by containment
    assert r.exact_names == 1


def test_merger_either_order_and_type_must_match():
    gold = [gdoc("d1", gev("merger", "Alcatel-Lucent", "Nokia", status="pending"))]
    r = evaluate(gold, {"d1": [pev("d1", "merger", "Nokia", "Alcatel-Lucent", status="pending")]})
    assert r.core.tp == 1 and r.full.tp == 1
    assert r.by_role["party"].tp == 2
    # the same reversed pair as an acquisition is a different event
    r = evaluate(
        [gdoc("d1", gev("acquisition", "Alcatel-Lucent", "Nokia"))],
        {"d1": [pev("d1", "acquisition", "Nokia", "Alcatel-Lucent")]},
    )
    assert r.core.tp == 0 and r.core.n_pred == 1 and r.core.n_gold == 1


def test_null_owner_matches_only_null_owner():
    gold = [gdoc("d1", gev("acquisition", None, "Numergy", "Atos"))]
    assert evaluate(gold, {"d1": [pev("d1", "acquisition", None, "Numergy", "Atos")]}).core.tp == 1
    assert evaluate(gold, {"d1": [pev("d1", "acquisition", "Orange", "Numergy", "Atos")]}).core.tp == 0


@pytest.mark.parametrize(("pred_stake", "ok"), [(20.0, True), (20.5, True), (19.5, True), (20.6, False), (None, False)])
def test_stake_tolerance(pred_stake, ok):
    gold = [gdoc("d1", gev("acquisition", "Numericable-SFR", "Numergy", "Atos", 20.0))]
    r = evaluate(gold, {"d1": [pev("d1", "acquisition", "Numericable-SFR", "Numergy", "Atos", pred_stake)]})
    assert r.core.tp == 1
    assert (r.stake.correct, r.stake.total) == (int(ok), 1)
    assert r.full.tp == int(ok)


def test_status_confusion():
    gold = [
        gdoc("a", gev("acquisition", "Orange", "Cloudwatt", status="completed")),
        gdoc("b", gev("acquisition", "Altice", "SFR", status="pending")),
        gdoc("c", gev("acquisition", "Bouygues", "SFR", status="cancelled")),
        gdoc("d", gev("investment", "Vivendi", "Ubisoft", stake=6.6, status="rumored")),
    ]
    preds = {
        "a": [pev("a", "acquisition", "Orange", "Cloudwatt", status="completed")],
        "b": [pev("b", "acquisition", "Altice", "SFR", status="completed")],
        "c": [pev("c", "acquisition", "Bouygues", "SFR", status="pending")],
        "d": [pev("d", "investment", "Vivendi", "Ubisoft", stake=6.6, status=None)],
    }
    r = evaluate(gold, preds)
    assert r.core.tp == 4
    # only "a" has the right status: 1 of 4; full events = 1 (status is part of full)
    assert (r.status.correct, r.status.total) == (1, 4)
    assert r.full.tp == 1
    cm = r.status_confusion
    assert cm["completed"]["completed"] == 1
    assert cm["pending"]["completed"] == 1
    assert cm["cancelled"]["pending"] == 1
    assert cm["rumored"]["null"] == 1
    assert sum(sum(row.values()) for row in cm.values()) == 4


def test_one_to_one_prefers_matching_seller():
    gold = [
        gdoc(
            "d1",
            gev("acquisition", "Orange", "Cloudwatt", "Caisse des dépôts"),
            gev("acquisition", "Orange", "Cloudwatt", "Thales"),
        )
    ]
    # predicted in the other order: greedy on seller agreement must pair them crosswise
    preds = {
        "d1": [
            pev("d1", "acquisition", "Orange", "Cloudwatt", "Thales"),
            pev("d1", "acquisition", "Orange", "Cloudwatt", "Caisse des dépôts"),
        ]
    }
    r = evaluate(gold, preds)
    assert r.core.tp == 2 and r.full.tp == 2 and r.seller.value == 1.0
    # a duplicate prediction cannot match twice
    m = match_document(
        "d1",
        [gev("acquisition", "Orange", "Cloudwatt")],
        [
            pev("d1", "acquisition", "Orange", "Cloudwatt", event_id="x"),
            pev("d1", "acquisition", "Orange", "Cloudwatt", event_id="y"),
        ],
    )
    assert len(m.pairs) == 1 and len(m.false_positives) == 1


def test_exact_names_preferred_over_containment():
    gold = [
        gdoc(
            "d1",
            gev("holding", "SFR", "Numergy", status=None),
            gev("holding", "Numericable-SFR", "Numergy", status=None),
        )
    ]
    preds = {
        "d1": [
            pev("d1", "holding", "SFR", "Numergy", stake=1.0, status=None),
            pev("d1", "holding", "Numericable-SFR", "Numergy", status=None),
        ]
    }
    m = evaluate(gold, preds).matches[0]
    assert {(m.gold[p.gold].owner, m.pred[p.pred].owner) for p in m.pairs} == {
        (("SFR",), "SFR"),
        (("Numericable-SFR",), "Numericable-SFR"),
    }


def test_precision_at_confidence():
    gold = [gdoc("d1", gev("acquisition", "Orange", "Cloudwatt"))]
    preds = {
        "d1": [
            pev("d1", "acquisition", "Orange", "Cloudwatt", confidence=0.9),
            pev("d1", "acquisition", "Free", "Oui", confidence=0.6),
            pev("d1", "holding", "Free", "Oui", confidence=0.3),
        ]
    }
    r = evaluate(gold, preds)
    assert r.core.precision == pytest.approx(1 / 3)
    assert r.at_confidence[0.5].precision == pytest.approx(1 / 2)
    assert r.at_confidence[0.8].precision == 1.0 and r.at_confidence[0.8].recall == 1.0


def test_predictions_outside_gold_are_ignored():
    r = evaluate(
        [gdoc("d1", gev("acquisition", "Orange", "Cloudwatt"))],
        {"d1": [pev("d1", "acquisition", "Orange", "Cloudwatt")], "other": [pev("other", "merger", "A", "B")]},
    )
    assert r.core.precision == 1.0 and r.pred_docs_not_in_gold == 1
    assert r.to_json()["core"]["f1"] == 1.0
