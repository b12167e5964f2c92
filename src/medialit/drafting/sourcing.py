"""How a reason names a source: the words of the article that name it, cut to a phrase.

"The study found that while the top-10 risk factors…" names "The study"; "scientists why life
chose…" names "scientists"; "según estimaciones del 2008 dadas a conocer hoy por los CDC" names
"estimaciones del 2008". The phrase takes the article or determiner before the source word
and the words after it, up to a word of the cues file's ``phrase_ends`` list (a verb, a
conjunction, a relative pronoun) or a figure, six words at most.

Also who a sentence says found or said something, and on what grounds: the subject before a
verb of finding (a finding its finders hedge is theirs to infer), the speaker after a lead-in,
a reason given after a comma ("…, as the five men are…"), and a quotation's edges.
"""

from __future__ import annotations

import re
from typing import Protocol


class ReadingWords(Protocol):
    """What this module asks of :class:`medialit.drafting.wording.ReadingWords` (which imports
    this module, so it is named by what it does, not imported)."""

    def find_all(self, name: str, text: str) -> list[tuple[str, int]]: ...

    def source_in(self, text: str) -> str | None: ...


PHRASE_WORDS = 6
SUBJECT_CHARACTERS = 120
"""How far into a sentence its subject may reach before a verb of finding."""
FINDER_WORDS = 8
"""A finder named in more words than this is a clause, not a finder ("They found")."""
OPENING = "\"“«¿¡' "
DATE_NAMES = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
)
"""The English months and days, written with their capital: a date's, not a name's."""
_CONNECTIVE = re.compile(
    r"[A-Z][a-z]+ly|However|Meanwhile|Also|Moreover|Furthermore|Still|Now|Then|Later|Thus",
)
"""A one-word lead-in before a speaker's name ("Additionally, USGS predicts…")."""
"""What may open a sentence before its first word."""
_DETERMINER = re.compile(
    r"(?:\b(?:the|a|an|this|that|these|its|their|el|la|los|las|un|una|su|sus|le|les|une|des|"
    r"du|cette|ce|ses|son|sa|leurs?)\s+)"
    r"(?:(?!(?:to|of|in|for|on|at|by|de|a|à|en|para|por|pour)\s)[\w'’-]+\s+){0,2}$",
    re.I,
)


_OWNER = re.compile(
    r"\b[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}['’]s\s+(?:(?:1[6-9]|20)\d\d\s+|[a-z][\w-]*\s+){0,2}$"
)
"""A name that owns the source, before its word: "Smith's 2021 study", "NASA's new report"."""


def source_phrase(text: str, start: int, end: int, ends: frozenset[str]) -> str:
    """The phrase that names a source whose word is ``text[start:end]``."""
    # "The state health department's 2022 survey found…": the survey, the department's.
    possessive = re.match(r"['’]s(?=\s)", text[end:])
    if possessive:
        end += possessive.end()
    before = _DETERMINER.search(text[:start])
    owner = None if before else _OWNER.search(text[:start])
    first = before or owner
    head = text[first.start() : end] if first else text[start:end]
    if owner and _THE_BEFORE.search(text[: owner.start()]):
        head = "the " + head  # 'the “Nation’s Report Card”': the name keeps its "the"
    tail = []
    clause = _SENTENCE_STOP.split(text[end:].split(",")[0].split(";")[0])[0]
    clause = re.split(r"\s+\w+ing\s+that\b", clause)[0]  # "a report … indicating that"
    for word in re.split(r"\s+|—|–", clause.strip()):
        year = possessive and re.fullmatch(r"(?:1[6-9]|20)\d\d", word)
        if not word or word.lower() in ends or (any(c.isdigit() for c in word) and not year):
            break
        tail.append(word)
    opening = text[: first.start() if first else start].rstrip(" " + OPENING)
    if not owner and (not opening or opening[-1] in ".!?:"):  # "The study found…": "the study"
        head = head[:1].lower() + head[1:]
    if tail and _PREPOSITION_END.search(text[start:end]):
        head = ""  # "according to the USGS", "reported by the USGS": the source is the USGS
    words = (head + " " + " ".join(tail)).split()
    dangling = ends | {"of", "de", "del", "from", "by"}
    while len(words) > 1 and words[-1].lower() in dangling:
        words.pop()
    limit = PHRASE_WORDS + len(head.split()) - 1
    longest = limit + PHRASE_WORDS
    # A name is not cut in its middle ("a new study by the U.S. Geological Survey").
    while limit < min(len(words), longest) and (
        words[limit][:1].isupper() or words[limit - 1].lower() in _NAME_JOINS
    ):
        limit += 1
    words = words[:limit]
    while len(words) > 1 and words[-1].lower() in dangling:  # "a city traffic count from"
        words.pop()
    return " ".join(words).strip(' :(«»"“”')


