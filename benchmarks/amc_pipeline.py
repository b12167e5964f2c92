"""Auto Multiple Choice's side of ``bench_amc.py``: its install, a sheet like medialit's made
with its LaTeX package, its command-line pipeline, and what its capture database says.

Nothing here is medialit's: AMC is Debian's ``auto-multiple-choice``, run as a teacher runs
it from a terminal (``prepare``, ``meptex``, ``imprime``, ``analyse``, ``note``; see
``man auto-multiple-choice-analyse``), and read back from its SQLite files with its own
queries' rules (``/usr/share/perl5/AMC/DataModule/capture.pm``).
"""

from __future__ import annotations

import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from medialit.sheets.markable import Area, SheetLayout, SheetStatement
from tests.marking_support import KINDS  # bench_amc.py puts the repository on the path

AMC = "auto-multiple-choice"
SEUIL, SEUIL_UP = 0.15, 1.0
"""AMC's default darkness thresholds (AMC/Config.pm: defaut_seuil, defaut_seuil_up)."""
SEUIL_EQM, SEUIL_SENS = 3.0, 8.0
"""AMC's defaults for the pages its capture list shows in red for the teacher to check
(AMC/Config.pm: seuil_eqm, the marks' fit; seuil_sens, a box near the threshold)."""
ZONE_BOX = 4
"""AMC's zone type of an answer box (AMC/DataModule/capture.pm)."""


@dataclass
class Capture:
    """What ``analyse`` read: pages identified, every answer box, the pages shown red."""

    identified: int = 0
    boxes: list[tuple[int, int, str, int, bool]] = field(default_factory=list)
    """(copy, page, question's name, answer 1-3, ticked) for every box read."""
    red: set[tuple[int, int]] = field(default_factory=set)
    seconds: float = 0.0
    cpu: float = 0.0
    failed: str = ""


