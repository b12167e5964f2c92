"""Issue 19, held-out-3 and -4: the writer's stance, advice argued, a body's make-up.

Real sentences (The Hickory Democrat 1912, Wikinews 2004, The Lincoln County News 1915),
drafted by a real ``medialit new`` run:

- "We trust that our people will see the matter in this light" gives the writer's hope: an
  opinion (assertion), not a forecast drawn from evidence;
- "If you want to save the environment, you should protect the people first, because…"
  argues: the advice comes with its reason, a conclusion drawn (inference), not bare advice;
- "The committee is composed of 9 members." describes the committee: no statement, and its
  count is no "figure with no source";
- "[This quotation is from pp. 50, 51 of the Notes of a Hearing…]" cites where the words
  can be read: a record (evidence), not a figure with no source.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_drafts3_titles import drafts

TEXT = (
    "The aviator forfeited a large sum of money by not fulfilling his contract. We trust that "
    "our people will see the matter in this light, and take their disappointment "
    'philosophically.\n\nOn her project, Dr Maathai told the UNESCO Courier in 1999, "If you '
    "want to save the environment, you should protect the people first, because human beings "
    'are part of the environment."\n\nThe Joint Committee from the Legislature visited the '
    "sites offered on Friday. The committee is composed of 9 members.\n\n[This quotation is "
    "from pp. 50, 51 of the Notes of a Hearing before the Committee on Education and Labor, "
    "Senate Mis. Doc. No. 43.]"
)


def test_stance_advice_argued_and_a_make_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = {str(d["quote"]): d for d in drafts(tmp_path, monkeypatch, TEXT)}
    trust = next(d for q, d in found.items() if q.startswith("We trust that"))
    assert trust["kind"] == "assertion" and trust["techniques"] == ["opinion as fact"], trust
    assert "We trust that" in str(trust["why"]) and "opinion" in str(trust["why"]), trust
    argued = next(d for q, d in found.items() if q.startswith("If you want to save"))
    assert argued["kind"] == "inference", argued
    assert not any(q.startswith("The committee is composed") for q in found), list(found)
    cited = next(d for q, d in found.items() if "This quotation is from pp. 50, 51" in q)
    assert cited["kind"] == "evidence" and cited["techniques"] == ["named record"], cited
