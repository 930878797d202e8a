"""Annotate: spaCy fr_core_news_md plus rachat's own rulers.

``build_nlp()`` is the one way to get the pipeline: line-break sentence boundaries, the
statistical model, the company ruler (``doc.spans["companies"]``) and the quantity ruler
(``doc.spans["quantities"]``).

The model's ``ner`` gets the fine-tuned WiNER weights of ``models/company-ner`` when that folder
exists (see :mod:`pipeline.annotate.company_ner`); ``company_ner=""`` or the environment variable
``RACHAT_COMPANY_NER=off`` keep the stock fr_core_news_md NER.
"""

from __future__ import annotations

import spacy
from spacy.language import Language

from pipeline.annotate import sentences  # noqa: F401  (registers rachat_line_sentences)
from pipeline.annotate.companies.component import COMPANIES_KEY  # registers rachat_companies
from pipeline.annotate.company_ner import load_company_ner, resolve_company_ner
from pipeline.annotate.quantities.component import QUANTITIES_KEY  # registers rachat_quantities

__all__ = ["COMPANIES_KEY", "QUANTITIES_KEY", "build_nlp"]

DEFAULT_MODEL = "fr_core_news_md"


def build_nlp(
    model: str = DEFAULT_MODEL,
    gazetteer_path: str | None = None,
    *,
    trf_ner: str | None = None,
    ner_merge: str = "union",
    device: str = "cpu",
    trf_batch_size: int = 32,
    company_ner: str | None = None,
) -> Language:
    """fr_core_news_md + rachat components, ready for ``nlp(text)`` or ``nlp.pipe``.

    ``company_ner``: folder of fine-tuned ``ner`` weights (written by scripts/train_company_ner.py);
    None = ``$RACHAT_COMPANY_NER`` if set, else the repository's ``models/company-ner`` if present
    (both only with the default ``model``, whose architecture the weights share); ``""`` or ``"off"``
    = the model's own NER. A folder that is not there raises E013.

    ``trf_ner`` adds the optional transformer company NER (extra ``rachat[trf]``): a local
    token-classification checkpoint folder whose ORG spans are merged with the rules'.
    """
    folder = resolve_company_ner(company_ner) if company_ner is not None or model == DEFAULT_MODEL else None
    nlp = spacy.load(model)
    if folder is not None:
        load_company_ner(nlp, folder)
    nlp.add_pipe("rachat_line_sentences", before="parser")
    nlp.add_pipe("rachat_companies", after="ner", config={"gazetteer_path": gazetteer_path, "trust_ner": folder is not None})
    if trf_ner:
        from pipeline.annotate.transformer import add_trf_ner

        add_trf_ner(nlp, str(trf_ner), merge=ner_merge, device=device, batch_size=trf_batch_size)
    nlp.add_pipe("rachat_quantities", last=True)
    return nlp
