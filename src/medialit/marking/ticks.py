"""Read one tick box of an aligned page as ticked, empty or unsure, never guessing.

The box is first found exactly near where the layout put it (its printed outline, matched
against the image), so that a page aligned a point off still reads; then only its inside
counts. Ink is measured against the paper's own white: dark pixels (a pen's stroke) and
faint ones (a pencil pressed lightly, a rubbed-out mark).

- *empty*: next to no ink;
- *ticked*: a stroke's worth of dark ink, as a tick or a cross leaves;
- *unsure*: anything between or beyond: a light or faint mark, a dot, a box mostly filled or
  scribbled over (a tick crossed out). Two ticks for one statement make it unsure too
  (:func:`medialit.marking.collate.statement_mark`).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from medialit.marking.align import SCALE, Image
from medialit.sheets.markable import Area

# Shares of the box's inside, tuned on the test set of benchmarks/bench_marking.py.
EMPTY_DARK = 0.012
EMPTY_FAINT = 0.03
TICK_DARK = 0.05
FILLED_DARK = 0.40
CROSS_DARK = 0.75
"""Up to this share dark, ink along both diagonals is a cross drawn with a broad pen."""
CROSS_BAND, CROSS_SHARE = 0.2, 0.85
DARK = 0.45
"""A pixel this much darker than the paper (0 white, 1 black) is ink."""
FAINT = 0.15
"""...and this much, a faint mark."""
BORDER = 0.8  # the printed outline's width, in points
INSET = 1.6  # points inside the outline left out: what is left of the outline after a blur


@dataclass(frozen=True)
class TickReading:
    """One box: its state, and the measures it was read from (kept for the benchmark)."""

    state: str
    dark: float
    faint: float


def locate(page: Image, box: Area) -> tuple[int, int]:
    """The box's outline's top-left in ``page`` pixels: the printed outline matched within a
    few points of where the layout put it."""
    side_w, side_h = round(box.width * SCALE), round(box.height * SCALE)
    stroke = max(round(BORDER * SCALE), 1)
    template = np.full((side_h, side_w), 255, np.uint8)
    cv2.rectangle(template, (0, 0), (side_w - 1, side_h - 1), 0, stroke)
    margin = round(4 * SCALE)
    x0, y0 = round(box.x * SCALE) - margin, round(box.y * SCALE) - margin
    window = page[max(y0, 0) : y0 + side_h + 2 * margin, max(x0, 0) : x0 + side_w + 2 * margin]
    if window.shape[0] < side_h or window.shape[1] < side_w:
        return round(box.x * SCALE), round(box.y * SCALE)
    match = cv2.matchTemplate(window, template, cv2.TM_CCOEFF_NORMED)
    _, best, _, (dx, dy) = cv2.minMaxLoc(match)
    if best < 0.3:  # no outline to be seen: keep the layout's place
        return round(box.x * SCALE), round(box.y * SCALE)
    return max(x0, 0) + dx, max(y0, 0) + dy


def paper_white(page: Image, box: Area) -> float:
    """The paper's brightness around the box (a photo's light is uneven): mostly paper."""
    margin = 8 * SCALE
    x0, y0 = max(round(box.x * SCALE - margin), 0), max(round(box.y * SCALE - margin), 0)
    x1 = round((box.x + box.width) * SCALE + margin)
    y1 = round((box.y + box.height) * SCALE + margin)
    around = page[y0:y1, x0:x1]
    return float(max(np.percentile(around, 90), 64)) if around.size else 255.0


def read_tick(page: Image, box: Area) -> TickReading:
    """Whether ``box`` (printed points) on the aligned ``page`` is ticked, empty or unsure."""
    paper = paper_white(page, box)
    x, y = locate(page, box)
    inset = round(INSET * SCALE)
    inside = page[
        y + inset : y + round(box.height * SCALE) - inset,
        x + inset : x + round(box.width * SCALE) - inset,
    ]
    if inside.size == 0:
        return TickReading("unsure", 0.0, 0.0)
    darkness = 1 - inside.astype(np.float64) / paper
    dark = float((darkness > DARK).mean())
    faint = float((darkness > FAINT).mean())
    state = classify(dark, faint)
    if state == "unsure" and FILLED_DARK < dark <= CROSS_DARK and is_cross(darkness > DARK):
        state = "ticked"  # a broad pen's cross, corner to corner: two strokes, not a scribble
    return TickReading(state, dark, faint)


def is_cross(ink: np.ndarray) -> bool:
    """Whether the ink inside a box lies along its two diagonals, each with a fair share:
    a cross drawn with a broad pen darkens as much of the box as a box scribbled over, whose
    strokes run across it."""
    rows, columns = np.nonzero(ink)
    if rows.size == 0:
        return False
    u = columns / max(ink.shape[1] - 1, 1)
    v = rows / max(ink.shape[0] - 1, 1)
    down, up = np.abs(u - v) < CROSS_BAND, np.abs(u + v - 1) < CROSS_BAND
    return bool(
        (down | up).mean() >= CROSS_SHARE and min(down.mean(), up.mean()) >= CROSS_SHARE / 3
    )


def classify(dark: float, faint: float) -> str:
    """The state for these shares of dark and faint pixels inside a box."""
    if dark < EMPTY_DARK and faint < EMPTY_FAINT:
        return "empty"
    if TICK_DARK <= dark <= FILLED_DARK and faint < 2.2 * dark + 0.05:
        return "ticked"
    return "unsure"
