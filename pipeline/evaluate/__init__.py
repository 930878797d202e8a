"""Evaluate: gold reader and validator, matching, metrics, reports, NER scores, annotation-tool importers.

Kept free of heavy imports so ``scripts/gold_text_ref.py`` loads fast; import the submodules:
``gold`` (``load_gold``, ``filter_split``), ``match``, ``metrics`` (``evaluate``), ``predictions``,
``report``, ``ner``, ``importers``, ``commands`` (``register(app)`` for the CLI).
"""
