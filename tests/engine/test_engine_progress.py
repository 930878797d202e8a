"""Progress lines, settings and the known-id set (no model)."""

from __future__ import annotations

import io

import pytest

from pipeline.engine.known import KnownIds
from pipeline.engine.progress import BarProgress, LogProgress, NoProgress, make_progress
from pipeline.engine.settings import RunSettings
from pipeline.errors import RachatError


def test_log_lines_give_rate_and_eta() -> None:
    stream = io.StringIO()
    progress = LogProgress(every=0.0, stream=stream)
    progress.start(total=1000, done=200)
    progress.advance(300)
    progress.close()
    lines = stream.getvalue().splitlines()
    assert lines[0] == "rachat: extracting 1,000 records (200 done before)"
    assert lines[1].startswith("rachat: 500/1,000 (50%) records, ") and "records/s, ETA " in lines[1]
    assert lines[-1].endswith("elapsed")


def test_progress_modes() -> None:
    assert isinstance(make_progress(None), NoProgress)
    assert isinstance(make_progress("none"), NoProgress)
    assert isinstance(make_progress("log"), LogProgress)
    assert isinstance(make_progress("bar"), BarProgress)
    seen: list[int] = []
    make_progress(seen.append).advance(7)
    assert seen == [7]


def test_known_ids() -> None:
    known = KnownIds(["orangesum-410", "demo-01", "demo-01"])
    assert len(known) == 2
    assert "demo-01" in known and "orangesum-410" in known
    assert "demo-02" not in known and None not in known
    assert "x" not in KnownIds()


@pytest.mark.parametrize(
    ("options", "code"),
    [({"workers": 0}, "E093"), ({"partition_size": 0}, "E093"), ({"engine": "spark"}, "E021"), ({"scheduler": "tcp://h:8786"}, "E095")],
)
def test_bad_settings(options: dict[str, object], code: str) -> None:
    with pytest.raises(RachatError, match=code):
        RunSettings.from_options(**options)


def test_identity_ignores_how_the_work_is_spread() -> None:
    a = RunSettings(workers=1)
    b = RunSettings(workers=8, engine="dask")
    assert a.identity() == b.identity()
    assert a.identity() != RunSettings(gate=False).identity()
