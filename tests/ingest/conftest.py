"""Fixtures of the ingest tests: real files built in tmp_path (see ingestkit.py for the builders)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from ingestkit import BOURSE_PARAGRAPHS, NUMERGY_PARAGRAPHS, ORANGE_PARAGRAPHS, WarcSpec, page, write_crawl


@pytest.fixture
def crawl(tmp_path: Path) -> WarcSpec:
    return write_crawl(tmp_path / "crawl.warc.gz")


@pytest.fixture
def html_folder(tmp_path: Path) -> Path:
    """Two article pages, one page with menus only, one .htm in cp1252 declared by <meta>."""
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "orange-cloudwatt.html").write_text(page("Orange rachète Cloudwatt", ORANGE_PARAGRAPHS), encoding="utf-8")
    (folder / "numergy.html").write_text(page("Numericable-SFR s'offre Numergy", NUMERGY_PARAGRAPHS), encoding="utf-8")
    (folder / "menu-seul.html").write_text(
        "<html><head><title>Plan du site</title></head><body><nav><a href='/'>Accueil</a> | "
        "<a href='/tech'>Tech</a></nav><footer>Mentions légales</footer></body></html>",
        encoding="utf-8",
    )
    cp1252 = page("Bourse : la séance en hausse", BOURSE_PARAGRAPHS).replace(
        'charset="utf-8"', 'charset="windows-1252"'
    )
    (folder / "bourse.htm").write_bytes(cp1252.encode("cp1252"))
    return folder


@pytest.fixture
def make_file(tmp_path: Path) -> Callable[[str, bytes | str], Path]:
    def make(name: str, content: bytes | str) -> Path:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return path

    return make
