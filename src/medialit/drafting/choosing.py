"""Choose a lesson's worth of drafts: about twelve, balanced across kinds, a core of six to nine.

Every passage the reading found is a candidate; the surest, balanced so that no kind takes
more than half while the reading found passages of another kind (less sure ones, if need
be), become the lesson's statements, least sure first (the ones a teacher should read
first). The best of them, with each kind the lesson has and as balanced, are suggested as a
``core`` selection for a short lesson; the rest are kept as candidates a teacher can promote.
A key where one kind has over half the statements lets a student who ticks it everywhere
score over half, and ``check`` warns of it once the drafts are confirmed. (The
reading's confidence chooses; the list is ordered by :mod:`.howsure`'s measured one.)
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from medialit.drafting.analysis import Analysed
from medialit.drafting.howsure import how_sure
from medialit.drafting.reasons import TOPIC_WORDS, here, topic
from medialit.lesson.model import Kind
from medialit.lesson.statement_ids import new_id

DEFAULT_STATEMENTS = 12
MIN_SURE = 0.5
"""Below this a passage is chosen only when the surer ones are too few for the lesson."""
MIN_STATEMENTS = 8
"""A worksheet with fewer statements is thin: the least sure fill it up to this many."""
FULL_LENGTH = 350
"""An article of this many words or more has a full lesson's worth of claims: a default draft
is filled up to the default size, not only to a worksheet's minimum (a 700-word story drafted
with eight statements missed a third of what a teacher would ask about)."""
SHORT_GROWS = 200
"""From this many words a short article's draft grows past eight: careful readings of 230-380
words hold eight to sixteen statements, often one for every twenty words or so."""
WORDS_PER_SHORT_STATEMENT = 20
SHORT_MAX = 12
PLAIN_SHORT_MAX = 11
"""A short article's draft is filled with plain sentences up to eleven: careful readings of
200-350 words hold ten to sixteen statements, many of them plain claims (on the corpus, eleven
rather than ten covered seven more of its 510 statements, with fifteen more drafts, nine of
them right: coverage was the figure short of the target on unseen articles)."""
FILL_SURE = 0.48
"""Past eleven, a short article's draft is filled only with passages this sure or surer (a
general claim by its form), not with plain sentences (0.35) or a bare modal's forecast (0.45:
"It will also support community projects" in a press release is a plan, not a claim)."""
_EVENT = re.compile(  # an event told in the passive with no one named: the news itself
    r"\b(?:ha[sd]|have) been \w+ed\b(?! by)|\b(?:is|are|was|were) being \w+ed\b(?! by)"
)
LONG_ARTICLE = 600
"""Past this many words a default draft grows with the article: a careful reading of an
800-word story holds some sixteen statements, one for about every fifty words."""
WORDS_PER_STATEMENT = 50
MAX_DEFAULT = 16
CORE_MIN, CORE_MAX = 6, 9
MAX_CANDIDATES = 30
PLAIN_SHORT = 8
"""A plain passage this short is a line, a label or a headline more often than a claim: on the
corpus, careful readings met plain sentences of ten words or fewer a quarter of the time, and
those of more than twenty-five words four times in five."""
KIND_SHARE = 0.5
"""No kind takes more than this share of the statements while others are waiting."""


@dataclass(frozen=True)
class Chosen:
    """A passage chosen as a statement or kept as a candidate."""

    analysed: Analysed
    why: str
    id: str
    core: bool = False
    candidate: bool = False

    @property
    def sure(self) -> float:
        """How sure, as shown and as the statements are ordered: measured (:mod:`.howsure`)."""
        return how_sure(self.analysed.technique)


def value(analysed: Analysed) -> float:
    """Teaching value: how sure, with the article's central move and split speech first."""
    bonus = 0.25 if analysed.central else 0.0
    if analysed.part.role != "sentence":
        bonus += 0.05
    if analysed.finding is not None and analysed.finding.reason == "plain":
        bonus += _plain_value(analysed.part.text)
    return analysed.sure + bonus


def _plain_value(text: str) -> float:
    """Among passages with no sign of their kind, the longer ones come first (a claim with
    something in it to sort), the short ones and the questions last."""
    words = len(text.split())
    if text.rstrip().endswith("?"):
        return -0.1
    return 0.002 * min(words, 40) - (0.05 if words <= PLAIN_SHORT else 0.0)


