"""What the reading leaves out: passages that are not claims a student could sort.

A definition ("Proteins are the workhorse molecules of life"), an organisation's remit
("The office is charged with…"), an instruction ("Keep copies of your receipts"), a
sentence that only points back ("This is not true.") and an age, a duration or a date
alone ("I am 8 years old.") say nothing that is evidence, inference or assertion. A cue
that describes a thing rather than claims ("research that might lead", "changes due to
aging") is not read as a cue. A claim with no cue word whose form generalises ("there is
no such thing") is told apart from a plain sentence (``plain_form``). The words are the cues
file's (``reading:``); only the shapes of a sentence are here.
"""

from __future__ import annotations

import re

from medialit.drafting.numbers import numbers
from medialit.drafting.wording import ReadingWords
from medialit.lesson.model import MAX_TEXT_CHARS

MIN_WORDS = 4
SHORT_QUESTION_WORDS = 10
"""A question shorter than this asks; a longer one usually argues (a rhetorical question)."""
POINTER_WORDS = 5
"""A sentence this short that starts with "This" or "It" says something only about the one
before it ("This is not true."): the one before is the passage to teach from."""
ALONE_WORDS = 10
"""A sentence this short whose only figure is an age, a duration or a date says nothing else."""

_QUOTES = '"“”'
_PROMISE = re.compile(
    r",\s+(?:and|y|e|et)\s+(?:[\w'-]+\s+){1,6}?"
    r"(?:is|are|will|can|won't|becomes?|es|son|será|serán|est|sont|sera|seront)\b"
    r"|\s(?:and|y|et)\s+(?:you|usted|tú|vous|tu)\s",  # "Take religion out and you take…"
    re.I,
)
"""An instruction with a promise ("Keep the blood pure…, and disease… is impossible") claims."""
_DESCRIBING = r"(?:that|which|who|que|qui|quienes|cuyo|dont)"
_POINTING = r"(?:those|ones|these)"
"""Right before the cue these describe ("those associated with"); a word after them is the
noun they point to, the sentence's subject ("these eels could transmit"): a claim."""
_DEFINING = re.compile(
    r"^(?:(?:An?|Un|Una|Une)\s+[a-zà-ÿ-]+|[A-ZÀ-Þ][a-zà-ÿ-]*s)(?:\s+[a-zà-ÿ-]+)?\s+"
    r"(?:is|are|es|son|est|sont)\s+(?:a|an|the|un|una|el|la|los|las|une|le|les)\s"
)
"""A kind of thing defined ("Proteins are the…", "A virus is a…", not "Smith is a…"): a
definition when nothing else in it claims."""
_OBJECT = re.compile(
    r"^\W*[\w'’-]+(?:\s+[\w'’-]+)?\s+(?:the|a|an|this|these|those|it|them|up|out|sure|el|la|"
    r"los|las|un|una|su|sus|le|les|une|des|votre|vos)\b",
    re.I,
)
"""An instruction's verb takes an object ("Keep the receipts"); "Share prices fell" does not."""
_ADVERB_FIRST = re.compile(r"^\W*[A-Z][a-z]+ly\s+(?=[a-z])")
_VERBS_IN_A_ROW = re.compile(r"^\W*[a-z]+,\s+[a-z]+,?\s+(?:and|or)\s+[a-z]+\s")


def skipped(text: str, words: ReadingWords) -> bool:
    """Whether a sentence is no statement at all, before any cue is looked for."""
    count = len(text.split())
    if count < MIN_WORDS or len(text) > MAX_TEXT_CHARS:
        return True  # too short to claim; or longer than a lesson's quote may be (no full stop)
    if text.rstrip(_QUOTES + "'»").endswith("?") and count < SHORT_QUESTION_WORDS:
        return True
    if text.rstrip().endswith(":") and words.speech(text) is None:
        return True  # it introduces a list; "Mr. Harvey says in part:" introduces his words
    if count <= POINTER_WORDS and words.opens_with("pointer_starts", text):
        return True
    # "Easily search, sort, and compare…": an adverb before the verb, or verbs in a row.
    head = _ADVERB_FIRST.sub("", text)
    instruction = words.opens_with("instruction_starts", head) and not _PROMISE.search(text)
    if instruction and (
        words.addresses_reader(text) or _OBJECT.match(head) or _VERBS_IN_A_ROW.match(head)
    ):
        return True
    return words.definition(text) is not None or words.request(text) is not None


def defines(text: str) -> bool:
    """A sentence shaped as a definition; left out when no cue shows a claim in it."""
    return bool(_DEFINING.match(text.strip(_QUOTES + "«» ")))


