"""The local engine: stream records, annotate in batches, write as it goes."""

from __future__ import annotations

import logging
import platform
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

import pipeline
from pipeline.engine.process import events_of_doc
from pipeline.schema import SCHEMA_VERSION, Article, Quarantined
from pipeline.write import RunWriter
from pipeline.write.parquet import article_row

log = logging.getLogger("rachat")
BATCH = 64


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def run_pipeline(
    records: Iterable[Article | Quarantined],
    out: Path,
    *,
    nlp: Language | None = None,
    batch_size: int = BATCH,
    settings: dict[str, Any] | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Process every record and write the run folder; returns the manifest (run.json)."""
    from pipeline.annotate import DEFAULT_MODEL, build_nlp

    started = time.time()
    nlp = nlp or build_nlp()
    writer = RunWriter(Path(out))
    counts = {"read": 0, "processed": 0, "skipped": 0, "quarantined": 0, "events": 0, "mentions": 0, "words": 0}
    quarantine_reasons: dict[str, int] = {}

    def articles() -> Iterator[Article]:
        for rec in records:
            counts["read"] += 1
            if isinstance(rec, Quarantined):
                counts["quarantined"] += 1
                reason = rec.reason.split(":")[0]
                quarantine_reasons[reason] = quarantine_reasons.get(reason, 0) + 1
                writer.quarantine(rec)
                continue
            yield rec

    for batch in _batches(articles(), batch_size):
        todo = [a for a in batch if a.state == "processed"]
        rows = []
        events_all, mentions_all = [], []
        n_events: dict[str, int] = {}
        for article, doc in zip(todo, nlp.pipe(a.text for a in todo), strict=True):
            events, mentions = events_of_doc(doc, article)
            events_all.extend(events)
            mentions_all.extend(mentions)
            n_events[article.doc_id] = len(events)
            counts["words"] += sum(1 for t in doc if not t.is_punct and not t.is_space)
        for article in batch:
            if article.state == "processed":
                counts["processed"] += 1
            else:
                counts["skipped"] += 1
            rows.append(article_row(article, n_events.get(article.doc_id, 0)))
        counts["events"] += len(events_all)
        counts["mentions"] += len(mentions_all)
        writer.add(events_all, mentions_all, rows)
        if progress:
            progress(len(batch))
    elapsed = time.time() - started
    manifest = {
        "package": {"name": "rachat", "version": pipeline.__version__},
        "model": {"name": DEFAULT_MODEL, "version": nlp.meta.get("version"), "spacy": spacy.__version__},
        "schema_version": SCHEMA_VERSION,
        "python": platform.python_version(),
        "settings": settings or {},
        "counts": counts,
        "reconciled": counts["read"] == counts["processed"] + counts["skipped"] + counts["quarantined"],
        "quarantine_reasons": quarantine_reasons,
        "timings": {"seconds": round(elapsed, 3), "words_per_second": round(counts["words"] / elapsed, 1) if elapsed else None},
    }
    writer.close(manifest)
    return manifest
