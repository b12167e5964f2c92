"""Write the overview of the shipped lessons into lessons/README.md, from the lessons themselves.

``make overview`` runs it: one row per ``lessons/*.yaml`` (title, genre, difficulty, the
minutes of each plan, the statements per kind) between the two marker comments of
lessons/README.md, each row led by a small picture of the first page of the lesson's student
sheet (``lessons/overview/<lesson>.png``, built with medialit and ``pdftoppm``). Nothing in the
table is typed by hand, so a lesson added or changed is one ``make overview`` away from a true
table; ``--check`` (used by tests/test_lessons_overview.py) exits 1 when the table or the
pictures' list is out of date, without building anything.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from medialit.lesson.model import KIND_ORDER, Lesson
from medialit.lesson.reading import find_lessons, read_lesson

ROOT = Path(__file__).resolve().parent.parent
START = "<!-- overview:start (written by `make overview`; do not edit by hand) -->"
END = "<!-- overview:end -->"
PICTURES = "overview"
"""The pictures' folder, beside the README (lessons/overview/)."""
PICTURE_WIDTH = 180
"""The pictures' width in pixels: small enough for a table, big enough to see the layout."""


def _minutes(lesson: Lesson) -> str:
    """Each plan's minutes, the whole lesson's first, then each selection's by name."""
    whole = " (whole)" if lesson.plans else ""
    times = [f"{lesson.plan.minutes}{whole}"] if lesson.plan else []
    times += [f"{plan.minutes} ({name})" for name, plan in lesson.plans.items()]
    return "; ".join(times) or "no plan"


def _kinds(lesson: Lesson) -> str:
    counts = [sum(a.kind == kind for a in lesson.annotations) for kind in KIND_ORDER]
    return " / ".join(str(n) for n in counts)


def _cell(text: str | None) -> str:
    """A table cell: one line, no pipe to break the row."""
    return " ".join((text or "not given").split()).replace("|", "/")


def lesson_files(lessons: Path) -> list[Path]:
    """The lessons the overview lists: every lesson file in the folder, sorted."""
    return find_lessons([lessons])


def table(lessons: Path) -> str:
    """The overview table of every lesson in ``lessons``, as Markdown."""
    kinds = " / ".join(kind.value for kind in KIND_ORDER)
    lines = [
        f"| First page | Lesson | Genre | Level | Minutes | Statements ({kinds}) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for file in lesson_files(lessons):
        lesson = read_lesson(file).lesson
        picture = f"![First page of the student sheet]({PICTURES}/{file.stem}.png)"
        title = f"**{_cell(lesson.title)}** (`{file.name}`)"
        lines.append(
            f"| {picture} | {title} | {_cell(lesson.genre)} | {_cell(lesson.difficulty)} "
            f"| {_minutes(lesson)} | {_kinds(lesson)} |"
        )
    return "\n".join(lines)


def with_table(readme: str, new_table: str) -> str:
    """``readme`` with ``new_table`` between the markers; ValueError when a marker is missing."""
    if START not in readme or END not in readme:
        raise ValueError(f"the README has no overview markers; add the two lines\n{START}\n{END}")
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{new_table}\n{END}{tail}"


def write_pictures(lessons: Path, out: Path, medialit: str) -> list[Path]:
    """Build each lesson's student sheet and keep a small PNG of its first page in ``out``;
    a picture of a lesson no longer there is removed."""
    out.mkdir(exist_ok=True)
    files = lesson_files(lessons)
    wanted = {out / f"{file.stem}.png" for file in files}
    for stale in set(out.glob("*.png")) - wanted:
        stale.unlink()
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0"}  # the same lesson gives the same picture
    with tempfile.TemporaryDirectory() as build:
        for file in files:
            run = [medialit, "build", str(file), "--out", build, "--quiet"]
            subprocess.run(run, check=True, env=env)
            pdf = Path(build) / file.stem / "student.pdf"
            target = out / file.stem
            pdftoppm = ["pdftoppm", "-png", "-f", "1", "-l", "1", "-singlefile"]
            size = ["-scale-to-x", str(PICTURE_WIDTH), "-scale-to-y", "-1"]
            subprocess.run([*pdftoppm, *size, str(pdf), str(target)], check=True)
    return sorted(wanted)


def problems(lessons: Path) -> list[str]:
    """What is out of date in ``lessons``: the README's table, or a picture missing or extra."""
    readme = (lessons / "README.md").read_text(encoding="utf-8")
    found = []
    try:
        if with_table(readme, table(lessons)) != readme:
            found.append("lessons/README.md: the overview table is out of date")
    except ValueError as exc:
        found.append(f"lessons/README.md: {exc}")
    wanted = {f"{file.stem}.png" for file in lesson_files(lessons)}
    have = {p.name for p in (lessons / PICTURES).glob("*.png")}
    found += [f"{lessons.name}/{PICTURES}/{name}: missing" for name in sorted(wanted - have)]
    found += [f"{lessons.name}/{PICTURES}/{name}: no such lesson" for name in sorted(have - wanted)]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lessons", type=Path, default=ROOT / "lessons")
    parser.add_argument("--check", action="store_true", help="only say what is out of date")
    parser.add_argument("--medialit", default=str(Path(sys.executable).parent / "medialit"))
    args = parser.parse_args(argv)
    lessons: Path = args.lessons
    if args.check:
        found = problems(lessons)
        for line in found:
            print(f"{line}: run  make overview", file=sys.stderr)
        return 1 if found else 0
    readme = lessons / "README.md"
    try:
        updated = with_table(readme.read_text(encoding="utf-8"), table(lessons))
    except ValueError as exc:
        print(f"{readme}: {exc}", file=sys.stderr)
        return 1
    pictures = write_pictures(lessons, lessons / PICTURES, args.medialit)
    readme.write_text(updated, encoding="utf-8")
    print(f"wrote the overview of {len(pictures)} lessons into {readme}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
