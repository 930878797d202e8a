"""Ingest: read any dump into Articles; records that cannot be used go to the quarantine."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.ingest.fields import FieldMap
from pipeline.ingest.readers import READERS, discover, read_file
from pipeline.schema import Article, Quarantined

__all__ = ["FieldMap", "READERS", "discover", "iter_records", "read_file"]


def iter_records(paths: Iterable[Path | str], fields: FieldMap | None = None) -> Iterator[Article | Quarantined]:
    """Every record of every input, lazily, in a stable order."""
    fields = fields or FieldMap()
    for path in discover([Path(p) for p in paths]):
        yield from read_file(path, fields)
