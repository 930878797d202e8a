"""The per-partition function every engine runs: in process, in a pool worker or on a Dask worker.

``run_partition(partition, settings)`` reads the partition's records, prepares each article
(typography, language, date; ``pipeline.prepare``), skips known doc_ids, gates it
(``pipeline.prepare.gate``), parses what the gate kept in ``nlp.pipe`` batches inside
``nlp.memory_zone()`` (so the vocabulary and string store do not grow over millions of
articles), extracts the events and returns **plain columns**: dicts of lists of str, int, float
and None, nothing else crosses a process boundary.

Duplicates are not decided here: a worker sees one partition, the run sees all of them in
order. The worker returns each prepared article's duplicate keys (URL and text hashes) and the
driver decides, in input order, which articles are copies (``pipeline.engine.driver``).

The spaCy pipeline is loaded once per process and kept (``_RUNNERS``), keyed by the settings
that shape it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from itertools import islice
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.engine.known import KnownIds
from pipeline.engine.partitions import Partition, read_partition
from pipeline.engine.process import events_of_doc
from pipeline.engine.settings import RunSettings
from pipeline.extract.pairs import load_pair_model, resolve_pair_model_path
from pipeline.prepare import Deduplicator, prepare
from pipeline.prepare.gate import Gate, blank
from pipeline.schema import Article, Event, Mention, Quarantined
from pipeline.write.parquet import ARTICLES_SCHEMA, EVENTS_SCHEMA, MENTIONS_SCHEMA, article_row, columns_of

log = logging.getLogger("rachat")

PROCESSED = "processed"
# Components of fr_core_news_md whose output no rachat stage reads (tests/engine checks that
# no stage uses ``lemma_``): switched off while the engine parses.
UNUSED_PIPES = ("lemmatizer",)
# Errors listed in a partition's result (the count is complete).
MAX_ERRORS_LISTED = 20

_RUNNERS: dict[str, PartitionRunner] = {}
_LOCK = threading.Lock()
_KNOWN: KnownIds | None = None


class PartitionRunner:
    """A loaded pipeline (spaCy model, gate) that turns partitions into plain columns."""

    def __init__(self, settings: RunSettings, nlp: Language | None = None) -> None:
        if nlp is None:
            from pipeline.annotate import build_nlp

            nlp = build_nlp(
                settings.model,
                settings.gazetteer_path,
                trf_ner=settings.trf_ner,
                ner_merge=settings.ner_merge,
                device=settings.device,
                trf_batch_size=settings.trf_batch_size,
                company_ner=settings.company_ner,
            )
        self.nlp = nlp
        self.settings = settings
        self.status_model = None
        if settings.trf_status:
            from pipeline.annotate.transformer.status import StatusClassifier

            self.status_model = StatusClassifier(settings.trf_status, device=settings.device, batch_size=settings.trf_batch_size)
        pair_path = resolve_pair_model_path(settings.pair_model)
        self.pair_model = load_pair_model(str(pair_path)) if pair_path is not None else None
        self.gate: Gate | None = None
        if settings.gate:
            from pipeline.engine.gating import default_gate

            self.gate = default_gate(settings.gazetteer_path)
        self._dedup_keys = Deduplicator().keys if settings.dedup else None
        self.unused = [name for name in UNUSED_PIPES if name in nlp.pipe_names]
        self._tokenizer_warm = False

    def run(self, partition: Partition, known: KnownIds | None = None) -> dict[str, Any]:
        started = time.perf_counter()
        settings = self.settings
        articles: list[Article] = []
        quarantine: list[dict[str, Any]] = []
        dedup: list[tuple[int, str, list[int]]] = []  # (article row, doc_id, keys)
        todo: list[tuple[int, str]] = []  # (article row, text to parse)
        stats = {"read": 0, "words": 0, "chars": 0, "chars_parsed": 0, "sentences": 0, "sentences_parsed": 0, "articles_parsed": 0}
        for record in read_partition(partition, settings.fields, settings.max_chars):
            stats["read"] += 1
            if isinstance(record, Quarantined):
                quarantine.append({"source": record.source, "location": record.location, "reason": record.reason, "raw": record.raw})
                continue
            row = len(articles)
            articles.append(record)
            if known is not None and record.doc_id in known:
                record.state = "skipped:known"
                continue
            prepare(record, lang=settings.lang)
            if record.state != PROCESSED:
                continue
            if self._dedup_keys is not None:
                dedup.append((row, record.doc_id, self._dedup_keys(record)))
            text = record.text
            stats["words"] += len(text.split())
            stats["chars"] += len(text)
            if self.gate is not None:
                decision = self.gate.decide(text)
                stats["sentences"] += decision.n_sentences
                stats["sentences_parsed"] += decision.n_kept
                if not decision.spans:
                    continue
                text = blank(text, decision.spans)
                stats["chars_parsed"] += decision.kept_chars
            else:
                stats["chars_parsed"] += len(text)
            todo.append((row, text))

        prepared = time.perf_counter()
        extract_seconds = 0.0
        events: list[Event] = []
        mentions: list[Mention] = []
        n_events: dict[int, int] = {}
        errors: list[dict[str, str]] = []
        n_errors = 0
        if not self._tokenizer_warm:
            # Inside a memory zone the tokenizer caches nothing, so every word is split by its
            # affix rules again (~8 % of the parse). Words tokenized once outside a zone stay in
            # the cache: the first partition's texts warm it, a bounded, one-time growth.
            for _, text in todo:
                self.nlp.make_doc(text)
            self._tokenizer_warm = True
        with self.nlp.memory_zone(), self.nlp.select_pipes(disable=self.unused):
            for (row, _), doc in zip(todo, self._annotate([t for _, t in todo]), strict=True):
                article = articles[row]
                tick = time.perf_counter()
                try:
                    if doc is None:
                        raise RuntimeError("the spaCy pipeline failed on this text")
                    evs, mens = events_of_doc(doc, article, self.status_model, self.pair_model)
                except Exception as exc:  # noqa: BLE001 - one bad article must not stop a run of millions
                    n_errors += 1
                    article.state = f"skipped:error={type(exc).__name__}"
                    if len(errors) < MAX_ERRORS_LISTED:
                        errors.append({"doc_id": article.doc_id, "origin": article.origin, "error": f"{type(exc).__name__}: {exc}"})
                    log.warning("article %s (%s): %s: %s", article.doc_id, article.origin, type(exc).__name__, exc)
                    continue
                stats["articles_parsed"] += 1
                for m in mens:
                    m.sentence = m.sentence.rstrip()
                events.extend(evs)
                mentions.extend(mens)
                n_events[row] = len(evs)
                extract_seconds += time.perf_counter() - tick
        finished = time.perf_counter()
        dedup = [d for d in dedup if articles[d[0]].state == PROCESSED]  # not an article that failed
        return {
            "index": partition.index,
            "events": columns_of(events, EVENTS_SCHEMA),
            "mentions": columns_of(mentions, MENTIONS_SCHEMA),
            "articles": columns_of((article_row(a, n_events.get(i, 0)) for i, a in enumerate(articles)), ARTICLES_SCHEMA),
            "quarantine": quarantine,
            "dedup": {"row": [d[0] for d in dedup], "doc_id": [d[1] for d in dedup], "keys": [d[2] for d in dedup]},
            "stats": {
                **stats,
                "errors": n_errors,
                "seconds": round(finished - started, 4),
                "seconds_read_prepare_gate": round(prepared - started, 4),
                "seconds_parse": round(finished - prepared - extract_seconds, 4),
                "seconds_extract": round(extract_seconds, 4),
            },
            "errors": errors,
        }

    def _annotate(self, texts: list[str]) -> Iterator[Doc | None]:
        """Docs for ``texts`` in batches; a batch that fails is redone text by text (None for a failing text)."""
        it = iter(texts)
        size = self.settings.batch_size
        while batch := list(islice(it, size)):
            try:
                docs: list[Doc | None] = list(self.nlp.pipe(batch, batch_size=size))
            except Exception:  # noqa: BLE001 - find the text that fails, keep the others
                docs = [self._one(text) for text in batch]
            yield from docs

    def _one(self, text: str) -> Doc | None:
        try:
            return self.nlp(text)
        except Exception as exc:  # noqa: BLE001
            log.warning("spaCy failed on a text of %d chars: %s: %s", len(text), type(exc).__name__, exc)
            return None


def _key(settings: RunSettings) -> str:
    return repr((settings.model, settings.company_ner, settings.pair_model, settings.gazetteer_path, settings.gate, settings.lang, settings.dedup, settings.max_chars,
                 settings.batch_size, sorted(settings.fields.items()), settings.trf_ner, settings.ner_merge, settings.device, settings.trf_status))


def runner_for(settings: RunSettings, nlp: Language | None = None) -> PartitionRunner:
    """The runner of this process for ``settings`` (built once; ``nlp`` is used when given)."""
    key = _key(settings)
    if nlp is not None:
        return PartitionRunner(settings, nlp)
    runner = _RUNNERS.get(key)
    if runner is None:
        runner = _RUNNERS[key] = PartitionRunner(settings)
    return runner


def init_worker(settings: dict[str, Any], known: KnownIds | None) -> None:
    """Pool initializer: load the model now (not at the first partition) and keep the known ids."""
    global _KNOWN
    _KNOWN = known
    logging.getLogger("rachat").setLevel(logging.WARNING)
    with _LOCK:
        runner_for(RunSettings(**settings))


def run_partition(partition: Partition, settings: dict[str, Any], known: KnownIds | None = None) -> dict[str, Any]:
    """The per-partition function of every engine: a partition in, plain columns out.

    One partition at a time per process: spaCy pipelines are not thread-safe, so the threads
    of a Dask worker take turns (start Dask workers with ``--nthreads 1``).
    """
    with _LOCK:
        runner = runner_for(RunSettings(**settings))
        return runner.run(partition, known if known is not None else _KNOWN)
