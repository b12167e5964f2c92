"""Draw a class pack's name tags and cover sheet, instead of laying out their HTML.

Both change with every roster, so a second class would lay them out again while every
worksheet and key comes from the layout cache. Drawn with :mod:`medialit.layout.drawing`,
they take milliseconds. Each function draws what medialit's own ``names.html`` and
``cover.html`` lay out, at the same places (the geometry below is theirs: margins, sizes,
line heights, the table's padding and rules), and returns ``None`` when it cannot print
the text as a layout would (a character Andika lacks, right-to-left or combining text, a
heading font other than Andika, a name too long for its column): the caller then lays out
the HTML. Templates of the teacher's own are always laid out (the caller checks).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass

from medialit.layout.drawing import PT_PER_MM, Document, Font, Page
from medialit.render.pack_context import CoverContext, NameTagsContext

REGULAR = "fonts/andika/Andika-Regular.ttf"
BOLD = "fonts/andika/Andika-Bold.ttf"
_BROWSER_DEFAULT_PT = 12.0  # 16px: the size of text no rule sizes
_LABEL_PT = 8.0
_GREY = (0x44 / 255,) * 3
_INK = (0x11 / 255,) * 3


def _ascent(font: Font, size: float) -> float:
    return font.metrics.ascent * size / font.metrics.units


def _line(font: Font, size: float) -> float:
    """The font's ``line-height: normal`` at ``size``, its ascent plus descent."""
    metrics = font.metrics
    return (metrics.ascent - metrics.descent) * size / metrics.units


def _baseline(top: float, line_height: float, font: Font, size: float) -> float:
    """Where the baseline of a line box ``line_height`` tall at ``top`` falls (CSS half-leading)."""
    return top + (line_height - _line(font, size)) / 2 + _ascent(font, size)


def draw_name_tags(context: NameTagsContext, created: datetime.datetime | None) -> bytes | None:
    """``names.html`` drawn: a page per copy, "Name:" and the name in the slot."""
    regular, bold = Font(REGULAR), Font(BOLD)
    if not regular.covers(context.label) or not all(bold.covers(t.name) for t in context.tags):
        return None
    slot = context.slot
    baseline = _baseline(slot.top * PT_PER_MM, slot.height * PT_PER_MM, bold, _BROWSER_DEFAULT_PT)
    left = slot.left * PT_PER_MM
    name_x = left + regular.width(context.label, _LABEL_PT) + bold.width(" ", _BROWSER_DEFAULT_PT)
    document = Document(context.paper)
    for tag in context.tags:
        page = document.new_page()
        page.text(left, baseline, context.label, regular, _LABEL_PT, _GREY)
        page.text(name_x, baseline, tag.name, bold, tag.font_size, _INK)
    return document.write(title="Name tags", language=context.language, created=created)


# cover.html, in points
_MARGIN_TOP, _MARGIN_RIGHT, _MARGIN_BOTTOM, _MARGIN_LEFT = (m * PT_PER_MM for m in (16, 16, 18, 20))
_PAD_X, _PAD_Y = 1.5 * PT_PER_MM, 0.8 * PT_PER_MM
_RULE = 0.5
_RULE_GREY = (0x99 / 255,) * 3
_HEAD_FILL = (0xEE / 255,) * 3
_BODY_PT, _HEAD_PT, _KIND_PT, _TITLE_PT, _FOOT_PT = 9.0, 8.0, 8.5, 16.0, 8.0
_ROW_LINE = 1.25  # the table's line-height
_FOOT_GREY = (0x55 / 255,) * 3


@dataclass(frozen=True)
class _Column:
    header: str
    width: float
    """The cell's content width, in points."""
    align: str = "start"


_AFTER_HYPHEN = re.compile(r"(?<=-)(?=[^\W\d_])")
"""Where a line may break inside a word: after a hyphen, before a letter (as Pango does)."""


