"""Find the characters that no installed font can print, before anything is laid out.

WeasyPrint draws a character with the first font of the CSS stack that has
it, then with any font fontconfig knows: the bundled fonts, the Noto fonts
the stack names, and every other installed font. A character none of them
has prints as an empty box, so it is found here from the fonts themselves:
the bundled (and teacher's) font files through their character maps
(fontTools), and the installed fonts through fontconfig's own coverage
(``fc-list``), which it computes from the font files.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from medialit import sfnt
from medialit.errors import Problem
from medialit.lesson.reading import CheckedLesson
from medialit.lesson.text import read_lesson_text
from medialit.settings.layers import ResolvedSettings

if TYPE_CHECKING:
    from medialit.sheets.roster import RosterEntry  # a roster is a build's: csv unloaded

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".woff", ".woff2")
# Characters that are never drawn: spaces, controls, joiners, direction and variation marks.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Zs", "Zl", "Zp"}
_VARIATION_SELECTORS = (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0))
_CJK_WORDS = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO", "IDEOGRAPHIC")
_NAME_CUTS = (" CAPITAL", " SMALL", " LETTER", " SYLLABLE", " DIGIT", " SIGN", " VOWEL", " MARK")
MAX_LISTED = 12
_LONG = 1_000  # characters: for a shorter text (a name, a setting), a set of them all is as quick
_ASCII = tuple(map(chr, range(128)))
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


class Coverage:
    """The characters some font can draw: the font files' character maps, then fontconfig's
    coverage of every installed font.

    Each is read only when a character is not found in those before it: the first bundled
    font has nearly every lesson's characters, and fontconfig's list takes longest to read.
    """

    def __init__(self, files: Iterable[Path], installed: bool = True) -> None:
        self._unread = list(files)
        self._read: list[sfnt.Ranges] = []
        self._found: set[int] = set()  # a roster's names ask for the same characters often
        self._installed = installed
        self._ranges: sfnt.Ranges | None = None

    def has(self, code: int) -> bool:
        if code in self._found:
            return True
        for ranges in self._read:
            if sfnt.in_ranges(code, ranges):
                self._found.add(code)
                return True
        while self._unread:
            self._read.append(_file_ranges(self._unread.pop(0)))
            if sfnt.in_ranges(code, self._read[-1]):
                self._found.add(code)
                return True
        if self._ranges is None:
            self._ranges = _fontconfig_ranges() if self._installed else ((), ())
        return sfnt.in_ranges(code, self._ranges)


def font_files(folders: Iterable[Path]) -> list[Path]:
    """The font files in medialit's own ``fonts/`` and in the given template folders."""
    own = Path(str(resources.files("medialit") / "fonts"))
    found = [p for p in sorted(own.rglob("*")) if p.suffix.lower() in FONT_SUFFIXES]
    for folder in folders:
        found.extend(p for p in sorted(folder.rglob("*")) if p.suffix.lower() in FONT_SUFFIXES)
    return found


@functools.cache
def _file_ranges(path: Path) -> sfnt.Ranges:
    try:
        found = sfnt.file_character_ranges(path)
    except OSError:
        return (), ()
    if found is not None:
        return found
    # A collection, a WOFF or a rare character map: fontTools, which takes longer to load.
    from fontTools.ttLib import TTFont, TTLibError

    try:
        font = TTFont(path, lazy=True, fontNumber=0)
        return sfnt.merged_ranges((code, code) for code in font.getBestCmap() or {})
    except (TTLibError, OSError, AssertionError, KeyError):
        return (), ()  # not a font WeasyPrint could use either


