"""Markable sheets (build --markable), built for real: the record's boxes are where the layout
put the tick boxes, the pages are the plain sheet's, and each page's code reads back with zxing."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pypdfium2
import pytest
import zxingcpp
from click.testing import CliRunner
from pypdf import PdfReader

from medialit.build.run import BuildOptions, build_lesson
from medialit.cli.main import main
from medialit.sheets.markable import MarkableSet, PageCode, read_code

from .conftest import DATA, assert_no_answers, pdf_text

pytestmark = pytest.mark.build

SAMPLE = DATA / "sample.yaml"
KINDS = ("evidence", "inference", "assertion")


def _build(out: Path, **options: object) -> dict[str, Path]:
    # The session's layout cache (conftest.py): a kept layout gives the bytes a fresh one does
    # (test_a_second_class_reuses_the_measured_layouts checks it on these sheets).
    result = build_lesson(SAMPLE, BuildOptions(out=out, write_html=True, **options))  # type: ignore[arg-type]
    return {p.relative_to(out / "sample").as_posix(): p for p in result.outputs}


def _record(outputs: dict[str, Path]) -> MarkableSet:
    [name] = [name for name in outputs if name.startswith("markable/")]
    return MarkableSet.from_json(outputs[name].read_bytes())


def _codes(pdf: Path, dpi: int = 150) -> list[str]:
    document = pypdfium2.PdfDocument(str(pdf))
    texts = []
    for page in document:
        image = np.asarray(page.render(scale=dpi / 72).to_pil().convert("L"))
        found = zxingcpp.read_barcodes(image)
        texts.append(found[0].text if found else "")
    return texts


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    out = tmp_path_factory.mktemp("markable")
    return {
        "plain": _build(out / "plain"),
        "markable": _build(out / "markable", markable=True),
        "fillable": _build(out / "fillable", markable=True, fillable=True),
    }


def test_tick_boxes_are_where_the_page_draws_them(built: dict[str, dict[str, Path]]) -> None:
    """Each recorded tick box, on the rendered page, has its printed border on all four sides
    and is white inside; the writing area and the Name: line are recorded too."""
    sheet = built["markable"]["student.pdf"]
    record = _record(built["markable"])
    [layout] = record.sheets
    document = pypdfium2.PdfDocument(str(sheet))
    scale = 4
    pages = [np.asarray(page.render(scale=scale).to_pil().convert("L")) < 128 for page in document]
    assert len(layout.statements) == 3
    for statement in layout.statements:
        assert set(statement.ticks) == set(KINDS)
        for box in statement.ticks.values():
            dark = pages[box.page - 1]
            x0, y0 = round(box.x * scale), round(box.y * scale)
            x1, y1 = round((box.x + box.width) * scale), round((box.y + box.height) * scale)
            edge = 4  # the 0.8 pt border is 3 pixels at this scale
            span = slice(x0 + edge, x1 - edge)
            assert dark[y0 : y0 + edge, span].mean(axis=1).max() > 0.9  # top border
            assert dark[y1 - edge : y1, span].mean(axis=1).max() > 0.9  # bottom border
            rows = slice(y0 + edge, y1 - edge)
            assert dark[rows, x0 : x0 + edge].mean(axis=0).max() > 0.9  # left border
            assert dark[rows, x1 - edge : x1].mean(axis=0).max() > 0.9  # right border
            assert dark[y0 + edge : y1 - edge, x0 + edge : x1 - edge].mean() < 0.02  # empty
        assert statement.reason is not None and statement.reason.width > 300
        assert statement.reason.page == statement.ticks["evidence"].page
        assert statement.reason.y > statement.ticks["evidence"].y
    assert layout.name is not None and layout.name.page == 1  # an anonymous sheet's Name: line


def test_markable_pages_are_the_plain_pages_with_codes(built: dict[str, dict[str, Path]]) -> None:
    plain, markable = built["plain"]["student.pdf"], built["markable"]["student.pdf"]
    assert len(PdfReader(plain).pages) == len(PdfReader(markable).pages)
    assert pdf_text(plain) == pdf_text(markable)
    assert_no_answers(SAMPLE, markable, built["markable"]["student.html"])
    record = _record(built["markable"])
    expected = [
        PageCode(record.set_id, 0, 0, n).text() for n in range(1, 1 + record.sheets[0].pages)
    ]
    assert _codes(markable) == expected
    assert read_code(expected[0]) == PageCode(record.set_id, 0, 0, 1)
    # A fillable sheet keeps its fields and carries the codes too (medialit mark reads both).
    fillable = built["fillable"]["student.pdf"]
    assert "s1-kind" in (PdfReader(fillable).get_fields() or {})
    assert _codes(fillable)[0].startswith("ML1:")
    # The record holds the key, for the teacher's marking; it is not beside the student's sheet.
    assert (
        json.loads(built["markable"][f"markable/{record.set_id}.json"].read_text())["sheets"][0][
            "statements"
        ][0]["key_kind"]
        in KINDS
    )


def test_a_class_pack_codes_each_copy(tmp_path: Path) -> None:
    roster = tmp_path / "class.csv"
    roster.write_text("name\nAna\nBen\nChloé\n", encoding="utf-8")
    outputs = _build(tmp_path, markable=True, roster=roster, versions=2, split=True)
    record = _record(outputs)
    assert [(c.copy, c.name) for c in record.copies] == [(1, "Ana"), (2, "Ben"), (3, "Chloé")]
    pages = record.sheets[record.copies[1].sheet].pages
    codes = _codes(outputs["class-pack.pdf"], dpi=200)
    for copy in record.copies:
        copy_codes = [
            PageCode(record.set_id, copy.sheet, copy.copy, n).text() for n in range(1, pages + 1)
        ]
        assert all(code in codes for code in copy_codes)
    assert _codes(outputs["copies/02-ben.pdf"]) == [
        PageCode(record.set_id, record.copies[1].sheet, 2, n).text() for n in range(1, pages + 1)
    ]
    assert all(sheet.name is None for sheet in record.sheets)  # named copies have no Name: line


def test_clean_removes_a_markable_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    built = runner.invoke(main, ["build", str(SAMPLE), "--markable", "--quiet"])
    assert built.exit_code == 0, built.output
    assert list((tmp_path / "build/sample/markable").glob("*.json"))
    # The printed sheet itself, marked as if scanned blank: the class's marks are the
    # teacher's, which clean never removes.
    marked = runner.invoke(main, ["mark", "build/sample/student.pdf"])
    assert marked.exit_code == 0, marked.output + marked.stderr
    assert "marked 1 copy (2 pages)" in marked.output
    refused = runner.invoke(main, ["clean", "--quiet"])
    assert refused.exit_code == 1
    assert refused.stderr == (
        "Error: build/sample/marks: this holds the class's marks (medialit mark), which clean "
        "does not remove, so nothing was removed; move it out of the output folder first (or "
        "delete it if you no longer need the marks).\n"
    )
    (tmp_path / "build/sample/marks").rename(tmp_path / "marks-kept")
    cleaned = runner.invoke(main, ["clean", "--quiet"])
    assert cleaned.exit_code == 0, cleaned.output + cleaned.stderr
    assert not (tmp_path / "build/sample").exists()


def test_a_second_class_reuses_the_measured_layouts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Markable sheets are kept in the layout cache with their measured boxes: a second class
    lays nothing out, and gets what a build without the cache gives, byte for byte."""
    import datetime

    from medialit.layout.cache import FORMAT

    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    created = datetime.datetime(2026, 12, 4, tzinfo=datetime.UTC)

    def build(out: Path, names: str, **options: object) -> dict[str, bytes]:
        roster = tmp_path / f"{names}.csv"
        roster.write_text("name\n" + "\n".join(names.split()) + "\n", encoding="utf-8")
        options = {"markable": True, "roster": roster, "versions": 2, "created": created, **options}
        build_lesson(SAMPLE, BuildOptions(out=out, **options))  # type: ignore[arg-type]
        return {
            f.relative_to(out).as_posix(): f.read_bytes() for f in out.rglob("*") if f.is_file()
        }

    build(tmp_path / "first", "Ana Ben")
    kept = sorted((cache / "medialit" / FORMAT).glob("*/*.pages"))
    assert len(kept) == 4  # two worksheets (measured) and two keys
    again = build(tmp_path / "again", "Cara Dan Eve")
    assert sorted((cache / "medialit" / FORMAT).glob("*/*.pages")) == kept
    fresh = build(tmp_path / "fresh", "Cara Dan Eve", cache=False)
    assert again.keys() == fresh.keys()
    for name in fresh:
        assert again[name] == fresh[name], name
    assert any(name.startswith("sample/markable/") for name in again)
