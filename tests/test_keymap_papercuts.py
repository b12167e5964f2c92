"""Papercuts found beside issue 22's number map: ``medialit new`` in a language without cues,
``new --preview``'s server options, the exports' quiz wording in the lesson's language, the
French footer's semicolon and the class pack cover's file names.

Real commands (click's runner, or a real process for the preview), real files.
"""

from __future__ import annotations

import html
import os
import shutil
import signal
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from medialit.cli import main

from .conftest import DATA, ROOT
from .process_support import default_signals

ARTICLE = (
    "Der Bus wird teurer\n\n"
    + "\n\n".join(
        [
            "Die Stadt sagt, dass der Bus im nächsten Jahr deutlich teurer wird, weil die "
            "Kosten für Diesel und Personal gestiegen sind. Laut dem Bericht der "
            "Verkehrsbetriebe fahren heute vierzig Prozent mehr Menschen mit dem Bus als vor "
            "fünf Jahren."
        ]
        * 4
    )
    + "\n"
)
NOTES = (
    "Library hours\n\n"
    "The council says the library closes at 6 pm on Saturdays, according to its website. "
    "Everyone knows the old hours were better. So the new hours will surely drive readers "
    "away. Some readers complained to the newspaper on Monday.\n"
)


def new(folder: Path, *args: str) -> tuple[int, str, str]:
    """``medialit new`` in ``folder``, as a teacher runs it there."""
    cwd = Path.cwd()
    try:
        os.chdir(folder)
        result = CliRunner().invoke(main, ["new", *args])
    finally:
        os.chdir(cwd)
    return result.exit_code, result.stdout, result.stderr


def test_new_in_a_language_without_cues_says_it_made_no_drafts(tmp_path: Path) -> None:
    (tmp_path / "bus.txt").write_text(ARTICLE, encoding="utf-8")
    code, out, err = new(tmp_path, "bus.txt", "--language", "de")
    assert code == 0, err
    lesson = "lessons/der-bus-wird-teurer.yaml"
    assert f"wrote {lesson} (0 draft statements;" in out
    assert (tmp_path / lesson).is_file()
    assert (
        "Warning: medialit new drafts statements only in en, es and fr (one "
        "cues/<language>.yaml file each), not in de: "
        f"{lesson} was made without draft statements. Add its statements in medialit preview "
        f"{lesson}, or write cues/de.yaml in this folder (docs/customising.md says how), move "
        f"{lesson} away and run medialit new again."
    ) in " ".join(err.split())


def test_a_teacher_s_own_cues_count_and_no_suggest_says_nothing(tmp_path: Path) -> None:
    (tmp_path / "bus.txt").write_text(ARTICLE, encoding="utf-8")
    code, _, err = new(tmp_path, "bus.txt", "--language", "de", "--no-suggest")
    assert code == 0 and "cues" not in err, err  # no drafts asked for: nothing to explain
    (tmp_path / "cues").mkdir()
    (tmp_path / "cues" / "pt.yaml").write_text("families: []\n", encoding="utf-8")
    (tmp_path / "notas.txt").write_text(ARTICLE.replace("Der Bus", "Die Bahn"), encoding="utf-8")
    code, _, err = new(tmp_path, "notas.txt", "--language", "nl")
    assert code == 0, err
    assert "only in en, es, fr and pt (one" in " ".join(err.split())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_new_preview_takes_port_and_no_open_as_preview_does(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text(NOTES, encoding="utf-8")
    opened = tmp_path / "opened"
    browser = tmp_path / "browser"
    browser.write_text(f'#!/bin/sh\necho "$1" > {opened}\n')
    browser.chmod(0o755)
    port = ["--port", str(free_port())]
    process = subprocess.Popen(
        [sys.executable, "-m", "medialit", "new", "notes.txt", "--preview", "--no-open", *port],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "BROWSER": str(browser)},  # Python's webbrowser would run it
        preexec_fn=default_signals,
    )
    assert process.stdout is not None
    lines: list[str] = []
    try:
        while not (lines and lines[-1].startswith("Previewing ")):
            line = process.stdout.readline()
            assert line, (lines, process.stderr.read() if process.stderr else "")
            lines.append(line.rstrip("\n"))
        # Answered once Uvicorn serves (and handles Ctrl-C): the socket queues it until then.
        httpx.get(lines[-2].split("/?token=")[0] + "/favicon.ico", timeout=30)
    finally:
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=30)
    assert process.returncode == 0, errors
    assert lines[-2].startswith(f"http://127.0.0.1:{port[1]}/?token="), lines
    assert not opened.exists()  # --no-open: no browser was started


@pytest.mark.parametrize("option", [["--no-open"], ["--port", "8123"]])
def test_new_refuses_preview_options_without_preview(tmp_path: Path, option: list[str]) -> None:
    (tmp_path / "notes.txt").write_text(NOTES, encoding="utf-8")
    code, _, err = new(tmp_path, "notes.txt", *option)
    assert code == 2, err
    assert f"{option[0]} is for the preview: add --preview, or leave {option[0]} out." in err
    assert not (tmp_path / "lessons").exists()  # refused before anything was written


