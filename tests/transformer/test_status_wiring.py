"""The status classifier is asked only where the rules guessed, and its answer goes through refine_status."""

from __future__ import annotations

from pipeline.engine.process import events_of_doc
from pipeline.schema import Article


class FixedModel:
    """Stands in for StatusClassifier: answers one label for every sentence and records the calls."""

    def __init__(self, label: str, prob: float) -> None:
        self.label, self.prob = label, prob
        self.asked: list[str] = []

    def predict(self, sentences: list[str]) -> list[tuple[str, float]]:
        self.asked.extend(sentences)
        return [(self.label, self.prob)] * len(sentences)


def _events(nlp, text: str, model: FixedModel | None):
    events, mentions = events_of_doc(nlp(text), Article(doc_id="d", text=text), model)
    return events, mentions


def test_unsure_status_is_refined(nlp) -> None:
    text = "Vivendi rachète Ubisoft."
    model = FixedModel("rumored", 0.95)
    events, mentions = _events(nlp, text, model)
    assert [e.status for e in events] == ["rumored"]
    assert model.asked == [text]
    assert mentions[0].status_cue == "trf:rumored:0.95"


def test_sure_status_is_kept_and_not_asked(nlp) -> None:
    model = FixedModel("rumored", 0.95)
    events, _ = _events(nlp, "Vivendi a finalisé le rachat d'Ubisoft.", model)
    assert [e.status for e in events] == ["completed"]
    assert model.asked == []


def test_low_confidence_and_no_event_change_nothing(nlp) -> None:
    for label, prob in (("cancelled", 0.5), ("no-event", 0.99)):
        events, _ = _events(nlp, "Vivendi rachète Ubisoft.", FixedModel(label, prob))
        assert [e.status for e in events] == ["completed"]


def test_holdings_are_never_asked(nlp) -> None:
    model = FixedModel("pending", 0.99)
    events, _ = _events(nlp, "Vivendi détient 27 % d'Ubisoft.", model)
    assert [(e.event_type, e.status) for e in events] == [("holding", None)]
    assert model.asked == []
