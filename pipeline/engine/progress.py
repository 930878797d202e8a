"""Progress of a run: a rich bar on a terminal, periodic log lines otherwise, or nothing (--quiet)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any, Protocol

# Seconds between two log lines when stderr is not a terminal.
LOG_EVERY = 15.0


class Progress(Protocol):
    def start(self, total: int | None, done: int = 0) -> None: ...
    def advance(self, records: int) -> None: ...
    def close(self) -> None: ...


class NoProgress:
    def start(self, total: int | None, done: int = 0) -> None:
        pass

    def advance(self, records: int) -> None:
        pass

    def close(self) -> None:
        pass


class CallbackProgress(NoProgress):
    """Calls ``callback(records)`` for each finished partition (the Python API's ``progress=``)."""

    def __init__(self, callback: Callable[[int], None]) -> None:
        self.callback = callback

    def advance(self, records: int) -> None:
        self.callback(records)


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}h{m:02d}m{s:02d}s" if h else f"{m}m{s:02d}s"


class LogProgress:
    """One line to stderr every ``every`` seconds: done/total, articles/s, ETA."""

    def __init__(self, every: float = LOG_EVERY, stream: Any = None) -> None:
        self.every = every
        self.stream = stream or sys.stderr
        self.total: int | None = None
        self.done = self.session = 0
        self.started = self.last = time.monotonic()

    def start(self, total: int | None, done: int = 0) -> None:
        self.total, self.done, self.session = total, done, 0
        self.started = self.last = time.monotonic()
        of = f"/{self.total:,}" if self.total else ""
        resumed = f" ({done:,} done before)" if done else ""
        print(f"rachat: extracting {of.lstrip('/') or 'all'} records{resumed}", file=self.stream, flush=True)

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.session / elapsed
        of = f"/{self.total:,} ({100 * self.done / self.total:.0f}%)" if self.total else ""
        eta = ""
        if self.total and rate > 0:
            eta = f", ETA {_duration(max(self.total - self.done, 0) / rate)}"
        return f"rachat: {self.done:,}{of} records, {rate:,.1f} records/s{eta}"

    def advance(self, records: int) -> None:
        self.done += records
        self.session += records
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            print(self.line(), file=self.stream, flush=True)

    def close(self) -> None:
        print(self.line() + f", {_duration(time.monotonic() - self.started)} elapsed", file=self.stream, flush=True)


class BarProgress:
    """A rich progress bar on stderr: records done, records/s, time left."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("[bold]rachat[/]"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} articles/s"),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self._task: Any = None
        self._started = time.monotonic()
        self._session = 0

    def start(self, total: int | None, done: int = 0) -> None:
        self._progress.start()
        self._task = self._progress.add_task("extract", total=total, completed=done, rate="-")
        self._started = time.monotonic()

    def advance(self, records: int) -> None:
        self._session += records
        rate = self._session / max(time.monotonic() - self._started, 1e-9)
        self._progress.update(self._task, advance=records, rate=f"{rate:,.1f}")

    def close(self) -> None:
        self._progress.stop()


def make_progress(mode: str | Callable[[int], None] | None) -> Progress:
    """``"auto"`` (a bar on a terminal, log lines otherwise), ``"bar"``, ``"log"``, ``"none"``/None, or a callback."""
    if callable(mode):
        return CallbackProgress(mode)
    if mode is None or mode == "none":
        return NoProgress()
    if mode == "auto":
        mode = "bar" if sys.stderr.isatty() else "log"
    return BarProgress() if mode == "bar" else LogProgress()
