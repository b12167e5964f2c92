"""The words ``medialit new`` reads an article with: a language's cues file, as data.

The built-in ``medialit/cues/<language>.yaml`` holds cue families (words that suggest a
kind, with the explanation printed in the key) and ``reading:`` lists (verbs of saying,
words that name a source, causal links, judgements…). A teacher's ``cues/<language>.yaml``
in the working folder adds words to any family or list of the same name, and new families.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from medialit.drafting.cuesfile import CueFamilyFile, CuesFile, ReadingLists
from medialit.drafting.sourcing import DATE_NAMES, OPENING, reason_clause, source_phrase
from medialit.drafting.speech import Pieces, Speech, pattern
from medialit.errors import LessonError, MedialitError
from medialit.files import SAVE_AS_UTF8, read_text
from medialit.lesson.loader import LoadedYaml, load_yaml
from medialit.lesson.model import Kind
from medialit.lesson.text import MAX_FILE_BYTES
from medialit.lesson.validation import yaml_problems

CUES_FOLDER = "cues"
_FUTURE = re.compile(
    r"\b(?:will|would|shall|may|might|could|can|to)\s+(?:not\s+)?(?:be\s+)?$", re.I
)
"""A record word after these ("will be ordered", "to be awarded") names an act not yet done."""
_BY = re.compile(r"\s+by\s+(?:the\s+)?[A-Z]")
"""A named agent after a passive ("to be taken by the United States"): someone acts."""
_PASSIVE = re.compile(r"\b(?:was|were|is|are|be|been|being)\s+(?:\w+ly\s+)?$", re.I)
_NO_GIVER = re.compile(r"\s+(?:to|by)\b", re.I)
"""'a prize awarded to…', 'was awarded by…': no giver acting in the sentence."""
_NEGATED = re.compile(r"(?:\bnot|\b\w+n't|\bcannot|\bnever)(?:\s+\S+){0,3}?\s+$", re.I)
"""Before "everyone", "all", up to three words after it ("not always accessible to all",
"don't all"): "Not everyone is convinced" says some are not, of no case all."""
_RELATIVE = re.compile(r",\s*who\b[^,]*$", re.I)
"""An aside about a person ("Greg Turner, who voted against the plan, called it…"): a record
named there is not what the sentence reports (", which is published in…" may well be)."""
_THEN_MODAL = re.compile(r"\s+(?:will|would|could|can|may|might|should|must)\b", re.I)
"""After a source word that opens the sentence: "The trial will cost…" reports no finding."""
_LEADS = re.compile(r"^(?:similarly|further|furthermore|also|in addition|but|and)\W+", re.I)
_TIME_AGENT = re.compile(r"\s*\d")
"""'reported by 8:35 p.m.': a time, not who reported."""
_AS_A_VERB = re.compile(r"\b(?:must|will|would|should|shall|can|could|may|might)\s+$", re.I)
"""A source word after a modal is a verb ("must report"): it names no source. ("To" is left
out: "a mystery to scientists" names them.)"""
_WHEN = re.compile(rf"(?:{DATE_NAMES}|Spring|Summer|Autumn|Fall|Winter)\b")
"""A date's words: "published in September", "in Nature on Monday" name no journal."""
_JOURNAL_ENDS = re.compile(
    r"\s+(?:(?:on|of|for|and|the|&)\s+)*(?:" + _WHEN.pattern + r"|(?:The|A|An)\s)"
)
"""Where a journal's name stops: "Nature on Monday", "Science and The Guardian reported…"."""
BUILT_IN_FAMILIES = frozenset(
    {
        "vague authority",
        "attribution",
        "inference marker",
        "hedging",
        "certainty",
        "checkable record",
        "loaded words",
        "unsourced number",
    }
)


@dataclass(frozen=True)
class CueFamily:
    """A family of cues, ready to match."""

    name: str
    kind: Kind
    also_accept: tuple[Kind, ...]
    technique: str
    why: str
    pattern: re.Pattern[str] | None
    numbers: bool
    custom: bool = False
    """A family a teacher added: read after the built-in reading."""

    def find(self, sentence: str) -> str | None:
        """The first cue of this family in ``sentence``, as written there."""
        if self.pattern is not None and (found := self.pattern.search(sentence)):
            return found.group(0)
        return None


