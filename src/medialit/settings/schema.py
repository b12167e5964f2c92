"""The settings a teacher can change without editing a template.

Defaults live here; a working folder's ``medialit.toml``, a lesson's
``worksheet:`` table and ``--set`` on the command line override them.
"""

# No ``from __future__ import annotations``: pydantic takes the fields' annotations as the
# objects they are, instead of evaluating each one from a string (a millisecond of every check).

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from medialit.lesson.model import Kind, Level
from medialit.settings.languages import english

Paper = Literal["a4", "letter"]
# A class called 10 is text: numbers given where text is expected are kept as text.
# Values printed into CSS are checked, so that a typo is reported instead of silently
# ignored by the printer, and no value can break out of its CSS rule.
Colour = Annotated[str, StringConstraints(pattern=r"^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-zA-Z]+)$")]
FontSize = Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+)?(pt|px|mm)$")]
FontFamily = Annotated[str, StringConstraints(pattern=r"^[\w][\w \-]*$")]
LanguageTag = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
_ENGLISH_WORDS: dict[str, str] = english()["words"]
_GLOSSARY_LEVELS: tuple[Level, ...] = ("guided",)
# Arbitrary codes: a student cannot tell from them which copy does more for its reader.
_LEVEL_MARKS: dict[Level, str] = {"guided": "K7", "standard": "M3", "independent": "T5"}


class KindStyle(BaseModel):
    """How one kind is named and drawn on the sheets."""

    # Field docstrings are for readers; pydantic is not asked to parse them (see model.py);
    # defer_build: validators made when first used, and empty lists and tables from
    # lambdas rather than ``list`` and ``dict`` (quicker to build), as there.
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, defer_build=True)

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


def _default_kinds() -> dict[str, dict[str, str]]:
    """The kinds' default styles as values, which Settings' own validator makes KindStyles."""
    colours = {Kind.evidence: "#c4dcee", Kind.inference: "#fdeaa0", Kind.assertion: "#eb9a78"}
    words = english()["kinds"]
    return {kind.value: {"colour": colours[kind], **words[kind.value]} for kind in Kind}


class Sections(BaseModel):
    """Which optional parts of the sheets appear."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, defer_build=True)

    source_box: bool = True
    """The box about the article's author, outlet and date."""
    definitions: bool = True
    """The "your task" box with the three kinds defined."""
    questions: bool = True
    """The discussion questions."""
    summary: bool = True
    """The key's count of statements by kind."""


