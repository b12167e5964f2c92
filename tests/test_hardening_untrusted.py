"""Hardening, round two (issue 15): nothing is read from outside, nothing escapes its place.

Extends the nothing-leaked suite (``tests/test_untrusted.py``): symlinks out of
template and theme folders, a lesson's settings reaching outside its folder,
values breaking out of CSS, and control characters reaching the terminal.
Everything goes through the real CLI on real files.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from medialit.cli.main import main

from .hardening_support import GOOD, pdf_text

SECRET = "SECRET-FROM-OUTSIDE"


def _working_folder(root: Path, lesson: str = GOOD) -> Path:
    folder = root / "work"
    (folder / "lessons").mkdir(parents=True)
    (folder / "lessons" / "lesson.yaml").write_text(lesson)
    return folder


def _build(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, ["build", "--quiet", *args])
    return result.exit_code, result.output


@pytest.mark.parametrize("where", ["templates", "theme"])
def test_template_symlinked_out_of_its_folder_is_not_read(
    where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "secret.html").write_text(f"<html><body><p>{SECRET}</p></body></html>\n")
    folder = _working_folder(tmp_path)
    templates = folder / ("templates" if where == "templates" else "mytheme")
    templates.mkdir()
    (templates / "student.html").symlink_to(outside / "secret.html")
    if where == "theme":
        (folder / "medialit.toml").write_text('theme = "mytheme"\n')
    code, output = _build(folder, monkeypatch)
    assert code == 1 and "student.html" in output and "outside" in output, output
    student = folder / "build" / "lesson" / "student.pdf"
    assert not student.exists() or SECRET not in pdf_text(student)
    assert SECRET not in output


def test_included_template_symlinked_out_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "notes.txt").write_text(SECRET)
    folder = _working_folder(tmp_path)
    (folder / "templates").mkdir()
    (folder / "templates" / "student.html").write_text(
        '{% extends "!student.html" %}{% block article %}{% include "notes.html" %}'
        "{{ super() }}{% endblock %}"
    )
    (folder / "templates" / "notes.html").symlink_to(outside / "notes.txt")
    code, output = _build(folder, monkeypatch)
    assert code == 1 and "notes.html" in output and "outside" in output, output
    assert not (folder / "build" / "lesson" / "student.pdf").exists()


def _lesson_with(worksheet: str) -> str:
    return GOOD + f"worksheet:\n{worksheet}"


def test_lesson_logo_outside_its_folder_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PIL import Image

    private = tmp_path / "work" / "private"
    private.mkdir(parents=True)
    Image.new("RGB", (40, 40), "red").save(private / "secret.png")
    folder = tmp_path / "work"
    (folder / "lessons").mkdir()
    (folder / "lessons" / "lesson.yaml").write_text(_lesson_with("  logo: ../private/secret.png\n"))
    code, output = _build(folder, monkeypatch)
    assert code == 1, output
    assert "lesson.yaml:" in output and "worksheet.logo" in output, output
    assert "inside the lesson's folder" in output, output
    key = folder / "build" / "lesson" / "key.pdf"
    if key.exists():  # never the image
        assert all("/XObject" not in page["/Resources"] for page in PdfReader(key).pages)


def test_lesson_theme_cannot_be_its_own_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _working_folder(tmp_path, _lesson_with('  theme: "."\n'))
    (folder / "lessons" / "student.html").write_text(f"<p>{SECRET}</p>")
    code, output = _build(folder, monkeypatch)
    assert code == 1 and "worksheet.theme" in output, output
    assert "inside the lesson's folder" in output, output
    assert not (folder / "build" / "lesson" / "student.pdf").exists()


@pytest.mark.parametrize("setting", ["logo", "theme"])
def test_empty_path_setting_is_an_error(
    setting: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _working_folder(tmp_path)
    (folder / "medialit.toml").write_text(f'{setting} = ""\n')
    # The working folder holding a student.html shows whether "" became "this folder".
    (folder / "student.html").write_text(f"<p>{SECRET}</p>")
    code, output = _build(folder, monkeypatch)
    assert code == 1, output
    assert f"medialit.toml:1:1: {setting}: is empty" in output, output


@pytest.mark.build
def test_css_value_with_a_form_feed_stays_in_its_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _working_folder(tmp_path)
    code, output = _build(folder, monkeypatch, "--set", 'words.page="Pa\\fge"')
    assert code == 0, output
    text = pdf_text(folder / "build" / "lesson" / "student.pdf")
    assert "The mayor said on Monday" in text and "Therefore traffic" in text, text[:300]
    assert "of 1" in text or "of 2" in text, text[-300:]


def test_control_characters_in_messages_are_shown_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lesson = GOOD.replace("kind: inference", 'kind: "\\e[2J\\e]0;pwned\\a\\x9b1m"')
    folder = _working_folder(tmp_path, lesson)
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    for raw in ("\x1b", "\x07", "\x9b"):
        assert raw not in result.output
    assert '"\\x1b[2J\\x1b]0;pwned\\x07\\x9b1m" is not a kind' in result.output, result.output


def test_control_characters_in_a_lesson_file_name_are_shown_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _working_folder(tmp_path)
    (folder / "lessons" / "lesson.yaml").rename(folder / "lessons" / "bad\x1b[2J.yaml")
    (folder / "lessons" / "bad\x1b[2J.yaml").write_text("title: [\n")
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "bad\\x1b[2J.yaml" in result.output, result.output
