"""Measure how fast `medialit check` answers, and what the layout cache saves on a rebuild.

Run from the repository (standard library only, plus medialit itself):

    python benchmarks/bench_speed.py [LESSON] [--repeat 21] [--builds 5] [--students 30]

LESSON defaults to the seed lesson in ./lessons. Every figure and ratio is
measured in this one run on this machine; nothing is estimated.

- **check**: the whole `medialit check LESSON` process (start-up, imports, reading
  and checking the lesson), beside `python -c pass` as a baseline of the machine's
  speed; each run in a fresh process, the two taking turns so that a busy machine
  slows both alike. Python writes its bytecode cache as a teacher's machine does
  (``PYTHONDONTWRITEBYTECODE`` is dropped), and one warm-up run fills it.
- **rebuild**: the whole `medialit build LESSON --roster` process with an empty
  layout cache (first build) vs a rebuild with a new roster, the cache kept: the
  HTML of the worksheets, keys and cover does not change, so their layouts are reused
  and only the new name tags are laid out. Each first build gets an empty cache.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# This folder is the script's first import path: bench.py's helpers serve here too.
from bench import cpu_model, default_lesson, write_roster

CHECK_TARGET = 0.30
REBUILD_TARGET = 0.30


def medialit_command() -> list[str]:
    """The installed ``medialit`` script beside this Python, as a teacher runs it."""
    script = Path(sys.executable).with_name("medialit")
    return [str(script)] if script.exists() else [sys.executable, "-m", "medialit"]


def user_environment(**extra: str) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    environ.pop("SOURCE_DATE_EPOCH", None)
    return {**environ, **extra}


def run_seconds(command: list[str], environ: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, env=environ, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def check_figures(
    lesson: Path, repeat: int, compare: Path | None = None
) -> dict[str, tuple[float, float]]:
    """Median wall and CPU time of `python -c pass` and `medialit check LESSON`, taking turns.

    With ``compare`` (another checkout's ``src`` folder), its `medialit check` too.
    """
    environ = user_environment()
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "medialit check": [*medialit_command(), "check", str(lesson)],
    }
    if compare is not None:
        run = f"import sys; sys.path.insert(0, {str(compare)!r}); "
        run += "from medialit.cli.main import main; main()"
        commands["medialit check, --compare"] = [sys.executable, "-c", run, "check", str(lesson)]
    for command in commands.values():
        run_seconds(command, environ)  # warm: bytecode cache, file system cache
    times: dict[str, list[tuple[float, float]]] = {label: [] for label in commands}
    for _ in range(repeat):
        for label, command in commands.items():
            times[label].append(run_seconds(command, environ))
    return {label: medians(values) for label, values in times.items()}


def medians(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def rebuild_figures(lesson: Path, builds: int, students: int) -> dict[str, tuple[float, float]]:
    """Median of first builds (empty cache) and of rebuilds with a new roster (cache kept)."""
    times: dict[str, list[tuple[float, float]]] = {"first build": [], "rebuild, new roster": []}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for round_number in range(builds):
            cache = work / f"cache-{round_number}"
            environ = user_environment(XDG_CACHE_HOME=str(cache))
            for label, first in (("first build", 0), ("rebuild, new roster", students)):
                roster = write_roster(work, students, first + round_number * 1000)
                command = [*medialit_command(), "build", str(lesson), "--out", str(work / "out")]
                command += ["--roster", str(roster), "--versions", "2", "--quiet"]
                times[label].append(run_seconds(command, environ))
            shutil.rmtree(cache)
    return {label: medians(values) for label, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lesson", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=21, help="runs of each check command")
    parser.add_argument("--builds", type=int, default=5, help="first builds and rebuilds")
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--only", choices=["check", "rebuild"])
    parser.add_argument(
        "--compare", type=Path, help="the src/ folder of another checkout, to check with it too"
    )
    args = parser.parse_args()
    lesson = (args.lesson or default_lesson()).resolve()
    print(f"lesson: {lesson}")
    print(f"machine: {os.cpu_count()} CPUs, {cpu_model()}, Python {platform.python_version()}")
    print(f"load average: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    if args.only in (None, "check"):
        check = check_figures(lesson, args.repeat, args.compare)
        print(f"\ncheck (median of {args.repeat} fresh processes each, taking turns):")
        print("                                    wall       CPU")
        for label, (wall, cpu) in check.items():
            print(f"  {label:30s} {wall:7.3f} s {cpu:7.3f} s")
        (base_wall, base_cpu), (wall, cpu) = check["python -c pass"], check["medialit check"]
        print(f"  ratio to python -c pass        {wall / base_wall:7.1f}   {cpu / base_cpu:7.1f}")
        if args.compare is not None:
            other_wall, other_cpu = check["medialit check, --compare"]
            ratios = f"{wall / other_wall:7.2f}   {cpu / other_cpu:7.2f}"
            print(f"  ratio to --compare             {ratios}")
        print(f"  (target: medialit check <= {CHECK_TARGET:.2f} s)")
    if args.only in (None, "rebuild"):
        rebuild = rebuild_figures(lesson, args.builds, args.students)
        (first, first_cpu), (again, again_cpu) = rebuild.values()
        print(
            f"\nrebuild: class pack of {args.students} students, two versions "
            f"(median of {args.builds} whole processes each):"
        )
        print("                                    wall       CPU")
        print(f"  first build, empty cache       {first:7.3f} s {first_cpu:7.3f} s")
        print(f"  rebuild with a new roster      {again:7.3f} s {again_cpu:7.3f} s")
        ratios = f"{again / first:7.3f}   {again_cpu / first_cpu:7.3f}"
        print(f"  ratio                          {ratios}")
        print(f"  (target: rebuild <= {REBUILD_TARGET} x first build)")


if __name__ == "__main__":
    main()
