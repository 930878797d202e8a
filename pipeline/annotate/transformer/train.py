"""Fine-tuning any local encoder checkpoint for company NER or event status (plain PyTorch loop).

- ``ner``: WiNER-fr brat ``Organization`` spans (outermost of nested ones kept), whole ``.txt``
  files as texts, minus the documents of the event test split; labels ``O``/``B-ORG``/``I-ORG`` on
  the first piece of each word, windows with overlap so no text is truncated.
- ``status``: sentences of the dev gold (``annotations/*-dev.jsonl``, ``annotations/written.jsonl``)
  labelled with the status of the event they name, or ``no-event`` (see :func:`.data.status_examples`).

A deterministic part of the documents is held out; the saved checkpoint is reloaded from disk and
scored on it, and the scores go into ``model_card.md`` and ``training.json`` beside the weights.
Training is an offline tool, not a pipeline stage: it reads the gold through
:mod:`pipeline.evaluate.gold` (imported inside :func:`load_status_gold`), which the run-time stages never do.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import random
import shlex
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pipeline.annotate.transformer.align import first_piece_positions, windows_from_encoding, word_extents
from pipeline.annotate.transformer.data import (
    NerDoc,
    StatusExample,
    held_out,
    read_winer,
    status_examples,
    status_gold_files,
)
from pipeline.annotate.transformer.labels import ORG
from pipeline.annotate.transformer.ner import TokenClassifierRunner
from pipeline.annotate.transformer.runtime import load_pretrained, position_limit, require, resolve_device
from pipeline.annotate.transformer.status import STATUS_LABELS, StatusClassifier
from pipeline.errors import error

log = logging.getLogger(__name__)

NER_LABELS = ("O", f"B-{ORG}", f"I-{ORG}")
TASKS = ("ner", "status")
IGNORE = -100


@dataclass
class TrainSettings:
    """Everything a training run depends on; written to ``training.json`` as is."""

    base: str
    out: str
    task: str
    epochs: int = 3
    max_steps: int | None = None
    batch_size: int = 16
    lr: float = 5e-5
    device: str = "auto"
    max_length: int = 256
    stride: int = 32
    seed: int = 0
    heldout: float = 0.1
    warmup: float = 0.1
    winer_dir: str = "../shared/data/winer-fr"
    gold_dir: str = "annotations"
    overwrite: bool = False
    command: str = field(default_factory=lambda: shlex.join([Path(sys.argv[0]).name, *sys.argv[1:]]))


# -- examples -------------------------------------------------------------------------------------


def ner_examples(
    docs: Sequence[NerDoc], tokenizer: Any, max_length: int, stride: int
) -> list[tuple[list[int], list[int]]]:
    """(piece ids, label ids) per window; a word's label sits on its first piece, other pieces are ignored.

    A word is ``B-ORG`` when it is the first word overlapping a gold span, ``I-ORG`` for the next ones.
    """
    if not docs:
        return []
    encoding = tokenizer(
        [d.text for d in docs],
        truncation=True,
        max_length=max_length,
        stride=stride,
        return_overflowing_tokens=True,
        return_offsets_mapping=True,
    )
    label_id = {name: i for i, name in enumerate(NER_LABELS)}
    examples: list[tuple[list[int], list[int]]] = []
    for doc, windows in zip(docs, windows_from_encoding(encoding, len(docs)), strict=True):
        extents = word_extents(windows)
        word_label: dict[int, int] = {}
        spans = doc.spans
        k = 0
        last_span = -1
        for word_id, (start, end) in sorted(extents.items(), key=lambda item: item[1]):
            while k < len(spans) and spans[k][1] <= start:
                k += 1
            if k < len(spans) and spans[k][0] < end:
                word_label[word_id] = label_id["I-ORG"] if last_span == k else label_id["B-ORG"]
                last_span = k
            else:
                word_label[word_id] = label_id["O"]
        starts = {w: e[0] for w, e in extents.items()}
        for window in windows:
            carriers = first_piece_positions(window, starts)
            labels = [word_label[w] if w is not None else IGNORE for w in carriers]
            examples.append((window.input_ids, labels))
    return examples


def status_training_examples(
    examples: Sequence[StatusExample], tokenizer: Any, max_length: int
) -> list[tuple[list[int], int]]:
    """(piece ids, label id) per sentence; sentences are short, a rare longer one keeps its first window."""
    if not examples:
        return []
    enc = tokenizer([e.sentence for e in examples], truncation=True, max_length=max_length)
    label_id = {name: i for i, name in enumerate(STATUS_LABELS)}
    return [(list(ids), label_id[e.label]) for ids, e in zip(enc["input_ids"], examples, strict=True)]


# -- loop -----------------------------------------------------------------------------------------


def _collate(batch: Sequence[tuple[list[int], Any]], pad_id: int, token_labels: bool) -> dict[str, Any]:
    torch = require("torch")
    width = max(len(ids) for ids, _ in batch)
    ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    if token_labels:
        labels = torch.full((len(batch), width), IGNORE, dtype=torch.long)
    else:
        labels = torch.zeros((len(batch),), dtype=torch.long)
    for row, (piece_ids, label) in enumerate(batch):
        ids[row, : len(piece_ids)] = torch.tensor(piece_ids, dtype=torch.long)
        mask[row, : len(piece_ids)] = 1
        if token_labels:
            labels[row, : len(label)] = torch.tensor(label, dtype=torch.long)
        else:
            labels[row] = int(label)
    return {"input_ids": ids, "attention_mask": mask, "labels": labels}


@dataclass
class LoopReport:
    steps: int
    epochs_run: float
    seconds: float
    first_loss: float | None
    last_loss: float | None
    device: str


def fit(
    model: Any,
    examples: Sequence[tuple[list[int], Any]],
    *,
    pad_id: int,
    token_labels: bool,
    settings: TrainSettings,
    device: str,
    progress: Callable[[int, int, float], None] | None = None,
) -> LoopReport:
    """AdamW with linear warm-up and decay, gradient clipping, bf16 autocast on CUDA."""
    torch = require("torch")
    torch.manual_seed(settings.seed)
    rng = random.Random(settings.seed)
    per_epoch = max(1, math.ceil(len(examples) / settings.batch_size))
    total = per_epoch * max(1, settings.epochs)
    if settings.max_steps is not None:
        total = min(total, max(1, settings.max_steps))
    warmup = int(total * settings.warmup)
    model.to(device)
    model.train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=settings.lr, weight_decay=0.01)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda step: (
            (step + 1) / max(1, warmup) if step < warmup else max(0.0, (total - step) / max(1, total - warmup))
        ),
    )
    use_bf16 = device.startswith("cuda")
    losses: list[float] = []
    started = time.perf_counter()
    step = 0
    order = list(range(len(examples)))
    while step < total:
        rng.shuffle(order)
        for start in range(0, len(order), settings.batch_size):
            if step >= total:
                break
            batch = _collate([examples[i] for i in order[start : start + settings.batch_size]], pad_id, token_labels)
            batch = {k: v.to(device) for k, v in batch.items()}
            with torch.autocast(device_type="cuda", dtype=torch.bfloat16, enabled=use_bf16):
                loss = model(**batch).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            losses.append(float(loss.detach().cpu()))
            step += 1
            if progress:
                progress(step, total, losses[-1])
    model.eval()
    return LoopReport(
        steps=step,
        epochs_run=round(step / per_epoch, 3),
        seconds=round(time.perf_counter() - started, 2),
        first_loss=round(losses[0], 4) if losses else None,
        last_loss=round(sum(losses[-10:]) / len(losses[-10:]), 4) if losses else None,
        device=device,
    )


# -- metrics --------------------------------------------------------------------------------------


def span_prf(gold: Sequence[Sequence[tuple[int, int]]], pred: Sequence[Sequence[tuple[int, int]]]) -> dict[str, float]:
    """Exact-boundary precision / recall / F1 of character spans, micro-averaged over documents."""
    tp = sum(len(set(g) & set(p)) for g, p in zip(gold, pred, strict=True))
    n_gold = sum(len(set(g)) for g in gold)
    n_pred = sum(len(set(p)) for p in pred)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "gold": n_gold,
        "predicted": n_pred,
        "correct": tp,
    }


def label_scores(gold: Sequence[str], pred: Sequence[str]) -> dict[str, Any]:
    """Accuracy, and per-label and macro F1 over the labels present in gold or predictions."""
    labels = sorted(set(gold) | set(pred))
    per: dict[str, dict[str, float]] = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == p == label)
        n_pred = sum(1 for p in pred if p == label)
        n_gold = sum(1 for g in gold if g == label)
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        per[label] = {"f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0, "gold": n_gold}
    accuracy = sum(1 for g, p in zip(gold, pred, strict=True) if g == p) / len(gold) if gold else 0.0
    macro = sum(v["f1"] for v in per.values()) / len(per) if per else 0.0
    return {"accuracy": round(accuracy, 4), "macro_f1": round(macro, 4), "n": len(gold), "per_label": per}


# -- tasks ----------------------------------------------------------------------------------------


def _prepare_out(settings: TrainSettings) -> Path:
    out = Path(settings.out)
    if (out / "config.json").exists() and not settings.overwrite:
        raise error("E079", path=out)
    out.mkdir(parents=True, exist_ok=True)
    return out


def _versions() -> dict[str, str]:
    return {name: str(getattr(require(name), "__version__", "?")) for name in ("torch", "transformers", "tokenizers")}


def train_ner(settings: TrainSettings, progress: Callable[[int, int, float], None] | None = None) -> dict[str, Any]:
    """Fine-tune ``settings.base`` for ORG tagging on WiNER; write the checkpoint and its card to ``settings.out``."""
    device = resolve_device(settings.device)
    docs, stats, test_files = read_winer(Path(settings.winer_dir), Path(settings.gold_dir))
    train_docs = [d for d in docs if not held_out(d.doc_id, settings.heldout, settings.seed)]
    eval_docs = [d for d in docs if held_out(d.doc_id, settings.heldout, settings.seed)]
    if not train_docs:
        raise error("E077", task="ner", reason=f"every one of the {len(docs)} documents is held out or excluded")
    out = _prepare_out(settings)
    tokenizer, model = load_pretrained(
        settings.base,
        "encoder",
        "AutoModelForTokenClassification",
        num_labels=len(NER_LABELS),
        id2label=dict(enumerate(NER_LABELS)),
        label2id={name: i for i, name in enumerate(NER_LABELS)},
        ignore_mismatched_sizes=True,
    )
    max_length = min(settings.max_length, position_limit(tokenizer, model))
    stride = min(settings.stride, max_length // 2 - 2)
    examples = ner_examples(train_docs, tokenizer, max_length, stride)
    loop = fit(
        model,
        examples,
        pad_id=tokenizer.pad_token_id or 0,
        token_labels=True,
        settings=settings,
        device=device,
        progress=progress,
    )
    model.save_pretrained(str(out))
    tokenizer.save_pretrained(str(out))
    metrics: dict[str, Any] = {}
    if eval_docs:
        runner = TokenClassifierRunner.from_path(
            out, device=device, batch_size=settings.batch_size * 2, max_length=max_length, stride=stride
        )
        pred = runner.predict_char_spans([d.text for d in eval_docs])
        metrics = span_prf([d.spans for d in eval_docs], [[(s.start, s.end) for s in p] for p in pred])
    data = {
        "source": str(settings.winer_dir),
        "entity_types": ["Organization"],
        "documents": stats.docs,
        "train_documents": len(train_docs),
        "heldout_documents": len(eval_docs),
        "train_windows": len(examples),
        "spans": stats.spans,
        "train_spans": sum(len(d.spans) for d in train_docs),
        "nested_dropped": stats.nested_dropped,
        "discontinuous_dropped": stats.discontinuous_dropped,
        "test_gold_files": [str(f) for f in test_files],
        "excluded_test_documents": sorted(stats.excluded_docs),
    }
    return _finish(out, settings, data, loop, metrics, max_length, stride)


def load_status_gold(gold_dir: Path) -> tuple[list[Any], list[Path]]:
    """Dev and written gold documents (texts resolved), test-split lines left out."""
    from pipeline.evaluate.gold import load_gold

    files = status_gold_files(gold_dir)
    docs = [doc for file in files for doc in load_gold(file) if doc.split != "test"]
    return docs, files


def train_status(settings: TrainSettings, progress: Callable[[int, int, float], None] | None = None) -> dict[str, Any]:
    """Fine-tune ``settings.base`` as a 5-way status classifier on gold sentences."""
    device = resolve_device(settings.device)
    docs, files = load_status_gold(Path(settings.gold_dir))
    if not files:
        raise error("E077", task="status", reason=f"no *-dev.jsonl or written.jsonl gold file in {settings.gold_dir}")
    examples, stats = status_examples(docs, seed=settings.seed)
    if not any(e.label != "no-event" for e in examples):
        raise error(
            "E077", task="status", reason=f"no sentence of {len(docs)} gold documents names an event with a status"
        )
    train_ex = [e for e in examples if not held_out(e.doc_id, settings.heldout, settings.seed)]
    eval_ex = [e for e in examples if held_out(e.doc_id, settings.heldout, settings.seed)]
    if not train_ex:
        train_ex, eval_ex = examples, []
    out = _prepare_out(settings)
    tokenizer, model = load_pretrained(
        settings.base,
        "encoder",
        "AutoModelForSequenceClassification",
        num_labels=len(STATUS_LABELS),
        id2label=dict(enumerate(STATUS_LABELS)),
        label2id={name: i for i, name in enumerate(STATUS_LABELS)},
        ignore_mismatched_sizes=True,
    )
    max_length = min(settings.max_length, position_limit(tokenizer, model))
    encoded = status_training_examples(train_ex, tokenizer, max_length)
    loop = fit(
        model,
        encoded,
        pad_id=tokenizer.pad_token_id or 0,
        token_labels=False,
        settings=settings,
        device=device,
        progress=progress,
    )
    model.save_pretrained(str(out))
    tokenizer.save_pretrained(str(out))
    metrics: dict[str, Any] = {}
    if eval_ex:
        classifier = StatusClassifier(out, device=device, batch_size=settings.batch_size * 2, max_length=max_length)
        pred = [label for label, _ in classifier.predict([e.sentence for e in eval_ex])]
        metrics = label_scores([e.label for e in eval_ex], pred)
        majority = Counter(e.label for e in train_ex).most_common(1)[0][0]
        metrics["majority_baseline_accuracy"] = round(sum(1 for e in eval_ex if e.label == majority) / len(eval_ex), 4)
    data = {
        "gold_files": [str(f) for f in files],
        "documents": stats.docs,
        "events_with_status": stats.events,
        "examples": len(examples),
        "train_examples": len(train_ex),
        "heldout_examples": len(eval_ex),
        "labels": dict(stats.labelled),
        "ambiguous_sentences_skipped": stats.ambiguous_skipped,
        "no_event_sentences_dropped": stats.no_event_dropped,
    }
    return _finish(out, settings, data, loop, metrics, max_length, None)


def _finish(
    out: Path,
    settings: TrainSettings,
    data: dict[str, Any],
    loop: LoopReport,
    metrics: dict[str, Any],
    max_length: int,
    stride: int | None,
) -> dict[str, Any]:
    report = {
        "task": settings.task,
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "settings": asdict(settings),
        "effective": {"max_length": max_length, "stride": stride},
        "data": data,
        "training": asdict(loop),
        "heldout_metrics": metrics,
        "versions": _versions(),
    }
    (out / "training.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (out / "model_card.md").write_text(model_card(report), encoding="utf-8")
    return report


def model_card(report: dict[str, Any]) -> str:
    """A human-readable card: base, data and counts, held-out metrics, date, command, caveats."""
    s, d, t, m = report["settings"], report["data"], report["training"], report["heldout_metrics"]
    task = report["task"]
    lines = [
        f"# {Path(s['out']).name}: rachat {'company NER (ORG)' if task == 'ner' else 'event status classifier'}",
        "",
        f"- date: {report['date']}",
        f"- command: `{s['command']}`",
        f"- base checkpoint: `{s['base']}`",
        f"- device: {t['device']}; {t['steps']} steps ({t['epochs_run']} epochs), batch {s['batch_size']}, lr {s['lr']}, "
        f"max_length {report['effective']['max_length']}"
        + (f", stride {report['effective']['stride']}" if report["effective"]["stride"] is not None else "")
        + f", seed {s['seed']}; {t['seconds']} s",
        f"- loss: first batch {t['first_loss']}, last 10 batches {t['last_loss']}",
        "- versions: " + ", ".join(f"{k} {v}" for k, v in report["versions"].items()),
        "",
        "## Data",
        "",
    ]
    if task == "ner":
        excluded = d["excluded_test_documents"]
        lines += [
            f"WiNER-fr brat `Organization` spans from `{d['source']}` (read in place, text not copied), labels O / B-ORG / I-ORG "
            "on the first piece of each word.",
            "",
            f"- documents: {d['documents']} used ({d['train_documents']} train, {d['heldout_documents']} held out by a hash of the id)",
            f"- organisation spans: {d['spans']} ({d['train_spans']} in train); nested inner spans dropped: {d['nested_dropped']}; "
            f"discontinuous: {d['discontinuous_dropped']}",
            f"- training windows: {d['train_windows']}",
        ]
        if d["test_gold_files"]:
            lines.append(
                f"- excluded (event test split, from {', '.join(d['test_gold_files'])}): {len(excluded)} documents"
            )
        else:
            lines.append(
                '- excluded: none, because no `*-test.jsonl` gold file (nor any line with `"split": "test"`) existed in '
                f"`{s['gold_dir']}` at training time; retrain once the test split exists"
            )
    else:
        lines += [
            "Sentences of the gold documents, labelled with the status of the gold event whose companies they name, "
            "or `no-event` (distant supervision: the event's final status labels all of its sentences).",
            "",
            f"- gold files: {', '.join(d['gold_files'])}",
            f"- documents: {d['documents']}; events with a status: {d['events_with_status']}",
            f"- examples: {d['examples']} ({d['train_examples']} train, {d['heldout_examples']} held out by document)",
            f"- labels: {d['labels']}; ambiguous sentences skipped: {d['ambiguous_sentences_skipped']}; "
            f"no-event sentences dropped (cap): {d['no_event_sentences_dropped']}",
        ]
    lines += ["", "## Held-out metrics", ""]
    if not m:
        lines.append("None: the held-out part is empty (too little data).")
    elif task == "ner":
        lines.append(
            f"Exact character spans: precision {m['precision']}, recall {m['recall']}, F1 {m['f1']} "
            f"({m['correct']} correct of {m['predicted']} predicted, {m['gold']} gold)."
        )
    else:
        lines.append(
            f"Accuracy {m['accuracy']} (majority-class baseline {m['majority_baseline_accuracy']}), macro F1 {m['macro_f1']} "
            f"on {m['n']} sentences; per label: "
            + ", ".join(f"{k} {v['f1']} (n={v['gold']})" for k, v in m["per_label"].items())
        )
    lines += [
        "",
        "## Caveats",
        "",
        "Held-out scores come from the same corpus as the training data; they are not the event-level scores of "
        "`rachat evaluate`. A base checkpoint with random weights (such as the tiny encoders built by "
        "`scripts/make_tiny_encoder.py`) learns almost nothing in a few steps: its scores test the plumbing, not the method.",
        "",
    ]
    return "\n".join(lines)


def train(settings: TrainSettings, progress: Callable[[int, int, float], None] | None = None) -> dict[str, Any]:
    """Run the task named by ``settings.task`` (E078 for another name)."""
    if settings.task == "ner":
        return train_ner(settings, progress)
    if settings.task == "status":
        return train_status(settings, progress)
    raise error("E078", task=settings.task)
