"""Issue 19, held-out-4: an announced plan is not a forecast; a request to readers no claim.

Real sentences of an EPA press release (31 July 2024) and of The Lincoln County News (1915),
public domain, drafted by a real ``medialit new`` run:

- "EPA will launch a $2.5 million competitive grant opportunity" announces what is intended:
  a claim to check once the date has passed (assertion), not a guess drawn from evidence, and
  its figure is the agency's own, never "a figure with no source";
- "Every citizen … is requested to meet with the committee" asks the readers to do
  something: a notice, left out like an instruction; so is "Help swell the crowd.".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_drafts3_titles import drafts

EPA = (
    "Today, at the United Negro College Fund’s UNITE 2024 Summit, U.S. Environmental Protection "
    "Agency Administrator Michael S. Regan unveiled the latest actions under the Agency’s "
    "engagement plan. Later this year, EPA will launch a $2.5 million competitive grant "
    "opportunity to support HBCUs and partners. EPA will also appoint a permanent HBCU Outreach "
    "and Engagement Liaison within the Administrator’s Office.\n\nThe Joint Committee from the "
    "Legislature will be here Friday or Saturday of this week, to inspect the sites offered. "
    "Every citizen of Lincolnton and the surrounding country is requested to meet with the "
    "committee at the court house. Help swell the crowd."
)


def test_an_announced_plan_is_an_assertion_with_its_own_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = {str(d["quote"]): d for d in drafts(tmp_path, monkeypatch, EPA)}
    for start in ("Later this year, EPA will launch", "EPA will also appoint", "The Joint"):
        plan = next(d for q, d in found.items() if q.startswith(start))
        assert plan["kind"] == "assertion", plan
        assert plan["techniques"] == ["announced plan"], plan
        assert "no source" not in plan["why"] and "plan" in plan["why"], plan


def test_a_request_to_the_readers_is_no_statement(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = drafts(tmp_path, monkeypatch, EPA)
    assert not any("is requested to meet" in str(d["quote"]) for d in found), found
    assert not any("Help swell the crowd" in str(d["quote"]) for d in found), found
