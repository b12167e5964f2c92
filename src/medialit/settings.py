"""The settings a teacher can change without editing a template.

Defaults live here; a working folder's ``medialit.toml``, a lesson's
``worksheet:`` table and ``--set`` on the command line override them.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .model import Kind
from .variants import Level

Paper = Literal["a4", "letter"]
# A class called 10 is text: numbers given where text is expected are kept as text.
# Values printed into CSS are checked, so that a typo is reported instead of silently
# ignored by the printer, and no value can break out of its CSS rule.
Colour = Annotated[str, StringConstraints(pattern=r"^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-zA-Z]+)$")]
FontSize = Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+)?(pt|px|mm)$")]
FontFamily = Annotated[str, StringConstraints(pattern=r"^[\w][\w \-]*$")]
_GLOSSARY_LEVELS: tuple[Level, ...] = ("guided",)
# Arbitrary codes: a student cannot tell from them which copy does more for its reader.
_LEVEL_MARKS: dict[Level, str] = {"guided": "K7", "standard": "M3", "independent": "T5"}


class KindStyle(BaseModel):
    """How one kind is named and drawn on the sheets."""

    model_config = ConfigDict(
        extra="forbid", use_attribute_docstrings=True, coerce_numbers_to_str=True
    )

    label: str
    """The kind's name as printed (tick boxes, key, legend)."""
    badge: str
    """A one- or two-letter mark printed beside highlighted statements in the key."""
    colour: Colour
    """Highlight colour in the key: #rrggbb, #rgb or a colour name."""
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

    model_config = ConfigDict(
        extra="forbid", use_attribute_docstrings=True, coerce_numbers_to_str=True
    )

    source_box: bool = True
    """The box about the article's author, outlet and date."""
    definitions: bool = True
    """The "your task" box with the three kinds defined."""
    questions: bool = True
    """The discussion questions."""
    summary: bool = True
    """The key's count of statements by kind."""


class Words(BaseModel):
    """The fixed words printed on the sheets, to translate or reword them."""

    model_config = ConfigDict(
        extra="forbid", use_attribute_docstrings=True, coerce_numbers_to_str=True
    )

    student_worksheet: str = "Student worksheet"
    """The student sheet's label above the title."""
    answer_key: str = "Answer key · for the teacher"
    """The key's label above the title."""
    name: str = "Name:"
    """The name line."""
    class_line: str = "Class:"
    """The class line."""
    date: str = "Date:"
    """The date line."""
    your_task: str = "Your task"
    """The title of the task box."""
    example: str = "Example:"
    """Before each kind's example."""
    about_article: str = "About this article"
    """The title of the source box."""
    author: str = "Author"
    """In the source box."""
    first_published: str = "First published"
    """In the source box."""
    republished_by: str = "Republished by"
    """In the source box."""
    address: str = "Address"
    """In the source box, before the article's web address."""
    who_is_behind: str = "Who is behind this?"
    """The source box's question."""
    who_is_behind_prompt: str = (
        "Who publishes this site, who pays for it, and why might that matter? "
        "How could you find out?"
    )
    """The student's prompt after that question."""
    the_article: str = "The article"
    """The heading above the article."""
    sort_statements: str = "Sort the statements"
    """The heading of the sorting table."""
    sort_help: str = (
        "For each numbered statement, tick one box, then write how you know and what you "
        "would check."
    )
    """The line under that heading."""
    how_do_you_know: str = "How do you know? What would you check?"
    """Above each statement's writing lines."""
    discuss: str = "Discuss"
    """The heading of the discussion questions."""
    page: str = "Page"
    """The footer's "Page 1 of 3"."""
    of: str = "of"
    """The footer's "Page 1 of 3"."""
    audience: str = "For:"
    """Before the lesson's audience in the key."""
    at_a_glance: str = "At a glance: {total} statements"
    """The key's summary title; {total} is the number of statements."""
    objectives: str = "Objectives"
    """The key's objectives box."""
    copyright: str = "Copyright and reuse"
    """The heading of the article's licence in the key."""
    article_marked: str = "The article, marked"
    """The heading above the key's highlighted article."""
    answers: str = "Answers"
    """The heading of the key's answers table."""
    number: str = "No."
    """The answers table's number column."""
    statement: str = "Statement"
    """The answers table's statement column."""
    kind: str = "Kind"
    """The answers table's kind column."""
    why_and_check: str = "Why, and how to check"
    """The answers table's last column."""
    why: str = "Why:"
    """Before each explanation."""
    how_to_check: str = "How to check:"
    """Before each way to check."""
    techniques: str = "Techniques:"
    """Before each statement's techniques."""
    also_accept: str = "Also accept:"
    """Before other defensible kinds."""
    question_notes: str = "Discussion questions: notes"
    """The heading of the key's question notes."""
    glossary: str = "Words and names"
    """The title of the glossary box."""
    answer_grid: str = "Answers at a glance"
    """The title of the key's grid of numbers and kinds."""
    lesson_plan: str = "Lesson plan: {minutes} minutes"
    """The title of the key's lesson plan; {minutes} is its length."""
    preparation: str = "Before class"
    """The heading of the plan's preparation list."""
    content_note: str = "Content note"
    """The heading of the plan's content note."""
    extension: str = "Extension"
    """The heading of the plan's extension."""
    marking_guide: str = "Marking guide: “How do you know? What would you check?”"
    """The title of the key's marking guide."""
    sample_answer: str = "Sample:"
    """Before each band's sample answer."""
    line: str = "line"
    """In the independent key's ``¶ 3, line 12``."""


class Settings(BaseModel):
    """Everything a teacher can set; see ``medialit config``."""

    model_config = ConfigDict(
        extra="forbid", use_attribute_docstrings=True, coerce_numbers_to_str=True
    )

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
    font_size: FontSize = "10.5pt"
    """Base font size of the article and tables."""
    font_family: FontFamily = "Charis SIL"
    """Font of the article text."""
    heading_font_family: FontFamily = "Andika"
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
    glossary_levels: list[Level] = Field(default_factory=lambda: list(_GLOSSARY_LEVELS))
    """Levels whose student sheets print the lesson's glossary (the key always does)."""
    logo: str | None = None
    """A logo image for the header (a path, relative to the file that sets it)."""
    theme: str = "default"
    """A theme: a built-in one (default, high-readability) or a folder (relative path allowed)."""
    sections: Sections = Field(default_factory=Sections)
    """Which optional sections appear."""
    kinds: dict[Kind, KindStyle] = Field(default_factory=_default_kinds)
    """Labels, colours and definitions of the three kinds."""
    words: Words = Field(default_factory=Words)
    """The fixed words on the sheets (headings, labels), to translate or reword them."""
    # Tables last: "medialit config" prints them as TOML tables after the plain values.
    level_selections: dict[Level, str] = Field(default_factory=dict)
    """A selection each level uses when ``--select`` is not given, e.g. ``{guided = "core"}``."""
    level_marks: dict[Level, str] = Field(default_factory=lambda: dict(_LEVEL_MARKS))
    """The neutral code printed on students' copies instead of the level's name."""
