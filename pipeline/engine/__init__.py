"""Engines: run the per-article function over a whole dump and write the run folder."""

from pipeline.engine.local import run_pipeline
from pipeline.engine.process import events_of_doc, process_article

__all__ = ["events_of_doc", "process_article", "run_pipeline"]
