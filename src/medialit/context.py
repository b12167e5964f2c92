"""Turn a checked lesson and the settings into the template contexts.

The contexts are the contract with teachers' templates: every variable a
template receives (student worksheet, answer key, class-pack cover sheet,
name tags) is defined here, typed, and documented in
``docs/template-context.md``. Pure: no I/O, no rendering.

The student context is built from types that have no kind, explanation or
teacher note in them at all, so a student template cannot leak an answer
even by mistake.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .article import BlockKind
from .languages import direction, join_list, long_date, month_and_year
from .lesson import CheckedLesson, Statement
from .marking import builtin_marking
from .model import KIND_ORDER, Kind
from .pack import PackPlan
from .settings import KindStyle, Settings
from .typography import typographic, typographic_or_none
from .variants import PLAIN, Level, Variant, document_file, level_name

if TYPE_CHECKING:  # measuring names needs fontTools, which `medialit check` does not
    from .nametag import NameTag, Slot

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
class KeyStatement(StudentStatement):
    """A numbered statement with its answer, for the key."""

    kind: str
    kind_label: str
    also_accept: list[str]
    """Labels of other defensible kinds."""
    also_accept_text: str
    """Those labels as a list in the sheets' language (``Inference and Assertion``)."""
    why: str
    check: str | None
    techniques: list[str]
    draft: bool = False
    """A suggestion from ``medialit new`` that the teacher has not confirmed yet."""
    line: int | None = None
    """Independent level: the line of the paragraph where the statement starts, as numbered
    on the student sheet."""


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
class KeyQuestion(StudentQuestion):
    """A discussion question with the teacher's notes."""

    notes: str | None


@dataclass(frozen=True)
class GlossaryItem:
    """A word or name explained."""

    term: str
    definition: str


@dataclass(frozen=True)
class PlanStepInfo:
    """One timed step of the lesson plan; ``start`` and ``end`` are minutes from the start."""

    minutes: int
    start: int
    end: int
    activity: str
    details: str | None


@dataclass(frozen=True)
class PlanInfo:
    """The lesson plan."""

    minutes: int
    steps: list[PlanStepInfo]
    preparation: list[str]
    content_note: str | None
    extension: str | None


@dataclass(frozen=True)
class MarkingBandInfo:
    """One band of the marking guide."""

    band: str
    description: str
    sample: str


@dataclass(frozen=True)
class GridCell:
    """One number in the key's answers-at-a-glance grid."""

    number: int
    kind: str
    badge: str
    kind_label: str
    also_accept: list[str]
    """Badges of the other defensible kinds (``A``)."""


@dataclass(frozen=True)
class VersionGrid:
    """Another version's answers at a glance."""

    version: str
    cells: list[GridCell]


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


@dataclass(frozen=True)
class KeyContext(WorksheetContext):
    """Everything the teacher key template receives: the worksheet's context plus the answers."""

    statements: list[KeyStatement]  # type: ignore[assignment]
    questions: list[KeyQuestion]  # type: ignore[assignment]
    objectives: list[str] = field(default_factory=list)
    source_notes: str | None = None
    total: int = 0
    kinds_by_name: dict[str, KindInfo] = field(default_factory=dict)
    drafts: int = 0
    """How many statements are unconfirmed suggestions from ``medialit new``."""
    plan: PlanInfo | None = None
    """The lesson plan, if the lesson has one."""
    grid: list[GridCell] = field(default_factory=list)
    """Every number of this version with its kind: the answers at a glance."""
    marking: list[MarkingBandInfo] = field(default_factory=list)
    """The marking guide's three bands, lowest first (the lesson's, or the built-in guide)."""
    selection: str | None = None
    """The selection this sheet was built from, if any."""
    version_grids: list[VersionGrid] = field(default_factory=list)
    """The other versions' grids (same level), when there are several versions."""


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
    if source.republished_by:
        # The footer is one line: "Global Research (Centre for …)" is shortened to its name.
        republisher = _isolated(_PARENTHESES.sub("", source.republished_by))
        credit += f"; {settings.words.republished_credit} {republisher}"
        if source.republished:
            credit += f", {format_date(source.republished, language)}"
    headline = (
        f"{settings.words.quote_open}{typographic(source.title)}{settings.words.quote_close}, "
        if source.title
        else ""
    )
    citation = f"{source.author}, {headline}{source.outlet}, {published}"
    if source.republished_by:
        citation += f"; {settings.words.republished_credit} {source.republished_by}"
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


def _opening(text: str) -> str:
    words = text.split()
    return text if len(words) <= OPENING_WORDS else " ".join(words[:OPENING_WORDS]) + " …"


def _statement_text(checked: CheckedLesson, statement: Statement) -> str:
    return typographic(checked.blocks[statement.block].text[statement.start : statement.end])


