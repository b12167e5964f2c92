"""What one tick everywhere would score: a warning for a key that leans on one kind or is mis-keyed.

A student who ticks the same kind for every statement knows nothing, so a key that gives
such a sheet more than half the marks accepts that kind nearly everywhere (the seed
lesson once accepted "assertion" for all 35 statements, 76 %). The score is counted as
the quiz exports count it: full credit for the key's kind, :data:`PARTIAL_CREDIT` for a
kind the key also accepts. ``medialit check`` prints the warnings; they stop no build.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple, Protocol

from medialit.errors import Problem
from medialit.lesson.loader import load_yaml
from medialit.lesson.model import KIND_ORDER, Annotation, Kind
from medialit.lesson.reading import CheckedLesson

PARTIAL_CREDIT = 0.5
"""The credit for a kind that the key also accepts: half (Moodle knows 50 %)."""

MOST_FOR_ONE_TICK = 0.5
"""Over this share of the marks for one tick everywhere, ``check`` warns."""

FEWEST_STATEMENTS = 6
"""Fewer statements than this are not judged: in a set of two, one ``also_accept`` is 75 %."""


# A NamedTuple, defined ten times quicker than a frozen dataclass (on every check's path):
# read by its fields for a message, never compared, never given to a template.
class OneTick(NamedTuple):
    """What ticking ``kind`` everywhere scores: ``full`` and ``half`` answers of ``total``."""

    kind: Kind
    full: int
    half: int
    total: int

    @property
    def score(self) -> float:
        """The share of the marks, 0 to 1."""
        return (self.full + PARTIAL_CREDIT * self.half) / self.total


class Keyed(Protocol):
    """A statement as a key has it: an annotation, or a draft before it is written."""

    @property
    def kind(self) -> Kind: ...

    @property
    def also_accept(self) -> Sequence[Kind]: ...


def one_tick_scores(annotations: Sequence[Keyed]) -> list[OneTick]:
    """The score of each kind ticked for every one of ``annotations``, in the kinds' order."""
    return [
        OneTick(
            kind,
            full=sum(a.kind == kind for a in annotations),
            half=sum(a.kind != kind and kind in a.also_accept for a in annotations),
            total=len(annotations),
        )
        for kind in KIND_ORDER
    ]


def one_tick_warnings(checked: CheckedLesson, text: str | None = None) -> list[Problem]:
    """A warning for the lesson, and for each of its selections, where one tick everywhere
    scores over :data:`MOST_FOR_ONE_TICK`; the lesson as a build prints it, whole or selected.

    None while a statement is still a draft from ``medialit new``: its kind is a guess that
    ``check`` already asks the teacher to confirm, and a key is judged once it is one."""
    if any(s.annotation.draft for s in checked.statements):
        return []
    versions: list[tuple[str, tuple[str | int, ...], list[Annotation]]] = [
        ("", ("annotations",), [s.annotation for s in checked.statements])
    ]
    for name, ids in checked.lesson.selections.items():
        chosen = set(ids)
        annotations = [s.annotation for s in checked.statements if s.annotation.id in chosen]
        versions.append((f' in the selection "{name}"', ("selections", name), annotations))
    found = [
        (where, path, tick)
        for where, path, annotations in versions
        if len(annotations) >= FEWEST_STATEMENTS
        for tick in one_tick_scores(annotations)
        if tick.score > MOST_FOR_ONE_TICK
    ]
    if not found:
        return []
    # For the lines: the text read for the check if given (the file is valid), else the file.
    loaded = load_yaml(checked.file, text)
    return [loaded.problem(path, _message(where, tick), at_key=True) for where, path, tick in found]


def _message(where: str, tick: OneTick) -> str:
    also = f", half for {tick.half} that also accept it" if tick.half else ""
    score = (
        f'ticking "{tick.kind.value}" for every statement{where} would score '
        f"{round(tick.score * 100)} % (full credit for {tick.full} of {tick.total}{also}, "
        "as the Moodle export counts it)."
    )
    rule = '("The rule between the kinds" in lessons/README.md, which medialit init writes)'
    if tick.full / tick.total > MOST_FOR_ONE_TICK:
        # The key's own kinds lean one way: a key right by the rule can do that too, where
        # the article holds few statements of the other kinds.
        also_too = (
            f"; also_accept adds half for {tick.half} more, so keep it only where the rule "
            "leaves room"
            if tick.half
            else ""
        )
        balance = (
            "choose statements of the other kinds for the selection, or leave some of these out"
            if where
            else 'add statements of the other kinds (a drafted lesson lists more under "# More '
            'candidates") or leave some of these out'
        )
        return (
            f'{score} Over half the statements{where} are keyed "{tick.kind.value}", so a '
            f"student who ticks that kind everywhere does well. Sort each statement again by "
            f"the rule the sheet prints {rule}; if the key is right, {balance}, until one tick "
            f"everywhere scores 50 % or less{also_too}."
        )
    return (
        f"{score} A key where one tick everywhere scores over 50 % is almost certainly "
        f"mis-keyed: sort each statement by the rule the sheet prints {rule}, and keep "
        "also_accept only where that rule leaves room, with the reason in its why."
    )
