"""A tiny randomly initialised BERT encoder with its own WordPiece vocabulary, built offline.

No pretrained French encoder is reachable from this machine (no model hub), so tests and
benchmarks build one: a WordPiece tokenizer trained with the ``tokenizers`` library on the texts
given, wrapped as ``BertTokenizerFast``, and a small ``BertConfig`` with random weights, both
written with ``save_pretrained``. It has the structure of a real checkpoint and none of its
knowledge: anything trained from it is a plumbing check, not a model worth comparing with rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pipeline.annotate.transformer.runtime import quiet_transformers, require

SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def build_tiny_encoder(
    texts: Iterable[str],
    out: str | Path,
    *,
    vocab_size: int = 2000,
    hidden_size: int = 32,
    num_layers: int = 2,
    num_heads: int = 2,
    max_positions: int = 128,
    seed: int = 0,
) -> Path:
    """Train a cased WordPiece vocabulary on ``texts`` and save a random BERT with it to ``out``."""
    tokenizers = require("tokenizers")
    transformers = require("transformers")
    torch = require("torch")
    from tokenizers import decoders, models, normalizers, pre_tokenizers, processors, trainers

    quiet_transformers()

    tok = tokenizers.Tokenizer(models.WordPiece(unk_token="[UNK]"))
    # cased, accents kept: "Orange" the company is not "orange" the colour
    tok.normalizer = normalizers.BertNormalizer(lowercase=False, strip_accents=False)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.decoder = decoders.WordPiece()
    tok.train_from_iterator(texts, trainers.WordPieceTrainer(vocab_size=vocab_size, special_tokens=SPECIAL_TOKENS))
    cls_id, sep_id = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)],
    )
    tokenizer = transformers.BertTokenizerFast(
        tokenizer_object=tok,
        # transformers rebuilds the normaliser from these flags, whatever the tokenizer object says
        do_lower_case=False,
        strip_accents=False,
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        mask_token="[MASK]",
        model_max_length=max_positions,
    )
    config = transformers.BertConfig(
        vocab_size=len(tokenizer),
        hidden_size=hidden_size,
        num_hidden_layers=num_layers,
        num_attention_heads=num_heads,
        intermediate_size=hidden_size * 4,
        max_position_embeddings=max_positions,
        pad_token_id=tokenizer.pad_token_id,
    )
    torch.manual_seed(seed)
    model = transformers.BertModel(config)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(folder))
    tokenizer.save_pretrained(str(folder))
    return folder