def wrap(
    text: str,
    font: Font,
    size: float,
    width: float,
    spacing: float = 0.0,
    whole: Sequence[str] = (),
) -> list[str]:
    """``text`` in lines no wider than ``width``: broken at spaces and after hyphens (but in
    a word that holds one of ``whole``, a file name, as cover.html's nowrap spans keep it),
    and inside a word too long for a line (as ``overflow-wrap: anywhere`` does)."""
    pieces = [
        (part, n > 0 and m == 0)  # (text, a space before it)
        for n, word in enumerate(text.split(" "))
        for m, part in enumerate(
            [word] if any(name in word for name in whole) else _AFTER_HYPHEN.split(word)
        )
    ]
    lines: list[str] = []
    line = ""
    for part, spaced in pieces:
        joined = f"{line}{' ' if spaced and line else ''}{part}"
        if font.width(joined, size, spacing) <= width:
            line = joined
            continue
        if line:
            lines.append(line)
        line = ""
        for char in part:
            if line and font.width(line + char, size, spacing) > width:
                lines.append(line)
                line = ""
            line += char
    return [*lines, line] if line or not lines else lines


def draw_cover(context: CoverContext, created: datetime.datetime | None) -> bytes | None:
    """``cover.html`` drawn: the header, then the table of copies over as many pages as it
    takes, its header row on each, and "Page 1 of 2" at the bottom right."""
    settings = context.settings
    if settings.heading_font_family != "Andika" or context.direction != "ltr":
        return None
    regular, bold = Font(REGULAR), Font(BOLD)
    words = settings.words
    kind = " · ".join(
        part
        for part in (settings.school, words.class_pack, settings.class_name, settings.teacher)
        if part
    ).upper()
    # As cover.html does: a short version's pack has its own name (class-pack-core.pdf).
    copies = words.pack_copies.replace("{count}", str(len(context.rows)))
    copies = copies.replace("class-pack.pdf", context.pack_file)
    keys = f"{copies} {words.answer_keys} {context.keys_text}."
    adjusted = any(row.adjustments for row in context.rows)
    versioned = any(row.version for row in context.rows)  # one version only: no dashes
    headers = [words.number, words.student, words.level]
    headers += [words.version_column] if versioned else []
    headers += [words.adjustments] if adjusted else []
    cells = [
        [
            str(r.copy),
            r.name,
            r.level,
            *([r.version or "–"] if versioned else []),
            *([r.adjustments] if adjusted else []),
        ]
        for r in context.rows
    ]
    texts = [kind, context.title, keys, *headers, *(text for row in cells for text in row)]
    if not all(bold.covers(text) and regular.covers(text) for text in texts):
        return None
    document = Document(settings.paper)
    content_width = document.width - _MARGIN_LEFT - _MARGIN_RIGHT

    def least(index: int, fixed_mm: float) -> float:  # a fixed width grows to fit its words
        widest = max(
            [bold.width(headers[index], _HEAD_PT)]
            + [regular.width(row[index], _BODY_PT) for row in cells]
        )
        return max(fixed_mm * PT_PER_MM, widest)

    columns = [_Column(headers[0], least(0, 9), "center"), _Column(headers[1], 0)]
    columns += [_Column(headers[2], least(2, 32))]
    columns += [_Column(headers[3], least(3, 9), "center")] if versioned else []
    columns += [_Column(headers[-1], least(len(headers) - 1, 40))] if adjusted else []
    taken = sum(c.width + 2 * _PAD_X + _RULE for c in columns) + _RULE
    columns[1] = _Column(headers[1], content_width - taken)
    if columns[1].width < 20 * PT_PER_MM:
        return None
    page = document.new_page()
    y = _MARGIN_TOP
    kind_spacing = 0.08 * _KIND_PT
    for line in wrap(kind, regular, _KIND_PT, content_width, kind_spacing):
        page.text(
            _MARGIN_LEFT,
            y + _ascent(regular, _KIND_PT),
            line,
            regular,
            _KIND_PT,
            _GREY,
            kind_spacing,
        )
        y += _line(regular, _KIND_PT)
    for line in wrap(context.title, bold, _TITLE_PT, content_width):
        page.text(_MARGIN_LEFT, y + _ascent(bold, _TITLE_PT), line, bold, _TITLE_PT, _INK)
        y += _line(bold, _TITLE_PT)
    y += 1 * PT_PER_MM
    files = [context.pack_file, *context.keys]
    for line in wrap(keys, regular, _BODY_PT, content_width, whole=files):
        page.text(_MARGIN_LEFT, y + _ascent(regular, _BODY_PT), line, regular, _BODY_PT, _INK)
        y += _line(regular, _BODY_PT)
    y += 4 * PT_PER_MM
    bottom = document.height - _MARGIN_BOTTOM
    table = _Table(columns, regular, bold)
    y = table.header(page, y)
    for row in cells:
        lines = [
            wrap(text, regular, _BODY_PT, column.width) if n == 1 else [text]
            for n, (text, column) in enumerate(zip(row, columns, strict=True))
        ]
        height = max(len(cell) for cell in lines) * _ROW_LINE * _BODY_PT + 2 * _PAD_Y + _RULE
        if y + height > bottom:
            table.close(page, y)
            page = document.new_page()
            y = table.header(page, _MARGIN_TOP)
        y = table.row(page, y, lines, height)
    table.close(page, y)
    for number, each in enumerate(document.pages, start=1):
        footer = f"{words.page} {number} {words.of} {len(document.pages)}"
        box = document.height - _MARGIN_BOTTOM
        baseline = _baseline(box, _MARGIN_BOTTOM, regular, _FOOT_PT)
        x = document.width - _MARGIN_RIGHT - regular.width(footer, _FOOT_PT)
        each.text(x, baseline, footer, regular, _FOOT_PT, _FOOT_GREY)
    return document.write(title=context.document_title, language=context.language, created=created)


