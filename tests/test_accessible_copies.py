"""Each student's own copy (``--split``) is as accessible as a single worksheet.

Read back from the files: the structure tree is there and reaches the article's
first sentence (``pdfinfo -struct-text``), with the document's language and
title; the stamped name is an artifact. The combined pack is for the printer.
"""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from medialit.build.run import BuildOptions, build_lesson

from .conftest import DATA

pytestmark = pytest.mark.build

CREATED = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
FIRST_SENTENCE = "El informe del ayuntamiento, publicado en marzo, dice que el 40 % de los alumnos"


def pdfinfo(*args: str) -> str:
    return subprocess.run(["pdfinfo", *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("accessible")
    roster = out / "class.csv"
    roster.write_text("name,level\nZoë Ñúñez,guided\n王小明,\n", encoding="utf-8")
    options = BuildOptions(out=out, roster=roster, versions=2, split=True, created=CREATED)
    build_lesson(DATA / "lesson-es.yaml", options)
    return out / "lesson-es"


def test_every_copy_is_tagged_with_language_title_and_the_article(pack: Path) -> None:
    copies = sorted((pack / "copies").iterdir())
    assert len(copies) == 2
    for copy, name in zip(copies, ["Zoë Ñúñez", "王小明"], strict=True):
        info = pdfinfo(str(copy))
        assert "Tagged:          yes" in info
        assert f"Title:           El debate del comedor escolar: ficha de {name}" in info
        reader = PdfReader(copy)
        root = reader.trailer["/Root"]
        assert "/StructTreeRoot" in root and root["/Lang"] == "es"
        assert root["/MarkInfo"]["/Marked"]
        assert root["/ViewerPreferences"]["/DisplayDocTitle"]
        structure = " ".join(pdfinfo("-struct-text", str(copy)).split())
        assert FIRST_SENTENCE in structure
        assert "Clasifica los fragmentos" in structure
        # The stamped name is drawn as an artifact, outside the structure, on every page.
        for page in reader.pages:
            contents = b"".join(part.get_object().get_data() for part in page["/Contents"])
            assert b"/Artifact BMC q /MedialitNameTag Do Q EMC" in contents
        text = subprocess.run(
            ["pdftotext", str(copy), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert name in text


def test_the_combined_pack_is_for_the_printer(pack: Path) -> None:
    assert "Tagged:          no" in pdfinfo(str(pack / "class-pack.pdf"))
