"""The ``why`` and the ``check`` of a draft, written for the statement, not for the cue.

A reason names what makes this passage its kind here: the source it points to and where
the article names that source, the claim inside a quotation and who says it, the word that
shows a guess or a judgement. A check says what to look up and where: the journal, the
agency, the record, the person quoted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from medialit.drafting.reasons_intl import WORDINGS, Wording
from medialit.drafting.sourcing import DATE_NAMES, attributed_to
from medialit.drafting.speech import is_pronoun

if TYPE_CHECKING:
    from medialit.drafting.wording import CueFamily

TOPIC_WORDS = 6


@dataclass(frozen=True)
class Finding:
    """What the reading found in a passage: the reason for its kind and the words that show it."""

    reason: str
    cue: str
    speaker: str | None
    source: str | None = None
    where: str | None = None
    journal: str | None = None
    noun: str | None = None
    family: CueFamily | None = None
    sure: float = 0.5


_STUDY = re.compile(r"\b(?:stud(?:y|ies)|research\w*|scientists?|authors?|paper|trial)\b", re.I)
_DOCUMENT = re.compile(
    r"\b(?:stud(?:y|ies)|reports?|survey|poll|census|records?|data|estimate|review|paper|"
    r"count|tally|figures|statistics)\b",
    re.I,
)
_OTHER_SOURCE = re.compile(
    r"\b(?:reports?|survey|poll|census|records?|department|office|agency|bureau|ministry|"
    r"council|commission|police|government|budget|count|company|spokes\w+)\b",
    re.I,
)
_WHEN_WORDS = re.compile(rf"\b{DATE_NAMES}\b")
"""A date's words, which give a source no capital of a name ("from last September")."""
# An article opening a source, in English, Spanish or French, before a word in small letters or
# an acronym ("The USGS", "El alcalde", "L’agence"); a name's own stays ("The Hague", "Le Monde").
_ARTICLE = re.compile(
    r"^(?:(?:The|A|An|El|La|Los|Las|Un|Una|Unos|Unas|Le|Les|Une|Des)"
    r"(?=\s+(?:[a-zà-ÿ]|[A-Z]{2,}\b))|L(?=[’'][a-zà-ÿ]))"
)


def about_a_study(finding: Finding, text: str) -> Finding:
    """The article's journal for a passage about the study, not another source: a city's budget
    office, named elsewhere in the article than the study, was "published, in Nature", and its
    figures were to be found "in the study in Nature". The source the passage names decides
    first ("the trial will cost $85,000, the budget office said" is the office's figure)."""
    for about in (finding.source or "", text):
        if not finding.journal or finding.journal in about or _STUDY.search(about):
            return finding
        if _OTHER_SOURCE.search(about):
            return replace(finding, journal=None)
    # Nothing says which: a correlation is a study's ("compared groups"); a record or a
    # figure is not taken for one ("The judgment was published in May": "in Science").
    return finding if finding.reason == "correlation" else replace(finding, journal=None)


def correlation(
    cue: str, speaker: str | None, text: str, journal: str | None, near: str
) -> Finding:
    """ "Linked to" in a study's report (it compared groups), or a link claimed without one
    ("the cause of the crash was linked to the navigation system": no groups compared)."""
    studied = journal or _STUDY.search(text) or _STUDY.search(near)
    return Finding("correlation" if studied else "link", cue, speaker, journal=journal, sure=0.8)


def topic(text: str, count: int = TOPIC_WORDS) -> str:
    """The passage's first words (``count`` of them), to tell one reason from another."""
    words = text.strip("\"“”' ").split()
    shown = " ".join(words[:count]).rstrip(",;:.")
    return shown + ("…" if len(words) > count else "")


