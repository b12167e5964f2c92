"""What keeping per-student copies tagged costs: ``--split`` copies for 30 students.

Tagged copies (each one the tagged layout with the name appended as an
incremental update, as medialit writes them) against untagged copies (the
copy's pages taken out of the combined pack, as medialit wrote them before).
Prints the seconds of each (median of --repeat runs), their ratio and sizes.

    .venv/bin/python benchmarks/bench_copies.py [--students 30] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime
import io
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from medialit.build.laying_out import Layout, lay_out
from medialit.build.planning import Document, plan_lesson
from medialit.build.run import BuildOptions
from medialit.layout.stamp import stamp_copies, tagged_copies
from medialit.sheets.roster import RosterEntry

LESSON = Path(__file__).parent / "lessons" / "library-hours.yaml"
CREATED = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    roster = [RosterEntry(f"Student {n}", n + 2) for n in range(args.students)]
    plan = plan_lesson(LESSON, BuildOptions(versions=2), roster)
    assert plan.class_pack is not None
    pack = plan.class_pack

    def pdf(document: Document) -> bytes:
        return lay_out(Layout(document.html, LESSON.parent, document.folders, CREATED)).pdf

    layouts = [pdf(document) for document in pack.layouts]
    tags = pdf(pack.name_tags)
    which = [pack.plan.layout_index(copy) for copy in pack.plan.copies]
    titles = [f"Copy {n}" for n in range(len(which))]
    combined, placed = stamp_copies(layouts, which, tags, title="Pack", language="en")

    def untagged() -> list[bytes]:
        reader = PdfReader(io.BytesIO(combined))
        files = []
        for copy in placed:
            writer = PdfWriter()
            for number in range(copy.first_page, copy.last_page + 1):
                writer.add_page(reader.pages[number - 1])
            buffer = io.BytesIO()
            writer.write(buffer)
            files.append(buffer.getvalue())
        return files

    def tagged() -> list[bytes]:
        return tagged_copies(layouts, which, tags, titles, language="en")

    def measure(make: Callable[[], list[bytes]]) -> tuple[float, int]:
        times, size = [], 0
        for _ in range(args.repeat):
            start = time.perf_counter()
            size = sum(len(data) for data in make())
            times.append(time.perf_counter() - start)
        return statistics.median(times), size

    (before, before_size), (after, after_size) = measure(untagged), measure(tagged)
    print(
        f"{args.students} copies, untagged (split from the pack): {before:.2f} s, "
        f"{before_size / 1e6:.1f} MB"
    )
    print(
        f"{args.students} copies, tagged (layout + name): {after:.2f} s, {after_size / 1e6:.1f} MB"
    )
    print(f"ratio tagged / untagged: {after / before:.1f}")


if __name__ == "__main__":
    main()
