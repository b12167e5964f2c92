"""Measure medialit's speed: overhead over WeasyPrint, class-pack cost, and scale.

Run from the repository (standard library only, plus medialit itself):

    python benchmarks/bench.py [LESSON] [--repeat 5] [--students 30,100,300]
        [--only overhead|pack|scale]

LESSON defaults to the seed lesson, lessons/washington-isis-syria-2017.yaml, the one the
figures in benchmarks/README.md are for. Every figure and ratio is measured in this one run
on this machine; nothing is estimated. Builds here do not use the layout cache
(bench_speed.py measures what it saves). The "overhead" figure is in-process and warm, the
student sheet alone, without the font check: WeasyPrint's own share of one layout, not
the command a teacher runs (bench_speed.py times whole commands).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

HERE = Path(__file__).resolve().parent
NAMES = ["Ana", "Ben", "Chidi", "Dora", "Emil", "Fatima", "Gus", "Hana", "Ivo", "Jun"]


SEED_LESSON = HERE.parent / "lessons" / "washington-isis-syria-2017.yaml"
"""The lesson benchmarks/README.md quotes figures for: the long seed lesson (an eight-page
worksheet), not the first lesson in sorted order (the short one)."""


def default_lesson() -> Path:
    """The seed lesson; stop loudly without it rather than time another lesson."""
    if SEED_LESSON.is_file():
        return SEED_LESSON
    raise SystemExit(
        f"{SEED_LESSON} is missing, and benchmarks/README.md's figures are for it: "
        f"name a lesson, e.g. python {sys.argv[0]} lesson.yaml"
    )


def write_roster(folder: Path, students: int, first: int = 0) -> Path:
    """A class list of ``students`` names, numbered from ``first + 1``."""
    roster = folder / f"class-{first}-{students}.csv"
    rows = [f"{NAMES[n % len(NAMES)]} Student-{n + 1:03d}" for n in range(first, first + students)]
    roster.write_text("name\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return roster


def median_seconds(actions: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """The median time of each action; runs take turns so that a busy machine slows all alike."""
    for action in actions.values():
        action()  # warm: imports, font loading and template compiling happen once per process
    times: dict[str, list[float]] = {label: [] for label in actions}
    for _ in range(repeat):
        for label, action in actions.items():
            start = time.perf_counter()
            action()
            times[label].append(time.perf_counter() - start)
    return {label: statistics.median(values) for label, values in times.items()}


def overhead(lesson: Path, out: Path, repeat: int) -> tuple[float, float, bool]:
    """The student worksheet through medialit vs its final HTML straight to WeasyPrint."""
    import weasyprint

    from medialit.build.planning import render_html
    from medialit.build.run import BuildOptions
    from medialit.files import write_atomically
    from medialit.layout.pdf import html_to_pdf
    from medialit.settings.checks import read_lesson_with_settings

    options = BuildOptions(out=out)

    def through_medialit() -> None:
        checked = read_lesson_with_settings(lesson)
        settings = options.configuration.resolve(checked.worksheet).settings
        html = render_html(checked, settings)["student"]
        pdf, _ = html_to_pdf(html, base_folder=lesson.parent, allowed_folders=[])
        write_atomically(out / "medialit" / "student.pdf", pdf)

    # The same final HTML, with medialit's package URLs turned into plain file URLs.
    package = Path(str(resources.files("medialit")))
    checked = read_lesson_with_settings(lesson)
    html = render_html(checked, options.configuration.resolve(checked.worksheet).settings)[
        "student"
    ]
    plain_html = html.replace('url("medialit:', f'url("{package.as_uri()}/')

    def straight_to_weasyprint() -> None:
        document = weasyprint.HTML(string=plain_html, base_url=lesson.parent.resolve().as_uri())
        pdf = document.write_pdf(pdf_tags=True)
        (out / "weasyprint.pdf").write_bytes(pdf)

    medians = median_seconds(
        {"medialit": through_medialit, "weasyprint": straight_to_weasyprint}, repeat
    )
    # Not byte for byte: medialit mends the tags WeasyPrint writes (layout/tagging.py).
    same = _pages_and_text(out / "medialit" / "student.pdf") == _pages_and_text(
        out / "weasyprint.pdf"
    )
    return medians["medialit"], medians["weasyprint"], same


def _pages_and_text(pdf: Path) -> list[str]:
    """Each page's text, as poppler reads it."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")


