"""A class pack's layouts are written without object streams (issue 27, a second class): pypdf
then parses only the objects a copy's pages use, where it parsed each object stream from its
start for every object in it. Fresh or from the layout cache, the layout reads back as the same
pages, and the pack stamped from it is the pack stamped from the usual layout, byte for byte.
With ``--split`` the layouts keep their object streams: each student's own copy is the layout's
bytes with the name added, and stays as small as before."""

from __future__ import annotations

import dataclasses
import datetime
import io
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from medialit.build.laying_out import Layout, lay_out_all
from medialit.build.markable import pack_marks, pack_record
from medialit.build.planning import LessonPlan, plan_lesson
from medialit.build.run import BuildOptions, build_lesson
from medialit.layout.cache import open_cache
from medialit.layout.stamp import stamp_copies
from medialit.sheets.roster import read_roster

from .conftest import DATA

pytestmark = pytest.mark.build

CREATED = datetime.datetime(2026, 12, 5, 6, 0, tzinfo=datetime.UTC)


def _roster(folder: Path) -> Path:
    roster = folder / "class.csv"
    roster.write_text("name\nAna\nBen\nChloé\n", encoding="utf-8")
    return roster


def _plan(folder: Path, **extra: object) -> tuple[LessonPlan, BuildOptions]:
    roster = _roster(folder)
    options = BuildOptions(
        out=folder / "out", roster=roster, versions=2, markable=True, created=CREATED, **extra
    )  # type: ignore[arg-type]
    return plan_lesson(DATA / "sample.yaml", options, read_roster(roster)), options


def _layouts(plan: LessonPlan, object_streams: bool | None = None) -> list[Layout]:
    assert plan.class_pack is not None
    return [
        Layout(
            document.html,
            DATA,
            document.folders,
            CREATED,
            measure=True,
            object_streams=(document.object_streams if object_streams is None else object_streams),
        )
        for document in plan.class_pack.layouts
    ]


def _text(pdf: bytes) -> str:
    done = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return done.stdout.decode()


def test_pack_layouts_without_object_streams_read_back_as_the_same_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    plan, _ = _plan(tmp_path)
    assert plan.class_pack is not None
    assert not any(document.object_streams for document in plan.class_pack.layouts)
    usual = lay_out_all(_layouts(plan, object_streams=True), 1)
    fresh = lay_out_all(_layouts(plan), 1, cache=open_cache())
    kept = lay_out_all(_layouts(plan), 1, cache=open_cache())  # every one from the cache
    for before, flat, again in zip(usual, fresh, kept, strict=True):
        assert b"/ObjStm" in before.pdf
        assert b"/ObjStm" not in flat.pdf and b"\nxref\n" in flat.pdf
        assert again.pdf == flat.pdf  # kept, it is written as it was laid out
        assert again.boxes == flat.boxes == before.boxes
        strict, usual_pages = (
            PdfReader(io.BytesIO(flat.pdf), strict=True),
            PdfReader(io.BytesIO(before.pdf)),
        )
        assert len(strict.pages) == len(usual_pages.pages) > 0
        for page, other in zip(strict.pages, usual_pages.pages, strict=True):
            assert page.mediabox == other.mediabox
        assert _text(flat.pdf) == _text(before.pdf)
        assert "The school lunch debate" in _text(flat.pdf)


def test_the_pack_stamped_from_them_is_the_same_pack(tmp_path: Path) -> None:
    plan, _ = _plan(tmp_path)
    assert plan.class_pack is not None
    pack = plan.class_pack
    tags = lay_out_all([_tags_layout(plan)], 1)[0].pdf
    packs = []
    for object_streams in (True, False):
        documents = lay_out_all(_layouts(plan, object_streams), 1)
        laid_out = {
            document.name: result for document, result in zip(pack.layouts, documents, strict=True)
        }
        layouts = [result.pdf for result in documents]
        record = pack_record(plan, layouts, laid_out)
        assert record is not None
        combined, placed = stamp_copies(
            layouts,
            [pack.plan.layout_index(copy) for copy in pack.plan.copies],
            tags,
            title="Class pack",
            language="en",
            marks=pack_marks(record),
        )
        assert len(placed) == 3
        packs.append(combined)
    assert packs[0] == packs[1]
    text = _text(packs[1])
    assert all(name in text for name in ("Ana", "Ben", "Chloé"))


def _tags_layout(plan: LessonPlan) -> Layout:
    assert plan.class_pack is not None
    tags = plan.class_pack.name_tags
    return Layout(tags.html, DATA, tags.folders, CREATED, drawn=tags.drawn)


def test_split_copies_keep_their_layouts_object_streams(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    plan, options = _plan(tmp_path, split=True)
    assert plan.class_pack is not None
    assert all(document.object_streams for document in plan.class_pack.layouts)
    build_lesson(DATA / "sample.yaml", options)
    copies = sorted((options.out / "sample" / "copies").glob("*.pdf"))
    assert len(copies) == 3
    for copy, name in zip(copies, ("Ana", "Ben", "Chloé"), strict=True):
        data = copy.read_bytes()
        assert b"/ObjStm" in data  # the layout's own bytes, with the name appended
        assert name in _text(data)
    # and the combined pack, stamped from the same layouts, names them in order
    unsplit = dataclasses.replace(options, out=tmp_path / "unsplit", split=False)
    build_lesson(DATA / "sample.yaml", unsplit)
    split_pack = (options.out / "sample" / "class-pack.pdf").read_bytes()
    assert (unsplit.out / "sample" / "class-pack.pdf").read_bytes() == split_pack
