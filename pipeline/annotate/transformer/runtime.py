"""Lazy access to torch / transformers, checkpoint folder checks, and device choice.

The default install of rachat has neither torch nor transformers: nothing in this package imports
them at module level, so ``import pipeline.annotate.transformer`` (which registers the spaCy
factory) stays cheap and works without the ``[trf]`` extra. Only building a component, a classifier
or a training run imports them, through :func:`require`.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import Any

from pipeline.errors import error

WEIGHT_FILES = (
    "model.safetensors",
    "pytorch_model.bin",
    "model.safetensors.index.json",
    "pytorch_model.bin.index.json",
)
TOKENIZER_FILES = ("tokenizer.json", "vocab.txt", "sentencepiece.bpe.model", "spiece.model", "vocab.json")


def require(module: str) -> ModuleType:
    """Import ``torch`` or ``transformers`` on first use, or explain how to install the extra (E070)."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise error("E070", missing=module) from exc


def quiet_transformers() -> None:
    """No progress bars or advisory warnings from transformers: the CLI owns the terminal."""
    transformers = require("transformers")
    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()


def check_checkpoint(path: str | Path, kind: str) -> Path:
    """The checkpoint folder, checked before transformers is asked to load it.

    A missing path is E020; a folder without config.json, tokenizer files or weights is E071, which
    lists what a usable folder holds (what ``save_pretrained`` writes).
    """
    folder = Path(path).expanduser()
    expected = "a folder with config.json, tokenizer files and weights (model.safetensors or pytorch_model.bin)"
    if not folder.exists():
        raise error("E020", path=folder, kind=f"{kind} folder", expected=expected)
    if not folder.is_dir():
        raise error("E020", path=folder, kind=f"{kind} folder", expected=expected)
    missing = []
    if not (folder / "config.json").is_file():
        missing.append("config.json")
    if not any((folder / name).is_file() for name in TOKENIZER_FILES):
        missing.append("tokenizer files")
    if not any((folder / name).is_file() for name in WEIGHT_FILES):
        missing.append("weights")
    if missing:
        raise error("E071", path=folder, kind=kind, reason="no " + ", no ".join(missing))
    return folder


def resolve_device(device: str) -> str:
    """``cpu``, ``cuda``, ``cuda:N`` or ``auto`` (the GPU when torch sees one) -> a torch device string."""
    name = (device or "cpu").strip().lower()
    if name == "cpu":
        return "cpu"
    if name not in ("auto", "cuda") and not (name.startswith("cuda:") and name[5:].isdigit()):
        raise error("E072", device=device)
    torch = require("torch")
    available = bool(torch.cuda.is_available())
    if name == "auto":
        return "cuda" if available else "cpu"
    if not available:
        raise error("E073", device=device)
    return name


def load_pretrained(path: str | Path, kind: str, auto_class: str, **kwargs: Any) -> tuple[Any, Any]:
    """(tokenizer, model) of a local checkpoint, never from a hub (``local_files_only=True``).

    ``auto_class`` is ``AutoModelForTokenClassification`` or ``AutoModelForSequenceClassification``.
    Anything transformers refuses (a corrupt config, a slow-only tokenizer, weights of another
    architecture) becomes E071 with its reason.
    """
    folder = check_checkpoint(path, kind)
    transformers = require("transformers")
    quiet_transformers()
    try:
        tokenizer = transformers.AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
        model = getattr(transformers, auto_class).from_pretrained(str(folder), local_files_only=True, **kwargs)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise error("E071", path=folder, kind=kind, reason=reason) from exc
    if not getattr(tokenizer, "is_fast", False):
        raise error(
            "E071",
            path=folder,
            kind=kind,
            reason="its tokenizer has no fast (Rust) version, needed for character offsets",
        )
    return tokenizer, model


def position_limit(tokenizer: Any, model: Any) -> int:
    """The longest input, special tokens included, that the model accepts.

    RoBERTa-family models (CamemBERT) reserve two positions: 514 embeddings for 512 tokens.
    """
    limit = int(getattr(model.config, "max_position_embeddings", 512) or 512)
    if getattr(model.config, "model_type", "") in ("roberta", "camembert", "xlm-roberta"):
        limit -= 2
    declared = int(getattr(tokenizer, "model_max_length", limit) or limit)
    return min(limit, declared) if declared < 1_000_000 else limit