_QUOTES = '"“”«»'
_THE_BEFORE = re.compile(r"\bthe\s+[\"“']?$", re.I)
"""A "the" right before an owner's name, perhaps with the quotation mark that opens it."""
_NAME_JOINS = frozenset({"the", "of", "by", "at", "for"})
_SENTENCE_STOP = re.compile(r"(?<![A-Z])\.(?!\w)")
"""A full stop, not the stops of "U.S." or "Ph.D." inside a name."""
_PREPOSITION_END = re.compile(r"\s(?:by|to|from|among|de|à|según)$", re.I)
"""A source word that ends so names the source after it."""
_NOT_A_SOURCE = frozenset(
    {"on", "in", "at", "during", "last", "this", "that", "i", "we", "he", "she", "they", "it"}
)
"""The first word after an attribution that names a time, a place or a pronoun, no source."""
TITLE_WORDS = 25
"""A quoted title is short; a quoted speech of several sentences is cut into them."""


def still_open(text: str, was_open: bool) -> bool:
    """Whether a quotation is open after ``text``, given whether it was before."""
    marks = sum(text.count(q) for q in _QUOTES)
    return was_open != (marks % 2 == 1)


def unquoted(text: str) -> tuple[int, int]:
    """The sentence without a quotation mark that opens or closes a quotation around it."""
    start, end = 0, len(text)
    marks = sum(text.count(q) for q in _QUOTES)
    if text[:1] in _QUOTES and (marks % 2 == 1 or text[-1:] in _QUOTES):
        start = 1
    if text[-1:] in _QUOTES and (marks % 2 == 1 or start == 1):
        end -= 1
    return start, max(start, end)


def in_title(text: str, at: int) -> bool:
    """Whether ``at`` falls inside a quoted title ("Severe Global Cooling After Volcanic
    Super-Eruptions? The Answer Hinges on…"): short, closed, most of its words capitalised."""
    if not inside_quotes(text, at):
        return False
    opening = max(text.rfind(q, 0, at) for q in '"“«')
    closing = min((i for i in (text.find(q, at) for q in '"”»') if i >= 0), default=-1)
    if opening < 0 or closing < 0:
        return False
    words = re.findall(r"[^\W\d_][\w'’-]*", text[opening + 1 : closing])
    capitalised = [w for w in words if w[0].isupper()]
    return 0 < len(words) <= TITLE_WORDS and len(capitalised) >= 0.6 * len(words)


def inside_quotes(text: str, at: int) -> bool:
    """Whether ``at`` falls inside a quotation of ``text``."""
    return sum(text[:at].count(q) for q in '"“”«»') % 2 == 1


def finding_subject(text: str, words: ReadingWords) -> str | None:
    """The source a sentence's subject names before a verb of finding ("A new, comprehensive
    analysis of satellite data finds that…"), wherever the subject starts."""
    verbs = words.find_all("finding_verbs", text[:SUBJECT_CHARACTERS])
    subject = text[: verbs[0][1] - len(verbs[0][0])] if verbs else ""
    if ";" in subject or not words.find_all("source_words", subject):
        return None
    if re.match(r"\W*(?:if|unless|whether)\b[^,]*$", subject, re.I):
        return None  # "If the October report shows that…": a condition, not a finding
    if words.find_all("reader_words", subject) or words.find_all("modal_verbs", subject):
        return None  # "Study the advertising, and you will find…": the reader finds
    return words.source_in(subject)


_COMPARED = re.compile(r"\b(?:most|more|less|least|as|twice|times)\s+$", re.I)
"""Before "likely": a comparison between groups, the finding itself, not a hedge on it."""


def hedged_finding(text: str, words: ReadingWords) -> tuple[str, str] | None:
    """A finding its finders hedge ("They found that cooling would probably not exceed…"):
    the hedge, and who found it. Their reading of the results, not what they measured."""
    verbs = words.find_all("finding_verbs", text[:SUBJECT_CHARACTERS])
    if not verbs or not re.match(r"\s+that\b", text[verbs[0][1] :]):
        return None
    verb, end = verbs[0]
    hedges = [
        (hedge, at)  # "the most likely to develop", "more likely to": a comparison found
        for hedge, at in words.find_all("finding_hedges", text[end:])
        if not _COMPARED.search(text[end : end + at - len(hedge)])
    ]
    subject = after_lead_in(text[: end - len(verb)].strip(" ,"))
    if not hedges or not subject or len(subject.split()) > FINDER_WORDS:
        return None
    if words.find_all("reader_words", subject) or words.find_all("modal_verbs", subject):
        return None  # "you will find that…": the reader finds
    return hedges[0][0], subject


