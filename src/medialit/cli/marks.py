"""``medialit marks LESSON``: the outputs made from the class's marks, or the marking page.

``medialit mark SCANS...`` reads the scans into ``build/<lesson>/marks/marks.json``; this
command works from that file: ``--review`` opens the page that bands the reasons and
decides the unsure ticks, and without it the outputs are written beside the file.
"""

from __future__ import annotations

from pathlib import Path

import click

from medialit.cli.common import echo, handle_errors


@click.command()
@click.argument("lesson", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build"),
    show_default=True,
    help="The folder build and mark wrote into; the marks are in <out>/<lesson>/marks/.",
)
@click.option(
    "--review",
    is_flag=True,
    help="Open the marking page: band each reason with 1, 2 or 3, decide the unsure ticks.",
)
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="With --review: the port.")
@click.option("--no-open", is_flag=True, help="With --review: do not open the browser.")
@click.option(
    "--gradebook",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Your platform's gradebook export (Moodle or Canvas, CSV): also write a gradebook "
    "to import, with this lesson's total for each student.",
)
@click.option(
    "--provisional",
    is_flag=True,
    help="While unsure ticks still wait: write the class report only, marked provisional.",
)
@handle_errors
def marks(
    lesson: Path,
    out: Path,
    review: bool,
    port: int,
    no_open: bool,
    gradebook: Path | None,
    provisional: bool,
) -> None:
    """Mark LESSON's reasons in the browser (--review), or write what the marks make:
    marks.csv, feedback/<student>.pdf, class-report.pdf and, with --gradebook, a gradebook.

    Reads <out>/<lesson>/marks/marks.json, which medialit mark SCANS... writes. Nothing is
    final while an unsure tick waits: decide each on the marking page first.
    """
    from medialit.errors import MedialitError, Problem

    if not lesson.is_file():
        raise MedialitError(Problem("no such lesson file; check the path.", file=lesson))
    if review:
        from medialit.marking.review import serve_review

        folder = out / lesson.stem / "marks"
        serve_review(lesson, folder, port=port, open_browser=not no_open, echo=echo)
        return
    from medialit.marking.outputs import write_outputs

    written = write_outputs(lesson, out, provisional=provisional, gradebook=gradebook)
    for path in written.files:
        echo(f"wrote {path}")
    if written.earlier_feedback:
        count = len(written.earlier_feedback)
        echo(
            f"Warning: the marks folder also holds {count} feedback sheet"
            f"{'s' if count > 1 else ''} of an earlier run that this one did not write again "
            f"({', '.join(written.earlier_feedback)}): hand out only this run's, and delete "
            "those if they are out of date.",
            err=True,
        )
    if written.waiting:
        echo(
            f"Warning: provisional: {written.waiting} unsure ticks still wait; only the class "
            f"report was written. Decide them with: medialit marks {lesson} --review",
            err=True,
        )
    if written.not_scored:
        echo(
            f"Note: {'; '.join(written.not_scored)}: no total in marks.csv, the gradebook or "
            "the class average (the sheet has no ticks to score).",
            err=True,
        )
    if written.without_copy:
        names = ", ".join(written.without_copy)
        echo(
            f"Warning: no marked copy for {names}: left out of the gradebook (the platform "
            "keeps what it has for them).",
            err=True,
        )
    if written.not_in_gradebook:
        echo(
            f"Warning: marked but not in the gradebook: {', '.join(written.not_in_gradebook)} "
            "(no row of the export has that name): add their marks by hand, or check how the "
            "platform spells the name.",
            err=True,
        )
    if written.without_identifier:
        names = ", ".join(written.without_identifier)
        echo(
            f"Warning: {names} {'have' if len(written.without_identifier) > 1 else 'has'} no "
            "identifier in the gradebook export (an empty cell): left out of the gradebook, "
            "which Moodle would otherwise give to the student on the row before. Fill it in "
            "Moodle and export again.",
            err=True,
        )
