"""Shared fixtures: the spaCy pipeline is built once per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from pipeline.annotate import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def base_nlp():
    """fr_core_news_md alone, for tests that build Docs by hand with its vocab."""
    import spacy

    return spacy.load("fr_core_news_md")
