"""Parts of a lesson that no longer fit together, though each passes the check: a question
that names a statement number the sheet no longer has, and a selection of a single kind.

``medialit check`` prints these as warnings, and the preview's glance panel shows them; they
stop no build.
"""

from __future__ import annotations

import re

from medialit.errors import Problem
from medialit.lesson.loader import load_yaml
from medialit.lesson.reading import CheckedLesson

# "statement 9", "statements 2 and 5", "statements 3-5, 7 or 8": the numbers a question names.
_NAMED = re.compile(
    r"\bstatements?\s+(?:no\.?\s*)?(\d+(?:\s*(?:,|and|or|&|to|-|–|—)\s*\d+)*)", re.IGNORECASE
)


def statement_numbers(text: str) -> list[int]:
    """The statement numbers ``text`` names (in order, once each)."""
    found = [int(n) for match in _NAMED.finditer(text) for n in re.findall(r"\d+", match[1])]
    return list(dict.fromkeys(found))


def loose_end_warnings(checked: CheckedLesson, text: str | None = None) -> list[Problem]:
    """A warning for each question that names a statement number past the last one (of the
    lesson, or of a selection, which numbers its own statements from 1), and for each
    selection whose statements are all of one kind (students would sort nothing)."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    total = len(checked.statements)
    by_id = {s.annotation.id: s for s in checked.statements if s.annotation.id}
    sizes = {
        name: sum(i in by_id for i in set(ids)) for name, ids in checked.lesson.selections.items()
    }
    for i, question in enumerate(checked.lesson.questions):
        numbers = statement_numbers(" ".join(filter(None, [question.text, question.notes])))
        missing = [n for n in numbers if not 1 <= n <= total]
        if missing:
            found.append(
                (
                    ("questions", i),
                    f"names statement {_listed(missing)}, but the lesson has {total} statements; "
                    "say which statement you mean by its words, or change the number.",
                )
            )
            continue
        for name, size in sizes.items():
            beyond = [n for n in numbers if n > size]
            if beyond:
                found.append(
                    (
                        ("questions", i),
                        f'names statement {_listed(beyond)}, but the selection "{name}" has '
                        f"{size} statements, numbered 1 to {size} on its sheets; say which "
                        "statement you mean by its words.",
                    )
                )
    for name, ids in checked.lesson.selections.items():
        kinds = {by_id[i].annotation.kind.value for i in ids if i in by_id}
        if len(kinds) == 1:
            found.append(
                (
                    ("selections", name),
                    f"has only {kinds.pop()} statements, so its students sort nothing; add a "
                    "statement of another kind to it.",
                )
            )
    if not found:
        return []
    # For the lines: the text read for the check if given (the file is valid), else the file.
    loaded = load_yaml(checked.file, text)
    return [
        loaded.problem(path, message, at_key=path[0] == "selections") for path, message in found
    ]


def _listed(numbers: list[int]) -> str:
    words = [str(n) for n in numbers]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
