"""Registration of the ``rachat_trf_ner`` spaCy factory (logic lives in :mod:`.ner`).

Importing this module imports neither torch nor transformers; adding the pipe loads the checkpoint::

    import pipeline.annotate.transformer  # registers the factory
    nlp.add_pipe("rachat_trf_ner", after="rachat_companies",
                 config={"model_path": "models/camembert-ner", "merge": "union", "device": "cuda"})
"""

from __future__ import annotations

from typing import cast

from spacy.language import Language

from pipeline.annotate.transformer.ner import COMPANIES_KEY, GATE_KEY, TRF_KEY, TransformerNER

DEFAULT_CONFIG = {
    "model_path": "",
    "merge": "union",
    "batch_size": 32,
    "device": "cpu",
    "stride": 64,
    "max_length": 512,
    "only_gated": False,
    "spans_key": COMPANIES_KEY,
    "trf_spans_key": TRF_KEY,
    "gate_key": GATE_KEY,
}


@Language.factory("rachat_trf_ner", default_config=DEFAULT_CONFIG)
def make_trf_ner(
    nlp: Language,
    name: str,
    model_path: str,
    merge: str,
    batch_size: int,
    device: str,
    stride: int,
    max_length: int,
    only_gated: bool,
    spans_key: str,
    trf_spans_key: str,
    gate_key: str,
) -> TransformerNER:
    return TransformerNER(
        nlp,
        name,
        model_path=model_path,
        merge=merge,
        batch_size=batch_size,
        device=device,
        stride=stride,
        max_length=max_length,
        only_gated=only_gated,
        spans_key=spans_key,
        trf_spans_key=trf_spans_key,
        gate_key=gate_key,
    )


def add_trf_ner(
    nlp: Language,
    model_path: str,
    *,
    merge: str = "union",
    device: str = "cpu",
    batch_size: int = 32,
    only_gated: bool = False,
    after: str = "rachat_companies",
) -> TransformerNER:
    """Add ``rachat_trf_ner`` after the company ruler (or last, when the pipeline has none); returns it.

    What ``rachat extract --trf-ner PATH --ner-merge MODE --device DEV --trf-batch-size N`` does::

        add_trf_ner(nlp, "models/camembert-ner", merge="union", device="cuda", batch_size=64)
    """
    config = {
        "model_path": str(model_path),
        "merge": merge,
        "device": device,
        "batch_size": batch_size,
        "only_gated": only_gated,
    }
    where = {"after": after} if after in nlp.pipe_names else {"last": True}
    return cast(TransformerNER, nlp.add_pipe("rachat_trf_ner", config=config, **where))
