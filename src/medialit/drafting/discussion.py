"""Suggest a drafted lesson's discussion questions and its plan, written for this article.

Three questions, each about one of the drafts and naming its paragraph: the central
inference, a source the article names, a claim given without a source; each asks the same
(what it rests on, how to check it) and they come in the article's order, so that neither
their words nor their order tells a student which kind a statement is. Each note tells the
teacher what to listen for: method, never a side. The plan fits a class of
:data:`CLASS_MINUTES`: read, sort, go over the answers, discuss. Both are marked
``draft: true`` until the teacher accepts them.

English, Spanish and French (the languages whose drafts have their own wording, see
:mod:`.reasons_intl`); in any other language nothing is suggested rather than English.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from medialit.drafting.discussion_words import WORDS, Words
from medialit.drafting.suggest import Suggestion
from medialit.lesson.anchoring import find_matches, searchable
from medialit.lesson.article import split_blocks
from medialit.lesson.model import Kind

CLASS_MINUTES = 50
"""The class a drafted plan fills: the length the lessons are written for."""
QUOTE_WORDS = 20
"""A question quotes a statement's first words, enough to find it in the paragraph."""
READING_WORDS_A_MINUTE = 120
"""A slow reader's pace, with time to look a word up: no student is left reading."""

# Which drafts each question prefers, best first (technique names, as ``kinds.KINDS``).
INFERENCES = ("correlation read as cause", "cause and effect", "conclusion drawn", "prediction")
SOURCES = ("named source", "sourced number", "named record", "reported claim")
UNSOURCED = (
    "unsupported certainty",
    "sweeping generalisation",
    "vague amount",
    "unsourced number",
    "claim without support",
    "comparison without figures",
    "loaded language",
    "vague attribution",
)


@dataclass(frozen=True)
class SuggestedQuestion:
    """A discussion question with its teacher note, and the paragraph it quotes."""

    text: str
    notes: str
    paragraphs: tuple[int, ...]


@dataclass(frozen=True)
class SuggestedStep:
    minutes: int
    activity: str
    details: str


@dataclass(frozen=True)
class SuggestedPlan:
    minutes: int
    steps: tuple[SuggestedStep, ...]
    preparation: tuple[str, ...]


def discussion_questions(
    article: str, drafts: list[Suggestion], language: str
) -> list[SuggestedQuestion]:
    """Three questions about ``drafts`` (the lesson's statements), or none in a language
    medialit has no wording for."""
    words = WORDS.get(language.split("-")[0].lower())
    if words is None:
        return []
    paragraph = _paragraph_finder(article)
    used: set[str] = set()
    asks: list[tuple[Callable[[Suggestion], bool], tuple[str, ...], str]] = [
        (lambda s: s.kind is Kind.inference, INFERENCES, "inference"),
        (lambda s: s.kind is Kind.evidence, SOURCES, "source"),
        (lambda s: s.kind is Kind.assertion, UNSOURCED, "unsourced"),
    ]
    about: list[tuple[tuple[int, int], SuggestedQuestion]] = []
    general = []
    for fits, preferred, ask in asks:
        draft = _best([d for d in drafts if fits(d) and d.quote not in used], preferred)
        if draft is None:
            general.append(_general(words, ask))
            continue
        used.add(draft.quote)
        number = paragraph(draft)
        place = (number or len(article), article.find(draft.quote))
        about.append((place, _about(words, ask, draft, number)))
    # In the article's order: in the order of the kinds, question 1 was always the inference.
    return [question for _, question in sorted(about, key=lambda item: item[0])] + general


def lesson_plan(
    article: str, language: str, minutes: int = CLASS_MINUTES, glossary: bool = False
) -> SuggestedPlan | None:
    """Read, sort, go over the answers, discuss: steps that add up to ``minutes``; the
    glossary's words gone over after reading only if the lesson has one (a newcomer's plan
    sent the class to a glossary the lesson did not have)."""
    words = WORDS.get(language.split("-")[0].lower())
    if words is None:
        return None
    reading = min(15, max(5, math.ceil(len(article.split()) / READING_WORDS_A_MINUTE)))
    answers = discuss = 10
    sorting = minutes - reading - answers - discuss
    steps = (
        SuggestedStep(reading, words.read[0], words.read[1] + (words.glossary if glossary else "")),
        SuggestedStep(sorting, *words.sort),
        SuggestedStep(answers, *words.answers),
        SuggestedStep(discuss, *words.discuss),
    )
    return SuggestedPlan(minutes, steps, (words.preparation,))


