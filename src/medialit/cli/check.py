"""``medialit check``: each lesson checked as a build would check it, without laying it out.

A module of its own, so that a check defines no other command's options (``new`` and
``preview`` have many): ``medialit check`` is what a teacher runs most often.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from medialit.cli.common import EXIT_INPUT, SettingsChoice, collector_paused, echo, handle_errors
from medialit.errors import MedialitError


@click.command()
@click.argument("lessons", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--strict",
    is_flag=True,
    help="Fail, as build --strict does, if some text has characters no installed font can print.",
)
@handle_errors
def check(lessons: tuple[Path, ...], strict: bool) -> None:
    """Check each LESSON (file or folder; default ./lessons) as a build would, without laying out.

    Reads the lesson and its settings, renders your own templates and theme, and looks for
    text no installed font can print. Prints one line per lesson: its statements by kind,
    or every problem found.
    """
    with collector_paused() as loaded:
        from medialit.build.checking import check_lesson
        from medialit.drafting.review import not_reviewed, review_warnings
        from medialit.lesson.loose_ends import loose_end_warnings
        from medialit.lesson.model import KIND_ORDER
        from medialit.lesson.one_tick import one_tick_warnings
        from medialit.lesson.reading import find_lessons
        from medialit.settings.untranslated import untranslated_warnings

        files = find_lessons(lessons or (Path("lessons"),))
        if not files:
            raise click.UsageError("no lesson files (*.yaml) found; name a lesson or a folder.")
        # The settings are checked as a build checks them, so check and build agree.
        configuration = SettingsChoice().configuration()
        loaded()
        failed = 0
        for file in files:
            try:
                settled = check_lesson(file, configuration, strict)
            except MedialitError as exc:
                failed += 1
                echo(f"Error: {exc}", err=True)
                continue
            for message in settled.warnings:  # as build says them, before anything else
                echo(f"Warning: {message}", err=True)
            checked = settled.checked
            counts = checked.count_by_kind()
            summary = ", ".join(f"{counts[kind]} {kind.value}" for kind in KIND_ORDER)
            waiting = not_reviewed(checked)
            to_review = f"; to review: {waiting} (see the warnings)" if waiting else ""
            echo(f"{file}: OK: {len(checked.statements)} statements ({summary}){to_review}")
            own_words = untranslated_warnings(checked)
            loose_ends = loose_end_warnings(checked)
            for warning in (
                review_warnings(checked) + one_tick_warnings(checked) + loose_ends + own_words
            ):
                echo(f"Warning: {warning}", err=True)
        if failed:
            echo(f"{failed} of {len(files)} lessons have problems.", err=True)
            sys.exit(EXIT_INPUT)
