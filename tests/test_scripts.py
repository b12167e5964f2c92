"""Every script prints: names and articles in any script come out as real glyphs.

Checked from the PDFs' embedded font programs, not only their text: each
character of each name must be drawn with a glyph that the embedded font
(read with fontTools) really has, with an outline, never glyph 0 (.notdef).
Text that no installed font can print is reported before anything is written.
"""

from __future__ import annotations

import datetime
import io
import re
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from medialit.build.run import BuildOptions, build_lesson
from medialit.cli.main import main
from medialit.layout.glyphs import coverage, drawn

from .conftest import DATA

pytestmark = pytest.mark.build

CREATED = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
NAMES = ["Zoë Ñúñez-Åberg", "王小明", "محمد الأحمد", "Łukasz Øster-Iğdır", "שרה כהן"]
# Scripts that no font a machine is likely to have covers; the first that is not covered
# here is used (Vithkuqi, then Garay, then a private-use character as the last resort).
UNPRINTABLE_CANDIDATES = ["\U00010570\U00010597", "\U00010d4a\U00010d50", "\U0010fffd"]


def _outline(font: TTFont, gid: int) -> bool:
    """Whether glyph ``gid`` of an embedded font program has something to draw."""
    name = font.getGlyphOrder()[gid]
    if "glyf" in font:
        return bool(font["glyf"][name].numberOfContours)
    charstrings = font["CFF "].cff.topDictIndex[0].CharStrings
    return charstrings[name].calcBounds(charstrings) is not None


def _to_unicode(cmap: bytes) -> dict[int, str]:
    text = cmap.decode("latin-1")
    mapping: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, uni in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            mapping[int(code, 16)] = bytes.fromhex(uni).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for first, last, uni in re.findall(
            r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block
        ):
            start = int(uni, 16)
            for offset, code in enumerate(range(int(first, 16), int(last, 16) + 1)):
                mapping[code] = chr(start + offset)
    return mapping


def _fonts(resources: Any, seen: set[int]) -> list[Any]:
    """Every font dictionary in ``resources``, forms (the stamped name tags) included."""
    found = []
    if not resources:
        return found
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        found.append(font.get_object())
    for xobject in (resources.get("/XObject") or {}).values():
        obj = xobject.get_object()
        if id(obj) not in seen and obj.get("/Subtype") == "/Form":
            seen.add(id(obj))
            found.extend(_fonts(obj.get("/Resources"), seen))
    return found


def drawn_glyphs(pdf: Path) -> dict[str, set[str]]:
    """For each character the PDF draws, the embedded fonts that draw it with a real glyph."""
    result: dict[str, set[str]] = {}
    done: set[int] = set()  # subsets of one font in two documents may share a name
    seen: set[int] = set()
    for page in PdfReader(pdf).pages:
        for font in _fonts(page.get("/Resources"), seen):
            base = str(font["/BaseFont"])
            if id(font) in done or font.get("/Subtype") != "/Type0":
                continue
            done.add(id(font))
            descendant = font["/DescendantFonts"][0].get_object()
            assert descendant.get("/CIDToGIDMap", "/Identity") == "/Identity", base
            descriptor = descendant["/FontDescriptor"].get_object()
            stream = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
            program = TTFont(io.BytesIO(stream.get_object().get_data()))
            for gid, text in _to_unicode(font["/ToUnicode"].get_object().get_data()).items():
                if gid != 0 and gid < len(program.getGlyphOrder()) and _outline(program, gid):
                    for char in text:
                        result.setdefault(char, set()).add(base.split("+")[-1])
    return result


def assert_printed(pdf: Path, text: str) -> dict[str, set[str]]:
    glyphs = drawn_glyphs(pdf)
    absent = [c for c in text if drawn(c) and c not in glyphs]
    assert absent == [], f"{pdf.name}: no real glyph for {absent}"
    plain = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
    squeezed = "".join(unicodedata.normalize("NFC", plain.stdout.decode()).split())
    # Arabic ligatures (lam-alef) come back from text extraction in another order.
    assert "".join(text.split()) in squeezed or set(text) - {" "} <= set(squeezed), pdf.name
    return glyphs


