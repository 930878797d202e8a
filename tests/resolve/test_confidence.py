"""pipeline/resolve/confidence.py: evidence features, the logistic fit, and its use by the pipeline."""

from __future__ import annotations

import pytest
from spacy.language import Language

from pipeline.engine import process_article
from pipeline.resolve import confidence as conf
from pipeline.schema import Article, Mention

SENTENCE = "Atos a racheté Bull pour 620 millions d'euros."


def mention(rule: str = "buy.active", owner_start: int | None = 0, target_start: int | None = 15, status_cue: str | None = None, sentence: str = SENTENCE, start: int = 100) -> Mention:
    return Mention(
        doc_id="d", event_type="acquisition", owner="Atos", target="Bull", seller=None, stake_pct=None, amount=None,
        currency=None, status="completed", sentence=sentence, sentence_start=start, trigger="racheté", trigger_start=start + 7,
        owner_start=None if owner_start is None else start + owner_start, target_start=None if target_start is None else start + target_start,
        status_cue=status_cue, rule=rule,
    )


def test_features_of_a_plain_active_purchase() -> None:
    f = conf.features("acquisition", "Atos", None, None, [mention()])
    assert f["bias"] == f["frame=buy"] == f["voice=active"] == f["type=acquisition"] == 1.0
    assert f["several_mentions"] == f["owner_from_elsewhere"] == f["context_target"] == f["no_owner"] == 0.0
    assert f["long_sentence"] == f["far_target"] == 0.0


def test_features_of_context_and_coreference() -> None:
    # the owner's position lies before the sentence: it was resolved from an earlier one
    m = mention(rule="buy.passive.context_target.inferred_seller", owner_start=-40, status_cue="projet")
    f = conf.features("acquisition", "Atos", "Bull SA", 20.0, [m, m])
    assert f["voice=passive"] == f["context_target"] == f["inferred_seller"] == 1.0
    assert f["owner_from_elsewhere"] == f["several_mentions"] == f["seller"] == f["stake"] == f["status_cue"] == 1.0
    assert f["target_from_elsewhere"] == 0.0


def test_long_sentence_and_far_target() -> None:
    long_sentence = SENTENCE + " " + "x" * 400
    f = conf.features("acquisition", None, None, float("nan"), [mention(target_start=200, sentence=long_sentence)])
    assert f["long_sentence"] == f["far_target"] == f["no_owner"] == 1.0 and f["stake"] == 0.0


def test_fit_learns_the_sign_of_a_telling_feature() -> None:
    rows = [{"bias": 1.0, "good": 1.0}] * 30 + [{"bias": 1.0, "good": 0.0}] * 30
    labels = [1] * 27 + [0] * 3 + [1] * 6 + [0] * 24
    assert conf.fit(rows, labels, l2=1.0)["good"] > 1.0
    weights = conf.fit(rows, labels, l2=0.01)  # nearly unpenalised: the rates of the data
    assert conf.probability(weights, {"bias": 1.0, "good": 1.0}) == pytest.approx(0.9, abs=0.05)
    assert conf.probability(weights, {"bias": 1.0, "good": 0.0}) == pytest.approx(0.2, abs=0.05)


def test_the_shipped_model_scores_events_and_the_pipeline_uses_it(nlp: Language) -> None:
    assert conf.load_model().get("weights"), "confidence.json holds fitted weights"
    events, mentions = process_article(nlp, Article(doc_id="c", text=SENTENCE))
    (event,) = events
    expected = conf.event_confidence(event.event_type, event.owner, event.seller, event.stake_pct, [m for m in mentions if m.event_id == event.event_id])
    assert expected is not None and 0.0 < expected < 1.0
    assert event.confidence == expected


def test_no_model_means_no_modelled_confidence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(conf, "load_model", lambda path=None: {"buckets": {}})
    assert conf.event_confidence("acquisition", "Atos", None, None, [mention()]) is None
