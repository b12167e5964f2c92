"""Turn a checked lesson and the settings into the student worksheet's template context.

The contexts are the contract with teachers' templates: every variable a
template receives is typed and documented in ``docs/template-context.md``.
This module holds the student worksheet's context and the pieces every sheet
shares (the article, the source, the kinds); the answer key's context is in
:mod:`medialit.render.key_context`, the class pack's cover sheet and name tags in
:mod:`medialit.render.pack_context`. Pure: no I/O, no rendering.

The student context is built from types that have no kind, explanation or
teacher note in them at all, so a student template cannot leak an answer
even by mistake.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypedDict

from medialit.lesson.article import BlockKind
from medialit.lesson.model import KIND_ORDER, Kind
from medialit.lesson.reading import CheckedLesson, Statement
from medialit.render.typography import typographic, typographic_or_none
from medialit.settings.languages import direction, long_date, month_and_year
from medialit.settings.schema import KindStyle, Settings
from medialit.sheets.variants import PLAIN, PLAIN_COPY, CopyOptions, Level, Variant

OPENING_WORDS = 8
_PARENTHESES = re.compile(r" *\([^)]*\)")


@dataclass(frozen=True)
class Segment:
    """A run of article text; ``statement`` is the number of the statement it belongs to, if any."""

    text: str
    statement: int | None = None


@dataclass(frozen=True)
class KeySegment(Segment):
    """In the key, a statement's segment also carries its kind (e.g. ``"evidence"``)."""

    kind: str | None = None


@dataclass(frozen=True)
class ArticleBlock:
    """A paragraph, list item or subheading; ``number`` is printed in the margin."""

    kind: BlockKind
    number: int | None
    segments: list[Segment]


@dataclass(frozen=True)
class StudentStatement:
    """A numbered statement as students see it."""

    number: int
    text: str
    opening: str
    """The statement's first words, for the sorting table."""
    paragraph: int | None


@dataclass(frozen=True)
class KindInfo:
    """One kind as the sheets name and draw it."""

    name: str
    label: str
    badge: str
    colour: str
    definition: str
    example: str
    count: int | None = None
    """How many statements of this kind the article holds (key only)."""


@dataclass(frozen=True)
class SourceInfo:
    """Where the article comes from."""

    author: str
    outlet: str
    published: str
    url: str | None
    republished_by: str | None
    republished: str | None
    licence: str | None
    credit: str
    """One line for the footer: author, outlet, date, republisher."""
    title: str | None = None
    """The article's own headline, if the lesson gives it."""
    citation: str = ""
    """The full citation: author, headline, outlet, date, republisher, address."""


@dataclass(frozen=True)
class StudentQuestion:
    """A discussion question."""

    number: int
    text: str


@dataclass(frozen=True)
class GlossaryItem:
    """A word or name explained."""

    term: str
    definition: str


@dataclass(frozen=True)
class WorksheetContext:
    """Everything a student worksheet template receives."""

    document: Literal["student", "key"]
    title: str
    language: str
    """The sheets' language (``lang`` on the HTML): the ``language`` setting, or the lesson's."""
    direction: str
    """``rtl`` for a language written right to left (``dir`` on the HTML), else ``ltr``."""
    article_language: str
    """The article's own language (the lesson's ``language:``), for ``lang`` on the article."""
    article_direction: str
    """The article's direction: ``rtl`` for Arabic, Hebrew…, else ``ltr``."""
    audience: str | None
    source: SourceInfo
    blocks: list[ArticleBlock]
    statements: list[StudentStatement]
    questions: list[StudentQuestion]
    kinds: list[KindInfo]
    settings: Settings
    document_title: str
    """The PDF's title metadata."""
    logo_url: str | None
    """The address of ``settings.logo`` for ``<img src>``, or None when there is no logo."""
    level: Level
    """``guided``, ``standard`` or ``independent``: how much the sheet does for the student."""
    version: str | None
    """The version's letter, or ``None`` when there is only one version."""
    variant_label: str
    """Level and version as printed on every page; empty for a plain build."""
    named: bool
    """The copy carries a student's name in the top margin, so it has no Name: line."""
    example_rows: int
    """Empty rows per kind in the independent worksheet's table."""
    level_mark: str = ""
    """The level's neutral code (``K7``), printed on students' copies instead of its name."""
    excerpt: bool = False
    """The article is an excerpt: omitted paragraphs are ``omission`` blocks."""
    glossary: list[GlossaryItem] = field(default_factory=list)
    """The lesson's glossary; on student sheets only for the levels ``glossary_levels`` names."""
    fillable: bool = False
    """Put PDF form fields over the tick boxes and writing lines (``build --fillable``)."""
    markable: bool = False  # data-mark on tick boxes, writing areas, name line (--markable)