def why_for(finding: Finding, text: str, role: str, central: bool, language: str = "en") -> str:
    """The explanation printed in the key, in the lesson's language (English by default)."""
    cue, speaker = finding.cue.rstrip(",;: "), finding.speaker  # "to me," shows as "to me"
    if (wording := WORDINGS.get(language)) and finding.reason != "custom":
        said = wording.said.format(speaker=_mid(speaker)) if speaker and role != "saying" else ""
        reason = wording.why[finding.reason].format(**_fields(finding, wording, said, central))
        return reason[0].upper() + reason[1:]
    said = f"Quoted from {_who(speaker)}: " if speaker and role != "saying" else ""
    # Whom an attribution names: looked for in its own reason's text only (every reason
    # below is written for every finding).
    named = attributed_to(text, cue) if finding.reason == "attributed" else None
    saying = f"It says who the words come from ({cue})" + (
        ", someone the article names before" if speaker and is_pronoun(speaker) else ""
    )
    reasons = {
        "saying": f"{saying}: evidence that they were said, not that what was said is true.",
        "vague": f"‘{cue}’ names no one who could be asked: who, exactly, and where did they "
        "say it?",
        "finding": f"It reports what {_common(cue)} found, and the article says where that "
        f"was published{_in(finding.journal)}: anyone can look it up.",
        "hedged finding": f"It reports what {_common(finding.source or 'they')} found, but "
        f"‘{cue}’ shows that this is their reading of the results, not something measured: "
        "what in the study supports it, and how sure are they?"
        + (" This is the claim the article is built on." if central else ""),
        "record": f"It points to a record anyone can look up (‘{cue}’){_in(finding.journal)}.",
        "attributed": "It says where the information comes from ("
        + (f"‘{cue} {named}’" if named else f"‘{cue}’")
        + "): that can be "
        "checked, although it shows only that it was said.",
        "correlation": f"‘{cue}’: the study compared groups of people, which shows that two "
        "things go together, not that one causes the other."
        + (" This is the claim the article is built on." if central else ""),
        "link": f"{said}‘{cue}’ says that two things go together: what shows the link, and "
        "does it show that one caused the other?"
        + (" This is the claim the article is built on." if central else ""),
        "certainty": f"{said}‘{cue}’ presents it as settled, but nothing here shows how it is "
        "known.",
        "judgement": f"{said}‘{cue}’ judges instead of reporting: take the word away and see "
        "what checkable fact is left.",
        "generalisation": f"{said}‘{cue}’ makes it true of every case, and the article counts "
        "none: one case that does not fit would disprove it.",
        "amount": f"{said}‘{cue}’ gives an amount without counting it: how many exactly, "
        "out of how many, and who counted?",
        "method": f"{said}It says how the results were obtained (‘{cue}’): the method is part of "
        "the evidence, and it can be checked where the work is described.",
        "recommendation": f"{said}‘{cue}’ gives advice: it tells the reader what to do, which "
        "is not a fact that can be checked.",
        "causal": f"{said}‘{cue}’ links a cause to an effect: the link is a conclusion, and the "
        "article does not show what it rests on.",
        "conclusion": f"{said}‘{cue}’ draws a conclusion from what comes before it: what "
        "does it rest on, and does the article show that?",
        "comparison": f"{said}‘{cue}’ compares, but gives no figures for either side of the "
        "comparison.",
        "prediction": f"{said}‘{cue}’ makes it a guess or a forecast, drawn from something the "
        "article does not show."
        + (" This is the claim the article is built on." if central else ""),
        "superlative": f"{said}‘{cue}’ ranks it above every other case, and the article gives "
        "no record it was measured against.",
        "sourced number": f"The figure ‘{cue}’ comes from {_mid(finding.source or '')}, named "
        f"{finding.where}: it can be checked there.",
        "unsourced number": f"The figure ‘{cue}’{_counting(finding)} comes with no source, "
        "here or earlier in the paragraph: who counted, and how?",
        "nearby number": f"The figure ‘{cue}’{_counting(finding)} is given without a source "
        f"of its own; {finding.source}, named {finding.where}, may be where it comes from.",
        "plain": _plain(finding, said),
        "rhetorical": f"{said}‘{cue}’ asks a question that expects only one answer: a "
        "conclusion argued as a question, without the reasons that would show it.",
        "stance": f"{said}‘{cue}’ gives {'the speaker' if said else 'the writer'}'s own "
        "belief, hope or view: an opinion, which the "
        "article does not show to be so.",
        "own account": f"{speaker or 'The speaker'} speaks of their own state or doings "
        f"(‘{cue}’): only they can report it, so that they said it is the evidence.",
        "plan": f"{said}‘{cue}’ announces a plan, not a forecast drawn from evidence: it says "
        "what is intended, which can be checked once the date has passed.",
        "observed": "It reports what happened in terms that can be checked (who, what, where, "
        "when), not an opinion or a conclusion.",
        "concluded": f"{said}It draws a conclusion from what the article reports: the step from "
        "the facts to the conclusion is the writer's (or the speaker's), and the article does "
        "not show all it rests on.",
        "hedged claim": f"{said}‘{cue}’ hedges it, but nothing here says where it comes from or "
        "how it is known: a claim given without support.",
    }
    if finding.reason == "custom" and finding.family is not None:
        return finding.family.why.replace("{cue}", cue)
    reason = reasons[finding.reason]
    return reason[0].upper() + reason[1:]


def _plain(finding: Finding, said: str) -> str:
    """A claim with no sign of its kind: what it rests on, as far as the article says."""
    if said:  # the speaker is its only source
        return (
            f"{said}it is stated as fact on the speaker's word alone, with nothing to show how "
            "it is known."
        )
    if finding.source:  # a source is named near it, not for it
        return (
            f"It is stated as fact, and the sentence does not say how it is known; "
            f"{finding.source}, named {finding.where}, is the nearest source: does it say this?"
        )
    return "It is stated as fact, with no source and nothing to show how it is known."


