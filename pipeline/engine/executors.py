"""Where partitions run: in this process, in a local process pool, or on Dask (``cluster.py``).

Every executor runs the same function (``worker.run_partition``) and hands back plain columns;
the driver decides the order of the output, so the executor never changes it.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import signal
from collections.abc import Collection
from typing import Any, Protocol

from spacy.language import Language

from pipeline.engine.known import KnownIds
from pipeline.engine.partitions import Partition
from pipeline.engine.settings import RunSettings

# Partitions in flight per worker: one running, one waiting, so no worker idles between two.
IN_FLIGHT_PER_WORKER = 2


class Executor(Protocol):
    window: int

    def submit(self, partition: Partition) -> Any: ...
    def wait(self, futures: Collection[Any]) -> set[Any]: ...
    def result(self, future: Any) -> dict[str, Any]: ...
    def close(self, cancel: bool = False) -> None: ...


class InProcessExecutor:
    """One worker: this process (``--workers 1``); the model is the one given, or loaded once."""

    window = 1

    def __init__(self, settings: RunSettings, known: KnownIds | None, nlp: Language | None = None) -> None:
        from pipeline.engine.worker import runner_for

        self.runner = runner_for(settings, nlp)
        self.known = known

    def submit(self, partition: Partition) -> cf.Future[dict[str, Any]]:
        future: cf.Future[dict[str, Any]] = cf.Future()
        try:
            future.set_result(self.runner.run(partition, self.known))
        except Exception as exc:  # noqa: BLE001 - reported by the driver with the partition
            future.set_exception(exc)
        return future

    def wait(self, futures: Collection[Any]) -> set[Any]:
        return set(futures)

    def result(self, future: Any) -> dict[str, Any]:
        result: dict[str, Any] = future.result()
        return result

    def close(self, cancel: bool = False) -> None:
        pass


def _ignore_sigint(settings: dict[str, Any], known: KnownIds | None) -> None:
    """Pool initializer: Ctrl-C is the driver's to handle; then load the model."""
    from pipeline.engine.worker import init_worker

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    init_worker(settings, known)


class PoolExecutor:
    """``workers`` processes started with ``spawn`` (no state inherited), one spaCy model each."""

    def __init__(self, settings: RunSettings, known: KnownIds | None) -> None:
        self.window = settings.workers * IN_FLIGHT_PER_WORKER
        self.settings = settings.to_dict()
        self.pool = cf.ProcessPoolExecutor(
            max_workers=settings.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_ignore_sigint,
            initargs=(self.settings, known),
        )

    def submit(self, partition: Partition) -> cf.Future[dict[str, Any]]:
        from pipeline.engine.worker import run_partition

        return self.pool.submit(run_partition, partition, self.settings)

    def wait(self, futures: Collection[Any]) -> set[Any]:
        done, _ = cf.wait(futures, return_when=cf.FIRST_COMPLETED)
        return done

    def result(self, future: Any) -> dict[str, Any]:
        result: dict[str, Any] = future.result()
        return result

    def close(self, cancel: bool = False) -> None:
        if cancel:
            # stop at once (Ctrl-C, a failed partition): running partitions are redone by --resume
            processes = list(getattr(self.pool, "_processes", {}).values())
            self.pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                if process.is_alive():
                    process.terminate()
            for process in processes:
                process.join(timeout=5)
        else:
            self.pool.shutdown(wait=True)