def exported(lesson: Path, form: str, out: Path, version: str = "") -> str:
    """Every text of ``medialit export``'s file in ``form`` (of ``version``, exported with
    two versions), its zip's entries joined."""
    extra = ["--versions", "2"] if version else []
    result = CliRunner().invoke(
        main, ["export", str(lesson), "--format", form, "--out", str(out), "--quiet", *extra]
    )
    assert result.exit_code == 0, result.output
    stem = f"{form}-{version}" if version else form
    folder = out / lesson.stem
    if form == "moodle":
        text = (folder / f"{stem}.xml").read_text("utf-8")
    else:
        with zipfile.ZipFile(folder / f"{stem}.zip") as package:
            text = "".join(package.read(name).decode("utf-8") for name in package.namelist())
    return html.unescape(html.unescape(text))  # the question HTML is escaped inside the XML


QUIZ_WORDS = {
    "es": [
        "Fragmento 1: ¿Dato con fuente, Inferencia o Afirmación sin fuente?",
        "Cómo comprobarlo:",
        "Pregunta de debate 1",
    ],
    "fr": [
        "Énoncé 1\u00a0: Information sourcée, Inférence ou Affirmation\u202f?",
        "Comment vérifier\u00a0:",
        "Question à débattre 1",
    ],
}
FEEDBACK = {
    "es": ["Sí: el solucionario dice", "El solucionario dice", "Defendible"],
    "fr": ["Oui\u00a0: le corrigé indique", "Le corrigé indique", "Défendable"],
}
ENGLISH = ["Statement 1:", "the key says", "The key says", "How to check:", "Discussion 1"]


@pytest.mark.parametrize("form", ["moodle", "qti", "canvas"])
@pytest.mark.parametrize("language", ["es", "fr"])
def test_the_quiz_wording_is_in_the_lesson_s_language(
    tmp_path: Path, language: str, form: str
) -> None:
    text = exported(DATA / f"lesson-{language}.yaml", form, tmp_path)
    # the QTI 2.1 package gives the explanation alone as feedback, not one per answer
    expected = QUIZ_WORDS[language] + (FEEDBACK[language] if form != "qti" else [])
    for words in expected:
        assert words in text, words
    for words in ENGLISH:
        assert words not in text, words
    if form == "canvas":  # which gives a kind also accepted no marks: the teacher can
        teacher = {"es": "Tu docente puede", "fr": "Ton enseignant ou ton enseignante"}
        assert teacher[language] in text


@pytest.mark.build
def test_the_french_footer_puts_a_narrow_space_before_its_semicolon(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["build", str(DATA / "lesson-fr.yaml"), "--out", str(tmp_path), "--quiet"]
    )
    assert result.exit_code == 0, result.output
    # pypdf, not pdftotext, which prints U+202F as a plain space
    pages = PdfReader(tmp_path / "lesson-fr" / "student.pdf").pages
    footers = [
        line for page in pages for line in page.extract_text().splitlines() if "repris par" in line
    ]
    assert len(footers) == len(pages), footers  # one on every page
    for footer in footers:
        assert "10 mai 2016\u202f; repris par Infos du jour, 12 mai 2016" in footer, repr(footer)


@pytest.mark.parametrize("form", ["moodle", "qti", "canvas"])
def test_a_version_s_quiz_is_named_in_the_lesson_s_language(tmp_path: Path, form: str) -> None:
    text = exported(DATA / "lesson-es.yaml", form, tmp_path, version="B")
    named = {"moodle": "/Versión B", "qti": "(versión B)", "canvas": "(versión B)"}[form]
    assert named in text
    assert "ersion B" not in text


MIXED = """name,level,version
Ana Lopez,guided,A
Ben Okafor,,B
Chloé Martin,,B
Dev Patel,independent,B
Eve Adams,guided,B
"""


@pytest.mark.build
@pytest.mark.parametrize("laid_out", [False, True], ids=["drawn", "laid-out"])
def test_the_cover_keeps_file_names_whole(tmp_path: Path, laid_out: bool) -> None:
    roster = tmp_path / "class.csv"
    roster.write_text(MIXED, encoding="utf-8")
    args = ["build", str(ROOT / "lessons" / "school-start-time.yaml"), "--roster", str(roster)]
    args += ["--versions", "2", "--out", str(tmp_path / "out"), "--quiet"]
    if laid_out:  # a teacher's own fonts.css: the cover is laid out from cover.html
        own = tmp_path / "templates"
        own.mkdir()
        shutil.copy(ROOT / "src" / "medialit" / "templates" / "fonts.css", own)
        args += ["--templates", str(own)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out" / "school-start-time"
    done = subprocess.run(
        ["pdftotext", str(folder / "cover.pdf"), "-"], capture_output=True, text=True, check=True
    )
    keys = sorted(path.name for path in folder.glob("key-*.pdf"))
    assert keys == ["key-B.pdf", "key-guided-A.pdf", "key-guided-B.pdf", "key-independent-B.pdf"]
    lines = done.stdout.splitlines()
    # this roster's sentence reaches the line's end in the middle of "key-guided-B.pdf"
    for name in ["class-pack.pdf", *keys]:
        assert any(name in line for line in lines), (name, lines[:6])
