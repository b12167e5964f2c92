"""Turn an answer key's context into the questions of an online quiz.

One choice question per statement (its paragraph as context, the kinds as the
choices, full credit for the key's kind and partial credit for kinds it also
accepts, the explanation as feedback) and one essay question per discussion
question. Pure: the writers of each platform's format take it from here.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from medialit.lesson.one_tick import (
    PARTIAL_CREDIT,  # one number: the exports and check's warning agree
)
from medialit.render.context import KeySegment
from medialit.render.key_context import KeyContext
from medialit.settings.schema import Words

# XML 1.0 forbids these characters even escaped; a lesson cannot mean them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters that XML 1.0 cannot carry."""
    return _NOT_XML.sub("", text)


@dataclass(frozen=True)
class Run:
    """A run of a paragraph's text; ``highlighted`` for the statement being asked about."""

    text: str
    highlighted: bool = False


@dataclass(frozen=True)
class Choice:
    """One answer a student can pick: a kind, its label and the credit (0 to 1) it earns."""

    kind: str
    label: str
    credit: float
    feedback: str


@dataclass(frozen=True)
class StatementQuestion:
    """Which kind is this statement? Asked with its paragraph around it."""

    number: int
    opening: str
    prompt: str
    context: list[Run]
    choices: list[Choice]
    explanation: str
    """Why the key gives its answer, and how a student could check (general feedback)."""

    @property
    def answer(self) -> Choice:
        """The key's kind (full credit)."""
        return next(choice for choice in self.choices if choice.credit == 1)


@dataclass(frozen=True)
class EssayQuestion:
    """A discussion question, answered in writing; ``notes`` are for the marker only."""

    number: int
    text: str
    notes: str | None


@dataclass(frozen=True)
class Quiz:
    """A lesson's questions for one version: statements by printed number, then discussion."""

    title: str
    language: str
    version: str | None
    credit: str
    """Where the article comes from, one line."""
    statements: list[StatementQuestion]
    questions: list[EssayQuestion]
    identifier: str = "medialit"
    """What every identifier in the quiz's files starts with: the lesson's, selection's and
    version's own (:func:`quiz_identifier`)."""
    words: Words = field(default_factory=Words)
    """The fixed words in the lesson's language, as the sheets have them (the writers' own
    wording: a discussion question's name, Canvas's feedback)."""

    def titled(self) -> str:
        """``The lunch debate (version B)``: the title, with the version if there are several."""
        if not self.version:
            return self.title
        return f"{self.title} ({self.words.quiz_version.replace('{letter}', self.version)})"

    def discussion(self, number: int) -> str:
        """``Discussion 2``, in the lesson's language."""
        return self.words.quiz_discussion.replace("{number}", str(number))


def quiz_identifier(lesson: str, selection: str | None, version: str | None) -> str:
    """``ml-lunch-debate-core-B-1a2b3c4d``: the same for every export of one lesson (by file
    name), selection and version, and different for any other.

    Platforms match what they import by identifier (Canvas's "overwrite assessment content
    with matching IDs" replaces a quiz whose identifiers match), so two lessons must never
    share one, and a lesson exported again must keep its own. The readable part is cut to
    ASCII letters, digits and ``-`` (an XML name everywhere); the hash of the whole keeps
    names that read alike apart.
    """
    parts = [lesson, selection or "", version or ""]
    digest = hashlib.sha256("\0".join(parts).encode()).hexdigest()[:8]
    readable = [_slug(part)[:32] for part in parts]
    return "-".join(["ml", *(part for part in readable if part), digest])


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")


def quiz_from_key(key: KeyContext, identifier: str = "medialit") -> Quiz:
    """The quiz of one version of a lesson, from that version's answer-key context."""
    return Quiz(
        words=key.settings.words,
        identifier=identifier,
        title=xml_safe(key.title),
        language=key.language,
        version=key.version,
        credit=xml_safe(key.source.credit),
        statements=[_statement_question(key, n) for n in range(len(key.statements))],
        questions=[
            EssayQuestion(q.number, xml_safe(q.text), xml_safe(q.notes) if q.notes else None)
            for q in key.questions
        ],
    )


def _statement_question(key: KeyContext, index: int) -> StatementQuestion:
    statement = key.statements[index]
    words = key.settings.words
    labels = [kind.label for kind in key.kinds]
    answer = statement.kind_label
    choices = []
    for kind in key.kinds:
        if kind.name == statement.kind:
            credit, feedback = 1.0, words.quiz_right
        elif kind.label in statement.also_accept:
            credit, feedback = PARTIAL_CREDIT, words.quiz_partial
        else:
            credit, feedback = 0.0, words.quiz_wrong
        feedback = feedback.replace("{kind}", answer)
        choices.append(Choice(kind.name, xml_safe(kind.label), credit, xml_safe(feedback)))
    explanation = statement.why
    if statement.also_accept:
        accepted = words.quiz_also_accepted.replace("{kinds}", ", ".join(statement.also_accept))
        explanation += f" {accepted}"
    if statement.check:
        explanation += f" {words.how_to_check} {statement.check}"
    kinds = f"{', '.join(labels[:-1])} {words.grid_or} {labels[-1]}"
    prompt = words.quiz_prompt.replace("{number}", str(statement.number))
    return StatementQuestion(
        number=statement.number,
        opening=xml_safe(statement.opening),
        prompt=xml_safe(prompt.replace("{kinds}", kinds)),
        context=_context(key, statement.number),
        choices=choices,
        explanation=xml_safe(explanation),
    )


def _context(key: KeyContext, number: int) -> list[Run]:
    """The paragraph (or heading, or list item) that holds statement ``number``."""
    for block in key.blocks:
        if any(segment.statement == number for segment in block.segments):
            return [
                Run(xml_safe(s.text), isinstance(s, KeySegment) and s.statement == number)
                for s in block.segments
            ]
    raise ValueError(f"statement {number} is in no paragraph")  # anchoring placed every one
