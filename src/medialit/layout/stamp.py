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
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO, Any, cast

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    PdfObject,
    TextStringObject,
)

from medialit.layout.reuse import PDFUA
from medialit.layout.xmp import xmp_packet

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
        self.begin = self.stream(b"q\n")
        self.end = self.stream(b"\nQ\n/Artifact BMC q " + _TAG_XOBJECT.encode() + b" Do Q EMC\n")
        self.forms: dict[int, IndirectObject] = {}

    def stream(self, data: bytes, compress: bool = False) -> IndirectObject:
        stream = DecodedStreamObject()
        stream.set_data(data)
        # pypdf has no public name for _add_object
        # Level 1: the codes' rectangles shrink as much as at the default level, in half the time.
        return self.writer._add_object(stream.flate_encode(level=1) if compress else stream)

    def form(self, tag_index: int) -> IndirectObject:
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

    def stamp(self, added: PageObject, tag_index: int, marks: bytes | None = None) -> None:
        """Draw tag page ``tag_index`` over a page of this writer, and ``marks`` after it."""
        # Copies: the page's own resources are shared by every copy of the layout.
        resource_dict = DictionaryObject(cast(DictionaryObject, added["/Resources"].get_object()))
        xobjects = DictionaryObject(
            cast(DictionaryObject, resource_dict.get("/XObject", DictionaryObject()).get_object())
        )
        xobjects[_TAG_XOBJECT] = self.form(tag_index)
        resource_dict[NameObject("/XObject")] = xobjects
        added[NameObject("/Resources")] = resource_dict
        contents = added.raw_get("/Contents")
        parts = list(contents) if isinstance(contents, ArrayObject) else [contents]
        after = [self.end] if marks is None else [self.end, self.stream(marks, compress=True)]
        added[NameObject("/Contents")] = ArrayObject([self.begin, *parts, *after])


# A page's entries not carried into the pack: its place in the layout's page tree and
# structure tree (the combined pack is for printing and is not tagged), and what is redrawn.
_NOT_COPIED = {"/Parent", "/StructParents", "/Contents", "/Resources"}


class _Written(PdfObject):
    """An object whose bytes are settled, written as they are: a copy's page, its resources
    and its codes are formatted from bytes its layout's page gave once, not walked name by
    name by pypdf's writer (most of a 300-copy pack's writing time)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def write_to_stream(self, stream: IO[Any]) -> None:
        stream.write(self.data)


def _written(obj: PdfObject) -> bytes:
    buffer = io.BytesIO()
    obj.write_to_stream(buffer)
    return buffer.getvalue()


def _entries(dictionary: DictionaryObject) -> bytes:
    """A dictionary's entries as pypdf writes them between ``<<`` and ``>>``."""
    return b"".join(_written(k) + b" " + _written(v) + b"\n" for k, v in dictionary.items())


@dataclass
class _Template:
    """A layout's page, its objects cloned into the pack once and shared by every copy."""

    entries: bytes
    """The page's own entries (its size, boxes), written."""
    resources: bytes
    """Its resources' entries but the images and forms, written."""
    xobjects: bytes
    """The entries of its images and forms, written: a copy adds its name tag to them."""
    contents: bytes
    """References to its content streams."""
    width: float
    height: float


def _template(page: PageObject, writer: PdfWriter) -> _Template:
    entries = DictionaryObject(
        {NameObject(k): v.clone(writer) for k, v in page.items() if k not in _NOT_COPIED}
    )
    contents = page.raw_get("/Contents").clone(writer)
    parts = list(contents) if isinstance(contents, ArrayObject) else [contents]
    resources = cast(DictionaryObject, page.raw_get("/Resources").clone(writer).get_object())
    others = DictionaryObject({k: v for k, v in resources.items() if k != "/XObject"})
    xobjects = resources.get("/XObject", DictionaryObject()).get_object()
    box = page.mediabox
    return _Template(
        _entries(entries),
        _entries(others),
        _entries(cast(DictionaryObject, xobjects)),
        b" ".join(_written(part) for part in parts),
        float(box.width),
        float(box.height),
    )


