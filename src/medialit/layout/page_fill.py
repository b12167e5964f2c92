"""How full a sheet's last page is: the one test behind every "last page nearly empty" warning.

The preview's pages pane, its glance panel and ``medialit build`` all ask :func:`nearly_empty`
of a laid-out PDF, so a teacher gets the same answer wherever the sheet is seen.
"""

from __future__ import annotations

from dataclasses import dataclass

NEARLY_EMPTY = 0.25
"""Under this share of its printable area used, a last page is nearly empty."""
# The printable area of the built-in sheets, as fractions of the page height: the
# margin boxes (page numbers, footer) stand outside it and must not count as content.
_CONTENT_TOP, _CONTENT_BOTTOM = 0.06, 0.925
MEASURE_SCALE = 1.0
"""72 dpi: quick (a few milliseconds a page), and fine enough to see a faint answer line (0.5 pt
of grey): at 36 dpi it faded into the paper, and a last page of writing lines read as nearly
empty (6 % where the page's images showed 18 %). A cached figure is kept with this scale."""


@dataclass(frozen=True)
class PageFill:
    """A document's number of pages and the share (0–1) of its last page's printable area used."""

    pages: int
    last_page_used: float = 1.0

    @property
    def nearly_empty(self) -> bool:
        return nearly_empty(self.pages, self.last_page_used)

    @property
    def percent_used(self) -> int:
        return round(self.last_page_used * 100)


def nearly_empty(pages: int, last_page_used: float) -> bool:
    """A last page worth saving: a one-page sheet is never, however short."""
    return pages > 1 and last_page_used < NEARLY_EMPTY


def share_used(image: object) -> float:
    """The share of a page image's printable area above its lowest mark (0 for a blank page)."""
    from PIL import Image, ImageOps

    assert isinstance(image, Image.Image)
    top, bottom = int(image.height * _CONTENT_TOP), int(image.height * _CONTENT_BOTTOM)
    area = ImageOps.invert(image.convert("L").crop((0, top, image.width, bottom)))
    # Near-white (anti-aliasing, faint tints) is paper, not content.
    box = area.point(lambda value: 255 if value > 24 else 0).getbbox()
    return 0.0 if box is None else box[3] / area.height


def page_fill(pdf: bytes) -> PageFill:
    """How many pages ``pdf`` has and how full its last one is (only that page is drawn)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        count = len(document)
        if count == 0:
            return PageFill(0, 0.0)
        return PageFill(count, page_used(document[count - 1]))
    finally:
        document.close()


def page_used(page: object) -> float:
    """The share of a pypdfium2 page's printable area used, drawn at the one scale every
    figure is measured at: the pages pane measured its larger images and said 18 % where
    the build and the glance said 6 % (faint answer lines faded out at 36 dpi)."""
    import pypdfium2

    assert isinstance(page, pypdfium2.PdfPage)
    return share_used(page.render(scale=MEASURE_SCALE).to_pil())
