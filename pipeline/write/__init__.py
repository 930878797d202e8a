"""Write: the run folder (Parquet tables, quarantine, manifest), atomically."""

from pipeline.write.parquet import PartStore, TableWriter, columns_of, read_table, table_path, write_json

__all__ = ["PartStore", "TableWriter", "columns_of", "read_table", "table_path", "write_json"]
