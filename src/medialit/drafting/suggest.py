"""Suggest statements: split the article into sentences and look for cue words.

The cue words live as data, one file per language (``medialit/cues/en.yaml``); a
teacher's ``cues/<language>.yaml`` in the working folder adds to them. A
sentence with a cue becomes a draft annotation whose kind is only a suggestion
and whose ``why`` names the cue found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import pysbd
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from medialit.errors import LessonError, MedialitError
from medialit.files import SAVE_AS_UTF8, read_text
from medialit.lesson.anchoring import find_matches, searchable
from medialit.lesson.article import split_blocks
from medialit.lesson.loader import LoadedYaml, load_yaml
from medialit.lesson.model import Kind
from medialit.lesson.text import MAX_FILE_BYTES
from medialit.lesson.validation import yaml_problems

CUES_FOLDER = "cues"
MIN_SENTENCE_WORDS = 4
WILDCARD_WORDS = 6
"""How many words ``...`` in a cue stands for."""

_NUMBER = re.compile(r"(?<![\w.,\-–/:])\d(?:[\d,.]*\d)?(?![\w\-–/:]|\.\d)")
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
)
_DATE_BEFORE = re.compile(rf"{_MONTH}\s+$", re.I)
_DATE_AFTER = re.compile(rf"^\s*(?:{_MONTH}|a\.m\.|p\.m\.|(?:am|pm|o'clock)\b)", re.I)


class CueFamilyFile(BaseModel):
    """One family of cues as written in a cues file."""

    model_config = ConfigDict(extra="forbid")

    name: str
    kind: Kind | None = None
    also_accept: list[Kind] = Field(default_factory=list)
    technique: str | None = None
    why: str | None = None
    numbers: bool = False
    cues: list[str] = Field(default_factory=list)


class CuesFile(BaseModel):
    """A cues file: its families in order of precedence."""

    model_config = ConfigDict(extra="forbid")

    families: list[CueFamilyFile]


@dataclass(frozen=True)
class CueFamily:
    """A family of cues, ready to match."""

    name: str
    kind: Kind
    also_accept: tuple[Kind, ...]
    technique: str
    why: str
    pattern: re.Pattern[str] | None
    numbers: bool

    def find(self, sentence: str) -> str | None:
        """The first cue of this family in ``sentence``, as written there."""
        if self.pattern is not None and (found := self.pattern.search(sentence)):
            return found.group(0)
        return _first_number(sentence) if self.numbers else None


@dataclass(frozen=True)
class Suggestion:
    """A sentence suggested as a statement, with a provisional answer."""

    quote: str
    occurrence: int | None
    kind: Kind
    also_accept: tuple[Kind, ...]
    why: str
    techniques: tuple[str, ...]


def load_cues(language: str, working_folder: Path | None = None) -> list[CueFamily] | None:
    """The built-in cues of ``language`` plus the teacher's; ``None`` when there are none."""
    base = language.split("-")[0].lower()
    files: list[tuple[str, str]] = []
    built_in = resources.files("medialit").joinpath(CUES_FOLDER, f"{base}.yaml")
    if built_in.is_file():
        files.append((f"medialit/{CUES_FOLDER}/{base}.yaml", built_in.read_text("utf-8")))
    if working_folder is not None:
        own = working_folder / CUES_FOLDER / f"{base}.yaml"
        if own.is_file():
            files.append((str(own), _read_own(own)))
    if not files:
        return None
    return _compiled(tuple(files))


def _read_own(file: Path) -> str:
    return read_text(
        file,
        MedialitError,
        unreadable="this cues file cannot be read ({reason}); check its permissions.",
        not_utf8="this cues file is not UTF-8 text (byte {byte} cannot be read); "
        f"{SAVE_AS_UTF8}.",
        max_bytes=MAX_FILE_BYTES,
        too_large=f"this cues file is larger than {MAX_FILE_BYTES:,} bytes; keep only cue words "
        "in it.",
    )


@cache
def _compiled(files: tuple[tuple[str, str], ...]) -> list[CueFamily]:
    merged: dict[str, CueFamilyFile] = {}
    for name, text in files:
        cues, loaded = _parse(name, text)
        for number, family in enumerate(cues.families):
            if family.name in merged:
                old = merged[family.name]
                merged[family.name] = old.model_copy(
                    update={
                        "cues": old.cues + family.cues,
                        "numbers": old.numbers or family.numbers,
                    }
                )
            elif family.kind is None or family.why is None:
                raise MedialitError(
                    loaded.problem(
                        ("families", number),
                        f'the new cue family "{family.name}" needs a kind and a why.',
                    )
                )
            else:
                merged[family.name] = family
    return [
        CueFamily(
            name=f.name,
            kind=f.kind or Kind.assertion,
            also_accept=tuple(f.also_accept),
            technique=f.technique or f.name,
            why=" ".join((f.why or "").split()),
            pattern=_pattern(f.cues),
            numbers=f.numbers,
        )
        for f in merged.values()
    ]


