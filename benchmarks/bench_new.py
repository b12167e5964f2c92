"""Measure ``medialit new``: how its suggestions compare with a curated lesson, and its speed.

Run from the repository:

    .venv/bin/python benchmarks/bench_new.py [--repeat 5]

It drafts a lesson from the raw seed (``seeds/000_6720225e856085cf.txt``) in a
temporary folder and compares the draft statements with the curated lesson
(``lessons/washington-isis-syria-2017.yaml``):

- coverage: the share of the lesson's statements that a suggestion overlaps;
- agreement: of those, the share whose suggested kind is the lesson's kind or one
  the lesson also accepts (the suggestion that overlaps most is compared);
- ratio: suggestions per statement of the lesson.

Then it times ``new`` (read, extract, segment, suggest, check, write) on a
1,500-word article: the seed with extra paragraphs of the saved web page of the tests.
Every figure is measured in this run; nothing is estimated.
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from medialit.drafting.new import new_lesson
from medialit.lesson.reading import CheckedLesson, read_lesson

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_6720225e856085cf.txt"
CURATED = ROOT / "lessons" / "washington-isis-syria-2017.yaml"
PAGE = ROOT / "tests" / "data" / "news-story.html"
TARGETS = {"coverage": 0.70, "agreement": 0.60, "ratio": 2.0, "seconds": 2.0}


def draft(source: Path, folder: Path) -> CheckedLesson:
    made = new_lesson(str(source), io.BytesIO(), folder)
    return read_lesson(made.lesson)


def compare(curated: CheckedLesson, drafted: CheckedLesson) -> tuple[dict[str, float], list[str]]:
    """Coverage, agreement and ratio of ``drafted``'s statements against ``curated``'s."""
    if [b.text for b in curated.blocks] != [b.text for b in drafted.blocks]:
        sys.exit("The drafted article differs from the curated one; compare by hand.")
    covered = agreed = 0
    missed: list[str] = []
    for statement in curated.statements:
        overlaps = [
            (min(statement.end, s.end) - max(statement.start, s.start), s)
            for s in drafted.statements
            if s.block == statement.block and s.start < statement.end and statement.start < s.end
        ]
        if not overlaps:
            missed.append(" ".join(statement.annotation.quote.split()[:8]) + " …")
            continue
        covered += 1
        best = max(overlaps, key=lambda pair: pair[0])[1].annotation.kind
        answer = statement.annotation
        agreed += best == answer.kind or best in answer.also_accept
    total = len(curated.statements)
    unmatched = sum(
        not any(
            c.block == s.block and c.start < s.end and s.start < c.end for c in curated.statements
        )
        for s in drafted.statements
    )
    return {
        "unmatched": unmatched,
        "statements": total,
        "suggestions": len(drafted.statements),
        "covered": covered,
        "agreed": agreed,
        "coverage": covered / total,
        "agreement": agreed / covered if covered else 0.0,
        "ratio": len(drafted.statements) / total,
    }, missed


def long_article(folder: Path) -> Path:
    """The seed's text with paragraphs of the test page added: about 1,500 words of article."""
    extra = (
        "\n\nThe plan covers Main Street between First and Fifth Avenues, where about 60 shops, "
        "cafés and restaurants stand. Delivery trucks will be allowed in before 10 a.m., and "
        "the city will run a free shuttle from the parking garage on Mill Road.\n\n"
        "According to a city traffic count from last September, about 7,400 vehicles use that "
        "stretch of Main Street on an average Saturday. The city’s transportation department "
        "estimates that half of them are drivers passing through on their way to the highway.\n\n"
        "Other owners were more hopeful. Experts say car-free streets usually bring more people "
        "on foot, and some owners pointed to other towns that have tried the idea. Apparently, "
        "sales went up in at least one of them, although no figures were given at the meeting."
    )
    text = SEED.read_text("utf-8")
    head, tail = text.split("Alexander Orlov is a Political Scientist", 1)
    path = folder / "long.txt"
    path.write_text(
        head.rstrip() + extra * 3 + "\n\nAlexander Orlov is a Political Scientist" + tail
    )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    curated = read_lesson(CURATED)
    with tempfile.TemporaryDirectory() as tmp:
        figures, missed = compare(curated, draft(SEED, Path(tmp) / "seed"))
        source = long_article(Path(tmp))
        words = len(read_lesson(draft(source, Path(tmp) / "warm").file).lesson.article.split())
        times = []
        for run in range(args.repeat):
            start = time.perf_counter()
            new_lesson(str(source), io.BytesIO(), Path(tmp) / f"run{run}")
            times.append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "medialit", "new", str(source)],
            cwd=tmp,
            check=True,
            capture_output=True,
        )
        cold = time.perf_counter() - start
    seconds = statistics.median(times)
    print(f"seed: {SEED.relative_to(ROOT)} against {CURATED.relative_to(ROOT)}")
    print(f"  statements in the lesson   {figures['statements']:>4}")
    print(f"  suggestions                {figures['suggestions']:>4}")
    print(
        f"  coverage   {figures['coverage']:6.1%}  ({figures['covered']} of "
        f"{figures['statements']} overlapped; target >= {TARGETS['coverage']:.0%})"
    )
    print(
        f"  agreement  {figures['agreement']:6.1%}  ({figures['agreed']} of {figures['covered']} "
        f"covered; target >= {TARGETS['agreement']:.0%})"
    )
    print(
        f"  ratio      {figures['ratio']:6.2f}  suggestions per statement "
        f"(target <= {TARGETS['ratio']:.0f})"
    )
    print(f"  suggestions that overlap no statement of the lesson: {figures['unmatched']}")
    print("  statements no suggestion overlaps:")
    for quote in missed:
        print(f"    {quote}")
    print(f"time of new on a {words:,}-word article (median of {args.repeat}, warm):")
    print(f"  {seconds:.3f} s  (target < {TARGETS['seconds']:.0f} s)")
    print(f"  {cold:.3f} s  the medialit new command in a fresh process, imports included")


if __name__ == "__main__":
    main()
