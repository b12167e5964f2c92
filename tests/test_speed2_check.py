"""Issue 27 item 2: `medialit check` is faster, and reads lessons and fonts as before.

The article's normalisation copies the text between gaps whole instead of looking at each
character; it must give what the character-by-character definition gives. The fonts'
character maps are read without fontTools; they must hold what fontTools reads.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from hypothesis import given
from hypothesis import strategies as st

from medialit import sfnt
from medialit.layout.glyphs import font_files
from medialit.lesson.anchoring import _DASHES, _INVISIBLE, _QUOTES, normalise

from .conftest import ROOT
from .test_check27_new import run_probed


def normalise_each_character(text: str) -> tuple[str, list[int]]:
    """The definition: one character at a time (as anchoring did before)."""
    out: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        if char in _INVISIBLE:
            continue
        if char.isspace():
            if out and out[-1] == " ":
                continue
            char = " "
        else:
            char = _QUOTES.get(char) or _DASHES.get(char) or char
        out.append(char)
        origin.append(i)
    return "".join(out), origin


ODD = (
    "".join(_INVISIBLE)
    + "".join(_QUOTES)
    + "".join(_DASHES)
    + " \t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u3000ab"
)


@given(st.text(alphabet=st.sampled_from(ODD) | st.characters(), max_size=60))
def test_normalise_is_the_character_by_character_definition(text: str) -> None:
    assert normalise(text) == normalise_each_character(text)


def test_every_white_space_character_is_a_gap() -> None:
    spaces = "".join(chr(c) for c in range(0x110000) if chr(c).isspace())
    assert normalise(f"a{spaces}b") == normalise_each_character(f"a{spaces}b")
    for char in spaces:
        assert normalise(f"a{char}b") == ("a b", [0, 1, 2])


def fonts() -> list[Path]:
    system = sorted(Path("/usr/share/fonts").rglob("*.[ot]tf"))[:40]
    return [*font_files([]), *system]


@pytest.mark.parametrize("path", fonts(), ids=lambda p: p.name)
def test_character_maps_are_read_as_fonttools_reads_them(path: Path) -> None:
    found = sfnt.characters(path.read_bytes())
    if found is None:  # not a format read here: fontTools reads it instead
        return
    cmap = TTFont(path, lazy=True).getBestCmap() or {}
    assert found == {code for code, glyph in cmap.items() if glyph != ".notdef"}


def test_check_loads_no_fonttools_and_no_weasyprint() -> None:
    lesson = ROOT / "lessons" / "washington-isis-syria-2017.yaml"
    modules = run_probed(ROOT, "check", str(lesson)).modules
    assert sorted(m for m in ("fontTools", "weasyprint", "pypdf") if m in modules) == []


@pytest.mark.parametrize("path", fonts()[:12], ids=lambda p: p.name)
def test_metrics_are_read_as_fonttools_reads_them(path: Path) -> None:
    found = sfnt.metrics(path.read_bytes())
    if found is None:
        return
    font = TTFont(path, lazy=True)
    order = font.getGlyphOrder()
    ids = {name: gid for gid, name in enumerate(order)}
    cmap = font.getBestCmap() or {}
    assert found.glyphs == {code: ids[name] for code, name in cmap.items() if name != ".notdef"}
    assert found.advances == [font["hmtx"][name][0] for name in order]
    assert found.units == font["head"].unitsPerEm
    assert (found.ascent, found.descent) == (font["hhea"].ascent, font["hhea"].descent)
