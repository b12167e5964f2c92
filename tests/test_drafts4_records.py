"""Issue 19, held-out-5: a record is an act done, by someone named.

Real sentences (a NOAA news release, 2004, US federal work; the Jasper County Democrat, 1918,
public domain; Wikinews, 2004, public domain), drafted by a real ``medialit new`` run:

- "The National Oceanic and Atmospheric Administration awarded $1,849,057 to…" is the
  agency's record of its own grant: evidence (a named record), never "a figure with no
  source" (the hard check of ``benchmarks/hard_checks.py`` found that call);
- "An extension of the ban, however, will be ordered if…" is an order not yet made: no record;
- "the first Peace prize awarded to an environmentalist" names no one who awarded it: no record.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_drafts3_titles import drafts

sys.path.insert(0, str(ROOT / "benchmarks"))
from hard_checks import DraftSeen, violations

GRANT = (
    "The National Oceanic and Atmospheric Administration awarded $1,849,057 to Virginia’s "
    "Center of Innovative Technology to fund a coastal ocean observing system along the "
    "Mid-Atlantic coast. NOAA is an agency of the U.S. Department of Commerce."
)
LATER = (
    "That date was set by the board. An extension of the ban, however, will be ordered if "
    "conditions do not improve by that time.\n\nIt is the first Peace prize awarded to an "
    "environmentalist."
)


def test_a_grant_awarded_by_a_named_agency_is_its_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = {str(d["quote"]): d for d in drafts(tmp_path, monkeypatch, GRANT)}
    grant = next(d for q, d in found.items() if q.startswith("The National Oceanic"))
    assert grant["kind"] == "evidence" and grant["techniques"] == ["named record"], grant
    seen = DraftSeen(str(grant["quote"]), grant["techniques"][0], str(grant["why"]), GRANT, "")
    assert violations(seen) == [], seen


def test_no_record_not_yet_made_or_made_by_no_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = {str(d["quote"]): d for d in drafts(tmp_path, monkeypatch, LATER)}
    extension = next(d for q, d in found.items() if q.startswith("An extension of the ban"))
    assert extension["techniques"] != ["named record"], extension
    assert extension["kind"] == "inference", extension
    prize = [d for q, d in found.items() if q.startswith("It is the first Peace prize")]
    assert all(d["techniques"] != ["named record"] for d in prize), prize
