"""The hard checks of issue 19, counted on ``medialit new``'s drafts by ``bench_new.py``.

Each check is written here with its own words and patterns, not with the drafting code's
cue lists, so that a rule the drafting code gets wrong shows as a violation:

- **no source on a sourced number**: a draft that calls a figure unsourced (its technique is
  "unsourced number", or its why says "no source") although its paragraph or the one before
  names where information comes from (a study, a survey, a report, data, "according to", a
  verb of saying…); a number that is part of a name ("Section 508", "WCAG 2.0") is no figure;
- **a definition**: a draft on a sentence that defines a term ("is defined as", "refers
  to", "is called"…; "users refer to apps" defines nothing);
- **an age, a duration or a date alone**: a draft whose reason is a figure while every
  figure in it is an age, a duration, a date or a year; or a short draft (under ten words)
  with no reason but its figures, all of them ages, durations or dates.

Target: 0 of each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CHECKS = ("no source on a sourced number", "a definition", "an age, a duration or a date alone")
NUMBER_TECHNIQUES = frozenset({"unsourced number", "sourced number", "figure to trace"})
SHORT_WORDS = 10

# A source's word; "said" and "told" in the passive ("will be told", "it is said") name no one.
_SOURCE = re.compile(
    r"(?<!\w)(?:according to|stud(?:y|ies)|survey(?:s|ed)?|reports?|researchers?|scientists?|"
    r"authors?|journal|data|census|records?|poll|analysis|estimates?|statistics|figures from|"
    r"agency|department|ministry|office|institute|(?<!be )(?<!been )(?<!is )(?:said|told)|"
    r"says|wrote|stated|announced|"
    r"found that|published|según|estudio|encuesta|informe|datos|investigadores|afirmó|dijo|"
    r"selon|étude|enquête|rapport|données|chercheurs|a déclaré|a affirmé)(?!\w)",
    re.I,
)
_DEFINITION = re.compile(
    r"(?<!\w)(?:is|are) defined as|(?<!\w)refers to|(?<!\w)(?:terms?|words?|names?) refer to|"
    r"(?<!\w)(?:is|are) (?:also )?(?:called|"
    r"known as|termed)|(?<!\w)stands for|(?<!\w)is a measure of|(?<!\w)is the (?:name|term) "
    r"(?:of|for|given)|(?<!\w)se (?:define|llama|denomina)|(?<!\w)se réfère à|"
    r"(?<!\w)se définit|(?<!\w)(?:on appelle|désigne)(?!\w)",
    re.I,
)
_MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
    r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    # a month's short form, with its full stop ("Oct. 20", "Sept. 3")
    r"(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)(?=\.)"
)
_UNITS = (
    r"seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|"
    r"segundos?|minutos?|horas?|días?|semanas?|meses|mes|años?|décadas?|"
    r"secondes?|heures?|jours?|semaines?|mois|ans|années?|décennies?"
)
_NOT_A_STATISTIC = re.compile(
    rf"(?:\b(?:aged?|ages|edad de|âgés? de)\s+)\d+(?:\s*(?:to|-|–|and|a|à|y)\s*\d+)?"
    rf"|\d+(?:\s*(?:to|-|–|a|à)\s*\d+)?[\s-]+(?:{_UNITS})(?:[\s-]+(?:old|of age))?\b"
    rf"|\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,\s*\d{{4}})?"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th|er)?\s+(?:of\s+|de\s+)?(?:{_MONTHS})(?:\s+(?:de\s+)?\d{{4}})?"
    r"|\b(?:1[5-9]\d\d|20\d\d)s?\b"
    # a number that is part of a name: "Section 508", "Title IX", "WCAG 2.0"
    r"|\b(?:section|title|article|chapter|version|no\.)\s+\d[\w.]*|(?-i:\b[A-Z]{2,}\)?\s+\d+\.\d+\b)",
    re.I,
)
_NUMBER = re.compile(r"(?<![A-Za-z\d.,])\d[\d,.]*")


@dataclass(frozen=True)
class DraftSeen:
    """A draft as the checks see it: its quote, technique, why, and the text around it."""

    quote: str
    technique: str
    why: str
    paragraph: str
    paragraph_before: str


def paragraph_before(texts: list[str], at: int) -> str:
    """The paragraph before paragraph ``at``, with headings as "": a source named before a
    heading does not cover the section after it (nor does the reading's scope cross one)."""
    return texts[at - 1] if at > 0 else ""


def violations(draft: DraftSeen) -> list[str]:
    """The hard checks this draft fails, by name."""
    failed = []
    left = _NOT_A_STATISTIC.sub(" ", draft.quote)
    only_dates = bool(_NUMBER.search(draft.quote)) and not _NUMBER.search(left)
    a_figure = bool(_NUMBER.search(left))
    no_source = draft.technique == "unsourced number" or "no source" in draft.why
    if a_figure and no_source and _SOURCE.search(draft.paragraph + "\n" + draft.paragraph_before):
        failed.append(CHECKS[0])
    if _DEFINITION.search(draft.quote):
        failed.append(CHECKS[1])
    short_and_bare = (
        len(draft.quote.split()) < SHORT_WORDS and draft.technique == "claim without support"
    )
    if only_dates and (draft.technique in NUMBER_TECHNIQUES or short_and_bare):
        failed.append(CHECKS[2])
    return failed
