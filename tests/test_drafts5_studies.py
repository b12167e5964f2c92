"""Issue 19, session 6: a study's findings with their hedges, and earlier work named by no one.

Real sentences (NASA, "Supervolcanoes… cooling", 2024, public domain; USGS, 2014, public
domain), drafted by a real ``medialit new`` run:

- "They found that post-eruption cooling would probably not exceed 2.7 degrees": what the
  researchers found, hedged by themselves ("probably"), is their reading of the results, an
  inference, not a figure they measured;
- "the most likely to develop symptoms" compares groups (the finding itself), no hedge;
- "Previous studies agreed that…", "Estimates have ranged from…": earlier work with no study
  named is a vague authority (who, exactly?).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_drafts3_titles import drafts, starting

COOLING = (
    "Supervolcanoes and cooling\n\n"
    "Previous studies agreed that some planet-wide cooling would occur but diverged on how "
    "much. Estimates have ranged from 3.6 to 14 degrees Fahrenheit (2 to 8 degrees "
    "Celsius).\n\n"
    "In a new study in the Journal of Climate, a team from NASA's Goddard Institute for Space "
    "Studies (GISS) and Columbia University in New York used advanced computer modeling to "
    "simulate super-eruptions like the Toba event. They found that post-eruption cooling would "
    "probably not exceed 2.7 degrees Fahrenheit (1.5 degrees Celsius) for even the most "
    "powerful blasts."
)
COMPARED = (
    "Digital media and attention\n\n"
    "In a two-year study of more than 2,500 high school students in Los Angeles, NIH-funded "
    "researchers found that those who consumed the most digital media were also the most "
    "likely to develop symptoms of attention-deficit/hyperactivity disorder (ADHD)."
)


def test_a_hedged_finding_is_the_researchers_inference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = drafts(tmp_path, monkeypatch, COOLING)
    hedged = starting(found, "They found that post-eruption cooling")
    assert hedged["kind"] == "inference", hedged
    assert "evidence" in hedged["also_accept"], hedged
    assert "‘probably’" in str(hedged["why"]) and "they found" in str(hedged["why"]), hedged


def test_earlier_work_named_by_no_one_is_vague(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = drafts(tmp_path, monkeypatch, COOLING)
    for opening, cue in (
        ("Previous studies agreed", "Previous studies"),
        ("Estimates", "Estimates have ranged"),
    ):
        earlier = starting(found, opening)
        assert earlier["kind"] == "assertion", earlier
        assert earlier["techniques"] == ["vague attribution"], earlier
        assert f"‘{cue}’" in str(earlier["why"]), earlier


def test_most_likely_compares_groups_it_does_not_hedge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = drafts(tmp_path, monkeypatch, COMPARED)
    quotes = [
        d
        for d in found
        if "most likely" in str(d["quote"]) or "researchers found" in str(d["quote"])
    ]
    assert quotes and all(d["techniques"] != ["hedged finding"] for d in quotes), quotes


LEAD = (
    "Supervolcanoes and cooling\n\n"
    "New research suggests that sunlight-blocking particles from an extreme eruption would not "
    "cool surface temperatures on Earth as severely as previously estimated.\n\n"
    "Some 74,000 years ago, the Toba volcano in Indonesia exploded with a force 1,000 times "
    "more powerful than the 1980 eruption of Mount St. Helens. The mystery is what happened "
    "after that – namely, to what degree that extreme explosion might have cooled global "
    "temperatures."
)


def test_a_hedged_lead_is_the_central_claim(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = drafts(tmp_path, monkeypatch, LEAD)
    lead = starting(found, "New research suggests")
    assert lead["kind"] == "inference", lead
    assert "This is the claim the article is built on." in str(lead["why"]), lead
    later = starting(found, "The mystery is what happened")
    assert "built on" not in str(later["why"]), later
