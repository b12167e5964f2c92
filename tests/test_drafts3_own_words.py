"""Issue 19, held-out-3: the writer repeating itself, or a verb of saying with no one saying,
names no source.

Real sentences of an 1889 editorial of the American Sentinel (public domain). The first run
drafted both as evidence, "Attribution (‘stated’)", although "stated" is the editors' own
earlier words or has no subject at all; the first reasons from a cause ("because"), the
second is what the editors assert.
"""

from __future__ import annotations

import pytest

from medialit.drafting.suggest import load_cues, suggest


@pytest.mark.parametrize(
    "sentence",
    [
        "We are surprised that any reader of the American Sentinel (for such we suppose our "
        "correspondent to be) should ask such a question, because our authority has been "
        "repeatedly stated.",
        "On this occasion Mr. Johnson was speaking directly in behalf of the American Sabbath "
        "Union, and, as we have already stated, was introduced to the committee by the field "
        "secretary of that Union.",
    ],
)
def test_the_writers_own_saying_is_no_attribution(sentence: str) -> None:
    cues = load_cues("en")
    assert cues is not None
    (found,) = suggest(sentence, cues, "en")
    assert found.kind.value != "evidence"
    assert found.techniques != ("reported claim",)
