"""A font that a filled-in text field's appearance can be written with anywhere.

WeasyPrint gives a text field its font as a composite font (``Type0``, two bytes a
glyph). Appearance writers that are not full viewers, qpdf's among them, write a
field's value one byte a character, which that font reads as other glyphs. So the
fields get the same embedded font file again as a simple TrueType font in
WinAnsiEncoding (``/MedialitField``), which they write correctly (Latin letters).
"""

from __future__ import annotations

import io
import re
from typing import Any

import pydyf
from fontTools.ttLib import TTFont

NAME = "MedialitField"


def _get(pdf: Any, reference: Any) -> Any:
    if isinstance(reference, bytes) and reference.endswith(b" R"):
        return pdf.objects[int(reference.split()[0])]
    return reference


def use_simple_font(pdf: Any, widgets: list[Any]) -> None:
    """Point each text field widget's ``/DA`` at a simple-font copy of its font."""
    if not widgets or "AcroForm" not in pdf.catalog:
        return
    resources = _get(pdf, pdf.catalog["AcroForm"]["DR"])
    fonts = _get(pdf, resources.get("Font"))
    if not isinstance(fonts, dict):
        return
    made: dict[str, str] = {}
    for widget in widgets:
        value = widget["DA"].string if isinstance(widget["DA"], pydyf.String) else widget["DA"]
        appearance = value.decode("latin-1") if isinstance(value, bytes) else str(value)
        match = re.search(r"/(\S+) ([\d.]+) Tf", appearance)
        if match is None or match.group(1) not in fonts:
            continue
        name = made.get(match.group(1))
        if name is None:
            simple = _simple_font(pdf, _get(pdf, fonts[match.group(1)]))
            if simple is None:
                continue
            name = made[match.group(1)] = f"{NAME}{len(made)}"
            fonts[name] = simple
        # Only the font and colour: a graphics state (``gs``) does not belong in /DA.
        appearance = re.sub(r"/\S+ gs ?", "", appearance)
        widget["DA"] = pydyf.String(appearance.replace(match.group(0), f"/{name} {match[2]} Tf"))


def _simple_font(pdf: Any, composite: Any) -> bytes | None:
    """A TrueType font in WinAnsiEncoding with ``composite``'s font file, or None."""
    if not isinstance(composite, dict) or composite.get("Subtype") != "/Type0":
        return None
    descendant = _get(pdf, composite["DescendantFonts"][0])
    descriptor = _get(pdf, descendant["FontDescriptor"])
    file_reference = descriptor.get("FontFile2")
    font_file = _get(pdf, file_reference)
    if font_file is None or not isinstance(getattr(font_file, "stream", None), list):
        return None
    try:
        font = TTFont(io.BytesIO(b"".join(font_file.stream)))
        cmap = font.getBestCmap()
        metrics = font["hmtx"].metrics
        units = font["head"].unitsPerEm
    except Exception:  # not a TrueType file fontTools reads: the field keeps its font
        return None
    widths = []
    for code in range(32, 256):
        try:
            glyph = cmap.get(ord(bytes([code]).decode("cp1252")))
        except UnicodeDecodeError:
            glyph = None
        widths.append(round(metrics[glyph][0] * 1000 / units) if glyph in metrics else 0)
    simple_descriptor = pydyf.Dictionary(dict(descriptor))
    simple_descriptor["Flags"] = 32  # nonsymbolic: the encoding names the glyphs
    pdf.add_object(simple_descriptor)
    simple = pydyf.Dictionary(
        {
            "Type": "/Font",
            "Subtype": "/TrueType",
            "BaseFont": descriptor["FontName"],
            "FirstChar": 32,
            "LastChar": 255,
            "Widths": pydyf.Array(widths),
            "Encoding": "/WinAnsiEncoding",
            "FontDescriptor": simple_descriptor.reference,
        }
    )
    pdf.add_object(simple)
    reference: bytes = simple.reference
    return reference
