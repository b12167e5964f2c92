"""Where an article's paragraph is cut into passages: sentences, and clauses inside them.

The segmenter's sentences are mended (joined after a title's full stop, "Vice Adm. Conrad…";
cut where a quoted letter kept several sentences whole), and a sentence that reports
something and then draws a conclusion from it ("Results show that eggs develop faster…,
therefore requiring less time…") is cut in two: careful readings quote the report (evidence
or a claim) apart from the conclusion (an inference).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from medialit.drafting.leaving import MIN_WORDS
from medialit.drafting.sourcing import OPENING, in_title
from medialit.drafting.wording import ReadingWords

CONCLUSION_REACH = 5
"""How many words may come between the comma that opens a conclusion and its marker (", which
they regard as a sign of")."""
_INNER_END = re.compile(
    r"\b(?P<word>[A-Za-zÀ-ÿ]*[a-zß-ÿ][a-zß-ÿ]|\d+)(?P<stop>[.!?][\"”'»]?)\s+(?=[\"“'«¿¡]?[A-ZÀ-Þ])"
)
"""A sentence's end inside a span: a word of two small letters or more (not "Ph.D." or "U.S.")."""
_TITLES = frozenset(
    {"mr", "mrs", "ms", "dr", "dra", "sra", "srta", "mme", "mlle", "pr", "prof", "adm", "gen"}
    | {"col", "maj", "capt", "lt", "sgt", "cmdr", "gov", "sen", "rev"}  # "Vice Adm. Conrad…"
)
"""A title or rank before a name ("la Dra. Melinda Wharton"): the sentence goes on after it."""
_ABBREVIATIONS = _TITLES | {"st", "jr", "sr", "vs", "no", "etc", "al", "dre", "ee", "uu", "av"}
_ABBREVIATIONS |= {"pág", "núm"}


def joined(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The segmenter's sentences, mended: joined where it cut after an abbreviation ("90 per
    cent. of"), cut where it kept a quoted letter or speech of several sentences whole."""
    mended: list[tuple[int, int]] = []
    for start, end in spans:
        # the word before, read from a few characters back: all before it was quadratic
        after_abbreviation = re.search(r"(\w+)\.$", text[max(0, start - 80) : start].rstrip())
        if mended and (
            text[start : start + 1].islower()
            or (after_abbreviation and after_abbreviation.group(1).lower() in _TITLES)
        ):
            mended[-1] = (mended[-1][0], end)
        else:
            mended.append((start, end))
    cut: list[tuple[int, int]] = []
    for start, end in mended:
        for found in _INNER_END.finditer(text, start, end):
            word = found.group("word").lower()
            if word not in _ABBREVIATIONS and not in_title(text, found.end("stop")):
                cut.append((start, found.end("stop")))
                start = found.end()
        cut.append((start, end))
    return cut


def conclusion_cut(
    text: str, marker_in: Callable[[str], str | None], without_idioms: Callable[[str], str]
) -> tuple[int, int, str] | None:
    """Where a sentence that reports something, then draws a conclusion from it after a comma
    or a dash, is cut: the end of what it reports, the start of the conclusion, and the words
    that draw it (``marker_in``: the language's inference markers, read outside its idioms,
    "thus far")."""
    plain = without_idioms(text)
    marker = marker_in(plain)
    if not marker:
        return None
    at = plain.find(marker)
    if re.match(r"\s+of\b", text[at + len(marker) :]):
        return None  # "as a result of the elections": a cause named, no conclusion drawn
    boundary = max(text.rfind(sign, 0, at) for sign in (", ", "; ", " – ", " — "))
    gap = text[boundary:at].strip(" ,;–—").split()
    # The conclusion opens its clause (", therefore requiring…"), or a relative one does (",
    # which they regard as a sign of…"); ", and the vote therefore stands" is one claim.
    far = boundary < 0 or len(gap) > CONCLUSION_REACH or (gap and gap[0].lower() != "which")
    if marker[0] in ",;–—" or (far and marker.lower().endswith("ing")):
        boundary = at  # ", meaning"; "…from many sections of the state indicating…"
    elif far:
        return None
    head = len(text[:boundary].rstrip(" ,;–—"))
    tail = len(text) - len(text[boundary:].lstrip(" ,;–—"))
    if len(text[:head].split()) < MIN_WORDS or len(text[tail:].split()) < MIN_WORDS - 1:
        return None
    if text.count('"', 0, head) % 2 or text.count("“", 0, head) != text.count("”", 0, head):
        return None  # a cut inside a quotation would misquote it
    return head, tail, marker.strip(" ,;–—")


def opening_conclusion(text: str, words: ReadingWords) -> str | None:
    """The words a sentence opens with that draw a conclusion ("Thus…", "That's why…"), read
    outside its idioms ("So far"). None for a sentence that ends with a colon, which introduces
    what follows ("So, for moderation's sake we say:"), or with a question mark ("So how
    worried should parents be?"), none where "so" means "also" or "in order that" ("So did the
    governor", "So, too, were the roads", "So that the children could eat, …"), and none for
    a sentence that names its source."""
    if text.rstrip().rstrip("\"”’'").endswith((":", "?")):
        return None
    opening = words.without_idioms(text).lstrip(OPENING)
    cue = words.opens_with("conclusion_starts", opening)
    if cue and cue.lower() == "so" and _SO_ALSO.match(opening[len(cue) :]):
        return None
    # "Accordingly, the agency published its records of 4,000 inspections": the source named
    # makes it evidence, whatever joins it to what came before.
    return cue if cue and not words.source_in(text) else None


_SO_ALSO = re.compile(
    r"[\s,]*(?:too|that|do|does|did|is|are|was|were|has|have|had|can|could|will|would|shall|"
    r"should|may|might|must|begins?|began|ends?|ended|goes|went)\b",
    re.I,
)
"""After "So": an inversion ("So did the governor", "So begins the story") or a purpose."""
