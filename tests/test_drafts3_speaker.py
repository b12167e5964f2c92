"""Issue 19, held-out-3: a reason names the speaker, not the clause before the speaker.

A real sentence of a NASA release (public domain). The first run's reasons read "Quoted from
Given the ongoing uncertainties, Millán: …" and "It says who the words come from (Given the
ongoing uncertainties, Millán)": a reason that shows nothing was understood.
"""

from __future__ import annotations

from medialit.drafting.suggest import load_cues, suggest

SENTENCE = (
    "Given the ongoing uncertainties, Millán added, “To me, this is another example of why "
    "geoengineering via stratospheric aerosol injection is a long, long way from being a viable "
    "option.”"
)
NAMED = (
    "On her Green Belt Movement project, Dr Maathai told the UNESCO Courier in 1999, “If you "
    "want to save the environment, you should protect the people first.”"
)


def whys(text: str) -> list[str]:
    cues = load_cues("en")
    assert cues is not None
    return [s.why for s in suggest(text, cues, "en", statements=5)]


def test_the_lead_in_is_not_the_speaker() -> None:
    found = whys(SENTENCE)
    assert any("Quoted from Millán:" in why for why in found)
    assert not any("Given the ongoing" in why for why in found)


def test_a_lead_in_before_a_full_name_leaves_the_name() -> None:
    found = whys(NAMED)
    assert any("(Dr Maathai)" in why for why in found)
