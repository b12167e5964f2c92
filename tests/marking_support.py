"""A test set made here: markable sheets rendered to images, filled in as students do (ticks,
crosses, two ticks, light and crossed-out marks, handwriting-like strokes), then scanned badly
(turned, scaled, skewed, blurred, noised, JPEG at 150-300 dpi, upside down, photographed
askew). Used by the marking tests and by ``benchmarks/bench_marking.py``.

Every image is drawn with PIL and OpenCV and read back by the real readers: nothing is mocked.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
import pypdfium2
from PIL import Image, ImageDraw

from medialit.sheets.markable import Area, MarkableSet

DRAW_DPI = 300
KINDS = ("evidence", "inference", "assertion")
INK = 30
"""A pen's grey: dark blue or black ink, scanned in grey."""

# What a student does for one statement, and what each box must read as.
ANSWERS = ("tick", "cross", "blank", "two", "light", "crossed")


@dataclass
class Truth:
    """What was drawn into a copy: each box's expected state, by (printed number, kind)."""

    boxes: dict[tuple[int, str], str] = field(default_factory=dict)


def meant(truth: Truth, number: int) -> str | None:
    """What the student meant by statement ``number``, as a teacher decides it on the marking
    page: the one firm tick (beside a crossed-out one); a light tick alone is taken as meant;
    two firm ticks, or none, are no answer."""
    ticked = [k for k in KINDS if truth.boxes[(number, k)] == "ticked"]
    unsure = [k for k in KINDS if truth.boxes[(number, k)] == "unsure"]
    if len(ticked) == 1:
        return ticked[0]
    return unsure[0] if not ticked and len(unsure) == 1 else None


def render(pdf: Path, dpi: int = DRAW_DPI) -> list[np.ndarray]:
    """Every page of ``pdf`` as a greyscale image."""
    document = pypdfium2.PdfDocument(str(pdf))
    pages = []
    for page in document:
        pixels = page.render(scale=dpi / 72, grayscale=True).to_numpy()
        pages.append(np.ascontiguousarray(pixels[:, :, 0] if pixels.ndim == 3 else pixels))
    document.close()
    return pages


def _box_px(area: Area) -> tuple[float, float, float, float]:
    k = DRAW_DPI / 72
    return area.x * k, area.y * k, area.width * k, area.height * k


def _pen(rng: random.Random) -> int:
    return rng.randint(4, 7)  # 0.35-0.6 mm at 300 dpi


def draw_tick(draw: ImageDraw.ImageDraw, area: Area, rng: random.Random, grey: int = INK) -> None:
    x, y, w, h = _box_px(area)
    j = lambda: rng.uniform(-0.08, 0.08) * w  # noqa: E731
    size = rng.uniform(0.75, 1.15)
    cx, cy = x + w / 2 + j(), y + h / 2 + j()
    points = [
        (cx - 0.38 * w * size, cy + j()),
        (cx - 0.08 * w * size + j(), cy + 0.32 * h * size),
        (cx + 0.45 * w * size, cy - 0.5 * h * size + j()),
    ]
    draw.line(points, fill=grey, width=_pen(rng), joint="curve")


def draw_cross(draw: ImageDraw.ImageDraw, area: Area, rng: random.Random) -> None:
    x, y, w, h = _box_px(area)
    s = rng.uniform(0.15, 0.25)
    pen = _pen(rng)
    draw.line([(x + s * w, y + s * h), (x + (1 - s) * w, y + (1 - s) * h)], fill=INK, width=pen)
    draw.line([(x + (1 - s) * w, y + s * h), (x + s * w, y + (1 - s) * h)], fill=INK, width=pen)


def draw_crossed_out(draw: ImageDraw.ImageDraw, area: Area, rng: random.Random) -> None:
    """A tick scribbled over: the student changed their mind."""
    draw_tick(draw, area, rng)
    x, y, w, h = _box_px(area)
    rows = rng.randint(5, 7)
    points = [
        (x + (0.1 if n % 2 else 0.9) * w + rng.uniform(-2, 2), y + (0.12 + 0.76 * n / rows) * h)
        for n in range(rows + 1)
    ]
    draw.line(points, fill=INK, width=_pen(rng) + 2)


def draw_writing(draw: ImageDraw.ImageDraw, area: Area, rng: random.Random) -> None:
    """Handwriting-like strokes along the writing lines."""
    x, y, w, h = _box_px(area)
    for line in range(2):
        baseline = y + h * (0.35 + 0.45 * line)
        cursor = x + 0.05 * w
        end = x + rng.uniform(0.4, 0.9) * w
        while cursor < end:
            word = rng.uniform(30, 90)
            points = [
                (cursor + t, baseline - abs(math.sin(t / 6 + rng.random())) * 18)
                for t in range(0, int(word), 3)
            ]
            if len(points) > 1:
                draw.line(points, fill=INK + 20, width=3)
            cursor += word + rng.uniform(12, 25)


