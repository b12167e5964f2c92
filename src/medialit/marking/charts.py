"""The class report's three pictures, drawn as SVG: the same markup in the PDF and the browser.

Three plain charts need no plotting library: bars of the share right per statement, a grid
of which kind the class chose against the key's kind, and bars of the reasons' bands. Every
number is also written as text on the chart, so that no colour has to be told apart, and
every chart has a title and a description for a screen reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from markupsafe import Markup

FONT = "Charis SIL, serif"
ROW = 24
LABEL_WIDTH = 250
BAR_WIDTH = 330
# Fills light enough for dark text on them (contrast over 4.5:1 with #1a1a1a).
RIGHT = "#7fb8a4"
HALF = "#cfe5dc"
BAND_FILLS = ("#f2b8a2", "#f5dc9a", "#9fd0b8", "#e4e4e4")
DIAGONAL = "#9fd0b8"
OFF_DIAGONAL = "#f2b8a2"
INK = "#1a1a1a"


@dataclass(frozen=True)
class StatementBar:
    """One statement's row: its label and its counts."""

    label: str
    right: int
    half: int
    total: int
    bands: tuple[int, int, int, int]
    """Reasons in band 1, 2, 3, and not banded yet."""


def _svg(width: int, height: int, title: str, description: str, body: list[str]) -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-family="{FONT}" font-size="12" fill="{INK}">'
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>"
        + "".join(body)
        + "</svg>"
    )


def _text(x: float, y: float, text: str, anchor: str = "start", weight: str = "normal") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-weight="{weight}">'
        f"{escape(text)}</text>"
    )


def _rect(x: float, y: float, width: float, height: float, fill: str) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" fill="{fill}"/>'
    )


def share_right_chart(rows: list[StatementBar]) -> Markup:
    """A bar per statement: the share of the class that chose the key's kind (and half marks)."""
    height = ROW * len(rows) + 30
    body = [_text(LABEL_WIDTH, 14, "0%"), _text(LABEL_WIDTH + BAR_WIDTH, 14, "100%", "end")]
    for index, row in enumerate(rows):
        y = 22 + index * ROW
        body.append(_text(LABEL_WIDTH - 8, y + 15, row.label, "end"))
        body.append(_rect(LABEL_WIDTH, y + 2, BAR_WIDTH, ROW - 6, "#f4f4f4"))
        right = BAR_WIDTH * row.right / row.total if row.total else 0
        half = BAR_WIDTH * row.half / row.total if row.total else 0
        body.append(_rect(LABEL_WIDTH, y + 2, right, ROW - 6, RIGHT))
        body.append(_rect(LABEL_WIDTH + right, y + 2, half, ROW - 6, HALF))
        share = f"{row.right / row.total:.0%}" if row.total else "–"
        extra = f" (+{row.half} half)" if row.half else ""
        body.append(_text(LABEL_WIDTH + 6, y + 15, f"{share}: {row.right} of {row.total}{extra}"))
    return _svg(
        LABEL_WIDTH + BAR_WIDTH + 10,
        height,
        "Share of the class right, per statement",
        "; ".join(f"{r.label}: {r.right} of {r.total} right" for r in rows),
        body,
    )


def confusion_chart(kinds: list[str], columns: list[str], counts: list[list[int]]) -> Markup:
    """Rows: the key's kind; columns: what the students chose (and no answer)."""
    cell_width, cell_height, left, top = 110, 34, 110, 44
    body = [
        _text(left + cell_width * len(columns) / 2, 12, "What students chose", "middle", "bold")
    ]
    for column, name in enumerate(columns):
        body.append(_text(left + column * cell_width + cell_width / 2, 34, name, "middle"))
    body.append(_text(4, 34, "Key's kind", "start", "bold"))
    for row, kind in enumerate(kinds):
        y = top + row * cell_height
        body.append(_text(left - 8, y + 21, kind, "end"))
        row_total = sum(counts[row]) or 1
        for column, count in enumerate(counts[row]):
            x = left + column * cell_width
            fill = DIAGONAL if columns[column] == kind else OFF_DIAGONAL
            body.append(_rect(x + 1, y + 1, cell_width - 2, cell_height - 2, "#f7f7f7"))
            share = count / row_total
            if count:
                body.append(_rect(x + 1, y + 1, (cell_width - 2) * share, cell_height - 2, fill))
            body.append(_text(x + cell_width / 2, y + 21, f"{count} ({share:.0%})", "middle"))
    description = "; ".join(
        f"key {kind}: "
        + ", ".join(f"{n} chose {c}" for c, n in zip(columns, counts[r], strict=True))
        for r, kind in enumerate(kinds)
    )
    return _svg(
        left + cell_width * len(columns) + 4,
        top + cell_height * len(kinds) + 4,
        "Which kind the class chose, against the key",
        description,
        body,
    )


BAND_NAMES = ("1", "2", "3", "not banded")


def bands_chart(rows: list[StatementBar], names: tuple[str, str, str]) -> Markup:
    """A stacked bar per statement: how many reasons are in each band."""
    labels = (*(f"{n} {name}" for n, name in enumerate(names, start=1)), "not banded yet")
    body: list[str] = []
    x = 4.0
    for fill, label in zip(BAND_FILLS, labels, strict=True):
        body.append(_rect(x, 4, 12, 12, fill))
        body.append(_text(x + 16, 14, label))
        x += 16 + 7 * len(label) + 14
    for index, row in enumerate(rows):
        y = 24 + index * ROW
        body.append(_text(LABEL_WIDTH - 8, y + 15, row.label, "end"))
        total = sum(row.bands) or 1
        start = float(LABEL_WIDTH)
        for count, fill in zip(row.bands, BAND_FILLS, strict=True):
            width = BAR_WIDTH * count / total
            if count:
                body.append(_rect(start, y + 2, width, ROW - 6, fill))
                body.append(_text(start + width / 2, y + 15, str(count), "middle"))
            start += width
    return _svg(
        LABEL_WIDTH + BAR_WIDTH + 10,
        ROW * len(rows) + 32,
        "The reasons' bands, per statement",
        "; ".join(
            f"{r.label}: " + ", ".join(f"{n} in {b}" for b, n in zip(labels, r.bands, strict=True))
            for r in rows
        ),
        body,
    )
