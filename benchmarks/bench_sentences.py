"""How long ``medialit new`` takes to split a huge pasted paragraph into sentences.

pysbd's time grows with the square of what it reads; ``drafting.suggest.sentences`` gives
it a paragraph 4,000 characters at a time. Run ``python benchmarks/bench_sentences.py``
(CPU seconds, best of ``--repeat`` runs per case); ``--compare SRC`` times another checkout's
``src`` folder in a child process, e.g. one made with ``git archive 4a25351 src | tar -x -C
/tmp/old``. The tests only check generous bounds (``tests/test_drafts10_hostile.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time


def cases() -> dict[str, str]:
    def paragraph(count: int) -> str:
        return " ".join(
            f"Dr. Smith said on Jan. {n % 28 + 1} that No. {n} of the U.S. reports was 3.5 "
            "times larger than the rest."
            for n in range(count)
        )

    return {
        "100 sentences (9,400 characters)": paragraph(100),
        "400 sentences (38,000 characters)": paragraph(400),
        "1,600 sentences (152,000 characters)": paragraph(1_600),
        "one sentence of 340,000 characters": " ".join(["they did not say"] * 20_000) + ".",
    }


def timed(repeat: int) -> dict[str, tuple[float, int]]:
    from medialit.drafting.suggest import sentences

    found = {}
    for name, text in cases().items():
        best, count = float("inf"), 0
        for _ in range(repeat):
            started = time.process_time()
            count = len(sentences(text))
            best = min(best, time.process_time() - started)
        found[name] = (best, count)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--compare", metavar="SRC", help="another checkout's src folder")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    mine = timed(args.repeat)
    if args.json:
        print(json.dumps(mine))
        return
    other = None
    if args.compare:
        env = {**os.environ, "PYTHONPATH": args.compare}
        done = subprocess.run(
            [sys.executable, __file__, "--json", "--repeat", str(args.repeat)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        other = json.loads(done.stdout)
    print(f"sentences() of one paragraph, CPU seconds, best of {args.repeat}:")
    for name, (seconds, count) in mine.items():
        line = f"  {name:40} {seconds:7.2f} s  {count:5d} sentences"
        if other is not None:
            then, then_count = other[name]
            ratio = seconds / then if then else float("nan")
            line += f"   compared: {then:7.2f} s, {then_count} sentences, ratio {ratio:.3f}"
        print(line)


if __name__ == "__main__":
    main()
