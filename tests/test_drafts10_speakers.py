"""The speaker a why names, without the words around the name: held-out-10's Arbor Day piece
drafted "Quoted from As the poet Whittier has so well: …", and "the family" lost its noun."""

from __future__ import annotations

from medialit.drafting.speech import tidy_speaker
from medialit.drafting.suggest import load_cues, suggest


def test_a_lead_word_and_adverbs_before_the_verb_are_not_the_speaker() -> None:
    assert tidy_speaker("As the poet Whittier has so well") == "the poet Whittier"
    assert tidy_speaker("As Whittier") == "Whittier"
    assert tidy_speaker("Koizumi Junichiro has publicly") == "Koizumi Junichiro"


def test_a_noun_ending_in_ly_stays_the_speaker() -> None:
    assert tidy_speaker("the family") == "the family"


def test_the_why_and_check_name_the_poet() -> None:
    article = (
        "Arbor Day\n\n"
        "In preparing our manual we have kept one purpose in mind. As the poet Whittier has so "
        'well said, "The wealth, beauty, fertility, and healthfulness of the country largely '
        'depend upon the conservation of our forests and the planting of trees."'
    )
    cues = load_cues("en")
    assert cues is not None
    drafts = suggest(article, cues)
    named = [d for d in drafts if "Whittier" in d.why]
    assert named, [d.why for d in drafts]
    for draft in named:
        assert "As the poet" not in draft.why + draft.check
        assert "so well" not in draft.why + draft.check
        assert "the poet Whittier" in draft.why
