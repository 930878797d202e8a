"""The fine-tuned NER weights for company detection (``models/company-ner``) and their data split.

``scripts/train_company_ner.py`` fine-tunes the ``ner`` component of fr_core_news_md on WiNER-fr
(brat) and saves only that component under ``models/company-ner/ner`` (same architecture, same
labels LOC/MISC/ORG/PER), so :func:`pipeline.annotate.build_nlp` loads it over the stock weights
with ``nlp.get_pipe("ner").from_disk(...)``.

Which weights ``build_nlp`` uses (first match wins):

1. ``build_nlp(company_ner=PATH)``: that model folder (or its ``ner`` sub-folder); missing -> E013.
   ``company_ner=""`` (or ``"off"`` / ``"none"``) keeps the stock fr_core_news_md NER.
2. the environment variable ``RACHAT_COMPANY_NER``: a folder, or ``off`` for the stock NER.
3. the repository's ``models/company-ner`` when it exists; else the stock NER.

The split of the brat documents is a pure function of their path relative to the data folder
(:func:`split_of`), so training and ``rachat evaluate-ner`` agree without sharing state: texts the
event gold points at are never used; of the others, ~20 % are the held-out NER test set, ~10 %
the dev slice (epoch choice), the rest is trained on. ``train_docs.txt`` in the model folder lists
the training and dev documents (every document the model has seen).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pipeline.errors import error

__all__ = [
    "DEFAULT_COMPANY_NER",
    "ENV_VAR",
    "OFF_VALUES",
    "TRAIN_DOCS_FILE",
    "load_company_ner",
    "read_train_docs",
    "resolve_company_ner",
    "split_brat_docs",
    "split_of",
]

DEFAULT_COMPANY_NER = Path(__file__).resolve().parents[2] / "models" / "company-ner"
ENV_VAR = "RACHAT_COMPANY_NER"
OFF_VALUES = frozenset({"", "off", "none", "stock", "0", "false", "no"})
NER_SUBDIR = "ner"
TRAIN_DOCS_FILE = "train_docs.txt"
# percentage buckets of the path hash: [0, TEST_PCT) test, [TEST_PCT, TEST_PCT + DEV_PCT) dev
TEST_PCT = 20
DEV_PCT = 10


def resolve_company_ner(company_ner: str | os.PathLike[str] | None = None) -> Path | None:
    """The model folder to load (holding ``ner/``), or None for the stock fr_core_news_md NER."""
    if company_ner is None:
        env = os.environ.get(ENV_VAR)
        if env is None:
            return DEFAULT_COMPANY_NER if (DEFAULT_COMPANY_NER / NER_SUBDIR).is_dir() else None
        company_ner = env
    if str(company_ner).strip().lower() in OFF_VALUES:
        return None
    path = Path(company_ner)
    if path.name == NER_SUBDIR and (path / "model").is_file():
        path = path.parent
    if not (path / NER_SUBDIR / "model").is_file():
        raise error("E013", path=path)
    return path


def load_company_ner(nlp: Any, folder: Path) -> None:
    """Replace the weights of ``nlp``'s ``ner`` with those saved in ``folder/ner`` (same labels)."""
    ner = nlp.get_pipe("ner")
    before = tuple(sorted(ner.labels))
    try:
        ner.from_disk(folder / NER_SUBDIR, exclude=["vocab"])
    except Exception as exc:  # noqa: BLE001 - a wrong folder is a user mistake, not a crash
        raise error("E014", path=folder, reason=f"{type(exc).__name__}: {exc}") from exc
    after = tuple(sorted(ner.labels))
    if after != before:
        raise error("E014", path=folder, reason=f"labels {list(after)} differ from the base model's {list(before)}")


def read_train_docs(folder: Path | None) -> list[str]:
    """Relative paths (posix) of the documents the model in ``folder`` was trained or tuned on."""
    if folder is None:
        return []
    path = Path(folder) / TRAIN_DOCS_FILE
    if not path.is_file():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]


def split_of(relpath: str) -> str:
    """"test", "dev" or "train" for a document path relative to the data folder (stable hash)."""
    bucket = int(hashlib.sha256(relpath.replace(os.sep, "/").encode("utf-8")).hexdigest()[:8], 16) % 100
    if bucket < TEST_PCT:
        return "test"
    if bucket < TEST_PCT + DEV_PCT:
        return "dev"
    return "train"


def split_brat_docs(folder: Path, exclude: Iterable[Path] = ()) -> dict[str, list[str]]:
    """The ``.txt`` files with an ``.ann`` under ``folder`` (relative, sorted) by split, gold texts apart.

    Keys: ``train``, ``dev``, ``test`` and ``gold`` (the texts in ``exclude``, never used).
    """
    excluded = {os.path.normcase(os.path.abspath(p)) for p in exclude}
    out: dict[str, list[str]] = {"train": [], "dev": [], "test": [], "gold": []}
    for ann in sorted(Path(folder).rglob("*.ann")):
        txt = ann.with_suffix(".txt")
        if not txt.is_file():
            continue
        rel = txt.relative_to(folder).as_posix()
        if os.path.normcase(os.path.abspath(txt)) in excluded:
            out["gold"].append(rel)
        else:
            out[split_of(rel)].append(rel)
    return out