class Words(BaseModel):
    """The fixed words printed on the sheets, to translate or reword them.

    The defaults are the English catalogue (``catalogues/en.toml``); a lesson in another
    language gets its own catalogue's words, and these settings change single words.
    """

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, defer_build=True)

    student_worksheet: str = _ENGLISH_WORDS["student_worksheet"]
    """The student sheet's label above the title."""
    answer_key: str = _ENGLISH_WORDS["answer_key"]
    """The key's label above the title."""
    name: str = _ENGLISH_WORDS["name"]
    """The name line."""
    class_line: str = _ENGLISH_WORDS["class_line"]
    """The class line."""
    date: str = _ENGLISH_WORDS["date"]
    """The date line."""
    your_task: str = _ENGLISH_WORDS["your_task"]
    """The title of the task box."""
    example: str = _ENGLISH_WORDS["example"]
    """Before each kind's example."""
    word_bank: str = _ENGLISH_WORDS["word_bank"]
    """Before the guided worksheet's word bank."""
    about_article: str = _ENGLISH_WORDS["about_article"]
    """The title of the source box."""
    author: str = _ENGLISH_WORDS["author"]
    """In the source box."""
    first_published: str = _ENGLISH_WORDS["first_published"]
    """In the source box."""
    republished_by: str = _ENGLISH_WORDS["republished_by"]
    """In the source box."""
    address: str = _ENGLISH_WORDS["address"]
    """In the source box, before the article's web address."""
    who_is_behind: str = _ENGLISH_WORDS["who_is_behind"]
    """The source box's question."""
    who_is_behind_prompt: str = _ENGLISH_WORDS["who_is_behind_prompt"]
    """The student's prompt after that question."""
    the_article: str = _ENGLISH_WORDS["the_article"]
    """The heading above the article."""
    sort_statements: str = _ENGLISH_WORDS["sort_statements"]
    """The heading of the sorting table."""
    sort_help: str = _ENGLISH_WORDS["sort_help"]
    """The line under that heading."""
    how_do_you_know: str = _ENGLISH_WORDS["how_do_you_know"]
    """Above each statement's writing lines."""
    find_examples: str = _ENGLISH_WORDS["find_examples"]
    """The heading of the independent worksheet's table."""
    example_statement: str = _ENGLISH_WORDS["example_statement"]
    """That table's statement column."""
    example_place: str = _ENGLISH_WORDS["example_place"]
    """That table's paragraph-and-line column."""
    example_reason: str = _ENGLISH_WORDS["example_reason"]
    """That table's last column."""
    discuss: str = _ENGLISH_WORDS["discuss"]
    """The heading of the discussion questions."""
    page: str = _ENGLISH_WORDS["page"]
    """The footer's "Page 1 of 3"."""
    of: str = _ENGLISH_WORDS["of"]
    """The footer's "Page 1 of 3"."""
    audience: str = _ENGLISH_WORDS["audience"]
    """Before the lesson's audience in the key."""
    at_a_glance: str = _ENGLISH_WORDS["at_a_glance"]
    """The key's summary title; {total} is the number of statements."""
    objectives: str = _ENGLISH_WORDS["objectives"]
    """The key's objectives box."""
    copyright: str = _ENGLISH_WORDS["copyright"]
    """The heading of the article's licence in the key."""
    article_marked: str = _ENGLISH_WORDS["article_marked"]
    """The heading above the key's highlighted article."""
    answers: str = _ENGLISH_WORDS["answers"]
    """The heading of the key's answers table."""
    model_answers: str = _ENGLISH_WORDS["model_answers"]
    """The heading of the independent key's answers."""
    model_answers_note: str = _ENGLISH_WORDS["model_answers_note"]
    """The line under that heading."""
    number: str = _ENGLISH_WORDS["number"]
    """The answers table's number column."""
    statement: str = _ENGLISH_WORDS["statement"]
    """The answers table's statement column."""
    kind: str = _ENGLISH_WORDS["kind"]
    """The answers table's kind column."""
    quote_open: str = _ENGLISH_WORDS["quote_open"]
    """Before each statement quoted in the key's answers table."""
    quote_close: str = _ENGLISH_WORDS["quote_close"]
    """After it."""
    why_and_check: str = _ENGLISH_WORDS["why_and_check"]
    """The answers table's last column."""
    why: str = _ENGLISH_WORDS["why"]
    """Before each explanation."""
    how_to_check: str = _ENGLISH_WORDS["how_to_check"]
    """Before each way to check."""
    quiz_prompt: str = _ENGLISH_WORDS["quiz_prompt"]
    """In the exports (Moodle, QTI, Canvas): each statement's question; {number} is its
    number, {kinds} the kinds ("Evidence, Inference or Assertion")."""
    quiz_right: str = _ENGLISH_WORDS["quiz_right"]
    """In the exports: the feedback on the key's kind; {kind} is its label."""
    quiz_partial: str = _ENGLISH_WORDS["quiz_partial"]
    """In the exports: the feedback on a kind the key also accepts (part of the marks)."""
    quiz_partial_unscored: str = _ENGLISH_WORDS["quiz_partial_unscored"]
    """In the Canvas export, which scores a kind the key also accepts 0: its feedback."""
    quiz_wrong: str = _ENGLISH_WORDS["quiz_wrong"]
    """In the exports: the feedback on any other kind."""
    quiz_also_accepted: str = _ENGLISH_WORDS["quiz_also_accepted"]
    """In the exports' explanation: the other kinds accepted; {kinds} lists them."""
    quiz_discussion: str = _ENGLISH_WORDS["quiz_discussion"]
    """In the exports: a discussion question's name; {number} is its number."""
    quiz_version: str = _ENGLISH_WORDS["quiz_version"]
    """In the QTI and Canvas exports: after the quiz's title, in brackets; {letter} is the
    version's (the Moodle export's category uses ``version``)."""
    techniques: str = _ENGLISH_WORDS["techniques"]
    """Before each statement's techniques."""
    also_accept: str = _ENGLISH_WORDS["also_accept"]
    """Before other defensible kinds."""
    question_notes: str = _ENGLISH_WORDS["question_notes"]
    """The heading of the key's question notes."""
    glossary: str = _ENGLISH_WORDS["glossary"]
    """The title of the glossary box."""
    answer_grid: str = _ENGLISH_WORDS["answer_grid"]
    """The title of the key's grid of numbers and kinds."""
    lesson_plan: str = _ENGLISH_WORDS["lesson_plan"]
    """The title of the key's lesson plan; {minutes} is its length."""
    preparation: str = _ENGLISH_WORDS["preparation"]
    """The heading of the plan's preparation list."""
    content_note: str = _ENGLISH_WORDS["content_note"]
    """The heading of the plan's content note."""
    extension: str = _ENGLISH_WORDS["extension"]
    """The heading of the plan's extension."""
    marking_guide: str = _ENGLISH_WORDS["marking_guide"]
    """The title of the key's marking guide."""
    sample_answer: str = _ENGLISH_WORDS["sample_answer"]
    """Before each band's sample answer."""
    line: str = _ENGLISH_WORDS["line"]
    """In the independent key's ``¶ 3, line 12``."""
    grid_selection: str = _ENGLISH_WORDS["grid_selection"]
    """After the grid's title: the selection it was built from; {name} is its name."""
    grid_own_examples: str = _ENGLISH_WORDS["grid_own_examples"]
    """After the independent key's grid title."""
    grid_or: str = _ENGLISH_WORDS["grid_or"]
    """In the grid, before other kinds to accept."""
    grid_legend_or: str = _ENGLISH_WORDS["grid_legend_or"]
    """The end of the grid's legend."""
    grid_full_numbers: str = _ENGLISH_WORDS["grid_full_numbers"]
    """Before a selection's numbers paired with their numbers on the full sheet."""
    number_map: str = _ENGLISH_WORDS["number_map"]
    """The title of the key's table of each statement's number on the other sheets."""
    number_map_this: str = _ENGLISH_WORDS["number_map_this"]
    """That table's row of this sheet's own numbers."""
    number_map_unshuffled: str = _ENGLISH_WORDS["number_map_unshuffled"]
    """Its row of a selection's numbers without versions (a selection's own plan uses them)."""
    number_map_full: str = _ENGLISH_WORDS["number_map_full"]
    """Its row of the full sheet's numbers (no selection, no versions)."""
    number_map_absent: str = _ENGLISH_WORDS["number_map_absent"]
    """Under it, when a sheet does not print every statement."""
    number_map_plan: str = _ENGLISH_WORDS["number_map_plan"]
    """Under it, after the row whose numbers the lesson plan uses (marked *)."""
    excerpt_note: str = _ENGLISH_WORDS["excerpt_note"]
    """Under an excerpt: what […] and the ¶ numbers mean; {citation} is the source."""
    guided: str = _ENGLISH_WORDS["guided"]
    """The guided level, as printed on every page and on the cover."""
    standard: str = _ENGLISH_WORDS["standard"]
    """The standard level, as printed."""
    independent: str = _ENGLISH_WORDS["independent"]
    """The independent level, as printed."""
    version: str = _ENGLISH_WORDS["version"]
    """A version, as printed; {letter} is its letter."""
    class_pack: str = _ENGLISH_WORDS["class_pack"]
    """The class pack cover's label above the title."""
    pack_copies: str = _ENGLISH_WORDS["pack_copies"]
    """The cover's line about the copies; {count} is how many."""
    answer_keys: str = _ENGLISH_WORDS["answer_keys"]
    """Before the list of keys on the cover."""
    student: str = _ENGLISH_WORDS["student"]
    """The cover's name column."""
    level: str = _ENGLISH_WORDS["level"]
    """The cover's level column."""
    version_column: str = _ENGLISH_WORDS["version_column"]
    """The cover's version column."""
    adjustments: str = _ENGLISH_WORDS["adjustments"]
    """The cover's column of each student's font size and theme."""
    semicolon: str = _ENGLISH_WORDS["semicolon"]
    """The semicolon of the footer's credit line and the citation, with the space the
    language puts before it (French: a narrow no-break space)."""
    colon: str = _ENGLISH_WORDS["colon"]
    """The colon after a version's name in the key's other versions' answers, with the space
    the language puts before it (French: a no-break space)."""
    republished_credit: str = _ENGLISH_WORDS["republished_credit"]
    """In the footer's credit line, before the republisher."""
    logo: str = _ENGLISH_WORDS["logo"]
    """The logo's description for screen readers, when no school is set."""
    student_title: str = _ENGLISH_WORDS["student_title"]
    """The student PDF's title; {title} is the lesson's."""
    key_title: str = _ENGLISH_WORDS["key_title"]
    """The key PDF's title."""
    cover_title: str = _ENGLISH_WORDS["cover_title"]
    """The cover sheet's PDF title."""
    pack_title: str = _ENGLISH_WORDS["pack_title"]
    """The class pack's PDF title."""
    copy_title: str = _ENGLISH_WORDS["copy_title"]
    """A student's own copy's PDF title; {name} is the student's name."""
    drafts_notice: str = _ENGLISH_WORDS["drafts_notice"]
    """On the key's first page while some statements are unconfirmed suggestions from
    ``medialit new``; {drafts} is how many, {total} the number of statements."""
    draft: str = _ENGLISH_WORDS["draft"]
    """Beside each unconfirmed suggestion in the key's answers."""


