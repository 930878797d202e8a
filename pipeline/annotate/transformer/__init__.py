"""Optional transformer stage (extra ``rachat[trf]``): company NER and a status classifier.

Importing this package registers the ``rachat_trf_ner`` spaCy factory and imports neither torch
nor transformers; those load only when a component, classifier or training run is built.

- :mod:`.ner`: ``rachat_trf_ner`` component, any local token-classification checkpoint;
- :mod:`.status`: :class:`StatusClassifier` and the :func:`refine_status` policy;
- :mod:`.train`: fine-tuning on WiNER (NER) and on the dev gold (status);
- :mod:`.align`, :mod:`.labels`: windows, word pieces, label schemes (pure Python).
"""

from __future__ import annotations

from pipeline.annotate.transformer.align import MERGE_MODES, CharSpan, merge_spans
from pipeline.annotate.transformer.factory import add_trf_ner  # importing it registers "rachat_trf_ner"
from pipeline.annotate.transformer.labels import parse_label
from pipeline.annotate.transformer.ner import TokenClassifierRunner, TransformerNER
from pipeline.annotate.transformer.status import STATUS_LABELS, StatusClassifier, refine_status

__all__ = [
    "MERGE_MODES",
    "STATUS_LABELS",
    "CharSpan",
    "StatusClassifier",
    "TokenClassifierRunner",
    "TransformerNER",
    "add_trf_ner",
    "merge_spans",
    "parse_label",
    "refine_status",
]
