"""pipeline.evaluate.textref.iter_json_members: the one reader of JSON-record tar archives (OrangeSum)."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

from pipeline.evaluate.textref import iter_json_members


def _archive(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def test_json_records_in_archive_order_and_the_rest_skipped(tmp_path: Path) -> None:
    path = _archive(
        tmp_path / "parsed.tar.gz",
        {
            "parsed/2.json": json.dumps({"article": "Atos rachète Bull."}).encode("utf-8"),
            "parsed/README.txt": b"not a record",
            "parsed/3.json": b"{broken",
            "parsed/4.json": json.dumps(["a", "list"]).encode("utf-8"),
            "parsed/5.json": "é".encode("latin-1"),
            "parsed/1.json": json.dumps({"article": "Orange détient 44 % de Cloudwatt.", "date": "2015-12-01"}).encode("utf-8"),
        },
    )
    got = list(iter_json_members(path))
    assert [name for name, _ in got] == ["parsed/2.json", "parsed/1.json"]
    assert got[1][1] == {"article": "Orange détient 44 % de Cloudwatt.", "date": "2015-12-01"}
