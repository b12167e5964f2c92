"""The ``why`` and the ``check`` that drafting would write for a statement of another kind.

When a teacher changes a draft's kind in the review queue, the reasons written for the old
kind no longer fit. The article is read as ``medialit new`` reads it (:mod:`.analysis`),
the passage's finding is looked up (the speaker, the source, the figure it found), and the
finding is turned into a reason of the new kind:

- evidence: a figure with a source near it is a sourced number; a speaker or a named source
  is what the information is attributed to; otherwise what it reports can be checked;
- assertion: a figure is an unsourced number; otherwise a claim stated as fact, with the
  speaker or the nearest source named as the drafting names them;
- inference: a conclusion drawn from what the article reports.

The reading of an article is kept (a teacher re-kinds several drafts of one article), so
only the first offer takes the reading's time.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from medialit.drafting.analysis import Analysed, analyse
from medialit.drafting.kinds import KINDS
from medialit.drafting.reasons import Finding, check_for, why_for
from medialit.drafting.reasons_intl import WORDINGS
from medialit.drafting.suggest import load_cues, sentences
from medialit.lesson.article import Block
from medialit.lesson.model import Kind

NUMBERS = ("sourced number", "nearby number", "unsourced number")


@dataclass(frozen=True)
class Reasons:
    """What the drafting writes for a statement: its why and how to check it."""

    why: str
    check: str


def reasons_for(
    blocks: tuple[Block, ...],
    place: tuple[int, int, int],
    kind: Kind,
    language: str,
    working_folder: Path | None,
) -> Reasons | None:
    """The reasons for the statement at ``place`` (block, start, end) as a ``kind``; ``None``
    in a language with no cues (nothing rather than English in another language)."""
    own_words = language.split("-")[0].lower() in ("en", *WORDINGS)
    reading = _reading(blocks, language, working_folder) if own_words else None
    if reading is None:
        return None
    block, start, end = place
    text = blocks[block].text[start:end]
    found = _passage(reading, block, start, end)
    finding = found.finding if found is not None and found.finding else Finding("plain", "", None)
    role = found.part.role if found is not None else "sentence"
    new = refound(finding, kind)
    central = bool(found and found.central and new.reason == finding.reason)
    return Reasons(why_for(new, text, role, central, language), check_for(new, text, language))


def refound(finding: Finding, kind: Kind) -> Finding:
    """``finding`` as a reason of ``kind``: itself when its reason is of that kind already."""
    if finding.reason == "custom" and finding.family is not None:
        if finding.family.kind is kind:
            return finding
        finding = replace(finding, reason="plain", family=None)
    elif KINDS[finding.reason][0] is kind:
        return finding
    number = finding.reason in NUMBERS
    if kind is Kind.evidence:
        if number and finding.source:
            where = finding.where or "in this paragraph"
            return replace(finding, reason="sourced number", where=where)
        if named := finding.speaker or finding.source:
            return Finding("attributed", named, None)
        return Finding("observed", finding.cue, None)
    if kind is Kind.assertion:
        if number:
            return replace(finding, reason="unsourced number")
        if finding.reason in ("prediction", "hedged finding") and finding.cue:
            # "Apparently, sales went up…": hedged, not "stated as fact" (a newcomer's run)
            return Finding("hedged claim", finding.cue, finding.speaker)
        # The nearest source is named only where the reading said where it stands.
        source = finding.source if finding.where else None
        return Finding("plain", "", finding.speaker, source=source, where=finding.where)
    return Finding("concluded", finding.cue, finding.speaker)


def _passage(reading: list[Analysed], block: int, start: int, end: int) -> Analysed | None:
    """The passage the reading found that overlaps the statement most."""
    best, most = None, 0
    for analysed in reading:
        part = analysed.part
        if part.block != block:
            continue
        overlap = min(end, part.end) - max(start, part.start)
        if overlap > most:
            best, most = analysed, overlap
    return best


@lru_cache(maxsize=4)
def _reading(
    blocks: tuple[Block, ...], language: str, working_folder: Path | None
) -> list[Analysed] | None:
    cues = load_cues(language, working_folder)
    if cues is None:
        return None
    families, words = cues
    return analyse(list(blocks), lambda text: sentences(text, language), families, words, language)


# ---- the preview's offers (``medialit.preview.offers``), made in its reader's worker: this
# module imports nothing of the server, so the worker starts sooner -----------------------


def read_ahead(blocks: tuple[Block, ...], language: str, lesson: Path) -> None:
    """Read the article (in the reader's worker): the offers after it are answered at once."""
    if blocks:
        reasons_for(blocks, (0, 0, 0), Kind.evidence, language, working_folder(lesson))


def offer_for(view: dict[str, Any], index: int, kind: Kind, lesson: Path) -> dict[str, Any]:
    """The reasons for statement ``index`` of the lesson ``view`` shows, as a ``kind``."""
    answer: dict[str, Any] = {
        "version": view.get("version", ""),
        "index": index,
        "kind": kind.value,
        "why": "",
        "check": "",
    }
    blocks = tuple(Block(b["kind"], b["text"], b["number"]) for b in view.get("blocks", []))
    place = next(
        (
            (number, mark["start"], mark["end"])
            for number, block in enumerate(view.get("blocks", []))
            for mark in block["marks"]
            if mark["index"] == index
        ),
        None,
    )
    if place is None:
        return answer
    found = reasons_for(blocks, place, kind, view.get("language", "en"), working_folder(lesson))
    if found is not None:
        answer |= {"why": found.why, "check": found.check}
    return answer


def working_folder(lesson: Path) -> Path:
    """The folder whose ``cues/`` a teacher's own cue words are in: the one above ``lessons/``."""
    from medialit.drafting.new import LESSONS

    folder = lesson.resolve().parent
    return folder.parent if folder.name == LESSONS else folder
