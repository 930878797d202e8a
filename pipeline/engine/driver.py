"""The driver of a run: hand partitions to an executor, commit each result, merge at the end.

Memory stays flat: at most ``executor.window`` partitions are in flight, each result is
committed to ``_parts/`` as soon as it arrives (in any order) and dropped, and the final merge
streams the parts in partition order. Duplicates are decided during that ordered merge, from the
keys each worker computed, so ``skipped:duplicate_of=`` is the same for any number of workers
(the copies were parsed, which costs time but never changes a row).
"""

from __future__ import annotations

import json
import logging
import os
import platform
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

import pipeline
from pipeline.engine.executors import Executor
from pipeline.engine.partitions import Partition
from pipeline.engine.progress import Progress
from pipeline.engine.settings import DEFAULT_MODEL, RunSettings
from pipeline.errors import RachatError, error
from pipeline.prepare.dedup import Deduplicator
from pipeline.schema import SCHEMA_VERSION, Article
from pipeline.write.parquet import TABLES, PartStore, TableWriter, write_json

log = logging.getLogger("rachat")
SETTINGS_FILE = "run-settings.json"
# Failures listed in run.json (their count is complete).
MAX_ERRORS_LISTED = 50


class KeyedDeduplicator(Deduplicator):
    """A Deduplicator fed with the keys a worker computed (``Deduplicator.keys``) instead of texts."""

    def keys(self, article: Article) -> list[int]:
        keys: list[int] = article.extra["dedup_keys"]
        return keys

    def check_keys(self, doc_id: str, keys: list[int]) -> str | None:
        return self.check(Article(doc_id, "", extra={"dedup_keys": keys}))


def plain_tables(result: dict[str, Any]) -> dict[str, pa.Table]:
    return {name: pa.Table.from_pydict(result[name], schema=schema) for name, schema in TABLES.items()}


def drive(partitions: Iterable[Partition], executor: Executor, store: PartStore, progress: Progress, done: Mapping[int, int]) -> int:
    """Run every partition not in ``done``; returns the number of partitions run now."""
    in_flight: dict[Any, Partition] = {}
    ran = 0

    def collect(futures: set[Any]) -> None:
        nonlocal ran
        for future in futures:
            part = in_flight.pop(future)
            try:
                result = executor.result(future)
            except RachatError:
                raise
            except Exception as exc:
                raise error("E097", part=part.index, where=part.describe(), reason=f"{type(exc).__name__}: {exc}") from exc
            marker = {
                "n_records": result["stats"]["read"],
                "stats": result["stats"],
                "dedup": result["dedup"],
                "quarantine": result["quarantine"],
                "errors": result["errors"],
            }
            store.commit(part.index, plain_tables(result), marker)
            ran += 1
            progress.advance(marker["n_records"])

    for part in partitions:
        if part.index in done:
            continue
        while len(in_flight) >= executor.window:
            collect(executor.wait(in_flight))
        in_flight[executor.submit(part)] = part
    while in_flight:
        collect(executor.wait(in_flight))
    return ran


def _reason(state: str) -> str:
    """``skipped:duplicate_of=x`` -> ``duplicate_of``; ``skipped:lang=en`` -> ``lang=en``."""
    reason = state.split(":", 1)[1] if ":" in state else state
    return reason.split("=", 1)[0] if reason.startswith(("duplicate_of", "error")) else reason


def _mark_duplicates(articles: pa.Table, firsts: dict[int, str]) -> tuple[pa.Table, set[str]]:
    """Articles with the rows of ``firsts`` marked ``skipped:duplicate_of=<first>``; the doc_ids whose events go."""
    states = articles.column("state").to_pylist()
    n_events = articles.column("n_events").to_pylist()
    doc_ids = articles.column("doc_id").to_pylist()
    for row, first in firsts.items():
        states[row] = f"skipped:duplicate_of={first}"
        n_events[row] = 0
    kept = {d for i, (d, s) in enumerate(zip(doc_ids, states, strict=True)) if s == "processed" and i not in firsts}
    dropped = {doc_ids[row] for row in firsts} - kept
    schema = articles.schema
    articles = articles.set_column(schema.get_field_index("state"), schema.field("state"), pa.array(states, pa.string()))
    articles = articles.set_column(schema.get_field_index("n_events"), schema.field("n_events"), pa.array(n_events, pa.int32()))
    return articles, dropped


