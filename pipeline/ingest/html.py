"""HTML pages -> Articles: the main text, title and date, without the page around them.

trafilatura does the extraction, tuned for precision: menus, footers, comments, share
buttons, related-article lists and most newsletter or paywall boxes are dropped. What it
leaves at the end of the text (a "réservé aux abonnés" line) is removed later by
``pipeline.prepare.typography``. A page with no article text is quarantined.

Used for ``.html``/``.htm`` files (doc_id = file stem), for an HTML column of a
JSONL/CSV/Parquet dump (``--field html=COLUMN``) and for WARC response records.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pipeline.ingest.fields import FieldMap
from pipeline.schema import Article, Quarantined, stable_id

# Pages larger than this are not articles (a dump of a whole site, a data URI...).
MAX_HTML_BYTES = 20_000_000
# trafilatura's fallback extractors (readability, jusText) find text in unusual layouts, but
# also turn a page of menus into "text"; precision first.
USE_FALLBACK = False
NO_TEXT = "no article text in HTML"

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class PageText:
    """What trafilatura found in a page."""

    text: str
    title: str | None
    published: str | None
    url: str | None


def _charset(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Bytes of a page as text: the HTTP charset, else the ``<meta charset>``, else a guess."""
    encoding = _charset(declared)
    if encoding is None:
        m = _META_CHARSET.search(data[:8192])
        encoding = _charset(m.group(1).decode("ascii", "ignore")) if m else None
    if encoding is not None:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass  # the declaration lies: guess instead
    from pipeline.ingest.encoding import decode_bytes

    return decode_bytes(data)[0]


@cache
def _quiet_trafilatura() -> None:
    """trafilatura logs every page it finds empty; the quarantine already says so."""
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)


def extract_page(html: str, url: str | None = None) -> PageText | None:
    """Main text, title and publication date of a page, or None when it holds no article text.

    ``<nav>Accueil</nav><article><h1>Orange rachète Cloudwatt</h1><p>L'opérateur a finalisé…</p>
    </article><footer>Mentions légales</footer>`` -> text ``"Orange rachète Cloudwatt\\nL'opérateur a
    finalisé…"``, title ``"Orange rachète Cloudwatt"``.
    """
    if not html.strip():
        return None
    from trafilatura import bare_extraction

    _quiet_trafilatura()
    try:
        doc: Any = bare_extraction(
            html,
            url=url,
            favor_precision=True,
            include_comments=False,
            with_metadata=True,
            fast=not USE_FALLBACK,
        )
    except (ValueError, TypeError, AttributeError, RecursionError):  # malformed markup deep inside lxml
        return None
    if doc is None:
        return None
    text = (getattr(doc, "text", None) or "").strip()
    if not text:
        return None
    return PageText(
        text=text,
        title=(getattr(doc, "title", None) or "").strip() or None,
        published=getattr(doc, "date", None) or None,
        url=getattr(doc, "url", None) or None,
    )


def page_to_article(
    html: str | bytes,
    *,
    source: str,
    location: str,
    doc_id: str | None = None,
    url: str | None = None,
    title: str | None = None,
    published: str | None = None,
    charset: str | None = None,
    extra: dict[str, Any] | None = None,
) -> Article | Quarantined:
    """The Article of one page, or its quarantine record.

    Values given by the caller (a record's title or date column, a WARC URL) win over what
    the page says; ``doc_id`` defaults to a stable id of the URL (else of the text).
    """
    size = len(html)
    if size > MAX_HTML_BYTES:
        return Quarantined(source, location, f"HTML page too large ({size} > {MAX_HTML_BYTES})", _head(html))
    text_html = decode_html(html, charset) if isinstance(html, bytes) else html
    if "\x00" in text_html[:65536]:
        return Quarantined(source, location, "binary data in HTML", _head(html))
    page = extract_page(text_html, url)
    if page is None:
        return Quarantined(source, location, NO_TEXT, _head(html))
    url = url or page.url
    return Article(
        doc_id=doc_id or stable_id(url or page.text),
        text=page.text,
        title=title or page.title,
        url=url,
        published=published or page.published,
        source=source,
        origin=location,
        extra=dict(extra or {}),
    )


def _head(html: str | bytes, limit: int = 2000) -> str:
    if isinstance(html, bytes):
        return html[:limit].decode("utf-8", errors="replace")
    return html[:limit]


def read_html(path: Path, fields: FieldMap) -> Iterator[Article | Quarantined]:
    """One ``.html``/``.htm`` file is one article; its doc_id is the file stem."""
    data = path.read_bytes()
    if not data.strip():
        yield Quarantined(str(path), str(path), "empty file", "")
        return
    yield page_to_article(data, source=str(path), location=str(path), doc_id=path.stem)
