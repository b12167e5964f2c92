"""Plan each lesson: read it, settle its settings and render the HTML of every document it
needs (Jinja; cheap), ready to lay out.

A :class:`LessonPlan` holds a lesson's outputs (worksheets, keys, the class pack's cover) and,
with a roster, the class pack's documents: each variant's worksheet and the name tags.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Sequence
from pathlib import Path

from jinja2 import Environment

from medialit.build.documents import ClassPackDocuments as ClassPackDocuments
from medialit.build.documents import Document as Document
from medialit.build.documents import LessonPlan as LessonPlan
from medialit.build.kept_html import KeptHtml
from medialit.build.options import BuildOptions
from medialit.build.settling import SettledLesson, settle, short_versions
from medialit.layout.internals import untested_versions
from medialit.lesson.reading import CheckedLesson
from medialit.render.context import sheet_language, student_context
from medialit.render.number_map import NumberedSheet, numbered_sheet
from medialit.render.sheet_table import (
    COVER,
    NAMES,
    PACK_SHEETS,
    STUDENT,
    VARIANT_SHEETS,
    Sheet,
    SheetInput,
)
from medialit.render.templates import builtin_templates_only, environment, render_context
from medialit.settings.layers import Layer
from medialit.settings.schema import Settings
from medialit.settings.themes import SearchPath
from medialit.sheets.markable import sheet_key
from medialit.sheets.pack import NAMED, plan_pack
from medialit.sheets.roster import RosterEntry
from medialit.sheets.variants import (
    LEVELS,
    PLAIN,
    PLAIN_COPY,
    CopyOptions,
    Level,
    Variant,
    plain_variants,
)


def render_html(
    checked: CheckedLesson,
    settings: Settings,
    template_folders: Sequence[Path] = (),
    variant: Variant = PLAIN,
    theme: Path | None = None,
    allowed_folders: Sequence[Path] = (),
    versions: Sequence[Variant] = (),
    measure: bool = True,
    copy: CopyOptions = PLAIN_COPY,
    others: Sequence[NumberedSheet] = (),
    kept: KeptHtml | None = None,
) -> dict[str, str]:
    """The HTML of each sheet of one variant (student worksheet, key), by the sheet's name.

    The independent key gives each statement's line on the student sheet, so that
    sheet is laid out once first, with its statements' places marked, to measure them.
    Unless ``measure``: nothing is laid out, and every statement is said to start on
    line 1 (for ``medialit check``, which renders the templates to find their mistakes).
    ``copy`` is how the student's copy is made (a name, form fields); the key has none.
    ``others`` are the build's numbered sheets, whose numbers the key maps to its own.
    With ``kept``, the HTML rendered before from the same inputs (not an independent key's,
    whose lines a layout measures).
    """
    if kept is not None and not (variant.level == "independent" and measure):
        every = (checked, settings, template_folders, variant, theme, allowed_folders, versions)
        fresh = functools.partial(render_html, *every, measure, copy, others)
        searched = [*template_folders, *([theme] if theme else [])]  # every folder Jinja reads
        return kept.rendered((*every, measure, copy, others), searched, fresh)
    env = environment(template_folders, theme)
    lines = None
    if variant.level == "independent" and not measure:
        lines = {statement.number: 1 for statement in checked.statements}
    elif variant.level == "independent":
        from medialit.layout.pdf import statement_lines  # imported late: WeasyPrint is slow to load

        measured = student_context(checked, settings, variant, copy, measure=True)
        lines = statement_lines(
            render_context(env, STUDENT.template, measured),
            base_folder=checked.file.parent,
            allowed_folders=[*template_folders, *allowed_folders],
        )
    return {
        sheet.name: sheet.render(
            env,
            SheetInput(
                checked,
                settings,
                variant,
                # a class pack's key is labelled with its level, as the pack's copies are
                copy if sheet.for_students else CopyOptions(named=copy.named),
                lines,
                versions,
                others=others,
            ),
        )
        for sheet in VARIANT_SHEETS
    }


def plan_lesson(
    lesson_file: Path,
    options: BuildOptions,
    roster: Sequence[RosterEntry] | None = None,
    kept: KeptHtml | None = None,
) -> LessonPlan:
    """Read a lesson, settle its settings and render the HTML of every document it needs."""
    settled = settle(lesson_file, options.configuration, options.strict)
    checked, settings, search = settled.checked, settled.settings, settled.search
    folders = search.folders()
    # The logo is named by the teacher's own settings, so its folder may be read too.
    logo = [Path(settings.logo).parent] if settings.logo else []
    plan = LessonPlan(
        checked,
        (*folders, lesson_file.parent, *logo),
        words=settings.words,
        language=sheet_language(checked, settings),
        warnings=settled.warnings,
    )
    short = short_versions(settled, options.select, options.excerpt)
    count = {level: len(version.statements) for level, version in short.items()}

    def render(
        variant: Variant, versions: Sequence[Variant], copy: CopyOptions = PLAIN_COPY
    ) -> dict[str, str]:
        return render_html(
            short[variant.level],
            settings,
            folders,
            variant,
            search.theme,
            plan.allowed_folders,
            [v for v in versions if v.level == variant.level],
            copy=copy,
            # every level's: a mixed pack's keys map the levels' numbers to each other
            others=[numbered_sheet(short[v.level], v) for v in versions],
            kept=kept,
        )

    if roster is None:
        variants = plain_variants(
            [options.level], options.versions, options.seed, count, options.select
        )
        _say_if_unmeasured(plan, variants)
        copy = CopyOptions(fillable=options.fillable, markable=options.markable)
        for variant in variants:
            html = render(variant, variants, copy)
            for sheet in VARIANT_SHEETS:
                output = plan.output(
                    sheet.file(variant), html[sheet.name], sheet.for_students and options.fillable
                )
                if sheet.for_students and options.markable:
                    label = _printed_label(settings, variant, copy)
                    output = dataclasses.replace(
                        output, key=sheet_key(short[variant.level], variant, label)
                    )
                plan.outputs.append(output)
        return plan
    pack = plan_pack(roster, options.level, options.versions, options.seed, count, options.select)
    _say_if_unmeasured(plan, pack.variants)
    # A student's own font size or theme: settings and templates of its own, whose folders
    # every document of the lesson may load from.
    own: dict[CopyOptions, tuple[Settings, SearchPath]] = {}
    for copy in dict.fromkeys(copy for _, copy in pack.layouts):
        layer = _student_layer(copy)
        if layer is not None:
            resolved = options.configuration.resolve(
                checked.worksheet, checked.own_language, checked.file, extra=[layer]
            )
            own[copy] = (resolved.settings, options.configuration.search_path(resolved))
            plan.allowed_folders = (*plan.allowed_folders, *own[copy][1].folders())
    layouts = []
    for variant, copy in pack.layouts:
        marked = dataclasses.replace(copy, markable=options.markable)
        rendered: dict[str, str] | None = None  # the key is the same whoever's copy this is
        if copy not in own:
            rendered = render(variant, pack.variants, marked)
            student = rendered[STUDENT.name]
        else:
            own_settings, own_search = own[copy]
            student = render_html(
                short[variant.level],
                own_settings,
                own_search.folders(),
                variant,
                own_search.theme,
                plan.allowed_folders,
                copy=marked,
                kept=kept,
            )[STUDENT.name]
        name = _pack_layout_name(pack.file, variant, copy)
        label = _printed_label(own[copy][0] if copy in own else settings, variant, marked)
        key = sheet_key(short[variant.level], variant, label) if options.markable else None
        layouts.append(
            Document(
                name,
                None,
                student,
                folders=plan.allowed_folders,
                key=key,
                object_streams=options.split,
            )
        )
        for sheet in VARIANT_SHEETS:
            file = sheet.file(variant)
            if not sheet.for_students and all(output.file != file for output in plan.outputs):
                # One key per level and version, whoever's own size or theme the copy has.
                rendered = rendered or render(variant, pack.variants, NAMED)
                plan.outputs.append(plan.output(file, rendered[sheet.name]))
    env = environment(folders, search.theme)
    pack_input = SheetInput(checked, settings, pack=pack)
    for sheet in PACK_SHEETS:
        if sheet.written:
            file = sheet.file(Variant(selection=pack.selection))
            drawn = _drawn(env, sheet, pack_input, options)
            cover = plan.output(
                file, _html(env, sheet, pack_input, drawn is None or options.write_html)
            )
            plan.outputs.append(dataclasses.replace(cover, drawn=drawn))
    drawn = _drawn(env, NAMES, pack_input, options)
    name_tags = _html(env, NAMES, pack_input, drawn is None)
    tags = Document(
        f"{pack.file} (name tags)", None, name_tags, folders=plan.allowed_folders, drawn=drawn
    )
    plan.class_pack = ClassPackDocuments(pack, layouts, tags)
    return plan


def _html(env: Environment, sheet: Sheet, data: SheetInput, now: bool) -> str | Callable[[], str]:
    """The sheet's HTML, or (not ``now``: drawn from medialit's own templates, and written to
    no file) what renders it when something asks for it; a new roster's cover and name tags
    are drawn, so a second class compiles no template."""
    return sheet.render(env, data) if now else functools.partial(sheet.render, env, data)


def _say_if_unmeasured(plan: LessonPlan, variants: Sequence[Variant]) -> None:
    """Warn when an independent key's line numbers cannot be measured (``layout.internals``)."""
    problem = untested_versions()
    if problem is not None and any(variant.level == "independent" for variant in variants):
        plan.warnings.append(f"the key gives each statement's paragraph, not its line: {problem}")


