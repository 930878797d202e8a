"""The lexical gate of a run, built from the vocabularies of the later stages.

``pipeline.prepare.gate`` imports no later stage; the engine, which comes after all of them,
hands it the trigger lexicon (``pipeline/extract/triggers/lexicon.jsonl``), the company
names of the gazetteer and the description nouns of the company ruler ("la société",
"l'opérateur"), so the gate follows these vocabularies as they grow.
"""

from __future__ import annotations

import json
from functools import lru_cache

from pipeline.prepare.gate import Gate


def lexicon_entries() -> list[dict[str, object]]:
    """The entries of the trigger lexicon, as data."""
    from pipeline.extract.triggers import HERE

    lines = (HERE / "lexicon.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def company_names(gazetteer_path: str | None = None) -> list[str]:
    from pipeline.annotate.companies.patterns import load_gazetteer

    return [surface for entry in load_gazetteer(gazetteer_path) for surface in (entry.name, *entry.aliases)]


def description_nouns() -> list[str]:
    """The nouns of company descriptions ("la société", "l'opérateur"), as the extractor knows them."""
    from pipeline.annotate.companies.patterns import cue_nouns

    return list(cue_nouns())


@lru_cache(maxsize=4)
def default_gate(gazetteer_path: str | None = None) -> Gate:
    """The gate the engine uses (one per process)."""
    return Gate.from_lexicon(lexicon_entries(), company_names(gazetteer_path), descriptions=description_nouns())