class _Table:
    """The cover's table, drawn row by row: collapsed 0.5pt rules, padded cells."""

    def __init__(self, columns: Sequence[_Column], regular: Font, bold: Font) -> None:
        self.columns = columns
        self.regular, self.bold = regular, bold
        self.top = 0.0
        edges = [_MARGIN_LEFT + _RULE / 2]
        for column in columns:
            edges.append(edges[-1] + column.width + 2 * _PAD_X + _RULE)
        self.edges = edges

    def header(self, page: Page, y: float) -> float:
        """The header row at ``y`` (the table's top on this page); returns the row's end."""
        self.top = y + _RULE / 2
        height = _ROW_LINE * _HEAD_PT + 2 * _PAD_Y + _RULE
        page.box(self.edges[0], self.top, self.edges[-1] - self.edges[0], height, _HEAD_FILL)
        page.line(self.edges[0], self.top, self.edges[-1], self.top, _RULE, _RULE_GREY)
        cells = [[column.header] for column in self.columns]
        columns = [_Column(c.header, c.width) for c in self.columns]  # headers start-aligned
        return self._cells(page, self.top, cells, height, self.bold, _HEAD_PT, columns)

    def row(self, page: Page, y: float, lines: list[list[str]], height: float) -> float:
        return self._cells(page, y, lines, height, self.regular, _BODY_PT, self.columns)

    def _cells(
        self,
        page: Page,
        y: float,
        lines: list[list[str]],
        height: float,
        font: Font,
        size: float,
        columns: Sequence[_Column],
    ) -> float:
        line_height = _ROW_LINE * size
        for column, left, cell in zip(columns, self.edges, lines, strict=False):
            x0 = left + _RULE / 2 + _PAD_X
            for n, text in enumerate(cell):
                top = y + _RULE / 2 + _PAD_Y + n * line_height
                x = x0
                if column.align == "center":
                    x = x0 + (column.width - font.width(text, size)) / 2
                page.text(x, _baseline(top, line_height, font, size), text, font, size, _INK)
        end = y + height
        page.line(self.edges[0], end, self.edges[-1], end, _RULE, _RULE_GREY)
        return end

    def close(self, page: Page, y: float) -> None:
        """The vertical rules of this page's part of the table, from its top to ``y``."""
        for x in self.edges:
            page.line(x, self.top, x, y, _RULE, _RULE_GREY)
