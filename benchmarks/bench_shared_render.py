"""What a two-version pack could save by laying out both versions in one WeasyPrint render.

A two-version class pack lays out four documents (each version's student sheet and key)
where a plain build lays out two. If much of a layout were per-document work (parsing the
stylesheets, loading the fonts, writing the PDF's fonts), one render of both versions (their
bodies one after the other, a page break between) would do it once. This times, in one
process after a warm-up layout, each version's sheet laid out on its own against both in
one render, in turns, as medialit lays them out (``layout.pdf.lay_out_html``, its fetcher
and tags); CPU time of this process (``time.process_time``), median of ``--repeat`` rounds.
The combined render must have as many pages as the two apart, or the benchmark stops.

    .venv/bin/python benchmarks/bench_shared_render.py [LESSON] [--repeat 3]
"""

from __future__ import annotations

import argparse
import io
import os
import re
import statistics
import time
from pathlib import Path

from bench import default_lesson
from pypdf import PdfReader

from medialit.build.planning import plan_lesson
from medialit.build.run import BuildOptions
from medialit.layout.pdf import lay_out_html


def _body(html: str) -> str:
    found = re.search(r"<body[^>]*>(.*)</body>", html, re.DOTALL)
    if found is None:
        raise SystemExit("a sheet's HTML has no <body>: not the sheet this benchmark expects")
    return found.group(1)


def _both(first: str, second: str) -> str:
    """``first`` with ``second``'s body after its own, on a new page."""
    end = first.rindex("</body>")
    return first[:end] + '<div style="break-before: page"></div>' + _body(second) + first[end:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lesson", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    lesson = (args.lesson or default_lesson()).resolve()
    plan = plan_lesson(lesson, BuildOptions(versions=2))
    html = {output.name: output.html for output in plan.outputs}
    print(f"lesson: {lesson}")
    print(f"load average at the start: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")

    def lay_out(document: str) -> tuple[float, int]:
        start = time.process_time()
        pdf = lay_out_html(
            document, base_folder=lesson.parent, allowed_folders=plan.allowed_folders
        ).pdf
        return time.process_time() - start, len(PdfReader(io.BytesIO(pdf)).pages)

    lay_out(html["student-A.pdf"])  # warm: WeasyPrint's own caches, the fonts read once
    print("\nCPU seconds, median of", args.repeat, "rounds (each: apart, then in one render):")
    for sheet in ("student", "key"):
        first, second = html[f"{sheet}-A.pdf"], html[f"{sheet}-B.pdf"]
        apart, together = [], []
        for _ in range(args.repeat):
            (a, a_pages), (b, b_pages) = lay_out(first), lay_out(second)
            one, pages = lay_out(_both(first, second))
            if pages != a_pages + b_pages:
                raise SystemExit(f"{sheet}: {pages} pages in one render, {a_pages + b_pages} apart")
            apart.append(a + b)
            together.append(one)
        two, one = statistics.median(apart), statistics.median(together)
        print(
            f"  {sheet:8s} A and B apart {two:6.2f} s, in one render {one:6.2f} s: "
            f"{two - one:5.2f} s saved ({(two - one) / two:.0%}); {a_pages + b_pages} pages"
        )
    print(f"load average at the end: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")


if __name__ == "__main__":
    main()
