"""The class-set fields (ids, selections, plan, glossary, marking) are checked with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from medialit.errors import LessonError
from medialit.lesson.reading import read_lesson

from .conftest import GOOD

WITH_IDS = GOOD.replace("    kind: evidence\n", "    kind: evidence\n    id: mayor\n").replace(
    "    kind: inference\n", "    kind: inference\n    id: traffic\n"
)

PLAN = """\
plan:
  minutes: 20
  preparation: [Print the sheets.]
  content_note: The article mentions a bridge.
  extension: Find the council's statement.
  steps:
    - minutes: 5
      activity: The source
    - minutes: 15
      activity: Sorting
      details: In pairs.
glossary:
  - term: council
    definition: The town's elected government.
marking:
  - {band: Beginning, description: Names a kind., sample: "It is evidence."}
  - {band: Developing, description: Gives a reason., sample: "It names the mayor."}
  - {band: Secure, description: Reason and check., sample: "It names the mayor; I would check."}
"""


def problems_of(text: str, tmp_path: Path) -> str:
    file = tmp_path / "lesson.yaml"
    file.write_text(text)
    with pytest.raises(LessonError) as caught:
        read_lesson(file)
    return str(caught.value)


def test_ids_selections_plan_glossary_and_marking_are_read(tmp_path: Path) -> None:
    file = tmp_path / "lesson.yaml"
    file.write_text(WITH_IDS + "selections:\n  core: [traffic]\n" + PLAN)
    lesson = read_lesson(file).lesson
    assert lesson.selections == {"core": ["traffic"]}
    assert lesson.plan is not None and [s.minutes for s in lesson.plan.steps] == [5, 15]
    assert lesson.glossary[0].term == "council"
    assert lesson.marking is not None and lesson.marking[2].band == "Secure"


BAD = [
    pytest.param(
        WITH_IDS + "selections:\n  core: [trafic]\n",
        [
            'lesson.yaml:20:10: selections.core[0]: no annotation has the id "trafic"; '
            'did you mean "traffic"?'
        ],
        id="unknown-id",
    ),
    pytest.param(
        WITH_IDS + "selections:\n  core: [traffic]\nworksheet:\n  level_selections:\n"
        "    guided: cor\n",
        [
            "lesson.yaml:23:13: worksheet.level_selections.guided: the lesson has no selection "
            '"cor"; did you mean "core"?'
        ],
        id="unknown-level-selection",
    ),
    pytest.param(
        WITH_IDS.replace("id: traffic", "id: mayor"),
        ['lesson.yaml:17:9: annotations[1].id: the id "mayor" is already used by annotations[0]'],
        id="duplicate-id",
    ),
    pytest.param(
        WITH_IDS.replace("id: traffic", "id: two words"),
        ['annotations[1].id: "two words" is not a usable name'],
        id="bad-id",
    ),
    pytest.param(
        WITH_IDS + PLAN.replace("minutes: 20", "minutes: 50"),
        ["lesson.yaml:20:12: plan.minutes: the steps add up to 20 minutes, not 50"],
        id="plan-sum",
    ),
    pytest.param(
        WITH_IDS + PLAN.replace("activity: Sorting", "activty: Sorting"),
        ['plan.steps[1].activty: "activty" is not a field here; did you mean "activity"?'],
        id="plan-typo",
    ),
    pytest.param(
        WITH_IDS + PLAN.replace("  - {band: Secure", "#"),
        ["marking: needs exactly three bands"],
        id="two-bands",
    ),
    pytest.param(
        WITH_IDS + "glossary:\n  - term: bridge\n    defnition: A crossing.\n",
        ['glossary[0].defnition: "defnition" is not a field here; did you mean "definition"?'],
        id="glossary-typo",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BAD)
def test_bad_class_set_fields(text: str, expected: list[str], tmp_path: Path) -> None:
    message = problems_of(text, tmp_path)
    for part in expected:
        assert part in message, message
