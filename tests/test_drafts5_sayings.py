"""Issue 19, session 6: who is saying it, when the article's verb of saying is less common.

Real sentences (the Billings Gazette, "The Isle of Pines", 1905, public domain), drafted by a
real ``medialit new`` run:

- "he points out", "he adds" are verbs of saying: the saying is evidence that it was said,
  the claim said ("will relinquish any claim…") gets a kind of its own;
- "Plainly also he tells them": the speaker is "he", not the adverbs that lead in;
- "any action likely to be taken by the United States": a passive with its agent says who
  acts, it is no direction for use ("to be taken three times a day"), so the sentence is read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_drafts3_titles import drafts

ROOT = (
    "The Isle of Pines\n\n"
    "The letter of Secretary Root makes plain the fallacy of any hope they may have entertained "
    "in that direction. Plainly also he tells them not to build false hopes as to what the "
    "future may hold in store for them as regards any action likely to be taken by the United "
    "States in reference to changing the status of the island. The treaty now pending before "
    "the senate, if approved, he points out will relinquish any claim this country may pretend "
    "to have to the island."
)


def test_points_out_is_a_verb_of_saying(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = {str(d["quote"]): d for d in drafts(tmp_path, monkeypatch, ROOT)}
    saying = next((d for q, d in found.items() if q.endswith("he points out")), None)
    assert saying is not None and saying["kind"] == "evidence", list(found)
    claim = next(d for q, d in found.items() if q.startswith("will relinquish"))
    assert claim["kind"] == "inference", claim


def test_the_speaker_is_not_the_adverbs_before_him(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = {str(d["quote"]): d for d in drafts(tmp_path, monkeypatch, ROOT)}
    tells = next((d for q, d in found.items() if q.startswith("Plainly also he tells")), None)
    assert tells is not None and tells["kind"] == "evidence", list(found)
    # The speaker named is "he"; a "(Here: ‘Plainly also he tells’.)" that tells two sayings
    # of "he" apart quotes the passage, it names no speaker (drafts6).
    assert "(he)" in str(tells["why"]) and "(Plainly" not in str(tells["why"]), tells
    claim = next(d for q, d in found.items() if q.startswith("them not to build false hopes"))
    # "he" is no name: the why says it is the speaker's word (session 7: not "Quoted from he:").
    assert "Quoted from the speaker (‘he’):" in str(claim["why"]), claim
