"""StatusClassifier on a tiny random checkpoint: labels, forced predictions, long sentences."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from pipeline.errors import RachatError

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

from pipeline.annotate.transformer.status import STATUS_LABELS, StatusClassifier  # noqa: E402

pytestmark = pytest.mark.trf


@pytest.fixture(scope="module")
def classifier(tiny_status: Path) -> StatusClassifier:
    return StatusClassifier(tiny_status, device="cpu", batch_size=2, max_length=32, stride=4)


def test_labels_are_normalised(classifier: StatusClassifier) -> None:
    # the checkpoint says "no_event"
    assert classifier.labels == list(STATUS_LABELS)


def test_predict_returns_a_status_and_a_probability_per_sentence(classifier: StatusClassifier) -> None:
    sentences = ["Iliad pourrait racheter Jaguar Network .", "Le temps est beau .", "Orange renonce à Cloudwatt ."]
    preds = classifier.predict(sentences)
    assert len(preds) == 3
    for label, prob in preds:
        assert label in STATUS_LABELS and 0.0 < prob <= 1.0
    probs = classifier.predict_proba(sentences)
    assert all(sum(row) == pytest.approx(1.0) for row in probs)
    assert classifier.predict([]) == []


def test_forced_head_predicts_its_label(classifier: StatusClassifier) -> None:
    head = classifier.model.classifier
    saved = (head.weight.detach().clone(), head.bias.detach().clone())
    try:
        with torch.no_grad():
            head.weight.zero_()
            head.bias.copy_(torch.tensor([0.0, 0.0, 6.0, 0.0, 0.0]))
        ((label, prob),) = classifier.predict(["Selon la presse , Vivendi pourrait monter au capital d'Ubisoft ."])
        assert label == "rumored"
        assert prob == pytest.approx(torch.softmax(head.bias, 0)[2].item(), abs=1e-5)
    finally:
        with torch.no_grad():
            head.weight.copy_(saved[0])
            head.bias.copy_(saved[1])


def test_long_sentence_is_read_in_windows_not_cut(
    classifier: StatusClassifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the cue that matters ("renonce") comes after many words: a truncating classifier never sees it
    long = " ".join(["Orange rachète Cloudwatt à la Caisse des dépôts et à Thales ."] * 8) + " Orange renonce ."
    assert len(classifier.tokenizer(long)["input_ids"]) > 3 * classifier.max_length
    cue = classifier.tokenizer.convert_tokens_to_ids("renonce")

    def forward(input_ids: Any, attention_mask: Any = None, **_: Any) -> SimpleNamespace:
        logits = torch.zeros((input_ids.shape[0], len(STATUS_LABELS)))
        for row, ids in enumerate(input_ids.tolist()):
            logits[row, STATUS_LABELS.index("cancelled" if cue in ids else "completed")] = 20.0
        return SimpleNamespace(logits=logits)

    monkeypatch.setattr(classifier.model, "forward", forward)
    (probs,) = classifier.predict_proba([long])
    n_windows = len(
        classifier.tokenizer(long, truncation=True, max_length=32, stride=4, return_overflowing_tokens=True)[
            "input_ids"
        ]
    )
    assert n_windows > 3
    # one window holds the cue: its probability is averaged in, not dropped
    assert probs[STATUS_LABELS.index("cancelled")] == pytest.approx(1 / n_windows, abs=1e-3)
    assert classifier.predict([long])[0][0] == "completed"


def test_missing_checkpoint(tmp_path: Path) -> None:
    with pytest.raises(RachatError, match="E020"):
        StatusClassifier(tmp_path / "absent")


def test_ner_checkpoint_is_not_a_status_classifier(tiny_ner: Path) -> None:
    with pytest.raises(RachatError, match="E076"):
        StatusClassifier(tiny_ner)
