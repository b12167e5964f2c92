"""Fit a student's name into the name slot of a class-pack copy.

The slot is a fixed place in the top margin of every page, so that a name
can be stamped onto pages that were laid out without it. A long name is
shrunk to fit, measured with the real font, and never overflows.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from importlib import resources

NAME_FONT = "fonts/andika/Andika-Bold.ttf"
NAME_MAX_PT = 12.0
_PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class Slot:
    """Where names go on the page, in millimetres from the top-left corner."""

    left: float = 20.0  # the worksheet's left page margin
    top: float = 4.0
    height: float = 9.0
    width: float = 110.0  # leaves the top-right free for the level and version
    label: float = 11.0  # "Name:" and the space after it


SLOT = Slot()


@dataclass(frozen=True)
class NameTag:
    """A student's name and the font size at which it fits the slot."""

    name: str
    font_size: float
    """In points: ``NAME_MAX_PT``, or smaller for a long name."""


@functools.cache
def _advance_widths() -> tuple[dict[int, int], int]:
    """The name font's advance width of each character, and its units per em."""
    from medialit import sfnt  # read here: class packs only

    found = sfnt.metrics((resources.files("medialit") / NAME_FONT).read_bytes())
    assert found is not None, "medialit's own name font is a TrueType font"
    return {code: found.advances[gid] for code, gid in found.glyphs.items()}, found.units


def name_width_em(name: str) -> float:
    """The printed width of ``name`` in ems; a character the font lacks counts as 1 em
    (wider than any fallback glyph, so the estimate errs on the side of fitting)."""
    widths, units = _advance_widths()
    return sum(widths.get(ord(char), units) for char in name) / units


def name_tag(name: str, slot: Slot = SLOT) -> NameTag:
    """Shrink a long name so that it fits the slot; a short one keeps the full size."""
    available_pt = (slot.width - slot.label) * _PT_PER_MM * 0.98
    width = name_width_em(name)
    size = NAME_MAX_PT if width == 0 else min(NAME_MAX_PT, available_pt / width)
    return NameTag(name=name, font_size=math.floor(size * 100) / 100)  # down: never too wide
