"""The HTML a build writes, made without laying out a PDF, for golden trees and HTML checks.

:func:`sheets_html` calls :func:`medialit.build.planning.plan_lesson`, the build's own first step,
so each page is the HTML ``medialit build --html`` writes beside its PDF. WeasyPrint runs
only where the build needs a layout to write the HTML: the independent key gives each
statement's line on the student sheet, measured on that sheet laid out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from medialit.build.planning import LessonPlan, plan_lesson
from medialit.build.run import BuildOptions
from medialit.sheets.roster import read_roster
from medialit.sheets.variants import Level

EPOCH = "1709251200"
"""``SOURCE_DATE_EPOCH`` for golden output: 1 March 2024, 00:00 UTC."""

_BODY = re.compile(r"<body\b.*</body>", re.DOTALL)
_MARGIN_BOX = re.compile(r"@(?:top|bottom|left|right)-[a-z-]+\s*\{[^}]*?\bcontent:\s*([^;}]+)")


def body(html: str) -> str:
    """The ``<body>`` element of a page, without the head and its inlined stylesheets; first,
    as a comment, what the stylesheets print in the page margins (the level's label, "Page 1
    of 2" in the sheet's language), the only words they add to a page."""
    found = _BODY.search(html)
    assert found, "the page has no <body>"
    margins = [" ".join(value.split()) for value in _MARGIN_BOX.findall(html[: found.start()])]
    comment = f"<!-- page margins: {' | '.join(margins)} -->\n" if margins else ""
    return comment + found.group() + "\n"


def html_name(document_file: str) -> str:
    """``student-guided.html`` for ``student-guided.pdf``: the name ``--html`` writes."""
    return document_file.removesuffix(".pdf") + ".html"


def plan(
    lesson: Path,
    *,
    level: Level = "standard",
    roster: Path | None = None,
    **options: Any,
) -> LessonPlan:
    """The build's plan of ``lesson``: every document's HTML, nothing laid out."""
    build_options = BuildOptions(level=level, roster=roster, **options)
    return plan_lesson(lesson, build_options, read_roster(roster) if roster else None)


def sheets_html(
    lesson: Path, levels: Sequence[Level] = ("standard",), **options: Any
) -> dict[str, str]:
    """The pages ``medialit build LESSON --html --level L`` writes for each of ``levels``,
    by file name (``key-guided.html``)."""
    pages: dict[str, str] = {}
    for level in levels:
        made = plan(lesson, level=level, **options)
        pages.update({html_name(doc.file): doc.html for doc in made.outputs if doc.file})
    return pages


_BLOCKS = frozenset(
    # the elements a sheet lays out as blocks, each on lines of its own
    """address article aside blockquote br caption dd div dl dt figcaption figure footer
    h1 h2 h3 h4 h5 h6 header hr li main nav ol p section table tbody td tfoot th thead tr
    ul""".split()  # noqa: SIM905 (a list of 35 quoted words would be harder to read)
)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skip += tag in ("head", "style", "script")
        self.parts.append(" " if tag in _BLOCKS else "")

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("head", "style", "script")
        self.parts.append(" " if tag in _BLOCKS else "")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def sheet_text(html: str) -> str:
    """The words a page prints, white space folded, a space between blocks (as the text read
    back from its PDF has them); without what the stylesheet adds (page numbers)."""
    parser = _Text()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())
