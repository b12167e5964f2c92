"""Every way a lesson can be wrong gets a message naming the file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from medialit.cli.main import main
from medialit.errors import LessonError
from medialit.lesson.reading import read_lesson

from .conftest import GOOD


def problems_of(text: str, tmp_path: Path) -> str:
    file = tmp_path / "lesson.yaml"
    file.write_text(text)
    with pytest.raises(LessonError) as caught:
        read_lesson(file)
    return str(caught.value)


def test_good_lesson_passes(tmp_path: Path) -> None:
    file = tmp_path / "lesson.yaml"
    file.write_text(GOOD)
    checked = read_lesson(file)
    assert [s.annotation.kind.value for s in checked.statements] == ["evidence", "inference"]


def test_every_problem_reported_at_once(tmp_path: Path) -> None:
    text = GOOD.replace("kind: inference", "kind: infrence").replace(
        "  - quote: The mayor", "  - qoute: The mayor"
    )
    message = problems_of(text, tmp_path)
    assert '"qoute" is not a field' in message
    assert '"infrence" is not a kind' in message
    assert message.index("qoute") < message.index("infrence")  # in file order


def test_quote_matching_forgives_spaces_quotes_and_dashes(tmp_path: Path) -> None:
    article = "He said: \u201cIt\u2019s over\u201d \u2014 and  left.\n"
    text = (
        GOOD.replace(
            "  Everyone agrees the bridge is ugly. The bridge is ugly.\n",
            "  Everyone agrees the bridge is ugly. The bridge is ugly.\n\n  " + article,
        )
        + '  - quote: |-\n      He said: "It\'s\n      over" - and left.\n    kind: assertion\n    why: x\n'
    )
    file = tmp_path / "lesson.yaml"
    file.write_text(text)
    checked = read_lesson(file)
    last = checked.statements[-1]
    assert (
        checked.blocks[last.block].text[last.start : last.end]
        == "He said: \u201cIt\u2019s over\u201d \u2014 and left."
    )


def test_cli_check_exit_codes(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(GOOD)
    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD.replace("kind: inference", "kind: asertion"))
    runner = CliRunner()
    result = runner.invoke(main, ["check", str(good)])
    assert result.exit_code == 0, result.output
    assert "good.yaml: OK: 2 statements (1 evidence, 1 inference, 0 assertion)" in result.output
    result = runner.invoke(main, ["check", str(good), str(bad)])
    assert result.exit_code == 1
    assert 'did you mean "assertion"' in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(main, ["build", "--paper", "a3", str(good)])
    assert result.exit_code == 2
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0 and "medialit" in result.output
