"""Decode bytes of unknown encoding: UTF-8 first, else charset-normalizer's best guess."""

from __future__ import annotations

import io
from pathlib import Path


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). UTF-8 (with or without BOM) is tried first."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # French text not in UTF-8 is most often Windows-1252: take it when it decodes cleanly
    # (charset-normalizer guesses cp1257 for short French files, turning "déjà" into "déją")
    try:
        text = data.decode("cp1252")
        if not any(0x80 <= ord(c) <= 0x9F for c in text):
            return text, "cp1252"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding:
            return data.decode(best.encoding, errors="replace"), best.encoding
    except ImportError:  # pragma: no cover - charset-normalizer is a dependency
        pass
    return data.decode("cp1252", errors="replace"), "cp1252"


def open_text(path: Path) -> io.StringIO:
    """The whole file as a text stream in its detected encoding."""
    text, _ = decode_bytes(path.read_bytes())
    return io.StringIO(text, newline="")
