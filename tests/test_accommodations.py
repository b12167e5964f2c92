"""Per-student copies: readable file names in any script, and each student's own layout.

A roster may give a student a font size, a theme and a level; that copy is laid
out with them, keeps its place in the pack, and the cover lists it. Checked on
real PDFs: sizes and fonts of the printed text, names in order.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from medialit.build.run import BuildOptions, build_lesson
from medialit.cli.main import main
from medialit.errors import RosterError
from medialit.sheets.filenames import safe_stem
from medialit.sheets.pack import Copy, copy_file
from medialit.sheets.roster import read_roster
from medialit.sheets.variants import Variant

from .conftest import DATA, pdf_fonts, pdf_pages, pdf_text, text_sizes

pytestmark = pytest.mark.build

CREATED = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
ROSTER = """\
name,level,version,font_size,theme,notes
Ana Wolanski,,,,,
Ben Ortiz,,,14,,likes maps
Chidi Okonkwo,guided,,,high-readability,
Dora Quist,,,16pt,high-readability,
"""


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Łukasz Øster-Iğdır", "03-łukasz-øster-iğdır.pdf"),
        ("王小明", "03-王小明.pdf"),
        ("محمد الأحمد", "03-محمد-الأحمد.pdf"),
        ("Zoe\u0308 O'Brien", "03-zoë-o-brien.pdf"),  # decomposed (as a Mac types it) → composed
        ('a/b\\c:d*e?f"g<h>i|j', "03-a-b-c-d-e-f-g-h-i-j.pdf"),
        ("../..", "03-student.pdf"),
    ],
)
def test_copy_file_names_keep_letters_in_every_script(name: str, expected: str) -> None:
    assert copy_file(3, Copy(name, 2, Variant())) == expected


def test_long_names_are_cut_to_a_safe_length() -> None:
    assert len(safe_stem("王" * 200, "student")) == 40
    assert len(copy_file(1, Copy("王" * 200, 2, Variant())).encode()) < 255


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("accommodations")
    roster = folder / "class.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    options = BuildOptions(out=folder / "out", roster=roster, versions=2, split=True)
    build_lesson(DATA / "sample.yaml", options)
    return folder / "out" / "sample"


def test_each_copy_is_laid_out_with_the_students_font_size_and_theme(pack: Path) -> None:
    copies = sorted((pack / "copies").iterdir())
    assert [c.name for c in copies] == [
        "01-ana-wolanski.pdf",
        "02-ben-ortiz.pdf",
        "03-chidi-okonkwo.pdf",
        "04-dora-quist.pdf",
    ]
    sentence = "Everyone knows that the food is terrible."
    # The article's size (the sorting table repeats the sentence a little smaller).
    ana, ben, chidi, dora = (max(text_sizes(copy, sentence)) for copy in copies)
    assert (ana, ben, dora) == (10.5, 14.0, 16.0)
    assert chidi == 13.0  # the high-readability theme's own size
    assert "Charis-SIL" in pdf_fonts(copies[0])
    assert "Charis-SIL" not in pdf_fonts(copies[2])  # the theme prints in Andika only
    assert "Word bank" in pdf_text(copies[2])  # Chidi's own level: guided


def test_the_pack_keeps_roster_order_and_the_cover_lists_adjustments(pack: Path) -> None:
    names = ["Ana Wolanski", "Ben Ortiz", "Chidi Okonkwo", "Dora Quist"]
    pages = pdf_pages(pack / "class-pack.pdf")
    stamped = [next(name for name in names if f"Name: {name}" in text) for text in pages if text]
    found = [name for n, name in enumerate(stamped) if n == 0 or stamped[n - 1] != name]
    assert found == names
    cover = pdf_text(pack / "cover.pdf")
    assert "Adjustments" in cover
    assert "2 Ben Ortiz Standard (M3) B 14pt" in cover
    assert "3 Chidi Okonkwo Guided (K7) A high-readability" in cover
    assert "4 Dora Quist Standard (M3) B 16pt, high-readability" in cover
    assert cover.count("key-B.pdf") == 1  # one key per level and version
    assert sorted(p.name for p in pack.glob("key-*.pdf")) == [
        "key-A.pdf",
        "key-B.pdf",
        "key-guided-A.pdf",
    ]


def test_unknown_columns_are_a_warning_naming_them(tmp_path: Path) -> None:
    roster = tmp_path / "class.csv"
    roster.write_text("name,notes,Seat\nAna,x,3\n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["build", str(DATA / "sample.yaml"), "--roster", str(roster), "--out", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    assert (
        f"Warning: {roster}:1: medialit does not know the columns 'notes', 'seat' and ignores "
        "them; the columns it reads are name, level, version, font_size, theme."
    ) in result.output


def test_bad_font_size_and_theme_name_their_rows(tmp_path: Path) -> None:
    roster = tmp_path / "class.csv"
    roster.write_text("name,font_size,theme\nAna,huge,\nBen,,glossy\n", encoding="utf-8")
    with pytest.raises(RosterError) as error:
        read_roster(roster)
    assert str(error.value) == (
        f"{roster}:2: unknown font size 'huge'; write a size such as 14pt, or leave it empty.\n"
        f"{roster}:3: there is no theme 'glossy'; use a built-in theme (default, "
        "high-readability) or a folder beside the roster, or leave it empty."
    )
