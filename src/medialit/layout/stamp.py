"""Put students' names on worksheets that were laid out once.

Layout is the expensive part of a PDF, and a name does not change it: every
copy of one variant has the same pages. So each variant is laid out once
with the top-left of its top margin left empty, one small document holds
every student's name tag (one page each, in that same place), and here each
copy's pages are the variant's pages with the copy's tag drawn over them.

The variant's page content is shared by every copy in the file, not
repeated, and the tag is drawn as a form XObject after it, so that its
fonts cannot clash with the page's: nothing on the page changes except the
name, which is marked as an artifact (untagged content a screen reader skips).

A student's own copy (``--split``) is made from the tagged layout itself, so
it keeps the structure tree, language and title that screen readers need;
the combined pack, which is for the printer, is not tagged.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import cast

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    TextStringObject,
)

_TAG_XOBJECT = NameObject("/MedialitNameTag")

PageMarks = Callable[[int, int, float, float], bytes | None]
"""What else to draw on copy ``i``'s page ``p`` (0-based) of that width and height, after its
name (a markable pack's code and corner marks, :func:`medialit.layout.sheet_codes.code_stream`),
in the page's first graphics state; ``None`` for nothing."""


@dataclass(frozen=True)
class StampedCopy:
    """Where one copy's pages are in the combined PDF (1-based, inclusive)."""

    first_page: int
    last_page: int


class _Stamper:
    """Adds tagged copies of laid-out pages to one writer, sharing their content."""

    def __init__(self, writer: PdfWriter, tags: PdfReader) -> None:
        self.writer = writer
        self.tags = tags
        self.begin = self._stream(b"q\n")
        self.end = self._stream(b"\nQ\n/Artifact BMC q " + _TAG_XOBJECT.encode() + b" Do Q EMC\n")
        self.forms: dict[int, IndirectObject] = {}

    def _stream(self, data: bytes, compress: bool = False) -> IndirectObject:
        stream = DecodedStreamObject()
        stream.set_data(data)
        # pypdf has no public name for _add_object
        return self.writer._add_object(stream.flate_encode() if compress else stream)

    def _form(self, tag_index: int) -> IndirectObject:
        """Tag page ``tag_index`` as a form XObject, made once and reused on every page."""
        if tag_index not in self.forms:
            page = self.tags.pages[tag_index]
            form = page.raw_get("/Contents").clone(self.writer)
            stream = form.get_object()
            stream[NameObject("/Type")] = NameObject("/XObject")
            stream[NameObject("/Subtype")] = NameObject("/Form")
            stream[NameObject("/BBox")] = ArrayObject(page.mediabox)
            stream[NameObject("/Resources")] = page["/Resources"].clone(self.writer)
            self.forms[tag_index] = form
        return self.forms[tag_index]

    def add_page(self, page: PageObject, tag_index: int, marks: bytes | None = None) -> None:
        added = self.writer.add_page(page)
        self.stamp(added, tag_index, marks)

    def stamp(self, added: PageObject, tag_index: int, marks: bytes | None = None) -> None:
        """Draw tag page ``tag_index`` over a page of this writer, and ``marks`` after it."""
        # Copies: the page's own resources are shared by every copy of the layout.
        resource_dict = DictionaryObject(cast(DictionaryObject, added["/Resources"].get_object()))
        xobjects = DictionaryObject(
            cast(DictionaryObject, resource_dict.get("/XObject", DictionaryObject()).get_object())
        )
        xobjects[_TAG_XOBJECT] = self._form(tag_index)
        resource_dict[NameObject("/XObject")] = xobjects
        added[NameObject("/Resources")] = resource_dict
        contents = added.raw_get("/Contents")
        parts = list(contents) if isinstance(contents, ArrayObject) else [contents]
        after = [self.end] if marks is None else [self.end, self._stream(marks, compress=True)]
        added[NameObject("/Contents")] = ArrayObject([self.begin, *parts, *after])

    def add_blank(self, like: PageObject) -> None:
        self.writer.add_blank_page(width=like.mediabox.width, height=like.mediabox.height)


def stamp_copies(
    layouts: Sequence[bytes],
    copy_layouts: Sequence[int],
    tags_pdf: bytes,
    *,
    title: str,
    language: str,
    double_sided: bool = True,
    marks: PageMarks | None = None,
) -> tuple[bytes, list[StampedCopy]]:
    """One PDF of every copy: copy ``i`` is ``layouts[copy_layouts[i]]`` with tag page ``i``,
    and ``marks`` drawn after it on each of its pages.

    With ``double_sided``, a blank page follows a copy with an odd page count so
    that every copy starts on a front page (with no marks).
    """
    # Each layout's pages listed once: pypdf looks a page up afresh on every access.
    layout_pages = [list(PdfReader(io.BytesIO(layout)).pages) for layout in layouts]
    sizes = [
        [(float(p.mediabox.width), float(p.mediabox.height)) for p in ps] for ps in layout_pages
    ]
    tags = PdfReader(io.BytesIO(tags_pdf))
    if len(tags.pages) != len(copy_layouts):
        raise ValueError(f"{len(tags.pages)} name tags for {len(copy_layouts)} copies")
    writer = PdfWriter()
    stamper = _Stamper(writer, tags)
    placed = []
    for index, layout in enumerate(copy_layouts):
        pages = layout_pages[layout]
        first = len(writer.pages) + 1
        for number, (page, (width, height)) in enumerate(zip(pages, sizes[layout], strict=True)):
            drawn = None if marks is None else marks(index, number, width, height)
            stamper.add_page(page, index, drawn)
        placed.append(StampedCopy(first, len(writer.pages)))
        if double_sided and len(pages) % 2:
            stamper.add_blank(pages[0])
    return _finish(writer, title, language), placed


def _finish(writer: PdfWriter, title: str, language: str) -> bytes:
    writer.add_metadata({"/Title": title, "/Creator": "medialit"})
    writer.root_object[NameObject("/Lang")] = TextStringObject(language)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def tagged_copies(
    layouts: Sequence[bytes],
    copy_layouts: Sequence[int],
    tags_pdf: bytes,
    titles: Sequence[str],
    *,
    language: str,
    marks: PageMarks | None = None,
) -> list[bytes]:
    """Each student's copy as a PDF of its own: the tagged layout, cloned whole, with the name.

    Keeping the layout whole keeps the structure tree, the marked content it points
    to and the document's language, so the copy stays as accessible as a single
    worksheet. ``marks`` as for :func:`stamp_copies`.
    """
    tags = PdfReader(io.BytesIO(tags_pdf))
    readers = [PdfReader(io.BytesIO(layout)) for layout in layouts]  # each parsed once
    files = []
    for index, (layout, title) in enumerate(zip(copy_layouts, titles, strict=True)):
        # An incremental update: the layout's bytes as they are, the name and title appended.
        writer = PdfWriter(readers[layout], incremental=True)
        stamper = _Stamper(writer, tags)
        for number, page in enumerate(writer.pages):
            drawn = None
            if marks is not None:
                box = page.mediabox
                drawn = marks(index, number, float(box.width), float(box.height))
            stamper.stamp(page, index, drawn)
        writer.root_object[NameObject("/ViewerPreferences")] = DictionaryObject(
            {NameObject("/DisplayDocTitle"): BooleanObject(True)}
        )
        files.append(_finish(writer, title, language))
    return files
