"""Time whole medialit commands as a teacher runs them: check, new, and a second class's build.

Run from the repository (standard library only, plus medialit itself and pdftotext):

    python benchmarks/bench_speed.py [LESSON] [--repeat 21] [--builds 3] [--students 30,300]
        [--only check|new|rebuild|pack|weasyprint] [--compare OTHER/src]

LESSON defaults to the seed lesson (lessons/washington-isis-syria-2017.yaml), the one
benchmarks/README.md quotes. Every figure is a whole process (start-up and imports
included), and every ratio is taken from runs that alternate in this one run, so a busy
machine slows both sides alike; the load average is printed before and after. Wall and CPU
time (user + system, from ``getrusage``) are both given: on a busy machine the CPU ratio is
the steadier one. Python writes its bytecode cache as on a teacher's machine
(``PYTHONDONTWRITEBYTECODE`` is dropped) and one warm-up run of each command fills it.

- **check**: `medialit check LESSON` beside `python -c pass`, beside a process that only
  loads the libraries any check of this design needs (click, ruamel.yaml, tomllib, pydantic
  with one model's validator built and used: the floor), and beside another checkout's
  ``src/`` with ``--compare``, in the same turns. Targets: at most 0.25 s on a quiet
  machine, and at most 15 x `python -c pass`.
- **new**: `medialit new PAGE` (tests/data/news-story.html) in an empty folder; the same
  command again, refused because the lesson exists (no ``--name``: its title names it, the
  page being the one kept in seeds/); with ``--name`` of the existing lesson; and a copy of
  the page with one byte more (not the kept page: its title is read with trafilatura).
  Each refusal must exit 1 and say why, or the benchmark stops. Targets: new at most 1 s,
  a refusal at most 0.2 s (quiet machine).
  The rounds are a third of ``--repeat`` (at least 3). ``--compare`` times another
  checkout's ``src/`` too, the same four commands in the same turns (in a folder of its own).
- **rebuild**: `medialit build LESSON --roster … --versions 2` with an empty layout cache
  (the first class) and then with a new roster of as many students, the cache kept (a
  second class), in turns, each round with a cache of its own. The rebuild must lay
  nothing out (the cache gains no entry) and its class pack must name its students, or
  the benchmark stops. Targets: rebuild / first build at most 0.15 at 30 students and
  0.10 at 300. ``--compare`` times another checkout's ``src/`` rebuilding for a third roster
  right after, from the same cache (the same HTML: it must lay nothing out either).
- **pack**: `medialit build LESSON --roster … --versions 2` for 30 students (the first of
  ``--students``; a first class:
  empty layout cache) beside one plain build (`medialit build LESSON`, empty cache) and
  beside Chromium printing the same 30 copies one by one (`chromium --headless
  --print-to-pdf`, a process a copy, each the HTML of its copy's version with its name in
  a line above it), in turns. Targets: pack / plain build at most 1.6, pack / Chromium at
  most 0.2.
- **weasyprint**: one plain build (`medialit build LESSON`, empty cache: the student sheet
  and the key) beside the WeasyPrint command line printing the same two HTML files
  (`weasyprint --pdf-tags`, written by `medialit build --html`, medialit's package URLs
  turned into file URLs), in turns. Target: at most 1.05.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
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

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "tests" / "data" / "news-story.html"
CHECK_TARGET, CHECK_RATIO = 0.25, 15.0
NEW_TARGET, REFUSAL_TARGET = 1.0, 0.2
NEW_LABELS = (
    "medialit new PAGE",
    "refused, no --name",
    "refused, --name",
    "refused, no --name, page not kept",
)
REBUILD_TARGETS = {30: 0.15, 300: 0.10}
PACK_TARGETS = {"one plain build": 1.6, "Chromium, the same copies": 0.2}
WEASYPRINT_TARGET = 1.05
CHROMIUM = "/usr/bin/chromium"

Times = tuple[float, float]


def medialit_command() -> list[str]:
    """The installed ``medialit`` script beside this Python, as a teacher runs it."""
    script = Path(sys.executable).with_name("medialit")
    return [str(script)] if script.exists() else [sys.executable, "-m", "medialit"]


def user_environment(**extra: str) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    environ.pop("SOURCE_DATE_EPOCH", None)
    return {**environ, **extra}


def run(
    command: list[str], environ: dict[str, str], cwd: Path | None = None, expect: int = 0
) -> tuple[Times, subprocess.CompletedProcess[str]]:
    """Wall and CPU time of one run; stops the benchmark if it exits otherwise than ``expect``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, env=environ, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != expect:
        sys.exit(
            f"{' '.join(command)} exited {done.returncode}, not {expect}: "
            f"{done.stderr.strip()[-500:]}"
        )
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return (wall, cpu), done