_DRAWN_TEMPLATES = {
    COVER.template: (COVER.template, "fonts.css", "fallback-fonts.css"),
    NAMES.template: (NAMES.template, "fallback-fonts.css"),
}


def _drawn(env: Environment, sheet: Sheet, data: SheetInput, options: BuildOptions) -> bytes | None:
    """The class pack's cover or name tags drawn, when made from medialit's own templates and
    drawing prints them as a layout would; else ``None`` (they are laid out). They name the
    students, so a second class would otherwise lay them out while all else is kept."""
    if not builtin_templates_only(env, _DRAWN_TEMPLATES[sheet.template]):
        return None
    from medialit.layout import drawn_pack  # fontTools and pydyf: class packs only

    context = sheet.context(data)
    if sheet is COVER:
        return drawn_pack.draw_cover(context, options.created)
    return drawn_pack.draw_name_tags(context, options.created)


def _pack_layout_name(pack_file: str, variant: Variant, copy: CopyOptions) -> str:
    """``class-pack.pdf (student-B.pdf)``, with a student's own size and theme if any."""
    own = [x for x in (copy.font_size, copy.theme) if x]
    return f"{pack_file} ({', '.join([STUDENT.file(variant), *own])})"


def _student_layer(copy: CopyOptions) -> Layer | None:
    """A student's own font size and theme (from the roster) as a settings layer."""
    values = {"font_size": copy.font_size, "theme": copy.theme}
    values = {key: value for key, value in values.items() if value is not None}
    return Layer("roster", values) if values else None


