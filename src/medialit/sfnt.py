"""Read a TrueType font's character map and metrics, and cut it down to the glyphs a page draws.

All with the standard library: fontTools, which reads any font, takes longer to import
than ``medialit check`` takes to read a lesson, and longer to load a font's layout tables
than drawing a class's name tags and cover. :func:`characters` reads the character map
formats of nearly every font (4 and 12), and says ``None`` for the others; the layout
stage's ``glyphs`` then asks fontTools. Used by every stage that measures or draws text
(the name tags' sizes, the glyph check, the drawn pages), so it sits at the top.

fontTools' subsetter does this for any font, but loading it and its layout tables takes
longer than drawing a class's name tags and cover (about 0.1 s a font, 0.3 s to import).
A PDF's CID font needs far less: each glyph's outline by its id (the ids are kept, so
that the content stream's codes stay the glyph ids) and the tables that size and place
them. So this keeps ``head``, ``hhea``, ``maxp`` and ``hmtx`` as they are, empties every
outline the page does not draw (and that no drawn composite glyph is built from), and
leaves out the rest (character map, names, hinting, OpenType layout): a PDF reader takes
the glyphs by id and the text from the ToUnicode map.
"""

from __future__ import annotations

import bisect
import struct
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

_KEPT = (b"head", b"hhea", b"maxp", b"hmtx", b"OS/2")

# Composite glyph flags (OpenType "glyf" table).
_ARGS_ARE_WORDS = 0x0001
_HAVE_SCALE = 0x0008
_MORE_COMPONENTS = 0x0020
_HAVE_XY_SCALE = 0x0040
_HAVE_TWO_BY_TWO = 0x0080


def _tables(font: bytes) -> dict[bytes, bytes]:
    (count,) = struct.unpack_from(">H", font, 4)
    tables = {}
    for n in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", font, 12 + 16 * n)
        tables[tag] = font[offset : offset + length]
    return tables


_UNICODE_SUBTABLES = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))
"""Platform and encoding of the Unicode character maps, best first (as fontTools' getBestCmap)."""


def characters(font: bytes) -> frozenset[int] | None:
    """The characters ``font`` has a glyph for, from its best Unicode character map; ``None``
    if the file is not a plain TrueType or OpenType font or its map is in another format."""
    # The glyph check of every `medialit check`: the codes alone, without each one's glyph
    # id and without copying the font's other tables (4.8 ms → 1 ms for Andika).
    try:
        found = _best_map(font, _cmap(font))
        if found is None:
            return None
        cmap, start, kind = found
        if kind == 12:
            return frozenset(_format_12_codes(cmap, start))
        return frozenset(_format_4(cmap, start))
    except (KeyError, struct.error):
        return None


Ranges = tuple[tuple[int, ...], tuple[int, ...]]
"""Characters as sorted ranges apart from each other: the first codes, and the last codes."""


def character_ranges(font: bytes) -> Ranges | None:
    """:func:`characters` as ranges, read from a format 12 map without listing each character
    (Andika's 2,448 in 129 ranges: the glyph check of every `medialit check`)."""
    try:
        return _map_ranges(font[:4], _cmap(font))
    except (KeyError, struct.error):
        return None


def file_character_ranges(path: Path) -> Ranges | None:
    """:func:`character_ranges` of a font file, of which only the character map is read:
    a tenth of the file, which read whole took as long as its map takes to read."""
    try:
        with path.open("rb") as file:
            header = file.read(12)
            (count,) = struct.unpack_from(">H", header, 4)
            directory = file.read(16 * count)
            for n in range(count):
                tag, _, offset, length = struct.unpack_from(">4sIII", directory, 16 * n)
                if tag == b"cmap":
                    file.seek(offset)
                    return _map_ranges(header[:4], file.read(length))
    except (KeyError, struct.error):
        return None
    return None


def _map_ranges(signature: bytes, cmap: bytes) -> Ranges | None:
    found = _best_map(signature, cmap)
    if found is None:
        return None
    cmap, start, kind = found
    if kind == 12:
        return _format_12_ranges(cmap, start)
    return merged_ranges((code, code) for code in _format_4(cmap, start))


def merged_ranges(ranges: Iterable[tuple[int, int]]) -> Ranges:
    """``(first, last)`` ranges of characters, sorted and joined where they touch or overlap."""
    merged: list[list[int]] = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    return tuple(r[0] for r in merged), tuple(r[1] for r in merged)


def in_ranges(code: int, ranges: Ranges) -> bool:
    """Whether ``code`` is in one of ``ranges``."""
    starts, ends = ranges
    index = bisect.bisect_right(starts, code) - 1
    return index >= 0 and code <= ends[index]


def glyph_map(font: bytes) -> dict[int, int] | None:
    """Each character's glyph id, from the best Unicode character map (as :func:`characters`);
    characters mapped to the missing glyph (0) are left out."""
    try:
        found = _best_map(font, _tables(font)[b"cmap"])
        if found is None:
            return None
        cmap, start, kind = found
        return _format_12(cmap, start) if kind == 12 else _format_4(cmap, start)
    except (KeyError, struct.error):
        return None


