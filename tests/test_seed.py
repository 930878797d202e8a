"""DESIGN.md's worked example: the seed article gives exactly its six events.

The article is third-party text: it is read from ``../shared/seeds/`` (never copied here).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from spacy.language import Language

from pipeline.engine import process_article
from pipeline.ingest import iter_records
from pipeline.schema import Article, Event

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "numerama-cloud-souverain.txt"

# DESIGN.md, "Worked example": (type, owner, target, seller, stake, status)
EXPECTED = [
    ("acquisition", "Numericable-SFR", "Numergy", "Atos", 20.0, "completed"),
    ("acquisition", "Numericable-SFR", "Numergy", "Caisse des dépôts et consignations", 33.0, "completed"),
    ("holding", "Numericable-SFR", "Numergy", None, 46.0, None),
    ("acquisition", "Orange", "CloudWatt", "Caisse des dépôts", None, "completed"),
    ("acquisition", "Orange", "CloudWatt", "Thales", None, "completed"),
    ("holding", "Orange", "CloudWatt", None, 44.0, None),
]


def norm(name: str | None) -> str:
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))


def same_name(gold: str | None, predicted: str | None) -> bool:
    """Equal after normalisation, or one contains the other ("Caisse des dépôts" in "... et consignations")."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    a, b = norm(gold), norm(predicted)
    return bool(a) and bool(b) and (a in b or b in a)


def matches(gold: tuple[str, str, str, str | None, float | None, str | None], event: Event) -> bool:
    etype, owner, target, seller, stake, status = gold
    return (
        event.event_type == etype
        and same_name(owner, event.owner)
        and same_name(target, event.target)
        and same_name(seller, event.seller)
        and (event.stake_pct is None if stake is None else event.stake_pct is not None and abs(event.stake_pct - stake) <= 0.5)
        and event.status == status
    )


@pytest.fixture(scope="module")
def seed_events(nlp: Language) -> list[Event]:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED} (it lives in the shared data folder next to the repository)")
    (article,) = [r for r in iter_records([SEED]) if isinstance(r, Article)]
    events, _ = process_article(nlp, article)
    return events


def describe(events: list[Event]) -> list[tuple[object, ...]]:
    return [(e.event_type, e.owner, e.target, e.seller, e.stake_pct, e.status) for e in events]


@pytest.mark.parametrize("gold", EXPECTED, ids=[f"{g[0]}-{g[2]}-{g[3] or 'holding'}" for g in EXPECTED])
def test_each_expected_event(seed_events: list[Event], gold: tuple[str, str, str, str | None, float | None, str | None]) -> None:
    found = [e for e in seed_events if matches(gold, e)]
    assert len(found) == 1, describe(seed_events)


def test_no_other_event(seed_events: list[Event]) -> None:
    extra = [e for e in seed_events if not any(matches(g, e) for g in EXPECTED)]
    assert extra == [], describe(extra)
    assert len(seed_events) == len(EXPECTED)


def test_events_carry_their_evidence(seed_events: list[Event]) -> None:
    text = SEED.read_text(encoding="utf-8")
    for event in seed_events:
        assert event.doc_id == "numerama-cloud-souverain"
        assert event.n_mentions >= 1
        assert event.evidence and event.evidence[:40] in text