def _without(table: pa.Table, doc_ids: set[str]) -> pa.Table:
    if not doc_ids or not table.num_rows:
        return table
    return table.filter(pc.invert(pc.is_in(table.column("doc_id"), value_set=pa.array(sorted(doc_ids), pa.string()))))


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def finish(
    out: Path, store: PartStore, settings: RunSettings, extra: dict[str, Any], *, started: float, ran: int, planned: int
) -> dict[str, Any]:
    """Merge the parts in order (deciding duplicates), write the tables and run.json; returns run.json."""
    done = store.done()
    missing = [i for i in range(planned) if i not in done]
    if missing:
        raise error("E090", path=out, reason=f"partitions {missing[:5]} are not done")
    writers = {name: TableWriter(out / f"{name}.parquet", schema) for name, schema in TABLES.items()}
    quarantine_tmp = out / "quarantine.jsonl.tmp"
    dedup = KeyedDeduplicator() if settings.dedup else None
    counts: Counter[str] = Counter()
    skipped: Counter[str] = Counter()
    quarantined: Counter[str] = Counter()
    stats: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    with quarantine_tmp.open("w", encoding="utf-8") as qfile:
        for index in sorted(done):
            marker = store.marker(index)
            articles = store.table("articles", index, marker)
            events = store.table("events", index, marker)
            mentions = store.table("mentions", index, marker)
            if dedup is not None:
                d = marker["dedup"]
                firsts = {}
                for row, doc_id, keys in zip(d["row"], d["doc_id"], d["keys"], strict=True):
                    first = dedup.check_keys(doc_id, keys)
                    if first is not None:
                        firsts[row] = first
                if firsts:
                    articles, dropped = _mark_duplicates(articles, firsts)
                    events, mentions = _without(events, dropped), _without(mentions, dropped)
            for q in marker["quarantine"]:
                qfile.write(json.dumps(q, ensure_ascii=False) + "\n")
                quarantined[q["reason"].split(":")[0].split(" (")[0]] += 1
            writers["articles"].write(articles)
            writers["events"].write(events)
            writers["mentions"].write(mentions)
            for state in articles.column("state").to_pylist():
                if state == "processed":
                    counts["processed"] += 1
                else:
                    counts["skipped"] += 1
                    skipped[_reason(state)] += 1
            counts["quarantined"] += len(marker["quarantine"])
            counts["events"] += events.num_rows
            counts["mentions"] += mentions.num_rows
            stats.update(marker["stats"])
            errors.extend(marker.get("errors", [])[: max(0, MAX_ERRORS_LISTED - len(errors))])
    # records the readers gave, counted apart from where each one ended up
    counts["read"] = int(stats.pop("read", 0))
    for writer in writers.values():
        writer.close()
    os.replace(quarantine_tmp, out / "quarantine.jsonl")
    elapsed = time.time() - started
    worker_seconds = {k: round(float(stats.pop(k)), 3) for k in list(stats) if k.startswith("seconds")}
    words = int(stats.get("words", 0))
    manifest = {
        "package": {"name": "rachat", "version": pipeline.__version__},
        "model": {"name": settings.model, "version": _version(settings.model.replace("_", "-")), "spacy": _version("spacy"),
                  "company_ner": _company_ner(settings), "pair_model": _pair_model(settings)},
        "schema_version": SCHEMA_VERSION,
        "python": platform.python_version(),
        "settings": {**settings.to_dict(), **extra},
        "counts": {
            "read": counts["read"],
            "processed": counts["processed"],
            "skipped": counts["skipped"],
            "quarantined": counts["quarantined"],
            "events": counts["events"],
            "mentions": counts["mentions"],
            "words": words,
        },
        "reconciled": counts["read"] == counts["processed"] + counts["skipped"] + counts["quarantined"],
        "skipped_reasons": dict(sorted(skipped.items())),
        "quarantine_reasons": dict(sorted(quarantined.items())),
        "gate": {
            "on": settings.gate,
            "articles_parsed": int(stats.get("articles_parsed", 0)),
            "sentences": int(stats.get("sentences", 0)),
            "sentences_parsed": int(stats.get("sentences_parsed", 0)),
            "chars": int(stats.get("chars", 0)),
            "chars_parsed": int(stats.get("chars_parsed", 0)),
        },
        "errors": {"count": int(stats.get("errors", 0)), "first": errors},
        "timings": {
            "seconds": round(elapsed, 3),
            "worker": worker_seconds,
            "partitions": planned,
            "partitions_this_session": ran,
            "resumed": ran < planned,
            "records_per_second": round(counts["read"] / elapsed, 1) if elapsed and ran == planned else None,
            "words_per_second": round(words / elapsed, 1) if elapsed and ran == planned else None,
        },
    }
    write_json(out / "run.json", manifest)
    store.remove()
    return manifest


def plan_signature(partitions: list[Partition]) -> list[Any]:
    """What --resume compares to know the inputs did not change: each partition's slices and size."""
    return [[p.index, [[s.path, s.kind, s.start, s.stop, s.first] for s in p.slices], p.estimate if p.slices else None] for p in partitions]


def iter_count(partitions: Iterable[Partition], seen: list[int]) -> Iterator[Partition]:
    """Partitions, counting them as they are read (inline records are a stream of unknown length)."""
    for part in partitions:
        seen[0] += 1
        yield part


def _pair_model(settings: RunSettings) -> str | None:
    """The pair model folder the workers loaded (as this process resolves it), or None."""
    from pipeline.extract.pairs import resolve_pair_model_path

    try:
        folder = resolve_pair_model_path(settings.pair_model)
    except RachatError:
        return None
    return str(folder) if folder is not None else None


def _company_ner(settings: RunSettings) -> str | None:
    """The fine-tuned ner weights folder the workers loaded (as this process resolves it), or None."""
    from pipeline.annotate.company_ner import resolve_company_ner

    if settings.company_ner is None and settings.model != DEFAULT_MODEL:
        return None
    try:
        folder = resolve_company_ner(settings.company_ner)
    except RachatError:
        return None
    return str(folder) if folder is not None else None
