"""Draw simple pages (lines of text, rules, filled boxes) straight into a PDF, without a layout.

WeasyPrint lays out a whole document to place a few words, and a class pack's name tags and
cover change with every roster, so a second class would pay for their layout each time.
Here text is drawn with one of medialit's own fonts, placed by its advance widths (no
shaping, no kerning), which is right only for text the font covers one character to one
glyph, left to right: :meth:`Font.covers` says so, and the caller lays out anything else
with WeasyPrint instead. Each font is embedded as a subset of the glyphs the document uses,
with a ToUnicode map, so the text can be searched, copied and read back (pdftotext).
"""

from __future__ import annotations

import datetime
import functools
import io
import unicodedata
import zlib
from dataclasses import dataclass, field
from importlib import resources

import pydyf

from medialit import sfnt

PT_PER_MM = 72 / 25.4
PAPER_PT = {"a4": (595.2756, 841.8898), "letter": (612.0, 792.0)}
"""Page width and height in points, as CSS's ``size: A4`` and ``size: letter``."""

_RIGHT_TO_LEFT = {"R", "AL", "AN", "RLE", "RLO", "RLI", "FSI", "LRE", "LRO", "PDF", "PDI"}


@functools.cache
def _metrics(resource: str) -> sfnt.Metrics:
    found = sfnt.metrics(_font_file(resource))
    if found is None:
        raise ValueError(f"{resource}: not a TrueType font medialit can draw with")
    return found


@dataclass
class Font:
    """One of medialit's fonts (``fonts/andika/Andika-Bold.ttf``), as a document uses it."""

    resource: str
    used: set[int] = field(default_factory=set)
    """The glyphs drawn so far: the embedded subset holds these."""
    text: dict[int, str] = field(default_factory=dict)
    _codes: dict[str, bytes] = field(default_factory=dict, repr=False, compare=False)

    @property
    def metrics(self) -> sfnt.Metrics:
        return _metrics(self.resource)

    def covers(self, text: str) -> bool:
        """Whether drawing ``text`` glyph by glyph prints it as a layout would: every
        character in the font, none that combines with another or runs right to left."""
        return all(_drawable(char, self.resource) for char in set(text))

    def width(self, text: str, size: float, spacing: float = 0.0) -> float:
        """The printed width of ``text`` in points, with ``spacing`` points after each character."""
        metrics = self.metrics
        advances, glyphs = metrics.advances, metrics.glyphs
        units = sum(advances[glyphs.get(ord(c), 0)] for c in text)
        return units * size / metrics.units + spacing * len(text)

    def encode(self, text: str) -> bytes:
        """``text`` as the two-byte glyph ids a content stream shows (Identity-H)."""
        codes = self._codes
        for char in text:
            if char not in codes:  # first drawn: its glyph goes in the subset, mapped back to it
                gid = self.metrics.glyphs.get(ord(char), 0)
                self.used.add(gid)
                self.text.setdefault(gid, char)
                codes[char] = gid.to_bytes(2, "big")
        return b"".join([codes[char] for char in text])


class Page:
    """One page's content: text, rules and boxes, in points from the top-left corner."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.stream = pydyf.Stream(compress=True)
        self.fonts: dict[str, Font] = {}

    def text(
        self,
        x: float,
        baseline: float,
        text: str,
        font: Font,
        size: float,
        color: tuple[float, float, float] = (0, 0, 0),
        spacing: float = 0.0,
    ) -> None:
        """Draw ``text`` from ``x`` on the line ``baseline`` points below the page's top."""
        key = self.document.font_key(font)
        self.fonts[key] = font
        start = _text_start(color, key, _number(size))
        if spacing:  # the character spacing outlasts the text object: set back below
            start += b"\n" + _number(spacing).encode() + b" Tc"
        place = f"1 0 0 1 {_number(x)} {_number(self.document.height - baseline)} Tm"
        end = b"\n0 Tc\nET" if spacing else b"\nET"
        # One item of the stream, the lines pydyf's begin_text ... end_text would write
        # (its stream joins its items with line ends): a cover has thousands of texts.
        shown = b"<" + font.encode(text).hex().encode() + b"> Tj"
        self.stream.stream.append(b"%s\n%s\n%s%s" % (start, place.encode(), shown, end))

    def box(
        self, x: float, top: float, width: float, height: float, color: tuple[float, float, float]
    ) -> None:
        """Fill a rectangle whose top-left corner is ``x``, ``top``."""
        self.stream.set_color_rgb(*color)
        bottom = self.document.height - top - height
        self.stream.rectangle(_number(x), _number(bottom), _number(width), _number(height))
        self.stream.fill()

    def line(
        self,
        x1: float,
        y1: float,
        x2: float,
        y2: float,
        width: float,
        color: tuple[float, float, float],
    ) -> None:
        """A straight rule from ``x1``, ``y1`` to ``x2``, ``y2`` (from the top-left)."""
        height = self.document.height
        self.stream.set_color_rgb(*color, stroke=True)
        self.stream.set_line_width(_number(width))
        self.stream.move_to(_number(x1), _number(height - y1))
        self.stream.line_to(_number(x2), _number(height - y2))
        self.stream.stroke()


