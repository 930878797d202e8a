"""WARC and WARC.gz web-crawl files -> Articles, one per HTML page fetched with HTTP 200.

Read with fastwarc. Request, metadata, warcinfo and revisit records are not pages: they are
skipped silently. A response that cannot be used (an HTTP error or redirect, an image or a
PDF, a record that is not HTTP, a broken record) is quarantined with its reason and its
place, ``crawl.warc.gz#offset=N`` (N is the record's byte offset in the file, as in a CDX
index). A file cut short (an interrupted download) keeps every record read before the cut,
then one quarantine record says where it was cut; it never raises.

The URL is ``WARC-Target-URI``, the doc_id ``stable_id(url)``, and the crawl date
(``WARC-Date``) goes to ``Article.extra["crawl_date"]``: relative dates ("il y a 3 jours") are
read against it.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline.ingest.fields import FieldMap
from pipeline.ingest.html import MAX_HTML_BYTES, page_to_article
from pipeline.schema import Article, Quarantined, stable_id

Record = Article | Quarantined

HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 20


def _location(path: Path, offset: int) -> str:
    return f"{path}#offset={offset}"


def _summary(rec: Any, uri: str | None) -> str:
    """What the quarantine keeps of a record: its headers, never its body."""
    status = rec.http_headers.status_line if rec.is_http and rec.http_headers is not None else None
    parts = [
        str(rec.record_type).split(".")[-1],
        uri or "",
        status or "",
        rec.http_content_type or rec.headers.get("Content-Type") or "",
    ]
    return " | ".join(p for p in parts if p)


def _is_broken(rec: Any, uri: str | None) -> str | None:
    """Why a response record is unusable as a record (before looking at HTTP status or type)."""
    if not uri:
        return "broken WARC record: no WARC-Target-URI"
    if not rec.is_http:
        scheme = uri.split(":", 1)[0] if ":" in uri else "?"
        return f"not an HTTP response ({scheme}: record, Content-Type {rec.headers.get('Content-Type') or 'none'})"
    if rec.http_headers is None or rec.http_headers.status_code is None:
        return "broken HTTP response: no status line"
    return None


def _page_problem(rec: Any) -> str | None:
    """Why an HTTP response is not an HTML page we read (None when it is one)."""
    status = rec.http_headers.status_code
    if status != 200:
        return f"HTTP {status} {rec.http_headers.reason_phrase or ''}".strip()
    ctype = (rec.http_content_type or "").lower()
    if ctype and not ctype.startswith(HTML_TYPES):
        return f"not an HTML page (Content-Type {ctype})"
    return None


def _dechunk(data: bytes) -> bytes | None:
    """The body of a ``Transfer-Encoding: chunked`` message, or None if the chunks are broken."""
    out = bytearray()
    pos = 0
    while True:
        line_end = data.find(b"\r\n", pos)
        if line_end < 0:
            return None
        try:
            size = int(data[pos:line_end].split(b";", 1)[0].strip() or b"x", 16)
        except ValueError:
            return None
        if size == 0:
            return bytes(out)
        start = line_end + 2
        if start + size > len(data):
            return None
        out += data[start : start + size]
        pos = start + size + 2


def decode_body(body: bytes, http_headers: Any) -> tuple[bytes, str | None]:
    """Undo the HTTP transfer and content encodings a crawler stored as received.

    Returns (body, None), or (b"", reason) when the body cannot be decoded.
    """
    transfer = (http_headers.get("Transfer-Encoding") or "").lower()
    if "chunked" in transfer:
        dechunked = _dechunk(body)
        if dechunked is not None:
            body = dechunked
        # else: many crawlers store the body already de-chunked but keep the header
    encoding = (http_headers.get("Content-Encoding") or "").strip().lower()
    if encoding in ("", "identity", "none", "utf-8"):
        return body, None
    if encoding in ("gzip", "x-gzip", "deflate"):
        for wbits in (47, -15):  # gzip or zlib header, else raw deflate
            try:
                return zlib.decompress(body, wbits), None
            except zlib.error:
                continue
        if body.lstrip()[:1] == b"<":
            return body, None  # stored decoded, header kept
        return b"", f"broken HTTP body: cannot decode Content-Encoding {encoding}"
    if encoding == "br":
        try:
            import brotli
        except ImportError:
            return b"", "HTTP body in Content-Encoding br: install the brotli package to read it"
        try:
            return brotli.decompress(body), None
        except brotli.error:
            return b"", "broken HTTP body: cannot decode Content-Encoding br"
    return b"", f"HTTP body in unsupported Content-Encoding {encoding}"


def gzip_cut(path: Path, offset: int = 0) -> int | None:
    """Offset of the first cut or corrupt gzip member from ``offset`` on, or None if all are whole.

    A WARC.gz is a series of gzip members, one per record; checking from the last record's
    offset costs one record, not the file.
    """
    with path.open("rb") as fh:
        fh.seek(offset)
        if fh.read(2) != _GZIP_MAGIC:
            return 0 if offset == 0 else gzip_cut(path, 0)  # not at a member boundary: check the whole stream
        fh.seek(offset)
        member_start = offset
        inflater = zlib.decompressobj(31)
        fed = False
        while True:
            chunk = fh.read(_CHUNK)
            if not chunk:
                break
            chunk_end = fh.tell()
            while chunk:
                if not fed and not chunk.strip(b"\x00"):
                    break  # zero padding after the last member
                try:
                    inflater.decompress(chunk, _CHUNK)
                    while inflater.unconsumed_tail and not inflater.eof:
                        inflater.decompress(inflater.unconsumed_tail, _CHUNK)
                except zlib.error:
                    return member_start
                fed = True
                if not inflater.eof:
                    break
                chunk = inflater.unused_data
                member_start = chunk_end - len(chunk)
                inflater = zlib.decompressobj(31)
                fed = False
        return member_start if fed else None


def gzip_complete(path: Path, offset: int = 0) -> bool:
    """Whether every gzip member from ``offset`` to the end of the file is whole."""
    return gzip_cut(path, offset) is None


def _declared_length(rec: Any) -> int:
    try:
        return int(rec.headers.get("Content-Length") or 0)
    except ValueError:
        return 0


def plain_record_end(path: Path, offset: int, declared_length: int) -> int | None:
    """Where the uncompressed WARC record at ``offset`` ends, or None if the file ends before.

    A record is its header block, a blank line, ``Content-Length`` bytes and two CRLFs.
    """
    with path.open("rb") as fh:
        fh.seek(offset)
        head = fh.read(64 << 10)
    header_end = head.find(b"\r\n\r\n")
    if header_end < 0:
        return None
    end = offset + header_end + 4 + declared_length + 4
    return end if path.stat().st_size >= end else None


def read_warc(path: Path, fields: FieldMap) -> Iterator[Record]:
    """Every HTML page of a WARC(.gz) file, and a quarantine record for each unusable response."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    source = str(path)
    if path.stat().st_size == 0:
        yield Quarantined(source, source, "empty file", "")
        return
    held: Quarantined | None = None  # a broken record is the cut itself if it is the last one
    broken_stream = False
    last_length = 0
    last_offset = 0
    n_records = 0
    with path.open("rb") as fh:
        records = iter(ArchiveIterator(fh, parse_http=True, auto_decode="none", strict_mode=False))
        while True:
            try:
                rec = next(records)
            except StopIteration:
                break
            except (OSError, ValueError, EOFError, zlib.error) as exc:
                # fastwarc cannot go on past a bad header: whatever follows is lost
                if held is not None:
                    yield held
                where = f"after offset {last_offset}" if n_records else "at the start"
                held = Quarantined(source, _location(path, last_offset), f"broken WARC record {where}: {exc}", "")
                broken_stream = True
                break
            n_records += 1
            last_offset = rec.stream_pos
            last_length = _declared_length(rec)
            if held is not None:
                yield held
                held = None
            rtype = rec.record_type
            if rtype == WarcRecordType.unknown:
                held = Quarantined(source, _location(path, rec.stream_pos), "broken WARC record: unknown type", "")
                continue
            if rtype != WarcRecordType.response:
                continue  # request, metadata, warcinfo, revisit, resource, conversion
            uri = rec.headers.get("WARC-Target-URI")
            location = _location(path, rec.stream_pos)
            broken = _is_broken(rec, uri)
            if broken is not None:
                quarantined = Quarantined(source, location, broken, _summary(rec, uri))
                if broken.startswith("broken"):
                    held = quarantined
                else:
                    yield quarantined
                continue
            problem = _page_problem(rec)
            if problem is not None:
                yield Quarantined(source, location, problem, _summary(rec, uri))
                continue
            if rec.content_length > MAX_HTML_BYTES:
                yield Quarantined(
                    source,
                    location,
                    f"HTML page too large ({rec.content_length} > {MAX_HTML_BYTES})",
                    _summary(rec, uri),
                )
                continue
            body, decode_problem = decode_body(rec.reader.read(), rec.http_headers)
            if decode_problem is not None:
                yield Quarantined(source, location, decode_problem, _summary(rec, uri))
                continue
            crawl_date = rec.headers.get("WARC-Date")
            yield page_to_article(
                body,
                source=source,
                location=location,
                doc_id=stable_id(uri),
                url=uri,
                charset=rec.http_charset,
                extra={"crawl_date": crawl_date} if crawl_date else None,
            )
    if path.name.lower().endswith(".gz"):
        cut_at = gzip_cut(path, last_offset if n_records else 0)
    elif n_records == 0:
        cut_at = 0 if path.stat().st_size else None
    else:
        end = plain_record_end(path, last_offset, last_length)
        if end is None:
            cut_at = last_offset
        elif broken_stream or end < path.stat().st_size - 4:
            cut_at = end  # something after the last whole record that fastwarc could not read
        else:
            cut_at = None
    if cut_at is None:
        if held is not None:
            yield held
        return
    if n_records == 0:
        yield Quarantined(source, _location(path, 0), "not a WARC file, or cut before its first record", "")
        return
    if held is not None and int(held.location.rsplit("=", 1)[-1]) < cut_at:
        yield held  # broken, but not where the file was cut
    yield Quarantined(
        source,
        _location(path, cut_at),
        f"truncated WARC file: cut inside the record at offset {cut_at}; the records before it were read",
        "",
    )
