"""Words the sheets print, checked in the HTML the build makes (no PDF laid out).

Each test here replaces a check that built PDFs only to find in their text words that the
HTML already holds; the PDFs' own properties (pages, fonts, tags, metadata, what students
must never see) are still checked on real PDFs elsewhere.
"""

from __future__ import annotations

import re

from .conftest import DATA
from .golden_support import plan

ROSTER = DATA / "roster-world.csv"


def test_the_cover_numbers_its_pages() -> None:
    """Its page counter is CSS in the cover's own HTML template, where autoescape once turned
    the quotes into ``&#34;``: WeasyPrint dropped the rule and the cover had no numbers."""
    made = plan(DATA / "sample.yaml", roster=ROSTER)
    cover = next(doc.html for doc in made.outputs if doc.file == "cover.pdf")
    found = re.search(r"@bottom-right \{\s*content: ([^;]*);", cover)
    assert found and found.group(1) == '"Page " counter(page) " of " counter(pages)', found
