"""Settings in layers: defaults, theme, medialit.toml, a lesson's worksheet table, --set."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from medialit.cli.main import main
from medialit.errors import LessonError, SettingsError
from medialit.layout.creation_date import creation_time
from medialit.lesson.reading import read_lesson
from medialit.settings.checks import read_lesson_with_settings
from medialit.settings.layers import (
    Configuration,
    command_line_layer,
    load_configuration,
    read_settings_file,
)

from .conftest import DATA

TOML = """\
school = "Riverside High School"
teacher = "Ms Okafor"
paper = "letter"
font_size = "12pt"

[kinds.assertion]
label = "Claim without support"
colour = "#b35806"
"""

WORKSHEET = """
worksheet:
  teacher: Mr Adeyemi
  writing_lines: 1
  kinds:
    assertion:
      label: Opinion
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "medialit.toml").write_text(TOML)
    lesson = tmp_path / "lesson.yaml"
    lesson.write_text((DATA / "sample.yaml").read_text() + WORKSHEET)
    return tmp_path


def test_more_specific_wins_and_origins_are_named(folder: Path) -> None:
    configuration = load_configuration(folder, ["teacher=Dr Chen", "font_size=14pt"])
    lesson = read_lesson(folder / "lesson.yaml")
    resolved = configuration.resolve(lesson.worksheet)
    settings = resolved.settings
    assert settings.school == "Riverside High School"  # file
    assert settings.paper == "letter"  # file
    assert settings.writing_lines == 1  # lesson
    assert settings.kinds["assertion"].label == "Opinion"  # lesson over file
    assert settings.kinds["assertion"].colour == "#b35806"  # file, beside the lesson's label
    assert settings.teacher == "Dr Chen"  # command line over lesson over file
    assert settings.font_size == "14pt"
    assert settings.question_lines == 4  # default
    origins = {key: str(origin) for key, _, origin in resolved.values()}
    assert origins["school"] == f"file {folder / 'medialit.toml'}:1"
    assert origins["kinds.assertion.colour"] == f"file {folder / 'medialit.toml'}:8"
    assert origins["writing_lines"].startswith("lesson ") and origins["writing_lines"].endswith(
        "lesson.yaml:35"
    )
    assert origins["teacher"] == "command line"
    assert origins["question_lines"] == "default"


def test_medialit_config_prints_values_and_origins(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, ["config", "lesson.yaml", "--set", "date_line=false"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert 'school = "Riverside High School"  # file medialit.toml:1' in lines
    assert 'teacher = "Mr Adeyemi"  # lesson lesson.yaml:34' in lines
    assert "date_line = false  # command line" in lines
    assert "question_lines = 4  # default" in lines
    assert "[kinds.assertion]" in lines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'scool = "x"\n',
            'medialit.toml:1:1: scool: "scool" is not a setting; did you mean "school"?',
        ),
        (
            '\n[kinds.assertion]\nlable = "x"\n',
            'medialit.toml:3:1: kinds.assertion.lable: "lable" is not a setting in [kinds.assertion]; did you mean "label"?',
        ),
        (
            '[kinds.asertion]\nlabel = "x"\n',
            'medialit.toml:1: kinds.asertion: "asertion" is not a setting in [kinds]; did you mean "assertion"?',
        ),
        ("[sections]\nsumary = false\n", 'did you mean "summary"?'),
        (
            'paper = "a3"\n',
            "medialit.toml:1:1: paper: \"a3\" is not allowed; input should be 'a4' or 'letter'.",
        ),
        (
            "writing_lines = 40\n",
            "medialit.toml:1:1: writing_lines: Input should be less than or equal to 10",
        ),
        ('school = "x\n', "medialit.toml:1: TOML syntax error"),
        ('font_size = "big"\n', 'font_size: "big" is not a size; write it as a number and a unit'),
        (
            '[kinds.evidence]\ncolour = "blue;}"\n',
            'medialit.toml:2:1: kinds.evidence.colour: "blue;}" is not a colour',
        ),
        ('font_family = "Andika\\", serif"\n', 'font_family: "Andika", serif" is not a font name'),
    ],
)
def test_bad_settings_file(tmp_path: Path, text: str, expected: str) -> None:
    file = tmp_path / "medialit.toml"
    file.write_text(text)
    with pytest.raises(SettingsError) as caught:
        read_settings_file(file)
    assert expected in str(caught.value)
    assert str(file) in str(caught.value)


def test_every_bad_setting_reported_at_once(tmp_path: Path) -> None:
    file = tmp_path / "medialit.toml"
    file.write_text('scool = "x"\npaper = "a3"\n[kinds.assertion]\ncolor = "red"\n')
    with pytest.raises(SettingsError) as caught:
        read_settings_file(file)
    assert [p.line for p in caught.value.problems] == [1, 2, 4]
    assert 'did you mean "colour"' in str(caught.value)


