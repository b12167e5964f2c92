"""Reported speech: the saying ("said a Dutch tailor") and the claim said, cut apart.

"X said Y" is evidence that X said it; Y gets a kind of its own. Read with the verbs of a
language's cues file: a quotation and its verb ('…," said X'), "according to X", "X said
(that) Y" (also after a long lead-in, "After a 20-minute discourse…, Justice Hayne said", or
between two parts of the claim, "…, Bement said, it did…"), a document introduced ("Last
week The Commoner printed this sentence:"), and, in English, a source named after the claim
with no quotation marks ("…, researchers at NASA reported in a new paper."). Also the cue
patterns every list is matched with (a cue's ``...`` stands for a few words).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import islice
from typing import Literal, Protocol

from medialit.drafting.sourcing import DENIED, after_lead_in, inside_quotes

SpeechRole = Literal["saying", "claim"]
Pieces = list[tuple[int, int, SpeechRole]]
WILDCARD_WORDS = 6
"""How many words ``...`` in a cue stands for."""
SPEAKER_WORDS = 12
MIN_CLAIM_WORDS = 3
"""What follows a document introduced is a claim of its own from this many words."""
DENIED_NEXT = 3  # verbs tried after a denied saying (20,000 "did not say": 5 minutes for all)
_NO_SPEAKER = frozenset(
    {"to", "you", "be", "been", "being", "is", "was", "are", "were", "please"}
    | {"a", "an", "the", "no", "any", "their", "his", "her", "its", "our", "final", "equal"}
)
"""The word before a verb of saying that leaves no one saying it: "to say", "say" as a noun ("the
shops … will have a say"); DENIED, a saying denied ("they do not say he is wise": no one did)."""


class SpeechLists(Protocol):
    """The ``reading:`` lists speech is read with (:class:`.cuesfile.ReadingLists`)."""

    speech_verbs: list[str]
    speech_joins: list[str]
    trailing_speech_verbs: list[str]
    addressee_verbs: list[str]
    speech_participles: list[str]
    according: list[str]
    introducers: list[str]


class Speech:
    """A language's verbs of saying, compiled."""

    def __init__(
        self,
        lists: SpeechLists,
        names_someone: Callable[[str], bool],
        modal_verbs: frozenset[str],
    ) -> None:
        self._lists = lists
        self._names_someone = names_someone
        self._modal_verbs = modal_verbs
        self._according = pattern(list(lists.according))
        self._introducer = pattern(list(lists.introducers))
        verbs = alternatives(lists.speech_verbs)
        self._quote_then_verb = (
            re.compile(  # '…," said X' and, in Spanish and French, '…», a déclaré X'
                rf"(?:[,.!?][\"”'»]|[\"”'»]\s*[,.]?)\s+(?:(?P<who>[A-Z][^,.\"“”«»]{{0,60}}?)\s+)?"
                rf"(?P<verb>{verbs})(?!\w)",
            )
            if verbs
            else None
        )
        # Case kept: "the United States" names a country, "states" is a verb of saying.
        self._verb = re.compile(rf"(?<!\w)(?:{verbs})(?!\w)") if verbs else None

    def split(self, text: str) -> tuple[Pieces, str] | None:
        """The saying and the claim said, as (start, end, role) spans, and who says it."""
        found = self._split(text)
        return (found[0], tidy_speaker(found[1])) if found else None

    def _split(self, text: str) -> tuple[Pieces, str] | None:
        if self._quote_then_verb and (found := self._quote_then_verb.search(text)):
            opening = max(text.rfind(q, 0, found.start()) for q in '"“«')
            claim_start = opening + 1 if opening >= 0 else 0
            saying_start = found.start("who") if found.group("who") else found.start("verb")
            tail = re.match(r"[^\"“«]*", text[found.end() :])
            saying_end = found.end() + (len(tail.group(0)) if tail else 0)
            speaker = found.group("who") or _words(text[found.end() : saying_end].split(",")[0])
            pieces: Pieces = [(claim_start, found.start() + 1, "claim")]
            if claim_start > 0 and text[:opening].strip() and len(text[:opening].split()) > 3:
                pieces = [(0, found.start() + 1, "claim")]  # "The sickness "comes from…"
            return [*pieces, (saying_start, saying_end, "saying")], speaker
        pattern = self._according
        according = pattern.search(text) if pattern else None
        if according:
            end = text.find(",", according.end())
            end = len(text) if end < 0 else end
            # "According to the United States Geological Survey (USGS) a magnitude 5.6
            # earthquake…": the name ends at its bracketed short form, with no comma after it.
            if named := re.search(r"\)(?=\s+[a-z])", text[according.end() : end]):
                end = according.end() + named.end()
            speaker = _words(text[according.end() : end])
            if not self._names_someone(speaker):
                return None  # "selon le modèle hybride": a manner, not a source
            pieces = [(according.start(), end, "saying")]
            if according.start() > 0:
                pieces.insert(0, (0, according.start(), "claim"))
            if end < len(text):
                pieces.append((end, len(text), "claim"))
            return pieces, speaker
        if trailing := self._trailing(text):
            return trailing
        if participle := self._participle(text):
            return participle
        if introduced := self._introduced(text):
            return introduced
        verbs = list(islice(self._verb.finditer(text), DENIED_NEXT + 1)) if self._verb else []
        if verbs:
            # the first verb of saying, or after a denied one the next ("did not say…, but…")
            tried = verbs if DENIED.search(text[: verbs[0].start()]) else verbs[:1]
            if (verb := next((v for v in tried if self._reports(text, v)), None)) is None:
                return None
            boundary = max(
                (
                    m.end()
                    for m in re.finditer(
                        r",\s+(?:but|and|while)\s+|;\s+|:\s+", text[: verb.start()]
                    )
                ),
                default=0,
            )
            subject = text[boundary : verb.start()].strip()
            # An aside between commas ("Mr. Weaver, in charge of the carnival, …") is not
            # counted: the subject is the name it describes.
            if not subject or len(_without_aside(subject).split()) > SPEAKER_WORDS:
                return self._after_long_lead_in(text, verb)
            if not self._someone_speaks(subject):
                return None  # "A brief look at the map indicates the above mentioned"
            joins = alternatives(self._lists.speech_joins) or "that"
            said_end = verb.end()
            addressee = alternatives(self._lists.addressee_verbs)
            if addressee and re.fullmatch(addressee, verb.group(0), re.I):
                # "told the UNESCO Courier in 1999, "If…": whom it was told belongs to the saying
                heard = re.match(
                    r"\s+([^,\"“”«»]{1,60}?)(?=,\s*[\"“«]|:\s|\s+that\b)", text[verb.end() :]
                )  # "told the Courier in 1999, "…"", "tell them that…"
                said_end += heard.end(1) if heard else 0
            claim = re.match(
                rf"\s*(?:(?:{joins})(?:(?<=['’])|(?!\w)))?[\s,:]*", text[said_end:], re.I
            )
            claim_start = said_end + (claim.end() if claim else 0)
            speaker = _main_speaker(after_lead_in(subject))
            if (
                speaker in subject
                and speaker != subject
                and len(subject.split(",")[0].split()) == 1
            ):
                # "Additionally, USGS predicts": the saying starts at USGS
                boundary = text.rindex(speaker, boundary, verb.start())
            pieces = [(boundary, said_end, "saying"), (claim_start, len(text), "claim")]
            return pieces, speaker
        return None

    def _introduced(self, text: str) -> tuple[Pieces, str] | None:
        """A document or words introduced ("Last week The Commoner printed this sentence:
        "…"", "the attorney general sent the following letter to Congressman Sims, which…:"):
        that it was printed or sent is the evidence; what it says, or what follows, a claim."""
        found = self._introducer.search(text) if self._introducer else None
        if not found or inside_quotes(text, found.start()):
            return None
        stop = re.search(r"[,:]", text[found.end() :])
        end = found.end() + stop.start() if stop else len(text)
        verb_and_before = text[: found.start()].split()
        speaker = _introducing(" ".join(verb_and_before[:-1]))
        if not speaker:
            return None
        pieces: Pieces = [(0, end, "saying")]
        if len(text[end:].split()) >= MIN_CLAIM_WORDS:
            pieces.append((end, len(text), "claim"))
        return pieces, speaker

    def _after_long_lead_in(self, text: str, verb: re.Match[str]) -> tuple[Pieces, str] | None:
        """A speaker named after a long lead-in, between its last comma and the verb: "After a
        20-minute discourse with the lawyer…, Justice Kenneth Hayne said, "An appeal…"" (the
        saying up to the verb, the quotation after it), or said between two parts of the
        claim: "While the August blackout… was probably not…, Bement said, it did highlight…"."""
        comma = text.rfind(", ", 0, verb.start())
        speaker = text[comma + 2 : verb.start()].strip() if comma > 0 else ""
        after = text[verb.end() :]
        if not speaker or len(speaker.split()) > SPEAKER_WORDS // 2:
            return None
        if not re.match(r"[A-Z]", speaker) or not self._someone_speaks(speaker):
            return None
        if quote := re.match(r",?\s*[\"“«]", after):
            claim = verb.end() + quote.end()
            return [(0, verb.end(), "saying"), (claim, len(text), "claim")], speaker
        if not (rest := re.match(r",\s+", after)):
            return None
        return [
            (0, comma, "claim"),
            (comma + 2, verb.end(), "saying"),
            (verb.end() + rest.end(), len(text), "claim"),
        ], speaker

    def _someone_speaks(self, subject: str) -> bool:
        """Whether a verb of saying's subject is someone: a name, a pronoun, a source word
        or a word for people or a body ("officials", "the spokesman", "the company"), read
        in its head, before a preposition ("A brief look at the map of Syria" is a look)."""
        clause = _SUBORDINATE.split(subject)[-1]  # "… when he": "he" says it
        head = _PREPOSITION.split(_without_aside(clause), maxsplit=1)[0]
        words = [w.strip(",;:()\"“”'’") for w in head.split()]
        while words and words[0].lower() in _DETERMINERS:
            words = words[1:]
        return any(
            re.fullmatch(r"[A-Z][\w.’'-]*|[A-Z]{2,}", w)
            or w.lower() in _PRONOUNS
            or re.search(_PEOPLE_ENDINGS, w.lower())
            for w in words
        ) or self._names_someone(head.lower())

    def _reports(self, text: str, verb: re.Match[str]) -> bool:
        """Whether this verb of saying reports someone's words (not quoted, denied, "to say")."""
        return not (inside_quotes(text, verb.start()) or self._not_a_report(text[: verb.start()]))

    def _not_a_report(self, before: str) -> bool:
        """ "You have to say yea or no", "to say": a verb of saying after a modal, "to" or
        "you" reports no one's words; nor does one in the passive ("this can be said with
        truth", "it is said")."""
        last = before.split()[-1:] if before.split() else []
        word = last[0].lower().strip(",;:") if last else ""
        return word in _NO_SPEAKER | self._modal_verbs or bool(DENIED.search(before))

    def _participle(self, text: str) -> tuple[Pieces, str] | None:
        """ "Wu Daiwei met the ambassador and offered an apology, stating that the intrusion
        was due to…": what was done and said, then the claim said after the participle."""
        verbs = alternatives(self._lists.speech_participles)
        found = re.search(rf",\s+(?:{verbs})(?:\s+that)?\s+", text) if verbs else None
        if not found or inside_quotes(text, found.start()):
            return None
        name = re.search(r"(?<!^)(?:[A-Z][\w.’'-]*\s+){1,6}[A-Z][\w’'-]+", text[: found.start()])
        if not name:
            return None
        pieces: Pieces = [(0, found.end(), "saying"), (found.end(), len(text), "claim")]
        return pieces, name.group(0)

    def _trailing(self, text: str) -> tuple[Pieces, str] | None:
        """ "The ice sheet has shed more ice…, researchers at NASA reported in a new paper.":
        the source, named after the claim without quotation marks, and a verb that ends it."""
        if not self._lists.trailing_speech_verbs or any(q in text for q in '"“”«»'):
            return None  # a cues file without the list (Spanish, French) does not read so
        verbs = alternatives([*self._lists.trailing_speech_verbs, *self._lists.speech_verbs])
        if not verbs:
            return None
        found = re.search(
            rf",\s+(?P<who>[^,;]{{2,90}}?)\s+(?:{verbs})(?P<tail>[^,;]{{0,40}})\.?$", text
        )
        if not found or not self._names_someone(found.group("who")):
            return None
        who = found.group("who")
        if len(who.split()) > SPEAKER_WORDS or len(found.group("tail").split()) > 6:
            return None
        if re.match(r"(?:it|he|she|they|we|you|i|this|that)\b", who, re.I):
            return None
        pieces: Pieces = [(0, found.start(), "claim"), (found.start() + 1, len(text), "saying")]
        return pieces, after_lead_in(who)


_SUBORDINATE = re.compile(
    r"\s+(?:when|after|before|while|because|since|although|though|once|until|as|if)\s+(?=\S)"
)
_PREPOSITION = re.compile(r"\s+(?:at|of|on|from|with|about|into|over|under|behind|through)\s+")
_DETERMINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "its",
        "his",
        "her",
        "their",
        "our",
        "my",
        "some",
        "many",
        "most",
        "several",
    ]
)
_PRONOUNS = frozenset(
    ["i", "we", "he", "she", "they", "you", "it", "one", "who", "which", "someone", "everyone"]
)


