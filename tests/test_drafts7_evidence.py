"""Issue 19, session 7: evidence by what it tells, not only by who said it.

Real sentences (USGS, "Asian carp eggs…", 2015; the Billings Gazette, 1905; the Vernon Censor,
1910; Wikinews, "Luzon buttonquail…", 2009, CC BY 2.5, credit "Wikinews"; the American
Sentinel, 1889: public domain unless said), drafted by a real ``medialit new`` run:

- "The FluEgg model was used to evaluate egg movement…", "the … model allowed us to examine…":
  how a result was obtained is evidence (a method to check where the work is described);
- "Not only does the secretary tell them that…": "tell" reports a saying; "Please tell me"
  reports none;
- "Reports to the Associated Press indicated that…": reports named as the source of a finding;
- "listed as “data deficient” on the 2008 … Red List": a listing in a named register;
- "we regard that as an evidence of its divine origin": a conclusion drawn.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_drafts3_titles import drafts, starting

TEXT = (
    "Asian carp\n\n"
    "The FluEgg model was used to evaluate egg movement and the likelihood of successful Asian "
    "carp reproduction under different streamflow and temperature conditions.\n\n"
    "Not only does the secretary tell them that there is no procedure by which they can "
    "lawfully set up a territorial form of government in the island.\n\n"
    "Please tell me the truth about the island and its people.\n\n"
    "Reports to the Associated Press indicated that conditions here were the same throughout "
    "the country.\n\n"
    "Scientists had suspected the species—listed as “data deficient” on the 2008 International "
    "Union for Conservation of Nature’s Red List Category—was in decline.\n\n"
    "It is arbitrary, and we regard that as an evidence of its divine origin."
)


def test_evidence_by_what_it_tells(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = drafts(tmp_path, monkeypatch, TEXT)
    method = starting(found, "The FluEgg model was used")
    assert method["kind"] == "evidence" and "‘was used to evaluate’" in str(method["why"]), method
    assert "method" in str(method["check"]), method
    tell = starting(found, "Not only does the secretary tell them")
    assert tell["kind"] == "evidence" and "(the secretary)" in str(tell["why"]), tell
    assert not any(str(d["quote"]) == "Please tell" for d in found), found
    reports = starting(found, "Reports to the Associated Press")
    assert reports["kind"] == "evidence", reports
    listed = starting(found, "Scientists had suspected the species")
    assert listed["kind"] == "evidence" and "‘listed as’" in str(listed["why"]), listed
    regard = starting(found, "It is arbitrary")
    assert regard["kind"] == "inference" and "‘regard that as’" in str(regard["why"]), regard