def _blocks(
    checked: CheckedLesson, variant: Variant, *, with_kinds: bool, marked: bool = True
) -> list[ArticleBlock]:
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


def _kinds(settings: Settings, counts: dict[Kind, int] | None) -> list[KindInfo]:
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


def _logo_url(settings: Settings) -> str | None:
    # The settings hold the logo as an absolute path (see medialit.layers).
    return Path(settings.logo).absolute().as_uri() if settings.logo else None


def _shared_fields(
    checked: CheckedLesson, settings: Settings, variant: Variant, *, for_teacher: bool
) -> dict[str, Any]:
    """The fields the worksheet and the key have in common."""
    lesson = checked.lesson
    language = sheet_language(checked, settings)
    mark = settings.level_marks.get(variant.level, "")
    return {
        "title": typographic(lesson.title),
        "language": language,
        "direction": direction(language),
        "article_language": lesson.language,
        "article_direction": direction(lesson.language),
        "audience": typographic_or_none(lesson.audience),
        "source": _source(checked, settings),
        "settings": settings,
        "logo_url": _logo_url(settings),
        "level": variant.level,
        "version": variant.version,
        "variant_label": variant.marked_label(mark, settings.words, for_teacher=for_teacher),
        "named": variant.named,
        "example_rows": lesson.independent_rows or settings.independent_rows,
        "fillable": variant.fillable,
        "level_mark": mark,
        "excerpt": checked.excerpt,
    }


def _glossary(checked: CheckedLesson) -> list[GlossaryItem]:
    return [
        GlossaryItem(typographic(entry.term), typographic(entry.definition))
        for entry in checked.lesson.glossary
    ]


def _plan(checked: CheckedLesson) -> PlanInfo | None:
    plan = checked.lesson.plan
    if plan is None:
        return None
    steps = []
    start = 0
    for step in plan.steps:
        steps.append(
            PlanStepInfo(
                step.minutes,
                start,
                start + step.minutes,
                typographic(step.activity),
                typographic_or_none(step.details),
            )
        )
        start += step.minutes
    return PlanInfo(
        minutes=plan.minutes,
        steps=steps,
        preparation=[typographic(p) for p in plan.preparation],
        content_note=typographic_or_none(plan.content_note),
        extension=typographic_or_none(plan.extension),
    )


def _marking(checked: CheckedLesson, settings: Settings) -> list[MarkingBandInfo]:
    bands = checked.lesson.marking or builtin_marking(sheet_language(checked, settings))
    return [
        MarkingBandInfo(typographic(b.band), typographic(b.description), typographic(b.sample))
        for b in bands
    ]


def student_context(
    checked: CheckedLesson, settings: Settings, variant: Variant = PLAIN, *, measure: bool = False
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
            text=(text := _statement_text(checked, s)),
            opening=_opening(text),
            paragraph=checked.blocks[s.block].number,
        )
        for s in checked.statements
    ]
    return WorksheetContext(
        document="student",
        blocks=_blocks(checked, variant, with_kinds=False, marked=marked),
        statements=sorted(statements, key=lambda s: s.number) if marked else [],
        questions=[
            StudentQuestion(n, typographic(q.text)) for n, q in enumerate(lesson.questions, start=1)
        ],
        kinds=_kinds(settings, None),
        document_title=settings.words.student_title.replace("{title}", typographic(lesson.title)),
        **_shared_fields(checked, settings, variant, for_teacher=False),
        glossary=_glossary(checked) if variant.level in settings.glossary_levels else [],
    )