@pytest.fixture(scope="module")
def world_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("world")
    options = BuildOptions(out=out, roster=DATA / "roster-world.csv", split=True, created=CREATED)
    build_lesson(DATA / "lesson-es.yaml", options)
    return out / "lesson-es"


def test_every_name_prints_with_real_glyphs_on_cover_pack_and_copies(world_pack: Path) -> None:
    copies = sorted((world_pack / "copies").iterdir())
    for name, copy in zip(NAMES, copies, strict=True):
        for pdf in (world_pack / "cover.pdf", world_pack / "class-pack.pdf", copy):
            assert_printed(pdf, name)
    fonts = drawn_glyphs(world_pack / "cover.pdf")
    assert "Noto-Sans-CJK-SC" in fonts["王"]  # Chinese shapes for a lesson not in Japanese
    assert fonts["م"] & {"Noto-Sans-Arabic", "Noto-Sans-Arabic-Bold"}
    assert fonts["ש"] & {"Noto-Sans-Hebrew", "Noto-Sans-Hebrew-Bold"}
    assert fonts["Ł"] & {"Andika", "Andika-Bold"}  # the bundled font first


def test_the_glyph_check_fails_on_tofu(world_pack: Path) -> None:
    # The same check must fail for a character the PDF does not draw.
    glyphs = drawn_glyphs(world_pack / "cover.pdf")
    assert "\U00010570" not in glyphs and "王" in glyphs


def test_articles_in_many_scripts_print(tmp_path: Path) -> None:
    article = {
        "ja": "東京の図書館は土曜日に閉まる。",
        "ko": "서울 도서관은 토요일에 문을 닫는다.",
        "hi": "पुस्तकालय शनिवार को बंद रहता है।",
        "ru": "Библиотека закрыта по субботам.",
        "el": "Η βιβλιοθήκη κλείνει το Σάββατο.",
        "he": "הספרייה סגורה בשבת.",
    }
    text = "\n\n".join(article.values())
    lesson = tmp_path / "scripts.yaml"
    lesson.write_text(
        "title: Библиотека · 図書館 · पुस्तकालय\n"
        "source: {author: Ελένη, outlet: 서울 신문, published: 2020-01-02}\n"
        "article: |\n" + "".join(f"  {line}\n" for line in text.splitlines()) + "annotations:\n"
        f"  - {{quote: {article['ru']}, kind: evidence, why: x}}\n",
        encoding="utf-8",
    )
    build_lesson(lesson, BuildOptions(out=tmp_path / "out", created=CREATED))
    pdf = tmp_path / "out" / "scripts" / "student.pdf"
    for sentence in article.values():
        assert_printed(pdf, sentence.replace(" ", ""))


def unprintable() -> str:
    """Characters that no installed font covers, asked of fontconfig directly."""
    for candidate in UNPRINTABLE_CANDIDATES:
        hexes = " ".join(f"{ord(c):x}" for c in candidate)
        fonts = subprocess.run(
            ["fc-list", f":charset={hexes}", "file"], capture_output=True, text=True, check=True
        ).stdout
        if not fonts.strip():
            return candidate
    raise AssertionError("every candidate script has a font here; add a rarer one")


def test_coverage_agrees_with_fontconfig() -> None:
    fonts = coverage()
    for char in "王محمدשרהहЖΩé":
        assert fonts.has(ord(char)), char
    for char in unprintable():
        assert not fonts.has(ord(char))


def _lesson_with_title(tmp_path: Path, extra: str) -> Path:
    lesson = tmp_path / "lesson.yaml"
    text = (DATA / "sample.yaml").read_text(encoding="utf-8")
    lesson.write_text(text.replace("The school lunch debate", f"The lunch debate {extra}"))
    return lesson


