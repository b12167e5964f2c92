"""The built-in marking guide for the "how do you know? what would you check?" answers.

A lesson's ``marking:`` replaces it; the key prints whichever applies. The guide
is written in each language's catalogue (``catalogues/<language>.toml``).
"""

from __future__ import annotations

from medialit.lesson.model import MarkingBand
from medialit.settings.languages import ENGLISH, catalogue, catalogue_name


def builtin_marking(language: str) -> tuple[MarkingBand, ...]:
    """The built-in marking guide in ``language`` (English when it has no catalogue)."""
    bands = catalogue(catalogue_name(language) or ENGLISH)["marking"]
    return tuple(MarkingBand(**band) for band in bands)
