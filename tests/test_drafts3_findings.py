"""Issue 19, held-out-3: a source that is the subject of a verb of finding makes the sentence
evidence, wherever the subject starts.

Real sentences: the standfirst of a NASA/JPL release on a study in Nature (public domain),
which opens "A new, comprehensive analysis of satellite data finds…" and was drafted as a
claim without support because only "The analysis…" at a sentence's very start was read as a
finding; and, from the corpus, Samuel Hopkins Adams (1906, public domain), where "Study" is a
verb and the reader is the one who finds.
"""

from __future__ import annotations

from medialit.drafting.suggest import Suggestion, load_cues, suggest

from .conftest import ROOT

STANDFIRST = (
    "A new, comprehensive analysis of satellite data finds that majority of glaciers on the "
    "landmass have retreated significantly, and icebergs are falling into the ocean."
)


def drafted(text: str) -> list[Suggestion]:
    cues = load_cues("en")
    assert cues is not None
    return suggest(text, cues, "en", statements=30)


def test_a_source_subject_with_a_verb_of_finding_is_evidence() -> None:
    (found,) = drafted(STANDFIRST)
    assert (found.kind.value, found.techniques) == ("evidence", ("named source",))
    assert "analysis of satellite data" in found.why


def test_the_reader_finding_something_is_no_source() -> None:
    text = (ROOT / "benchmarks/corpus/adams-fundamental-fakes-1906/article.txt").read_text()
    found = next(s for s in drafted(text) if s.quote.startswith("Study the medicine"))
    assert found.techniques != ("named source",)