def choose(
    found: list[Analysed],
    statements: int | None = None,
    language: str = "en",
    article_words: int = 0,
) -> list[Chosen]:
    """The statements (least sure first), then the candidates (in reading order).

    ``statements``: how many a teacher asked for; by default about twelve, fewer when the
    article has few passages that show their kind. ``article_words``: the article's length;
    a long article's default draft is filled to the default size.
    """
    # A formula repeated word for word ("This is not true.") is one passage to teach from.
    first = {a.part.text: a for a in reversed(found)}
    found = [a for a in found if first[a.part.text] is a]
    order = {id(a): i for i, a in enumerate(found)}
    ranked = sorted(found, key=lambda a: (-value(a), order[id(a)]))
    eligible = [a for a in ranked if a.sure >= MIN_SURE]
    weak = [a for a in ranked if a.sure < MIN_SURE]
    size = default_size(article_words)
    wanted = min(statements or max(size, DEFAULT_STATEMENTS), len(found))
    # Passages with no sign of their kind fill a default draft only up to its article's size,
    # a size the teacher asked for entirely.
    filled = wanted if statements else min(size, wanted)
    # Past a worksheet's minimum, a default draft is filled only with claims, not with
    # events told in the passive ("meetings have been suspended"): the news itself.
    if not statements and filled > MIN_STATEMENTS and len(eligible) < filled:
        spare = max(0, MIN_STATEMENTS - len(eligible))
        weak = weak[:spare] + [a for a in weak[spare:] if not _EVENT.search(a.part.text)]
    # Kept as it was: a negative count keeps all but the last few weak passages, which fill
    # the places a kind past its half of the draft leaves (see _balanced).
    room = min(filled, _plain_size(article_words)) - len(eligible)
    # (With eleven plain places rather than ten, the count is one less than it was once the
    # surer passages fill them: "room - 1" keeps the same passages as before.)
    plain = weak[: room if room > 0 else room - 1]
    eligible += plain
    # A short article's draft grows past eleven only with passages whose form shows a claim.
    sure = [a for a in weak if a not in plain and a.sure >= FILL_SURE]
    eligible += sure[: max(0, filled - len(eligible))]
    # For the balance, the passages left out, but events told in the passive (the news itself).
    others = [a for a in ranked if a not in eligible and not _EVENT.search(a.part.text)]
    picked = _balanced(eligible, min(wanted, len(eligible)), others)
    core = _core(picked)
    rest = sorted((a for a in found if a not in picked), key=lambda a: order[id(a)])
    whys = _distinct([*picked, *rest], language)
    ids = _ids([*picked, *rest])
    chosen = sorted(
        (Chosen(a, whys[id(a)], ids[id(a)], core=a in core) for a in picked),
        key=lambda c: (c.sure, order[id(c.analysed)]),
    )
    return chosen + [
        Chosen(a, whys[id(a)], ids[id(a)], candidate=True) for a in rest[:MAX_CANDIDATES]
    ]


def default_size(article_words: int) -> int:
    """How many statements a default draft is filled to: a worksheet's minimum for a short
    article, one for every twenty words from 200 words (at most twelve; past eleven only with
    passages FILL_SURE sure), the default twelve from a full one, one more for every fifty
    words past 600, at most sixteen."""
    if article_words < SHORT_GROWS:
        return MIN_STATEMENTS
    if article_words < FULL_LENGTH:
        return min(SHORT_MAX, article_words // WORDS_PER_SHORT_STATEMENT)
    extra = max(0, article_words - LONG_ARTICLE) // WORDS_PER_STATEMENT
    return min(MAX_DEFAULT, DEFAULT_STATEMENTS + extra)


def _plain_size(article_words: int) -> int:
    """How far a short article's draft is filled with passages with no sign of their kind."""
    if SHORT_GROWS <= article_words < FULL_LENGTH:
        return min(PLAIN_SHORT_MAX, article_words // WORDS_PER_SHORT_STATEMENT)
    return default_size(article_words)


def _balanced(
    ranked: list[Analysed],
    wanted: int,
    spare: list[Analysed],
    already: Counter[Kind] | None = None,
    cap: int | None = None,
) -> list[Analysed]:
    """``wanted`` of ``ranked``, in order, no kind past ``cap`` (half of them) while another
    kind has one waiting, in ``ranked`` or else in ``spare``; ``already`` counts those chosen
    before."""
    cap = cap if cap is not None else max(2, math.floor(wanted * KIND_SHARE))
    picked: list[Analysed] = []
    counts: Counter[Kind] = Counter(already or {})
    waiting = []
    for analysed, spared in [*((a, False) for a in ranked), *((a, True) for a in spare)]:
        if len(picked) == wanted:
            break
        if counts[analysed.kind] >= cap:
            if not spared:
                waiting.append(analysed)
            continue
        picked.append(analysed)
        counts[analysed.kind] += 1
    return picked + waiting[: wanted - len(picked)]


def _core(picked: list[Analysed]) -> list[Analysed]:
    """The best statement of each kind, then the best of the rest: six to nine of them."""
    if len(picked) < CORE_MIN:
        return []
    size = min(CORE_MAX, max(CORE_MIN, round(len(picked) * 0.7)))
    ranked = sorted(picked, key=value, reverse=True)
    core = [
        next(a for a in ranked if a.kind == kind)
        for kind in Kind
        if any(a.kind == kind for a in ranked)
    ]
    # No kind over half of the core while another kind has statements left to give.
    rest = [a for a in ranked if a not in core]
    return core + _balanced(
        rest, size - len(core), [], already=Counter(a.kind for a in core), cap=size // 2
    )


def _distinct(found: list[Analysed], language: str) -> dict[int, str]:
    """Each draft's why; two that would read the same name their own passage, in as many of
    its first words as tell it apart ("As if any one would expect him to have a crimson…")."""
    counts = Counter(a.why.lower() for a in found)  # "(The USGS)" reads as "(the USGS)"
    whys = {id(a): a.why for a in found}
    for why in (why for why, count in counts.items() if count > 1):
        same = [a for a in found if a.why.lower() == why]
        count = TOPIC_WORDS
        while len({topic(a.part.text, count) for a in same}) < len(same) and count < 40:
            count += 2
        for a in same:
            whys[id(a)] = f"{a.why} {here(topic(a.part.text, count), language)}"
    return whys


def _ids(found: list[Analysed]) -> dict[int, str]:
    """Each passage's id, made as the preview makes one (``council-report-published``)."""
    taken: set[str] = set()
    ids = {}
    for analysed in found:
        name = new_id(analysed.part.text, taken)
        taken.add(name)
        ids[id(analysed)] = name
    return ids
