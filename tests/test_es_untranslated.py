"""Issue 22: `medialit check` warns when a lesson in another language keeps English words of
its own (its ``worksheet:`` definitions and headings, its ``marking:``), as a real process.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from medialit.lesson.loader import load_yaml
from medialit.settings.untranslated import reads_as_english

from .conftest import DATA, ROOT

SEED = ROOT / "lessons" / "washington-isis-syria-2017.yaml"


def check(*lessons: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``medialit check`` as a teacher runs it."""
    return subprocess.run(
        [sys.executable, "-m", "medialit", "check", *map(str, lessons)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def seed_worksheet_kinds() -> str:
    """The seed lesson's own ``worksheet:`` kinds block (its English definitions), as written."""
    text = SEED.read_text(encoding="utf-8")
    found = re.search(r"(?ms)^  kinds:\n.*?(?=^  words:)", text)
    assert found, "the seed lesson's worksheet: table has kinds: then words:"
    return found.group(0)


def spanish_lesson(folder: Path, worksheet: str, marking: str = "") -> Path:
    lesson = folder / "leccion.yaml"
    text = (DATA / "lesson-es.yaml").read_text(encoding="utf-8")
    lesson.write_text(f"{text}worksheet:\n{worksheet}{marking}", encoding="utf-8")
    return lesson


def test_a_spanish_lesson_with_the_seed_lessons_english_definitions_is_warned(
    tmp_path: Path,
) -> None:
    heading = "  words:\n    the_article: The article (reproduced as published, errors included)\n"
    marking = (
        "marking:\n"
        "  - {band: Beginning, description: Nombra un tipo sin razón., sample: No es verdad.}\n"
        "  - {band: En proceso, description: Da una razón., sample: Dice «por tanto».}\n"
        "  - {band: Adquirido, description: Da una razón y una comprobación., sample: Lo busco.}\n"
    )
    lesson = spanish_lesson(tmp_path, seed_worksheet_kinds() + heading, marking)
    done = check(lesson, cwd=tmp_path)
    assert done.returncode == 0, done.stderr  # a warning stops nothing
    assert "leccion.yaml: OK: 3 statements" in done.stdout
    warnings = [line for line in done.stderr.splitlines() if line.startswith("Warning:")]
    loaded = load_yaml(lesson)
    expected = [
        (("worksheet", "kinds", kind, "definition"), "reads as English")
        for kind in ("evidence", "inference", "assertion")
    ]
    expected.append((("worksheet", "words", "the_article"), "reads as English"))
    expected.append((("marking", 0, "band"), 'built-in English text ("Beginning")'))
    assert len(warnings) == len(expected), done.stderr
    for warning, (path, why) in zip(warnings, expected, strict=True):
        line, column = loaded.key_place(path) if path[0] == "worksheet" else loaded.place(path)
        field = ".".join(map(str, path[1:])) if path[0] == "worksheet" else "marking[0].band"
        prefix = "worksheet." if path[0] == "worksheet" else ""
        assert warning.startswith(f"Warning: {lesson}:{line}:{column}: {prefix}{field}: "), warning
        assert why in warning
        assert 'but the lesson\'s language is "es"' in warning
        assert "Translate it, or delete it to print medialit's built-in words" in warning


def test_translated_and_english_lessons_are_not_warned(tmp_path: Path) -> None:
    translated = spanish_lesson(
        tmp_path,
        "  kinds:\n    evidence:\n      definition: >-\n"
        "        Información que dice de dónde procede (según The Guardian, por ejemplo), para\n"
        "        que puedas comprobarla allí; y un dato con fuente puede ser falso.\n"
        "  words:\n    the_article: El artículo (tal como se publicó, con sus erratas)\n",
    )
    done = check(translated, DATA / "lesson-es.yaml", DATA / "lesson-fr.yaml", SEED, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "built-in English text" not in done.stderr and "reads as English" not in done.stderr


def test_a_french_lesson_is_warned_too(tmp_path: Path) -> None:
    lesson = tmp_path / "lecon.yaml"
    text = (DATA / "lesson-fr.yaml").read_text(encoding="utf-8")
    lesson.write_text(f"{text}worksheet:\n  words:\n    sort_statements: Sort the statements\n")
    done = check(lesson, cwd=tmp_path)
    assert "worksheet.words.sort_statements: is medialit's built-in English text (\"Sort the" in (
        done.stderr
    )
    assert 'language is "fr"' in done.stderr


def test_what_reads_as_english() -> None:
    assert reads_as_english("Information that says where it comes from")
    assert reads_as_english("The article (reproduced as published, errors included)")
    # One English name quoted in Spanish or French is not enough, nor are shared words.
    assert not reads_as_english("Según The Guardian, la biblioteca cierra a las seis.")
    assert not reads_as_english("On a dit que le maire a menti, selon son adjoint.")
    assert not reads_as_english("Evidence")  # one word: only the built-in text test sees it
