"""Engines: run the per-article function over a whole dump and write the run folder.

``run_pipeline`` runs in this process (``workers=1``), on a local process pool
(``workers=N``) or on Dask (``engine="dask"``); all three run ``worker.run_partition`` over
the same partitions and write the same run folder. See docs/SCALING.md.
"""

from pipeline.engine.local import run_pipeline
from pipeline.engine.process import events_of_doc, process_article
from pipeline.engine.settings import RunSettings, default_workers

__all__ = ["RunSettings", "default_workers", "events_of_doc", "process_article", "run_pipeline"]
