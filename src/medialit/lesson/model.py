"""The lesson file format, as pydantic models.

These names are a public interface: teachers' lesson files use them. Add
fields, never rename them. Every model forbids unknown keys so that a typo
such as ``qoute`` is reported instead of ignored.
"""

# No ``from __future__ import annotations``: pydantic takes the fields' annotations as the
# objects they are, instead of evaluating each one from a string (a millisecond of every check).

import datetime
import re
from collections.abc import Sequence
from enum import Enum, StrEnum
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

# Every field is bounded, so that any lesson within the limits checks in seconds and
# lays out in minutes (benchmarks/bench_worst_lesson.py); the article's own limit
# is in medialit.lesson.reading.
MAX_TEXT_CHARS = 5_000
MAX_LABEL_CHARS = 300
MAX_ITEMS = 50
Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT_CHARS)
]
"""Sentences and paragraphs: explanations, quotes, questions, notes."""
Label = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_LABEL_CHARS)
]
"""A line of text: a title, a name, a technique."""
# A short stable name for a statement or a selection: letters, digits and dashes.
Name = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")]
LanguageTag = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", max_length=35)
]
"""A BCP 47 language tag (``en``, ``fr``, ``pt-BR``); ``medialit new --language`` checks it too."""

UNKNOWN = "unknown"
Level = Literal["guided", "standard", "independent"]
"""How much help a sheet gives; lessons and settings both name levels, so they are defined here."""
LEVELS: tuple[Level, ...] = ("guided", "standard", "independent")
"""A source detail that ``medialit new`` could not find: ``medialit check`` warns about it."""


# What datetime.strptime accepts for "%Y", "%Y-%m" and "%Y-%m-%d" (its own patterns), read
# without it: its first call builds the locale's month and day names, 8 ms of a check.
_PARTIAL_DATE = re.compile(
    r"(\d\d\d\d)(?:-(1[0-2]|0[1-9]|[1-9])(?:-(3[01]|[12]\d|0[1-9]|[1-9]| [1-9]))?)?"
)


def _partial_date(value: Any) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a teacher may know only the month), or unknown."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value).strip() if isinstance(value, str | int) else ""
    if text.lower() == UNKNOWN:
        return UNKNOWN
    found = _PARTIAL_DATE.fullmatch(text)
    if found:
        year, month, day = found.groups()
        try:
            datetime.date(int(year), int(month or 1), int(day or 1))
            return text
        except ValueError:
            pass
    raise PydanticCustomError("date_partial", "not a date")


PartialDate = Annotated[str, BeforeValidator(_partial_date)]


class Kind(StrEnum):
    """What kind of statement an annotated quote is."""

    evidence = "evidence"
    inference = "inference"
    assertion = "assertion"


KIND_ORDER: tuple[Kind, ...] = (Kind.evidence, Kind.inference, Kind.assertion)


class _Strict(BaseModel):
    # The field docstrings are for readers. pydantic is not asked to read them
    # (use_attribute_docstrings): it would parse this module's source once per model,
    # a tenth of the time `medialit check` takes, for descriptions nothing prints.
    # defer_build: each model's validator is made when first used, so reading a lesson
    # builds one (Lesson's, with its parts inside) rather than nine at import.
    # Empty lists and tables come from lambdas, not ``list`` and ``dict``: building a
    # validator, pydantic reads each default factory's signature, and a builtin's is
    # parsed with Python's tokenizer, whose pattern is compiled on first use (2.7 ms of
    # a `medialit check`'s model building, benchmarks/README.md).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Source(_Strict):
    """Where the article comes from: printed in the source box and footer."""

    author: Label
    """Who wrote the article, as the byline gives it."""
    outlet: Label
    """The publication that first published it."""
    published: PartialDate
    """The date of first publication: YYYY-MM-DD, or YYYY-MM or YYYY when that is all known."""
    url: Text | None = None
    """The address of the original, if known."""
    republished_by: Label | None = None
    """Who republished it, when the copy the class reads is a republication."""
    republished: datetime.date | None = None
    """When it was republished (YYYY-MM-DD)."""
    title: Text | None = None
    """The article's own headline, as published (for the full citation)."""
    licence: Text | None = None
    """The copyright line and the republishing terms that the page states."""
    notes: Text | None = None
    """Teacher notes on the source (who is behind it), printed in the key only."""


class Annotation(_Strict):
    """One statement of the article, anchored by a quote, with the answer."""

    quote: Text
    """Words copied from the article; white space, quote marks and dashes may differ."""
    kind: Kind
    """The expected answer: evidence, inference or assertion."""
    why: Text
    """The explanation printed in the answer key."""
    also_accept: list[Kind] = Field(default_factory=lambda: [], max_length=3)
    """Other kinds that a careful student could defend."""
    check: Text | None = None
    """How a student could verify the statement."""
    techniques: list[Label] = Field(default_factory=lambda: [], max_length=MAX_ITEMS)
    """Names of rhetorical techniques used, e.g. vague attribution."""
    occurrence: Annotated[int, Field(ge=1, strict=True)] | None = None
    """Which match to use (1-based) when the quote appears more than once."""
    id: Name | None = None
    """A short stable name for the statement (``asapov``), used by ``selections``."""
    draft: bool = False
    """A suggestion from `medialit new` that the teacher has not confirmed yet."""


class Question(_Strict):
    """A discussion question, with notes for the teacher."""

    text: Text
    """The question as the students read it."""
    notes: Text | None = None
    """What to listen for; printed in the key only."""
    paragraphs: list[Annotated[int, Field(ge=1, strict=True)]] = Field(
        default_factory=lambda: [], max_length=MAX_ITEMS
    )
    """The article's paragraphs (¶ numbers) the question quotes: an excerpt that leaves one
    out leaves the question out, so a sheet never asks about text it does not print."""
    draft: bool = False
    """A question `medialit new` suggested that the teacher has not accepted yet."""


