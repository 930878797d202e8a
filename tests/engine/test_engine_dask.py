"""The Dask engine on a real LocalCluster (2 workers, 1 thread each) writes what the local engine writes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pipeline.engine import run_pipeline


@pytest.mark.slow
def test_dask_local_cluster_matches_the_local_engine(dump: Any, reference_run: Path, tmp_path: Path, same_tables: Any) -> None:
    pytest.importorskip("distributed")
    manifest = run_pipeline(None, tmp_path / "dask", inputs=[dump.path], engine="dask", workers=2, partition_size=dump.partition_size)
    assert manifest["settings"]["engine"] == "dask"
    assert manifest["reconciled"]
    same_tables(reference_run, tmp_path / "dask")


def test_a_scheduler_needs_the_dask_engine(tmp_path: Path) -> None:
    from pipeline.errors import RachatError

    with pytest.raises(RachatError, match="E095"):
        run_pipeline([], tmp_path / "x", scheduler="tcp://127.0.0.1:8786")
