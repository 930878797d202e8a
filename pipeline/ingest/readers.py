"""Readers, one per input format: each yields Article or Quarantined, lazily.

A reader never raises for a bad record: the record goes to the quarantine with its
reason and the run goes on. Only a file that cannot be opened at all is fatal.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from pipeline.errors import error
from pipeline.ingest.fields import FieldMap
from pipeline.ingest.html import read_html
from pipeline.ingest.records import MAX_CHARS, looks_binary, raw_payload, to_article, too_large
from pipeline.ingest.warc import read_warc
from pipeline.schema import Article, Quarantined

Record = Article | Quarantined
Reader = Callable[[Path, FieldMap], Iterator[Record]]

csv.field_size_limit(sys.maxsize)


def read_jsonl(path: Path, fields: FieldMap) -> Iterator[Record]:
    """JSON Lines: one object per line; a bad line is quarantined with its line number."""
    return read_jsonl_range(path, fields)


def read_jsonl_range(path: Path, fields: FieldMap, start: int = 0, stop: int | None = None, first_line: int = 0) -> Iterator[Record]:
    """The lines of a JSON Lines file from byte ``start`` (line ``first_line``, 0-based) up to
    byte ``stop``: what a partition of a big dump reads, with the file's own line numbers."""
    columns: dict[str, str | None] | None = None
    keys: tuple[str, ...] = ()
    with path.open("rb") as fh:
        fh.seek(start)
        pos = start
        for lineno, raw in enumerate(fh, start=first_line + 1):
            if stop is not None and pos >= stop:
                break
            pos += len(raw)
            location = f"{path}:{lineno}"
            line = raw.decode("utf-8", errors="replace").strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Quarantined(str(path), location, f"malformed JSON: {exc.msg} (column {exc.colno})", line[:2000])
                continue
            if not isinstance(obj, dict):
                yield Quarantined(str(path), location, f"JSON line is a {type(obj).__name__}, not an object", line[:2000])
                continue
            if columns is None or tuple(obj) != keys:  # scrapers omit empty keys: resolve again when they change
                keys = tuple(obj)
                columns = fields.resolve(keys)
            yield to_article(obj, columns, str(path), location, prefer_html=_prefer_html(fields))


def read_json(path: Path, fields: FieldMap) -> Iterator[Record]:
    """A JSON array of records, or a single record object."""
    try:
        data = json.loads(path.read_text(encoding="utf-8", errors="replace"))
    except json.JSONDecodeError as exc:
        yield Quarantined(str(path), f"{path}:{exc.lineno}", f"malformed JSON: {exc.msg}", "")
        return
    items = data if isinstance(data, list) else [data]
    for i, obj in enumerate(items):
        location = f"{path}#{i}"
        if not isinstance(obj, dict):
            yield Quarantined(str(path), location, f"JSON item is a {type(obj).__name__}, not an object", raw_payload(obj))
            continue
        yield to_article(obj, fields.resolve(obj.keys()), str(path), location, prefer_html=_prefer_html(fields))


def _dialect_from_header(sample: str) -> type[csv.Dialect]:
    """When the sniffer gives up (cells full of HTML), the header line tells the delimiter."""
    header = sample.split("\n", 1)[0]
    delimiter = max(",;\t|", key=header.count)

    class Header(csv.excel):
        pass

    Header.delimiter = delimiter if header.count(delimiter) else ","
    return Header


def read_csv(path: Path, fields: FieldMap) -> Iterator[Record]:
    """CSV with a header row; the delimiter is sniffed (, ; tab)."""
    from pipeline.ingest.encoding import open_text

    with open_text(path) as fh:
        sample = fh.read(64_000)
        fh.seek(0)
        try:
            dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        except csv.Error:
            dialect = _dialect_from_header(sample)
        reader = csv.DictReader(fh, dialect=dialect)
        if not reader.fieldnames:
            return
        columns = fields.resolve(reader.fieldnames)
        for rowno, row in enumerate(reader, start=2):
            location = f"{path}:{rowno}"
            if None in row:  # more cells than header columns
                yield Quarantined(str(path), location, "row has more cells than the header", raw_payload(row))
                continue
            yield to_article(row, columns, str(path), location, prefer_html=_prefer_html(fields))


def read_parquet(path: Path, fields: FieldMap) -> Iterator[Record]:
    """Parquet, read in row batches so a large file never sits in memory whole."""
    return read_parquet_groups(path, fields)


def read_parquet_groups(path: Path, fields: FieldMap, groups: list[int] | None = None, first_row: int = 0) -> Iterator[Record]:
    """Some row groups of a Parquet file (all by default), with the file's own row numbers."""
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    columns = fields.resolve(pf.schema_arrow.names)
    if groups is not None and not groups:
        return
    row = first_row
    for batch in pf.iter_batches(batch_size=1024, row_groups=groups):
        for rec in batch.to_pylist():
            yield to_article(rec, columns, str(path), f"{path}#row={row}", prefer_html=_prefer_html(fields))
            row += 1


def read_txt(path: Path, fields: FieldMap) -> Iterator[Record]:
    """A plain-text file is one article; its doc_id is the file stem."""
    from pipeline.ingest.encoding import decode_bytes

    data = path.read_bytes()
    text, _encoding = decode_bytes(data)
    if not text.strip():
        yield Quarantined(str(path), str(path), "empty file", "")
        return
    if looks_binary(text):
        yield Quarantined(str(path), str(path), "binary data in text file", "")
        return
    yield Article(doc_id=path.stem, text=text.strip(), source=str(path), origin=str(path))


def _prefer_html(fields: FieldMap) -> bool:
    """``--field html=COLUMN`` (or ``--html-field COLUMN``): read the HTML even when a text column exists."""
    return "html" in fields.overrides


# suffix -> reader
READERS: dict[str, Reader] = {
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json,
    ".csv": read_csv,
    ".tsv": read_csv,
    ".parquet": read_parquet,
    ".pq": read_parquet,
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".warc": read_warc,
    ".warc.gz": read_warc,
}


def format_of(path: Path) -> str | None:
    """The READERS key for ``path`` (handles double suffixes such as .warc.gz)."""
    name = path.name.lower()
    for suffix in sorted(READERS, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    return None


def discover(paths: list[Path]) -> list[Path]:
    """Expand folders (recursively, sorted) into the readable files they hold.

    A path that does not exist, or a file of unknown format named explicitly, is fatal.
    """
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise error("E001", path=path)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and format_of(p) and not p.name.startswith("."))
            files.extend(found)
        elif format_of(path) is None:
            raise error("E002", path=path)
        else:
            files.append(path)
    return files


def read_file(path: Path, fields: FieldMap, max_chars: int = MAX_CHARS) -> Iterator[Record]:
    """All records of one file. An unreadable file becomes one quarantined record.

    An article longer than ``max_chars`` is quarantined ("article too large").
    """
    fmt = format_of(path)
    if fmt is None:
        raise error("E002", path=path)
    if max_chars < 1:
        raise error("E051", value=max_chars)
    try:
        for record in READERS[fmt](path, fields):
            yield too_large(record, max_chars)
    except (OSError, UnicodeError, ValueError, EOFError) as exc:
        yield Quarantined(str(path), str(path), f"unreadable file: {type(exc).__name__}: {exc}", "")
