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
