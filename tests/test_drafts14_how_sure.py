"""How sure a draft is, as measured for its technique (issue 19, session 14: on held-out-9 to
-12 the reading's own confidence said "sure" of drafts right 51.6 % of the time and "unsure"
of drafts right 58.4 %; a cause drawn was right 27 %, a plain claim 71 %)."""

from __future__ import annotations

from medialit.drafting.howsure import MEASURED, PRIOR, WEIGHT, how_sure
from medialit.drafting.suggest import load_cues, suggest, sureness

ARTICLE = """Town news

The new bus timetable caused the traffic jams that blocked the high street on Monday and Tuesday.

The council's transport officer told the meeting that the timetable was drawn up after a month of \
counting passengers at each stop on the route, and the bus company agreed to try it for three months.
"""


def test_a_cause_drawn_is_less_sure_than_a_plain_claim_and_comes_first() -> None:
    drafts = [d for d in suggest(ARTICLE, load_cues("en"), "en") if not d.candidate]
    cause = next(d for d in drafts if "caused" in d.quote)
    assert cause.techniques == ("cause and effect",)
    assert cause.sure == how_sure("cause and effect") < how_sure("claim without support")
    assert sureness(cause.sure) == "unsure"
    assert drafts[0] is cause  # least sure first
    assert cause.reading_sure > cause.sure  # the cue word's confidence, which chose it


def test_a_technique_measured_little_or_not_at_all_is_drawn_to_the_prior() -> None:
    assert how_sure("a teacher's own family") == PRIOR
    right, drafts = MEASURED["vague attribution"]  # 1 of 1: not "sure"
    assert how_sure("vague attribution") == round((right + WEIGHT * PRIOR) / (drafts + WEIGHT), 2)
    assert sureness(how_sure("vague attribution")) != "sure"
