"""Layouts in one process share the font configuration of medialit's own fonts, and only it.

WeasyPrint makes a font configuration for every document and registers the document's fonts
in it again, about a tenth of a sheet's layout (a build lays out a sheet and its key, a class
pack four, the preview every save). Documents that declare the very same fonts from
medialit's package now share one; a font from a folder (a theme's, a teacher's template's),
which may change while the preview runs, never is. Each PDF's fonts are read back with
the font programs embedded in them.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from pypdf import PdfReader

from medialit.layout import fetching
from medialit.layout.pdf import lay_out_html

pytestmark = pytest.mark.build

FONTS = Path(__file__).resolve().parents[1] / "src" / "medialit" / "fonts"
ANDIKA = "medialit:fonts/andika/Andika-Regular.ttf"
CHARIS = "medialit:fonts/charis/CharisSIL-Regular.ttf"
SEED = Path(__file__).resolve().parents[1] / "lessons" / "school-start-time.yaml"


def page(family: str, source: str) -> str:
    """A page in ``family``, declared with one font face from ``source``."""
    return (
        f'<html lang="en"><head><title>Fonts</title><style>@font-face {{ font-family: "{family}";'
        f' src: url("{source}"); }} body {{ font-family: "{family}"; }}</style></head>'
        "<body><p>Who says so, and how could we check?</p></body></html>"
    )


def embedded(pdf: bytes) -> str:
    """Which of medialit's fonts the embedded font programs of ``pdf`` are: the subsets keep
    the font's own name table (pdffonts lists them by the CSS family's name)."""
    programs = b""
    for font in PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"].values():
        descendant = font.get_object()["/DescendantFonts"][0].get_object()
        programs += descendant["/FontDescriptor"].get_object()["/FontFile2"].get_object().get_data()
    names = [name for name in ("Andika", "Charis SIL") if name.encode("utf-16-be") in programs]
    return " and ".join(names)


def test_the_second_layout_with_the_same_package_fonts_reads_none_and_still_depends_on_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[str] = []
    fetch = fetching.GuardedFetcher.fetch

    def counted(self: fetching.GuardedFetcher, url: str, headers: object = None) -> object:
        read.append(url)
        return fetch(self, url, headers)

    monkeypatch.setattr(fetching.GuardedFetcher, "fetch", counted)
    html = page(f"Shared {uuid.uuid4().hex}", ANDIKA)
    first = lay_out_html(html, base_folder=tmp_path, allowed_folders=[])
    second = lay_out_html(html, base_folder=tmp_path, allowed_folders=[])
    assert read.count(ANDIKA) == 1  # registered once, by the first layout
    assert embedded(first.pdf) == embedded(second.pdf) == "Andika"
    assert second.pdf == first.pdf
    # A kept layout is checked against the font it printed with, read or not.
    assert dict(second.fetched)[ANDIKA] == dict(first.fetched)[ANDIKA] != ""


def test_the_same_family_from_another_package_font_is_not_shared(tmp_path: Path) -> None:
    family = f"Same {uuid.uuid4().hex}"
    andika = lay_out_html(page(family, ANDIKA), base_folder=tmp_path, allowed_folders=[])
    charis = lay_out_html(page(family, CHARIS), base_folder=tmp_path, allowed_folders=[])
    assert embedded(andika.pdf) == "Andika"
    assert embedded(charis.pdf) == "Charis SIL"


def test_a_folder_s_font_changed_between_two_layouts_prints_as_it_is_now(tmp_path: Path) -> None:
    """The preview lays out every save in one process: a theme's font the teacher replaced
    is used at once, not the one registered before."""
    font = tmp_path / "own.ttf"
    html = page(f"Own {uuid.uuid4().hex}", "own.ttf")
    shutil.copyfile(FONTS / "andika" / "Andika-Regular.ttf", font)
    before = lay_out_html(html, base_folder=tmp_path, allowed_folders=[tmp_path])
    shutil.copyfile(FONTS / "charis" / "CharisSIL-Regular.ttf", font)
    after = lay_out_html(html, base_folder=tmp_path, allowed_folders=[tmp_path])
    assert embedded(before.pdf) == "Andika"
    assert embedded(after.pdf) == "Charis SIL"


def test_a_parallel_build_leaves_no_copies_of_the_fonts(tmp_path: Path) -> None:
    """Each worker's last configuration deletes WeasyPrint's copies of the fonts as the worker
    leaves (before, every parallel build left one temporary folder a worker)."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    environment = {**os.environ, "TMPDIR": str(temporary), "XDG_CACHE_HOME": str(tmp_path)}
    command = [sys.executable, "-m", "medialit", "build", str(SEED), "--versions", "2"]
    command += ["--jobs", "2", "--out", str(tmp_path / "out"), "--quiet"]
    subprocess.run(command, env=environment, check=True, capture_output=True, timeout=600)
    assert len(list((tmp_path / "out" / SEED.stem).glob("*.pdf"))) == 4
    assert [p.name for p in temporary.iterdir()] == []