def medians(runs: list[Times]) -> Times:
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def load() -> str:
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


# What any `check` of this design loads before it reads a lesson: the command line, YAML,
# TOML and pydantic, with one model's validator built and used (which loads pydantic's
# plugin search, importlib.metadata): the floor under `medialit check`. With the cycle
# collector off, as `check` loads them (cli/common.py: collector_paused).
LIBRARIES_ALONE = (
    "import gc\ngc.disable()\n"
    "import click, ruamel.yaml, tomllib\n"
    "from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints\n"
    "class Model(BaseModel):\n    text: str\n"
    "Model(text='a')\n"
)


def check_figures(lesson: Path, repeat: int, compare: Path | None) -> dict[str, Times]:
    environ = user_environment()
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "libraries alone": [sys.executable, "-c", LIBRARIES_ALONE],
        "medialit check": [*medialit_command(), "check", str(lesson)],
    }
    if compare is not None:
        code = f"import sys; sys.path.insert(0, {str(compare)!r}); "
        code += "from medialit.cli.main import main; main()"
        commands["medialit check, --compare"] = [sys.executable, "-c", code, "check", str(lesson)]
    for command in commands.values():
        run(command, environ)  # warm: bytecode cache, file system cache
    times: dict[str, list[Times]] = {label: [] for label in commands}
    for _ in range(repeat):
        for label, command in commands.items():
            times[label].append(run(command, environ)[0])
    return {label: medians(values) for label, values in times.items()}


def new_figures(repeat: int, compare: Path | None = None) -> dict[str, Times]:
    """`medialit new` on a saved page, and refusing it three times once it exists (the same
    page again, with ``--name``, and a copy of the page with other bytes), in turns; with
    ``compare``, the same four commands of that checkout's ``src/`` in the same turns."""
    environ = user_environment()
    sides = {"": [*medialit_command(), "new"]}
    if compare is not None:
        code = f"import sys; sys.path.insert(0, {str(compare)!r}); "
        code += "from medialit.cli.main import main; main()"
        sides[", --compare"] = [sys.executable, "-c", code, "new"]
    times: dict[str, list[Times]] = {"python -c pass": []}
    for side in sides:
        for label in NEW_LABELS:
            times[label + side] = []
    with tempfile.TemporaryDirectory() as folder:
        for round_number in range(repeat + 1):  # the first round warms up
            rounds = {"python -c pass": run([sys.executable, "-c", "pass"], environ)[0]}
            for side, command in sides.items():
                work = Path(folder) / f"{round_number}{side.strip(', -')}"
                work.mkdir()
                new = [*command, str(PAGE)]
                rounds["medialit new PAGE" + side] = run(new, environ, work)[0]
                (made,) = (work / "lessons").iterdir()
                # The same title and date, other bytes: not the page kept in seeds/, so its
                # name is read with trafilatura and htmldate (drafting/keptpage.py).
                other = work / "other.html"
                other.write_bytes(PAGE.read_bytes() + b"\n")
                for label, refusal in (
                    ("refused, no --name", new),
                    ("refused, --name", [*new, "--name", made.stem]),
                    ("refused, no --name, page not kept", [*command, str(other)]),
                ):
                    seconds, done = run(refusal, environ, work, expect=1)
                    if "exists already" not in done.stderr:
                        reason = done.stderr.strip()
                        sys.exit(f"{label}{side}: refused for another reason: {reason}")
                    rounds[label + side] = seconds
            if round_number:
                for label, seconds in rounds.items():
                    times[label].append(seconds)
    return {label: medians(values) for label, values in times.items()}


