"""Every way a lesson can be wrong gets a message naming the file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from medialit.cli import main
from medialit.errors import LessonError
from medialit.lesson import read_lesson

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


BAD = [
    pytest.param(
        GOOD.replace("  - quote: Therefore", "  - qoute: Therefore"),
        [
            "lesson.yaml:14:5: annotations[1].qoute:",
            '"qoute" is not a field here; did you mean "quote"?',
        ],
        id="unknown-key",
    ),
    pytest.param(
        GOOD.replace("kind: inference", "kind: asertion"),
        [
            "lesson.yaml:15:11: annotations[1].kind:",
            '"asertion" is not a kind; did you mean "assertion"?',
            "(kinds: evidence, inference, assertion)",
        ],
        id="unknown-kind",
    ),
    pytest.param(
        GOOD.replace("  outlet: The Paper\n", ""),
        ["lesson.yaml:3:3: source.outlet: is required but missing; add it."],
        id="missing-field",
    ),
    pytest.param(
        GOOD.replace(
            "quote: Therefore traffic will get worse.", "quote: Therefore trafic will get worse."
        ),
        [
            "annotations[1].quote: this quote is not in the article;",
            'did you mean "Therefore traffic will get worse." (paragraph 1)?',
        ],
        id="quote-not-found",
    ),
    pytest.param(
        GOOD + "  - quote: the bridge\n    kind: assertion\n    why: x\n",
        [
            "lesson.yaml:17:12: annotations[2].quote: the quote appears 2 times (paragraph 1, paragraph 2);",
            "add 'occurrence: N'",
        ],
        id="ambiguous-quote",
    ),
    pytest.param(
        GOOD + "  - quote: the bridge will close. Therefore\n    kind: assertion\n    why: x\n",
        ['overlaps annotations[0] on the words "the bridge will close."'],
        id="overlap",
    ),
    pytest.param(
        GOOD
        + "  - quote: The bridge is ugly.\n    kind: assertion\n    why: x\n    occurrence: 3\n",
        ["annotations[2].occurrence: occurrence 3 is out of range: the quote appears once;"],
        id="occurrence-out-of-range",
    ),
    pytest.param(
        GOOD + '  - quote: "\\u200b"\n    kind: assertion\n    why: x\n',
        ["annotations[2].quote: the quote is empty"],
        id="empty-quote",
    ),
    pytest.param(
        GOOD + "  - quote: Therefore traffic will get worse.\n    kind: assertion\n    why: x\n",
        ["annotations[2] repeats the quote of annotations[1]"],
        id="duplicate-annotation",
    ),
    pytest.param(
        GOOD.replace("title: Test lesson", "title: Test: lesson: [oops"),
        ["lesson.yaml:1:", "YAML syntax error"],
        id="yaml-syntax",
    ),
    pytest.param(
        GOOD.replace("title: Test lesson", "title: !!python/object/apply:os.system [ls]"),
        ["lesson.yaml:1:8: title: the YAML tag !!python/object/apply:os.system is not allowed"],
        id="python-tag",
    ),
    pytest.param(
        GOOD.replace("published: 2020-01-02", "published: last year"),
        ['source.published: "last year" is not a date; write it as YYYY-MM-DD.'],
        id="bad-date",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BAD)
def test_bad_lesson_message(text: str, expected: list[str], tmp_path: Path) -> None:
    message = problems_of(text, tmp_path)
    for part in expected:
        assert part in message, f"{part!r} not in:\n{message}"


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