def _cmap(font: bytes) -> bytes:
    """The font's character map table, the only one copied out of it."""
    (count,) = struct.unpack_from(">H", font, 4)
    for n in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", font, 12 + 16 * n)
        if tag == b"cmap":
            return font[offset : offset + length]
    raise KeyError(b"cmap")


def _best_map(font: bytes, cmap: bytes) -> tuple[bytes, int, int] | None:
    """The best Unicode character map of a TrueType or OpenType font (format 12 or 4), as
    ``(cmap table, its start, its format)``; ``None`` for other fonts and formats."""
    if font[:4] not in (b"\0\1\0\0", b"OTTO", b"true"):
        return None
    (count,) = struct.unpack_from(">H", cmap, 2)
    found: dict[tuple[int, int], int] = {}
    for n in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", cmap, 4 + 8 * n)
        found.setdefault((platform, encoding), offset)
    for key in _UNICODE_SUBTABLES:
        if key in found:
            (kind,) = struct.unpack_from(">H", cmap, found[key])
            if kind in (12, 4):
                return cmap, found[key], kind
    return None


def _format_12(cmap: bytes, start: int) -> dict[int, int]:
    (groups,) = struct.unpack_from(">I", cmap, start + 12)
    glyphs: dict[int, int] = {}
    for n in range(groups):
        first, last, glyph = struct.unpack_from(">III", cmap, start + 16 + 12 * n)
        codes = range(first, last + 1)
        glyphs.update(zip(codes, range(glyph, glyph + len(codes)), strict=True))
    return {code: glyph for code, glyph in glyphs.items() if glyph}


def _format_12_codes(cmap: bytes, start: int) -> set[int]:
    """The characters of :func:`_format_12` (the keys it keeps), without their glyph ids."""
    (groups,) = struct.unpack_from(">I", cmap, start + 12)
    codes: set[int] = set()
    for n in range(groups):
        first, last, glyph = struct.unpack_from(">III", cmap, start + 16 + 12 * n)
        codes.update(range(first, last + 1))
        if glyph == 0:  # only a group's first character can map to the missing glyph
            codes.discard(first)
    return codes


def _format_12_ranges(cmap: bytes, start: int) -> Ranges:
    """The characters of :func:`_format_12_codes` as ranges, from its groups read at once."""
    (groups,) = struct.unpack_from(">I", cmap, start + 12)
    values = struct.unpack_from(f">{3 * groups}I", cmap, start + 16)
    firsts, lasts, glyphs = values[0::3], values[1::3], values[2::3]
    if any(first <= last for first, last in zip(firsts[1:], lasts, strict=False)):
        # Groups out of order or overlapping, which the format forbids: where two groups
        # share a character, the later one's glyph is the character's.
        return merged_ranges((code, code) for code in _format_12_codes(cmap, start))
    if 0 in glyphs:  # only a group's first character can map to the missing glyph
        kept = [(f + (g == 0), last) for f, last, g in zip(firsts, lasts, glyphs, strict=True)]
        return merged_ranges((first, last) for first, last in kept if first <= last)
    # Sorted and apart already: only groups that touch are joined.
    cuts = [n for n in range(1, groups) if firsts[n] > lasts[n - 1] + 1]
    return (
        tuple(firsts[n] for n in [0, *cuts]) if groups else (),
        tuple(lasts[n - 1] for n in [*cuts, groups]) if groups else (),
    )


def _format_4(cmap: bytes, start: int) -> dict[int, int]:
    (doubled,) = struct.unpack_from(">H", cmap, start + 6)
    segments = doubled // 2
    ends = struct.unpack_from(f">{segments}H", cmap, start + 14)
    starts = struct.unpack_from(f">{segments}H", cmap, start + 16 + doubled)
    deltas = struct.unpack_from(f">{segments}h", cmap, start + 16 + 2 * doubled)
    range_at = start + 16 + 3 * doubled
    offsets = struct.unpack_from(f">{segments}H", cmap, range_at)
    glyphs: dict[int, int] = {}
    for n in range(segments):
        for code in range(starts[n], ends[n] + 1):
            if code == 0xFFFF:
                continue
            if offsets[n] == 0:
                glyph = (code + deltas[n]) & 0xFFFF
            else:
                at = range_at + 2 * n + offsets[n] + 2 * (code - starts[n])
                (glyph,) = struct.unpack_from(">H", cmap, at)
                glyph = (glyph + deltas[n]) & 0xFFFF if glyph else 0
            if glyph:
                glyphs[code] = glyph
    return glyphs


