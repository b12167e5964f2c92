"""The settings a teacher can change without editing a template.

Defaults live here; a working folder's ``medialit.toml``, a lesson's
``worksheet:`` table and ``--set`` on the command line override them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .model import Kind

Paper = Literal["a4", "letter"]
Level = Literal["guided", "standard", "independent"]
LEVELS: tuple[Level, ...] = ("guided", "standard", "independent")


class KindStyle(BaseModel):
    """How one kind is named and drawn on the sheets."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    label: str
    """The kind's name as printed (tick boxes, key, legend)."""
    badge: str
    """A one- or two-letter mark printed beside highlighted statements in the key."""
    colour: str
    """Highlight colour in the key (CSS colour)."""
    definition: str
    """What the kind means, for the student's task box."""
    example: str
    """An everyday example of the kind, not from the article."""


def _default_kinds() -> dict[Kind, KindStyle]:
    return {
        Kind.evidence: KindStyle(
            label="Evidence",
            badge="E",
            colour="#c4dcee",
            definition="Information you can check, with where it comes from.",
            example="“The council’s website says the library closes at 6 pm on Saturdays.”",
        ),
        Kind.inference: KindStyle(
            label="Inference",
            badge="I",
            colour="#fdeaa0",
            definition="A conclusion the writer draws from other statements.",
            example="“The pavements are wet, so it probably rained last night.”",
        ),
        Kind.assertion: KindStyle(
            label="Assertion",
            badge="A",
            colour="#eb9a78",
            definition="A claim stated as true, with no support given.",
            example="“Everyone knows this is the best pizza in town.”",
        ),
    }


class Sections(BaseModel):
    """Which optional parts of the sheets appear."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    source_box: bool = True
    """The box about the article's author, outlet and date."""
    definitions: bool = True
    """The "your task" box with the three kinds defined."""
    questions: bool = True
    """The discussion questions."""
    summary: bool = True
    """The key's count of statements by kind."""


class Settings(BaseModel):
    """Everything a teacher can set; see ``medialit config``."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    paper: Paper = "a4"
    """Paper size: a4 or letter."""
    school: str | None = None
    """The school's name, printed in the header."""
    teacher: str | None = None
    """The teacher's name, printed in the header."""
    class_name: str | None = None
    """The class, printed in the header instead of a blank line."""
    date_line: bool = True
    """Whether the header has a line for the date."""
    font_size: str = "10.5pt"
    """Base font size of the article and tables."""
    font_family: str = "Charis SIL"
    """Font of the article text."""
    heading_font_family: str = "Andika"
    """Font of headings, boxes and tables."""
    instructions: str = (
        "Read the article. Each underlined statement has a number. In the table, tick the kind "
        "of statement you think it is, then write how you know and what you would check."
    )
    """The student instructions in the task box."""
    independent_instructions: str = (
        "Read the article. Find your own examples of each kind of statement. In the table, copy "
        "each one (or its first words), give its paragraph (¶) and line number, and say how you "
        "know."
    )
    """The student instructions at the independent level."""
    writing_lines: int = Field(default=2, ge=0, le=10)
    """Ruled lines per statement in the sorting table."""
    question_lines: int = Field(default=4, ge=0, le=20)
    """Ruled lines under each discussion question."""
    sentence_starters: list[str] = Field(
        default_factory=lambda: ["This is ________ because…", "To check this I would…"]
    )
    """Starters printed on the writing lines of the guided worksheet, one per line."""
    word_bank: list[str] = Field(
        default_factory=lambda: [
            "source",
            "named",
            "figure",
            "date",
            "check",
            "conclusion",
            "so / therefore",
            "claim",
            "opinion",
            "support",
        ]
    )
    """Words offered in the guided worksheet's word bank."""
    independent_rows: int = Field(default=2, ge=1, le=10)
    """Empty rows per kind in the independent worksheet's table (a lesson may set its own)."""
    logo: str | None = None
    """A logo image (path relative to the working folder) for the header."""
    sections: Sections = Field(default_factory=Sections)
    """Which optional sections appear."""
    kinds: dict[Kind, KindStyle] = Field(default_factory=_default_kinds)
    """Labels, colours and definitions of the three kinds."""