def format_date(date: datetime.date | str | None, language: str = "en") -> str | None:
    """``3 October 2017``, ``3 de octubre de 2017``: the language's long date.

    A partial date is written as far as it goes (``May 2016``, ``mayo de 2016``); a year,
    or ``unknown``, as given.
    """
    if isinstance(date, str):
        parts = date.split("-")
        if len(parts) == 3:
            date = datetime.date.fromisoformat(date)
        elif len(parts) == 2:
            return month_and_year(datetime.date(int(parts[0]), int(parts[1]), 1), language)
        else:
            return date
    return long_date(date, language) if date else None


def sheet_language(checked: CheckedLesson, settings: Settings) -> str:
    """The language of the sheets' words: the ``language`` setting, or else the lesson's."""
    return settings.language or checked.lesson.language


def _isolated(text: str) -> str:
    """Right-to-left text kept whole inside a line of another direction (Unicode isolates)."""
    if any(unicodedata.bidirectional(char) in ("R", "AL") for char in text):
        return f"\u2068{text}\u2069"
    return text


def _source(checked: CheckedLesson, settings: Settings) -> SourceInfo:
    source = checked.lesson.source
    language = sheet_language(checked, settings)
    published = format_date(source.published, language) or ""
    credit = f"{_isolated(source.author)}, {_isolated(source.outlet)}, {published}"
    republished = f"{settings.words.semicolon} {settings.words.republished_credit} "
    if source.republished_by:
        # The footer is one line: "Global Research (Centre for …)" is shortened to its name.
        republisher = _isolated(_PARENTHESES.sub("", source.republished_by))
        credit += f"{republished}{republisher}"
        if source.republished:
            credit += f", {format_date(source.republished, language)}"
    words, title = settings.words, typographic(source.title or "")
    headline = f"{words.quote_open}{title}{words.quote_close}, " if source.title else ""
    citation = f"{source.author}, {headline}{source.outlet}, {published}"
    if source.republished_by:
        citation += f"{republished}{source.republished_by}"
        if source.republished:
            citation += f", {format_date(source.republished, language)}"
    citation += f". {source.url}" if source.url else "."
    return SourceInfo(
        author=typographic(source.author),
        outlet=typographic(source.outlet),
        published=published,
        url=source.url,
        republished_by=typographic_or_none(source.republished_by),
        republished=format_date(source.republished, language),
        licence=typographic_or_none(source.licence),
        credit=typographic(credit),
        title=typographic_or_none(source.title),
        citation=typographic(citation),
    )


def opening_words(text: str) -> str:
    """The statement's first words, for the sorting table (`` …`` when it goes on)."""
    words = text.split()
    return text if len(words) <= OPENING_WORDS else " ".join(words[:OPENING_WORDS]) + " …"


def statement_text(checked: CheckedLesson, statement: Statement) -> str:
    """The statement's words as printed, with typographic quotes and dashes."""
    return typographic(checked.blocks[statement.block].text[statement.start : statement.end])


def article_blocks(
    checked: CheckedLesson, variant: Variant, *, with_kinds: bool, marked: bool = True
) -> list[ArticleBlock]:
    """The article's blocks, each statement a numbered segment (with its kind if ``with_kinds``).

    Unless ``marked``, the blocks are plain text: the independent sheet marks nothing.
    """
    if not marked:
        return [
            ArticleBlock(block.kind, block.number, [Segment(typographic(block.text))])
            for block in checked.blocks
        ]
    by_block: dict[int, list[Statement]] = {}
    for statement in checked.statements:
        by_block.setdefault(statement.block, []).append(statement)
    blocks = []
    for index, block in enumerate(checked.blocks):
        segments: list[Segment] = []
        at = 0
        for statement in by_block.get(index, []):
            if statement.start > at:
                segments.append(Segment(typographic(block.text[at : statement.start])))
            text = typographic(block.text[statement.start : statement.end])
            number = variant.number(statement.number)
            kind = statement.annotation.kind.value
            segments.append(KeySegment(text, number, kind) if with_kinds else Segment(text, number))
            at = statement.end
        if at < len(block.text):
            segments.append(Segment(typographic(block.text[at:])))
        blocks.append(ArticleBlock(block.kind, block.number, segments))
    return blocks


