"""``medialit mark`` side by side with Auto Multiple Choice on the same bad scans (issue 21).

Auto Multiple Choice (AMC, Debian's ``auto-multiple-choice``) reads ticked boxes from scans
of sheets it made itself. This benchmark makes both kinds of sheet for one class and fills
them in and scans them with the SAME functions (``tests/marking_support.py``: ``fill_copy``
draws the ticks, crosses, two ticks, light and crossed-out ticks; ``distort`` turns, scales,
skews, blurs, noises and JPEG-compresses a page, upside down or photographed askew), then
lets each tool read its own sheets with its own command-line pipeline:

- medialit: ``medialit build --markable`` (``lessons/school-start-time.yaml``, guided level:
  four pages a copy, 9 statements of 3 boxes) and ``medialit mark SCANS...``;
- AMC: a LaTeX sheet with as many questions, 3 boxes each (Evidence, Inference, Assertion),
  through ``auto-multiple-choice prepare --mode s``, ``meptex``, ``prepare --mode b``,
  ``imprime --methode file`` (one PDF a copy), ``analyse`` and ``note``. A box is ticked
  as AMC's own ``ticked`` query decides it (capture.pm: darkness at least ``seuil`` 0.15
  and at most ``seuil_up`` 1.0 of the box, AMC's defaults).

    .venv/bin/python benchmarks/bench_amc.py [--copies 10] [--seed 1]

Installs AMC from Debian if it is missing (``apt-get install --no-install-recommends
auto-multiple-choice``, as root, saying so) or stops with a message. AMC is never part of
the test suite.

At each distortion level it prints, for each tool: the tick boxes read right, the wrong
reads nobody is told about, the pages identified, and seconds a page (the reading commands'
wall time over the pages given, and their CPU time, children included: ``medialit mark``;
AMC's ``analyse`` and ``note``). "Right" for medialit is the state drawn: a light or
crossed-out tick must read *unsure* (the teacher decides it on the marking page). AMC has no
unsure state: each box is ticked or not, so for AMC "right" is what the student meant (a
light tick ticked, a crossed-out tick empty). AMC flags pages, not boxes: its capture list
shows a page in red when its corner marks fit badly or one of its boxes is near the
threshold (its defaults), so a wrong read on a red page counts as flagged.
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests/marking_support.py fills and scans the pages

import cv2  # noqa: E402
from amc_pipeline import AMC, amc_sheets, analyse, children_cpu, need_amc  # noqa: E402

from medialit.build.run import BuildOptions, build_lesson  # noqa: E402
from medialit.marking.results import ClassMarks  # noqa: E402
from medialit.sheets.markable import MarkableSet, SheetLayout  # noqa: E402
from tests.marking_support import (  # noqa: E402
    ANSWERS,
    KINDS,
    Truth,
    distort,
    fill_copy,
    meant,
    render,
)

LESSON = ROOT / "lessons/school-start-time.yaml"
LEVELS = (
    ("scanned at 300 dpi", 300, "scan"),
    ("scanned at 200 dpi", 200, "scan"),
    ("scanned at 150 dpi", 150, "scan"),
    ("upside down, 200 dpi", 200, "upside"),
    ("photographed askew, 200 dpi", 200, "photo"),
)
"""Every page of a level is turned up to 3°, scaled up to 4 %, skewed, blurred, noised and
JPEG-compressed by ``distort``; the level adds the resolution, upside down or a perspective."""


@dataclass
class Reading:
    """What one tool made of one level's scans."""

    boxes: int = 0
    right: int = 0
    unflagged: int = 0
    pages: int = 0
    identified: int = 0
    seconds: float = 0.0
    cpu: float = 0.0
    """CPU time of the reading processes and their children (user + system)."""
    failed: str = ""
    expected: int = 0
    """Boxes on every copy given, read or not: a page not identified leaves its boxes unread."""
    flagged_pages: int = 0
    wrong: collections.Counter[str] = field(default_factory=collections.Counter)
    """The wrong reads by what was drawn and what was read, e.g. ``crossed-out -> ticked``."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=10, help="copies a level (default 10)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    need_amc()
    version = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Version}", AMC], capture_output=True, text=True
    ).stdout
    print(f"Auto Multiple Choice {version} (Debian), medialit from {ROOT}")
    with tempfile.TemporaryDirectory(prefix="bench-amc-") as temporary:
        folder = Path(temporary)
        started = time.perf_counter()
        record, copies = _medialit_sheets(folder, args.copies)
        sheet = record.sheets[record.copies[0].sheet]
        print(
            f"medialit: built {len(copies)} markable copies of {sheet.pages} pages, "
            f"{len(sheet.statements)} statements, in {time.perf_counter() - started:.1f} s"
        )
        started = time.perf_counter()
        project = folder / "amc"
        amc_layout, amc_copies = amc_sheets(project, len(sheet.statements), args.copies)
        print(
            f"AMC: made {len(amc_copies)} copies of {amc_layout.pages} page(s), "
            f"{len(amc_layout.statements)} questions of 3 boxes, in "
            f"{time.perf_counter() - started:.1f} s (prepare, meptex, imprime)"
        )
        results: list[tuple[str, Reading, Reading]] = []
        for n, (label, dpi, style) in enumerate(LEVELS):
            level = folder / f"level-{n}"
            level.mkdir()
            # The same answers on both tools' copies: what each student does per statement.
            plan = random.Random(f"{args.seed}-{n}")
            answers = [[plan.choice(ANSWERS) for _ in sheet.statements] for _ in range(args.copies)]
            ours = _read_with_medialit(
                folder, level, record, copies, answers, (dpi, style), args.seed + n
            )
            theirs = _read_with_amc(
                project, level, amc_layout, amc_copies, answers, (dpi, style), args.seed + n
            )
            ours.expected = theirs.expected = args.copies * len(sheet.statements) * 3
            results.append((label, ours, theirs))
            _print_level(label, ours, theirs)
        _print_table(results)
        print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} (2 cores, shared)")


def _medialit_sheets(folder: Path, count: int) -> tuple[MarkableSet, list[Path]]:
    roster = folder / "class.csv"
    names = [f"Student {n:02d}" for n in range(1, count + 1)]
    roster.write_text("name\n" + "\n".join(names) + "\n", encoding="utf-8")
    options = BuildOptions(
        out=folder / "build", markable=True, roster=roster, level="guided", split=True, jobs=2
    )
    build_lesson(LESSON, options)
    [record_file] = (folder / "build" / LESSON.stem / "markable").glob("*.json")
    record = MarkableSet.from_json(record_file.read_bytes())
    copies = sorted((folder / "build" / LESSON.stem / "copies").glob("*.pdf"))
    return record, copies


def _scan_copies(
    pdfs: list[Path],
    record: MarkableSet,
    sheets: list[int],
    answers: list[list[str]],
    scan: tuple[int, str],
    rng: random.Random,
) -> tuple[list[tuple[int, Truth]], list[list]]:
    """Each copy filled in with its answers and every page scanned: the truths, the images."""
    dpi, style = scan
    truths, images = [], []
    for n, (pdf, sheet) in enumerate(zip(pdfs, sheets, strict=True)):
        pages, truth = fill_copy(render(pdf), record, sheet, rng, list(answers[n]))
        truths.append((n, truth))
        images.append(
            [
                distort(page, rng, dpi, upside_down=style == "upside", photo=style == "photo")
                for page in pages
            ]
        )
    return truths, images


def _write_images(folder: Path, images: list[list], rng: random.Random) -> list[Path]:
    """Every page as a loose picture, shuffled: both tools are given the same kind of file."""
    folder.mkdir()
    files = []
    for copy, pages in enumerate(images):
        for page, image in enumerate(pages, start=1):
            path = folder / f"copy{copy:02d}-page{page}.png"
            cv2.imwrite(str(path), image)
            files.append(path)
    rng.shuffle(files)
    return files


def _read_with_medialit(
    folder: Path,
    level: Path,
    record: MarkableSet,
    copies: list[Path],
    answers: list[list[str]],
    scan: tuple[int, str],
    seed: int,
) -> Reading:
    rng = random.Random(seed)
    sheets = [entry.sheet for entry in record.copies]
    truths, images = _scan_copies(copies, record, sheets, answers, scan, rng)
    files = _write_images(level / "medialit-scans", images, rng)
    out = level / "build"
    shutil.copytree(folder / "build", out)
    reading = Reading(pages=len(files))
    command = [str(Path(sys.executable).parent / "medialit"), "mark", *map(str, files)]
    started, cpu = time.perf_counter(), children_cpu()
    done = subprocess.run([*command, "--out", str(out)], capture_output=True, text=True)
    reading.seconds = time.perf_counter() - started
    reading.cpu = children_cpu() - cpu
    if done.returncode != 0:
        reading.failed = done.stderr.strip().splitlines()[0] if done.stderr.strip() else "failed"
        return reading
    marks = ClassMarks.load(out / LESSON.stem / "marks" / "marks.json")
    by_copy = {entry.copy: n for n, entry in enumerate(record.copies)}
    truth_of = dict(truths)
    for copy in marks.copies:
        reading.identified += len(copy.pages)
        truth = truth_of[by_copy[copy.copy]]
        for statement in copy.statements:
            for kind, state in statement.ticks.items():
                expected = truth.boxes[(statement.number, kind)]
                reading.boxes += 1
                reading.right += state == expected
                reading.unflagged += state != expected and not statement.unsure
                if state != expected:
                    reading.wrong[f"{_drawn(truth, statement.number, kind)} -> {state}"] += 1
    return reading


def _read_with_amc(
    project: Path,
    level: Path,
    layout: SheetLayout,
    copies: list[Path],
    answers: list[list[str]],
    scan: tuple[int, str],
    seed: int,
) -> Reading:
    rng = random.Random(seed + 1000)
    record = MarkableSet(lesson="amc", title="AMC", sheets=[layout])
    truths, images = _scan_copies(copies, record, [0] * len(copies), answers, scan, rng)
    files = _write_images(level / "amc-scans", images, rng)
    capture = analyse(project, level, files)
    reading = Reading(pages=len(files), identified=capture.identified)
    reading.seconds, reading.cpu, reading.failed = capture.seconds, capture.cpu, capture.failed
    reading.flagged_pages = len(capture.red)
    truth_of = dict(truths)
    for student, page, name, answer, ticked in capture.boxes:
        if not name.startswith("s") or student - 1 not in truth_of:
            continue
        number, kind = int(name[1:]), KINDS[answer - 1]
        drawn = _drawn(truth_of[student - 1], number, kind)
        # No unsure state in AMC: right is what the student meant.
        wanted = drawn in ("ticked", "light tick")
        reading.boxes += 1
        reading.right += ticked == wanted
        if ticked != wanted:
            reading.wrong[f"{drawn} -> {'ticked' if ticked else 'empty'}"] += 1
            reading.unflagged += (student, page) not in capture.red
    return reading


def _drawn(truth: Truth, number: int, kind: str) -> str:
    """What was drawn in a box: ticked, empty, a light tick (meant) or a crossed-out tick."""
    state = truth.boxes[(number, kind)]
    if state != "unsure":
        return state
    return "light tick" if meant(truth, number) == kind else "crossed-out"


def _cells(reading: Reading) -> list[str]:
    if reading.failed and not reading.boxes:
        return ["none (the command failed)", "—", f"0/{reading.pages}", "—"]
    share = 100 * reading.right / reading.expected
    return [
        f"{reading.right}/{reading.expected} ({share:.1f} %)",
        str(reading.unflagged),
        f"{reading.identified}/{reading.pages}"
        + (f" ({reading.flagged_pages} red)" if reading.flagged_pages else ""),
        f"{reading.seconds / reading.pages:.3f} ({reading.cpu / reading.pages:.3f})",
    ]


def _print_level(label: str, ours: Reading, theirs: Reading) -> None:
    for name, reading in (("medialit", ours), ("AMC", theirs)):
        note = f" ({reading.failed})" if reading.failed else ""
        wrong = ", ".join(f"{what}: {n}" for what, n in sorted(reading.wrong.items()))
        flagged = f", {reading.flagged_pages} pages shown red" if name == "AMC" else ""
        print(
            f"{label}: {name}: {reading.right}/{reading.boxes} boxes right, "
            f"{reading.unflagged} wrong unflagged, {reading.identified}/{reading.pages} pages"
            f"{flagged}, {reading.seconds:.1f} s wall, {reading.cpu:.1f} s CPU{note}; "
            f"wrong reads: {wrong or 'none'}"
        )


def _print_table(results: list[tuple[str, Reading, Reading]]) -> None:
    head = ["level", "tool", "boxes read right", "wrong unflagged", "pages identified"]
    head += ["s/page wall (CPU)"]
    rows = [head]
    for label, ours, theirs in results:
        rows.append([label, "medialit", *_cells(ours)])
        rows.append(["", "AMC", *_cells(theirs)])
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    print()
    for n, row in enumerate(rows):
        print("| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |")
        if n == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


if __name__ == "__main__":
    main()