class Document:
    """A PDF drawn page by page; :meth:`write` embeds the fonts' subsets and gives the bytes."""

    def __init__(self, paper: str) -> None:
        self.width, self.height = PAPER_PT[paper]
        self.pages: list[Page] = []
        self._keys: dict[str, str] = {}

    def font_key(self, font: Font) -> str:
        return self._keys.setdefault(font.resource, f"F{len(self._keys) + 1}")

    def new_page(self) -> Page:
        page = Page(self)
        self.pages.append(page)
        return page

    def write(self, *, title: str, language: str, created: datetime.datetime | None) -> bytes:
        """The PDF's bytes: the same pages, title, language and date always give the same."""
        pdf = pydyf.PDF()
        fonts: dict[str, Font] = {}
        for page in self.pages:
            fonts.update({self.font_key(font): font for font in page.fonts.values()})
        references = {key: _embed(pdf, font) for key, font in sorted(fonts.items())}
        for page in self.pages:
            pdf.add_object(page.stream)
            resources = pydyf.Dictionary(
                {"Font": pydyf.Dictionary({key: references[key] for key in page.fonts})}
            )
            pdf.add_page(
                pydyf.Dictionary(
                    {
                        "Type": "/Page",
                        "Parent": pdf.pages.reference,
                        "MediaBox": pydyf.Array([0, 0, _number(self.width), _number(self.height)]),
                        "Contents": page.stream.reference,
                        "Resources": resources,
                    }
                )
            )
        pdf.info["Title"] = pydyf.String(title)
        pdf.info["Creator"] = pydyf.String("medialit")
        pdf.info["Producer"] = pydyf.String("medialit")
        if created is not None:
            date = created.astimezone(datetime.UTC).strftime("D:%Y%m%d%H%M%SZ")
            pdf.info["CreationDate"] = pdf.info["ModDate"] = pydyf.String(date)
        pdf.catalog["Lang"] = pydyf.String(language)
        output = io.BytesIO()
        pdf.write(output, b"1.7", False, True)
        return output.getvalue()


@functools.cache
def _text_start(color: tuple[float, float, float], key: str, size: str) -> bytes:
    """The start of a text object in ``color``, font ``key`` at ``size``, as pydyf writes it."""
    stream = pydyf.Stream()
    stream.begin_text()
    stream.set_color_rgb(*color)
    stream.set_font_size(key, size)
    return b"\n".join(stream.stream)


@functools.cache  # a class's names share their letters: each is looked at once
def _drawable(char: str, resource: str) -> bool:
    """Whether ``char`` is in the font and neither combines nor runs right to left."""
    return (
        (ord(char) in _metrics(resource).glyphs or char in "\n\t")
        and not unicodedata.combining(char)
        and unicodedata.bidirectional(char) not in _RIGHT_TO_LEFT
        and unicodedata.category(char) not in ("Cf", "Mn", "Me", "Mc")
    )


def _number(value: float) -> str:
    """A number as PDF writes it: at most three decimals, no trailing zeros."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _embed(pdf: pydyf.PDF, font: Font) -> pydyf.Dictionary:
    """Add ``font``'s subset to ``pdf`` as a Type 0 font; return the font's reference."""
    metrics = font.metrics
    subset = _subset(font.resource, frozenset(font.used))
    tag = "".join(chr(65 + (zlib.crc32(subset) >> (5 * n)) % 26) for n in range(6))
    name = f"/{tag}+{font.resource.rsplit('/', 1)[-1].removesuffix('.ttf')}"
    scale = 1000 / metrics.units
    file = pydyf.Stream([subset], pydyf.Dictionary({"Length1": len(subset)}), compress=True)
    pdf.add_object(file)
    descriptor = pydyf.Dictionary(
        {
            "Type": "/FontDescriptor",
            "FontName": name,
            "Flags": 4,
            "FontBBox": pydyf.Array([round(v * scale) for v in metrics.bbox]),
            "ItalicAngle": 0,
            "Ascent": round(metrics.ascent * scale),
            "Descent": round(metrics.descent * scale),
            "CapHeight": round(metrics.cap_height * scale),
            "StemV": 80,
            "FontFile2": file.reference,
        }
    )
    pdf.add_object(descriptor)
    widths = pydyf.Array()
    for gid in sorted(font.used):
        widths.extend([gid, pydyf.Array([round(metrics.advances[gid] * scale)])])
    cid_font = pydyf.Dictionary(
        {
            "Type": "/Font",
            "Subtype": "/CIDFontType2",
            "BaseFont": name,
            "CIDSystemInfo": pydyf.Dictionary(
                {
                    "Registry": pydyf.String("Adobe"),
                    "Ordering": pydyf.String("Identity"),
                    "Supplement": 0,
                }
            ),
            "FontDescriptor": descriptor.reference,
            "W": widths,
            "CIDToGIDMap": "/Identity",
        }
    )
    pdf.add_object(cid_font)
    to_unicode = pydyf.Stream([_to_unicode(font.text)], compress=True)
    pdf.add_object(to_unicode)
    type0 = pydyf.Dictionary(
        {
            "Type": "/Font",
            "Subtype": "/Type0",
            "BaseFont": name,
            "Encoding": "/Identity-H",
            "DescendantFonts": pydyf.Array([cid_font.reference]),
            "ToUnicode": to_unicode.reference,
        }
    )
    pdf.add_object(type0)
    return type0.reference


def _subset(resource: str, glyphs: frozenset[int]) -> bytes:
    """The font file with only ``glyphs`` (their ids kept, so a glyph id is its CID)."""
    return sfnt.subset(_font_file(resource), glyphs)


@functools.cache
def _font_file(resource: str) -> bytes:
    return (resources.files("medialit") / resource).read_bytes()


def _to_unicode(text: dict[int, str]) -> bytes:
    """The CMap that maps each glyph back to its character, for search, copy and pdftotext."""
    entries = [f"<{gid:04x}> <{c.encode('utf-16-be').hex()}>" for gid, c in sorted(text.items())]
    chunks = [entries[n : n + 100] for n in range(0, len(entries), 100)]
    body = "".join(f"{len(c)} beginbfchar\n" + "\n".join(c) + "\nendbfchar\n" for c in chunks)
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n"
        f"{body}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode("ascii")
