"""A markable class pack's page codes (issue 27, item 1): made by zxing-cpp, drawn while the
copies are stamped (the pack written once), and a second class imports neither WeasyPrint nor
any other QR encoder. Real builds, real PDFs, codes read back with zxing-cpp."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pypdfium2
import pytest
import zxingcpp
from pypdf import PdfReader

from medialit.layout.sheet_codes import code_stream, page_marks, qr_modules
from medialit.sheets.markable import CODE_MODULES, MarkableSet, PageCode

from .conftest import DATA

pytestmark = pytest.mark.build

SAMPLE = DATA / "sample.yaml"


@pytest.mark.parametrize(
    "text",
    ["ML1:ABCDEFGH:0:1:1", "ML1:Z2345677:12:345:6", "ML1:QRSTUVWX:999:9999:999"],
)
def test_a_code_reads_back_as_its_text_at_level_q(text: str) -> None:
    """The shortest and longest codes a build makes: 25 modules a side, read back whole."""
    modules = qr_modules(text)
    assert len(modules) == CODE_MODULES and all(len(row) == CODE_MODULES for row in modules)
    light = np.array([[255 * (1 - cell) for cell in row] for row in modules], dtype=np.uint8)
    image = np.pad(light, 4, constant_values=255).repeat(8, 0).repeat(8, 1)
    [found] = zxingcpp.read_barcodes(image)
    assert found.text == text
    assert found.ec_level == "Q"


def test_the_stream_drawn_in_stamping_is_the_one_added_after_a_layout() -> None:
    code = PageCode("ABCDEFGH", 1, 7, 3)
    stream = code_stream(code, 595.28, 841.89)
    assert stream.startswith(b"/Artifact BMC q 0 g\n") and stream.endswith(b"f Q EMC\n")
    assert page_marks(code, 595.28, 841.89) == b"\nQ\n" + stream
    # Another page height moves the code with the page's lower edge.
    assert code_stream(code, 612, 792) != stream


def _pack_pages(pack: Path) -> list[list[bytes]]:
    """Each page's content streams, as the PDF gives them."""
    reader = PdfReader(pack)
    pages = []
    for page in reader.pages:
        contents = page.get_contents()
        assert contents is not None
        pages.append([part.get_object().get_data() for part in page["/Contents"]])
    return pages


def _codes(pack: Path, pages: list[int]) -> list[str]:
    document = pypdfium2.PdfDocument(str(pack))
    texts = []
    for number in pages:
        image = np.asarray(document[number].render(scale=150 / 72).to_pil().convert("L"))
        found = zxingcpp.read_barcodes(image)
        texts.append(found[0].text if found else "")
    return texts


def _build(folder: Path, roster: Path, cache: Path, probe: bool = False) -> list[str]:
    """`medialit build` in a fresh process; with ``probe``, the modules it loaded."""
    code = (
        "import json, sys\n"
        "from medialit.cli.main import main\n"
        "try:\n    main(sys.argv[1:])\n"
        "except SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    arguments = ["build", str(SAMPLE), "--out", str(folder), "--roster", str(roster)]
    done = subprocess.run(
        [sys.executable, "-c", code, *arguments, "--versions", "2", "--quiet"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "XDG_CACHE_HOME": str(cache)},
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1]) if probe else []


def test_a_second_class_codes_every_copy_page_once_without_weasyprint(tmp_path: Path) -> None:
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text("name\nAna\nBen\nChloé\n", encoding="utf-8")
    second.write_text("name\nDara\nEmeka\nFatima\n", encoding="utf-8")
    cache = tmp_path / "cache"
    _build(tmp_path / "one", first, cache)
    loaded = _build(tmp_path / "two", second, cache, probe=True)
    # Every layout came from the cache: nothing laid out, and no Python QR encoder either.
    assert "weasyprint" not in loaded
    assert "segno" not in loaded
    out = tmp_path / "two" / "sample"
    [record_file] = (out / "markable").glob("*.json")
    record = MarkableSet.from_json(record_file.read_bytes())
    assert [copy.name for copy in record.copies] == ["Dara", "Emeka", "Fatima"]
    pack = out / "class-pack.pdf"
    # Written once: one cross-reference section, no update appended after the stamping.
    assert pack.read_bytes().count(b"%%EOF") == 1
    pages = _pack_pages(pack)
    expected: list[str | None] = []
    for copy in record.copies:
        count = record.sheets[copy.sheet].pages
        expected += [
            PageCode(record.set_id, copy.sheet, copy.copy, n).text() for n in range(1, count + 1)
        ]
        if count % 2:
            expected.append(None)  # the blank back of a copy with an odd page count
    assert len(pages) == len(expected)
    for streams, code in zip(pages, expected, strict=True):
        drawn = [s for s in streams if s.startswith(b"/Artifact BMC q 0 g")]
        assert len(drawn) == (0 if code is None else 1)
    # The first and the last copy's pages read back as their codes.
    first_copy = record.sheets[record.copies[0].sheet].pages
    wanted = [0, first_copy - 1, len(expected) - 1 - (expected[-1] is None)]
    assert _codes(pack, wanted) == [expected[n] for n in wanted]
