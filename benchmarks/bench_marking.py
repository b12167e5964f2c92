"""How well and how fast ``medialit mark`` reads a class's scans (issue 21).

Builds a markable class pack of 30 (``lessons/school-start-time.yaml``, guided level: four
pages a copy), fills every copy in as students do (ticks, crosses, blanks, two
ticks, light ticks, crossed-out ticks, handwriting-like strokes: ``tests/marking_support.py``),
scans each page badly (turned up to 3°, scaled up to 4 %, skewed, blurred, noised, JPEG at
150, 200 or 300 dpi; one page in ten upside down, one in ten photographed askew), shuffles
them into a tray-fed PDF and loose pictures, and runs ``medialit mark`` on them as a teacher
would (a new process). Then it compares every tick box with what was drawn.

    .venv/bin/python benchmarks/bench_marking.py [--students 30] [--seed 1]

Prints: the share of tick boxes read as drawn (light and crossed-out ticks must read
"unsure"), the wrong reads not flagged unsure, the pages identified by their code at each
resolution, seconds a page, and the whole class's marking time. Then, as the teacher would on
the marking page, it decides every unsure tick (what the student meant: the firm tick beside a
crossed-out one, a light tick alone, none for two ticks) and gives every reason a band, through
the same ``marks.json`` store the page saves with (not timed: that is the teacher's time), and
runs ``medialit marks LESSON`` (marks.csv, a feedback PDF per student, the class report) in a
new process: the end-to-end time is ``mark`` plus ``marks``.
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests/marking_support.py makes the scans

import cv2  # noqa: E402

from medialit.build.run import BuildOptions, build_lesson  # noqa: E402
from medialit.marking.align import find_code  # noqa: E402
from medialit.marking.results import ClassMarks  # noqa: E402
from medialit.marking.store import MarksFile  # noqa: E402
from medialit.sheets.markable import MarkableSet, PageCode  # noqa: E402
from tests.marking_support import distort, fill_copy, meant, render, to_pdf  # noqa: E402

LESSON = ROOT / "lessons/school-start-time.yaml"
DPIS = (150, 200, 300)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="bench-marking-") as temporary:
        folder = Path(temporary)
        roster = folder / "class.csv"
        names = [f"Student {n:02d}" for n in range(1, args.students + 1)]
        roster.write_text("name\n" + "\n".join(names) + "\n", encoding="utf-8")
        started = time.perf_counter()
        options = BuildOptions(
            out=folder / "build",
            markable=True,
            roster=roster,
            level="guided",
            split=True,
            jobs=2,
        )
        build_lesson(LESSON, options)
        built = time.perf_counter() - started
        lesson = LESSON.stem
        [record_file] = (folder / "build" / lesson / "markable").glob("*.json")
        record = MarkableSet.from_json(record_file.read_bytes())
        copies = sorted((folder / "build" / lesson / "copies").glob("*.pdf"))
        print(f"built the markable class pack of {len(copies)} in {built:.1f} s")

        started = time.perf_counter()
        truths = {}
        scans: list[tuple[PageCode, int, str, object]] = []
        for entry, copy_pdf in zip(record.copies, copies, strict=True):
            pages, truth = fill_copy(render(copy_pdf), record, entry.sheet, rng)
            truths[entry.copy] = truth
            for number, page in enumerate(pages, start=1):
                dpi = rng.choice(DPIS)
                style = rng.choices(["scan", "upside", "photo"], [8, 1, 1])[0]
                image = distort(
                    page, rng, dpi, upside_down=style == "upside", photo=style == "photo"
                )
                code = PageCode(record.set_id, entry.sheet, entry.copy, number)
                scans.append((code, dpi, style, image))
        rng.shuffle(scans)
        print(f"filled in and scanned {len(scans)} pages in {time.perf_counter() - started:.1f} s")

        identified: dict[int, list[bool]] = collections.defaultdict(list)
        for code, dpi, _, image in scans:
            found = find_code(image)  # type: ignore[arg-type]
            identified[dpi].append(found is not None and found.code == code)
        files = _write_scans(folder / "scans", scans)

        started = time.perf_counter()
        cpu = _children_cpu()
        command = [str(Path(sys.executable).parent / "medialit"), "mark", *map(str, files)]
        command += ["--out", str(folder / "build")]
        done = subprocess.run(command, capture_output=True, text=True, env=os.environ)
        elapsed = time.perf_counter() - started
        cpu = _children_cpu() - cpu
        if done.returncode != 0:
            sys.exit(f"medialit mark failed:\n{done.stderr}")
        marks_json = folder / "build" / lesson / "marks" / "marks.json"
        marks = ClassMarks.load(marks_json)
        _report(marks, truths, identified, len(scans), (elapsed, cpu), done.stdout)
        print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} (2 cores, shared)")
        decided, banded = _decide_as_the_teacher(marks_json, truths)
        print(
            f"decided {decided} unsure ticks and banded {banded} reasons through marks.json, "
            "as the marking page saves them (the teacher's time, not timed)"
        )
        started = time.perf_counter()
        cpu_marks = _children_cpu()
        command = [str(Path(sys.executable).parent / "medialit"), "marks", str(LESSON)]
        command += ["--out", str(folder / "build")]
        done = subprocess.run(command, capture_output=True, text=True, env=os.environ)
        took = time.perf_counter() - started
        cpu_marks = _children_cpu() - cpu_marks
        if done.returncode != 0:
            sys.exit(f"medialit marks failed:\n{done.stderr}")
        written = done.stdout.count("wrote ")
        print(
            f"medialit marks wrote {written} files (marks.csv, "
            f"{written - 2} feedback PDFs, the class report) in {took:.1f} s wall, "
            f"{cpu_marks:.1f} s CPU (one new process)"
        )
        print(f"end to end, mark + marks: {elapsed + took:.1f} s wall, {cpu + cpu_marks:.1f} s CPU")
        print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} (2 cores, shared)")


def _decide_as_the_teacher(marks_json: Path, truths: dict) -> tuple[int, int]:
    """Every unsure tick decided as the student meant it, every reason given a band."""
    store = MarksFile(marks_json)
    loaded = store.read()
    decided = banded = 0
    for copy in loaded.marks.copies:
        for statement in copy.statements:
            change: dict[str, object] = {"band": 1 + (copy.copy + statement.number) % 3}
            banded += 1
            if statement.unsure and not statement.resolved:
                change["answer"] = meant(truths[copy.copy], statement.number) or "none"
                decided += 1
            loaded = store.decide(loaded.version, copy.copy, statement.statement_id, **change)
    return decided, banded


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _write_scans(folder: Path, scans: list[tuple[PageCode, int, str, object]]) -> list[Path]:
    """Half the pages in tray-fed PDFs (one per resolution), the rest as loose pictures."""
    folder.mkdir()
    files = []
    half = len(scans) // 2
    for dpi in DPIS:
        tray = [image for _, d, _, image in scans[:half] if d == dpi]
        if tray:
            files.append(folder / f"tray-{dpi}dpi.pdf")
            files[-1].write_bytes(to_pdf(tray, dpi))  # type: ignore[arg-type]
    for n, (_, dpi, style, image) in enumerate(scans[half:]):
        path = folder / f"page-{n:03d}-{dpi}dpi-{style}.{'jpg' if n % 2 else 'png'}"
        cv2.imwrite(str(path), image)  # type: ignore[call-overload]
        files.append(path)
    return files


def _report(
    marks: ClassMarks,
    truths: dict,
    identified: dict[int, list[bool]],
    pages: int,
    times: tuple[float, float],
    output: str,
) -> None:
    boxes = right = unflagged = 0
    by_truth: collections.Counter[tuple[str, str]] = collections.Counter()
    for copy in marks.copies:
        for statement in copy.statements:
            for kind, state in statement.ticks.items():
                expected = truths[copy.copy].boxes[(statement.number, kind)]
                boxes += 1
                right += state == expected
                by_truth[(expected, state)] += 1
                # A wrong read the teacher is not asked about: it would score silently.
                unflagged += state != expected and not statement.unsure
    print(output.strip())
    print(f"tick boxes read as drawn: {right}/{boxes} = {100 * right / boxes:.2f} %")
    print(f"wrong reads not flagged unsure: {unflagged}")
    print("drawn -> read: " + ", ".join(f"{a}->{b}: {n}" for (a, b), n in sorted(by_truth.items())))
    for dpi in sorted(identified):
        found = identified[dpi]
        print(f"pages identified at {dpi} dpi: {sum(found)}/{len(found)}")
    elapsed, cpu = times
    print(
        f"marked {len(marks.copies)} copies, {pages} pages, in {elapsed:.1f} s wall, "
        f"{cpu:.1f} s CPU (one new process, start-up included)"
    )
    print(f"seconds a page: {elapsed / pages:.3f} wall, {cpu / pages:.3f} CPU")


if __name__ == "__main__":
    main()
