"""rachat: company ownership events from French news, as Parquet."""

__version__ = "0.1.0"