class ReadingWords:
    """The ``reading:`` lists, compiled: each method returns the words found, or ``None``."""

    def __init__(self, lists: ReadingLists) -> None:
        self._lists = lists
        self._patterns = {
            name: pattern(list(getattr(lists, name))) for name in ReadingLists.model_fields
        }
        self._ends = frozenset(w.lower() for w in [*lists.phrase_ends, *lists.speech_verbs])
        self._institution = _institution_pattern(lists.institutions)
        self._speech = Speech(lists, self._names_someone, self.modal_verbs)

    def speech(self, text: str) -> tuple[Pieces, str] | None:
        """The saying and the claim said, as (start, end, role) spans, and who says it."""
        return self._speech.split(text)

    def _find(self, name: str, text: str) -> str | None:
        """The first cue of the list that is not part of a name or of "a few"."""
        return next((word for word, _ in self.find_all(name, text)), None)

    def find_all(self, name: str, text: str) -> list[tuple[str, int]]:
        """Every cue of the list ``name`` in ``text``, with where it ends."""
        pattern = self._patterns[name]
        found = []
        for match in pattern.finditer(text) if pattern else ():
            word = match.group(0)
            if match.start() > 0 and word[0].isupper() and name != "source_words":
                continue  # "the Great American Fraud" names something; it does not judge
            if word.lower() == "few" and re.search(r"\ba\s+$", text[: match.start()], re.I):
                continue  # "a few doses" counts; "few states" generalises
            found.append((word, match.end()))
        return found

    def correlation(self, text: str) -> str | None:
        return self._find("correlation", text)

    def causal(self, text: str) -> str | None:
        found = (
            word
            for word, end in self.find_all("causal", text)
            # "Not everyone is convinced": a state of mind, where "convinced them" (or "were
            # convinced by the advertisements") persuaded
            if not (
                word.lower() == "convinced"
                and _PASSIVE.search(text[: end - len(word)])
                and not re.match(r"\s+by\b", text[end:])
            )
        )
        return next(found, None) or reason_clause(text, self)

    def prediction(self, text: str) -> str | None:
        return self._find("prediction", text)

    def generalisation(self, text: str) -> str | None:
        found = self.find_all("generalisation", text)
        return next((w for w, end in found if not _NEGATED.search(text[: end - len(w)])), None)

    def amount(self, text: str) -> str | None:
        """An amount given without a count: "most", "many", and a negated universal ("not
        all agencies report", "Not everyone is convinced": some do not, how many?)."""
        if cue := self._find("amounts", text):
            return cue
        for word, end in self.find_all("generalisation", text):
            if negated := _NEGATED.search(text[: end - len(word)]):
                return text[negated.start() : end]
        return None

    def first(self, name: str, text: str) -> str | None:
        """The first cue of the list ``name`` ("amounts", "method_words") in ``text``."""
        return self._find(name, text)

    def without_idioms(self, text: str) -> str:
        """``text`` with its idioms ("thus far": not "therefore") blanked, the same length."""
        idioms = self._patterns["idioms"]
        return idioms.sub(lambda m: " " * len(m.group(0)), text) if idioms else text

    def judgement(self, text: str) -> str | None:
        return self._find("judgement", text)

    def comparison(self, text: str) -> str | None:
        return self._find("comparison", text)

    def superlative(self, text: str) -> str | None:
        """A ranking above every other case, with its scope ("the most powerful quake … since
        1989"), or an extreme ("felt as far away as Sacramento")."""
        if cue := self._find("extremes", text):
            return cue
        cue = self._find("superlatives", text)
        return cue if cue and self._find("superlative_scopes", text) else None

    def definition(self, text: str) -> str | None:
        """A definition or a direction for use; one with its agent ("any action likely to be
        taken by the United States") tells who acts, which is a claim."""
        found = self.find_all("definition", text)
        return next((word for word, end in found if not _BY.match(text[end:])), None)

    def record(self, text: str) -> str | None:
        """A record anyone can look up; not one still to be made ("will be ordered if…")."""
        found = [
            word
            for word, end in self.find_all("record_words", text)
            if not _FUTURE.search(text[: end - len(word)])
            and not _RELATIVE.search(text[: end - len(word)])
        ]
        found += [
            word
            for word, end in self.find_all("active_records", text)
            if end > len(word)
            and not _PASSIVE.search(text[: end - len(word)])
            and not _RELATIVE.search(text[: end - len(word)])
            and not _NO_GIVER.match(text[end:])
            and not re.search(r"\bfor\s+$", text[: end - len(word)])  # "took for granted"
        ]
        return found[0] if found else None

    def request(self, text: str) -> str | None:
        """A request to the readers in the passive ("are requested to meet"): no claim."""
        return self._find("requests", text)

    def rhetorical(self, text: str) -> str | None:
        """A question that expects one answer ("what's the point of…?"): an argument."""
        return self._find("rhetorical", text) if text.rstrip("\"”' ").endswith("?") else None

    def stance(self, text: str) -> str | None:
        """The writer's own belief or hope ("We trust that…", "I think"): an opinion."""
        return self._find("stance", text)

    def plan(self, text: str) -> str | None:
        """An announced plan ("EPA will launch…", "will be here Friday"), not a forecast."""
        return self._find("plans", text)

    def own_account(self, claim: str) -> str | None:
        """A claim said about the speaker's own state or doings ("she was humbled…")."""
        pattern = self._patterns["own_account"]
        found = pattern.match(claim.lstrip(OPENING)) if pattern else None
        return found.group(0) if found else None

    def skips(self, paragraph: str) -> bool:
        head = paragraph.lstrip('"“ ').lower()
        return any(head.startswith(start.lower()) for start in self._lists.skip_starts)

    def opens_with(self, name: str, text: str) -> str | None:
        """The cue of the list the sentence opens with: an instruction ("Keep copies…",
        ``instruction_starts``), a word that stands for the sentence before ("This is…")."""
        pattern = self._patterns[name]
        found = pattern.match(text.lstrip(OPENING)) if pattern else None
        return found.group(0) if found else None

    def _names_someone(self, speaker: str) -> bool:
        """A name ("Dr. Smith"), an acronym ("CDC") or a source word ("the survey")."""
        named = re.search(r"[A-Z][a-zà-ÿ]|[A-Z]{3}", speaker)
        return bool(named or self.find_all("source_words", speaker))

    @property
    def modal_verbs(self) -> frozenset[str]:
        """Modal verbs: a forecast, a condition, an ability or a rule, so less sure a guess."""
        return frozenset(v.lower() for v in self._lists.modal_verbs)

    def addresses_reader(self, text: str) -> str | None:
        """A word for the reader ("your"): a rule about the reader's case, not a forecast."""
        return self._find("reader_words", text)

    def finding_start(self, text: str) -> str | None:
        """The source a sentence opens with ("The study found…"), if it does."""
        pattern = self._patterns["finding_starts"]
        opening = _LEADS.sub("", text)
        found = pattern.match(opening) if pattern else None
        if found and _THEN_MODAL.match(opening[found.end() :]):
            return None
        return found.group(0) if found else None

    def source_in(self, text: str) -> str | None:
        """Where the sentence says its information comes from, with the words that name it."""
        pattern = self._patterns["source_words"]
        according = {a.lower() for a in self._lists.according}
        found = []
        for match in pattern.finditer(text) if pattern else ():
            said = re.split(r"[,.;:]", text[match.end() :])[0]
            if _AS_A_VERB.search(text[: match.start()]):
                continue  # "the papers must report his every habit": no report named
            if match.group(0).lower().endswith(" by") and _TIME_AGENT.match(said):
                continue  # "had been reported by 8:35 p.m.": no one reported it here
            if match.group(0).lower() in according and not self._names_someone(said):
                continue  # "selon le modèle hybride": a manner, not a source
            found.append((match, re.search(r"[A-Z][a-z]|[A-Z]{3}", said[:60]) is not None))
        # The first that names someone ("a study … by scientists at NASA") before any other.
        best = next((m for m, named in found if named), found[0][0] if found else None)
        if best:
            return source_phrase(text, best.start(), best.end(), self._ends)
        institution = self._institution.search(text) if self._institution else None
        return re.sub(r"^The\s+", "", institution.group(0)) if institution else None

    def journal_in(self, article: str) -> str | None:
        """The journal a study was published in, as the article names it."""
        found = re.search(
            r"\b(?:in the journal|published in|appeared[^.]{0,40}?\bin)\s+"
            r"(?:the\s+[A-Z]\w+\s+(?:\d{4}\s+)?issue\s+of\s+)?"  # "the September issue of"
            r"(?P<name>(?:the\s+)?[A-Z][\w&-]*(?:\s+(?:(?:of|on|for|and|the|&)\s+)*[A-Z][\w&-]*){0,5})",
            article,
        )
        if not found or _WHEN.match(found.group("name").removeprefix("the ")):
            return None  # "published in September": a date, not a journal
        name = found.group("name")  # "the Journal of Climate", "Nature"
        return name[: end.start()] if (end := _JOURNAL_ENDS.search(name)) else name


