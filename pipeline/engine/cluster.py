"""The Dask engine: the same per-partition function on ``dask.distributed`` workers.

``--engine dask`` starts a ``LocalCluster`` (``--workers`` processes, one thread each);
``--engine dask --scheduler tcp://HOST:8786`` uses a running cluster. Workers read their
partitions from the input files themselves, so the inputs must be at the same path on every
worker (shared storage); the results (plain columns) come back to this process, which writes the
run folder. See docs/SCALING.md.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from typing import Any

from pipeline.engine.executors import IN_FLIGHT_PER_WORKER
from pipeline.engine.known import KnownIds
from pipeline.engine.partitions import Partition
from pipeline.engine.settings import RunSettings
from pipeline.errors import error


class DaskExecutor:
    """Partitions as Dask tasks; at most ``IN_FLIGHT_PER_WORKER`` per worker thread at a time."""

    def __init__(self, settings: RunSettings, known: KnownIds | None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise error("E096", reason=str(exc)) from exc
        for name in ("distributed", "distributed.worker", "distributed.scheduler", "distributed.nanny", "distributed.core"):
            logging.getLogger(name).setLevel(logging.ERROR)
        self.cluster: Any = None
        if settings.scheduler:
            try:
                self.client = Client(settings.scheduler, timeout="20s")
            except (OSError, TimeoutError) as exc:
                raise error("E094", address=settings.scheduler, reason=str(exc) or type(exc).__name__) from exc
        else:
            self.cluster = LocalCluster(
                n_workers=settings.workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
            )
            self.client = Client(self.cluster)
        threads = sum(self.client.nthreads().values()) or settings.workers
        self.window = threads * IN_FLIGHT_PER_WORKER
        self.settings = settings.to_dict()
        # the known ids go to each worker once, not with every task
        self.known = self.client.scatter(known, broadcast=True) if known is not None else None

    def submit(self, partition: Partition) -> Any:
        from pipeline.engine.worker import run_partition

        return self.client.submit(run_partition, partition, self.settings, self.known, pure=False, key=f"rachat-partition-{partition.index}-{id(self)}")

    def wait(self, futures: Collection[Any]) -> set[Any]:
        from distributed import wait

        done, _ = wait(list(futures), return_when="FIRST_COMPLETED")
        return set(done)

    def result(self, future: Any) -> dict[str, Any]:
        result: dict[str, Any] = future.result()
        future.release()
        return result

    def close(self, cancel: bool = False) -> None:
        try:
            self.client.close()
        finally:
            if self.cluster is not None:
                self.cluster.close()
