"""The settings of a run: plain values, so they travel to worker processes and Dask workers."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from pipeline.errors import error

# The spaCy model (also ``pipeline.annotate.DEFAULT_MODEL``; repeated so that the driver
# process need not import spaCy).
DEFAULT_MODEL = "fr_core_news_md"
# Records per partition: the unit of work of a worker, of a Parquet part and of --resume.
PARTITION_SIZE = 500
# Texts per nlp.pipe batch inside a partition.
BATCH_SIZE = 64
ENGINES = ("local", "dask")

# Settings that change the output: a run is resumed only with the same values.
IDENTITY = ("model", "company_ner", "pair_model", "gazetteer_path", "gate", "lang", "dedup", "max_chars", "partition_size", "batch_size", "fields", "skip_known")


@dataclass(frozen=True)
class RunSettings:
    """How to run: what decides the output, and how the work is spread.

    ``workers`` and ``engine`` never change the output: partitions are cut the same way
    whatever the number of workers, and the run folder lists them in input order.
    """

    model: str = DEFAULT_MODEL
    # fine-tuned ner weights folder; None: $RACHAT_COMPANY_NER, else models/company-ner if present; "off": stock ner
    company_ner: str | None = None
    # learned pair model folder (opt-in); None: $RACHAT_PAIR_MODEL, else off; "off": rules alone
    pair_model: str | None = None
    gazetteer_path: str | None = None
    gate: bool = True
    lang: str = "fr"
    dedup: bool = True
    max_chars: int = 2_000_000
    partition_size: int = PARTITION_SIZE
    batch_size: int = BATCH_SIZE
    fields: dict[str, str] = field(default_factory=dict)
    skip_known: str | None = None
    workers: int = 1
    engine: str = "local"
    scheduler: str | None = None
    # optional transformer company NER (extra rachat[trf]): a local checkpoint folder
    trf_ner: str | None = None
    ner_merge: str = "union"
    device: str = "cpu"
    trf_batch_size: int = 32
    trf_status: str | None = None  # status classifier checkpoint, asked where the rules are unsure

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise error("E021", engine=self.engine)
        if self.workers < 1:
            raise error("E093", option="--workers", value=self.workers)
        if self.partition_size < 1:
            raise error("E093", option="--partition-size", value=self.partition_size)
        if self.batch_size < 1:
            raise error("E093", option="--batch-size", value=self.batch_size)
        if self.scheduler is not None and self.engine != "dask":
            raise error("E095", scheduler=self.scheduler)

    @classmethod
    def from_options(cls, **options: Any) -> RunSettings:
        """Settings from keyword options; unknown names are an error (a typo is not ignored)."""
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - names)
        if unknown:
            raise TypeError(f"unknown run settings {unknown}; expected some of {sorted(names)}")
        if options.get("workers") is None:
            options.pop("workers", None)
        return cls(**options)

    def identity(self) -> dict[str, Any]:
        """The settings that decide the output (compared by --resume)."""
        values = asdict(self)
        return {k: values[k] for k in IDENTITY}

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)