def class_pack(lesson: Path, out: Path, repeat: int, students: int) -> dict[str, float]:
    """30 named copies (one level, two versions) vs one copy, in this process."""
    from medialit.build.laying_out import Layout, lay_out_all
    from medialit.build.planning import plan_lesson
    from medialit.build.run import BuildOptions, build_lesson
    from medialit.layout.pdf import html_to_pdf
    from medialit.layout.stamp import stamp_copies
    from medialit.settings.checks import read_lesson_with_settings
    from medialit.sheets.roster import read_roster

    roster_file = write_roster(out, students)
    options = BuildOptions(out=out / "pack", roster=roster_file, versions=2, seed=1)

    def one_copy() -> None:
        from medialit.build.planning import render_html

        checked = read_lesson_with_settings(lesson)
        settings = options.configuration.resolve(checked.worksheet).settings
        html = render_html(checked, settings)["student"]
        html_to_pdf(html, base_folder=lesson.parent, allowed_folders=[])

    def named_copies() -> None:
        plan = plan_lesson(lesson, options, read_roster(roster_file))
        assert plan.class_pack is not None
        pack = plan.class_pack
        layouts = [  # as build does: the name tags drawn, unless they must be laid out
            Layout(document.html, lesson.parent, document.folders, None, drawn=document.drawn)
            for document in [*pack.layouts, pack.name_tags]
        ]
        *copies, names = lay_out_all(layouts, 1)
        stamp_copies(
            [copy.pdf for copy in copies],
            [pack.plan.layout_index(c) for c in pack.plan.copies],
            names.pdf,
            title="pack",
            language="en",
        )

    def whole_build(jobs: int) -> Callable[[], object]:
        return lambda: build_lesson(
            lesson,
            BuildOptions(
                out=out / f"whole-{jobs}", roster=roster_file, versions=2, jobs=jobs, cache=False
            ),
        )

    return median_seconds(
        {
            "one copy": one_copy,
            "named copies": named_copies,
            "whole build, --jobs 1": whole_build(1),
            "whole build, --jobs 2": whole_build(2),
        },
        repeat,
    )


def child(lesson: Path, students: int) -> None:
    """Build one class pack in this fresh process; print its time and peak memory as JSON."""
    from medialit.build.run import BuildOptions, build_lesson

    with tempfile.TemporaryDirectory() as folder:
        roster = write_roster(Path(folder), students)
        start = time.perf_counter()
        # markable: as `medialit build --roster` makes a class pack (codes on every page).
        options = BuildOptions(
            out=Path(folder), roster=roster, versions=2, cache=False, markable=True
        )
        result = build_lesson(lesson, options)
        seconds = time.perf_counter() - start
        from pypdf import PdfReader

        pages = len(PdfReader(Path(folder) / result.lesson.stem / "class-pack.pdf").pages)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    print(json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024, "pages": pages}))


def scale(lesson: Path, sizes: list[int]) -> list[dict[str, float]]:
    rows = []
    for students in sizes:
        output = subprocess.run(
            [sys.executable, __file__, str(lesson), "--child", str(students)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        rows.append({"students": students, **json.loads(output.splitlines()[-1])})
    return rows


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lesson", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--students", default="30,100,300")
    parser.add_argument("--only", choices=["overhead", "pack", "scale"])
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    lesson = (args.lesson or default_lesson()).resolve()
    if args.child:
        child(lesson, args.child)
        return
    sizes = [int(n) for n in args.students.split(",")]
    print(f"lesson: {lesson}")
    print(f"machine: {os.cpu_count()} CPUs, {cpu_model()}, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        if args.only in (None, "overhead"):
            ours, theirs, same = overhead(lesson, out, args.repeat)
            print(f"\noverhead (median of {args.repeat}, in-process, warm, student sheet only):")
            print(f"  medialit student worksheet     {ours:7.3f} s")
            print(f"  same HTML straight to WeasyPrint {theirs:5.3f} s")
            print(f"  ratio                          {ours / theirs:7.3f}   (target <= 1.10)")
            print(f"  the two PDFs have the same pages and text: {'yes' if same else 'NO'}")

        if args.only in (None, "pack"):
            pack = class_pack(lesson, out, args.repeat, sizes[0])
            one = pack["one copy"]
            print(f"\nclass pack: {sizes[0]} named copies, one level, two versions (median, warm):")
            for label, seconds in pack.items():
                print(f"  {label:28s} {seconds:7.3f} s   ratio to one copy {seconds / one:5.2f}")
            print("  (target: named copies <= 3 x one copy)")
    if args.only not in (None, "scale"):
        return

    print("\nscale (each in a fresh process: imports, two layouts, two keys, cover, stamping):")
    rows = scale(lesson, sizes)
    for row in rows:
        print(
            f"  {int(row['students']):4d} students  {row['seconds']:7.2f} s  "
            f"{row['seconds'] / row['students'] * 1000:6.1f} ms/student  "
            f"peak {row['peak_mb']:6.1f} MB  {int(row['pages'])} pages"
        )
    first, last = rows[0], rows[-1]
    growth = (last["seconds"] / first["seconds"]) / (last["students"] / first["students"])
    print(
        f"  time ratio {last['seconds'] / first['seconds']:.2f} for "
        f"{last['students'] / first['students']:.0f}x the students "
        f"(growth vs linear: {growth:.2f}; <= 1 means no faster than linear)"
    )
    if len(rows) >= 3:
        marginal = [
            (b["seconds"] - a["seconds"]) / (b["students"] - a["students"]) * 1000
            for a, b in itertools.pairwise(rows)
        ]
        print("  marginal cost per student: " + ", ".join(f"{m:.1f} ms" for m in marginal))
    print(f"  peak memory, largest pack: {last['peak_mb']:.1f} MB (target < 600 MB)")


if __name__ == "__main__":
    main()
