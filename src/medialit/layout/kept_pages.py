"""Kept pages: a laid-out PDF's objects as the bytes pydyf writes for them, and back.

The layout cache (``layout_cache.py``) stores a layout as its PDF objects just
before the document information (title, dates) and the trailer are written, so
that a reused layout can be dated anew (:func:`medialit.layout.pdf.pdf_from_pages`).
They are kept as plain data: each object's number, generation and bytes, and the
information's names and values as bytes. Reading them back builds bytes and
numbers only. (They used to be a pickle, and a crafted cache entry could make a
pickle run any command when it was read.)

The format: :data:`MAGIC`, one line of JSON saying how the bytes divide (each
object's generation, whether it is in use, whether it may go in an object
stream, its length; each information entry's name and length; the catalog's
number), then the bytes, one after the other.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pydyf

MAGIC = b"medialit kept pages 1\n"
# Names of the document information entries; WeasyPrint keeps only letters and digits.
_NAME = re.compile(r"[A-Za-z0-9]+")


class _Written(pydyf.Object):  # type: ignore[misc]
    """One PDF object as pydyf writes it: its bytes are settled, nothing is computed."""

    def __init__(self, number: int, generation: int, free: str, compressible: bool, data: bytes):
        super().__init__()
        self.number, self.generation, self.free = number, generation, free
        self._compressible, self._data = compressible, data

    @property
    def data(self) -> bytes:
        return self._data

    @property
    def compressible(self) -> bool:
        return self._compressible


def keep(pdf: Any) -> bytes:
    """``pdf`` (a ``pydyf.PDF`` before it is written) as kept pages.

    Its objects are replaced by their written bytes (each object's public ``data``,
    which compresses a stream as writing it would), so the PDF then written is made
    of exactly the bytes that are kept. ValueError, before anything is replaced, if
    the document information holds a value that is not a PDF object, text or number.
    """
    info = [(str(key), _bytes(value)) for key, value in pdf.info.items()]
    written = [
        _Written(
            number,
            obj.generation,
            obj.free,
            obj.compressible,
            b"" if obj.free == "f" else obj.data,
        )
        for number, obj in enumerate(pdf.objects)
    ]
    pdf.objects[:] = written
    header = {
        "objects": [[o.generation, o.free, o.compressible, len(o.data)] for o in written],
        "info": [[key, len(value)] for key, value in info],
        "catalog": pdf.catalog.number,
    }
    return b"".join(
        [
            MAGIC,
            json.dumps(header, separators=(",", ":")).encode("ascii"),
            b"\n",
            *(o.data for o in written),
            *(value for _, value in info),
        ]
    )


def restore(kept: bytes) -> Any:
    """The ``pydyf.PDF`` that :func:`keep` kept, ready to be written; ValueError if damaged."""
    if not kept.startswith(MAGIC):
        raise ValueError("not kept pages")
    end = kept.find(b"\n", len(MAGIC))
    if end < 0:
        raise ValueError("no header")
    try:
        header = json.loads(kept[len(MAGIC) : end])
    except RecursionError:  # brackets nested thousands deep
        raise ValueError("damaged header") from None
    if not isinstance(header, dict):
        raise ValueError("damaged header")
    objects, info, catalog = header.get("objects"), header.get("info"), header.get("catalog")
    if not isinstance(objects, list) or not isinstance(info, list) or type(catalog) is not int:
        raise ValueError("damaged header")
    position = end + 1

    def take(length: object) -> bytes:
        nonlocal position
        if type(length) is not int or length < 0 or position + length > len(kept):
            raise ValueError("damaged lengths")
        position += length
        return kept[position - length : position]

    pdf = pydyf.PDF()
    pdf.objects = []
    for number, entry in enumerate(objects):
        if not isinstance(entry, list) or len(entry) != 4:
            raise ValueError("damaged object")
        generation, free, compressible, length = entry
        if (
            type(generation) is not int
            or generation < 0
            or free not in ("n", "f")
            or type(compressible) is not bool
        ):
            raise ValueError("damaged object")
        pdf.objects.append(_Written(number, generation, free, compressible, take(length)))
    pdf.info = pydyf.Dictionary()
    for entry in info:
        if not isinstance(entry, list) or len(entry) != 2 or not _is_name(entry[0]):
            raise ValueError("damaged information")
        pdf.info[entry[0]] = take(entry[1])
    if position != len(kept) or not 0 < catalog < len(pdf.objects):
        raise ValueError("damaged lengths")
    pdf.catalog = pdf.objects[catalog]
    return pdf


def _is_name(name: object) -> bool:
    return isinstance(name, str) and _NAME.fullmatch(name) is not None


def _bytes(value: object) -> bytes:
    """A document information value as pydyf writes it (WeasyPrint gives ``pydyf.String``)."""
    if isinstance(value, bytes):
        return value
    if isinstance(value, pydyf.Object):
        data = value.data
        if isinstance(data, bytes):
            return data
    elif isinstance(value, str | int) and not isinstance(value, bool):
        return str(value).encode("ascii")
    raise ValueError(f"a document information value medialit cannot keep: {value!r}")
