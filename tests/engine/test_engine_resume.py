"""--resume after a real interruption (kill -9), and the refusals of a bad resume."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.engine import run_pipeline


def _rachat() -> list[str]:
    script = Path(sys.executable).parent / "rachat"
    return [str(script)] if script.exists() else [sys.executable, "-c", "from pipeline.cli import app; app()"]


@pytest.mark.slow
def test_resume_after_kill_9(tmp_path: Path, demo: list[dict[str, Any]], nlp: Any, make_dump: Any, same_tables: Any) -> None:
    # 60 articles (the demo articles in three editions, so that none is a copy), 3 per partition
    records = [{"id": f"{d['id']}-{k}", "text": f"{d['text']}\nÉdition numéro {k}."} for k in range(3) for d in demo]
    path = tmp_path / "dump.jsonl"
    make_dump(path, records)
    out = tmp_path / "run"
    command = [*_rachat(), "extract", str(path), "--out", str(out), "--workers", "1", "--partition-size", "3", "--quiet"]

    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = out / "_parts" / "done"
    deadline = time.monotonic() + 180
    while not (done.is_dir() and any(done.glob("part-*.json"))):
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else "extract ended early"
        assert time.monotonic() < deadline, "no partition committed in time"
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    committed = len(list(done.glob("part-*.json")))
    assert not (out / "run.json").exists()
    assert 1 <= committed < 20

    resumed = subprocess.run([*command, "--resume"], capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert manifest["timings"]["resumed"] and manifest["timings"]["partitions_this_session"] == 20 - committed
    assert manifest["counts"]["read"] == manifest["counts"]["processed"] == 60

    reference = run_pipeline(None, tmp_path / "uninterrupted", inputs=[path], nlp=nlp, partition_size=3)
    same_tables(tmp_path / "uninterrupted", out)
    assert manifest["counts"] == reference["counts"]


def _interrupt(records: int) -> None:
    raise KeyboardInterrupt


def test_resume_refuses_other_settings(dump: Any, nlp: Any, tmp_path: Path) -> None:
    out = tmp_path / "run"
    with pytest.raises(KeyboardInterrupt):
        run_pipeline(None, out, inputs=[dump.path], nlp=nlp, partition_size=dump.partition_size, progress=_interrupt)
    assert (out / "_parts" / "done").is_dir() and not (out / "run.json").exists()
    runner = CliRunner()
    result = runner.invoke(app, ["extract", str(dump.path), "--out", str(out), "--resume", "--no-gate", "--partition-size", str(dump.partition_size)])
    assert result.exit_code == 2 and "E091" in result.output and "gate" in result.output
    result = runner.invoke(app, ["extract", str(dump.path), "--out", str(out)])
    assert result.exit_code == 2 and "E006" in result.output


def test_resume_needs_an_interrupted_run(dump: Any, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(dump.path), "--out", str(tmp_path / "nothing"), "--resume"])
    assert result.exit_code == 2 and "E090" in result.output
