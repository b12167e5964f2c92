"""The fillable student sheet (``--fillable``) against issue 23's items 7 to 12: tagged as
the printed sheet is, each field described, and a filled sheet flattened by qpdf (through
pikepdf) keeps what the student wrote, so that it prints anywhere.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest

from medialit.build.run import BuildOptions, build_lesson

from .pdfua_support import CREATED, LESSON, elements, hanging_content, skipped_headings, structure

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdfua-fillable")
    build_lesson(LESSON, BuildOptions(out=out, created=CREATED, cache=False, fillable=True))
    return out / LESSON.stem / "student.pdf"


def _widgets(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    return [
        annotation
        for page in pdf.pages
        for annotation in page.obj.get("/Annots", pikepdf.Array())
        if annotation.get("/Subtype") == "/Widget"
    ]


def _field_type(widget: pikepdf.Dictionary) -> str:
    return str(widget.get("/FT") or widget.Parent.get("/FT"))


def test_the_fillable_sheet_is_tagged_as_the_printed_one(sheet: Path) -> None:
    with pikepdf.open(sheet) as pdf:
        assert hanging_content(pdf) == []
    assert skipped_headings(structure(sheet)) == []


def test_every_field_is_described(sheet: Path) -> None:
    """Matterhorn 28-005: a form field has an alternative description (/Alt or /TU)."""
    with pikepdf.open(sheet) as pdf:
        forms = [element for element in elements(pdf) if element.S == "/Form"]
        assert len(forms) == len(_widgets(pdf)) > 20
        described = {}
        for form in forms:
            widget = form.K[0].Obj if isinstance(form.K, pikepdf.Array) else form.K.Obj
            assert "/Alt" in form or "/TU" in widget
            described[str(form.get("/Alt", ""))] = _field_type(widget)
    assert described["1: Evidence"] == described["1: Assertion"] == "/Btn"
    assert described["1: How do you know? What would you check?"] == "/Tx"


def test_every_text_field_has_an_appearance(sheet: Path) -> None:
    with pikepdf.open(sheet) as pdf:
        text_fields = [widget for widget in _widgets(pdf) if _field_type(widget) == "/Tx"]
        assert text_fields
        for widget in text_fields:
            assert isinstance(widget.AP.N, pikepdf.Stream)
            assert b"/Tx BMC" in widget.AP.N.read_bytes()


def test_a_filled_sheet_flattens_with_what_was_written(sheet: Path, tmp_path: Path) -> None:
    """As a viewer that only sets values leaves it, then ``qpdf --generate-appearances
    --flatten-annotations=all`` (qpdf's library, through pikepdf)."""
    written = {"name": "Robin Example", "s1-why": "It names the survey as its source"}
    filled = tmp_path / "filled.pdf"
    with pikepdf.open(sheet) as pdf:
        for widget in _widgets(pdf):
            if str(widget.get("/T", "")) in written:
                widget.V = pikepdf.String(written[str(widget.T)])
        pdf.Root.AcroForm.NeedAppearances = True
        pdf.generate_appearance_streams()
        pdf.flatten_annotations("all")
        pdf.save(filled)
    with pikepdf.open(filled) as pdf:
        assert _widgets(pdf) == []
    text = subprocess.run(
        ["pdftotext", "-layout", str(filled), "-"], capture_output=True, text=True, check=True
    ).stdout
    for value in written.values():
        assert value in text
