"""French ways of writing a stake or an amount.

Stakes: "20 %", "20,5%", "33,3 pour cent", "la moitié", "un tiers", "l'intégralité",
"la totalité", "majoritaire". Amounts: "150 millions d'euros", "1,25 milliard de dollars",
"80 M€", "28 Md$", "3 000 euros".
"""

from __future__ import annotations

import re

NUMBER = r"(?<![\w,.])(\d{1,3}(?:[  \u202f.]\d{3})+|\d+)(?:[,.](\d+))?"

PERCENT_RE = re.compile(NUMBER + r"\s?(?:%|pour\s?cent\b|pourcents?\b)", re.IGNORECASE)

# word -> percent; None = a qualitative stake ("majoritaire") with no number
WORD_STAKES: dict[str, float | None] = {
    "la moitié": 50.0,
    "moitié": 50.0,
    "un tiers": 100.0 / 3,
    "deux tiers": 200.0 / 3,
    "un quart": 25.0,
    "trois quarts": 75.0,
    "l'intégralité": 100.0,
    "intégralité": 100.0,
    "la totalité": 100.0,
    "totalité": 100.0,
    "l'ensemble du capital": 100.0,
    "100% du capital": 100.0,
    "majoritaire": None,
}
WORD_STAKE_RE = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(w) for w in sorted(WORD_STAKES, key=len, reverse=True)) + r")(?!\w)",
    re.IGNORECASE,
)

SCALES: dict[str, float] = {
    "mille": 1e3, "k": 1e3, "millier": 1e3, "milliers": 1e3,
    "million": 1e6, "millions": 1e6, "m": 1e6, "mn": 1e6, "mio": 1e6,
    "milliard": 1e9, "milliards": 1e9, "md": 1e9, "mds": 1e9, "mrd": 1e9, "mrds": 1e9,
}
CURRENCIES: dict[str, str] = {
    "euro": "EUR", "euros": "EUR", "€": "EUR", "eur": "EUR",
    "dollar": "USD", "dollars": "USD", "$": "USD", "usd": "USD", "dollars américains": "USD",
    "livre": "GBP", "livres": "GBP", "livres sterling": "GBP", "£": "GBP", "gbp": "GBP",
    "franc suisse": "CHF", "francs suisses": "CHF", "chf": "CHF",
    "yen": "JPY", "yens": "JPY", "yuan": "CNY", "yuans": "CNY",
    "dollars canadiens": "CAD", "dollars australiens": "AUD",
}
_SCALE_ALT = r"milliards?|millions?|milliers?|mille|mrds?|mds?|mio|mn|md|m|k"
_CUR_ALT = "|".join(re.escape(c) for c in sorted(CURRENCIES, key=len, reverse=True))
MONEY_RE = re.compile(
    NUMBER
    + r"\s?(?:(" + _SCALE_ALT + r")\.?\s?)?(?:(?:d'|d’|de\s)\s?)?(" + _CUR_ALT + r")(?![\w])",
    re.IGNORECASE,
)


def parse_number(integer: str, decimals: str | None) -> float:
    digits = re.sub(r"[  \u202f.]", "", integer)
    return float(f"{digits}.{decimals}" if decimals else digits)