def kind_infos(settings: Settings, counts: dict[Kind, int] | None) -> list[KindInfo]:
    """The kinds in the sheets' order; ``counts`` (key only) says how many statements each has."""
    styles: list[tuple[Kind, KindStyle]] = [(kind, settings.kinds[kind]) for kind in KIND_ORDER]
    return [
        KindInfo(
            name=kind.value,
            label=typographic(style.label),
            badge=style.badge,
            colour=style.colour,
            definition=typographic(style.definition),
            example=typographic(style.example),
            count=counts[kind] if counts is not None else None,
        )
        for kind, style in styles
    ]


def _logo_url(settings: Settings) -> str | None:  # the settings hold it as an absolute path
    return Path(settings.logo).absolute().as_uri() if settings.logo else None


class SharedFields(TypedDict):
    """The fields the worksheet and the key share, typed (see :class:`WorksheetContext`)."""

    title: str
    language: str
    direction: str
    article_language: str
    article_direction: str
    audience: str | None
    source: SourceInfo
    settings: Settings
    logo_url: str | None
    level: Level
    version: str | None
    variant_label: str
    named: bool
    example_rows: int
    fillable: bool
    markable: bool
    level_mark: str
    excerpt: bool


def shared_fields(
    checked: CheckedLesson,
    settings: Settings,
    variant: Variant,
    copy: CopyOptions,
    *,
    for_teacher: bool,
) -> SharedFields:
    """The fields the worksheet and the key have in common."""
    lesson = checked.lesson
    language = sheet_language(checked, settings)
    mark = settings.level_marks.get(variant.level, "")
    return SharedFields(
        title=typographic(lesson.title),
        language=language,
        direction=direction(language),
        article_language=lesson.language,
        article_direction=direction(lesson.language),
        audience=typographic_or_none(lesson.audience),
        source=_source(checked, settings),
        settings=settings,
        logo_url=_logo_url(settings),
        level=variant.level,
        version=variant.version,
        variant_label=variant.marked_label(
            mark, settings.words, for_teacher=for_teacher, named=copy.named
        ),
        named=copy.named,
        example_rows=lesson.independent_rows or settings.independent_rows,
        fillable=copy.fillable,
        markable=copy.markable,
        level_mark=mark,
        excerpt=checked.excerpt,
    )


def glossary_items(checked: CheckedLesson) -> list[GlossaryItem]:
    """The lesson's glossary, with typographic quotes."""
    return [
        GlossaryItem(typographic(entry.term), typographic(entry.definition))
        for entry in checked.lesson.glossary
    ]


def student_context(
    checked: CheckedLesson,
    settings: Settings,
    variant: Variant = PLAIN,
    copy: CopyOptions = PLAIN_COPY,
    *,
    measure: bool = False,
) -> WorksheetContext:
    """The student worksheet's context: no kinds, explanations or teacher notes.

    At the independent level the article carries no marks and the context no
    statements, so that students find their own examples. ``measure`` keeps the
    statements' places in the article, for a copy that is laid out to find their
    lines and never printed.
    """
    lesson = checked.lesson
    marked = variant.level != "independent" or measure
    statements = [
        StudentStatement(
            number=variant.number(s.number),
            text=(text := statement_text(checked, s)),
            opening=opening_words(text),
            paragraph=checked.blocks[s.block].number,
        )
        for s in checked.statements
    ]
    return WorksheetContext(
        document="student",
        blocks=article_blocks(checked, variant, with_kinds=False, marked=marked),
        statements=sorted(statements, key=lambda s: s.number) if marked else [],
        questions=[
            StudentQuestion(n, typographic(q.text)) for n, q in enumerate(lesson.questions, start=1)
        ],
        kinds=kind_infos(settings, None),
        document_title=settings.words.student_title.replace("{title}", typographic(lesson.title)),
        **shared_fields(checked, settings, variant, copy, for_teacher=False),
        glossary=glossary_items(checked) if variant.level in settings.glossary_levels else [],
    )