def read_layouts(layouts: Sequence[bytes | PdfReader]) -> list[PdfReader]:
    """Each layout parsed (once: a caller that reads them too passes them parsed)."""
    return [
        layout if isinstance(layout, PdfReader) else PdfReader(io.BytesIO(layout))
        for layout in layouts
    ]


def stamp_copies(
    layouts: Sequence[bytes | PdfReader],
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
    # Each page of a layout is cloned once, and every copy's page is a small dictionary that
    # points at its objects: pypdf's add_page would clone the page again for every copy.
    readers = read_layouts(layouts)
    tags = PdfReader(io.BytesIO(tags_pdf))
    if len(tags.pages) != len(copy_layouts):
        raise ValueError(f"{len(tags.pages)} name tags for {len(copy_layouts)} copies")
    writer = PdfWriter()
    writer.pdf_header = max(reader.pdf_header for reader in readers)
    stamper = _Stamper(writer, tags)
    templates = [[_template(page, writer) for page in reader.pages] for reader in readers]
    tree = writer.root_object.raw_get("/Pages")
    kids = ArrayObject()
    placed = []
    tree_reference = _written(tree)
    begin, end = _written(stamper.begin), _written(stamper.end)
    for index, layout in enumerate(copy_layouts):
        pages = templates[layout]
        tag = b"%s %d 0 R\n" % (_TAG_XOBJECT.encode(), stamper.form(index).idnum)
        resources: dict[bytes, bytes] = {}  # a copy's pages share their resources
        for number, page in enumerate(pages):
            own = resources.get(page.resources + page.xobjects)
            if own is None:
                written = b"<<\n%s/XObject <<\n%s%s>>\n>>" % (page.resources, page.xobjects, tag)
                own = _written(writer._add_object(_Written(written)))
                resources[page.resources + page.xobjects] = own
            drawn = None if marks is None else marks(index, number, page.width, page.height)
            after = end
            if drawn is not None:
                # Level 1: the codes shrink as much as at the default level, in half the time.
                data = zlib.compress(drawn, 1)
                stream = b"<<\n/Filter /FlateDecode\n/Length %d\n>>\nstream\n" % len(data)
                code = writer._add_object(_Written(stream + data + b"\nendstream"))
                after += b" " + _written(code)
            entries = b"%s/Parent %s\n/Resources %s\n/Contents [%s %s %s]\n" % (
                page.entries,
                tree_reference,
                own,
                begin,
                page.contents,
                after,
            )
            # pypdf has no public name for _add_object
            kids.append(writer._add_object(_Written(b"<<\n%s>>" % entries)))
        placed.append(StampedCopy(len(kids) - len(pages) + 1, len(kids)))
        if double_sided and len(pages) % 2:
            kids.append(writer._add_object(_blank(pages[0], tree)))
    page_tree = cast(DictionaryObject, tree.get_object())
    page_tree[NameObject("/Kids")] = kids
    page_tree[NameObject("/Count")] = NumberObject(len(kids))
    return _finish(writer, title, language), placed


def _blank(like: _Template, tree: PdfObject) -> DictionaryObject:
    """An empty page of ``like``'s size, as pypdf's add_blank_page makes one."""
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Page"),
            NameObject("/Parent"): tree,
            NameObject("/Resources"): DictionaryObject(),
            NameObject("/MediaBox"): ArrayObject(
                [
                    NumberObject(0),
                    NumberObject(0),
                    FloatObject(like.width),
                    FloatObject(like.height),
                ]
            ),
        }
    )


def _finish(writer: PdfWriter, title: str, language: str) -> bytes:
    writer.add_metadata({"/Title": title, "/Creator": "medialit"})
    writer.root_object[NameObject("/Lang")] = TextStringObject(language)
    # The XMP names the same title (PDF/UA): a copy would keep its layout's otherwise.
    metadata = DecodedStreamObject()
    metadata.set_data(xmp_packet(title, language, "medialit", pdfua=PDFUA))
    metadata[NameObject("/Type")] = NameObject("/Metadata")
    metadata[NameObject("/Subtype")] = NameObject("/XML")
    writer.root_object[NameObject("/Metadata")] = writer._add_object(metadata)
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