def is_pronoun(speaker: str) -> bool:
    """ "he", "They": a speaker who is named elsewhere, if anywhere."""
    return speaker.strip().lower() in _PRONOUNS


_PEOPLE_ENDINGS = (
    r"(?:er|or|ist|ian|man|men|woman|women|ent|ant|ee|ive|s|y|ies|ary|ion|ce|ate|ire|"
    r"team|staff|board|police|government|office|group|council|press|people|public)$"
)
"""Word endings of people and bodies ("officials", "spokesman", "agency", "union",
"police"): a subject with none of them, no name and no pronoun says nothing."""


_INVERSION = re.compile(
    r"^(?:(?:not only|nor|neither)\s+(?:does|did|do|has|have|had|is|was)|as)\s+(?=\S)", re.I
)
"""Before the speaker: "Not only does the secretary", "As the poet Whittier (has so well said)"."""
_AUXILIARY = frozenset(
    ["has", "have", "had", "was", "were", "is", "are", "also", "then", "again", "so", "well"]
)
_PRONOUN_END = re.compile(r"(?:^|[\s,])(?P<who>he|she|they|we|i)$", re.I)


def tidy_speaker(speaker: str) -> str:
    """The speaker as a why names it: "Koizumi Junichiro has publicly" is Koizumi Junichiro,
    "As the poet Whittier has so well" the poet Whittier,
    "To make himself still clearer, the secretary" the secretary, "And yet they" they, and
    "a correspondent at Gold Hill, Oregon," has no comma after it."""
    words = _INVERSION.sub("", speaker.strip(" ,;:")).split()  # "Not only does the secretary"
    while len(words) > 1 and (
        words[-1].lower() in _AUXILIARY
        or (re.fullmatch(r"[a-z]+ly", words[-1]) and words[-2].lower() not in _DETERMINERS)
    ):  # "the family" is a speaker, "Smith has publicly" is Smith
        words.pop()
    tidy = " ".join(words).strip(" ,;:")
    if pronoun := _PRONOUN_END.search(tidy):
        return pronoun.group("who")
    _, comma, last = tidy.rpartition(", ")
    if comma and re.match(r"(?:the|this|that|these|those|our|his|her|their)\s", last, re.I):
        return last
    return tidy


