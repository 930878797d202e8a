"""Company NER with any local token-classification checkpoint, as a spaCy component.

:class:`TokenClassifierRunner` is the model side: texts -> overlapping windows -> batched inference
(windows sorted by length, ``torch.inference_mode()``, fp16 on CUDA) -> one prediction per word ->
ORG character spans. :class:`TransformerNER` is the spaCy side: it runs the runner over each Doc
(or only over the sentences the lexical gate kept), stores its spans in
``doc.spans["companies_trf"]`` and merges them into ``doc.spans["companies"]``.

Example: with a checkpoint that knows French organisations, "Le fonds Ardian rachète Inetum."
gets "Ardian" and "Inetum" as ORG even when the gazetteer knows neither.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from pipeline.annotate.transformer.align import (
    MERGE_MODES,
    CharSpan,
    Window,
    merge_spans,
    to_doc_spans,
    windows_from_encoding,
    words_of,
)
from pipeline.annotate.transformer.labels import ORG, WordSpan, decode_tags, parse_label_map
from pipeline.annotate.transformer.runtime import load_pretrained, position_limit, require, resolve_device
from pipeline.errors import error

log = logging.getLogger(__name__)

COMPANIES_KEY = "companies"
TRF_KEY = "companies_trf"
GATE_KEY = "gate"


class TokenClassifierRunner:
    """A token classifier with its tokenizer, predicting entity character spans on raw texts."""

    def __init__(
        self,
        model: Any,
        tokenizer: Any,
        *,
        device: str = "cpu",
        batch_size: int = 32,
        max_length: int = 512,
        stride: int = 64,
        name: str = "<memory>",
    ) -> None:
        self.name = name
        self.tokenizer = tokenizer
        self.device = resolve_device(device)
        self.batch_size = max(1, int(batch_size))
        self.tags = parse_label_map(model.config.id2label)
        if not any(tag.type == ORG for tag in self.tags.values()):
            labels = sorted({str(v) for v in model.config.id2label.values()})
            raise error(
                "E076", path=name, labels=labels, wanted="names an organisation (ORG, B-ORG, I-Organization...)"
            )
        self.stride = int(stride)
        if self.stride < 0 or 2 * self.stride >= int(max_length) - 2:
            raise error("E075", stride=stride, max_length=max_length)
        self.max_length = min(int(max_length), position_limit(tokenizer, model))
        if self.max_length < int(max_length):
            # the model is shorter than asked for: keep the overlap in proportion
            self.stride = min(self.stride, self.max_length // 4)
        self.model = model.to(self.device)
        if self.device.startswith("cuda"):
            self.model = self.model.half()
        self.model.eval()

    @classmethod
    def from_path(cls, path: str | Path, **kwargs: Any) -> TokenClassifierRunner:
        """Load a local checkpoint folder (E020 / E071 when it is missing or unusable)."""
        tokenizer, model = load_pretrained(path, "token-classification", "AutoModelForTokenClassification")
        return cls(model, tokenizer, name=str(path), **kwargs)

    def encode(self, texts: Sequence[str]) -> list[list[Window]]:
        """Overlapping windows per text, covering every piece (nothing truncated)."""
        if not texts:
            return []
        encoding = self.tokenizer(
            list(texts),
            truncation=True,
            max_length=self.max_length,
            stride=self.stride,
            return_overflowing_tokens=True,
            return_offsets_mapping=True,
            padding=False,
        )
        return windows_from_encoding(encoding, len(texts))

    def _forward(self, windows: Sequence[Window]) -> list[tuple[list[int], list[float]]]:
        """Best label id and its probability per position, for each window, in the order given."""
        torch = require("torch")
        pad_id = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else 0
        order = sorted(range(len(windows)), key=lambda i: len(windows[i]))
        results: list[tuple[list[int], list[float]]] = [([], [])] * len(windows)
        with torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                batch = [windows[i] for i in order[start : start + self.batch_size]]
                width = max(len(w) for w in batch)
                ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
                mask = torch.zeros((len(batch), width), dtype=torch.long)
                for row, window in enumerate(batch):
                    ids[row, : len(window)] = torch.tensor(window.input_ids, dtype=torch.long)
                    mask[row, : len(window)] = 1
                logits = self.model(input_ids=ids.to(self.device), attention_mask=mask.to(self.device)).logits
                probs, best = torch.softmax(logits.float(), dim=-1).max(dim=-1)
                probs_list, best_list = probs.cpu().tolist(), best.cpu().tolist()
                for row, index in enumerate(order[start : start + self.batch_size]):
                    n = len(windows[index])
                    results[index] = (best_list[row][:n], probs_list[row][:n])
        return results

    def predict_words(self, texts: Sequence[str]) -> list[list[tuple[int, int, str, float]]]:
        """Per text, every word as (start, end, raw label, probability); all windows in one batched pass."""
        per_text = self.encode(texts)
        flat = [w for windows in per_text for w in windows]
        preds = self._forward(flat)
        out: list[list[tuple[int, int, str, float]]] = []
        k = 0
        id2label = self.model.config.id2label
        for windows in per_text:
            window_preds = preds[k : k + len(windows)]
            k += len(windows)
            words, refs = words_of(windows)
            row = []
            for word, ref in zip(words, refs, strict=True):
                label_ids, probs = window_preds[ref.window]
                label_id = int(label_ids[ref.position])
                row.append((word.start, word.end, str(id2label[label_id]), float(probs[ref.position])))
            out.append(row)
        return out

    def predict_char_spans(self, texts: Sequence[str], label: str = ORG) -> list[list[CharSpan]]:
        """Per text, the character spans of entities of type ``label`` (ORG by default)."""
        out: list[list[CharSpan]] = []
        label_to_tag = {str(v): self.tags[int(k)] for k, v in self.model.config.id2label.items()}
        for words in self.predict_words(texts):
            tags = [label_to_tag[w[2]] for w in words]
            spans: list[WordSpan] = decode_tags(tags, [w[3] for w in words])
            out.append(
                [CharSpan(words[s.start][0], words[s.end - 1][1], s.label, s.score) for s in spans if s.label == label]
            )
        return out


def gated_segments(doc: Doc, gate_key: str = GATE_KEY) -> list[tuple[int, int]] | None:
    """Character ranges the lexical gate kept, merged; None when the Doc carries no gate information.

    The gate marks either spans in ``doc.spans["gate"]`` or sentences with ``sent._.gated``.
    """
    ranges: list[tuple[int, int]] = []
    known = False
    if gate_key in doc.spans:
        known = True
        ranges.extend((s.start_char, s.end_char) for s in doc.spans[gate_key])
    if Span.has_extension("gated") and doc.has_annotation("SENT_START"):
        known = True
        ranges.extend((s.start_char, s.end_char) for s in doc.sents if s._.gated)
    if not known:
        return None
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        # sentences separated by spaces only are one segment: more context for the model
        if merged and (start <= merged[-1][1] or not doc.text[merged[-1][1] : start].strip()):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


class TransformerNER:
    """spaCy component: transformer ORG spans into ``doc.spans["companies_trf"]``, merged into "companies"."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        model_path: str,
        merge: str = "union",
        batch_size: int = 32,
        device: str = "cpu",
        stride: int = 64,
        max_length: int = 512,
        only_gated: bool = False,
        spans_key: str = COMPANIES_KEY,
        trf_spans_key: str = TRF_KEY,
        gate_key: str = GATE_KEY,
        runner: TokenClassifierRunner | None = None,
    ) -> None:
        if merge not in MERGE_MODES:
            raise error("E074", merge=merge)
        self.name = name
        self.merge = merge
        self.only_gated = only_gated
        self.spans_key = spans_key
        self.trf_spans_key = trf_spans_key
        self.gate_key = gate_key
        self.runner = runner or TokenClassifierRunner.from_path(
            model_path, device=device, batch_size=batch_size, stride=stride, max_length=max_length
        )

    def segments(self, doc: Doc) -> list[tuple[int, int]]:
        """The character ranges of ``doc`` to run on: the whole text, or the gated sentences.

        With ``only_gated`` and a Doc the gate never saw (no "gate" spans, no ``sent._.gated``),
        the whole text is used: skipping it would silently lose every company.
        """
        if self.only_gated:
            gated = gated_segments(doc, self.gate_key)
            if gated is not None:
                return gated
        return [(0, len(doc.text))] if doc.text.strip() else []

    def predict(self, docs: Sequence[Doc]) -> list[list[Span]]:
        """Transformer ORG spans of each Doc, all segments of all Docs batched together."""
        jobs = [(d, s, e) for d, doc in enumerate(docs) for s, e in self.segments(doc)]
        spans = self.runner.predict_char_spans([docs[d].text[s:e] for d, s, e in jobs])
        out: list[list[Span]] = [[] for _ in docs]
        for (d, start, _), char_spans in zip(jobs, spans, strict=True):
            out[d].extend(to_doc_spans(docs[d], char_spans, offset=start, label=ORG))
        return [sorted(set(group), key=lambda s: (s.start, s.end)) for group in out]

    def set_annotations(self, docs: Sequence[Doc], predicted: Sequence[list[Span]]) -> None:
        for doc, spans in zip(docs, predicted, strict=True):
            doc.spans[self.trf_spans_key] = spans
            rules = list(doc.spans[self.spans_key]) if self.spans_key in doc.spans else []
            doc.spans[self.spans_key] = merge_spans(rules, spans, self.merge)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations([doc], self.predict([doc]))
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for batch in minibatch(stream, size=batch_size):
            docs = list(batch)
            self.set_annotations(docs, self.predict(docs))
            yield from docs
