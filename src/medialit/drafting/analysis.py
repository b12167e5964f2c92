"""Read an article as a whole and find what each passage is: evidence, inference or assertion.

Reading goes paragraph by paragraph and sentence by sentence, keeping what the article has
said before: which source the paragraph names (so that a figure after "The study found…" is
not called unsourced), whether a quotation is still open (so that its speaker, named at its
end, owns its first sentence). Reported speech is cut in two: the saying ("said a Dutch
tailor") is evidence that it was said; the claim said gets a kind of its own. Definitions,
instructions and the myths a fact-check quotes are left out. Everything this module knows
about English is data in ``cues/en.yaml`` (its families and its ``reading:`` lists).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Literal

from medialit.drafting.clauses import conclusion_cut, joined, opening_conclusion
from medialit.drafting.kinds import KINDS
from medialit.drafting.leaving import (
    MIN_WORDS,
    advice,
    argued,
    defines,
    not_described,
    only_a_date_or_age,
    plain_form,
    skipped,
)
from medialit.drafting.numbers import Number, noun_after, statistics
from medialit.drafting.reasons import Finding, about_a_study, check_for, correlation, why_for
from medialit.drafting.sourcing import (
    finding_subject,
    hedged_finding,
    only_denied,
    reason_clause,
    still_open,
    trimmed,
    unquoted,
)
from medialit.drafting.speech import is_pronoun
from medialit.drafting.wording import CueFamily, ReadingWords
from medialit.lesson.article import Block
from medialit.lesson.model import Kind

Role = Literal["sentence", "saying", "claim"]
MIN_SAYING_WORDS = 2
""""Gallagher said", "He noted": careful readings mark such sayings evidence (not "Experts say")."""
CENTRAL_BLOCKS = 2
"""A correlation read as a cause, or a hedged guess (sure 0.6 or more), opening an article."""
CENTRAL, PLAIN_FORM_SURE = ("correlation", "link", "hedged finding", "prediction"), 0.48

_LABEL = re.compile(r"^[A-Z][a-z]+:\s+")
"""A label before a sentence ("Fact: "), left out of the quote."""
_TABLE_ROW = re.compile(r"^[^:.]{1,60}:\s*[\d.,\s%–-]+(?:or (?:higher|lower|more|less))?$")
"""A list item such as "Class I obesity: 30.0-34.9": a table row, not a claim."""
_NAMED = re.compile(r"(?<!^)\b[A-Z][a-z]|\b[A-Z]{2,}\b")
"""A name in a speaker: a capital inside it ("the German army doctors") or an acronym ("USGS")."""


@dataclass(frozen=True)
class Part:
    """A passage to suggest: a sentence, or one side of a sentence of reported speech."""

    block: int
    start: int
    end: int
    text: str
    role: Role
    speaker: str | None = None
    marker: str | None = None
    """The words that draw the conclusion this part is ("– meaning", cut before it)."""


@dataclass(frozen=True)
class Analysed:
    """A part with its provisional answer and how sure the reading is."""

    part: Part
    kind: Kind
    also_accept: tuple[Kind, ...]
    sure: float
    why: str
    check: str
    technique: str
    central: bool = False
    finding: Finding | None = None  # for the reasons of another kind (.rekinding)


@dataclass
class _Context:
    """What the reading knows when it reaches a sentence."""

    paragraph_source: str | None = None
    previous_source: str | None = None
    nearby_source: tuple[str, str] | None = None
    """A source named anywhere in this paragraph or the one before, and where."""
    speaker: str | None = None
    quote_open: bool = False
    language: str = "en"
    named: str | None = None  # the last speaker named here or a paragraph before: "he"


def analyse(
    blocks: list[Block],
    sentences: Callable[[str], list[tuple[int, int]]],
    families: list[CueFamily],
    words: ReadingWords,
    language: str = "en",
) -> list[Analysed]:
    """Every passage worth a statement, in reading order, each with a kind and reasons (written
    in ``language``: English, Spanish or French)."""
    journal = words.journal_in(" ".join(b.text for b in blocks))
    found: list[Analysed] = []
    before: str | None = None  # a source the paragraph before named
    named: list[str | None] = [None, None]  # the speakers named two paragraphs ago and last
    for number, block in enumerate(blocks):
        if block.kind == "heading" or words.skips(block.text):
            before, named = None, [None, None]
            continue
        # Attribution has a scope: a source named in this paragraph or the one before
        # covers its figures ("The survey… 12 %" across sentences).
        here = words.source_in(block.text) or _speaker_in(block.text, sentences, words)
        nearby = (here, "in this paragraph") if here else None
        if before and not here:
            nearby = (before, "in the paragraph before")
        before = here
        if block.kind == "item" and _TABLE_ROW.match(block.text):
            continue
        context = _Context(
            nearby_source=nearby,
            language=language.split("-")[0].lower(),
            named=named[1] or named[0],
        )
        last_named = context.named
        spans = joined(block.text, sentences(block.text))
        for index, (start, end) in enumerate(spans):
            text = block.text[start:end]
            source_here = words.source_in(text)
            if index == 0:
                context.paragraph_source = source_here
            if not skipped(_LABEL.sub("", text, count=1), words):
                for part in _parts(number, start, text, words, context, families):
                    first = not any(a.central for a in found)
                    analysed = _classify(part, families, words, context, journal, first)
                    if analysed is not None:
                        found.append(analysed)
            context.previous_source = source_here
            context.quote_open = still_open(text, context.quote_open)
        named = [named[1], context.named if context.named != last_named else None]
    return found


def _speaker_in(
    text: str, sentences: Callable[[str], list[tuple[int, int]]], words: ReadingWords
) -> str | None:
    """Who the paragraph quotes ("…, Dr Maathai said"): a source named for what is near it."""
    for start, end in sentences(text):
        split = words.speech(text[start:end])
        if split is not None and not is_pronoun(split[1]):  # "he" names no source
            return split[1]
    return None


def _parts(
    block: int,
    offset: int,
    text: str,
    words: ReadingWords,
    context: _Context,
    families: list[CueFamily],
) -> list[Part]:
    """The sentence, or its saying and its claim when it reports speech, or what it reports
    and the conclusion it draws from that ("…, which they regard as a sign of…")."""
    if label := _LABEL.match(text):
        offset, text = offset + label.end(), text[label.end() :]
    split = words.speech(text)
    if split is None:
        start, end = unquoted(text)
        piece, speaker = text[start:end], context.speaker if context.quote_open else None
        marker_in = partial(_family, families, name="inference marker")
        if cut := conclusion_cut(piece, marker_in, words.without_idioms):
            head, tail, marker = cut
            at = offset + start
            return [
                Part(block, at, at + head, piece[:head], "sentence", speaker),
                Part(block, at + tail, offset + end, piece[tail:], "claim", speaker, marker),
            ]
        return [Part(block, offset + start, offset + end, piece, "sentence", speaker)]
    pieces, speaker = split
    if is_pronoun(speaker) and context.named:  # '"…," he adds': the secretary named before
        speaker = context.named
    elif not is_pronoun(speaker):
        context.named = speaker
    parts = []
    for start, end, role in pieces:
        start, end = trimmed(text, start, end)
        piece = text[start:end]
        thin = len(piece.split()) < MIN_SAYING_WORDS or _family(families, piece, "vague authority")
        if role == "saying" and len(piece.split()) <= MIN_SAYING_WORDS and thin:  # "Experts say"
            continue
        if role == "claim" and len(piece.split()) < MIN_WORDS:
            if len(pieces) == 2:  # too little said to stand alone: the sentence is the part
                return [Part(block, offset, offset + len(text), text, "sentence", speaker)]
            continue
        parts.append(Part(block, offset + start, offset + end, piece, role, speaker))
    context.speaker = speaker
    return sorted(parts, key=lambda p: p.start)


def _classify(
    part: Part,
    families: list[CueFamily],
    words: ReadingWords,
    context: _Context,
    journal: str | None,
    may_be_central: bool,
) -> Analysed | None:
    text = part.text
    if part.role == "saying":
        vague = _family(families, text, "vague authority")
        if vague:
            return _make(part, Finding("vague", vague, part.speaker), 0.8, False, context.language)
        # A named person or body ("the German army doctors", "The USGS") can be asked; "He
        # said", even of someone named before, names no one here.
        speaker = part.speaker if not is_pronoun(text.split()[0]) else None
        named = bool(speaker and _NAMED.search(speaker))
        found = Finding("saying", part.speaker or text, part.speaker)
        return _make(part, found, 0.85 if named else 0.6, False, context.language)
    if words.definition(text):
        return None
    finding = about_a_study(_first_finding(part, families, words, context, journal), text)
    if finding.reason == "plain" and (only_a_date_or_age(text) or defines(text)):
        return None  # "I am 8 years old.", "Proteins are the…": no claim to sort
    # The central move: the opening paragraphs' first correlation or guess, in the article's voice.
    central = (
        may_be_central
        and finding.reason in CENTRAL
        and (finding.reason != "prediction" or finding.sure >= 0.6)
        and part.block < CENTRAL_BLOCKS
        and (part.role == "claim" or part.speaker is None)
    )
    return _make(part, finding, finding.sure, central, context.language)


def _first_finding(
    part: Part,
    families: list[CueFamily],
    words: ReadingWords,
    context: _Context,
    journal: str | None,
) -> Finding:
    """The strongest sign of what the passage is, in order of precedence."""
    text, speaker = part.text, part.speaker
    if part.role == "sentence":
        if cue := _family(families, text, "vague authority"):
            return Finding("vague", cue, speaker, sure=0.8)
        if cue := _family(families, text, "certainty"):  # "It is now clear that…" first
            return Finding("certainty", cue, speaker, sure=0.8)
        if hedged := hedged_finding(text, words):  # "They found that … would probably …"
            cue, finder = hedged
            return Finding("hedged finding", cue, speaker, finder, journal=journal, sure=0.8)
        if cue := words.record(text):
            return Finding("record", cue, speaker, journal=journal, sure=0.85)
        if cue := words.finding_start(text) or finding_subject(text, words):
            return Finding("finding", cue, speaker, source=cue, journal=journal, sure=0.85)
        if cue := _family(families, text, "checkable record"):
            return Finding("record", cue, speaker, journal=journal, sure=0.8)
        cue = _family(families, text, "attribution")
        if cue and not (words.find_all("own_words", text) or only_denied(text, cue)):
            return Finding("attributed", cue, speaker, sure=0.7)
        if cue := opening_conclusion(text, words):  # "Thus…": before "all", "must", "would"
            return Finding("conclusion", cue, speaker, sure=0.8)
    if part.role == "claim" and (cue := words.own_account(text)):
        return Finding("own account", cue, speaker, sure=0.65)  # "she was humbled by…"
    if cue := words.plan(text):  # "EPA will launch a $2.5 million grant": checked later
        return Finding("plan", cue, speaker, sure=0.6)
    if cue := words.correlation(text):  # a study's, or a link claimed with no groups compared
        return correlation(cue, speaker, text, journal, (context.nearby_source or ("",))[0])
    for name, reason in (("certainty", "certainty"), ("loaded words", "judgement")):
        if cue := _family(families, text, name):
            return Finding(reason, cue, speaker, sure=0.8)
    if figures := statistics(text):
        return _number_finding(figures[0], part, words, context, journal)
    for reason, look in (
        ("rhetorical", words.rhetorical),
        ("stance", words.stance),
        ("method", partial(words.first, "method_words")),
        (
            "judgement",
            lambda text: None if reason_clause(text, words) else words.judgement(text),
        ),
        ("generalisation", words.generalisation),
        ("amount", words.amount),
        ("superlative", words.superlative),
        ("recommendation", lambda text: None if argued(text) else advice(text, words)),
    ):
        if cue := look(text):
            return Finding(reason, cue, speaker, sure=0.75)
    plain = words.without_idioms(text)  # "thus far" draws no conclusion
    if cue := part.marker or not_described(text, _family(families, plain, "inference marker")):
        return Finding("conclusion", cue, speaker, sure=0.75)  # "therefore", "a sign of"
    if cue := not_described(text, words.causal(text)):
        return Finding("causal", cue, speaker, sure=0.75)
    if cue := _hedge(families, text, words):  # "may be incapable of … more than": a guess first
        return Finding("prediction", cue, speaker, sure=0.6)
    if cue := words.comparison(text):
        return Finding("comparison", cue, speaker, sure=0.6)
    if cue := not_described(text, words.prediction(text)):
        # A modal verb may be a forecast, a condition or a past ability: less sure than "likely".
        modal = cue.lower() in words.modal_verbs
        if not (modal and words.addresses_reader(text)):  # "will not affect your…": a rule
            return Finding("prediction", cue, speaker, sure=0.45 if modal else 0.6)
    for family in families:  # a teacher's own families, after the built-in reading
        if family.custom and (cue := family.find(text)):
            return Finding("custom", cue, speaker, family=family, sure=0.6)
    if part.role == "claim" and speaker and (found := words.source_in(speaker)):
        return Finding("finding", found, speaker, source=found, journal=journal, sure=0.7)
    # The article's "there is no such thing", not one said ("tell them that there is no…").
    if part.role != "claim" and (form := plain_form(text, words)):
        return Finding(form[0], form[1], speaker, sure=PLAIN_FORM_SURE)
    if context.nearby_source and not speaker:  # attribution has a scope: name the source
        source, where = context.nearby_source
        return Finding("plain", "", speaker, source=source, where=where, sure=0.35)
    return Finding("plain", "", speaker, sure=0.35)


def _number_finding(
    figure: Number, part: Part, words: ReadingWords, context: _Context, journal: str | None
) -> Finding:
    """A figure is sourced when this sentence, the one before, or the paragraph names a source."""
    here = words.source_in(part.text)
    for source, where in (
        (part.speaker, "in the same sentence" if part.role == "claim" else "as the speaker"),
        (here, "in this sentence"),
        (context.previous_source, "in the sentence before"),
        (context.paragraph_source, "in this paragraph's first sentence"),
    ):
        if source:
            return Finding(
                "sourced number",
                figure.text,
                part.speaker,
                source=source,
                where=where,
                journal=journal,
                noun=noun_after(part.text, figure),
                sure=0.65,
            )
    if context.nearby_source:  # named near it, not for it: a figure to trace, not unsourced
        source, where = context.nearby_source
        return Finding(
            "nearby number",
            figure.text,
            part.speaker,
            source=source,
            where=where,
            noun=noun_after(part.text, figure),
            sure=0.55,
        )
    return Finding(
        "unsourced number",
        figure.text,
        part.speaker,
        noun=noun_after(part.text, figure),
        sure=0.7,
    )


def _family(families: list[CueFamily], text: str, name: str) -> str | None:
    for family in families:
        if family.name == name:
            return family.find(text)
    return None


def _hedge(families: list[CueFamily], text: str, words: ReadingWords) -> str | None:
    return not_described(text, _family(families, words.without_idioms(text), "hedging"))


def _make(
    part: Part, finding: Finding, sure: float, central: bool = False, language: str = "en"
) -> Analysed:
    if (family := finding.family) is not None and finding.reason == "custom":
        kind, also, technique = family.kind, family.also_accept, family.technique
    else:
        kind, also, technique = KINDS[finding.reason]
    return Analysed(
        part,
        kind,
        also,
        sure,
        why_for(finding, part.text, part.role, central, language),
        check_for(finding, part.text, language),
        technique,
        central,
        finding,
    )