def _introducing(subject: str) -> str | None:
    """Who introduces a document: "Last week The Commoner" is The Commoner, "On May 22 the
    attorney general" the attorney general, "In that address Mr. Shepard" Mr. Shepard."""
    article = max(subject.rfind(" the "), subject.rfind(" The "))
    names = list(re.finditer(r"(?:[A-Z][\w.’'-]*\s+)*[A-Z][\w’'-]+", subject))
    if names and names[-1].start() > article:  # "in the course of Mr. Johnson's remarks"
        return re.sub(r"['’]s$", "", names[-1].group(0)) if names[-1].start() > 0 else None
    return subject[article + 1 :] if article >= 0 else None


def _main_speaker(subject: str) -> str:
    """ "Zarif wasn't particularly picky with words when he stated": a pronoun after a
    subordinator is the main clause's named person; any other subject as it is."""
    main, *rest = _SUBORDINATE.split(subject)
    if rest and re.fullmatch(r"(?:he|she|they|we|it)", rest[-1].strip(), re.I):
        name = re.search(r"(?:[A-Z][\w.’'-]*\s+){0,5}[A-Z][\w’'-]+", main)
        if name:
            return name.group(0)
    if rest:
        return rest[-1].strip()
    return subject


def _without_aside(subject: str) -> str:
    """A name's subject without the aside after it ("Mr. Weaver, in charge of the carnival,
    who is up against crowds all the time"); any other subject as it is."""
    name, _, rest = subject.partition(",")
    if rest and re.fullmatch(r"(?:[A-Z][\w.’'-]*\s*){1,4}", name.strip()):
        return name
    return subject


