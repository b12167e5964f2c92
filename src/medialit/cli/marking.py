"""``medialit mark``: read scanned or filled sheets into the class's marks."""

from __future__ import annotations

from pathlib import Path

import click

from medialit.cli.common import echo, handle_errors


@click.command()
@click.argument("scans", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build"),
    show_default=True,
    help="The folder the sheets were built into; the marks go in OUT/<lesson>/marks/.",
)
@click.option("--quiet", is_flag=True, help="Print nothing unless something is wrong.")
@handle_errors
def mark(scans: tuple[Path, ...], out: Path, quiet: bool) -> None:
    """Read SCANS (scanned PDFs, pictures of pages, filled --fillable PDFs; any order, mixed)
    of sheets built with --markable, and score each student's copy against its key.

    Writes OUT/<lesson>/marks/marks.json and marks.csv, with each page aligned and each
    "how do you know?" answer cropped. Ticks that cannot be read for sure are left for you to
    decide: nothing is guessed.
    """
    from medialit.marking.mark import mark_scans

    result = mark_scans(list(scans), out)
    if quiet:
        return
    for note in result.notes:
        echo(f"Note: {note}", err=True)
    if result.absent:
        echo(
            f"Warning: no page of {', '.join(result.absent)} was in the scans: "
            f"{'that student is' if len(result.absent) == 1 else 'those students are'} left "
            "out of the marks. Mark again with every tray if that is not what you meant.",
            err=True,
        )
    copies = len(result.marks.copies)
    waiting = result.marks.waiting
    if result.absent:  # "1 of 3 copies"
        counted = f"{copies} of {result.of_copies} copies"
    else:
        counted = f"{copies} {'copy' if copies == 1 else 'copies'}"
    echo(
        f"{result.lesson}: marked {counted} "
        f"({result.pages} pages) into {result.folder}/marks.csv and marks.json; "
        + (
            f"{waiting} unsure {'tick' if waiting == 1 else 'ticks'} for you to decide."
            if waiting
            else "no unsure ticks."
        )
    )
