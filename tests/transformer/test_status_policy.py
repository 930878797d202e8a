"""refine_status policy, status label names, and status training examples (no model needed)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from pipeline.annotate.transformer.data import status_examples
from pipeline.annotate.transformer.status import normalise_status_label, refine_status


@pytest.mark.parametrize(
    ("rule_status", "rule_conf", "pred", "kwargs", "expected"),
    [
        # "Iliad rachèterait Jaguar Network" misread as completed by unsure rules
        ("completed", 0.4, ("rumored", 0.91), {}, "rumored"),
        # "a finalisé le rachat": a sure cue, the classifier is not asked to overrule it
        ("completed", 0.9, ("rumored", 0.91), {}, "completed"),
        # a hesitant classifier changes nothing
        ("pending", 0.3, ("cancelled", 0.55), {}, "pending"),
        ("pending", 0.3, ("cancelled", 0.55), {"threshold": 0.5}, "cancelled"),
        # no-event never deletes a status
        ("pending", 0.2, ("no-event", 0.99), {}, "pending"),
        # rules found no cue at all
        (None, 0.0, ("pending", 0.8), {}, "pending"),
        # a holding is a state: no status whatever the classifier says
        (None, 0.0, ("completed", 0.99), {"event_type": "holding"}, None),
        ("completed", 0.6, ("cancelled", 0.95), {"rule_sure": 0.5}, "completed"),
    ],
)
def test_refine_status(
    rule_status: str | None, rule_conf: float, pred: tuple[str, float], kwargs: dict[str, Any], expected: str | None
) -> None:
    assert refine_status(rule_status, rule_conf, pred, **kwargs) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("no_event", "no-event"), ("NONE", "no-event"), ("Rumored", "rumored"), ("cancelled", "cancelled"), ("POS", None)],
)
def test_normalise_status_label(name: str, expected: str | None) -> None:
    assert normalise_status_label(name) == expected


@dataclass
class Ev:
    type: str
    owner: tuple[str, ...] | None
    target: tuple[str, ...] | None
    seller: tuple[str, ...] | None = None
    status: str | None = None


@dataclass
class GoldDoc:
    id: str
    text: str
    events: list[Ev] = field(default_factory=list)


def test_status_examples_label_sentences_naming_the_event() -> None:
    doc = GoldDoc(
        "d1",
        "Numéricable-SFR rachète Numergy à Atos. Le temps est beau. Orange renonce à Cloudwatt. "
        "Orange reste discret. Le groupe Bolloré détient 26 % de Vivendi.",
        [
            Ev("acquisition", ("Numericable-SFR",), ("Numergy",), ("Atos",), "completed"),
            Ev("acquisition", ("Orange",), ("CloudWatt",), None, "cancelled"),
            Ev("holding", ("Bolloré",), ("Vivendi",)),
        ],
    )
    examples, stats = status_examples([doc])
    got = {e.sentence: e.label for e in examples}
    # accents and case folded: "Numéricable" names "Numericable-SFR", "Cloudwatt" names "CloudWatt"
    assert got["Numéricable-SFR rachète Numergy à Atos."] == "completed"
    assert got["Orange renonce à Cloudwatt."] == "cancelled"
    assert got["Le temps est beau."] == "no-event"
    # names a company of an event without stating it: skipped; a holding sentence: not a status example
    assert "Orange reste discret." not in got
    assert "Le groupe Bolloré détient 26 % de Vivendi." not in got
    assert stats.events == 2


def test_status_examples_cap_no_event_sentences() -> None:
    text = "Orange rachète Cloudwatt. " + " ".join(f"Phrase banale numéro {i}." for i in range(40))
    doc = GoldDoc("d2", text, [Ev("acquisition", ("Orange",), ("Cloudwatt",), None, "completed")])
    examples, stats = status_examples([doc], max_no_event_ratio=2.0)
    labels = [e.label for e in examples]
    assert labels.count("completed") == 1
    assert labels.count("no-event") == 8  # the floor of the cap
    assert stats.no_event_dropped == 32