def only_a_date_or_age(text: str) -> bool:
    """An age, a duration or a date, and too few words for anything else to be said."""
    found = numbers(text)
    return (
        bool(found)
        and len(text.split()) < ALONE_WORDS
        and all(n.kind != "statistic" for n in found)
    )


def not_described(text: str, cue: str | None) -> str | None:
    """The cue, unless it describes a thing ("research that might lead", "a virus that
    causes", "declines from those associated with", "changes due to aging")."""
    if not cue:
        return None
    escaped = re.escape(cue)
    if re.search(rf"\b{escaped}\s+as\s+well\b", text, re.I):
        return None  # "You might as well not believe in fairies": as reasonable to, no guess
    if re.search(rf"\b{_DESCRIBING}\s+(?:\w+\s+)?{escaped}(?!\w)", text, re.I):
        return None
    if re.search(rf"\b{_POINTING}\s+{escaped}(?!\w)", text, re.I):
        return None
    # "due to" after a noun describes that noun; after a verb ("is due to") it explains,
    # unless a verb follows: "The pool is due to reopen in March" is a date set, no cause.
    if cue.lower() == "due to" and (
        not re.search(
            rf"(?:\b(?:is|are|was|were|be|been|largely|partly|mainly|mostly)|^|,)\s*{escaped}",
            text,
            re.I,
        )
        or re.search(rf"{escaped}\s+(?:re)?{_SCHEDULED}\b", text, re.I)
    ):
        return None
    return cue


_SCHEDULED = (
    r"(?:be|open(?=\s+(?:in|on|at|next|this|by)\b)|begin|start|arrive|expire|retire|resume|"
    r"appear|speak|testify|decide|complete|deliver|sign|become|depart|graduate|submit|meet|"
    r"publish|announce|receive|undergo|finish)"
)
"""The verbs after "due to" that set a date ("due to reopen", "due to be sentenced"); not
those that are nouns as often ("due to close contact", "due to land clearing")."""
_PASSIVE = re.compile(
    r"^(?:\s+\w+)?\s+(?:be|être|ser|estar)\s+\w+(?:ed|en|é|ée|és|ées|ado|ada|ados|adas|ido|ida)\b",
    re.I,
)
"""After "must": a passive ("must be unlivable to be considered", "doivent être publiés")
states a rule or a requirement, not advice to the reader."""
_NOT_A_VERB = re.compile(r"^\s+(?:the|a|an|this|that|these|those|its|their|his|her|our|my)\b", re.I)
"""After "have to": a determiner ("pretend to have to the island") shows that "to" starts a
place, not a verb: "have" owns, it does not oblige. ("Should the treaty be approved" asks.)"""


_INVERTED_CONDITION = re.compile(r"should\s+(?:\w+\s+){1,3}?\w+[^,?]*,\s+[^?]*$", re.I)
"""A sentence opened by "Should" with a clause before a comma, and no question: a condition."""


def advice(text: str, words: ReadingWords) -> str | None:
    """The word that gives advice ("should"), unless each one states a rule or a forecast.

    "cette proportion devrait toutefois se réduire": "devrait" is a forecast there, which a
    longer cue of the prediction list ("devrait toutefois") shows.
    """
    forecast = (words.prediction(text) or "").lower()
    for cue, end in words.find_all("recommendation", text):
        if _PASSIVE.match(text[end:]) or _NOT_A_VERB.match(text[end:]):
            continue
        if _INVERTED_CONDITION.match(text[end - len(cue) :]) and not text[: end - len(cue)].strip():
            continue  # "Should they continue to do so, the government will…": "if they do"
        return None if cue.lower() in forecast else cue
    return None


def argued(text: str) -> bool:
    """Advice with its reason ("you should protect the people first, because…") argues:
    the "because" makes it a conclusion drawn, not a bare instruction."""
    return re.search(r"\bbecause\b", text, re.I) is not None


def plain_form(text: str, words: ReadingWords) -> tuple[str, str] | None:
    """A claim told in a form that generalises, judges or ranks with no cue word of its own
    ("there is no such thing", "Too many newspapers are…", "the only daily"): the reason and
    the words, to rank it above a plain sentence (``analysis.PLAIN_FORM_SURE``, 0.48, against
    0.35). A question claims nothing."""
    if text.rstrip(" \"”’'").endswith("?"):
        return None
    for reason in ("generalisation", "judgement", "superlative"):
        for cue, end in words.find_all(f"plain_{reason}", text):
            # "…tell them that there is no procedure": what someone said, not a claim
            if not re.search(r"\bthat\s+$", text[: end - len(cue)], re.I):
                return reason, cue
    return None
