"""A feedback sheet per student: their own pages, each statement marked, with the key's why.

One student's sheet holds that student's work only: their scanned pages, their ticks and
bands, and the key. Each statement's result is written beside its "how do you know?" area
on their page (where the reader found it), and listed on a first page with the key's kind
and its why, so that the sheet explains, not only scores.

Each page goes into the sheet as a JPEG (quality 90, the scan's own pixels): WeasyPrint embeds
a JPEG as it is, but compresses a PNG again, which was half the time of a class's sheets, and
a scan's grain makes PNGs large.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from medialit.lesson.model import LEVELS
from medialit.marking.csvfiles import number
from medialit.marking.guide import BandGuide, MarkingGuide, StatementGuide
from medialit.marking.pages import render_page
from medialit.marking.results import FULL_MARK, HALF_MARK, CopyMarks, StatementMark
from medialit.sheets.filenames import safe_stem

RESULT_WORDS = {"right": "right", "half": "half marks", "wrong": "not this time"}
RESULT_SIGNS = {"right": "✓", "half": "½", "wrong": "✗"}
JPEG_QUALITY = 90
A4_RATIO = 297 / 210
LETTER_RATIO = 11 / 8.5


@dataclass(frozen=True)
class FeedbackRow:
    mark: StatementMark
    guide: StatementGuide | None
    result: str
    band: BandGuide | None

    @property
    def chosen(self) -> str:
        if self.mark.answer:
            return self.mark.answer
        marked = [kind for kind, state in self.mark.ticks.items() if state != "empty"]
        # Two ticks, or a mark the teacher could not take for one kind: something was ticked.
        if len(marked) > 1:
            return "more than one kind ticked: none counted"
        return "no clear tick: none counted" if marked else "no kind ticked"


def result_of(mark: StatementMark) -> str:
    if mark.score == FULL_MARK:
        return "right"
    return "half" if mark.score == HALF_MARK else "wrong"


def feedback_filename(copy: CopyMarks) -> str:
    """``feedback/07-ana-lópez.pdf``, ``feedback/08-王小明.pdf``: sorted by copy, named for the
    teacher to hand out, the name kept as the pack's own copy keeps it (``copies/07-ana-lópez.pdf``:
    :func:`medialit.sheets.filenames.safe_stem`)."""
    return f"feedback/{copy.copy:02d}-{safe_stem(copy.name, 'copy')}.pdf"


def is_feedback_filename(name: str) -> bool:
    """Whether ``name`` (in ``feedback/``) is one :func:`feedback_filename` could have made;
    an earlier version's accent-free names are too."""
    number, _, rest = name.partition("-")
    stem = rest.removesuffix(".pdf")
    return (
        len(number) >= 2
        and number.isascii()
        and number.isdigit()
        and rest.endswith(".pdf")
        and safe_stem(stem, "") == stem
    )


def printed_label(copy: CopyMarks) -> str:
    """What the student's copy printed for its level and version (``K7 · Version B``); for
    marks read before copies kept it, the version's letter alone: never the level's name."""
    if copy.label:
        return copy.label
    letter = copy.version.rpartition("-")[2] if copy.version not in LEVELS else ""
    return f"Version {letter}" if letter else ""


def paper_of(image: Path) -> str:
    """``a4`` or ``letter``: the paper whose shape the page image has (it fills the page)."""
    return page_picture(image)[1]


def page_picture(image: Path) -> tuple[str, str]:
    """The page image as a JPEG ``data:`` address (its own file name when it cannot be read:
    WeasyPrint then reports it), and its paper."""
    try:
        with Image.open(image) as opened:
            width, height = opened.size
            stream = io.BytesIO()
            opened.convert("L" if opened.mode in ("1", "L", "LA", "I;16") else "RGB").save(
                stream, "JPEG", quality=JPEG_QUALITY
            )
    except OSError:
        return image.resolve().as_uri(), "a4"
    ratio = height / width if width else A4_RATIO
    paper = "letter" if abs(ratio - LETTER_RATIO) < abs(ratio - A4_RATIO) else "a4"
    return "data:image/jpeg;base64," + base64.b64encode(stream.getvalue()).decode(), paper


def feedback_html(
    copy: CopyMarks, guide: MarkingGuide, folder: Path, *, provisional: bool = False
) -> str:
    rows = [
        FeedbackRow(
            mark,
            guide.find(mark.statement_id),
            result_of(mark),
            guide.bands[mark.band - 1] if mark.band else None,
        )
        for mark in sorted(copy.statements, key=lambda m: m.number)
    ]
    badges: dict[int, list[tuple[float, FeedbackRow]]] = {}
    for row in rows:
        box = row.mark.reason_box
        if box is not None:
            badges.setdefault(box.page, []).append((box.y + 3, row))
    return render_page(
        "feedback.html",
        title=guide.title,
        name=copy.name or f"Copy {copy.copy}",
        label=printed_label(copy),
        copy=copy,
        rows=rows,
        total=number(copy.total),
        out_of=len(rows),
        pages=[
            (p, *page_picture(folder / p.image)) for p in sorted(copy.pages, key=lambda p: p.page)
        ],
        badges=badges,
        words=RESULT_WORDS,
        signs=RESULT_SIGNS,
        provisional=provisional,
    )
