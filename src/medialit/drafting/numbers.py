"""Tell a statistic from the other numbers of an article: ages, durations, dates, names.

"Aged 18 to 25", "over 12 months", "September 13", "COVID-19" and "top-10" are numbers, but
nobody counted anything to write them: calling them "a precise number with no source" is
wrong. Only a figure that counts or measures something (a statistic, a measurement, money, a
percentage) asks "who counted?".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

NumberClass = Literal[
    "statistic", "year", "date", "time", "age", "duration", "ordinal", "identifier", "range"
]

_NUMBER = re.compile(
    r"(?<![\w.,])\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?![\w,.]?\d)"  # "15 709" in French
    r"|(?<![\w.,])\d(?:[\d,.]*\d)?(?:st|nd|rd|th|er|e|º|ª)?(?!\w)|(?<=[A-Za-z]-)\d+"
)
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|"
    r"noviembre|diciembre|janvier|février|mars|avril|mai|juin|juillet|août|septembre|"
    r"octobre|novembre|décembre)\.?"
)
_UNIT_OF_TIME = (
    r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|"
    r"segundos?|minutos?|horas?|días?|semanas?|meses|mes|años?|décadas?|siglos?|"
    r"secondes?|heures?|jours?|semaines?|mois|ans|années?|décennies?|siècles?)"
)
_RANGE_WORD = r"(?:to|-|–|a|à|y|et|and|or|o|ou)"
_DATE_BEFORE = re.compile(rf"{_MONTH}\s+$", re.I)
_DATE_AFTER = re.compile(rf"^(?:\s+(?:of|de))?\s+{_MONTH}(?!\w)", re.I)
_TIME_AFTER = re.compile(r"^\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock|h\b)|^:\d\d", re.I)
_AGE_BEFORE = re.compile(
    rf"(?:\baged?|\bages|\bI am|\bedad(?:es)? de|\bâgée?s? de|\bentre)\s+"
    rf"(?:\d+\s*{_RANGE_WORD}\s*)?$",
    re.I,
)
_AGE_AFTER = re.compile(
    rf"^(?:\s*{_RANGE_WORD}\s*\d+)?(?:(?:-|\s+)years?(?:-|\s+)old|\s+(?:años|ans)\s+(?:de\s+edad|d'âge))",
    re.I,
)
_SCALE = r"(?:[\s-]+(?:thousand|million|billion|mil|millones|millions?|milliards?))?"
_DURATION_AFTER = re.compile(
    rf"^(?:\s*{_RANGE_WORD}\s*\d+)?{_SCALE}[\s-]+{_UNIT_OF_TIME}(?!\w)", re.I
)
""""12 months", "2 million years (ago)": a span of time, not a count."""
_RANGE = re.compile(r"^\s*(?:-|–)\s*\d")
_IDENTIFIER_BEFORE = re.compile(
    r"(?:[A-Za-z]-|[A-Z]{2,}[+−-]|\bNo\.\s*|#|\bpages?\s+|\bpp?\.\s*(?:\d+\s*[,–-]\s*)*"
    r"|\bchapter\s+|\b(?:type|model|class|flight|route|article|section|title|version|"
    r"vol\.|volume)\s+)$",
    re.I,
)
"""What names a thing by number: "UTC+9", "pp. 50, 51", "Type 09", "Flight 370"."""
_VERSION_BEFORE = re.compile(r"(?:\b[A-Z][A-Za-z]*[A-Z]\)?|\bWeb)\s+$")
""""WCAG 2.0", "(WCAG) 2.0", "Web 2.0": a name and its version number, not a measurement."""
_AMOUNT_AFTER = re.compile(
    r"^\s*(?:%|per ?cent|percent|thousand|million|billion|trillion|times|points?|degrees?)", re.I
)
""""NASA 2.5 million": after a name, but an amount all the same."""
_IDENTIFIER_AFTER = re.compile(
    r"^-?[A-Za-z]|^\s+(?:[A-Z][a-z]+\s+)+(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Lane)\b"
)
"""A number with letters ("3D") or a street address ("524 Walnut Street")."""


@dataclass(frozen=True)
class Number:
    """A number as written in a sentence, with what it is."""

    text: str
    start: int
    kind: NumberClass


_NEAR = 80
"""How much of the sentence either side of a number tells what it is ("aged 18 to", "UTC+",
"524 Walnut Street"): read no further, so that a sentence of thousands of numbers (a hostile
page's) is read in a time that grows with its length, not with its square."""


def numbers(sentence: str) -> list[Number]:
    """Every number written in digits in ``sentence``, classified."""
    found = []
    for match in _NUMBER.finditer(sentence):
        start, end = match.span()
        before, after = sentence[max(0, start - _NEAR) : start], sentence[end : end + _NEAR]
        kind = _classify(match.group(0), before, after)
        sign = _currency_before(before)  # "$4 million", "US$50": the sum, sign and all
        scale = _SCALE_WORD.match(after)
        end += scale.end() if scale and kind == "statistic" else 0
        found.append(Number(sentence[start - sign : end], start - sign, kind))
    return found


_CURRENCY = re.compile(r"(?:\b[A-Z]{1,3})?[$£€¥]$")
"""A currency's sign before a figure, with the country's letters of "US$", "A$", "HK$"."""


def _currency_before(before: str) -> int:
    sign = _CURRENCY.search(before)
    return len(sign.group(0)) if sign else 0


_SCALE_WORD = re.compile(
    r"[\s-]+(?:mil\s+millones|thousand|million|billion|trillion|millones|millón|millardos?|"
    r"milliards?|millions?|mil)\b"
)


def statistics(sentence: str) -> list[Number]:
    """The numbers that count or measure something: those that ask who counted."""
    return [n for n in numbers(sentence) if n.kind == "statistic"]


def _classify(number: str, before: str, after: str) -> NumberClass:
    # Order matters: "April 3, 2020" is a date before "2020" is a year.
    if re.fullmatch(r"\d+(?:st|nd|rd|th|er|e|º|ª)", number):
        return "ordinal"
    if _AGE_AFTER.match(after):
        return "age"
    if _IDENTIFIER_BEFORE.search(before) or _IDENTIFIER_AFTER.match(after):
        return "identifier"
    version = re.fullmatch(r"\d+\.\d+", number) and not _AMOUNT_AFTER.match(after)
    if version and _VERSION_BEFORE.search(before):
        return "identifier"
    if _DATE_BEFORE.search(before) or _DATE_AFTER.match(after):
        return "date"
    if _TIME_AFTER.match(after) or re.search(r"\d:$", before):  # "20:04:54": a time of day
        return "time"
    if re.fullmatch(r"1[5-9]\d\d|20\d\d", number) and not after.lstrip().startswith("%"):
        return "year"
    if _AGE_BEFORE.search(before) and not _DURATION_AFTER.match(after):
        return "age"
    if _DURATION_AFTER.match(after):
        return "duration"
    if _RANGE.match(after) or re.search(r"\d\s*(?:-|–)\s*$", before):
        return "range"
    return "statistic"


def noun_after(text: str, figure: Number) -> str:
    """The word or two after a figure: what it counts ("deaths", "of the students")."""
    after = text[figure.start + len(figure.text) :]
    found = re.match(
        r"\s*(?:%|per ?cent\.?|percent|por ciento|pour cent)?\s*(?:(?:of|de|des|del)\s+|d['’])?"
        r"(?:(?:the|los|las|el|la|les)\s+)?([A-Za-zÀ-ÿ-]+(?:\s+[a-zà-ÿ-]+)?)",
        after,
    )
    if not found:
        return "it"
    first, _, second = found.group(1).partition(" ")
    if first.lower() in _NO_WORD_FOR_IT or first.startswith("-"):
        return "it"  # "$50 each year", "$10,000 or more", "$5 million was spent": no word for it
    if " " in figure.text:  # "40 millones de personas viven": the thing, not what it does
        return first
    # "6.000 militants could", "800 men and": a verb or a joining word is not what is counted.
    return first if second.lower() in _NOT_COUNTED else found.group(1)


_NOT_A_THING = frozenset(
    {"each", "every", "per", "a", "an", "than", "was", "were", "is", "are", "has", "have", "had"}
    | {"cada", "por", "chaque", "par"}
)


_NOT_COUNTED = frozenset(
    [
        "and",
        "or",
        "but",
        "nor",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "into",
        "of",
        "that",
        "which",
        "who",
        "were",
        "was",
        "are",
        "is",
        "be",
        "been",
        "had",
        "have",
        "has",
        "could",
        "would",
        "will",
        "can",
        "may",
        "might",
        "must",
        "should",
        "did",
        "do",
        "does",
        "not",
        # a determiner starts what follows: "12 games this season" counts games
        "this",
        "these",
        "those",
        "last",
        "next",
        "so",
        "as",
        "ago",
        "este",
        "esta",
        "estos",
        "estas",
        "ce",
        "cet",
        "cette",
        "ces",
    ]
)
_NO_WORD_FOR_IT = _NOT_A_THING | _NOT_COUNTED
