"""Time `medialit preview` opening a lesson again: until its first page shows, and its CPU.

The preview keeps the first pages it shows of each sheet in the layout cache, so a lesson
opened a second time shows them without a layout. Each round starts `medialit preview` on a
fresh copy of the lesson (`tests/preview_helpers.py`'s by default), opens it in the system
Chromium, waits for the student sheet's first page and the key's, and stops the preview with
Ctrl-C. The first opening fills an empty cache; the rounds after it are timed. With
``--compare SRC``, another checkout's ``src/`` is timed in the same turns, with a cache of
its own. Prints medians: seconds from start to the student sheet's first page, and the CPU
of the preview's processes: every one, counted by a small parent that waits for each (see
:data:`COUNTED`; ``/usr/bin/time`` missed the fork server that starts the workers, and the
workers with it, which end after the preview).
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.preview_helpers import LESSON  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
COUNTED = """
import ctypes, os, resource, signal, subprocess, sys
ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER: orphans come back here
signal.signal(signal.SIGINT, lambda *_: None)  # Ctrl-C is the preview's (its own is default)
code = subprocess.call(sys.argv[2:])
while True:  # the fork server and its workers, which outlive the preview by a moment
    try:
        os.waitpid(-1, 0)
    except ChildProcessError:
        break
used = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as out:
    out.write(f"{used.ru_utime} {used.ru_stime}")
sys.exit(code)
"""
"""A parent that runs a command and writes the CPU of it and of every process it started."""


def open_once(folder: Path, source: str, cache: Path, src: Path | None) -> tuple[float, float]:
    """Seconds until the first student page shows, and the preview's CPU seconds."""
    folder.mkdir(parents=True)
    lesson = folder / "lesson.yaml"
    lesson.write_text(source, encoding="utf-8")
    environ = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    environ.pop("PYTHONPATH", None)
    if src is not None:
        environ["PYTHONPATH"] = str(src)
    timing = folder / "time.txt"
    command = [sys.executable, "-c", COUNTED, str(timing), sys.executable, "-m"]
    command += ["medialit", "preview", "--no-open", str(lesson)]
    started = time.perf_counter()
    preview = subprocess.Popen(
        command, cwd=folder, env=environ, stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    assert preview.stdout is not None
    url = preview.stdout.readline().strip()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(url)
            first = page.get_by_alt_text(re.compile(r"^Student sheet, page 1 of \d+$"))
            expect(first).to_be_visible(timeout=60_000)
            shown = time.perf_counter() - started
            page.get_by_role("tab", name="Answer key").click()
            key = page.get_by_alt_text(re.compile(r"^Answer key, page 1 of \d+$"))
            expect(key).to_be_visible(timeout=60_000)
            browser.close()
    finally:
        os.killpg(preview.pid, signal.SIGINT)  # the counting parent passes Ctrl-C by
        preview.wait(timeout=60)
    user, system = timing.read_text().split()[-2:]
    return shown, float(user) + float(system)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lesson", nargs="?", type=Path, help="default: the browser tests' lesson")
    parser.add_argument("--repeat", type=int, default=5, help="openings timed, after the first")
    parser.add_argument("--compare", type=Path, help="another checkout's src/")
    options = parser.parse_args()
    source = options.lesson.read_text(encoding="utf-8") if options.lesson else LESSON
    sides: dict[str, Path | None] = {"this checkout": None}
    if options.compare is not None:
        sides["--compare"] = options.compare.resolve()
    print(f"machine: {os.cpu_count()} CPUs; load average {os.getloadavg()}")
    results: dict[str, list[tuple[float, float]]] = {side: [] for side in sides}
    with tempfile.TemporaryDirectory() as work:
        for round_ in range(options.repeat + 1):
            for n, (side, src) in enumerate(sides.items()):
                folder = Path(work) / f"{n}-{round_}"
                measured = open_once(folder, source, Path(work) / f"cache-{n}", src)
                if round_:  # the first opening fills the cache
                    results[side].append(measured)
    print(f"opened again (median of {options.repeat}, in turns):")
    print("                        first page shown   preview CPU")
    for side, measured in results.items():
        shown = statistics.median(m[0] for m in measured)
        cpu = statistics.median(m[1] for m in measured)
        print(f"  {side:20s} {shown:10.2f} s {cpu:14.2f} s")
    if options.compare is not None:
        (shown, cpu), (other_shown, other_cpu) = (
            (statistics.median(m[0] for m in v), statistics.median(m[1] for m in v))
            for v in results.values()
        )
        print(f"  ratio to --compare   {shown / other_shown:10.2f}   {cpu / other_cpu:14.2f}")
    print(f"load average at the end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