def rebuild_figures(
    lesson: Path, builds: int, students: int, compare: Path | None = None
) -> dict[str, Times]:
    """First builds (empty cache) and rebuilds for a new roster (cache kept), in turns; with
    ``compare``, that checkout's rebuild for a third roster right after, from the same cache."""
    times: dict[str, list[Times]] = {"first build": [], "rebuild, new roster": []}
    sides = [("first build", 0, medialit_command()), ("rebuild, new roster", students, [])]
    if compare is not None:
        times["rebuild, --compare"] = []
        code = f"import sys; sys.path.insert(0, {str(compare)!r}); "
        code += "from medialit.cli.main import main; main()"
        sides.append(("rebuild, --compare", 2 * students, [sys.executable, "-c", code]))
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for round_number in range(builds):
            cache = work / f"cache-{round_number}"
            environ = user_environment(XDG_CACHE_HOME=str(cache))
            kept = 0
            # the two rebuilds in turns, one first in one round, the other in the next
            turn = sides if round_number % 2 == 0 else [sides[0], *reversed(sides[1:])]
            for label, first, medialit in turn:
                roster = write_roster(work, students, first + round_number * 1000)
                out = work / f"out-{round_number}-{first}"
                command = [*(medialit or medialit_command()), "build", str(lesson), "--out"]
                command += [str(out), "--roster", str(roster), "--versions", "2", "--quiet"]
                times[label].append(run(command, environ)[0])
                # Layouts only: another checkout's rebuild (--compare) keeps its own sheets'
                # HTML beside them (keyed by its own files), which is no layout.
                entries = sum(1 for p in cache.rglob("*.pages") if p.is_file())
                if first and entries != kept:
                    sys.exit(f"the rebuild laid out {entries - kept} documents: it timed layouts")
                kept = entries
                _check_pack(out / lesson.stem / "class-pack.pdf", roster)
            shutil.rmtree(cache)
    return {label: medians(values) for label, values in times.items()}


def _build_command(lesson: Path, out: Path, *extra: str) -> list[str]:
    return [*medialit_command(), "build", str(lesson), "--out", str(out), "--quiet", *extra]


def _plain_html(html: str, lesson: Path) -> str:
    """``html`` with medialit's package URLs as file URLs, relative ones from the lesson."""
    package = Path(medialit_package())
    html = html.replace('url("medialit:', f'url("{package.as_uri()}/')
    return html.replace("<head>", f'<head><base href="{lesson.parent.as_uri()}/">', 1)


