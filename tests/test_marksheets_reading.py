"""medialit mark on a small class made here (tests/marking_support.py): a real markable class
pack rendered, filled in, scanned badly and shuffled, read back by zxing-cpp and OpenCV."""

from __future__ import annotations

import random
from pathlib import Path

import cv2
import pytest
from click.testing import CliRunner

from medialit.build.run import BuildOptions, build_lesson
from medialit.cli.main import main
from medialit.marking.results import ClassMarks
from medialit.sheets.markable import MarkableSet

from .conftest import DATA
from .marking_support import distort, fill_copy, render, to_pdf

pytestmark = pytest.mark.build

SAMPLE = DATA / "sample.yaml"


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, MarkableSet]:
    """A markable class pack of four, two versions, each copy in its own PDF."""
    out = tmp_path_factory.mktemp("pack")
    roster = out / "class.csv"
    roster.write_text("name\nAna\nBen\nChloé\nDev\n", encoding="utf-8")
    options = BuildOptions(
        out=out / "build", cache=False, markable=True, roster=roster, versions=2, split=True
    )
    build_lesson(SAMPLE, options)
    [record_file] = (out / "build/sample/markable").glob("*.json")
    return out, MarkableSet.from_json(record_file.read_bytes())


def _scans(out: Path, record: MarkableSet, seed: int) -> tuple[list[Path], dict]:
    """Every copy filled in and scanned: shuffled into one PDF at 200 dpi, two pictures (one
    upside down, one a photo at 150 dpi) and a JPEG at 300 dpi; with what each box holds."""
    rng = random.Random(seed)
    copies = sorted((out / "build/sample/copies").glob("*.pdf"))
    truths, scanned = {}, []
    for entry, copy_pdf in zip(record.copies, copies, strict=True):
        pages, truth = fill_copy(render(copy_pdf), record, entry.sheet, rng)
        truths[entry.copy] = truth
        scanned += pages
    rng.shuffle(scanned)
    folder = out / f"scans-{seed}"
    folder.mkdir()
    files = []
    tray = [distort(page, rng, 200) for page in scanned[:-3]]
    (folder / "tray.pdf").write_bytes(to_pdf(tray, 200))
    files.append(folder / "tray.pdf")
    for n, (page, kind) in enumerate(zip(scanned[-3:], ("upside", "photo", "plain"), strict=True)):
        dpi = {"upside": 200, "photo": 150, "plain": 300}[kind]
        image = distort(page, rng, dpi, upside_down=kind == "upside", photo=kind == "photo")
        path = folder / f"page-{n}.{'png' if kind != 'plain' else 'jpg'}"
        cv2.imwrite(str(path), image)
        files.append(path)
    return files, truths


def test_a_shuffled_badly_scanned_class_is_read_box_by_box(
    pack: tuple[Path, MarkableSet],
) -> None:
    out, record = pack
    files, truths = _scans(out, record, seed=1)
    result = CliRunner().invoke(
        main, ["mark", *map(str, files), "--out", str(out / "build")], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output + result.stderr
    marks = ClassMarks.load(out / "build/sample/marks/marks.json")
    assert sorted(copy.name for copy in marks.copies) == ["Ana", "Ben", "Chloé", "Dev"]
    wrong = []
    for copy in marks.copies:
        for statement in copy.statements:
            for kind, state in statement.ticks.items():
                expected = truths[copy.copy].boxes[(statement.number, kind)]
                if state != expected:
                    wrong.append((copy.name, statement.number, kind, expected, state))
    assert wrong == []
    assert "upside down" in result.stderr
    csv = (out / "build/sample/marks/marks.csv").read_text(encoding="utf-8").splitlines()
    assert csv[0].startswith("name,version,score ") and csv[0].endswith(",total")
    assert len(csv) == 5
