"""Status of an ownership event from its sentence, with a sequence classifier, and when to trust it.

Labels: ``completed``, ``pending``, ``rumored``, ``cancelled`` (the statuses of DESIGN.md) and
``no-event`` (the sentence states no ownership event). The qualify stage's rules decide first;
:func:`refine_status` says when the classifier's prediction replaces their answer.

Example: "Selon Les Echos, Iliad pourrait racheter Jaguar Network." -> ("rumored", 0.93) with a
trained checkpoint; the rules, unsure of a bare "pourrait" in a reported sentence, defer to it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline.annotate.transformer.runtime import load_pretrained, position_limit, require, resolve_device
from pipeline.errors import error
from pipeline.schema import STATUSES

log = logging.getLogger(__name__)

NO_EVENT = "no-event"
STATUS_LABELS: tuple[str, ...] = (*STATUSES, NO_EVENT)
_NO_EVENT_NAMES = {"no-event", "no_event", "noevent", "no event", "none", "other", "o", "null"}


def normalise_status_label(label: str) -> str | None:
    """A checkpoint's label name as one of :data:`STATUS_LABELS`, or None when it is something else.

    >>> normalise_status_label("No_Event"), normalise_status_label("Rumored"), normalise_status_label("POS")
    ('no-event', 'rumored', None)
    """
    name = label.strip().lower()
    if name in _NO_EVENT_NAMES:
        return NO_EVENT
    if name in STATUSES:
        return name
    return None


class StatusClassifier:
    """A sequence classifier over candidate sentences: ``predict(sentences) -> [(label, prob), ...]``.

    A sentence longer than the model's window is not cut: it is read as overlapping windows whose
    probabilities are averaged.
    """

    def __init__(
        self,
        path: str | Path | None = None,
        device: str = "cpu",
        batch_size: int = 32,
        *,
        max_length: int = 256,
        stride: int = 32,
        model: Any = None,
        tokenizer: Any = None,
    ) -> None:
        if model is None or tokenizer is None:
            if path is None:
                raise ValueError("StatusClassifier needs a checkpoint path, or a model and its tokenizer")
            tokenizer, model = load_pretrained(path, "sequence-classification", "AutoModelForSequenceClassification")
        self.name = str(path) if path is not None else "<memory>"
        self.device = resolve_device(device)
        self.batch_size = max(1, int(batch_size))
        self.tokenizer = tokenizer
        self.max_length = min(int(max_length), position_limit(tokenizer, model))
        self.stride = max(0, min(int(stride), self.max_length // 2 - 2))
        names = [str(model.config.id2label[i]) for i in range(model.config.num_labels)]
        self.labels: list[str | None] = [normalise_status_label(n) for n in names]
        if not any(label in STATUSES for label in self.labels):
            raise error("E076", path=self.name, labels=names, wanted=f"is a status ({', '.join(STATUS_LABELS)})")
        self.model = model.to(self.device)
        if self.device.startswith("cuda"):
            self.model = self.model.half()
        self.model.eval()

    def predict_proba(self, sentences: Sequence[str]) -> list[list[float]]:
        """Probabilities over the checkpoint's labels, per sentence (windows of a long one averaged)."""
        if not sentences:
            return []
        torch = require("torch")
        enc = self.tokenizer(
            list(sentences),
            truncation=True,
            max_length=self.max_length,
            stride=self.stride,
            return_overflowing_tokens=True,
            padding=False,
        )
        ids: list[list[int]] = enc["input_ids"]
        owner: list[int] = enc.get("overflow_to_sample_mapping") or list(range(len(ids)))
        pad_id = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else 0
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        n_labels = len(self.labels)
        sums = [[0.0] * n_labels for _ in sentences]
        counts = [0] * len(sentences)
        with torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                rows = order[start : start + self.batch_size]
                width = max(len(ids[i]) for i in rows)
                batch = torch.full((len(rows), width), pad_id, dtype=torch.long)
                mask = torch.zeros((len(rows), width), dtype=torch.long)
                for r, i in enumerate(rows):
                    batch[r, : len(ids[i])] = torch.tensor(ids[i], dtype=torch.long)
                    mask[r, : len(ids[i])] = 1
                logits = self.model(input_ids=batch.to(self.device), attention_mask=mask.to(self.device)).logits
                probs = torch.softmax(logits.float(), dim=-1).cpu().tolist()
                for r, i in enumerate(rows):
                    s = owner[i]
                    counts[s] += 1
                    sums[s] = [a + b for a, b in zip(sums[s], probs[r], strict=True)]
        n_windows = len(ids) - len(sentences)
        if n_windows > 0:
            log.info("status classifier: %d sentence windows beyond the first (long sentences averaged)", n_windows)
        return [[v / max(1, c) for v in row] for row, c in zip(sums, counts, strict=True)]

    def predict(self, sentences: Sequence[str]) -> list[tuple[str, float]]:
        """(label, probability) per sentence; labels outside :data:`STATUS_LABELS` are never returned."""
        out: list[tuple[str, float]] = []
        for probs in self.predict_proba(sentences):
            merged: dict[str, float] = {}
            for label, p in zip(self.labels, probs, strict=True):
                if label is not None:
                    merged[label] = merged.get(label, 0.0) + p
            best = max(merged, key=lambda k: merged[k])
            out.append((best, merged[best]))
        return out


def refine_status(
    rule_status: str | None,
    rule_confidence: float,
    pred: tuple[str, float],
    threshold: float = 0.7,
    *,
    rule_sure: float = 0.8,
    event_type: str | None = None,
) -> str | None:
    """The status to keep for one mention, given the rules' answer and the classifier's prediction.

    Policy, in order:

    1. a ``holding`` is a state, never a transaction: its status stays None;
    2. rules that are sure (``rule_confidence >= rule_sure``, e.g. an explicit "a finalisé le rachat")
       win: the classifier only helps where the rules are unsure;
    3. a prediction below ``threshold`` changes nothing;
    4. ``no-event`` changes nothing: whether an event exists is the extract stage's decision, and the
       classifier neither deletes events nor clears a status;
    5. otherwise the predicted status replaces the rules' (also when the rules found no cue).

    >>> refine_status("completed", 0.4, ("rumored", 0.91))   # "Iliad rachèterait ..." misread by the rules
    'rumored'
    >>> refine_status("completed", 0.9, ("rumored", 0.91))   # "a finalisé" is a sure cue
    'completed'
    """
    if event_type == "holding":
        return None
    if rule_status is not None and rule_confidence >= rule_sure:
        return rule_status
    label, prob = pred
    if prob < threshold or label not in STATUSES:
        return rule_status
    return label
