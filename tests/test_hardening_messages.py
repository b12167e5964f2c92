"""Hardening, round two (issue 15): clear and consistent messages.

Extends the bad-input suite (``tests/test_bad_inputs.py``) and the CLI error
suite: ``check`` finds what ``build`` finds, all at once; brackets in prose
are not nesting; odd encodings, tags and roster headers get a message; a
character without a glyph is never passed over in silence.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from medialit.cli.main import main

from .hardening_support import GOOD


def _run(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output and "unexpectedly" not in result.output
    return result.exit_code, result.output


def _folder(tmp_path: Path, lesson: str = GOOD) -> Path:
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "lesson.yaml").write_text(lesson)
    return tmp_path


def test_check_finds_a_missing_logo_and_theme_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path, GOOD + "worksheet:\n  logo: crest.png\n  theme: mytheme\n")
    for command in (["check"], ["build", "--quiet"]):
        code, output = _run(folder, monkeypatch, *command)
        assert code == 1, output
        assert "lesson.yaml:18:3: worksheet.logo: the logo" in output, output
        assert "lesson.yaml:19:3: worksheet.theme: there is no theme" in output, output


def test_check_finds_settings_file_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    (folder / "medialit.toml").write_text('logo = "crest.png"\ntheme = "nowhere"\n')
    code, output = _run(folder, monkeypatch, "check")
    assert code == 1, output
    assert "medialit.toml:1:1: logo: the logo" in output, output
    assert "medialit.toml:2:1: theme: there is no theme" in output and "nowhere" in output


def test_brackets_in_prose_are_not_nesting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prose = " ".join(f"Band {n} pays in [{n}0k, {n + 1}0k)." for n in range(51))
    folder = _folder(tmp_path, GOOD.replace("  Everyone agrees", f"  {prose}\n\n  Everyone agrees"))
    code, output = _run(folder, monkeypatch, "check")
    assert code == 0, output
    assert "OK: 2 statements" in output


def test_utf16_settings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path)
    (folder / "medialit.toml").write_bytes('school = "Riverside"\n'.encode("utf-16"))
    code, output = _run(folder, monkeypatch, "build", "--quiet")
    assert code == 1, output
    assert "medialit.toml:1: the settings file is not UTF-8 text" in output, output


def test_tag_on_a_mapping_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lesson = GOOD.replace("title: Test", "!!python/object/apply:os.system title: Test")
    folder = _folder(tmp_path, lesson)
    code, output = _run(folder, monkeypatch, "check")
    assert code == 1, output
    assert "lesson.yaml:1:1: the YAML tag !!python/object/apply:os.system is not allowed" in output


def test_roster_with_two_name_columns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path)
    (folder / "class.csv").write_text("name,name\nAna,Lopez\n")
    code, output = _run(folder, monkeypatch, "build", "--quiet", "--roster", "class.csv")
    assert code == 1, output
    assert "class.csv:1: the column 'name' is named twice" in output, output


@pytest.mark.build
def test_characters_without_a_glyph_are_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The glyph check now lives in issue 13's medialit.layout.glyphs (see tests/test_scripts.py);
    # this is the adversarial case: a character no installed font has, in the title.
    from medialit.layout.glyphs import coverage

    fonts = coverage()
    odd = next(c for c in ("\U00010570", "\U00010d4a", "\U0010fffd") if not fonts.has(ord(c)))
    lesson = GOOD.replace("title: Test lesson", f"title: Test lesson {odd}")
    folder = _folder(tmp_path, lesson)
    code, output = _run(folder, monkeypatch, "build", "--quiet")
    assert code == 0, output
    assert "lessons/lesson.yaml:1: no installed font has a glyph for" in output, output
    assert f"{odd} (U+{ord(odd):04X})" in output


def test_a_lesson_saved_in_latin1_after_the_check_gets_the_utf8_message(tmp_path: Path) -> None:
    # The glyph check reads the file again for line numbers: the same reader, the same message.
    from medialit.errors import LessonError
    from medialit.layout.glyphs import coverage, lesson_problems
    from medialit.lesson.reading import read_lesson

    fonts = coverage()
    odd = next(c for c in ("\U00010570", "\U00010d4a", "\U0010fffd") if not fonts.has(ord(c)))
    file = tmp_path / "lesson.yaml"
    file.write_text(GOOD.replace("title: Test lesson", f"title: Test lesson {odd}"), "utf-8")
    checked = read_lesson(file)
    file.write_bytes(GOOD.replace("A. Writer", "Andr\xe9 Writer").encode("latin-1"))
    with pytest.raises(LessonError) as caught:
        lesson_problems(checked, fonts)
    assert str(caught.value) == (
        f"{file}:3: the file is not UTF-8 text (byte 42 cannot be read); if it is a lesson, "
        "open it in a text editor and save it as UTF-8."
    )


def test_the_preview_shows_a_latin1_lesson_as_a_problem_with_its_line(tmp_path: Path) -> None:
    from medialit.preview.view import lesson_view
    from medialit.settings.layers import load_configuration

    file = tmp_path / "lesson.yaml"
    file.write_bytes(GOOD.replace("A. Writer", "Andr\xe9 Writer").encode("latin-1"))
    view = lesson_view(file, load_configuration(tmp_path, []))
    assert view["problems"] == [
        f"{file}:3: the file is not UTF-8 text (byte 42 cannot be read); if it is a lesson, "
        "open it in a text editor and save it as UTF-8."
    ]