def _words(text: str) -> str:
    return " ".join(text.replace(",", " ").split()[:SPEAKER_WORDS]).strip(" .")


def alternatives(cues: list[str]) -> str:
    gap = rf"(?:\W+\w+){{0,{WILDCARD_WORDS}}}?\W+"
    alternatives = []
    for cue in sorted(set(cues), key=len, reverse=True):
        parts = [_escaped(part) for part in cue.split("...") if part.strip()]
        alternatives.append(gap.join(parts))
    return "|".join(alternatives)


def pattern(cues: list[str]) -> re.Pattern[str] | None:
    if not cues:
        return None
    # A cue that opens with a word starts a word; one that opens with a comma or a dash
    # (", meaning", ", so") may follow one. (Two alternatives keep the common case fast.)
    words = [cue for cue in cues if cue[:1].isalnum()]
    signs = [cue for cue in cues if not cue[:1].isalnum()]
    found = [rf"(?<!\w)(?:{alternatives(words)})"] if words else []
    found += [rf"(?:{alternatives(signs)})"] if signs else []
    return re.compile(rf"(?:{'|'.join(found)})(?!\w|-\w)", re.I)  # not "best-known"


def _escaped(text: str) -> str:
    words = [re.escape(word).replace("'", "['’]") for word in text.split()]
    return r"\s+".join(words)