_CLAUSE = re.compile(
    r"\s+(?:[\w'’-]+\s+){1,5}?"
    r"(?:is|are|was|were|has|have|had|can|cannot|could|will|would|did|does|do|must)\b"
)
"""After "as": a clause with its verb gives a reason ("as the five men identified are"), not
a comparison or a role ("as far as", "as a day of rest")."""


def reason_clause(text: str, words: ReadingWords) -> str | None:
    """A reason given after a comma ("terrible, as the five men identified are in a
    horrible condition"): the joining word (``reason_joins``), when a clause follows."""
    for join, end in words.find_all("reason_joins", text):
        if not text[: end - len(join)].rstrip().endswith(",") or not _CLAUSE.match(text[end:]):
            continue
        stop = text.find(",", end)
        if not words.find_all("own_words", text[end - len(join) : stop if stop > 0 else None]):
            return join  # not "as we have already stated", which gives no reason
    return None


_PRONOUN = re.compile(r"(?:he|she|they|we|I|it)", re.I)
_ADVERB = re.compile(r"[A-Za-z]+ly|also|then|now|again|further|moreover|furthermore", re.I)
"""Words that lead a pronoun in ("Plainly also he"): how it is said, not who says it."""


def after_lead_in(subject: str) -> str:
    """ "Given the ongoing uncertainties, Millán": the speaker is the name after the lead-in."""
    words = subject.split()
    if len(words) > 1 and _PRONOUN.fullmatch(words[-1]) and all(map(_ADVERB.fullmatch, words[:-1])):
        return words[-1]  # "Plainly also he tells them": he tells them
    lead, _, name = subject.rpartition(",")
    first = lead.split()
    if not name.strip()[:1].isupper():
        return subject
    if first and len(first) > 1 and first[1][:1].islower():
        return name.strip()
    if len(first) == 1 and _CONNECTIVE.fullmatch(first[0]):  # "Additionally, USGS"
        return name.strip()
    return subject


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding spaces, quote marks and joining commas."""
    strip = " ,;:" + _QUOTES
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip + ".":
        end -= 1
    if end < len(text) and text[end : end + 1] in ".!?" and end + 1 >= len(text.rstrip(_QUOTES)):
        end += 1  # keep a sentence's own full stop
    # A quotation opened in the span is closed in it: 'the pool was "the one place … meet."'
    if _left_open(text[start:end]) and (closing := _CLOSING.match(text, end)):
        end = closing.end()
    return start, end


_CLOSING = re.compile(r"[.!?,]?[\"”»]")


def _left_open(span: str) -> bool:
    """Whether ``span`` opens a quotation that it does not close."""
    return (
        span.count('"') % 2 == 1
        or span.count("“") > span.count("”")
        or (span.count("«") > span.count("»"))
    )


def attributed_to(text: str, cue: str) -> str | None:
    """Whom an attribution names, up to the clause's end: "according to the budget office"
    gives "the budget office" (the why named only "according to")."""
    at = text.lower().find(cue.lower())
    if at < 0 or not _PREPOSITION_END.search(" " + cue.lower()):
        return None  # "…, officials said on Tuesday": what follows "said" is no source
    after = re.split(r"[,;:.()]", text[at + len(cue) :])[0].strip()
    if not after or after.split()[0].lower() in _NOT_A_SOURCE:
        return None
    if name := re.match(r"(?:[A-Z][\w.&’'-]*\s+(?:(?:of|for|and|the)\s+)*)*[A-Z][\w.&’'-]*", after):
        return name.group(0)  # "given by USGS put it along…": USGS
    return after if 0 < len(after.split()) <= 8 else None


DENIED = re.compile(r"\b(?:not|never|(?:do|does|did)n['’]t)\s+$", re.I)
"""Before a verb of saying, a denial: "they do not say he is wise" names no one who did."""


_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+$", re.I)
_AGENT_AFTER = re.compile(r"^\s+by\s+(?:the\s+)?[A-Z]", re.I)


def only_denied(text: str, cue: str) -> bool:
    """Whether every ``cue`` in ``text`` names no one: a saying denied ("She never said the
    roads were dangerous") or told with no one telling ("Residents were told the works would
    take six months"; not "were told by the council")."""
    found = list(re.finditer(rf"(?<!\w){re.escape(cue)}(?!\w)", text, re.I))
    return (
        bool(found)
        and all(
            DENIED.search(before := text[max(0, m.start() - 20) : m.start()])
            or (
                m.group(0).lower() == "told"  # "was quoted as saying" names its subject
                and _PASSIVE_BEFORE.search(before)
                and not _AGENT_AFTER.match(text[m.end() :])
            )
            for m in found
        )
    )