def _parse(name: str, text: str) -> tuple[CuesFile, LoadedYaml]:
    """The cues file, or every problem in it at its line, worded as for a lesson."""
    try:
        loaded = load_yaml(Path(name), text)
    except LessonError as exc:  # the loader's words fit any YAML file: syntax, tags, size
        raise MedialitError(exc.problems) from None
    try:
        # An empty file has no families: the model says so.
        return CuesFile.model_validate(loaded.data or {}), loaded
    except ValidationError as exc:
        raise MedialitError(yaml_problems(loaded, exc, CuesFile)) from None


def _pattern(cues: list[str]) -> re.Pattern[str] | None:
    if not cues:
        return None
    gap = rf"(?:\W+\w+){{0,{WILDCARD_WORDS}}}?\W+"
    alternatives = []
    for cue in sorted(set(cues), key=len, reverse=True):
        parts = [_words(part) for part in cue.split("...") if part.strip()]
        alternatives.append(gap.join(parts))
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)", re.I)


def _words(text: str) -> str:
    words = [re.escape(word).replace("'", "['’]") for word in text.split()]
    return r"\s+".join(words)


def _first_number(sentence: str) -> str | None:
    """A figure that is not a year, a date or a time of day."""
    for found in _NUMBER.finditer(sentence):
        number = found.group(0)
        if re.fullmatch(r"1[89]\d\d|20\d\d", number):
            continue
        if _DATE_BEFORE.search(sentence[: found.start()]) or _DATE_AFTER.match(
            sentence[found.end() :]
        ):
            continue
        return number
    return None


@cache
def _segmenter(language: str) -> pysbd.Segmenter:
    try:
        return pysbd.Segmenter(language=language, clean=False)
    except ValueError:
        return pysbd.Segmenter(language="en", clean=False)


def sentences(text: str, language: str = "en") -> list[tuple[int, int]]:
    """The sentences of one paragraph as (start, end) offsets, white space trimmed."""
    spans = []
    cursor = 0
    for sentence in _segmenter(language.split("-")[0].lower()).segment(text):
        stripped = sentence.strip()
        if not stripped:
            continue
        start = text.find(stripped, cursor)
        if start < 0:
            continue  # the segmenter changed the text; skip rather than misquote
        spans.append((start, start + len(stripped)))
        cursor = start + len(stripped)
    return spans


def suggest(article: str, families: list[CueFamily], language: str = "en") -> list[Suggestion]:
    """One suggestion for each sentence that holds a cue, in reading order."""
    blocks = split_blocks(article)
    index = searchable(blocks)
    suggestions = []
    for number, block in enumerate(blocks):
        if block.kind == "heading":
            continue
        for start, end in sentences(block.text, language):
            quote = block.text[start:end]
            if len(quote.split()) < MIN_SENTENCE_WORDS:
                continue
            found = _cues_in(quote, families)
            if not found:
                continue
            matches = find_matches(quote, index)
            places = [(m.block, m.start) for m in matches]
            if (number, start) not in places:
                continue  # anchoring would place it elsewhere; better no suggestion
            occurrence = places.index((number, start)) + 1 if len(places) > 1 else None
            suggestions.append(_suggestion(quote, occurrence, found))
    return suggestions


def _cues_in(sentence: str, families: list[CueFamily]) -> list[tuple[CueFamily, str]]:
    """Each family's first cue in the sentence; a number counts only when nothing sources it."""
    found = [(f, cue) for f in families if not f.numbers and (cue := f.find(sentence))]
    if not any(f.kind == Kind.evidence for f, _ in found):
        found += [(f, cue) for f in families if f.numbers and (cue := f.find(sentence))]
    order = {f.name: i for i, f in enumerate(families)}
    return sorted(found, key=lambda item: order[item[0].name])


def _suggestion(
    quote: str, occurrence: int | None, found: list[tuple[CueFamily, str]]
) -> Suggestion:
    family, cue = found[0]
    why = family.why.replace("{cue}", cue)
    others = [f"{other.name} (‘{other_cue}’)" for other, other_cue in found[1:]]
    if others:
        why += f" Also: {'; '.join(others)}."
    techniques = tuple(dict.fromkeys(f.technique for f, _ in found))
    return Suggestion(quote, occurrence, family.kind, family.also_accept, why, techniques)