def _institution_pattern(words: list[str]) -> re.Pattern[str] | None:
    """A body named with a capital that keeps records ("the National Institute on Drug Abuse",
    "the Office of Disability Employment Policy"): capitalised words before the institution
    word, or "of", "on" or "for" and capitalised words after it. Case counts: "the agency's
    workforce" names no one."""
    if not words:
        return None
    word = "|".join(re.escape(w) for w in words)
    named = r"[A-Z][\w'&.-]*"
    # At most eight words either side: a name is no longer, and an unbounded run of capitals
    # (a hostile page's) would be read in a time that grows with its square.
    after = rf"(?:\s+(?:of|on|for)(?:\s+the)?(?:\s+(?:and\s+)?{named}){{1,8}})"
    return re.compile(rf"(?:{named}\s+){{1,8}}(?:{word})\b{after}?|(?<![\w-])(?:{word}){after}")


def load_cues(
    language: str, working_folder: Path | None = None
) -> tuple[list[CueFamily], ReadingWords] | None:
    """The built-in cues of ``language`` plus the teacher's; ``None`` when there are none."""
    base = language.split("-")[0].lower()
    files: list[tuple[str, str]] = []
    built_in = resources.files("medialit").joinpath(CUES_FOLDER, f"{base}.yaml")
    if built_in.is_file():
        files.append((f"medialit/{CUES_FOLDER}/{base}.yaml", built_in.read_text("utf-8")))
    if working_folder is not None:
        own = working_folder / CUES_FOLDER / f"{base}.yaml"
        if own.is_file():
            files.append((str(own), _read_own(own)))
    if not files:
        return None
    return _compiled(tuple(files))


