"""Short versions of a lesson: a selection of its statements, and an excerpt of its article.

Both take a checked lesson and give back a checked lesson, so every later stage
(numbering, versions, class packs, templates) works on the short version unchanged.
"""

from __future__ import annotations

import dataclasses
import re

from medialit.errors import LessonError, Problem, did_you_mean
from medialit.lesson.article import Block
from medialit.lesson.model import LEVELS
from medialit.lesson.reading import CheckedLesson

OMISSION = Block("omission", "[…]", None)

# A why that rests on another paragraph names it: "paragraph 3", "¶ 3", "the next paragraph".
_NAMED_PARAGRAPH = re.compile(r"(?:\bparagraph|\bparagraphe|\bpárrafo|¶)\s*(\d+)", re.IGNORECASE)
_NEXT_PARAGRAPH = re.compile(
    r"\b(?:next|following) paragraph|\bparagraphe suivant|\bpárrafo siguiente", re.IGNORECASE
)
_PARAGRAPH_BEFORE = re.compile(
    r"\b(?:previous|preceding) paragraph|\bparagraph before|\bparagraphe précédent"
    r"|\bpárrafo anterior",
    re.IGNORECASE,
)
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
    statements = [
        dataclasses.replace(s, number=n, full_number=s.full_number or s.number)
        for n, s in enumerate(kept, start=1)
    ]
    return dataclasses.replace(checked, statements=statements, selection=name)


def reads_as_level_or_version(name: str) -> bool:
    """A name that, in ``student-<level>-<selection>-<version>.pdf``, could be read as a level
    or a version: a level's name at its start, or a version's letter at its end."""
    parts = name.lower().split("-")
    return parts[0] in LEVELS or (len(parts[-1]) == 1 and parts[-1].isalpha())


def excerpt(checked: CheckedLesson) -> CheckedLesson:
    """The lesson with only the paragraphs that hold its statements (and those their whys
    rest on: "as paragraph 2 says"), and an omission mark
    wherever paragraphs are left out (before, between and after them); a question that
    quotes a paragraph left out (its ``paragraphs``), and a glossary entry whose term the
    kept paragraphs do not print, are left out too."""
    held = {s.block for s in checked.statements}
    keep = _with_their_lists(checked.blocks, held | _grounds(checked))
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
    printed = {block.number for block in blocks if block.number is not None}
    # A question about a paragraph the sheet leaves out could not be answered from it.
    questions = [q for q in checked.lesson.questions if printed.issuperset(q.paragraphs)]
    # Words and names explained are those the excerpt prints: a guided reader meets no others.
    text = " ".join(block.text for block in blocks).casefold()
    glossary = [
        entry
        for entry in checked.lesson.glossary
        if any(part.strip().casefold() in text for part in entry.term.split(","))
    ]
    lesson = checked.lesson.model_copy(update={"questions": questions, "glossary": glossary})
    return dataclasses.replace(
        checked, lesson=lesson, blocks=blocks, statements=statements, excerpt=True
    )


def _grounds(checked: CheckedLesson) -> set[int]:
    """The paragraphs a printed statement's why rests on: cut, they would leave an inference
    without its ground and the key pointing at words the sheet does not print."""
    by_number = {b.number: i for i, b in enumerate(checked.blocks) if b.number is not None}
    grounds: set[int] = set()
    for statement in checked.statements:
        why = statement.annotation.why
        named = (by_number.get(int(m.group(1))) for m in _NAMED_PARAGRAPH.finditer(why))
        grounds.update(index for index in named if index is not None)
        if _NEXT_PARAGRAPH.search(why) and statement.block + 1 < len(checked.blocks):
            grounds.add(statement.block + 1)
        if _PARAGRAPH_BEFORE.search(why) and statement.block > 0:
            grounds.add(statement.block - 1)
    return grounds


def _with_their_lists(blocks: list[Block], kept: set[int]) -> list[int]:
    """``kept`` and, after a kept paragraph that ends with a colon, the list that finishes its
    sentence: "…goals, including:" with its items cut would leave the sentence hanging."""
    whole = set(kept)
    for index in kept:
        if blocks[index].kind == "paragraph" and blocks[index].text.rstrip().endswith(":"):
            following = index + 1
            while following < len(blocks) and blocks[following].kind == "item":
                whole.add(following)
                following += 1
    return sorted(whole)
