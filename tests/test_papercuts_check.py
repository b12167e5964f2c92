"""``medialit check`` reports every problem of a lesson in one run (issue 24, items 2 and 3).

A wrong field no longer hides the checks between fields (the plan's minutes, the
selections' ids, the levels' selections), and a statement number in a selection is
answered with the id to write.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.build

LESSON = """\
title: T
source: {author: A, outlet: B, published: 2024}
article: |
  The mayor said on Monday that the bridge will close. Therefore traffic will get worse.

  Everyone agrees the bridge is ugly.
annotations:
  - quote: Therefore traffic will get worse.
    kind: inferense
    why: Drawn from the closure.
  - quote: The mayor said on Monday that the bridge will close.
    kind: evidence
    why: A named person.
    id: mayor
  - quote: Everyone agrees the bridge is ugly.
    kind: assertion
    why: No source.
selections:
  core: [1, 2, 7, mayr]
plan:
  minutes: 50
  steps:
    - {minutes: 10, activity: Read the article., details: Alone, in silence.}
    - {minutes: 35, activity: Sort.}
worksheet:
  level_selections: {guided: cor}
"""


def _check(tmp_path: Path, text: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "lessons").mkdir(exist_ok=True)
    (tmp_path / "lessons" / "t.yaml").write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "medialit", "check", "lessons/t.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_problem_in_one_run(tmp_path: Path) -> None:
    result = _check(tmp_path, LESSON)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    told = "; selections name statements by id, which stays when statements are added or "
    told += "moved (numbers do not)."
    assert lines == [
        "Error: lessons/t.yaml:9:11: annotations[0].kind: "
        '"inferense" is not a kind; did you mean "inference"? '
        "(kinds: evidence, inference, assertion)",
        f"lessons/t.yaml:19:10: selections.core[0]: 1 is a statement number, not an id{told} "
        'Statement 1 has the id "mayor": write mayor.',
        f"lessons/t.yaml:19:13: selections.core[1]: 2 is a statement number, not an id{told} "
        'Statement 2 ("Therefore traffic will get worse.", annotations[0], line 8) has no id '
        "yet: add 'id: therefore-traffic-get' to it, and write therefore-traffic-get here.",
        f"lessons/t.yaml:19:16: selections.core[2]: 7 is a statement number, not an id{told} "
        "The lesson has 3 statements; write the id of the one you mean (its 'id:' line).",
        'lessons/t.yaml:19:19: selections.core[3]: no annotation has the id "mayr"; '
        'did you mean "mayor"? (ids: mayor)',
        "lessons/t.yaml:21:12: plan.minutes: the steps add up to 45 minutes, not 50; "
        "change a step or the lesson's minutes.",
        'lessons/t.yaml:23:66: plan.steps[0].in silence.: "in silence." is not a field here; '
        "a comma inside {…} or […] starts a new item: put the text in quotes "
        '(details: "Alone, in silence.").',
        "lessons/t.yaml:26:30: worksheet.level_selections.guided: the lesson has no selection "
        '"cor"; did you mean "core"? (selections: core)',
        "1 of 1 lessons have problems.",
    ]


def test_what_the_message_says_to_write_passes(tmp_path: Path) -> None:
    """Following each message gives a lesson that passes: one more run, not three."""
    fixed = (
        LESSON.replace("inferense", "inference")
        .replace(
            "    why: Drawn from the closure.\n", "    why: Drawn.\n    id: therefore-traffic-get\n"
        )
        .replace("[1, 2, 7, mayr]", "[mayor, therefore-traffic-get]")
        .replace("details: Alone, in silence.", 'details: "Alone, in silence."')
        .replace("minutes: 35", "minutes: 40")
        .replace("{guided: cor}", "{guided: core}")
    )
    result = _check(tmp_path, fixed)
    assert result.returncode == 0, result.stderr
    assert "lessons/t.yaml: OK: 3 statements" in result.stdout


def test_a_plan_with_a_step_wrong_still_adds_up_the_rest_when_it_can(tmp_path: Path) -> None:
    """A step whose minutes are not a number leaves the total unknown: no second guess."""
    text = LESSON.replace("{minutes: 35, activity: Sort.}", "{minutes: lots, activity: Sort.}")
    result = _check(tmp_path, text)
    assert "plan.steps[1].minutes: must be a whole number" in result.stderr
    assert "add up to" not in result.stderr
