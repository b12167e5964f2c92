"""Issue 19, session 6: sources named as "as reported in…", records made by an act.

Real sentences (NASA, "Four Corners methane hotspot", 2014, public domain; the Jasper County
Democrat, 1918, public domain), drafted by a real ``medialit new`` run:

- "…, as reported in a point study of satellite data by scientists at NASA/Jet Propulsion
  Laboratory (JPL)…" names its source as "according to" does: the saying is evidence, the
  claim before it gets a kind of its own;
- "an order … was issued by the state board of health": an official act leaves a record to
  look up (evidence), whatever else the order says.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_drafts3_titles import drafts

METHANE = (
    "Methane hotspot\n\n"
    "One small spot in the U.S. Southwest is surprisingly the producer of the largest "
    "concentration of methane (CH4) gas seen across the nation. Levels of CH4 over the Four "
    "Corners region are more than triple the standard groundbased estimate of the greenhouse "
    "gas, as reported in a point study of satellite data by scientists at NASA/Jet Propulsion "
    "Laboratory (JPL) and the University of Michigan.\n\n"
    "Indianapolis, October 10.—Effective at once, an order prohibiting all public gatherings "
    "in the state until midnight, October 20, was issued by the state board of health at its "
    "regular quarterly session this afternoon."
)


def test_as_reported_in_names_the_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = drafts(tmp_path, monkeypatch, METHANE)
    saying = next((d for d in found if str(d["quote"]).startswith("as reported in")), None)
    assert saying is not None, [d["quote"] for d in found]
    assert saying["kind"] == "evidence", saying
    assert "a point study of satellite data" in str(saying["why"]), saying


def test_an_order_issued_is_a_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = drafts(tmp_path, monkeypatch, METHANE)
    order = next(d for d in found if "was issued by the state board" in str(d["quote"]))
    assert order["kind"] == "evidence", order
    assert "‘was issued’" in str(order["why"]), order


GIVEN = (
    "Quake and ban\n\n"
    "The actual coordinates given by USGS put it along the border of San Jose and Milpitas in "
    "the hills near neighborhoods in both cities.\n\n"
    "The stringent order, which takes the place of the emergency order issued by the office of "
    "the health board Sunday, will apply to every section of Indiana, whether the disease has "
    "made its appearance or not."
)


def test_given_by_and_issued_by_name_the_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = drafts(tmp_path, monkeypatch, GIVEN)
    for opening, cue in (
        ("The actual coordinates", "given by USGS"),
        ("The stringent order", "issued by the office of the health board"),
    ):
        named = next(d for d in found if str(d["quote"]).startswith(opening))
        assert named["kind"] == "evidence", named
        # The cue and whom it names: "(‘issued by the office of the health board Sunday’)".
        assert f"‘{cue}" in str(named["why"]), named
