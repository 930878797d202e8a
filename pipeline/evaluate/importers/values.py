"""Numbers of annotated STAKE and AMOUNT spans: "20 %" -> 20.0, "1,2 milliard de dollars" -> (1.2e9, "USD").

The word lists (stake words, multipliers, currencies) are data: ``values.json`` next to this module.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Any

_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_PERCENT = re.compile(rf"({_NUMBER})\s*(?:%|pour\s*cents?|pourcents?|p\.\s?c\.)", re.IGNORECASE)
_NUMBER_RE = re.compile(_NUMBER)


@lru_cache(maxsize=1)
def _vocab() -> dict[str, Any]:
    raw = resources.files("pipeline.evaluate.importers").joinpath("values.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower().strip()


def to_float(number: str) -> float:
    """French or English number text -> float: "1 200,5" -> 1200.5, "2.5" -> 2.5, "1.200.000" -> 1200000."""
    n = number.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", n):
        n = n.replace(".", "")
    return float(n.replace(",", "."))


def parse_stake(text: str) -> float | None:
    """The percentage a STAKE span states, or None.

    >>> parse_stake("20,5 %"), parse_stake("l'intégralité"), parse_stake("la moitié")
    (20.5, 100.0, 50.0)
    """
    folded = _fold(text)
    m = _PERCENT.search(folded)
    if m:
        return to_float(m.group(1))
    for word, value in sorted(_vocab()["stake_words"].items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\b{re.escape(word)}\b", folded):
            return float(value)
    bare = _NUMBER_RE.fullmatch(folded)
    return to_float(bare.group(0)) if bare else None


def parse_amount(text: str) -> tuple[float, str | None] | None:
    """The amount and ISO currency an AMOUNT span states, or None.

    >>> parse_amount("150 millions d'euros"), parse_amount("28 Md$"), parse_amount("1,2 milliard de dollars")
    ((150000000.0, 'EUR'), (28000000000.0, 'USD'), (1200000000.0, 'USD'))
    """
    folded = _fold(text)
    m = _NUMBER_RE.search(folded)
    if not m:
        return None
    value = to_float(m.group(0))
    rest = folded[m.end() :]
    vocab = _vocab()
    mult = re.match(r"\s*([a-z]+)", rest)
    if mult and mult.group(1) in vocab["multipliers"]:
        value *= float(vocab["multipliers"][mult.group(1)])
    currency = None
    for word, code in sorted(vocab["currencies"].items(), key=lambda kv: -len(kv[0])):
        pattern = re.escape(word) if not word.isalpha() else rf"\b{re.escape(word)}\b"
        if re.search(pattern, folded):
            currency = code
            break
    return value, currency
