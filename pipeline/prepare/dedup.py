"""Find articles seen before: the same URL, or the same text under another URL.

A crawl holds the same page many times (http/https, tracking parameters, mirrors, syndicated
copies). ``Deduplicator.check`` answers with the doc_id of the first article seen with the
same normalised URL or the same normalised text. It keeps 8-byte hashes in flat arrays and the
doc_ids as UTF-8 bytes, 60 to 100 bytes per article: ten million articles fit in 1 GB.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pipeline.schema import Article

# Query parameters that only track the reader; they are dropped before comparing URLs.
TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "xtor", "at_medium", "at_campaign", "mc_cid", "mc_eid"}
)
_NOT_ALNUM = re.compile(r"[\W_]+")
_DEFAULT_PORTS = {"http": ":80", "https": ":443"}


def normalise_url(url: str) -> str:
    """The URL that two copies of one page share.

    Scheme and host lowercase, no fragment, no ``utm_*`` (or other tracking) parameter, no
    trailing slash, no default port: ``"HTTPS://Www.Exemple.FR:443/tech/rachat/?utm_source=x#haut"``
    -> ``"https://www.exemple.fr/tech/rachat"``.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    netloc = parts.netloc.lower()
    default_port = _DEFAULT_PORTS.get(scheme)
    if default_port and netloc.endswith(default_port):
        netloc = netloc[: -len(default_port)]
    query = parts.query
    if query:
        kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not _is_tracking(k)]
        query = urlencode(kept)
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, netloc, path, query, ""))


def _is_tracking(key: str) -> bool:
    key = key.lower()
    return key.startswith("utm_") or key in TRACKING_PARAMS


def text_key(text: str) -> str:
    """What two copies of one text share: casefolded letters and digits only.

    ``"L'Oréal rachète 10 % de X."`` and ``"l’oréal  rachète 10% de X"`` -> ``"lorealrachete10dex"``
    (accents kept: ``"lorÉal"`` casefolds to ``"loréal"``).
    """
    return _NOT_ALNUM.sub("", text.casefold())


def hash64(value: str) -> int:
    """A stable 8-byte hash (blake2b), never 0 (0 marks an empty slot)."""
    h = int.from_bytes(hashlib.blake2b(value.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")
    return h or 1


class _HashTable:
    """Open addressing (linear probing) from 64-bit keys to 32-bit article numbers, in two flat arrays."""

    def __init__(self, capacity: int = 1 << 12) -> None:
        self._keys = array("Q", bytes(8 * capacity))
        self._values = array("I", bytes(4 * capacity))
        self._mask = capacity - 1
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def get(self, key: int) -> int | None:
        keys, mask = self._keys, self._mask
        i = key & mask
        while True:
            k = keys[i]
            if k == 0:
                return None
            if k == key:
                return self._values[i]
            i = (i + 1) & mask

    def put(self, key: int, value: int) -> None:
        """Add ``key`` unless present (the first article wins)."""
        if (self._size + 1) * 3 > (self._mask + 1) * 2:
            self._grow()
        keys, mask = self._keys, self._mask
        i = key & mask
        while True:
            k = keys[i]
            if k == key:
                return
            if k == 0:
                keys[i] = key
                self._values[i] = value
                self._size += 1
                return
            i = (i + 1) & mask

    def _grow(self) -> None:
        old_keys, old_values = self._keys, self._values
        capacity = (self._mask + 1) * 2
        self._keys = array("Q", bytes(8 * capacity))
        self._values = array("I", bytes(4 * capacity))
        self._mask = capacity - 1
        self._size = 0
        for k, v in zip(old_keys, old_values, strict=True):
            if k:
                self.put(k, v)


class Deduplicator:
    """Remembers the URLs and texts of the articles it has checked.

    >>> dedup = Deduplicator()
    >>> dedup.check(Article("a", "Orange rachète Cloudwatt.", url="https://ex.fr/a"))
    >>> dedup.check(Article("b", "Orange rachète  Cloudwatt !", url="https://ex.fr/b"))
    'a'

    The caller marks the second one ``state = "skipped:duplicate_of=a"``. Keep one instance
    for a whole run, in one process (the engine calls ``prepare`` before dispatching work).
    """

    def __init__(self) -> None:
        self._table = _HashTable()
        self._ids = bytearray()
        self._offsets = array("Q", [0])

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def _doc_id(self, number: int) -> str:
        return self._ids[self._offsets[number] : self._offsets[number + 1]].decode("utf-8")

    def keys(self, article: Article) -> list[int]:
        """The hashes that identify ``article``: its normalised URL and its normalised text."""
        keys = []
        if article.url:
            keys.append(hash64("url\x1f" + normalise_url(article.url)))
        text = text_key(article.text)
        if text:
            keys.append(hash64("text\x1f" + text))
        return keys

    def check(self, article: Article) -> str | None:
        """The doc_id of the first article with the same URL or text, else None (and remember this one)."""
        keys = self.keys(article)
        for key in keys:
            number = self._table.get(key)
            if number is not None:
                first = self._doc_id(number)
                # the same article checked twice is not its own duplicate
                return first if first != article.doc_id else None
        number = len(self)
        self._ids.extend(article.doc_id.encode("utf-8"))
        self._offsets.append(len(self._ids))
        for key in keys:
            self._table.put(key, number)
        return None