_HEARSAY = frozenset(
    {"apparently", "appear", "appears", "appeared", "it seems", "seems", "seemingly"}
    | {"supposedly", "allegedly", "reportedly", "presumably"}
)


def check_for(finding: Finding, text: str, language: str = "en") -> str:
    """How a student could verify the statement: what to look up, and where."""
    cue, speaker = finding.cue, finding.speaker
    if wording := WORDINGS.get(language):
        reason = finding.reason if finding.reason in wording.check else "plain"
        if reason == "plain" and speaker:
            reason = "speaker"
        return wording.check[reason].format(**_fields(finding, wording, "", False))
    study = finding.journal and f"the study in {finding.journal}"
    named = attributed_to(text, cue) if finding.reason == "attributed" else None
    checks = {
        "saying": _saying_check(speaker),
        "vague": "Search for who said it first; if no one can be named, treat it as a rumour.",
        "finding": f"Open {study or 'the study or report'} and find this result in its summary.",
        "hedged finding": f"Open {study or 'the study'} and see how its authors qualify this "
        "result (the limits and uncertainty they give).",
        "record": f"Look the record up{_named_record(study or cue)} and check that it says this.",
        "attributed": (
            f"Find what {named} published or said (a report, a statement) and compare it with "
            "the article."
            if named
            else "Find the original statement or report and compare the wording."
        ),
        "correlation": f"Read {study or 'the study'}: did it compare groups or test a cause? "
        "What does it say about its own limits?",
        "link": "Find what the link rests on (a test, a record, a comparison) and ask whether "
        "something else could explain it.",
        "sourced number": _number_check(cue, study, finding.source or "", speaker),
        "nearby number": f"Check whether {finding.source} gives ‘{cue}’; if it does not, "
        "look for who counted.",
        "unsourced number": (
            f"Look for an official count of {finding.noun} (a government agency, a census, a "
            f"named study) and compare it with ‘{cue}’."
            if _counting(finding)
            else f"Look for where ‘{cue}’ comes from (a government agency, a census, a named "
            "study, a price list) and compare."
        ),
        "prediction": "Ask who says so and how they know, then look for a source that shows it."
        if cue.lower() in _HEARSAY  # "Apparently, the council expects…": nothing to wait for
        else "Note what is predicted and look later for what actually happened.",
        "plan": "Look for a later notice or report that it was done as announced (the date, "
        "the amount, who took part).",
        "own account": _saying_check(speaker),
        "recommendation": "Find who gives this advice and what evidence they give for it.",
        "rhetorical": "Answer the question yourself, then look in the article for what "
        "supports that answer and what goes against it.",
        "causal": "Ask what else could explain it, and look for a source that shows the link.",
        "conclusion": "Find the facts the conclusion is drawn from in the article, and ask "
        "whether they lead to it or another explanation fits them as well.",
        "amount": "Look for a count (a record, a survey, a named study) that says how many.",
        "method": f"Open {study or 'the study or report'} and read how it was done (its methods "
        "or data section).",
        "comparison": "Look for the figures on both sides of the comparison.",
        "superlative": "Find the record it is ranked against (a list, an agency's "
        "measurements) and check that nothing there beats it.",
        "observed": "Find a second report or a record (an official page, minutes, a named "
        "document) that shows the same.",
        "concluded": "Find what the conclusion rests on in the article, and ask what else could "
        "explain the same facts.",
        "hedged claim": "Ask who says so and how they know, then look for a source that shows it.",
    }
    if finding.reason in checks:
        return checks[finding.reason]
    if speaker:
        return (
            f"Ask what the claim rests on ({_mid(_named(speaker))} is quoted), and look for a "
            "source that does not depend on the speaker."
        )
    return "Ask what would show it (a count, a record, a named source) and look for one."


def _who(speaker: str) -> str:
    """The speaker as a reason names them: "he" is someone named before, not a name."""
    return f"the speaker (‘{speaker}’)" if is_pronoun(speaker) else _mid(_named(speaker))


def _named(speaker: str) -> str:
    """The speaker without what the article adds about them: "Marcus Hale, who has owned…
    for 31 years" is Marcus Hale (a newcomer read "…for 31 years's own words"); a place or a
    suffix after a comma stays ("Gold Hill, Oregon", "King, Jr.")."""
    first, *rest = speaker.split(", ")
    for part in rest:
        if not re.fullmatch(r"[A-Z][\w.’'-]*", part.rstrip(",")):
            break
        first += ", " + part
    return first


