"""Write: the run folder (Parquet tables, quarantine, manifest), atomically."""

from pipeline.write.parquet import RunWriter, read_table

__all__ = ["RunWriter", "read_table"]
