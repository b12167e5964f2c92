"""Issue 19, session 7: a speaker named after a long lead-in, or between two parts of a claim.

Real sentences (Wikinews, "High Court of Australia…", 2013, CC BY 2.5, credit "Wikinews";
NIST, 2003, public domain), drafted by a real ``medialit new`` run:

- "After a 20-minute discourse with the lawyer representing the applicant, Justice Kenneth
  Hayne said, "An appeal to this Court would enjoy no prospect of success."": the saying is
  evidence, the judge's words a claim of their own (his forecast), not one "reported claim";
- "While the August blackout… was probably not the result of a deliberate act, Bement said, it
  did highlight the fragility…": "Bement said" is the saying, each side a claim said by him.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_drafts3_titles import drafts

TEXT = (
    "The High Court\n\n"
    "After a 20-minute discourse with the lawyer representing the applicant, Justice Kenneth "
    'Hayne said, "An appeal to this Court would enjoy no prospect of success."\n\n'
    "While the August blackout was probably not the result of a deliberate act, Bement said, "
    "it did highlight the fragility of a critical part of the nation’s infrastructure."
)


def test_the_saying_after_a_long_lead_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = {str(d["quote"]): d for d in drafts(tmp_path, monkeypatch, TEXT)}
    saying = found.get(
        "After a 20-minute discourse with the lawyer representing the applicant, Justice Kenneth "
        "Hayne said"
    )
    assert saying is not None and saying["kind"] == "evidence", list(found)
    assert "(Justice Kenneth Hayne)" in str(saying["why"]), saying
    appeal = found.get("An appeal to this Court would enjoy no prospect of success.")
    assert appeal is not None and appeal["kind"] == "inference", list(found)
    assert "Quoted from Justice Kenneth Hayne" in str(appeal["why"]), appeal
    assert found["Bement said"]["kind"] == "evidence", list(found)
    for start in ("While the August blackout", "it did highlight the fragility"):
        claim = next((d for q, d in found.items() if q.startswith(start)), None)
        assert claim is not None and "Bement said" not in str(claim["quote"]), list(found)
        assert "Quoted from Bement" in str(claim["why"]), claim