class Settings(BaseModel):
    """Everything a teacher can set; see ``medialit config``."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, defer_build=True)

    language: LanguageTag | None = None
    """The language of the sheets' fixed words (en, es, fr…); without it, the lesson's language."""
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
    instructions: str = english()["instructions"]
    """The student instructions in the task box."""
    independent_instructions: str = english()["independent_instructions"]
    """The student instructions at the independent level."""
    writing_lines: int = Field(default=2, ge=0, le=10)
    """Ruled lines per statement in the sorting table; on the guided sheet, per sentence starter."""
    question_lines: int = Field(default=4, ge=0, le=20)
    """Ruled lines under each discussion question."""
    sentence_starters: list[str] = Field(
        default_factory=lambda: list(english()["sentence_starters"])
    )
    """Starters printed on the writing lines of the guided worksheet, each on lines of its own."""
    word_bank: list[str] = Field(default_factory=lambda: list(english()["word_bank"]))
    """Words offered in the guided worksheet's word bank."""
    independent_rows: int = Field(default=2, ge=1, le=10)
    """Empty rows per kind in the independent worksheet's table (a lesson may set its own)."""
    excerpt_selections: list[str] = Field(default_factory=lambda: [])
    """Selections printed as an excerpt (as ``--excerpt`` does) whenever a sheet uses them."""
    glossary_levels: list[Level] = Field(default_factory=lambda: list(_GLOSSARY_LEVELS))
    """Levels whose student sheets print the lesson's glossary (the key always does)."""
    logo: str | None = None
    """A logo image for the header (a path, relative to the file that sets it)."""
    offline: bool = False
    """``medialit new`` fetches no web address: pages are saved from the browser instead."""
    theme: str = "default"
    """A theme: a built-in one (default, high-readability) or a folder (relative path allowed)."""
    # The tables' defaults are values that Settings' validator checks (validate_default), so
    # that Settings builds one validator, not one for each table's model as well (`check`
    # built four for the settings).
    sections: Sections = Field(default_factory=lambda: {}, validate_default=True)
    """Which optional sections appear."""
    kinds: dict[Kind, KindStyle] = Field(default_factory=_default_kinds, validate_default=True)
    """Labels, colours and definitions of the three kinds."""
    words: Words = Field(default_factory=lambda: {}, validate_default=True)
    """The fixed words on the sheets (headings, labels), to translate or reword them."""
    # Tables last: "medialit config" prints them as TOML tables after the plain values.
    level_selections: dict[Level, str] = Field(default_factory=lambda: {})
    """A selection each level uses when ``--select`` is not given, e.g. ``{guided = "core"}``."""
    level_marks: dict[Level, str] = Field(default_factory=lambda: dict(_LEVEL_MARKS))
    """The neutral code printed on students' copies instead of the level's name."""
