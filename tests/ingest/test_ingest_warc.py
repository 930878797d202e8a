"""WARC(.gz) crawls: pages kept, unusable responses quarantined, truncated files survived."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from ingestkit import ORANGE_PARAGRAPHS, WarcSpec, page, write_crawl

from pipeline.ingest import iter_records
from pipeline.ingest.fields import FieldMap
from pipeline.ingest.warc import decode_body, gzip_complete, read_warc
from pipeline.prepare import Deduplicator, prepare
from pipeline.schema import Article, Quarantined, stable_id


def _split(records: list[Article | Quarantined]) -> tuple[list[Article], list[Quarantined]]:
    return [r for r in records if isinstance(r, Article)], [r for r in records if isinstance(r, Quarantined)]


def test_crawl_pages_become_articles(crawl: WarcSpec) -> None:
    articles, quarantined = _split(list(read_warc(crawl.path, FieldMap())))
    assert [a.url for a in articles] == crawl.html_urls
    for article in articles:
        assert article.doc_id == stable_id(article.url)
        assert article.extra["crawl_date"] == "2015-03-16T09:30:00Z"
        assert article.published == "2015-03-12"
        assert article.origin == f"{crawl.path}#offset={crawl.offsets[article.url]}"
    orange = articles[0]
    assert orange.title == "Orange rachète Cloudwatt"
    assert "44 % du capital" in orange.text
    # boilerplate around the article is gone
    for junk in ("Accueil", "Se connecter", "Mentions légales", "Les plus lus", "newsletter", "Plan du site"):
        assert junk not in orange.text


def test_unusable_responses_are_quarantined_with_offset(crawl: WarcSpec) -> None:
    _, quarantined = _split(list(read_warc(crawl.path, FieldMap())))
    assert [q.location for q in quarantined] == [
        f"{crawl.path}#offset={crawl.offsets[u]}" for u in crawl.quarantined_urls
    ]
    assert quarantined[0].reason == "HTTP 404 Not Found"
    assert quarantined[1].reason.startswith("broken HTTP response")
    assert all(q.source == str(crawl.path) for q in quarantined)


def test_counts_after_prepare(crawl: WarcSpec) -> None:
    """read = processed + skipped + quarantined; request and warcinfo records are not read."""
    dedup = Deduplicator()
    records = list(iter_records([crawl.path]))
    articles, quarantined = _split(records)
    for article in articles:
        prepare(article, dedup=dedup)
    states = {a.url: a.state for a in articles}
    processed = [u for u, s in states.items() if s == "processed"]
    skipped = [u for u, s in states.items() if s.startswith("skipped:")]
    n_responses = len(crawl.html_urls) + len(crawl.quarantined_urls)
    assert len(records) == n_responses == len(processed) + len(skipped) + len(quarantined)
    assert len(processed) == 3
    (english,) = crawl.english_urls
    assert states[english] == "skipped:lang=en"
    for copy, first in crawl.duplicate_of.items():
        assert states[copy] == f"skipped:duplicate_of={stable_id(first)}"


@pytest.mark.parametrize("cut_in", ["https://www.gazette-num.fr/eco/bourse", "https://www.gazette-num.fr/tech/casse"])
def test_truncated_gzip_keeps_what_was_read(tmp_path: Path, cut_in: str) -> None:
    spec = write_crawl(tmp_path / "full.warc.gz")
    data = spec.path.read_bytes()
    cut = spec.offsets[cut_in] + 60  # inside the record's gzip member
    truncated = tmp_path / "cut.warc.gz"
    truncated.write_bytes(data[:cut])
    records = list(read_warc(truncated, FieldMap()))  # never raises
    articles, quarantined = _split(records)
    before = [u for u in spec.html_urls if spec.offsets[u] < spec.offsets[cut_in]]
    assert [a.url for a in articles] == before
    cuts = [q for q in quarantined if q.reason.startswith("truncated WARC file")]
    assert len(cuts) == 1
    assert cuts[0].location == f"{truncated}#offset={spec.offsets[cut_in]}"
    assert records[-1] is cuts[0]


def test_truncated_plain_warc(tmp_path: Path) -> None:
    spec = write_crawl(tmp_path / "full.warc.gz")
    plain = gzip.decompress(spec.path.read_bytes())
    path = tmp_path / "cut.warc"
    path.write_bytes(plain[: len(plain) // 2])
    articles, quarantined = _split(list(read_warc(path, FieldMap())))
    assert 1 <= len(articles) < len(spec.html_urls)
    assert [q for q in quarantined if q.reason.startswith("truncated WARC file")]


def test_whole_plain_warc_has_no_truncation(tmp_path: Path) -> None:
    spec = write_crawl(tmp_path / "full.warc.gz")
    path = tmp_path / "full.warc"
    path.write_bytes(gzip.decompress(spec.path.read_bytes()))
    articles, quarantined = _split(list(read_warc(path, FieldMap())))
    assert len(articles) == len(spec.html_urls)
    assert not [q for q in quarantined if q.reason.startswith("truncated")]


def test_empty_and_non_warc_files(tmp_path: Path) -> None:
    empty = tmp_path / "vide.warc.gz"
    empty.write_bytes(b"")
    assert [q.reason for q in read_warc(empty, FieldMap())] == ["empty file"]
    junk = tmp_path / "faux.warc.gz"
    junk.write_bytes(b"ceci n'est pas une archive\n" * 10)
    (q,) = list(read_warc(junk, FieldMap()))
    assert isinstance(q, Quarantined)
    assert "WARC" in q.reason


def test_non_html_and_non_http_responses(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "mixte.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        png = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://x.fr/logo.png", "response", payload=io.BytesIO(b"\x89PNG"), http_headers=png
            )
        )
        moved = StatusAndHeaders("301 Moved Permanently", [("Location", "https://x.fr/b")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record("https://x.fr/a", "response", payload=io.BytesIO(b""), http_headers=moved)
        )
        writer.write_record(
            writer.create_warc_record(
                "https://x.fr/meta",
                "metadata",
                payload=io.BytesIO(b"outlink: https://x.fr/b"),
                warc_content_type="text/plain",
            )
        )
        fh.write(
            gzip.compress(
                b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: dns:x.fr\r\nWARC-Date: 2015-03-16T09:30:00Z\r\n"
                b"Content-Type: text/dns\r\nContent-Length: 25\r\n\r\n20150316 x.fr 300 IN A 1\r\n\r\n\r\n"
            )
        )
    reasons = [r.reason for r in read_warc(path, FieldMap()) if isinstance(r, Quarantined)]
    assert reasons[0] == "not an HTML page (Content-Type image/png)"
    assert reasons[1] == "HTTP 301 Moved Permanently"
    assert reasons[2].startswith("not an HTTP response (dns: record")
    assert len(reasons) == 3  # the metadata record is skipped silently


def test_gzip_and_chunked_bodies_are_decoded(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    html = page("Orange rachète Cloudwatt", ORANGE_PARAGRAPHS).replace('charset="utf-8"', 'charset="windows-1252"')
    body = gzip.compress(html.encode("cp1252"))
    chunked = b"".join(
        f"{len(body[i : i + 300]):x}\r\n".encode() + body[i : i + 300] + b"\r\n" for i in range(0, len(body), 300)
    )
    chunked += b"0\r\n\r\n"
    path = tmp_path / "enc.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = [("Content-Type", "text/html"), ("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]
        http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://x.fr/a", "response", payload=io.BytesIO(chunked), http_headers=http, length=len(chunked)
            )
        )
        bad = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                "https://x.fr/b", "response", payload=io.BytesIO(b"pas du gzip"), http_headers=bad, length=11
            )
        )
    (article, broken) = list(read_warc(path, FieldMap()))
    assert isinstance(article, Article)
    assert "l'intégralité des parts détenues" in article.text
    assert isinstance(broken, Quarantined)
    assert broken.reason == "broken HTTP body: cannot decode Content-Encoding gzip"


def test_decode_body_passes_plain_bodies() -> None:
    class Headers(dict[str, str]):
        pass

    assert decode_body(b"<html></html>", Headers()) == (b"<html></html>", None)
    assert decode_body(b"4\r\n<htm\r\n3\r\nl/>\r\n0\r\n\r\n", Headers({"Transfer-Encoding": "chunked"})) == (
        b"<html/>",
        None,
    )


def test_gzip_complete(tmp_path: Path) -> None:
    path = tmp_path / "a.gz"
    path.write_bytes(gzip.compress(b"un") + gzip.compress(b"deux"))
    assert gzip_complete(path)
    path.write_bytes(path.read_bytes()[:-5])
    assert not gzip_complete(path)
