"""``--skip-known``: the doc_ids of an earlier run, in 8 bytes each.

A sorted array of 64-bit hashes of the doc_ids (``pipeline.prepare.dedup.hash64``): ten million
ids take 80 MB, pickle in one piece to the workers, and are looked up by binary search.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np

from pipeline.errors import error
from pipeline.prepare.dedup import hash64


class KnownIds:
    """A set of doc_ids, by hash: ``"orangesum-410" in known``."""

    def __init__(self, doc_ids: Iterable[str] = ()) -> None:
        hashes = np.fromiter((hash64(d) for d in doc_ids), dtype=np.uint64)
        self._hashes = np.unique(hashes)

    def __len__(self) -> int:
        return int(self._hashes.size)

    def __contains__(self, doc_id: object) -> bool:
        if not isinstance(doc_id, str) or not self._hashes.size:
            return False
        h = np.uint64(hash64(doc_id))
        i = int(np.searchsorted(self._hashes, h))
        return i < self._hashes.size and self._hashes[i] == h

    @classmethod
    def from_run(cls, run_dir: Path | str) -> KnownIds:
        """Every doc_id of ``run_dir/articles.parquet``, whatever its state."""
        import pyarrow.parquet as pq

        from pipeline.write import table_path

        run_dir = Path(run_dir)
        path = table_path(run_dir, "articles")
        if path is None:
            raise error("E092", path=run_dir, reason="no articles.parquet there")
        try:
            files = sorted(path.glob("*.parquet")) if path.is_dir() else [path]
            ids: list[str] = []
            for file in files:
                for batch in pq.ParquetFile(file).iter_batches(columns=["doc_id"], batch_size=65_536):
                    ids.extend(str(d) for d in batch.column(0).to_pylist())
        except Exception as exc:  # noqa: BLE001 - pyarrow raises several types for a bad file
            raise error("E092", path=run_dir, reason=f"cannot read articles.parquet: {exc}") from exc
        return cls(ids)
