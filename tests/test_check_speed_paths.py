"""`medialit check` takes quicker paths (speed issue, item 2); each must answer as the slow one.

Each test here pits a quick path against the definition it replaced, kept in the test, so
that a wrong shortcut fails here rather than in a teacher's lesson.
"""

from __future__ import annotations

import codecs
import re
import struct
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from medialit import sfnt
from medialit.errors import LessonError
from medialit.files import decode_text
from medialit.layout.glyphs import Coverage, drawn, missing
from medialit.lesson import loader
from medialit.lesson.anchoring import normalise_runs
from medialit.lesson.article import split_blocks
from medialit.lesson.loader import MAX_DEPTH, load_yaml

from . import test_check_imports as check_imports
from .conftest import ROOT
from .test_fuzz import pure_and_fast_agree
from .test_speed2_check import fonts, normalise_each_character

SEED_LESSON = ROOT / "lessons" / "washington-isis-syria-2017.yaml"
FILE = Path("lesson.yaml")


def refused_line(refuse: Callable[[Path, str], None], text: str) -> int | str | None:
    """The line a nesting guard refuses ``text`` at, or "accepted"."""
    try:
        refuse(FILE, text)
    except LessonError as exc:
        return exc.problems[0].line
    return "accepted"


def refuse_counting_every_bracket(file: Path, text: str) -> None:
    """The guard as it was: the token scan whenever the text has more brackets of any kind
    (opening or closing) than MAX_DEPTH."""
    if len(re.sub(r"[^\[\]{}]+", "", text)) <= loader.MAX_DEPTH:
        return
    if loader._libyaml_reads_as_ruamel(text):
        try:
            loader._refuse_deep_tokens(file, YAML(typ="safe", pure=False).scan(text))
            return
        except LessonError:
            raise
        except Exception:
            pass
    try:
        loader._refuse_deep_tokens(file, YAML(typ="safe", pure=True).scan(text))
    except YAMLError:
        return


@given(st.text(alphabet="[]{},: -ab\n\"'#\t", max_size=40))
def test_the_nesting_guard_refuses_as_it_did(text: str) -> None:
    """With a depth of 3, random bracket soup reaches the limit often."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(loader, "MAX_DEPTH", 3)
        expected = refused_line(refuse_counting_every_bracket, text)
        assert refused_line(loader._refuse_deep_brackets, text) == expected


@pytest.mark.parametrize("prefix", ["", "# a tab:\there, so that ruamel scans\n"])
def test_one_level_too_deep_is_refused_at_its_line(prefix: str) -> None:
    lines = prefix.count("\n")
    deepest = f"{prefix}a: 1\nb: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"
    assert refused_line(loader._refuse_deep_brackets, deepest) == "accepted"
    too_deep = f"{prefix}a: 1\nb: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n"
    assert refused_line(loader._refuse_deep_brackets, too_deep) == lines + 2
    with pytest.raises(LessonError) as refused:
        load_yaml(FILE, too_deep)
    assert "more than 50 levels deep" in str(refused.value)


def test_few_opening_brackets_are_not_scanned(monkeypatch: pytest.MonkeyPatch) -> None:
    """The seed lesson has 52 brackets but 26 that open: it is read without the token scan."""
    text = SEED_LESSON.read_text(encoding="utf-8")
    assert text.count("[") + text.count("{") <= MAX_DEPTH < len(re.sub(r"[^\[\]{}]", "", text))

    def scanned(*_: object) -> None:
        raise AssertionError("the tokens were scanned")

    monkeypatch.setattr(loader, "_refuse_deep_tokens", scanned)
    assert load_yaml(SEED_LESSON, text).data["title"]


# Values that YAML 1.1 and 1.2 read differently, and values of every other implicit type.
SCALARS = (  # noqa: SIM905 (a list of 31 strings, one a line, reads worse)
    "yes no on off y n Yes NO 017 0o17 0x1F 0b101 1_000 1:20 1:20:30.5 +12 -0 .inf -.Inf .nan "
    "~ null Null true False 3.14 6.02e+23 1e3 2020-01-01 2001-12-14t21:59:43.10-05:00 x"
).split()


def test_libyaml_with_one_version_reads_every_kind_of_value_as_python_does() -> None:
    """The fast path's resolver asks for the YAML version once: 1.2, as ruamel's own does."""
    text = "".join(f"k{n}: {value}\nl{n}:\n  - {value}\n" for n, value in enumerate(SCALARS))
    assert loader._load_fast(FILE, text) is not None
    pure_and_fast_agree(text)
    for lesson in sorted((ROOT / "lessons").glob("*.yaml")):
        lesson_text = lesson.read_text(encoding="utf-8")
        assert loader._load_fast(FILE, lesson_text) is not None, lesson
        pure_and_fast_agree(lesson_text)


def test_text_is_read_as_ruamel_constructs_it() -> None:
    """Text is taken from its node, not through ruamel's constructor: the same values."""
    quoted = (
        "a: 'it''s'\nb: \"tab\\there \\u00e9\"\nc: |\n  two\n  lines\nd: >-\n  folded\n  text\n"
    )
    texts = [quoted, "".join(f"k{n}: {value}\n" for n, value in enumerate(SCALARS))]
    texts += [lesson.read_text(encoding="utf-8") for lesson in (ROOT / "lessons").glob("*.yaml")]
    for text in texts:
        assert load_yaml(FILE, text).data == YAML(typ="safe", pure=True).load(text)


