"""Issue 27 item 1: a class pack's cover and name tags are drawn, not laid out, and still right.

Real packs are built and read back: every student's name on each of their pages, page
counts, the cover's rows; the drawn pages are compared, word by word, with WeasyPrint's
layout of the same templates, and looked at as images. A second class imports no WeasyPrint.
"""

from __future__ import annotations

import datetime
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from medialit import sfnt
from medialit.build.options import BuildOptions
from medialit.build.planning import plan_lesson
from medialit.build.run import build_lesson
from medialit.layout.drawing import Font
from medialit.layout.drawn_pack import BOLD
from medialit.layout.pdf import html_to_pdf
from medialit.settings.layers import load_configuration
from medialit.sheets.roster import read_roster

from .conftest import DATA

pytestmark = pytest.mark.build

CREATED = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
NAMES = ["Ana López", "Ben Øster", "Chidi Okonkwo", "Dora Quist", "Émile Zola-Fournier"]
WORD = re.compile(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def write_roster(folder: Path, names: list[str]) -> Path:
    roster = folder / "class.csv"
    roster.write_text("name\n" + "\n".join(names) + "\n", encoding="utf-8")
    return roster


def options(out: Path, roster: Path) -> BuildOptions:
    return BuildOptions(out=out, roster=roster, versions=2, split=True, created=CREATED)


def words(pdf: Path, page: int = 1) -> list[tuple[str, float, float, float, float]]:
    """Each word of a page and its box, as poppler reads them."""
    xml = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [(m[5], *(float(m[n]) for n in range(1, 5))) for m in WORD.finditer(xml)]


def page_text(pdf: Path, page: int) -> str:
    done = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return " ".join(done.stdout.split())


def ink(pdf: Path, page: int, box: tuple[int, int, int, int]) -> int:
    """How many dark pixels the page has in ``box`` (x, y, width, height at 72 dpi)."""
    x, y, w, h = box
    crop = ["-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h)]
    command = ["pdftoppm", "-gray", "-r", "72", "-f", str(page), "-l", str(page), *crop, str(pdf)]
    pgm = subprocess.run(command, capture_output=True, check=True).stdout
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", pgm)
    assert header is not None
    return sum(1 for value in pgm[header.end() :] if value < 128)


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pack")
    build_lesson(DATA / "sample.yaml", options(folder / "out", write_roster(folder, NAMES)))
    return folder / "out" / "sample"


def test_each_students_name_is_on_each_of_their_pages(pack: Path) -> None:
    combined = pack / "class-pack.pdf"
    copies = sorted((pack / "copies").iterdir())
    assert len(copies) == len(NAMES)
    page = 1
    for name, copy in zip(NAMES, copies, strict=True):
        pages = len(PdfReader(copy).pages)
        assert pages >= 1
        for n in range(1, pages + 1):
            assert f"Name: {name}" in page_text(copy, n), (copy.name, n)
            assert f"Name: {name}" in page_text(combined, page + n - 1), (name, n)
        page += pages + pages % 2  # each copy starts on a front page
    assert len(PdfReader(combined).pages) == page - 1


def test_the_cover_lists_every_copy_and_is_drawn(pack: Path) -> None:
    cover = pack / "cover.pdf"
    text = page_text(cover, 1)
    for number, name in enumerate(NAMES, start=1):
        assert f"{number} {name} Standard (M3)" in text
    assert "Page 1 of 1" in text
    assert "key-A.pdf and key-B.pdf" in text
    info = PdfReader(cover).metadata
    assert info is not None and info["/Producer"] == "medialit"  # drawn, not laid out
    assert info["/CreationDate"] == "D:20240101000000Z"


LONG_CLASS = ["name,font_size,theme"] + [
    f"Student Number {n:03d},{'14pt' if n % 9 == 0 else ''},{'high-readability' if n % 13 == 0 else ''}"
    for n in range(1, 71)
]
LONG_CLASS[6] = "Maximiliana Wilhelmina Featherstonehaugh-Cholmondeley von Sachsen-Coburg-Gotha,,"


@pytest.mark.parametrize("rows", [["name", *NAMES], LONG_CLASS], ids=["five", "seventy"])
def test_drawn_pages_are_where_weasyprint_puts_them(tmp_path: Path, rows: list[str]) -> None:
    """The drawn cover and name tags, word by word, against WeasyPrint's layout of the same
    templates: the same words, lines and pages, within a point (drawing does not kern).
    Seventy students with their own sizes and themes: two pages, an adjustments column, and
    a long name broken after its hyphen as WeasyPrint breaks it."""
    roster = tmp_path / "class.csv"
    roster.write_text("\n".join(rows) + "\n", encoding="utf-8")
    plan = plan_lesson(DATA / "sample.yaml", options(tmp_path / "out", roster), read_roster(roster))
    assert plan.class_pack is not None
    cover = next(d for d in plan.outputs if d.file == "cover.pdf")
    for document in (cover, plan.class_pack.name_tags):
        assert document.drawn is not None, document.name
        drawn, laid_out = tmp_path / "drawn.pdf", tmp_path / "laid-out.pdf"
        drawn.write_bytes(document.drawn)
        pdf, _ = html_to_pdf(
            document.html, base_folder=DATA, allowed_folders=document.folders, created=CREATED
        )
        laid_out.write_bytes(pdf)
        assert len(PdfReader(drawn).pages) == len(PdfReader(laid_out).pages)
        for page in range(1, len(PdfReader(drawn).pages) + 1):
            expected, found = words(laid_out, page), words(drawn, page)
            assert [w[0] for w in found] == [w[0] for w in expected]
            for want, got in zip(expected, found, strict=True):
                assert max(abs(a - b) for a, b in zip(want[1:], got[1:], strict=True)) < 1.0, (
                    want,
                    got,
                )


def test_a_long_class_gets_a_cover_of_several_pages(tmp_path: Path) -> None:
    names = [f"Student Number {n:03d}" for n in range(1, 71)]
    roster = write_roster(tmp_path, names)
    plan = plan_lesson(DATA / "sample.yaml", options(tmp_path, roster), read_roster(roster))
    cover = next(d for d in plan.outputs if d.file == "cover.pdf")
    assert cover.drawn is not None
    pdf = tmp_path / "cover.pdf"
    pdf.write_bytes(cover.drawn)
    pages = len(PdfReader(pdf).pages)
    assert pages == 2
    text = " ".join(page_text(pdf, n) for n in range(1, pages + 1))
    for number, name in enumerate(names, start=1):
        assert f"{number} {name}" in text
    second = page_text(pdf, 2)
    assert second.startswith("No. Name Level Version") and "Page 2 of 2" in second


def test_the_drawn_pages_have_ink_where_the_name_and_table_are(pack: Path) -> None:
    # Name slot: 20 mm from the left, 4 mm from the top, 9 mm tall (57, 11, 25 pt).
    assert ink(pack / "class-pack.pdf", 1, (55, 10, 250, 26)) > 200
    assert ink(pack / "cover.pdf", 1, (55, 135, 480, 100)) > 1000  # the table's rows
    assert ink(pack / "cover.pdf", 1, (55, 300, 480, 400)) == 0  # nothing below five rows


@pytest.mark.parametrize("name", ["王小明", "سارا احمدی", "Zoe\u0301 Smith"])
def test_names_drawing_cannot_print_are_laid_out(tmp_path: Path, name: str) -> None:
    roster = write_roster(tmp_path, ["Ana López", name])
    plan = plan_lesson(DATA / "sample.yaml", options(tmp_path, roster), read_roster(roster))
    assert plan.class_pack is not None
    assert plan.class_pack.name_tags.drawn is None
    assert next(d for d in plan.outputs if d.file == "cover.pdf").drawn is None
    assert not Font(BOLD).covers(name)


def test_a_teachers_own_template_is_laid_out(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    # The same page, but the teacher's: laid out, never drawn; the cover is still drawn.
    (templates / "names.html").write_text('{% extends "!names.html" %}', encoding="utf-8")
    configured = load_configuration(tmp_path, templates=templates)
    roster = write_roster(tmp_path, NAMES)
    build_options = BuildOptions(
        out=tmp_path / "out",
        roster=roster,
        versions=2,
        created=CREATED,
        configuration=configured,
    )
    plan = plan_lesson(DATA / "sample.yaml", build_options, read_roster(roster))
    assert plan.class_pack is not None
    assert plan.class_pack.name_tags.drawn is None
    assert next(d for d in plan.outputs if d.file == "cover.pdf").drawn is not None
    build_lesson(DATA / "sample.yaml", build_options)
    pack = tmp_path / "out" / "sample" / "class-pack.pdf"
    assert f"Name: {NAMES[0]}" in page_text(pack, 1)


def test_the_subset_keeps_the_drawn_glyphs_only() -> None:
    font = Font(BOLD)
    font.encode("Ana")
    data = sfnt.subset(
        (Path(__file__).parent.parent / "src/medialit" / BOLD).read_bytes(), font.used
    )
    subset = TTFont(io.BytesIO(data))
    glyf = subset["glyf"]
    order = subset.getGlyphOrder()
    used = {order[gid] for gid in font.used}
    assert all(glyf[name].numberOfContours != 0 for name in used)
    others = [name for name in order if name not in used and name != ".notdef"]
    assert all(glyf[name].numberOfContours == 0 for name in others[:200])
    assert len(data) < 40_000


def test_a_second_class_imports_no_weasyprint(tmp_path: Path) -> None:
    """A rebuild for a new roster with every worksheet and key kept: drawn cover and name tags,
    kept layouts written back, and WeasyPrint never imported (a real process)."""
    environ = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    script = (
        "import sys; from pathlib import Path; "
        "from medialit.build.run import BuildOptions, build_lesson; "
        f"build_lesson(Path({str(DATA / 'sample.yaml')!r}), BuildOptions(out=Path(sys.argv[2]), "
        "roster=Path(sys.argv[1]), versions=2)); "
        "print('weasyprint' in sys.modules)"
    )
    first = tmp_path / "first"
    first.mkdir()
    second = tmp_path / "second"
    second.mkdir()
    runs = []
    for folder, names in ((first, NAMES[:3]), (second, NAMES[3:])):
        roster = write_roster(folder, names)
        done = subprocess.run(
            [sys.executable, "-c", script, str(roster), str(folder / "out")],
            capture_output=True,
            text=True,
            env=environ,
            check=True,
        )
        runs.append(done.stdout.strip())
    assert runs == ["True", "False"]
    pack = second / "out" / "sample" / "class-pack.pdf"
    assert f"Name: {NAMES[3]}" in page_text(pack, 1)
