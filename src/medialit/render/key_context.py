"""Turn a checked lesson and the settings into the answer key's template context.

The key gets everything the student worksheet gets (:mod:`medialit.render.context`)
plus the answers: each statement's kind and explanation, the answers-at-a-glance
grids, the lesson plan and the marking guide. Pure: no I/O, no rendering.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from medialit.lesson.model import KIND_ORDER
from medialit.lesson.reading import CheckedLesson
from medialit.render.context import (
    KindInfo,
    SharedFields,
    StudentQuestion,
    StudentStatement,
    WorksheetContext,
    article_blocks,
    glossary_items,
    kind_infos,
    opening_words,
    shared_fields,
    sheet_language,
    statement_text,
)
from medialit.render.marking_guide import builtin_marking
from medialit.render.number_map import NumberedSheet, PlanNumbers, SheetNumbers, number_map
from medialit.render.typography import typographic, typographic_or_none
from medialit.settings.languages import join_list
from medialit.settings.schema import Settings
from medialit.sheets.variants import PLAIN, PLAIN_COPY, Variant


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
class KeyQuestion(StudentQuestion):
    """A discussion question with the teacher's notes."""

    notes: str | None
    draft: bool = False
    """Suggested by ``medialit new`` and not yet accepted: the key marks it."""


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
    draft: bool = False
    """Suggested by ``medialit new`` and not yet accepted: the key marks it."""


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
    paragraph: int | None = None
    line: int | None = None
    """Where the statement starts, for the independent level, whose sheet prints no numbers:
    the teacher finds it by paragraph and line, as the students do."""


@dataclass(frozen=True)
class VersionGrid:
    """Another version's answers at a glance."""

    version: str
    cells: list[GridCell]


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
    full_numbers: list[tuple[int, int]] = field(default_factory=list)
    """For a selection's key, each printed number and the number the same statement has on
    the full sheet (no selection), so a class with both sheets can go over answers together;
    empty otherwise and at the independent level."""
    number_map: list[SheetNumbers] = field(default_factory=list)
    """Each statement's number on the other sheets of the build (this sheet's own first, then
    the sheet without versions, the full sheet, the other versions and levels), in this
    sheet's order; empty when every sheet numbers as this one does, and at the independent
    level."""


def _plan(checked: CheckedLesson) -> PlanInfo | None:
    """The plan that times this version: the selection's own (``plans:``), else ``plan``."""
    lesson = checked.lesson
    plan = lesson.plans.get(checked.selection) if checked.selection else None
    plan = plan or lesson.plan
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
        draft=plan.draft,
    )


def _plan_numbers(checked: CheckedLesson) -> PlanNumbers | None:
    """Whose numbers the printed plan uses: a selection's own plan numbers the selection in
    reading order (``"selection"``), the lesson's plan the full sheet (``"full"``)."""
    lesson = checked.lesson
    if checked.selection and checked.selection in lesson.plans:
        return "selection"
    return "full" if lesson.plan is not None else None


def _marking(checked: CheckedLesson, settings: Settings) -> list[MarkingBandInfo]:
    bands = checked.lesson.marking or builtin_marking(sheet_language(checked, settings))
    return [
        MarkingBandInfo(typographic(b.band), typographic(b.description), typographic(b.sample))
        for b in bands
    ]


def key_context(
    checked: CheckedLesson,
    settings: Settings,
    variant: Variant = PLAIN,
    lines: dict[int, int] | None = None,
    versions: Sequence[Variant] = (),
    others: Sequence[NumberedSheet] = (),
    *,
    in_pack: bool = False,
) -> KeyContext:
    """The teacher key's context: the worksheet's, plus every answer and note.

    ``lines`` gives, by reading-order number, the line of its paragraph where each
    statement starts on the independent student sheet (measured by the PDF stage).
    ``versions`` are the other versions of the same level, whose grids the key also
    prints so that one key marks a mixed pile. ``others`` are the build's other sheets,
    every level's, whose numbers the key's number map gives beside this sheet's.
    ``in_pack``: the key of a class pack, labelled with its level at the top of each page
    (``Standard (M3)``) even without versions, as the pack's copies print their level's code.
    """
    lesson = checked.lesson
    language = sheet_language(checked, settings)
    labels = {kind: settings.kinds[kind].label for kind in KIND_ORDER}
    statements = [
        KeyStatement(
            number=variant.number(s.number),
            text=(text := statement_text(checked, s)),
            opening=opening_words(text),
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
    kinds = kind_infos(settings, checked.count_by_kind())
    return KeyContext(
        document="key",
        blocks=article_blocks(checked, variant, with_kinds=True),
        statements=sorted(statements, key=lambda s: s.number),
        questions=[
            KeyQuestion(n, typographic(q.text), typographic_or_none(q.notes), q.draft)
            for n, q in enumerate(lesson.questions, start=1)
        ],
        kinds=kinds,
        document_title=settings.words.key_title.replace("{title}", typographic(lesson.title)),
        **_shared_fields(checked, settings, variant, in_pack),
        glossary=glossary_items(checked),
        objectives=[typographic(o) for o in lesson.objectives],
        source_notes=typographic_or_none(lesson.source.notes),
        total=len(checked.statements),
        kinds_by_name={k.name: k for k in kinds},
        drafts=sum(s.draft for s in statements),
        plan=_plan(checked),
        grid=_grid(checked, settings, variant, lines),
        version_grids=[
            VersionGrid(other.version, _grid(checked, settings, other))
            for other in versions
            # independent sheets number nothing: every version's key has the same grid
            if other.version and other.version != variant.version and other.numbers
        ],
        marking=_marking(checked, settings),
        selection=checked.selection,
        full_numbers=sorted(
            (variant.number(s.number), s.full_number)
            for s in checked.statements
            if s.full_number is not None and variant.level != "independent"
        ),
        number_map=number_map(checked, variant, settings, others, _plan_numbers(checked)),
    )


def _shared_fields(
    checked: CheckedLesson, settings: Settings, variant: Variant, in_pack: bool
) -> SharedFields:
    """The fields the key shares with the worksheet; a class pack's key names its level even
    when a plain build's would not (the standard level, one version), as its copies do."""
    shared = shared_fields(checked, settings, variant, PLAIN_COPY, for_teacher=True)
    if in_pack:
        mark = settings.level_marks.get(variant.level, "")
        label = variant.marked_label(mark, settings.words, for_teacher=True, named=True)
        shared["variant_label"] = label
    return shared


def _grid(
    checked: CheckedLesson,
    settings: Settings,
    variant: Variant,
    lines: dict[int, int] | None = None,
) -> list[GridCell]:
    """Every number of ``variant`` with its kind and the badges of the kinds also accepted.

    At the independent level each number also gets its paragraph and line (``lines``).
    """
    independent = variant.level == "independent"
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
                checked.blocks[statement.block].number if independent else None,
                (lines or {}).get(statement.number) if independent else None,
            )
        )
    return sorted(cells, key=lambda cell: cell.number)
