"""Issue 19, held-out-5: a short article's draft nearer its reading's size.

Careful readings of 250-380-word articles hold up to fifteen statements, while every article
under 350 words was drafted with eight. From 200 words a default draft now grows by one
statement for every twenty-two words, at most ten, filled past eight with claims, not with
events told in the passive ("Even outdoor meetings have been suspended in many cities"),
which a teacher reads as the news itself. Checked with real ``medialit new`` runs on two
public-domain corpus articles (The Commoner, 1913; The Outlook, 1918).

Also here: a rank before a name ("retired Navy Vice Adm. Conrad C. Lautenbacher") does not
end the sentence, so the speaker is the whole name (a NOAA release, 2004, public domain).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from medialit.cli.main import main
from medialit.drafting.choosing import default_size

from .conftest import ROOT
from .test_drafts3_titles import drafts

CORPUS = ROOT / "benchmarks" / "corpus"
QUOTED = (
    "“Through collaborations like these, we will improve the technology that monitors our "
    "coastal environment,” said retired Navy Vice Adm. Conrad C. Lautenbacher, Ph.D., under "
    "secretary of commerce for oceans and atmosphere and NOAA administrator."
)


def statements(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> list[str]:
    """The quotes of the lesson's statements (not its commented-out candidates)."""
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "article.txt"
    page.write_text((CORPUS / name / "article.txt").read_text("utf-8"), "utf-8")
    made = CliRunner().invoke(main, ["new", str(page), "--name", "short"])
    assert made.exit_code == 0, made.output
    lesson = YAML(typ="safe").load((tmp_path / "lessons" / "short.yaml").read_text("utf-8"))
    return [str(d["quote"]) for d in lesson["annotations"]]


def test_a_short_argument_gets_more_than_eight(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert (
        default_size(150) == 8 and default_size(259) == 12
    )  # filled past ten only with claims by their form (drafts6)
    quotes = statements(tmp_path, monkeypatch, "commoner-democratic-opportunity-1913")
    # Eleven since session 7: plain claims fill a short article's draft up to eleven, and the
    # printed sentence is cut from "Last week The Commoner printed this sentence".
    assert len(quotes) == 11, quotes


def test_the_fill_is_claims_not_events_in_the_passive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert default_size(316) == 12
    quotes = statements(tmp_path, monkeypatch, "outlook-influenza-1918")
    # Its passages with no sign of their kind past the eighth are events in the passive:
    # left as candidates, so the draft stays at eight.
    assert len(quotes) == 8, quotes
    assert not any(q.startswith(("Even outdoor meetings", "People are being")) for q in quotes)


def test_a_rank_before_a_name_keeps_the_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = drafts(tmp_path, monkeypatch, QUOTED)
    saying = next(d for d in found if str(d["quote"]).startswith("said retired"))
    assert "Conrad C. Lautenbacher" in str(saying["quote"]), saying
    assert not any(str(d["quote"]).startswith("Conrad C.") for d in found), found
