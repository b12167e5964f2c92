"""A cross drawn corner to corner with a broad pen reads as ticked, as docs/marking.md says a
cross does (a cold run of the marking loop: a 0.5-0.7 mm pen's cross filled over 40 % of the
box and read "unsure", like a box scribbled over, so a class that crosses left every box to
decide by hand). A box scribbled over, or filled in, is still unsure."""

from __future__ import annotations

import random
from collections.abc import Callable

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

from medialit.marking.align import SCALE
from medialit.marking.ticks import FILLED_DARK, read_tick
from medialit.sheets.markable import Area

BOX = Area(1, 60, 60, 12, 12)  # a tick box's size on the sheets (1rem)
DPI = 150  # a scanner's usual setting; read at the marking scale, as an aligned page is
Draw = Callable[[ImageDraw.ImageDraw, float, float, float], None]


def _scanned(draw: Draw, blur: bool) -> np.ndarray:
    k = DPI / 72
    image = Image.new("L", (int(200 * k), int(200 * k)), 250)
    pen = ImageDraw.Draw(image)
    x, y, w = BOX.x * k, BOX.y * k, BOX.width * k
    pen.rectangle([x, y, x + w, y + w], outline=17, width=round(0.8 * k))
    draw(pen, x, y, w)
    side = int(200 * SCALE)
    pixels = np.array(image.resize((side, side), Image.Resampling.BICUBIC))
    return cv2.GaussianBlur(pixels, (0, 0), 0.8) if blur else pixels


def _cross(inset: float, width: int) -> Draw:
    def draw(pen: ImageDraw.ImageDraw, x: float, y: float, w: float) -> None:
        a, b = inset * w, (1 - inset) * w
        pen.line([(x + a, y + a), (x + b, y + b)], fill=30, width=width)
        pen.line([(x + b, y + a), (x + a, y + b)], fill=30, width=width)

    return draw


def _scribbled(rows: int, width: int) -> Draw:
    rng = random.Random(rows)

    def draw(pen: ImageDraw.ImageDraw, x: float, y: float, w: float) -> None:
        pen.line([(x + 0.3 * w, y + 0.55 * w), (x + 0.45 * w, y + 0.85 * w)], fill=30, width=width)
        zigzag = [
            (x + (0.1 if n % 2 else 0.9) * w + rng.uniform(-2, 2), y + (0.12 + 0.76 * n / rows) * w)
            for n in range(rows + 1)
        ]
        pen.line(zigzag, fill=30, width=width + 2)

    return draw


@pytest.mark.parametrize("blur", [False, True])
@pytest.mark.parametrize("inset", [0.05, 0.1, 0.2])
@pytest.mark.parametrize("width", [3, 4, 5])  # 0.5-0.85 mm at 150 dpi
def test_a_broad_pen_s_cross_reads_as_ticked(inset: float, width: int, blur: bool) -> None:
    reading = read_tick(_scanned(_cross(inset, width), blur), BOX)
    assert reading.state == "ticked", reading
    if inset < 0.2:
        assert reading.dark > FILLED_DARK  # as dark as a box scribbled over: read by its shape


@pytest.mark.parametrize("blur", [False, True])
@pytest.mark.parametrize("rows", [4, 5, 6, 7])
@pytest.mark.parametrize("width", [2, 3, 4])
def test_a_box_scribbled_over_is_still_unsure(rows: int, width: int, blur: bool) -> None:
    assert read_tick(_scanned(_scribbled(rows, width), blur), BOX).state == "unsure"


def test_a_box_filled_in_is_still_unsure() -> None:
    def fill(pen: ImageDraw.ImageDraw, x: float, y: float, w: float) -> None:
        pen.rectangle([x + 0.1 * w, y + 0.1 * w, x + 0.9 * w, y + 0.9 * w], fill=40)

    assert read_tick(_scanned(fill, False), BOX).state == "unsure"
