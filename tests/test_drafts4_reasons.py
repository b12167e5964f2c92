"""Issue 19, held-out-5: a reason names the source, and a time of day is no figure to source.

Real sentences (a USGS release, 2017, public domain; Wikinews, "5.6 earthquake strikes
California", 2007, CC BY 2.5, credit "Wikinews"), drafted by a real ``medialit new`` run:

- "…more complex than previously reported by the USGS—94 pesticides…" and "According to the
  USGS, …": the figure comes from "the USGS", not from "reported by the" or "according to";
- "struck at 20:04:54 (PDT)" gives a time of day: its "54" is not a figure that comes from
  anyone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_drafts3_titles import drafts

TEXT = (
    "The mixtures of pesticides are more complex than previously reported by the USGS—94 "
    "pesticides and 89 pesticide byproducts were detected. On average, 52 pesticide compounds "
    "were identified in each stream.\n\nAccording to the USGS, damage could be moderate. The "
    "quake was reported at a depth of 9.2 km (5.7 miles).\n\nThe earthquake struck at 20:04:54 "
    "(PDT) on October 30, 2007, with the epicenter in the hills near San Jose."
)


def test_the_reason_names_the_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whys = [str(d["why"]) for d in drafts(tmp_path, monkeypatch, TEXT)]
    sourced = [w for w in whys if "comes from" in w]
    assert any("‘52’ comes from the USGS" in w for w in sourced), sourced
    assert any("‘9.2’ comes from the USGS" in w for w in sourced), sourced
    assert not any("comes from reported" in w or "comes from according" in w for w in sourced)


def test_a_time_of_day_is_no_figure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whys = [str(d["why"]) for d in drafts(tmp_path, monkeypatch, TEXT)]
    assert not any("‘54’" in w or "‘04’" in w or "‘20’" in w for w in whys), whys


QUAKE = (
    "According to the United States Geological Survey (USGS) a magnitude 5.6 earthquake, "
    "lasting about 30 seconds, struck at 20:04:54 (PDT) on October 30, 2007.\n\nAccording to "
    "the USGS, damage could be moderate. The USGS reports that the quake was centered on the "
    "Calaveras Fault."
)


def test_the_source_named_before_its_claim_and_told_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "According to the United States Geological Survey (USGS) a magnitude 5.6 earthquake":
    the source ends at its short form; two sayings of the USGS do not share a reason that
    differs only in a capital letter."""
    found = drafts(tmp_path, monkeypatch, QUAKE)
    quotes = [str(d["quote"]) for d in found]
    assert "According to the United States Geological Survey (USGS)" in quotes, quotes
    whys = [str(d["why"]).lower() for d in found]
    assert len(whys) == len(set(whys)), whys
    assert not any("a magnitude" in w and "found" in w for w in whys), whys


STUDY = (
    "More than 180 pesticides were detected in small streams throughout 11 Midwestern states, "
    "according to a new study by the U.S. Geological Survey. At least one pesticide in at "
    "least half of the 100 streams sampled exceeded a threshold predicted to cause harm."
)


def test_a_source_is_not_cut_in_the_middle_of_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "a new study by the U.S. Geological Survey", not "a new study by the" (the stops of
    "U.S." and the phrase's length cut it)."""
    whys = [str(d["why"]) for d in drafts(tmp_path, monkeypatch, STUDY)]
    sourced = [w for w in whys if "comes from" in w]
    assert sourced and all("by the U.S. Geological Survey" in w for w in sourced), sourced
