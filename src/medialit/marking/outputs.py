"""Write everything made from the marks: ``marks.csv``, the gradebook, the feedback, the report.

Every output is made in memory first and written with :func:`medialit.files.write_all`, so
a problem (a missing page image, a gradebook export that is not one) leaves the earlier
outputs as they were. Nothing is final while an unsure tick waits for the teacher: then
only the class report is written, marked provisional, and only when asked.
"""

from __future__ import annotations

import datetime
import json
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from medialit.errors import MedialitError, Problem
from medialit.files import interruptions_held, write_all
from medialit.marking.csvfiles import gradebook_csv, marks_csv, statement_ids
from medialit.marking.feedback import feedback_filename, feedback_html, is_feedback_filename
from medialit.marking.guide import check_marks_match, read_guide
from medialit.marking.pages import pdf_of
from medialit.marking.report import class_report, report_html
from medialit.marking.store import MARKS_FILE, load_marks
from medialit.processes import stop_workers, worker_started

REPORT_PDF = "class-report.pdf"


@dataclass(frozen=True)
class Written:
    files: list[Path]
    waiting: int
    without_copy: list[str] = field(default_factory=list)
    """Students of the gradebook export with no marked copy: left out of the gradebook."""
    without_identifier: list[str] = field(default_factory=list)
    """Students of a Moodle export with an empty identifier cell: left out of the gradebook."""
    not_in_gradebook: list[str] = field(default_factory=list)
    """Marked copies no row of the gradebook export matched: their totals are in no gradebook."""
    earlier_feedback: list[str] = field(default_factory=list)
    """Feedback sheets an earlier run wrote that this one did not write again: named once."""
    not_scored: list[str] = field(default_factory=list)
    """Copies with nothing to score (``Dev Patel: independent level, not scored``): no total."""


def waiting_message(waiting: int, marks_file: Path, lesson: Path) -> str:
    items = f"{waiting} unsure tick{'s' if waiting != 1 else ''}"
    return (
        f"{items} still wait{'s' if waiting == 1 else ''} for you, so no marks are final and "
        f"none were written; decide each on the marking page: medialit marks {lesson} --review "
        "(or write a provisional class report with --provisional)."
    )


def write_outputs(
    lesson: Path,
    out: Path,
    *,
    provisional: bool = False,
    gradebook: Path | None = None,
    created: datetime.datetime | None = None,
) -> Written:
    """Write the outputs of ``out/<lesson>/marks/marks.json`` beside it."""
    guide = read_guide(lesson)
    folder = out / lesson.stem / "marks"
    marks_file = folder / MARKS_FILE
    marks = load_marks(marks_file).marks
    check_marks_match(marks, guide, marks_file)
    created = created or datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    if marks.waiting and not provisional:
        raise MedialitError(Problem(waiting_message(marks.waiting, marks_file, lesson), marks_file))
    _check_images(marks_file, folder, [p.image for c in marks.copies for p in c.pages])
    files: dict[str, bytes] = {}
    without: list[str] = []
    unidentified: list[str] = []
    unmatched: list[str] = []
    if gradebook is not None and not marks.waiting:  # first: a wrong file is told at once
        made = gradebook_csv(marks, gradebook, guide.title, lesson)
        files[made.filename] = made.data
        without, unidentified = made.without_copy, made.without_identifier
        unmatched = made.not_in_gradebook
    not_scored = [copy.not_scored for copy in marks.copies if not copy.scored]
    pages = {
        REPORT_PDF: report_html(
            class_report(marks, guide), guide, for_browser=False, lesson=str(lesson)
        )
    }
    if not marks.waiting:
        files["marks.csv"] = marks_csv(marks, statement_ids(marks, guide))
        for copy in marks.copies:
            pages[feedback_filename(copy)] = feedback_html(copy, guide, folder)
    files.update(_laid_out(pages, folder, created))
    write_all(folder, files, within=out)
    earlier = [] if marks.waiting else _earlier_feedback(folder, files, out)
    return Written(
        [folder / name for name in files],
        marks.waiting,
        without,
        unidentified,
        unmatched,
        earlier,
        not_scored,
    )


def _laid_out(pages: dict[str, str], folder: Path, created: datetime.datetime) -> dict[str, bytes]:
    """Each page's PDF, laid out on every core: a class's sheets take a minute on one."""
    workers = min(os.cpu_count() or 1, len(pages))
    if workers <= 1:
        return {name: pdf_of(html, folder, created) for name, html in pages.items()}
    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=worker_started, initargs=(os.getpid(),)
    )
    try:
        with interruptions_held():  # while the workers are forked (processes.py says why)
            futures = {
                name: pool.submit(pdf_of, html, folder, created) for name, html in pages.items()
            }
        made = {name: future.result() for name, future in futures.items()}
    except BaseException:
        # Ctrl-C: stop now, not after every queued page (a class's take a minute).
        stop_workers(pool)
        raise
    pool.shutdown()
    return made


FEEDBACK_RECORD = ".feedback-written.json"
"""Beside marks.json: which feedback sheets the last run wrote, the only files a later run
names as stale."""


def _earlier_feedback(folder: Path, written: dict[str, bytes], out: Path) -> list[str]:
    """The feedback sheets the last run wrote that this one did not write again (a copy no
    longer marked, a student renamed, another class marked into this folder): named, so that
    none is handed out stale, and never removed (they may be another class's only feedback,
    and a teacher's own files in the folder are no business of ours). Each is named once:
    the record then lists this run's sheets only."""
    record = folder / FEEDBACK_RECORD
    try:
        listed = json.loads(record.read_text(encoding="utf-8")).get("written", [])
    except (OSError, ValueError, AttributeError):
        listed = []
    earlier = sorted(
        name
        for name in (listed if isinstance(listed, list) else [])
        if isinstance(name, str)
        and is_feedback_filename(name.removeprefix("feedback/"))
        and name.startswith("feedback/")
        and name not in written
        and (folder / name).is_file()
        and not (folder / name).is_symlink()
    )
    ours = sorted(name for name in written if name.startswith("feedback/"))
    write_all(folder, {FEEDBACK_RECORD: json.dumps({"written": ours}).encode()}, within=out)
    return earlier


def _check_images(marks_file: Path, folder: Path, images: list[str]) -> None:
    missing = sorted({image for image in images if not (folder / image).is_file()})
    if missing:
        shown = ", ".join(missing[:5]) + (
            f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        )
        raise MedialitError(
            Problem(
                f"these page images are missing from {folder}: {shown}; nothing was written. "
                "Read the scans again with medialit mark, which makes them.",
                file=marks_file,
            )
        )