def medialit_package() -> str:
    done = subprocess.run(
        [sys.executable, "-c", "import medialit, os; print(os.path.dirname(medialit.__file__))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def _copies_html(lesson: Path, roster: Path, folder: Path) -> list[Path]:
    """Each copy of the pack as the HTML of its version with its name in a line above it."""
    code = (
        "import json, sys; from pathlib import Path\n"
        "from medialit.build.planning import plan_lesson\n"
        "from medialit.build.run import BuildOptions\n"
        "from medialit.sheets.roster import read_roster\n"
        "plan = plan_lesson(Path(sys.argv[1]), BuildOptions(versions=2), "
        "read_roster(Path(sys.argv[2])))\n"
        "pack = plan.class_pack\n"
        "print(json.dumps({'layouts': [d.html for d in pack.layouts], 'copies': "
        "[[c.name, pack.plan.layout_index(c)] for c in pack.plan.copies]}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(lesson), str(roster)],
        capture_output=True,
        text=True,
        check=True,
    )
    planned = json.loads(done.stdout)
    files = []
    for number, (name, layout) in enumerate(planned["copies"], start=1):
        html = _plain_html(planned["layouts"][layout], lesson)
        # The name in a line of its own above the sheet (text beside a fixed box on every
        # page would be read interleaved with the header's, and the check below needs it).
        tag = f'<p style="margin: 0; font-weight: bold">{name}</p>'
        html = re.sub(r"(<body[^>]*>)", lambda m, tag=tag: m.group(1) + tag, html, count=1)
        file = folder / f"copy-{number:03d}.html"
        file.write_text(html, encoding="utf-8")
        files.append(file)
    return files


def _chromium(files: list[Path], folder: Path) -> list[str]:
    """One shell command that prints every file with Chromium, a process each, in turn."""
    flags = "--headless --no-sandbox --disable-gpu --no-pdf-header-footer"
    flags += " --allow-file-access-from-files"
    lines = [
        f"{CHROMIUM} {flags} --print-to-pdf={folder / (file.stem + '.pdf')} {file.as_uri()}"
        for file in files
    ]
    return ["sh", "-c", "set -e\n" + "\n".join(f"{line} 2>/dev/null" for line in lines)]


def pack_figures(lesson: Path, builds: int, students: int) -> dict[str, Times]:
    """A 30-copy two-version pack, one plain build and Chromium's copies, in turns."""
    times: dict[str, list[Times]] = {
        "class pack, first build": [],
        "one plain build": [],
        "Chromium, the same copies": [],
    }
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        roster = write_roster(work, students)
        copies = work / "copies"
        copies.mkdir()
        files = _copies_html(lesson, roster, copies)
        chromium = _chromium(files, copies)
        for round_number in range(builds + 1):  # the first round warms up
            environ = user_environment(XDG_CACHE_HOME=str(work / f"cache-{round_number}"))
            out = work / f"out-{round_number}"
            pack = _build_command(lesson, out / "pack", "--roster", str(roster))
            rounds = {
                "class pack, first build": run([*pack, "--versions", "2"], environ)[0],
                "one plain build": run(_build_command(lesson, out / "plain"), environ)[0],
                "Chromium, the same copies": run(chromium, user_environment())[0],
            }
            _check_pack(out / "pack" / lesson.stem / "class-pack.pdf", roster)
            printed = sorted(copies.glob("*.pdf"))
            if len(printed) != len(files) or not all(p.stat().st_size for p in printed):
                sys.exit(f"Chromium printed {len(printed)} of {len(files)} copies")
            _check_pdf_names(printed[0], roster, 0)
            for pdf in printed:
                pdf.unlink()
            if round_number:
                for label, seconds in rounds.items():
                    times[label].append(seconds)
    return {label: medians(values) for label, values in times.items()}


def _check_pdf_names(pdf: Path, roster: Path, row: int) -> None:
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    name = roster.read_text(encoding="utf-8").splitlines()[1 + row]
    if name not in text:
        sys.exit(f"{pdf} does not name {name}: Chromium did not print the copy timed")


def weasyprint_figures(lesson: Path, builds: int) -> dict[str, Times]:
    """One plain build beside the WeasyPrint command line on the same two HTML files."""
    times: dict[str, list[Times]] = {"medialit build": [], "weasyprint, the same HTML": []}
    weasyprint = Path(sys.executable).with_name("weasyprint")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        made = work / "html"
        run(_build_command(lesson, made, "--html"), user_environment(XDG_CACHE_HOME=str(work)))
        sheets = [made / lesson.stem / f"{name}.html" for name in ("student", "key")]
        commands = []
        for sheet in sheets:
            plain = work / sheet.name
            plain.write_text(_plain_html(sheet.read_text(encoding="utf-8"), lesson), "utf-8")
            pdf = work / f"{sheet.stem}-weasyprint.pdf"
            commands.append(f"{weasyprint} --pdf-tags {plain} {pdf}")
        both = ["sh", "-c", "set -e\n" + "\n".join(commands)]
        for round_number in range(builds + 1):  # the first round warms up
            environ = user_environment(XDG_CACHE_HOME=str(work / f"cache-{round_number}"))
            out = work / f"out-{round_number}"
            ours = run(_build_command(lesson, out), environ)[0]
            theirs = run(both, user_environment())[0]
            for sheet in ("student", "key"):
                if not (out / lesson.stem / f"{sheet}.pdf").is_file():
                    sys.exit(f"medialit build wrote no {sheet}.pdf: it did not build what is timed")
                if not (work / f"{sheet}-weasyprint.pdf").is_file():
                    sys.exit(f"weasyprint wrote no {sheet}-weasyprint.pdf")
                ours_pages, their_pages = (
                    _pages(out / lesson.stem / f"{sheet}.pdf"),
                    _pages(work / f"{sheet}-weasyprint.pdf"),
                )
                if ours_pages != their_pages:
                    sys.exit(
                        f"{sheet}: {ours_pages} pages, WeasyPrint's {their_pages}: not the same"
                    )
            if round_number:
                times["medialit build"].append(ours)
                times["weasyprint, the same HTML"].append(theirs)
    return {label: medians(values) for label, values in times.items()}


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE).group(1))  # type: ignore[union-attr]


