"""Turn one raw record (a dict from any reader) into an Article, or say why not."""

from __future__ import annotations

import json
from collections.abc import Mapping

from pipeline.ingest.fields import get
from pipeline.schema import Article, Quarantined, stable_id

# A record is kept only if it has this many characters of text after stripping.
MIN_TEXT_CHARS = 1
# Longer articles are quarantined ("article too large"): no news article is this long, and one
# such record would stall a worker. Overridden per run (``read_file(..., max_chars=N)``).
MAX_CHARS = 2_000_000
# Share of control or replacement characters above which a text is binary junk, not prose.
MAX_JUNK_SHARE = 0.05
_JUNK_SAMPLE = 20_000


def _as_str(value: object | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN from pandas / CSV
        return None
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    text = str(value).strip()
    return text or None


def looks_binary(text: str) -> bool:
    """Whether ``text`` is binary junk decoded as text (NUL bytes, control or U+FFFD characters).

    A cp1252 file read as UTF-8 has a few U+FFFD among thousands of letters: that is text.
    """
    sample = text[:_JUNK_SAMPLE]
    if "\x00" in sample:
        return True
    junk = sum(1 for ch in sample if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\n\r\t\x0c"))
    return junk > MAX_JUNK_SHARE * max(len(sample), 1)


def too_large(record: Article | Quarantined, max_chars: int = MAX_CHARS) -> Article | Quarantined:
    """``record``, or its quarantine when its text is longer than ``max_chars``."""
    if isinstance(record, Article) and len(record.text) > max_chars:
        return Quarantined(
            record.source, record.origin, f"article too large ({len(record.text)} chars > {max_chars})", record.text[:2000]
        )
    return record


def raw_payload(record: object, limit: int = 2000) -> str:
    """The record as it came, JSON if possible, cut to ``limit`` characters."""
    try:
        payload = json.dumps(record, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        payload = repr(record)
    return payload[:limit]


def to_article(
    record: Mapping[str, object],
    columns: Mapping[str, str | None],
    source: str,
    location: str,
    text_override: str | None = None,
    prefer_html: bool = False,
) -> Article | Quarantined:
    """Build the Article of ``record`` using the resolved ``columns``.

    ``text_override`` is the text when it did not come from a column (extracted HTML).
    The ``html`` column is read (main text extracted by trafilatura) when the record has no
    text, or always with ``prefer_html`` (the user chose it: ``--field html=COLUMN``).
    """
    text = text_override if text_override is not None else _as_str(get(record, columns.get("text")))
    html = get(record, columns.get("html")) if text_override is None else None
    if html is not None and not isinstance(html, str | bytes):
        html = None
    if html is not None and (prefer_html or not text):
        return _html_article(record, columns, source, location, html)
    if columns.get("text") is None and text_override is None:
        reason = "no text field in record" if columns.get("html") is None else "no text and no HTML in record"
        return Quarantined(source, location, reason, raw_payload(record))
    if not text or len(text.strip()) < MIN_TEXT_CHARS:
        return Quarantined(source, location, "empty text", raw_payload(record))
    if looks_binary(text):
        return Quarantined(source, location, "binary data in text field", raw_payload(record)[:500])
    url = _as_str(get(record, columns.get("url")))
    doc_id = _as_str(get(record, columns.get("id"))) or stable_id(url or text)
    return Article(
        doc_id=doc_id,
        text=text,
        title=_as_str(get(record, columns.get("title"))),
        url=url,
        published=_as_str(get(record, columns.get("published"))),
        source=source,
        origin=location,
    )


def _html_article(
    record: Mapping[str, object], columns: Mapping[str, str | None], source: str, location: str, html: str | bytes
) -> Article | Quarantined:
    """The Article of a record whose text is HTML; the record's own id, url, title and date win."""
    from pipeline.ingest.html import page_to_article

    result = page_to_article(
        html,
        source=source,
        location=location,
        doc_id=_as_str(get(record, columns.get("id"))),
        url=_as_str(get(record, columns.get("url"))),
        title=_as_str(get(record, columns.get("title"))),
        published=_as_str(get(record, columns.get("published"))),
    )
    if isinstance(result, Quarantined):
        result.raw = raw_payload(record)
    return result