def test_articles_are_normalised_as_one_character_at_a_time() -> None:
    """The runs kept for each block of every lesson's article give each character's origin."""
    for lesson in sorted((ROOT / "lessons").glob("*.yaml")):
        article = load_yaml(lesson).data["article"]
        for text in [article, *(block.text for block in split_blocks(article))]:
            normalised, origins = normalise_runs(text)
            expected, origin = normalise_each_character(text)
            assert normalised == expected
            assert [origins[i] for i in range(len(normalised))] == origin


def expanded(ranges: sfnt.Ranges) -> set[int]:
    starts, ends = ranges
    assert list(starts) == sorted(starts)
    assert all(end + 1 < start for end, start in zip(ends, starts[1:], strict=False))
    return {code for start, end in zip(starts, ends, strict=True) for code in range(start, end + 1)}


@pytest.mark.parametrize("path", fonts(), ids=lambda p: p.name)
def test_a_fonts_ranges_hold_its_characters(path: Path) -> None:
    """Ranges answer as the set of characters did, for every code point of every font."""
    data = path.read_bytes()
    found = sfnt.characters(data)
    ranges = sfnt.character_ranges(data)
    assert (found is None) == (ranges is None)
    assert sfnt.file_character_ranges(path) == ranges
    if found is not None and ranges is not None:
        assert expanded(ranges) == found
        coverage = Coverage([path], installed=False)
        for code in {n for c in found for n in (c - 1, c, c + 1)}:
            assert coverage.has(code) == (code in found)


def format_12_font(groups: list[tuple[int, int, int]]) -> bytes:
    """A font of one character map, format 12, of ``(first, last, first glyph)`` groups."""
    subtable = struct.pack(">HHIII", 12, 0, 16 + 12 * len(groups), 0, len(groups))
    subtable += b"".join(struct.pack(">III", *group) for group in groups)
    cmap = struct.pack(">HHHHI", 0, 1, 3, 10, 12) + subtable
    return (
        b"\0\1\0\0"
        + struct.pack(">HHHH", 1, 0, 0, 0)
        + struct.pack(">4sIII", b"cmap", 0, 28, len(cmap))
        + cmap
    )


GROUPS = st.lists(
    st.tuples(st.integers(0, 40), st.integers(0, 12), st.integers(0, 3)).map(
        lambda g: (g[0], g[0] + g[1], g[2])
    ),
    max_size=6,
)


