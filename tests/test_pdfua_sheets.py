"""The built student sheet and key against the Matterhorn protocol's points of issue 23
(items 7 to 11), read back from the PDFs by poppler and pikepdf (qpdf), not by medialit.
"""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest

from medialit.build.run import BuildOptions, build_lesson
from medialit.layout.pdf import PDFUA
from medialit.lesson.reading import read_lesson

from .pdfua_support import (
    CREATED,
    LESSON,
    elements,
    hanging_content,
    marked_content,
    skipped_headings,
    structure,
    xmp,
)

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdfua")
    build_lesson(LESSON, BuildOptions(out=out, created=CREATED, cache=False))
    return out / LESSON.stem


SHEETS = ("student.pdf", "key.pdf")


@pytest.mark.parametrize("sheet", SHEETS)
def test_headers_and_footers_are_artifacts(built: Path, sheet: str) -> None:
    """Matterhorn 01-005 / 18-001: the source line and "Page N of M" are artifacts."""
    with pikepdf.open(built / sheet) as pdf:
        assert hanging_content(pdf) == []
        for page in pdf.pages:
            artifacts = [tag for tag, _, _ in marked_content(page) if tag == "/Artifact"]
            assert artifacts, "the footer is drawn on every page, as an artifact"
    text = structure(built / sheet).all_text()
    assert "Page 1 of" not in text
    assert "The Harbury Courier, 12 March 2026" not in text.replace("First published", "")


@pytest.mark.parametrize("sheet", SHEETS)
def test_xmp_has_the_title_and_language(built: Path, sheet: str) -> None:
    """Matterhorn 06-001/06-003 (and 06-002 only when medialit claims PDF/UA)."""
    with (
        pikepdf.open(built / sheet) as pdf,
        pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta,
    ):
        assert meta["dc:title"] == str(pdf.docinfo["/Title"])
        assert meta["dc:language"] == {"en"}
        assert str(pdf.Root.Lang) == "en"
        assert ("pdfuaid:part" in meta) == PDFUA


def test_the_student_sheets_metadata_gives_no_answer(built: Path) -> None:
    with pikepdf.open(built / "student.pdf") as pdf:
        packet = xmp(pdf).decode()
    assert "kind-" not in packet
    for statement in read_lesson(LESSON).statements:
        annotation = statement.annotation
        for secret in (" ".join(annotation.why.split()[:4]), *annotation.techniques):
            assert secret not in packet
    assert re.search(r"<dc:title>.*: student worksheet</rdf:li>", packet, re.S)


def _table_headers(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    return [element for element in elements(pdf) if element.S == "/TH"]


@pytest.mark.parametrize("sheet", SHEETS)
def test_every_header_cell_has_a_scope(built: Path, sheet: str) -> None:
    """Matterhorn 15-003: a TH has /Scope (the tables also link cells by /Headers)."""
    with pikepdf.open(built / sheet) as pdf:
        headers = _table_headers(pdf)
        assert headers
        for header in headers:
            assert header.A.Scope in ("/Row", "/Column")


def test_every_table_of_the_key_has_header_cells(built: Path) -> None:
    """The answers grid, the summary, the plan, the answers and the marking guide (a table
    that runs onto another page is a Table on each)."""
    with pikepdf.open(built / "key.pdf") as pdf:
        tables = [element for element in elements(pdf) if element.S == "/Table"]
        heads = [sum(1 for cell in _cells(table) if cell.S == "/TH") for table in tables]
    tree = structure(built / "key.pdf")
    table_texts = [node.all_text() for node in tree.walk() if node.type == "Table"]
    assert len(tables) == len(table_texts) >= 5
    assert all(heads), dict(zip([text[:40] for text in table_texts], heads, strict=True))
    grid = next(text for text in table_texts if text.startswith("No. Kind No. Kind"))
    assert re.search(r"\b1 E Evidence\b", grid)
    assert any(text.startswith("E Evidence 3") for text in table_texts)  # at a glance
    assert any(text.startswith("Beginning") for text in table_texts)  # the marking guide


def _cells(table: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    found = []

    def visit(element: pikepdf.Object) -> None:
        if isinstance(element, pikepdf.Dictionary) and element.get("/Type") == "/StructElem":
            if element.S in ("/TH", "/TD"):
                found.append(element)
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                visit(kid)

    visit(table)
    return found


def test_the_sorting_grid_is_a_table_with_a_row_per_statement(built: Path) -> None:
    tree = structure(built / "student.pdf")
    tables = [node for node in tree.walk() if node.type == "Table"]  # one a page
    assert tables
    rows = [row for table in tables for row in table.walk() if row.type == "TR"]
    headed = [row for row in rows if row.kids and row.kids[0].type == "TH"]
    statements = read_lesson(LESSON).statements
    assert [row.kids[0].all_text() for row in headed] == [
        str(number) for number in range(1, len(statements) + 1)
    ]
    assert "Evidence Inference Assertion" in headed[0].all_text()
    assert not any(
        node.type == "Div"
        and "Evidence Inference Assertion" in node.all_text()
        and not any(t.type == "Table" for t in node.walk())
        for node in tree.walk()
    )


@pytest.mark.parametrize("sheet", SHEETS)
def test_heading_levels_do_not_skip(built: Path, sheet: str) -> None:
    """Matterhorn 14-003; the key used to go H1 -> H3 at "Who is behind this?"."""
    tree = structure(built / sheet)
    assert skipped_headings(tree) == []
    headings = [node.all_text() for node in tree.walk() if node.type in ("H2", "H3")]
    if sheet == "key.pdf":
        assert "Who is behind this?" in headings


@pytest.mark.parametrize("sheet", SHEETS)
def test_a_paragraph_number_is_part_of_its_paragraph(built: Path, sheet: str) -> None:
    tree = structure(built / sheet)
    paragraphs = [node for node in tree.walk() if node.type == "P"]
    assert not [p for p in paragraphs if any(kid.type == "P" for kid in p.kids)]
    assert not [p for p in paragraphs if re.fullmatch(r"[\d\s]+", p.all_text())]
    first = next(
        p.all_text() for p in paragraphs if "Harbury High School will start" in p.all_text()
    )
    assert first.startswith("1 Harbury High School will start its day")


@pytest.mark.parametrize("sheet", SHEETS)
def test_no_empty_spans(built: Path, sheet: str) -> None:
    """A drawn tick box used to be an empty Span: nothing for a screen reader to say."""
    with pikepdf.open(built / sheet) as pdf:
        empty = [
            element
            for element in elements(pdf)
            if element.S == "/Span" and len(element.get("/K", pikepdf.Array())) == 0
        ]
    assert empty == []


def test_a_students_copy_has_its_own_title_in_the_xmp(tmp_path: Path) -> None:
    roster = tmp_path / "class.csv"
    roster.write_text("name\nZoë Example\n", encoding="utf-8")
    options = BuildOptions(out=tmp_path, roster=roster, split=True, created=CREATED, cache=False)
    build_lesson(LESSON, options)
    (copy,) = (tmp_path / LESSON.stem / "copies").iterdir()
    with (
        pikepdf.open(copy) as pdf,
        pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta,
    ):
        assert str(pdf.docinfo["/Title"]).endswith("Zoë Example")
        assert meta["dc:title"] == str(pdf.docinfo["/Title"])