def _check_pack(pack: Path, roster: Path) -> None:
    """The class pack names the roster's first and last students, or the benchmark stops."""
    text = subprocess.run(
        ["pdftotext", str(pack), "-"], capture_output=True, text=True, check=True
    ).stdout
    names = roster.read_text(encoding="utf-8").splitlines()[1:]
    for name in (names[0], names[-1]):
        if name not in text:
            sys.exit(f"{pack} does not name {name}: the build did not make the pack timed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lesson", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=21, help="runs of check and of new")
    parser.add_argument("--builds", type=int, default=3, help="first builds and rebuilds")
    parser.add_argument("--students", default="30,300")
    parser.add_argument("--only", choices=["check", "new", "rebuild", "pack", "weasyprint"])
    parser.add_argument(
        "--compare",
        type=Path,
        help="another checkout's src/: its check, new and rebuild timed too, in the same turns",
    )
    args = parser.parse_args()
    lesson = (args.lesson or default_lesson()).resolve()
    print(f"lesson: {lesson}")
    print(f"machine: {os.cpu_count()} CPUs, {cpu_model()}, Python {platform.python_version()}")
    print(f"load average at the start: {load()}")
    if args.only in (None, "check"):
        check = check_figures(lesson, args.repeat, args.compare)
        print(f"\ncheck (median of {args.repeat} fresh processes each, taking turns):")
        print("                                    wall       CPU")
        for label, (wall, cpu) in check.items():
            print(f"  {label:30s} {wall:7.3f} s {cpu:7.3f} s")
        (base_wall, base_cpu), (wall, cpu) = check["python -c pass"], check["medialit check"]
        print(f"  ratio to python -c pass        {wall / base_wall:7.1f}   {cpu / base_cpu:7.1f}")
        alone_wall, alone_cpu = check["libraries alone"]
        ratios = f"{alone_wall / base_wall:7.1f}   {alone_cpu / base_cpu:7.1f}"
        print(f"  libraries alone / python       {ratios}")
        if args.compare is not None:
            other_wall, other_cpu = check["medialit check, --compare"]
            ratios = f"{wall / other_wall:7.2f}   {cpu / other_cpu:7.2f}"
            print(f"  ratio to --compare             {ratios}")
        print(f"  (targets: <= {CHECK_TARGET} s on a quiet machine, <= {CHECK_RATIO:g} x python)")
    if args.only in (None, "new"):
        new = new_figures(max(3, args.repeat // 3), args.compare)
        print(f"\nnew (median of {max(3, args.repeat // 3)} rounds, each command in turn):")
        print("                                                     wall       CPU")
        for label, (wall, cpu) in new.items():
            print(f"  {label:47s} {wall:7.3f} s {cpu:7.3f} s")
        (wall, cpu), (named_wall, named_cpu) = new["refused, no --name"], new["refused, --name"]
        ratios = f"{wall / named_wall:7.2f}   {cpu / named_cpu:7.2f}"
        print(f"  {'refused, no --name / refused, --name':47s} {ratios}")
        if args.compare is not None:
            for label in NEW_LABELS:
                (wall, cpu), (other_wall, other_cpu) = new[label], new[label + ", --compare"]
                ratios = f"{wall / other_wall:7.2f}   {cpu / other_cpu:7.2f}"
                print(f"  {label + ' / --compare':47s} {ratios}")
        print(f"  (targets: new <= {NEW_TARGET} s, a refusal <= {REFUSAL_TARGET} s, quiet machine)")
    if args.only in (None, "rebuild"):
        for students in (int(n) for n in args.students.split(",")):
            rebuild = rebuild_figures(lesson, args.builds, students, args.compare)
            (first, first_cpu), (again, again_cpu) = list(rebuild.values())[:2]
            print(
                f"\nrebuild: class pack of {students} students, two versions "
                f"(median of {args.builds} whole processes each, in turns):"
            )
            print("                                    wall       CPU")
            print(f"  first build, empty cache       {first:7.3f} s {first_cpu:7.3f} s")
            print(f"  rebuild with a new roster      {again:7.3f} s {again_cpu:7.3f} s")
            ratios = f"{again / first:7.3f}   {again_cpu / first_cpu:7.3f}"
            print(f"  ratio                          {ratios}")
            if args.compare is not None:
                other, other_cpu = rebuild["rebuild, --compare"]
                print(f"  rebuild, --compare             {other:7.3f} s {other_cpu:7.3f} s")
                ratios = f"{again / other:7.3f}   {again_cpu / other_cpu:7.3f}"
                print(f"  rebuild / --compare's          {ratios}")
            target = REBUILD_TARGETS.get(students)
            if target is not None:
                print(f"  (target: rebuild <= {target} x first build)")
    if args.only in (None, "pack"):
        rounds, copies = max(1, args.builds - 1), int(args.students.split(",")[0])
        pack = pack_figures(lesson, rounds, copies)
        print(f"\npack: {copies} copies, two versions (median of {rounds} rounds, in turns):")
        print("                                    wall       CPU")
        for label, (wall, cpu) in pack.items():
            print(f"  {label:30s} {wall:7.3f} s {cpu:7.3f} s")
        wall, cpu = pack["class pack, first build"]
        for label, target in PACK_TARGETS.items():
            other_wall, other_cpu = pack[label]
            ratios = f"{wall / other_wall:7.3f}   {cpu / other_cpu:7.3f}"
            print(f"  pack / {label:23s} {ratios}   (target <= {target})")
        print("  (Chromium's CPU is the sum of its processes' user + system time)")
    if args.only in (None, "weasyprint"):
        figures = weasyprint_figures(lesson, args.builds)
        print(f"\nweasyprint: one plain build (median of {args.builds} rounds, in turns):")
        print("                                    wall       CPU")
        for label, (wall, cpu) in figures.items():
            print(f"  {label:30s} {wall:7.3f} s {cpu:7.3f} s")
        (wall, cpu), (other_wall, other_cpu) = figures.values()
        ratios = f"{wall / other_wall:7.3f}   {cpu / other_cpu:7.3f}"
        print(f"  ratio                          {ratios}   (target <= {WEASYPRINT_TARGET})")
    print(f"\nload average at the end: {load()}")


if __name__ == "__main__":
    main()
