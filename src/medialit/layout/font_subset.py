"""Cut a TrueType font down to the glyphs a drawn page uses, for embedding in a PDF.

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

import struct
from collections.abc import Iterable

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
