"""Language of an article, offline, with py3langid (a naive Bayes over byte n-grams).

Only the start of the text is read: a few thousand characters decide the language of a news
article, and the cost stays flat for long ones. Short texts (a title, a dateline) are
uncertain, so they are skipped only when the detection is confident.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from pipeline.errors import error

# Characters read to decide the language.
SAMPLE_CHARS = 1000
# Texts with fewer words are "short": they are skipped only on a confident detection.
SHORT_TEXT_WORDS = 20
# Probability needed to skip a short text, and a long one.
SHORT_TEXT_MIN_PROB = 0.9
LONG_TEXT_MIN_PROB = 0.5
# Below this probability the language is recorded as unknown.
UNKNOWN_BELOW = 0.5
UNKNOWN = "und"
ANY = "any"

_WORD = re.compile(r"\w+")

# Function words that are French and not Spanish, Italian, Portuguese or Catalan. In the news,
# one word in five is one of them (orangesum: median 21 %, 1st percentile 14 %; English,
# Spanish, Italian, German: 0 %, Catalan 5 %): above FRENCH_SHARE the text is French without
# asking the model, which is what makes ``prepare`` cheap on a French dump.
FRENCH_WORDS = frozenset(
    "le les des du et est une dans pour sur au aux avec qui pas ce cette ces sont été ont leur mais ou plus "
    "par elle ils nous vous son sa ses être avoir fait comme aussi entre après".split()
)
FRENCH_SHARE = 0.12
_LANG_CODE = re.compile(r"[a-z]{2,3}")


@cache
def _identifier() -> Any:
    """py3langid's model with normalised probabilities, loaded once (~0.6 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability) of the language of ``text``; ``("und", 0.0)`` if it has no letters.

    ``detect("Orange a finalisé le rachat de Cloudwatt auprès de Thales.")`` -> ``("fr", 0.99...)``.
    """
    sample = text[:SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return UNKNOWN, 0.0
    lang, prob = _identifier().classify(sample)
    return str(lang), float(prob)


def parse_lang_option(value: str) -> frozenset[str] | None:
    """``--lang``: ``"fr"`` or ``"fr,en"`` -> the languages kept; ``"any"`` -> None (keep all)."""
    value = value.strip().lower()
    if value == ANY:
        return None
    codes = frozenset(code.strip() for code in value.split(",") if code.strip())
    if not codes or not all(_LANG_CODE.fullmatch(code) for code in codes):
        raise error("E050", value=value)
    return codes


def language_decision(text: str, wanted: frozenset[str] | None) -> tuple[str, str | None]:
    """(language recorded for the article, skip reason or None).

    A text in another language is skipped (``"lang=en"``); a short one only when the detector is
    sure (a 6-word French title can look Haitian Creole at 15 %). With ``wanted=None`` nothing is
    skipped. ``"L'opérateur a racheté la totalité des parts de la société, selon Les Échos, et
    ..."`` is French by its function words alone; other texts go to py3langid.
    """
    words = _WORD.findall(text[:SAMPLE_CHARS].lower())
    short = len(words) < SHORT_TEXT_WORDS
    if not short and sum(1 for w in words if w in FRENCH_WORDS) >= FRENCH_SHARE * len(words):
        return "fr", None if wanted is None or "fr" in wanted else "lang=fr"
    lang, prob = detect(text)
    recorded = lang if prob >= UNKNOWN_BELOW else UNKNOWN
    if wanted is None or lang in wanted or lang == UNKNOWN:
        return recorded, None
    needed = SHORT_TEXT_MIN_PROB if short else LONG_TEXT_MIN_PROB
    if prob >= needed:
        return recorded, f"lang={lang}"
    return recorded, None