@given(GROUPS)
def test_format_12_ranges_are_its_glyph_maps_keys(groups: list[tuple[int, int, int]]) -> None:
    """In order or not, overlapping or not: the later group's glyph is a character's."""
    font = format_12_font(groups)
    glyphs = sfnt.glyph_map(font)
    ranges = sfnt.character_ranges(font)
    assert glyphs is not None and ranges is not None
    assert expanded(ranges) == set(glyphs) == sfnt.characters(font)


class EvenCodes(Coverage):
    """A font of the even code points only."""

    def __init__(self) -> None:
        super().__init__([], installed=False)

    def has(self, code: int) -> bool:
        return code % 2 == 0


ALPHABET = "abcdeé\u200b \x00\t\n\x7f\x80\xa0\u0391\u0392\u4e00\u4e01\U0001f600"


@given(st.text(alphabet=ALPHABET, max_size=30), st.integers(0, 1_200))
def test_missing_characters_are_listed_once_in_order_of_appearance(text: str, pad: int) -> None:
    """Short texts and long ones (whose ASCII characters are searched for) alike."""
    fonts = EvenCodes()
    for padded in (text, "x" * pad + text, text + "y" * pad):
        expected = "".join(c for c in dict.fromkeys(padded) if drawn(c) and not fonts.has(ord(c)))
        assert missing(padded, fonts) == expected


@given(st.binary(max_size=12), st.booleans())
@example(b"\xef\xbbA\n", False)  # a mark cut short
@example(b"\xef\xbb\xbf\xff", True)  # two marks, then a byte that is not UTF-8
@example(b"a\n\xff", True)
def test_text_is_decoded_as_utf_8_sig_decodes_it(data: bytes, mark: bool) -> None:
    """The byte-order mark is dropped by hand: the same text, or the byte and line that
    "utf-8-sig" finds, counted in the whole file (the codec counts from after the mark)."""
    data = (codecs.BOM_UTF8 if mark else b"") + data
    try:
        expected: str | tuple[int | None, str] = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        at = exc.start + (3 if data.startswith(codecs.BOM_UTF8) else 0)
        expected = (data.count(b"\n", 0, at) + 1, f"byte {at + 1:,}")
    try:
        found: str | tuple[int | None, str] = decode_text(data, FILE, LessonError, "byte {byte}")
    except LessonError as exc:
        found = (exc.problems[0].line, exc.problems[0].message)
    assert found == expected


def test_a_bad_byte_after_a_byte_order_mark_is_placed_in_the_whole_file() -> None:
    """The line and byte a teacher's editor shows: the mark's three bytes count."""
    with pytest.raises(LessonError) as raised:
        decode_text(codecs.BOM_UTF8 + b"ab\n\xff", FILE, LessonError, "byte {byte}")
    assert (raised.value.problems[0].line, raised.value.problems[0].message) == (2, "byte 7")


OLD_DISAGREE = tuple(
    re.compile(pattern, re.MULTILINE)
    for pattern in (
        "[\t\x85\u2028\u2029]",
        "^(---|\\.\\.\\.|%)",
        "[|>][-+0-9]*[^-+0-9\\s]",
        "[!&*](?<![^\\s\\[{,].)(?:(?<=!)|(?=\\S))",
    )
)


@given(st.text(alphabet="\t\x85\u2028\u2029\u2027\n -.%|>+1a!&*[{,", max_size=20))
def test_libyaml_is_chosen_as_with_four_patterns(text: str) -> None:
    """Its characters looked for with ``in``, its patterns by re: as when all four were re's."""
    expected = loader.C_PARSER and not any(pattern.search(text) for pattern in OLD_DISAGREE)
    assert loader._libyaml_reads_as_ruamel(text) == expected


def test_a_valid_lessons_check_loads_no_error_translator() -> None:
    """pydantic's errors are translated for a lesson or a setting with a mistake only."""
    assert "medialit.lesson.validation" not in check_imports._loaded(SEED_LESSON)