def fill_copy(
    pages: list[np.ndarray],
    record: MarkableSet,
    sheet: int,
    rng: random.Random,
    answers: list[str] | None = None,
) -> tuple[list[np.ndarray], Truth]:
    """The copy's pages filled in, one answer of :data:`ANSWERS` per statement (``answers``
    pops them in turn, else at random), with what each box must read as."""
    images = [Image.fromarray(page) for page in pages]
    draws = [ImageDraw.Draw(image) for image in images]
    truth = Truth()
    for statement in record.sheets[sheet].statements:
        answer = answers.pop(0) if answers else rng.choice(ANSWERS)
        kinds = rng.sample(KINDS, 2)
        states = dict.fromkeys(KINDS, "empty")
        boxes = statement.ticks
        if answer == "tick":
            draw_tick(draws[boxes[kinds[0]].page - 1], boxes[kinds[0]], rng)
            states[kinds[0]] = "ticked"
        elif answer == "cross":
            draw_cross(draws[boxes[kinds[0]].page - 1], boxes[kinds[0]], rng)
            states[kinds[0]] = "ticked"
        elif answer == "two":
            for kind in kinds:
                draw_tick(draws[boxes[kind].page - 1], boxes[kind], rng)
                states[kind] = "ticked"
        elif answer == "light":
            draw_tick(draws[boxes[kinds[0]].page - 1], boxes[kinds[0]], rng, rng.randint(175, 205))
            states[kinds[0]] = "unsure"
        elif answer == "crossed":
            draw_crossed_out(draws[boxes[kinds[0]].page - 1], boxes[kinds[0]], rng)
            draw_tick(draws[boxes[kinds[1]].page - 1], boxes[kinds[1]], rng)
            states[kinds[0]], states[kinds[1]] = "unsure", "ticked"
        for kind, state in states.items():
            truth.boxes[(statement.number, kind)] = state
        if statement.reason is not None and answer != "blank":
            draw_writing(draws[statement.reason.page - 1], statement.reason, rng)
    return [np.asarray(image) for image in images], truth


def distort(
    image: np.ndarray,
    rng: random.Random,
    dpi: int,
    *,
    upside_down: bool = False,
    photo: bool = False,
) -> np.ndarray:
    """A scan of the page at ``dpi``: turned up to 3°, scaled by up to 4 %, skewed, blurred,
    noised and JPEG-compressed; upside down, or photographed askew (a perspective)."""
    h, w = image.shape
    factor = dpi / DRAW_DPI * rng.uniform(0.96, 1.04)
    angle = math.radians(rng.uniform(-3, 3)) + (math.pi if upside_down else 0)
    shear = rng.uniform(-0.015, 0.015)
    cos, sin = math.cos(angle) * factor, math.sin(angle) * factor
    linear = np.array([[cos, -sin], [sin, cos]]) @ np.array([[1, shear], [0, 1]])
    out_w, out_h = round(w * dpi / DRAW_DPI * 1.08), round(h * dpi / DRAW_DPI * 1.08)
    centre_in = np.array([w / 2, h / 2])
    centre_out = np.array([out_w / 2 + rng.uniform(-20, 20), out_h / 2 + rng.uniform(-20, 20)])
    shift = centre_out - linear @ centre_in
    matrix = np.vstack([np.hstack([linear, shift.reshape(2, 1)]), [0, 0, 1]])
    if photo:  # the far edge of the page smaller: a phone held at an angle
        k = rng.uniform(0.04, 0.08)
        src = np.float32([[0, 0], [out_w, 0], [out_w, out_h], [0, out_h]])
        dst = np.float32(
            [
                [out_w * k, out_h * k * 0.5],
                [out_w * (1 - k), out_h * k * 0.3],
                [out_w, out_h],
                [0, out_h],
            ]
        )
        matrix = cv2.getPerspectiveTransform(src, dst) @ matrix
    scanned = cv2.warpPerspective(
        image, matrix, (out_w, out_h), flags=cv2.INTER_LINEAR, borderValue=(rng.randint(235, 255),)
    )
    sigma = rng.uniform(0.3, 1.1) * dpi / 300
    scanned = cv2.GaussianBlur(scanned, (0, 0), sigma)
    noise = np.random.default_rng(rng.randint(0, 2**32 - 1)).standard_normal(
        scanned.shape, dtype=np.float32
    )
    level = np.float32(rng.uniform(0.9, 1.0))
    noisy = scanned.astype(np.float32) * level + noise * np.float32(rng.uniform(2, 8))
    scanned = np.clip(noisy, 0, 255).astype(np.uint8)
    ok, data = cv2.imencode(".jpg", scanned, [cv2.IMWRITE_JPEG_QUALITY, rng.randint(60, 90)])
    assert ok
    return cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)


def to_pdf(images: list[np.ndarray], dpi: int) -> bytes:
    """Pages scanned into one PDF, as a tray-fed scanner writes it (JPEG pages)."""
    pictures = [Image.fromarray(image) for image in images]
    buffer = io.BytesIO()
    pictures[0].save(buffer, "PDF", save_all=True, append_images=pictures[1:], resolution=dpi)
    return buffer.getvalue()