def _saying_check(speaker: str | None) -> str:
    if speaker and is_pronoun(speaker):
        return (
            f"Find whom ‘{speaker}’ means earlier in the article, then that person's own words "
            "(a statement, an interview, a paper), and compare them with the article."
        )
    who = _named(speaker or "")
    named = re.search(r"(?<!^)\b[A-Z][a-z]", who) or re.fullmatch(r"[A-Z][a-z]+|[A-Z]{2,}", who)
    # "Council member Rosa Delgado", "Hale", "USGS"; and a title before a full name in small
    # letters, "council member Rosa Delgado" ("local television on Sunday" names no one)
    titled = re.fullmatch(r"(?:[a-z]+\s){1,2}(?:[A-Z][\w.’'-]*\s){1,3}[A-Z][\w’'-]+", who)
    if (named and who[:1].isupper()) or titled:
        return (
            f"Find {who}'s own words (a statement, an interview, a paper) and compare them "
            "with the article."
        )
    if speaker and speaker.lower().startswith(("the ", "a ", "an ", "results", "data")):
        # "the librarians", "the report", "data": what they said, whatever their number
        return f"Find the words or figures of {_mid(speaker)} and compare them with the article."
    # No "who … are": a newcomer read "who, exactly, ‘council member Rosa Delgado’ are".
    return f"Ask who, exactly, said it (‘{speaker or 'they'}’), and where."


def here(topic_words: str, language: str = "en") -> str:
    """What tells two drafts with the same reason apart: the passage's first words."""
    wording = WORDINGS.get(language)
    return wording.here.format(topic=topic_words) if wording else f"(Here: ‘{topic_words}’.)"


def _fields(finding: Finding, wording: Wording, said: str, central: bool) -> dict[str, str]:
    journal = finding.journal
    study = wording.study.format(journal=journal) if journal else None
    return {
        "cue": finding.cue.rstrip(",;: "),
        "said": said,
        "source": _mid(finding.source or ""),
        "where": wording.where.get(finding.where or "", finding.where or ""),
        "journal": wording.journal.format(journal=journal) if journal else "",
        "noun": _counted(finding) or wording.counted,
        "central": wording.central if central else "",
        "study": study or _mid(finding.source or "") or finding.cue,
        # Mid-sentence ("Busque lo que dijo o publicó el alcalde"); a reason that opens with
        # the speaker gets its capital back (why_for).
        "speaker": _mid(finding.speaker or ""),
    }


def _common(source: str) -> str:
    """ "The study" in the middle of a sentence, names kept: "researchers at NASA's JPL"."""
    first, _, rest = source.partition(" ")
    if first.lower() in {"the", "a", "an", "this", "these", "that", "its", "their"}:
        return f"{first.lower()} {rest}".strip()
    if re.search(r"['’]s$", first):  # "Smith's 2021 study": an owner's name
        return source
    return source[:1].lower() + source[1:] if source[1:2].islower() else source


def _named_record(record: str) -> str:
    """The record in brackets when it is named ("the study in Nature", "the judgment"), not
    when the cue is a verb alone ("published in", "was issued")."""
    return f" ({record})" if re.match(r"(?:the|a|an)\s|.*[A-Z0-9]", record) else ""


def _number_check(figure: str, study: str | None, source: str, speaker: str | None) -> str:
    """Where to find a sourced figure: in the study or the document, else in what the person
    or body said ("Find ‘46’ in Pennsylvania Gov. Edward G. Rendell" read as a place)."""
    if study or _DOCUMENT.search(source) or not _a_name(source, speaker):
        return f"Find ‘{figure}’ in {study or _mid(source)}."
    return f"Look for ‘{figure}’ in what {_mid(_named(source))} published or said."


def _a_name(source: str, speaker: str | None) -> bool:
    """Whether ``source`` names a person or a body: the speaker quoted, an acronym, or a
    capital past its first word that is not a date's ("Lisa Nowell", "the USGS"; not "a city
    traffic count from last September", nor "Residents" opening a sentence)."""
    words = _WHEN_WORDS.sub("", _named(source))
    return source == speaker or bool(re.search(r"\b[A-Z]{2,}\b|(?<=\s)[A-Z]", words))


def _mid(name: str) -> str:
    """A source as written mid-sentence: "Find the city's budget office", not "Find The…";
    a name's own article stays ("The Hague", "The Guardian")."""
    return _ARTICLE.sub(lambda a: a.group(0).lower(), name)


def _counted(finding: Finding) -> str | None:
    """What a figure counts ("deaths"); None when no word says ("$50 each year": "it")."""
    return finding.noun if finding.noun and finding.noun != "it" else None


def _counting(finding: Finding) -> str:
    """What a figure counts, in brackets ("(deaths)"), or nothing."""
    return f" ({noun})" if (noun := _counted(finding)) else ""


def _in(journal: str | None) -> str:
    return f", in {journal}" if journal else ""