# A NamedTuple, defined ten times quicker than a frozen dataclass (on every check's path, which
# never uses it): read by its fields, never compared, never given to a template.
class Metrics(NamedTuple):
    """What placing text needs of a font: each character's glyph and advance, and its heights."""

    glyphs: dict[int, int]
    """Glyph id by code point."""
    advances: list[int]
    """Advance width by glyph id, in font units."""
    units: int
    ascent: int
    descent: int
    """Below the baseline: negative."""
    bbox: tuple[int, int, int, int]
    cap_height: int


def metrics(font: bytes) -> Metrics | None:
    """A TrueType font's metrics (``None`` for a font :func:`glyph_map` cannot read)."""
    glyphs = glyph_map(font)
    if glyphs is None:
        return None
    tables = _tables(font)
    head, hhea, hmtx = tables[b"head"], tables[b"hhea"], tables[b"hmtx"]
    (units,) = struct.unpack_from(">H", head, 18)
    bbox = struct.unpack_from(">hhhh", head, 36)
    ascent, descent = struct.unpack_from(">hh", hhea, 4)
    (long_metrics,) = struct.unpack_from(">H", hhea, 34)
    (count,) = struct.unpack_from(">H", tables[b"maxp"], 4)
    advances = [struct.unpack_from(">H", hmtx, 4 * n)[0] for n in range(long_metrics)]
    advances += [advances[-1]] * (count - long_metrics)  # the last advance repeats
    os2 = tables.get(b"OS/2", b"")
    version = struct.unpack_from(">H", os2, 0)[0] if len(os2) >= 2 else 0
    cap = struct.unpack_from(">h", os2, 88)[0] if version >= 2 and len(os2) >= 90 else ascent
    return Metrics(glyphs, advances, units, ascent, descent, bbox, cap or ascent)


def _components(glyph: bytes) -> list[int]:
    """The glyphs a composite glyph is made of (none for a simple glyph)."""
    if len(glyph) < 10 or struct.unpack_from(">h", glyph, 0)[0] >= 0:
        return []
    found = []
    offset = 10
    while True:
        flags, index = struct.unpack_from(">HH", glyph, offset)
        found.append(index)
        offset += 4 + (4 if flags & _ARGS_ARE_WORDS else 2)
        if flags & _HAVE_SCALE:
            offset += 2
        elif flags & _HAVE_XY_SCALE:
            offset += 4
        elif flags & _HAVE_TWO_BY_TWO:
            offset += 8
        if not flags & _MORE_COMPONENTS:
            return found


def subset(font: bytes, glyphs: Iterable[int]) -> bytes:
    """A TrueType font with only the outlines of ``glyphs`` (and .notdef), ids unchanged."""
    tables = _tables(font)
    long_offsets = struct.unpack_from(">h", tables[b"head"], 50)[0] == 1
    (count,) = struct.unpack_from(">H", tables[b"maxp"], 4)
    loca = tables[b"loca"]
    if long_offsets:
        offsets = list(struct.unpack(f">{count + 1}I", loca[: 4 * (count + 1)]))
    else:
        offsets = [2 * o for o in struct.unpack(f">{count + 1}H", loca[: 2 * (count + 1)])]
    glyf = tables[b"glyf"]

    def outline(gid: int) -> bytes:
        return glyf[offsets[gid] : offsets[gid + 1]] if gid < count else b""

    wanted = {0}
    todo = [gid for gid in glyphs if 0 <= gid < count]
    while todo:
        gid = todo.pop()
        if gid not in wanted:
            wanted.add(gid)
            todo.extend(_components(outline(gid)))
    new_glyf = bytearray()
    new_offsets = []
    for gid in range(count):
        new_offsets.append(len(new_glyf))
        if gid in wanted:
            new_glyf += outline(gid)
            new_glyf += b"\0" * (-len(new_glyf) % 4)
    new_offsets.append(len(new_glyf))
    head = bytearray(tables[b"head"])
    struct.pack_into(">I", head, 8, 0)  # checkSumAdjustment: not checked by PDF readers
    struct.pack_into(">h", head, 50, 1)  # long loca offsets
    kept = {tag: tables[tag] for tag in _KEPT if tag in tables}
    kept[b"head"] = bytes(head)
    kept[b"loca"] = struct.pack(f">{count + 1}I", *new_offsets)
    kept[b"glyf"] = bytes(new_glyf)
    return _sfnt(kept)


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    words: tuple[int, ...] = struct.unpack(f">{len(padded) // 4}I", padded)
    return sum(words) & 0xFFFFFFFF


def _sfnt(tables: dict[bytes, bytes]) -> bytes:
    """The font file: the table directory, then each table padded to four bytes."""
    tags = sorted(tables)
    power = 1
    while power * 2 <= len(tags):
        power *= 2
    header = struct.pack(
        ">IHHHH",
        0x00010000,
        len(tags),
        power * 16,
        power.bit_length() - 1,
        (len(tags) - power) * 16,
    )
    offset = 12 + 16 * len(tags)
    records, body = bytearray(), bytearray()
    for tag in tags:
        data = tables[tag]
        records += struct.pack(">4sIII", tag, _checksum(data), offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    return header + bytes(records) + bytes(body)