def key_context(
    checked: CheckedLesson,
    settings: Settings,
    variant: Variant = PLAIN,
    lines: dict[int, int] | None = None,
    versions: Sequence[Variant] = (),
) -> KeyContext:
    """The teacher key's context: the worksheet's, plus every answer and note.

    ``lines`` gives, by reading-order number, the line of its paragraph where each
    statement starts on the independent student sheet (measured by the PDF stage).
    ``versions`` are the other versions of the same level, whose grids the key also
    prints so that one key marks a mixed pile.
    """
    lesson = checked.lesson
    language = sheet_language(checked, settings)
    labels = {kind: settings.kinds[kind].label for kind in KIND_ORDER}
    statements = [
        KeyStatement(
            number=variant.number(s.number),
            text=(text := _statement_text(checked, s)),
            opening=_opening(text),
            paragraph=checked.blocks[s.block].number,
            kind=s.annotation.kind.value,
            kind_label=labels[s.annotation.kind],
            also_accept=[labels[k] for k in s.annotation.also_accept],
            also_accept_text=join_list([labels[k] for k in s.annotation.also_accept], language),
            why=typographic(s.annotation.why),
            check=typographic_or_none(s.annotation.check),
            techniques=[typographic(t) for t in s.annotation.techniques],
            line=(lines or {}).get(s.number),
            draft=s.annotation.draft,
        )
        for s in checked.statements
    ]
    kinds = _kinds(settings, checked.count_by_kind())
    return KeyContext(
        document="key",
        blocks=_blocks(checked, variant, with_kinds=True),
        statements=sorted(statements, key=lambda s: s.number),
        questions=[
            KeyQuestion(n, typographic(q.text), typographic_or_none(q.notes))
            for n, q in enumerate(lesson.questions, start=1)
        ],
        kinds=kinds,
        document_title=settings.words.key_title.replace("{title}", typographic(lesson.title)),
        **_shared_fields(checked, settings, variant, for_teacher=True),
        glossary=_glossary(checked),
        objectives=[typographic(o) for o in lesson.objectives],
        source_notes=typographic_or_none(lesson.source.notes),
        total=len(checked.statements),
        kinds_by_name={k.name: k for k in kinds},
        drafts=sum(s.draft for s in statements),
        plan=_plan(checked),
        grid=_grid(checked, settings, variant),
        version_grids=[
            VersionGrid(other.version, _grid(checked, settings, other))
            for other in versions
            # independent sheets number nothing: every version's key has the same grid
            if other.version and other.version != variant.version and other.numbers
        ],
        marking=_marking(checked, settings),
        selection=checked.selection,
    )


def _grid(checked: CheckedLesson, settings: Settings, variant: Variant) -> list[GridCell]:
    """Every number of ``variant`` with its kind and the badges of the kinds also accepted."""
    cells = []
    for statement in checked.statements:
        annotation = statement.annotation
        style = settings.kinds[annotation.kind]
        cells.append(
            GridCell(
                variant.number(statement.number),
                annotation.kind.value,
                style.badge,
                typographic(style.label),
                [settings.kinds[k].badge for k in annotation.also_accept],
            )
        )
    return sorted(cells, key=lambda cell: cell.number)


@dataclass(frozen=True)
class CoverRow:
    """One student on the class pack's cover sheet."""

    copy: int
    """The copy's place in the pack (1 is the first)."""
    name: str
    level: str
    """The level as printed, with its code (``Guided (K7)``)."""
    version: str | None
    adjustments: str = ""
    """The copy's own font size and theme, if the roster gives them (``14pt, high-readability``)."""


@dataclass(frozen=True)
class CoverContext:
    """Everything the class pack's cover sheet template (``cover.html``) receives."""

    title: str
    language: str
    direction: str
    """``rtl`` for a language written right to left, else ``ltr``."""
    settings: Settings
    document_title: str
    rows: list[CoverRow]
    keys: list[str]
    """The key files that go with the pack, e.g. ``key-guided-A.pdf``."""
    keys_text: str
    """Those file names as a list in the sheets' language."""


@dataclass(frozen=True)
class NameTagsContext:
    """What ``names.html`` receives: one name tag per copy, and where the slot is."""

    language: str
    paper: str
    label: str
    """The word before each name (``Name:``) in the sheets' language."""
    tags: list[NameTag]
    """Each copy's name and the font size (points) at which it fits."""
    slot: Slot
    """Where the name goes: ``left``, ``top``, ``width``, ``height``, ``label`` in mm."""


def _level_with_mark(level: Level, settings: Settings) -> str:
    """``Guided (K7)``: the level's name with the code its students' copies carry."""
    return f"{level_name(level, settings.words)} ({settings.level_marks.get(level, '')})"


def cover_context(checked: CheckedLesson, settings: Settings, pack: PackPlan) -> CoverContext:
    """The class pack's cover sheet: who got which level and version, and the keys to use."""
    language = sheet_language(checked, settings)
    title = typographic(checked.lesson.title)
    keys = list(dict.fromkeys(document_file("key", variant) for variant in pack.variants))
    return CoverContext(
        title=title,
        language=language,
        direction=direction(language),
        settings=settings,
        document_title=settings.words.cover_title.replace("{title}", title),
        rows=[
            CoverRow(
                n,
                copy.name,
                _level_with_mark(copy.variant.level, settings),
                copy.variant.version,
                copy.variant.adjustments,
            )
            for n, copy in enumerate(pack.copies, start=1)
        ],
        keys=keys,
        keys_text=join_list(keys, language),
    )


def name_tags_context(
    checked: CheckedLesson, settings: Settings, pack: PackPlan
) -> NameTagsContext:
    """Every copy's name, sized to fit the name slot, to stamp onto the laid-out copies."""
    from .nametag import SLOT, name_tag  # fontTools: needed for class packs only

    return NameTagsContext(
        language=sheet_language(checked, settings),
        paper=settings.paper,
        label=settings.words.name,
        tags=[name_tag(copy.name) for copy in pack.copies],
        slot=SLOT,
    )
