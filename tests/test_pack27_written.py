"""A class pack whose copies' pages, resources and codes are written as bytes formatted once from
each layout page (issue 27, the pack's figures), not as pypdf objects: a real markable pack,
read by a strict parser and by poppler, each page still its layout's with the name and code."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from medialit.build.run import BuildOptions, build_lesson

from .conftest import DATA

pytestmark = pytest.mark.build


def test_a_markable_pack_reads_strictly_and_every_page_is_whole(tmp_path: Path) -> None:
    roster = tmp_path / "class.csv"
    roster.write_text("name\nAna\nBen\nChloé\n", encoding="utf-8")
    # The session's layout cache: kept layouts give a fresh pack's bytes (checked by
    # tests/test_marksheets_build.py::test_a_second_class_reuses_the_measured_layouts).
    options = BuildOptions(out=tmp_path, roster=roster, versions=2, markable=True)
    build_lesson(DATA / "sample.yaml", options)
    pack = tmp_path / "sample" / "class-pack.pdf"
    reader = PdfReader(io.BytesIO(pack.read_bytes()), strict=True)
    coded = 0
    for page in reader.pages:
        resources = page["/Resources"]
        assert isinstance(resources, DictionaryObject)
        if not resources:  # the blank back of a copy with an odd page count
            continue
        xobjects = resources["/XObject"]
        assert "/MedialitNameTag" in xobjects
        assert xobjects["/MedialitNameTag"]["/Subtype"] == "/Form"
        assert resources["/Font"]  # the layout's own fonts, shared by every copy
        assert float(page.mediabox.width) > 500 and float(page.mediabox.height) > 700
        contents = page.raw_get("/Contents")
        assert isinstance(contents, ArrayObject)
        assert contents[0].get_object().get_data() == b"q\n"
        if contents[-1].get_object().get_data().startswith(b"/Artifact BMC q 0 g"):
            coded += 1
    assert coded == sum(1 for page in reader.pages if page["/Resources"])
    # poppler says nothing about the file's syntax as it reads every page
    done = subprocess.run(["pdftotext", str(pack), "-"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stderr == ""
    pages = done.stdout.split("\f")  # a form feed ends each page
    for number, name in enumerate(["Ana", "Ben", "Chloé"]):
        assert name in pages[_first_page(reader, number)]


def _first_page(reader: PdfReader, copy: int) -> int:
    """Where copy ``copy`` (0-based) starts: the first page with its own name tag."""
    starts = [
        index
        for index in range(len(reader.pages))
        if _tag_number(reader, index) not in (None, _tag_number(reader, index - 1))
    ]
    return starts[copy]


def _tag_number(reader: PdfReader, index: int) -> int | None:
    if index < 0 or not reader.pages[index]["/Resources"]:
        return None
    tag = reader.pages[index]["/Resources"]["/XObject"].raw_get("/MedialitNameTag")
    return int(tag.idnum)