def check_sheets(settled: SettledLesson) -> None:
    """Render, without laying out, one of each kind of sheet the lesson's builds can make, so
    that a mistake in a template is found by ``medialit check`` as ``build`` would find it.

    Each value a template can branch on is rendered once: the worksheet and the key at
    every level (one version, not fillable, no name), a fillable worksheet, and a class
    pack of four (two versions of the standard level, one student at each other level):
    a named copy, its key with the other version's grid, the cover and the name tags.
    """
    checked, settings, search = settled.checked, settled.settings, settled.search
    folders = search.folders()
    short = short_versions(settled)

    def render(
        variant: Variant, versions: Sequence[Variant] = (), copy: CopyOptions = PLAIN_COPY
    ) -> None:
        render_html(
            short[variant.level],
            settings,
            folders,
            variant,
            search.theme,
            (),
            [v for v in versions if v.level == variant.level],
            measure=False,
            copy=copy,
            others=[numbered_sheet(short[v.level], v) for v in versions],
        )

    for level in LEVELS:
        render(Variant(level))
    env = environment(folders, search.theme)
    for sheet in VARIANT_SHEETS:
        if sheet.for_students:  # the fillable copy
            fillable = CopyOptions(fillable=True)
            sheet.render(env, SheetInput(short["standard"], settings, PLAIN, fillable))
    levels: list[Level] = ["standard", "standard", "guided", "independent"]
    roster = [
        RosterEntry(f"{settings.words.student} {n}", n, level=level)
        for n, level in enumerate(levels, start=1)
    ]
    counts = {level: len(lesson.statements) for level, lesson in short.items()}
    pack = plan_pack(roster, "standard", 2, 0, counts)
    first = pack.copies[0]
    render(first.variant, pack.variants, copy=first.options)
    for sheet in PACK_SHEETS:
        sheet.render(env, SheetInput(checked, settings, pack=pack))


def _printed_label(settings: Settings, variant: Variant, copy: CopyOptions) -> str:
    """The level and version as the student's copy prints them: the level's neutral code."""
    mark = settings.level_marks.get(variant.level, "")
    return variant.marked_label(mark, settings.words, for_teacher=False, named=copy.named)
