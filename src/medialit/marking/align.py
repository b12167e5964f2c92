"""One scanned page: its code read (zxing-cpp), and the page aligned to the printed layout by its
four corner marks (OpenCV), whatever its scale, rotation, skew or perspective.

The QR code's corners give a first guess of where the page is, in any orientation (a page
scanned upside down reads as well as the others); each corner mark is then looked for near
where that guess puts it, and the four marks' centres fix the page exactly (a homography).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import zxingcpp

from medialit.sheets.markable import (
    CORNER_SIZE,
    MM,
    PageCode,
    code_square,
    corner_marks,
    read_code,
)

Image = np.ndarray
"""A greyscale page image (``uint8``, paper white)."""

SCALE = 200 / 72
"""The aligned page's pixels per point (200 dpi): tick boxes are read at this resolution."""


_QR = zxingcpp.barcode_formats_from_str("QRCode")


@dataclass(frozen=True)
class Found:
    """A page's code, where its symbol's corners are, and how far it is turned."""

    code: PageCode | None
    text: str
    corners: np.ndarray
    """The symbol's top-left, top-right, bottom-right, bottom-left corners, in image pixels."""
    upside_down: bool


def find_code(image: Image) -> Found | None:
    """The page's QR code; None when there is none that can be read."""
    for factor in (1, 2):  # a small or blurred code reads better enlarged
        larger = image if factor == 1 else cv2.resize(image, None, fx=factor, fy=factor)
        results = zxingcpp.read_barcodes(larger, formats=_QR)
        if results:
            break
    else:
        return None
    result = next((r for r in results if read_code(r.text)), results[0])
    position = result.position
    corners = [
        position.top_left,
        position.top_right,
        position.bottom_right,
        position.bottom_left,
    ]
    points = np.array([[point.x, point.y] for point in corners], dtype=np.float64) / factor
    upside_down = 90 < result.orientation % 360 < 270
    return Found(read_code(result.text), result.text, points, upside_down)


def code_corners(height: float) -> np.ndarray:
    """The QR symbol's corners on the printed page, in points, in :class:`Found`'s order."""
    left, top, side = code_square(height)
    return np.array(
        [[left, top], [left + side, top], [left + side, top + side], [left, top + side]],
        dtype=np.float64,
    )


class AlignError(Exception):
    """The page could not be aligned; the message says why, for the teacher."""


def align(image: Image, found: Found, width: float, height: float) -> tuple[Image, np.ndarray]:
    """The page as printed, ``SCALE`` pixels a point, and the homography from printed points
    to the image's pixels."""
    # A rotation, scale and shift from the code's corners: a perspective from so small a
    # square would swing wildly at the far corners of the page.
    similarity, _ = cv2.estimateAffinePartial2D(code_corners(height), found.corners)
    if similarity is None:
        raise AlignError("the page's code is too distorted to place the page; scan it again")
    guess = np.vstack([similarity, [0.0, 0.0, 1.0]])
    printed, seen = [], []
    for x, y, side in corner_marks(width, height):
        centre = np.array([x + side / 2, y + side / 2])
        found_at = _corner_mark(image, guess, centre, side)
        if found_at is not None:
            printed.append(centre)
            seen.append(found_at)
    if len(seen) < 3:
        raise AlignError(
            f"only {len(seen)} of the page's four corner marks were found; scan or photograph "
            "the whole page, flat, with its corners in the picture"
        )
    points = np.array(printed, dtype=np.float64)
    pixels = np.array(seen, dtype=np.float64)
    if len(seen) == 3:  # the code's corners stand in for the missing mark
        points = np.vstack([points, code_corners(height)])
        pixels = np.vstack([pixels, found.corners])
    homography, _ = cv2.findHomography(points, pixels)
    if homography is None:
        raise AlignError("the corner marks do not make a page; scan the page again")
    to_page = np.diag([SCALE, SCALE, 1.0]) @ np.linalg.inv(homography)
    size = (round(width * SCALE), round(height * SCALE))
    aligned = cv2.warpPerspective(image, to_page, size, flags=cv2.INTER_LINEAR, borderValue=(255,))
    return aligned, homography


def _corner_mark(
    image: Image, guess: np.ndarray, centre: np.ndarray, side: float
) -> tuple[float, float] | None:
    """The centre, in image pixels, of the solid square nearest where ``guess`` puts it."""
    predicted = cv2.perspectiveTransform(centre.reshape(1, 1, 2), guess).reshape(2)
    # Pixels a point there, from the guess: the mark's expected size on the image.
    right = centre + np.array([side, 0.0])
    step = cv2.perspectiveTransform(right.reshape(1, 1, 2), guess).reshape(2)
    scale = float(np.linalg.norm(step - predicted)) / side
    radius = int(max(scale * 40 * MM, 20))  # the code's guess is good to a few mm
    x0, y0 = int(predicted[0]) - radius, int(predicted[1]) - radius
    h, w = image.shape
    window = image[
        max(y0, 0) : max(min(y0 + 2 * radius, h), 0), max(x0, 0) : max(min(x0 + 2 * radius, w), 0)
    ]
    if window.size == 0:
        return None
    _, dark = cv2.threshold(window, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    if dark.mean() > 200:  # nothing but ink: no mark to tell apart
        return None
    count, _, stats, centroids = cv2.connectedComponentsWithStats(dark)
    expected = (CORNER_SIZE * MM * scale) ** 2
    best, best_distance = None, float("inf")
    for label in range(1, count):
        _, _, bw, bh, area = stats[label]
        if not 0.5 * expected < area < 1.8 * expected:
            continue
        if not 0.6 < bw / max(bh, 1) < 1.6 or area < 0.7 * bw * bh:
            continue  # not a solid square
        cx, cy = centroids[label]
        distance = float(np.hypot(cx + max(x0, 0) - predicted[0], cy + max(y0, 0) - predicted[1]))
        if distance < best_distance:
            best, best_distance = (cx + max(x0, 0), cy + max(y0, 0)), distance
    return best
