"""Short versions of a lesson: a selection of its statements, and an excerpt of its article.

Both take a checked lesson and give back a checked lesson, so every later stage
(numbering, versions, class packs, templates) works on the short version unchanged.
"""

from __future__ import annotations

import dataclasses

from medialit.errors import LessonError, Problem, did_you_mean
from medialit.lesson.article import Block
from medialit.lesson.model import LEVELS
from medialit.lesson.reading import CheckedLesson

OMISSION = Block("omission", "[…]", None)
"""The mark printed where paragraphs of the article are left out."""


def select_statements(
    checked: CheckedLesson, name: str, setting: str | None = None
) -> CheckedLesson:
    """The lesson with only the statements of selection ``name``, numbered 1…n in reading order.

    ``setting`` names where the selection was asked for (a setting such as
    ``level_selections.guided``) for the message; ``None`` means ``--select``.
    """
    selections = checked.lesson.selections
    if name not in selections:
        asked = f"the setting {setting}" if setting else "--select"
        if selections:
            advice = did_you_mean(name, sorted(selections), "selections")
        else:
            advice = "this lesson has none; add a 'selections:' table (see lessons/README.md)."
        raise LessonError(
            Problem(
                f'{asked} names the selection "{name}", which the lesson does not define; {advice}',
                file=checked.file,
            )
        )
    if setting is None and reads_as_level_or_version(name):
        raise LessonError(
            Problem(
                f'--select names the selection "{name}", whose sheets would be named like '
                f"another build's (student-{name}.pdf reads as a level or a version); rename "
                'the selection in the lesson, for example to "short", and build it again.',
                file=checked.file,
            )
        )
    chosen = set(selections[name])
    kept = [s for s in checked.statements if s.annotation.id in chosen]
    statements = [dataclasses.replace(s, number=n) for n, s in enumerate(kept, start=1)]
    return dataclasses.replace(checked, statements=statements, selection=name)


def reads_as_level_or_version(name: str) -> bool:
    """A name that, in ``student-<level>-<selection>-<version>.pdf``, could be read as a level
    or a version: a level's name at its start, or a version's letter at its end."""
    parts = name.lower().split("-")
    return parts[0] in LEVELS or (len(parts[-1]) == 1 and parts[-1].isalpha())


def excerpt(checked: CheckedLesson) -> CheckedLesson:
    """The lesson with only the paragraphs that hold its statements, and an omission mark
    wherever paragraphs are left out (before, between and after them)."""
    keep = sorted({s.block for s in checked.statements})
    blocks: list[Block] = []
    moved: dict[int, int] = {}
    previous = -1
    for index in keep:
        if index > previous + 1:
            blocks.append(OMISSION)
        moved[index] = len(blocks)
        blocks.append(checked.blocks[index])
        previous = index
    if previous < len(checked.blocks) - 1:
        blocks.append(OMISSION)
    statements = [dataclasses.replace(s, block=moved[s.block]) for s in checked.statements]
    return dataclasses.replace(checked, blocks=blocks, statements=statements, excerpt=True)
