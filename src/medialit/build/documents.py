"""What planning gives: each lesson's documents, their HTML rendered (or, for a drawn cover and
name tags, renderable when asked), ready to lay out (:mod:`medialit.build.planning`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from medialit.lesson.reading import CheckedLesson
from medialit.settings.schema import Words
from medialit.sheets.markable import SheetKey
from medialit.sheets.pack import PackPlan


@dataclass(frozen=True)
class Document:
    """One document to lay out: a worksheet, a key, the cover, or a part of the class pack."""

    name: str
    """What it is, unique in its lesson and said in warnings: the file it is written to
    (``key-guided-B.pdf``) or, inside the class pack, ``class-pack.pdf (student-B.pdf)``."""
    file: str | None
    """The file it is written to as laid out, or ``None`` for a part of the class pack."""
    source: str | Callable[[], str]
    """Its HTML, or what renders it when asked (:attr:`html`): a drawn cover's or name tags'
    (from medialit's own templates) is rendered only when something reads it."""
    forms: bool = False
    """Turn the HTML's inputs into PDF form fields (the fillable student sheet)."""
    folders: tuple[Path, ...] = ()
    """Folders the PDF may load files from: templates, theme, logo, the lesson's own."""
    drawn: bytes | None = None
    """The PDF, already drawn without a layout (a class pack's cover and name tags from
    medialit's own templates: :mod:`medialit.layout.drawn_pack`); ``None``: lay out ``html``."""
    key: SheetKey | None = None
    """A markable student sheet's variant and key (``build --markable``): its layout measures
    where its tick boxes and writing areas are, for the record ``medialit mark`` reads."""
    object_streams: bool = True
    """Its PDF's objects in object streams; not for a class pack's layout that is only stamped
    (without ``--split``, whose copies are the layout's own bytes and stay small)."""

    @functools.cached_property
    def html(self) -> str:
        """Its HTML, rendered now if it was not (a second class lays out and renders nothing)."""
        return self.source if isinstance(self.source, str) else self.source()


@dataclass(frozen=True)
class ClassPackDocuments:
    """What a class pack lays out: each variant's worksheet once, and every name tag."""

    plan: PackPlan
    layouts: list[Document]
    """The student worksheet of each of ``plan.variants``, in that order."""
    name_tags: Document
    """The pages of names stamped onto the copies."""


@dataclass
class LessonPlan:
    """A lesson's documents, rendered and ready to lay out."""

    checked: CheckedLesson
    allowed_folders: tuple[Path, ...]
    """Folders the PDF may load files from: templates, theme, logo, the lesson's own."""
    outputs: list[Document] = field(default_factory=list)
    """The documents written as laid out: worksheets, keys, the class pack's cover."""
    class_pack: ClassPackDocuments | None = None
    words: Words = field(default_factory=Words)
    """The fixed words in the lesson's language, for the class pack's titles."""
    language: str = "en"
    """The sheets' language tag."""
    warnings: list[str] = field(default_factory=list)
    """Found while planning, so said before anything is laid out or written."""

    @property
    def pack(self) -> PackPlan | None:
        """Who gets which copy of the class pack, if there is a roster."""
        return self.class_pack.plan if self.class_pack else None

    def documents(self) -> list[Document]:
        """Every document to lay out: outputs, then the class pack's."""
        documents = list(self.outputs)
        if self.class_pack is not None:
            documents += [*self.class_pack.layouts, self.class_pack.name_tags]
        return documents

    def output(self, file: str, html: str | Callable[[], str], forms: bool = False) -> Document:
        """A document written as laid out, to ``file``."""
        return Document(file, file, html, forms, self.allowed_folders)

    def document(self, name: str) -> Document:
        """The document called ``name``; ``KeyError`` if the plan has none."""
        for document in self.documents():
            if document.name == name:
                return document
        raise KeyError(name)