def need_amc() -> None:
    """AMC from Debian, installed here if it is missing, or a clear stop."""
    if shutil.which(AMC):
        return
    command = ["apt-get", "install", "-y", "--no-install-recommends", AMC]
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit(
            f"Auto Multiple Choice is not installed and cannot be installed here (it needs "
            f"root and apt-get). Install it with: sudo {' '.join(command)}"
        )
    print(f"Auto Multiple Choice is not installed: installing it with {' '.join(command)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0 or not shutil.which(AMC):
        sys.exit(
            f"apt-get could not install {AMC} (exit {done.returncode}):\n"
            f"{done.stderr.strip()[-2000:]}\nInstall it by hand, then run this again."
        )


def _amc(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([AMC, *map(str, args)], cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{AMC} {args[0]} failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
    return done


def _amc_source(questions: int, copies: int) -> str:
    """An AMC sheet like ours: one question a statement, its three kinds as boxes in a row."""
    body = []
    for n in range(1, questions + 1):
        choices = "".join(
            (r"\correctchoice" if i == n % 3 else r"\wrongchoice") + "{" + kind.title() + "}"
            for i, kind in enumerate(KINDS)
        )
        body.append(
            rf"\begin{{question}}{{s{n}}}Statement {n}: is it evidence, an inference or an "
            rf"assertion?\begin{{choiceshoriz}}[o]{choices}\end{{choiceshoriz}}\end{{question}}"
        )
    return "\n".join(
        [
            r"\documentclass[a4paper]{article}",
            r"\usepackage[utf8]{inputenc}\usepackage[T1]{fontenc}",
            r"\usepackage[box]{automultiplechoice}",
            r"\begin{document}",
            rf"\onecopy{{{copies}}}{{",
            r"\namefield{\fbox{\begin{minipage}{.5\linewidth}Name:\vspace*{.5cm}"
            r"\end{minipage}}}",
            r"\begin{center}\Large Evidence, inference or assertion?\end{center}",
            *body,
            "}",
            r"\end{document}",
            "",
        ]
    )


def amc_sheets(project: Path, questions: int, copies: int) -> tuple[SheetLayout, list[Path]]:
    """AMC's project, its copies printed to PDF files, and where its boxes are (from its
    own layout database), as a sheet layout ``fill_copy`` can draw into."""
    project.mkdir()
    (project / "data").mkdir()
    (project / "cr").mkdir()
    (project / "source.tex").write_text(_amc_source(questions, copies), encoding="utf-8")
    data = project / "data"
    _amc("prepare", "--mode", "s", "--prefix", f"{project}/", "--data", data,
         "--with", "pdflatex", "source.tex", cwd=project)  # fmt: skip
    _amc("meptex", "--src", "calage.xy", "--data", data, cwd=project)
    _amc("prepare", "--mode", "b", "--data", data, "--with", "pdflatex", "source.tex",
         cwd=project)  # fmt: skip
    printed = project / "printed"
    printed.mkdir()
    _amc("imprime", "--sujet", "sujet.pdf", "--data", data, "--methode", "file",
         "--output", f"{printed}/copy-%e.pdf", cwd=project)  # fmt: skip
    with sqlite3.connect(data / "layout.sqlite") as db:
        dpi, width, height = db.execute(
            "SELECT dpi, width, height FROM layout_page WHERE student=1 AND page=1"
        ).fetchone()
        pages = db.execute("SELECT COUNT(*) FROM layout_page WHERE student=1").fetchone()[0]
        names = dict(db.execute("SELECT question, name FROM layout_question"))
        boxes = db.execute(
            "SELECT question, answer, page, xmin, xmax, ymin, ymax FROM layout_box"
            " WHERE student=1 AND role=1 ORDER BY question, answer"
        ).fetchall()
    k = 72 / dpi  # AMC's layout is in pixels at ``dpi`` from the top left; ours in points
    statements: dict[int, SheetStatement] = {}
    for question, answer, page, xmin, xmax, ymin, ymax in boxes:
        number = int(names[question][1:])
        statement = statements.setdefault(
            number, SheetStatement(number, f"s{number}", KINDS[number % 3])
        )
        area = Area(page, xmin * k, ymin * k, (xmax - xmin) * k, (ymax - ymin) * k)
        statement.ticks[KINDS[answer - 1]] = area
    layout = SheetLayout(
        sheet=0,
        file="sujet.pdf",
        level="amc",
        version=None,
        pages=pages,
        page_width=width * k,
        page_height=height * k,
        statements=[statements[n] for n in sorted(statements)],
    )
    return layout, sorted(printed.glob("copy-*.pdf"))


def analyse(project: Path, level: Path, files: list[Path]) -> Capture:
    """AMC's ``analyse`` and ``note`` on ``files`` (timed), in a data folder of the level's own."""
    data = level / "amc-data"
    shutil.copytree(project / "data", data)
    (level / "amc-cr").mkdir()
    listing = level / "amc-scans.txt"
    listing.write_text("".join(f"{f}\n" for f in files), encoding="utf-8")
    capture = Capture()
    started, cpu = time.perf_counter(), children_cpu()
    analysed = subprocess.run(
        [AMC, "analyse", "--projet", project, "--data", data, "--cr", level / "amc-cr",
         "--liste-fichiers", listing],
        capture_output=True, text=True,
    )  # fmt: skip
    noted = subprocess.run([AMC, "note", "--data", data], capture_output=True, text=True)
    capture.seconds = time.perf_counter() - started
    capture.cpu = children_cpu() - cpu
    if analysed.returncode != 0 or noted.returncode != 0:
        capture.failed = f"analyse exit {analysed.returncode}, note exit {noted.returncode}"
    with sqlite3.connect(data / "layout.sqlite") as db:
        names = dict(db.execute("SELECT question, name FROM layout_question"))
    with sqlite3.connect(data / "capture.sqlite") as db:
        capture.identified = db.execute("SELECT COUNT(*) FROM capture_page").fetchone()[0]
        # AMC's own "ticked" query (capture.pm), with its default thresholds.
        for student, page, question, answer, state in db.execute(
            "SELECT student, page, id_a, id_b, CASE WHEN manual >= 0 THEN manual"
            " WHEN total <= 0 THEN 0 WHEN black >= ? * total AND black <= ? * total THEN 1"
            " ELSE 0 END FROM capture_zone WHERE type = ?",
            (SEUIL, SEUIL_UP, ZONE_BOX),
        ):
            capture.boxes.append((student, page, names[question], answer, bool(state)))
        # The pages AMC's capture list shows in red (capture.pm: pagesSummary, sensitivity):
        # the marks fit badly, or a box is within a fifth of the threshold.
        capture.red = {
            (student, page)
            for student, page, mse, delta in db.execute(
                "SELECT student, page, mse, (SELECT MIN(ABS(1.0 * black / total - ?))"
                " FROM capture_zone z WHERE z.student = p.student AND z.page = p.page"
                " AND z.copy = p.copy AND z.type = ? AND total > 0) FROM capture_page p",
                (SEUIL, ZONE_BOX),
            )
            if mse > SEUIL_EQM or (delta is not None and 10 * (SEUIL - delta) / SEUIL > SEUIL_SENS)
        }
    return capture


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