def test_unprintable_text_is_reported_before_anything_is_written(tmp_path: Path) -> None:
    odd = unprintable()
    lesson = _lesson_with_title(tmp_path, odd)
    roster = tmp_path / "class.csv"
    roster.write_text(f"name\nAna\nBo {odd}\n", encoding="utf-8")
    code = f"U+{ord(odd[0]):04X}"
    result = CliRunner().invoke(
        main, ["build", str(lesson), "--roster", str(roster), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    warnings = [n for n, line in enumerate(lines) if line.startswith("Warning:")]
    wrote = next(n for n, line in enumerate(lines) if "wrote" in line)
    assert len(warnings) == 2 and max(warnings) < wrote
    assert lines[warnings[0]].startswith(f"Warning: {roster}:3: name Bo {odd}: no installed font")
    assert lines[warnings[1]].startswith(f"Warning: {lesson}:1: no installed font has a glyph")
    for n in warnings:
        assert code in lines[n] and "sudo apt-get install fonts-noto" in lines[n]

    strict = CliRunner().invoke(
        main,
        ["build", str(lesson), "--roster", str(roster), "--out", str(tmp_path / "strict")],
        catch_exceptions=False,
    )
    assert strict.exit_code == 0  # without --strict a warning only
    refused = CliRunner().invoke(
        main, ["build", str(lesson), "--strict", "--out", str(tmp_path / "refused")]
    )
    assert refused.exit_code == 1
    assert f"Error: {lesson}:1: no installed font has a glyph for {odd[0]} ({code})" in (
        refused.output
    )
    assert "Traceback" not in refused.output
    assert not (tmp_path / "refused").exists()


def test_right_to_left_article_and_names(tmp_path: Path) -> None:
    build_lesson(
        DATA / "lesson-ar.yaml", BuildOptions(out=tmp_path, write_html=True, created=CREATED)
    )
    html = (tmp_path / "lesson-ar" / "student.html").read_text(encoding="utf-8")
    assert '<html lang="en" dir="ltr">' in html  # the sheets' words are English
    assert '<section class="article" lang="ar" dir="rtl">' in html
    pdf = tmp_path / "lesson-ar" / "student.pdf"
    assert_printed(pdf, "الجميع يعرف أن الطعام سيئ.".replace(" ", ""))
    # Laid out right to left: the sentence's first word ends up at the right of its line.
    layout = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    # pdftotext gives right-to-left words in visual order, so they are looked up reversed.
    words = re.findall(r'<word xMin="([\d.]+)"[^>]*xMax="([\d.]+)"[^>]*>([^<]+)</word>', layout)
    box = {word: (float(left), float(right)) for left, right, word in words}
    first, last = box["الجميع"[::-1]], box["الطعام"[::-1]]
    assert first[0] > last[0]
    width = float(PdfReader(pdf).pages[0].mediabox.width)
    assert first[1] > width * 0.8  # the line starts at the right margin


def test_split_copies_are_named_in_the_students_own_script(world_pack: Path) -> None:
    assert sorted(p.name for p in (world_pack / "copies").iterdir()) == [
        "01-zoë-ñúñez-åberg.pdf",
        "02-王小明.pdf",
        "03-محمد-الأحمد.pdf",
        "04-łukasz-øster-iğdır.pdf",
        "05-שרה-כהן.pdf",
    ]


def test_unprintable_settings_are_reported_where_they_are_set(tmp_path: Path) -> None:
    odd = unprintable()
    result = CliRunner().invoke(
        main,
        [
            "build",
            str(DATA / "sample.yaml"),
            "--set",
            f'school="School {odd}"',
            "--out",
            str(tmp_path),
            "--strict",
        ],
    )
    assert result.exit_code == 1
    assert result.output.startswith(
        f"Error: --set school: no installed font has a glyph for {odd[0]} (U+{ord(odd[0]):04X})"
    )
    assert not (tmp_path / "sample").exists()
