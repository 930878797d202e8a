"""Tiny checkpoints built in the test session: a WordPiece vocabulary trained on sentences written
here, a random 2-layer BERT (hidden 32, 2 heads), saved with ``save_pretrained``. No download."""

from __future__ import annotations

from pathlib import Path

import pytest

# Our own sentences, repeated so that the company names become whole WordPiece tokens.
SENTENCES = [
    "Orange rachète Cloudwatt à la Caisse des dépôts et à Thales .",
    "Numericable-SFR prend le contrôle de Numergy , détenue par Atos .",
    "Selon la presse , Vivendi pourrait monter au capital d'Ubisoft .",
    "AT&T a finalisé le rachat de Time Warner pour 85 milliards de dollars .",
    "Le projet de fusion entre Fnac et Darty est soumis à l'Autorité de la concurrence .",
    "Iliad renonce à son offre sur T-Mobile US .",
    "Le groupe Bolloré détient 26 % de Vivendi .",
    "Free annonce l'acquisition de Jaguar Network , une société lyonnaise .",
]


@pytest.fixture(scope="session")
def tiny_encoder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from pipeline.annotate.transformer.tiny import build_tiny_encoder

    return build_tiny_encoder(
        SENTENCES * 20,
        tmp_path_factory.mktemp("tiny-encoder"),
        vocab_size=400,
        hidden_size=32,
        num_layers=2,
        num_heads=2,
        max_positions=64,
    )


def _with_head(encoder: Path, out: Path, auto_class: str, labels: list[str]) -> Path:
    import transformers

    model = getattr(transformers, auto_class).from_pretrained(
        str(encoder),
        local_files_only=True,
        num_labels=len(labels),
        id2label=dict(enumerate(labels)),
        label2id={label: i for i, label in enumerate(labels)},
    )
    tokenizer = transformers.AutoTokenizer.from_pretrained(str(encoder), local_files_only=True)
    model.save_pretrained(str(out))
    tokenizer.save_pretrained(str(out))
    return out


@pytest.fixture(scope="session")
def tiny_ner(tiny_encoder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A random token classifier with WiNER-style labels (O, B-Organization, I-Organization, B-PER)."""
    labels = ["O", "B-Organization", "I-Organization", "B-PER"]
    return _with_head(tiny_encoder, tmp_path_factory.mktemp("tiny-ner"), "AutoModelForTokenClassification", labels)


@pytest.fixture(scope="session")
def tiny_status(tiny_encoder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    labels = ["completed", "pending", "rumored", "cancelled", "no_event"]
    return _with_head(
        tiny_encoder, tmp_path_factory.mktemp("tiny-status"), "AutoModelForSequenceClassification", labels
    )