def _best(drafts: list[Suggestion], preferred: tuple[str, ...]) -> Suggestion | None:
    """The draft of the best technique; among equals a core one, then the one the reading was
    surest of (its cue's confidence: "how sure" is the same for a technique's every draft)."""

    def rank(draft: Suggestion) -> tuple[int, bool, float]:
        techniques = [preferred.index(t) for t in draft.techniques if t in preferred]
        return (min(techniques, default=len(preferred)), not draft.core, -draft.reading_sure)

    return min(drafts, key=rank, default=None)


def _paragraph_finder(article: str) -> Callable[[Suggestion], int | None]:
    blocks = split_blocks(article)
    index = searchable(blocks)

    def paragraph(draft: Suggestion) -> int | None:
        matches = find_matches(draft.quote, index)
        if not matches:
            return None
        match = matches[min(len(matches), draft.occurrence or 1) - 1]
        return blocks[match.block].number

    return paragraph


def _about(words: Words, ask: str, draft: Suggestion, number: int | None) -> SuggestedQuestion:
    where = words.paragraph.format(number=number) if number else words.article
    fields = _fields(_opening(draft.quote), where, draft.why, draft.check or "")
    return SuggestedQuestion(
        words.questions[ask][0].format(**fields),
        _note(words, ask, draft.check or "").format(**fields),
        (number,) if number else (),
    )


def _fields(quote: str, where: str, why: str, check: str) -> dict[str, str]:
    return {
        "quote": quote,
        "where": where,
        "Where": where[0].upper() + where[1:],
        "why": why,
        "check": check,
    }


def _note(words: Words, ask: str, check: str) -> str:
    notes = words.questions[ask][1]
    if not check:  # "…where to look it up: Evidence shows…" read as one broken sentence
        notes = re.sub(r"\s*:\s*\{check\}\s*", ". ", notes)
    return notes


# The question each kind of statement is asked (as ``discussion_questions`` chooses).
ASKS = {Kind.inference: "inference", Kind.evidence: "source", Kind.assertion: "unsourced"}


def notes_as_now(notes: str, language: str, statements: list[tuple[str, Kind, str, str]]) -> str:
    """A suggested question's notes written again for its statement as the lesson has it now
    (``statements``: each one's quote, kind, why and check). A kind changed since ``new``
    wrote them left "…, an assertion" and the old why in the key. Notes that are not
    medialit's words (the teacher's), or whose statement is gone, are kept as they are."""
    words = WORDS.get(language.split("-")[0].lower())
    if words is None:
        return notes
    for ask in words.questions:
        for check in ("", "-"):  # the notes' two shapes: with a check, and without one
            found = _pattern(_note(words, ask, check)).fullmatch(notes)
            mine = found and next((s for s in statements if _opening(s[0]) == found["quote"]), None)
            if found and mine:
                _, kind, why, check_now = mine
                fields = _fields(found["quote"], found["where"], why, check_now)
                return _note(words, ASKS[kind], check_now).format(**fields)
    return notes


def _pattern(note: str) -> re.Pattern[str]:
    """What ``note`` reads as once its fields are filled in, each field a group."""
    parts: list[str] = []
    for part in re.split(r"(\{\w+\})", note):
        name = part[1:-1] if part.startswith("{") else None
        if name is None:
            parts.append(re.escape(part))
        else:  # a field named twice reads the same words twice
            parts.append(f"(?P={name})" if f"<{name}>" in "".join(parts) else f"(?P<{name}>.*?)")
    return re.compile("".join(parts), re.DOTALL)


def _general(words: Words, ask: str) -> SuggestedQuestion:
    text, notes = words.general[ask]
    return SuggestedQuestion(text, notes, ())


def _opening(quote: str) -> str:
    """The statement's first words, as the question quotes them."""
    shown = quote.split()
    text = " ".join(shown[:QUOTE_WORDS])
    return text + "…" if len(shown) > QUOTE_WORDS else text
