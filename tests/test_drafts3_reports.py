"""Issue 19, held-out-3 and -4: reported speech read as a teacher reads it.

Real sentences (NASA JPL 2024, Wikinews 2004, The Hickory Democrat 1912, The American
Sentinel 1889, an NICHD round-up 2015), each drafted by a real ``medialit new`` run:

- a source named after the claim with no quotation marks ("…, researchers at NASA's Jet
  Propulsion Laboratory reported in a new paper.") is a saying, and the claim is cut from it;
- whom something was told belongs to the saying ("told the UNESCO Courier in 1999, …");
- "You have to say yea or no" reports no one's words: "say" after "to", a modal or "you";
- an aside between commas does not hide the speaker ("Mr. Weaver, in charge of the carnival,
  who is up against crowds all the time, said …"), so the next paragraph's plain claims name
  him as the nearest source, never "no source";
- what a speaker says of their own state or doings ("she was humbled by the recognition")
  is theirs to report: evidence, not a claim without support.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_drafts3_titles import drafts

TRAILING = (
    "The Greenland Ice Sheet has shed about one-fifth more ice mass in the past four decades "
    "than previously estimated, researchers at NASA’s Jet Propulsion Laboratory in Southern "
    "California reported in a new paper. The majority of glaciers on the landmass have "
    "retreated significantly.\n\nMost of the ice loss came from below sea level, in fjords on "
    "Greenland’s periphery."
)
TOLD = (
    'On her Green Belt Movement project, Dr Maathai told the UNESCO Courier in 1999, "If you '
    "want to save the environment, you should protect the people first, because human beings "
    'are part of the environment."\n\nIn accepting the prize, Dr Maathai said she was humbled '
    "by the recognition and uplifted by the honor of receiving the award."
)
SAY = (
    "In that address Mr. Shepard spoke of the Sabbath at length. You have to say yea or no "
    "—whether you will stand by the decalogue, whether you will stand by the Lord God.\n\nThe "
    "hall was full, and the speech was printed in the paper the next day."
)
ASIDE = (
    "Mr. Weaver, in charge of the carnival, who is up against crowds all the time, said there "
    "were between 20,000 and 25,000 people in the city Thursday. Friday there were fully half "
    "as many.\n\nA new piece was ordered to be shipped from New York to Hickory at once. "
    "Instead of being sent direct, it was routed around by way of Cincinnati and did not get "
    "here till Friday morning at 10 o'clock, too late to be put in for a flight that day."
)


def test_a_source_named_after_the_claim_is_a_saying(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = {d["quote"]: d for d in drafts(tmp_path, monkeypatch, TRAILING)}
    saying = next(q for q in found if q.startswith("researchers at NASA"))
    assert found[saying]["kind"] == "evidence"
    assert "than previously estimated" in next(q for q in found if q.startswith("The Greenland"))
    assert not any(q.startswith("The Greenland") and "reported" in q for q in found)


def test_whom_it_was_told_belongs_to_the_saying_and_an_own_account_is_evidence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = {d["quote"]: d for d in drafts(tmp_path, monkeypatch, TOLD)}
    assert any(q.endswith("told the UNESCO Courier in 1999") for q in found), list(found)
    assert any(q.startswith("If you want to save the environment") for q in found), list(found)
    humbled = next(d for q, d in found.items() if q.startswith("she was humbled"))
    assert humbled["kind"] == "evidence", humbled
    assert "Dr Maathai" in humbled["why"] and "own" in humbled["why"]


def test_say_after_to_a_modal_or_you_reports_no_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = drafts(tmp_path, monkeypatch, SAY)
    said = [d for d in found if d["techniques"] == ["reported claim"]]
    assert not any(str(d["quote"]).startswith("You have to say") for d in said), said
    assert not any("(You have to)" in str(d["why"]) for d in found), found
    assert not any("Quoted from You" in str(d["why"]) for d in found), found


def test_an_aside_does_not_hide_the_speaker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = {d["quote"]: d for d in drafts(tmp_path, monkeypatch, ASIDE)}
    routed = next(d for q, d in found.items() if q.startswith("Instead of being sent"))
    assert "no source" not in routed["why"], routed
    assert "Mr. Weaver" in routed["why"], routed


PARTICIPLE = (
    "On 17 November, Chinese Vice Foreign Minister Wu Daiwei met with the Japanese ambassador "
    "to China Anami Koreshige in Beijing and offered an apology for the incident, stating that "
    "the submarine was on a training mission and the intrusion was due to a technical error."
    "\n\nJapan's Defence Agency is studying whether this is a feasible explanation."
)


def test_a_participle_of_saying_cuts_the_act_from_the_claim(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = {str(d["quote"]): d for d in drafts(tmp_path, monkeypatch, PARTICIPLE)}
    act = next(d for q, d in found.items() if q.startswith("On 17 November"))
    assert act["kind"] == "evidence" and str(act["quote"]).endswith("stating that"), act
    claim = next(d for q, d in found.items() if q.startswith("the submarine was on"))
    assert claim["kind"] == "inference", claim
    assert "Wu Daiwei" in str(claim["why"]), claim


def test_a_result_the_researchers_reported_is_evidence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = {str(d["quote"]): d for d in drafts(tmp_path, monkeypatch, TRAILING)}
    result = next(d for q, d in found.items() if q.startswith("The Greenland Ice Sheet"))
    assert result["kind"] == "evidence", result
    assert "researchers at NASA" in str(result["why"]), result