def _read_own(file: Path) -> str:
    return read_text(
        file,
        MedialitError,
        unreadable="this cues file cannot be read ({reason}); check its permissions.",
        not_utf8="this cues file is not UTF-8 text (byte {byte} cannot be read); "
        f"{SAVE_AS_UTF8}.",
        max_bytes=MAX_FILE_BYTES,
        too_large=f"this cues file is larger than {MAX_FILE_BYTES:,} bytes; keep only cue words "
        "in it.",
    )


@cache
def _compiled(files: tuple[tuple[str, str], ...]) -> tuple[list[CueFamily], ReadingWords]:
    merged: dict[str, CueFamilyFile] = {}
    lists = ReadingLists()
    for name, text in files:
        cues, loaded = _parse(name, text)
        for field in ReadingLists.model_fields:
            setattr(lists, field, getattr(lists, field) + getattr(cues.reading, field))
        for number, family in enumerate(cues.families):
            if family.name in merged:
                old = merged[family.name]
                merged[family.name] = old.model_copy(
                    update={
                        "cues": old.cues + family.cues,
                        "numbers": old.numbers or family.numbers,
                    }
                )
            elif family.kind is None or family.why is None:
                raise MedialitError(
                    loaded.problem(
                        ("families", number),
                        f'the new cue family "{family.name}" needs a kind and a why.',
                    )
                )
            else:
                merged[family.name] = family
    families = [
        CueFamily(
            name=f.name,
            kind=f.kind or Kind.assertion,
            also_accept=tuple(f.also_accept),
            technique=f.technique or f.name,
            why=" ".join((f.why or "").split()),
            pattern=pattern(f.cues),
            numbers=f.numbers,
            custom=f.name not in BUILT_IN_FAMILIES,
        )
        for f in merged.values()
    ]
    return families, ReadingWords(lists)


def _parse(name: str, text: str) -> tuple[CuesFile, LoadedYaml]:
    """The cues file, or every problem in it at its line, worded as for a lesson."""
    try:
        loaded = load_yaml(Path(name), text)
    except LessonError as exc:  # the loader's words fit any YAML file: syntax, tags, size
        raise MedialitError(exc.problems) from None
    try:
        # An empty file has no families: the model says so.
        return CuesFile.model_validate(loaded.data or {}), loaded
    except ValidationError as exc:
        raise MedialitError(yaml_problems(loaded, exc, CuesFile)) from None