class PlanStep(_Strict):
    """One timed step of the lesson plan."""

    minutes: Annotated[int, Field(ge=1, le=240, strict=True)]
    """How long the step takes."""
    activity: Text
    """What happens, in a few words (printed in bold)."""
    details: Text | None = None
    """What the teacher does and says."""


class Plan(_Strict):
    """The lesson plan printed on the key's first pages."""

    minutes: Annotated[int, Field(ge=5, le=240, strict=True)]
    """The length of the lesson; the steps must add up to it."""
    steps: list[PlanStep] = Field(min_length=1, max_length=MAX_ITEMS)
    """The timed steps, in order."""
    preparation: list[Text] = Field(default_factory=lambda: [], max_length=MAX_ITEMS)
    """What to prepare before class (copies, devices, a map)."""
    content_note: Text | None = None
    """What students should be warned about before reading."""
    extension: Text | None = None
    """Further work for fast students or a second lesson."""
    draft: bool = False
    """A plan `medialit new` suggested that the teacher has not accepted yet."""


class GlossaryEntry(_Strict):
    """A word or name students meet in the article, explained."""

    term: Label
    """The word or name as the article writes it."""
    definition: Text
    """A short, neutral explanation (with a source where it helps)."""


class MarkingBand(_Strict):
    """One band of the marking guide for the "how do you know?" answers."""

    band: Text
    """The band's name (Beginning, Developing, Secure)."""
    description: Text
    """What an answer in this band does."""
    sample: Text
    """A sample answer in this band."""


class Lesson(_Strict):
    """A whole lesson file."""

    title: Label
    """The lesson's title, printed on every sheet."""
    source: Source
    """Where the article comes from."""
    article: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    """The article: paragraphs split by blank lines, ``- `` list items, ``## `` subheadings."""
    annotations: list[Annotation] = Field(min_length=1)
    """The statements students sort, with their answers."""
    audience: Label | None = None
    """Who the lesson is for."""
    genre: Label | None = None
    """What kind of text the article is (a news story, a fact-check); for lessons/README.md's
    overview, never printed on a sheet."""
    difficulty: Label | None = None
    """How hard the lesson is (a first lesson, advanced); for the overview, as ``genre``."""
    objectives: list[Text] = Field(default_factory=lambda: [], max_length=MAX_ITEMS)
    """What students learn; printed in the key."""
    questions: list[Question] = Field(default_factory=lambda: [], max_length=MAX_ITEMS)
    """Discussion questions."""
    independent_rows: Annotated[int, Field(ge=1, le=10)] | None = None
    """Empty rows per kind in the independent worksheet's table (default: the setting)."""
    language: LanguageTag = "en"
    """The article's language as a BCP 47 tag (``en``, ``fr``, ``pt-BR``)."""
    worksheet: dict[str, Any] = Field(default_factory=lambda: {})
    """Settings for this lesson alone, as in ``medialit.toml`` (checked by ``settings.checks``)."""
    selections: dict[Name, list[Name]] = Field(default_factory=lambda: {}, max_length=MAX_ITEMS)
    """Named short versions: a selection's name and the ``id`` of each statement in it."""
    plan: Plan | None = None
    """The lesson plan printed on the key."""
    plans: dict[Name, Plan] = Field(default_factory=lambda: {}, max_length=MAX_ITEMS)
    """A plan for a selection, by the selection's name: a key built with that selection
    prints it instead of ``plan`` (a plan belongs to the version it times)."""
    glossary: list[GlossaryEntry] = Field(default_factory=lambda: [], max_length=MAX_ITEMS)
    """Words and names to explain, printed on the key (and on student sheets when asked)."""
    marking: Annotated[list[MarkingBand], Field(min_length=3, max_length=3)] | None = None
    """The marking guide's three bands, lowest first (default: the built-in guide)."""


def keys_at(model: type[BaseModel], path: Sequence[str | int]) -> tuple[str, ...]:
    """The names allowed in the table at ``path`` of ``model``: fields, or a table's fixed keys.

    Lessons, settings and cues files alike: "did you mean" offers one of these.
    """
    shape: Any = model
    for part in path:
        shape = _inside(_unwrapped(shape), part)
    shape = _unwrapped(shape)
    if isinstance(shape, type) and issubclass(shape, BaseModel):
        return tuple(shape.model_fields)
    if get_origin(shape) is dict:
        key = _unwrapped(get_args(shape)[0])
        if isinstance(key, type) and issubclass(key, Enum):
            return tuple(str(member.value) for member in key)
        if get_origin(key) is Literal:
            return tuple(str(choice) for choice in get_args(key))
    return ()


def _unwrapped(shape: Any) -> Any:
    """``shape`` without ``Annotated`` and ``| None``."""
    while True:
        origin = get_origin(shape)
        if origin is Annotated:
            shape = get_args(shape)[0]
        elif origin in (Union, UnionType):
            shape = next((arg for arg in get_args(shape) if arg is not type(None)), None)
        else:
            return shape


def _inside(shape: Any, part: str | int) -> Any:
    """The type of the value at ``part`` of a value of type ``shape``."""
    if isinstance(shape, type) and issubclass(shape, BaseModel):
        field = shape.model_fields.get(str(part))
        return field.annotation if field else None
    if get_origin(shape) is list:
        return get_args(shape)[0]
    if get_origin(shape) is dict:
        return get_args(shape)[1]
    return None