def test_bad_worksheet_table_is_a_lesson_problem_with_its_line(tmp_path: Path) -> None:
    lesson = tmp_path / "lesson.yaml"
    lesson.write_text((DATA / "sample.yaml").read_text() + "worksheet:\n  font_sise: 12pt\n")
    with pytest.raises(LessonError) as caught:
        read_lesson_with_settings(lesson)
    assert (
        'lesson.yaml:33:3: worksheet.font_sise: "font_sise" is not a setting; '
        'did you mean "font_size"?'
    ) in str(caught.value)


@pytest.mark.parametrize(
    ("assignment", "expected"),
    [
        ("teachr=Ms Okafor", '--set teachr: "teachr" is not a setting; did you mean "teacher"?'),
        ("school", '"school" is not a setting; write it as key=value'),
        ("writing_lines=many", "--set writing_lines: Input should be a valid integer"),
    ],
)
def test_bad_set_option(assignment: str, expected: str) -> None:
    with pytest.raises(SettingsError) as caught:
        command_line_layer([assignment])
    assert expected in str(caught.value)


def test_set_values_are_read_as_toml() -> None:
    layer = command_line_layer(
        [
            "writing_lines=3",
            "date_line=false",
            'school="St Mary\'s"',
            "kinds.evidence.label=Fact",
            "class_name=10",
        ]
    )
    settings = Configuration(command_line=layer).resolve().settings
    assert settings.class_name == "10"
    assert settings.writing_lines == 3 and settings.date_line is False
    assert settings.school == "St Mary's"
    assert settings.kinds["evidence"].label == "Fact"


def test_cli_exit_codes_for_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "medialit.toml").write_text('scool = "x"\n')
    runner = CliRunner()
    result = runner.invoke(main, ["config"])
    assert result.exit_code == 1
    assert 'did you mean "school"' in result.output and "Traceback" not in result.output
    result = runner.invoke(main, ["build", str(DATA / "sample.yaml"), "--out", "out"])
    assert result.exit_code == 1 and not (tmp_path / "out").exists()
    (tmp_path / "medialit.toml").write_text('theme = "no-such-theme"\n')
    result = runner.invoke(main, ["config"])
    assert result.exit_code == 1
    assert "medialit.toml:1:1: theme: there is no theme" in result.output
    assert "high-readability" in result.output
    (tmp_path / "medialit.toml").write_text('logo = "crest.png"\n')
    result = runner.invoke(main, ["config"])
    assert result.exit_code == 1
    assert (
        "medialit.toml:1:1: logo: the logo" in result.output and "does not exist" in result.output
    )
    result = runner.invoke(main, ["config", "--bogus"])
    assert result.exit_code == 2
    (tmp_path / "medialit.toml").unlink()
    lessons = [str(DATA / "sample.yaml")] * 2
    result = runner.invoke(main, ["build", *lessons, "--theme", "nope", "--out", "out"])
    assert result.exit_code == 2  # bad usage, as a wrong --paper (README: exit codes)
    assert result.output.count("--theme: there is no theme") == 1  # once, not per lesson
    assert not (tmp_path / "out").exists()


def test_source_date_epoch() -> None:
    assert creation_time({"SOURCE_DATE_EPOCH": "1700000000"}).isoformat() == (
        "2023-11-14T22:13:20+00:00"
    )
    with pytest.raises(SettingsError, match="SOURCE_DATE_EPOCH=yesterday is not a date"):
        creation_time({"SOURCE_DATE_EPOCH": "yesterday"})


def test_commented_medialit_toml_names_only_real_settings(tmp_path: Path) -> None:
    """Uncommenting every setting of the starter medialit.toml gives a valid file."""
    from .conftest import ROOT

    text = (ROOT / "medialit.toml").read_text()
    setting = re.compile(r"^# ([a-z_]+ = |\[)")
    uncommented = "\n".join(line[2:] if setting.match(line) else line for line in text.splitlines())
    assert uncommented.count("=") >= 20
    (tmp_path / "medialit.toml").write_text(uncommented)
    (tmp_path / "logo.png").write_bytes(b"")
    layer = read_settings_file(tmp_path / "medialit.toml")
    assert layer.values["school"] == "Riverside High School"


def test_settings_file_not_in_utf8_is_named_with_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A medialit.toml saved in Latin-1 (a common editor default) is not a crash."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "medialit.toml").write_bytes('school = "École Saint-Exupéry"\n'.encode("latin-1"))
    result = CliRunner().invoke(main, ["config"])
    assert result.exit_code == 1
    assert result.output == (
        "Error: medialit.toml:1: the settings file is not UTF-8 text (byte 11 cannot be read); "
        "open it in a text editor and save it as UTF-8 (in the editor's Save As dialog, choose "
        "the encoding UTF-8).\n"
    )
    assert "UnicodeDecodeError" not in result.output and "unexpectedly" not in result.output
