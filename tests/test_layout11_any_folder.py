"""A layout that read nothing from its folder is reused by the same lesson in another folder.

The cache keys a layout by its HTML and its folders. A layout whose files were all medialit's
own (and ``data:`` images), that refused nothing and whose HTML names no address its folder
would complete, is the same from any folder: it is kept under a key without the folders, so
that a copy of the working folder (or a test's) does not lay the lesson out again. Every
test builds real PDFs and reads them back.
"""

from __future__ import annotations

import datetime
import io
import shutil
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import StreamObject

from medialit.build.run import BuildOptions, build_lesson
from medialit.layout.any_folder import reads_no_folder
from medialit.settings.layers import load_configuration

from .conftest import DATA
from .test_layout_cache import cache, entries, outputs, uncached  # noqa: F401 (fixtures)

pytestmark = pytest.mark.build

EARLY = datetime.datetime(2023, 11, 14, 22, 13, 20, tzinfo=datetime.UTC)
PACKAGE_FONT = "medialit:fonts/andika/Andika-Regular.ttf"


def lesson_in(folder: Path, template: str | None = None) -> Path:
    """The sample lesson copied into ``folder``, with ``template`` as its student sheet's
    header (in the folder's own ``templates/``) when given."""
    folder.mkdir(parents=True)
    lesson = folder / "sample.yaml"
    shutil.copy(DATA / "sample.yaml", lesson)
    if template is not None:
        (folder / "templates").mkdir()
        (folder / "templates" / "student.html").write_text(
            '{% extends "!student.html" %}{% block header %}' + template + "{{ super() }}"
            "{% endblock %}",
            encoding="utf-8",
        )
    return lesson


def build_in(folder: Path) -> dict[str, bytes]:
    """The PDFs of the lesson in ``folder`` (the marker beside them names the folder)."""
    configured = load_configuration(folder)
    out = folder / "out"
    build_lesson(
        folder / "sample.yaml", BuildOptions(out=out, configuration=configured, created=EARLY)
    )
    return pdfs(outputs(out))


def pdfs(files: dict[str, bytes]) -> dict[str, bytes]:
    return {name: data for name, data in files.items() if name.endswith(".pdf")}


def test_the_same_lesson_in_another_folder_is_not_laid_out_again(
    tmp_path: Path,
    cache: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lesson_in(tmp_path / "a")
    lesson = lesson_in(tmp_path / "b")
    first = build_in(tmp_path / "a")
    assert len(entries(cache)) == 2
    again = build_in(tmp_path / "b")
    assert len(entries(cache)) == 2  # the student sheet and the key, kept once
    assert again == first and len(again) == 2
    assert again == pdfs(uncached(lesson, tmp_path / "c", monkeypatch, created=EARLY))


def _logo(folder: Path, size: tuple[int, int]) -> None:
    picture = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(picture, "PNG")
    (folder / "logo.png").write_bytes(picture.getvalue())


def _image_sizes(pdf: bytes) -> list[tuple[int, int]]:
    """Every image's size in pixels, wherever it is drawn (a background is in a pattern)."""
    reader = PdfReader(io.BytesIO(pdf))
    sizes = []
    for number in range(1, int(reader.trailer["/Size"])):
        found = reader.get_object(number)
        if isinstance(found, StreamObject) and found.get("/Subtype") == "/Image":
            sizes.append((int(found["/Width"]), int(found["/Height"])))
    return sizes


def test_an_image_from_the_lessons_folder_is_read_in_each_folder(
    tmp_path: Path,
    cache: Path,  # noqa: F811
) -> None:
    """The same HTML names ``logo.png`` in a style, which no attribute shows: the layout
    read it from its folder, so each folder's layout is its own."""
    logo = '<div style="width: 20mm; height: 12mm; background: url(logo.png)"></div>'
    for name, size in (("a", (12, 12)), ("b", (30, 18))):
        lesson_in(tmp_path / name, logo)
        _logo(tmp_path / name, size)
    assert (12, 12) in _image_sizes(build_in(tmp_path / "a")["sample/student.pdf"])
    sizes = _image_sizes(build_in(tmp_path / "b")["sample/student.pdf"])
    assert (30, 18) in sizes and (12, 12) not in sizes
    assert len(entries(cache)) == 3  # one key from any folder, a student sheet for each


def _link_targets(pdf: bytes) -> list[str]:
    targets = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                targets.append(str(action["/URI"]))
    return targets


@pytest.mark.parametrize(
    ("link", "address"),
    [('<a href="notes.html">Teacher notes</a>', "notes.html"), ('<a href="#">Top</a>', "")],
)
def test_a_relative_link_points_into_each_lessons_own_folder(
    tmp_path: Path,
    cache: Path,  # noqa: F811
    link: str,
    address: str,
) -> None:
    """A link is written into the PDF without being read: only the HTML shows that the
    layout depends on its folder (a bare "#" links to the folder itself)."""
    for name in ("a", "b"):
        lesson_in(tmp_path / name, f"<p>{link}</p>")
    first = _link_targets(build_in(tmp_path / "a")["sample/student.pdf"])
    assert any(t.endswith(f"/a/{address}") for t in first), first
    targets = _link_targets(build_in(tmp_path / "b")["sample/student.pdf"])
    assert any(t.endswith(f"/b/{address}") for t in targets), targets
    assert not any(f"/a/{address}" in t for t in targets)


@pytest.mark.parametrize(
    ("html", "free"),
    [
        ('<a href="#s1">1</a><a href="https://example.org/x">x</a>', True),
        ("<img src='data:image/png;base64,AAAA'><a href=mailto:a@b.org>a</a>", True),
        ("<p>It says src=x in the text, and href without an equals sign.</p>", False),
        ('<a href="notes.html">n</a>', False),
        ("<a HREF = 'notes.html'>n</a>", False),
        ("<img src=logo.png>", False),
        ('<svg><image xlink:href="logo.svg"/></svg>', False),
        ('<a href="">here</a>', False),
        ('<a href="#">top</a>', False),
        ("<a href=#>top</a>", False),
        ('<a href="//example.org/x">x</a>', False),
    ],
)
def test_which_html_names_an_address_its_folder_completes(html: str, free: bool) -> None:
    """A false "no" only costs a layout; a false "yes" would print another folder's file."""
    assert reads_no_folder(html, [], [(PACKAGE_FONT, "state")]) is free


def test_a_layout_that_read_a_file_or_was_refused_one_is_kept_for_its_folder() -> None:
    html = "<p>No address here.</p>"
    assert reads_no_folder(html, [], [(PACKAGE_FONT, "s"), ("data:image/png;base64,AA", "")])
    assert not reads_no_folder(html, [], [("file:///srv/lessons/logo.png", "s")])
    assert not reads_no_folder(html, ["https://example.org/logo.png"], [])
