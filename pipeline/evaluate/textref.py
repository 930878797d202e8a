"""Resolve gold ``text_ref`` pointers to text, without copying third-party text into the repository.

A gold document may say where its text lives instead of holding it::

    {"text_ref": {"path": "../shared/data/winer-fr/2016/01/2016_01_04-001.txt", "sha256": "..."}}
    {"text_ref": {"path": "../shared/data/orangesum/parsed.tar.gz#parsed/410.json",
                  "field": "article", "sha256": "..."}}

``path`` is relative to the repository root (the folder holding ``pyproject.toml``), ``#member``
names a member of a tar archive, ``field`` picks one string field of a JSON record, and ``sha256``
is the hash of the text encoded UTF-8. A plain file's text is the whole file decoded as UTF-8,
unchanged (no stripping, no newline translation).

Archives are read once per batch: :meth:`TextResolver.read_many` streams each archive a single
time and keeps only the members asked for, so 500 OrangeSum documents cost one pass over the tar.
"""

from __future__ import annotations

import hashlib
import json
import os
import tarfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ARCHIVE_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")


class TextRefError(Exception):
    """A text_ref that cannot be resolved; the gold reader turns it into a numbered RachatError."""


@dataclass(frozen=True)
class TextRef:
    """Where a gold text lives: ``path[#member]`` relative to the repository root, optional JSON field."""

    path: str
    sha256: str | None = None
    field: str | None = None

    @property
    def file(self) -> str:
        return self.path.partition("#")[0]

    @property
    def member(self) -> str | None:
        _, sep, member = self.path.partition("#")
        return member if sep else None

    def to_json(self) -> dict[str, str]:
        out = {"path": self.path}
        if self.field:
            out["field"] = self.field
        if self.sha256:
            out["sha256"] = self.sha256
        return out


def sha256_text(text: str) -> str:
    """The hash a text_ref carries: sha256 of the text encoded UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def find_repo_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds a ``pyproject.toml``."""
    here = Path(os.path.abspath(start))
    if here.is_file() or not here.exists():
        here = here.parent
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file():
            return folder
    return None


def is_archive(path: str) -> bool:
    return path.lower().endswith(ARCHIVE_SUFFIXES)


def decode_text(data: bytes, field: str | None, where: str) -> str:
    """Bytes of a file or member -> the text: the whole UTF-8 text, or one string field of a JSON record."""
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TextRefError(f"{where} is not valid UTF-8 ({exc.reason} at byte {exc.start})") from exc
    if not field:
        return raw
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise TextRefError(f"{where} is not a JSON record, so it has no field {field!r}") from exc
    if not isinstance(record, dict) or field not in record:
        raise TextRefError(f"{where} has no field {field!r}")
    value = record[field]
    if not isinstance(value, str):
        raise TextRefError(f"{where}: field {field!r} is not a string")
    return value


def iter_json_members(path: Path | str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(member name, record) of every ``.json`` member of a tar archive such as OrangeSum's
    ``parsed.tar.gz``, in archive order, in one streaming pass; members that are not a JSON object
    in UTF-8 are skipped."""
    with tarfile.open(path, "r|*") as tf:
        for info in tf:
            if not info.isfile() or not info.name.endswith(".json"):
                continue
            handle = tf.extractfile(info)
            if handle is None:
                continue
            try:
                record = json.loads(handle.read().decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                continue
            if isinstance(record, dict):
                yield info.name, record


class TextResolver:
    """Reads text_refs relative to one root, caching archive members across calls."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._members: dict[tuple[str, str], bytes] = {}

    def _abs(self, file: str) -> Path:
        p = Path(file)
        return p if p.is_absolute() else self.root / p

    def _load_members(self, archive: str, members: set[str]) -> None:
        wanted = {m for m in members if (archive, m) not in self._members}
        if not wanted:
            return
        path = self._abs(archive)
        if not path.is_file():
            raise TextRefError(f"no such file {archive} (looked at {path})")
        try:
            # streaming mode: one sequential pass, no random seeks in the compressed stream
            with tarfile.open(path, "r|*") as tf:
                for info in tf:
                    if info.name in wanted and info.isfile():
                        handle = tf.extractfile(info)
                        if handle is not None:
                            self._members[(archive, info.name)] = handle.read()
                            wanted.discard(info.name)
                            if not wanted:
                                break
        except (tarfile.TarError, OSError) as exc:
            raise TextRefError(f"cannot read archive {archive}: {exc}") from exc

    def read_many(self, refs: Iterable[TextRef]) -> list[str | TextRefError]:
        """The text of each ref (or the error explaining why not), reading each archive once."""
        refs = list(refs)
        by_archive: dict[str, set[str]] = {}
        for ref in refs:
            if ref.member is not None:
                by_archive.setdefault(ref.file, set()).add(ref.member)
        archive_errors: dict[str, TextRefError] = {}
        for archive, members in by_archive.items():
            try:
                self._load_members(archive, members)
            except TextRefError as exc:
                archive_errors[archive] = exc
        out: list[str | TextRefError] = []
        for ref in refs:
            try:
                if ref.file in archive_errors:
                    raise archive_errors[ref.file]
                out.append(self._read_one(ref))
            except TextRefError as exc:
                out.append(exc)
        return out

    def read(self, ref: TextRef) -> str:
        """The text of one ref; raises :class:`TextRefError`."""
        result = self.read_many([ref])[0]
        if isinstance(result, TextRefError):
            raise result
        return result

    def _read_one(self, ref: TextRef) -> str:
        if ref.member is not None:
            data = self._members.get((ref.file, ref.member))
            if data is None:
                raise TextRefError(f"no member {ref.member!r} in {ref.file}")
        else:
            path = self._abs(ref.file)
            if not path.is_file():
                raise TextRefError(f"no such file {ref.file} (looked at {path})")
            data = path.read_bytes()
        return decode_text(data, ref.field, ref.path)

    def check(self, ref: TextRef, text: str) -> None:
        """Raise when the ref carries a sha256 that the text does not have."""
        if ref.sha256 is None:
            raise TextRefError("text_ref has no sha256")
        actual = sha256_text(text)
        if actual != ref.sha256.lower():
            raise TextRefError(
                f"sha256 mismatch for {ref.path}: the file's text has {actual}, the gold says {ref.sha256}"
            )
