"""The same lesson built twice gives the same PDF; SOURCE_DATE_EPOCH fixes its one date."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from medialit.build.run import BuildOptions, build_lesson
from medialit.cli import main

from .conftest import DATA, configuration

pytestmark = pytest.mark.build


def test_two_builds_with_source_date_epoch_are_byte_identical(tmp_path: Path) -> None:
    runner = CliRunner(env={"SOURCE_DATE_EPOCH": "1700000000"})
    for out in ("one", "two"):
        result = runner.invoke(
            main, ["build", str(DATA / "sample.yaml"), "--out", str(tmp_path / out)]
        )
        assert result.exit_code == 0, result.output
    for name in ("student.pdf", "key.pdf"):
        one = (tmp_path / "one" / "sample" / name).read_bytes()
        assert one == (tmp_path / "two" / "sample" / name).read_bytes()
        metadata = PdfReader(tmp_path / "one" / "sample" / name).metadata
        assert metadata is not None and metadata["/CreationDate"] == "D:20231114221320Z"


def test_builds_differ_only_in_their_creation_date(tmp_path: Path) -> None:
    readers = []
    for day in (1, 2):
        created = datetime.datetime(2024, 3, day, 9, 30, tzinfo=datetime.UTC)
        options = BuildOptions(
            out=tmp_path / str(day), configuration=configuration(), created=created
        )
        result = build_lesson(DATA / "sample.yaml", options)
        readers.append(PdfReader(next(p for p in result.outputs if p.name == "key.pdf")))
    one, two = readers
    assert one.metadata is not None and two.metadata is not None
    assert one.metadata["/CreationDate"] == "D:20240301093000Z"
    assert two.metadata["/ModDate"] == "D:20240302093000Z"
    dates = {"/CreationDate", "/ModDate"}
    assert {k: v for k, v in one.metadata.items() if k not in dates} == {
        k: v for k, v in two.metadata.items() if k not in dates
    }
    assert len(one.pages) == len(two.pages)
    for a, b in zip(one.pages, two.pages, strict=True):
        assert a.get_contents().get_data() == b.get_contents().get_data()
