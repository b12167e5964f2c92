"""The built-in marking guide for the "how do you know? what would you check?" answers.

A lesson's ``marking:`` replaces it; the key prints whichever applies.
"""

from __future__ import annotations

from .model import MarkingBand

DEFAULT_MARKING: tuple[MarkingBand, ...] = (
    MarkingBand(
        band="Beginning",
        description="Names a kind, or repeats the statement, without a reason drawn from its "
        "words.",
        sample="It is an assertion because it is not true.",
    ),
    MarkingBand(
        band="Developing",
        description="Gives a reason from the statement's words (a source named or missing, "
        "a signal word such as “therefore”), but no way to check it.",
        sample="It is an inference because it says “therefore”: it follows from the sentence "
        "before.",
    ),
    MarkingBand(
        band="Secure",
        description="Gives a reason from the words and a concrete check: which source, search "
        "or map would settle it, and what would count.",
        sample="Evidence: it names the defence ministry and a date. I would search a news agency "
        "for the ministry’s statement and compare the place and cause of death.",
    ),
)
