"""``run_pipeline``: the entry point of every engine (in process, local pool, Dask).

>>> run_pipeline(None, Path("runs/orangesum"), inputs=["dumps/orangesum.jsonl"], workers=8)  # doctest: +SKIP
>>> run_pipeline(articles, Path("runs/gold"))  # Articles already in memory, in this process  # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import json
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from itertools import chain, islice
from pathlib import Path
from typing import Any

from spacy.language import Language

from pipeline.engine.driver import SETTINGS_FILE, drive, finish, iter_count, plan_signature
from pipeline.engine.executors import Executor, InProcessExecutor, PoolExecutor
from pipeline.engine.known import KnownIds
from pipeline.engine.partitions import Partition, inline_partitions, plan_files
from pipeline.engine.progress import make_progress
from pipeline.engine.settings import RunSettings
from pipeline.errors import error
from pipeline.schema import Article, Quarantined
from pipeline.write.parquet import PartStore, write_json

log = logging.getLogger("rachat")


def _executor(settings: RunSettings, known: KnownIds | None, nlp: Language | None) -> Executor:
    if settings.engine == "dask":
        from pipeline.engine.cluster import DaskExecutor

        return DaskExecutor(settings, known)
    if settings.workers == 1:
        return InProcessExecutor(settings, known, nlp)
    return PoolExecutor(settings, known)


def _peek(partitions: Iterator[Partition], n: int) -> tuple[list[Partition], Iterator[Partition]]:
    head = list(islice(partitions, n))
    return head, chain(head, partitions)


def run_pipeline(
    records: Iterable[Article | Quarantined] | None = None,
    out: Path | str = "run",
    *,
    inputs: Sequence[Path | str] | None = None,
    nlp: Language | None = None,
    resume: bool = False,
    progress: str | Callable[[int], None] | None = None,
    settings: dict[str, Any] | None = None,
    **options: Any,
) -> dict[str, Any]:
    """Process every record (``records``, or the files of ``inputs``) and write the run folder of ``out``.

    ``options`` are the fields of :class:`RunSettings` (``workers``, ``engine``, ``scheduler``,
    ``gate``, ``lang``, ``dedup``, ``partition_size``, ``batch_size``, ``fields``, ``skip_known``,
    ``model``, ``max_chars``). ``nlp``: a loaded pipeline to use in this process (workers=1).
    ``resume``: continue the interrupted run in ``out``. ``progress``: "auto", "bar", "log",
    "none" (default) or a callback given the number of records of each finished partition.
    ``settings``: extra values recorded in run.json. Returns run.json as a dict; its counts
    always reconcile (read = processed + skipped + quarantined).
    """
    started = time.time()
    run = RunSettings.from_options(**options)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    store = PartStore(out)
    extra = dict(settings or {})

    plan: list[Partition] | None = None
    if inputs is not None:
        plan = plan_files(inputs, run.partition_size)
        partitions: Iterator[Partition] = iter(plan)
        total = None if any(p.estimate is None for p in plan) else sum(p.estimate or 0 for p in plan)
        n_known: int | None = len(plan)
        extra.setdefault("inputs", [str(p) for p in inputs])
    else:
        if records is None:
            raise TypeError("run_pipeline needs records or inputs")
        total = len(records) if isinstance(records, Sized) else None
        partitions = inline_partitions(records, run.partition_size)
        head, partitions = _peek(partitions, run.workers + 1)
        n_known = len(head) if len(head) <= run.workers else None
    if run.engine == "local" and n_known is not None and n_known < run.workers:
        run = dataclasses.replace(run, workers=max(1, n_known))  # no idle processes loading a model

    identity = {**run.identity(), "inputs": [str(p) for p in inputs] if inputs is not None else None}
    signature = plan_signature(plan) if plan is not None else None
    if resume:
        if not store.exists():
            if (out / "run.json").exists():
                manifest: dict[str, Any] = json.loads((out / "run.json").read_text(encoding="utf-8"))
                log.info("the run in %s is complete: nothing to resume", out)
                return manifest
            raise error("E090", path=out, reason="no interrupted run there (no _parts folder)")
        saved = json.loads((store.root / SETTINGS_FILE).read_text(encoding="utf-8"))
        diff = sorted(k for k in identity if saved["identity"].get(k) != identity[k])
        if signature is not None and saved.get("plan") != signature and "inputs" not in diff:
            diff.append("inputs (the files changed)")
        if diff:
            raise error("E091", path=out, diff=", ".join(diff))
        done = store.done()
    else:
        store.remove()
        store.create()
        write_json(store.root / SETTINGS_FILE, {"identity": identity, "plan": signature})
        done = {}

    known = KnownIds.from_run(run.skip_known) if run.skip_known else None
    prog = make_progress(progress)
    seen = [0]
    executor = _executor(run, known, nlp)
    prog.start(total, done=sum(done.values()))
    try:
        ran = drive(iter_count(partitions, seen), executor, store, prog, done)
    except BaseException:
        executor.close(cancel=True)
        prog.close()
        raise
    executor.close()
    prog.close()
    planned = len(plan) if plan is not None else seen[0]
    if known is not None:
        extra["known_ids"] = len(known)
    return finish(out, store, run, extra, started=started, ran=ran, planned=planned)