@functools.cache
def _fontconfig_ranges() -> sfnt.Ranges:
    """Every installed font's coverage as sorted, merged ranges (empty without fontconfig)."""
    import shutil  # here: most lessons never need fontconfig, and `check` starts faster
    import subprocess

    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return (), ()
    try:
        output = subprocess.run(
            [fc_list, "--format", "%{charset}\n"], capture_output=True, text=True, timeout=60
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return (), ()
    ranges = []
    for part in output.split():
        first, _, last = part.partition("-")
        try:
            ranges.append((int(first, 16), int(last or first, 16)))
        except ValueError:
            continue
    return sfnt.merged_ranges(ranges)


def coverage(folders: Sequence[Path] = ()) -> Coverage:
    """What the bundled fonts, the fonts in ``folders`` and the installed fonts can draw."""
    return Coverage(font_files(folders))


def drawn(char: str) -> bool:
    """Whether ``char`` needs a glyph (spaces, controls and invisible marks do not)."""
    code = ord(char)
    if any(code in selectors for selectors in _VARIATION_SELECTORS):
        return False
    return unicodedata.category(char) not in _INVISIBLE_CATEGORIES


def missing(text: str, fonts: Coverage) -> str:
    """The characters of ``text`` that no font covers, each once, in order of appearance."""
    # Each distinct character is looked at once: an article is long, its alphabet short. A set
    # finds them twice as quickly as an ordered dict; the few missing are put back in order.
    absent = [c for c in _distinct(text) if drawn(c) and not fonts.has(ord(c))]
    return "".join(sorted(absent, key=text.index))


def _distinct(text: str) -> Iterable[str]:
    """The characters of ``text``, each once: in a long text (an article), the ASCII ones are
    searched for, and only the others put in a set (0.4 ms → 0.2 ms for the seed lesson)."""
    if len(text) < _LONG:
        return set(text)
    return [c for c in _ASCII if c in text] + list(set(_NOT_ASCII.findall(text)))


def script_of(char: str) -> str:
    """A script's name for a teacher: ``Vithkuqi``, ``Chinese, Japanese or Korean``."""
    name = unicodedata.name(char, "")
    if not name:
        return f"U+{ord(char):04X}"
    if name.startswith(_CJK_WORDS):
        return "Chinese, Japanese or Korean"
    if unicodedata.category(char) == "So" and ord(char) >= 0x1F000:
        return "emoji"
    for cut in _NAME_CUTS:
        if cut in name:
            name = name[: name.index(cut)]
            break
    return name.title()


def font_package(char: str) -> str:
    """The Debian package most likely to have a font for ``char``."""
    name = unicodedata.name(char, "")
    if name.startswith(_CJK_WORDS):
        return "fonts-noto-cjk"
    if unicodedata.category(char) == "So" and ord(char) >= 0x1F000:
        return "fonts-noto-color-emoji"
    return "fonts-noto-core fonts-noto-extra"


def missing_problem(
    characters: str, file: Path | None, line: int | None, where: str | None = None
) -> Problem:
    """A teacher's message: which characters, their scripts, and what to install."""
    listed = ", ".join(f"{c} (U+{ord(c):04X})" for c in characters[:MAX_LISTED])
    more = f" and {len(characters) - MAX_LISTED} more" if len(characters) > MAX_LISTED else ""
    scripts = sorted({script_of(c) for c in characters})
    packages = sorted({font_package(c) for c in characters})
    boxes = (
        "it would print as an empty box"
        if len(characters) == 1
        else "they would print as empty boxes"
    )
    return Problem(
        f"no installed font has a glyph for {listed}{more}, so {boxes}. Install a "
        f"font for {' and '.join(scripts)} (on Debian or Ubuntu: sudo apt-get install "
        f"{' '.join(packages)}), or change the text.",
        file=file,
        line=line,
        field=where,
    )


def line_of(text: str, char: str) -> int | None:
    """The 1-based line of ``text`` where ``char`` first appears."""
    at = text.find(char)
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def _strings(value: object) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def lesson_problems(checked: CheckedLesson, fonts: Coverage) -> list[Problem]:
    """Characters of the lesson's printed text that no font has, by line of the lesson file."""
    text = "\n".join(_strings(checked.lesson.model_dump(mode="json", exclude={"worksheet"})))
    absent = missing(text, fonts)
    if not absent:
        return []
    # Read as the check read it: a file changed since to another encoding gets the same message.
    source = read_lesson_text(checked.file)
    by_line: dict[int | None, str] = {}
    for char in absent:
        line = line_of(source, char)
        by_line[line] = by_line.get(line, "") + char
    return [missing_problem(chars, checked.file, line) for line, chars in by_line.items()]


def roster_problems(file: Path, roster: Sequence[RosterEntry], fonts: Coverage) -> list[Problem]:
    """Students' names that no font can print, by roster row."""
    problems = []
    for entry in roster:
        absent = missing(entry.name, fonts)
        if absent:
            problems.append(missing_problem(absent, file, entry.line, f"name {entry.name}"))
    return problems


def settings_problems(resolved: ResolvedSettings, fonts: Coverage) -> list[Problem]:
    """Settings a teacher wrote (school, words…) with characters no font has, where they are set."""
    problems = []
    for key, value, origin in resolved.values():
        if origin.source in ("default", "language") or key in ("logo", "theme"):
            continue
        absent = missing("".join(_strings(value)), fonts)
        if absent:
            where = key if origin.source != "command line" else f"--set {key}"
            problems.append(missing_problem(absent, origin.file, origin.line, where))
    return problems
