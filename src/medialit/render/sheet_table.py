"""The table of sheets: each sheet's template, context, file name and whether it is a student's
copy. Planning, the preview and ``medialit check`` read it, so a new sheet is one row here.

Per level and version: the student worksheet and the answer key (``student-guided-B.pdf``,
``key-guided-B.pdf``, see :func:`medialit.sheets.variants.document_file`). Per class pack: the
cover (``cover.pdf``) and the name tags (stamped onto the copies, never written alone).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import jinja2

from medialit.lesson.reading import CheckedLesson
from medialit.render.context import student_context
from medialit.render.key_context import key_context
from medialit.render.number_map import NumberedSheet
from medialit.render.pack_context import cover_context, name_tags_context
from medialit.render.templates import render_context
from medialit.settings.schema import Settings
from medialit.sheets.pack import PackPlan
from medialit.sheets.variants import PLAIN, PLAIN_COPY, CopyOptions, Variant, document_file


@dataclass(frozen=True)
class SheetInput:
    """What a sheet's context is made from; a sheet reads the parts it needs."""

    checked: CheckedLesson
    settings: Settings
    variant: Variant = PLAIN
    copy: CopyOptions = PLAIN_COPY
    """A student's copy's own options; the key reads only ``named`` (a class pack's key is
    labelled with its level, as the pack's copies are), the other sheets ignore them."""
    lines: dict[int, int] | None = None
    """The line where each statement starts on the independent student sheet (the key's)."""
    versions: Sequence[Variant] = ()
    """The other versions of the same level, whose grids the key prints too."""
    others: Sequence[NumberedSheet] = ()
    """Every numbered sheet of the build, each level's, whose numbers the key maps to its own."""
    pack: PackPlan | None = None
    """The class pack, for the sheets made once per pack."""


@dataclass(frozen=True)
class Sheet:
    """One kind of sheet: one row of the table."""

    name: str
    """What it is called, and the start of its file's name: ``student``, ``key``, ``cover``."""
    template: str
    context: Callable[[SheetInput], Any]
    per_variant: bool = True
    """One per level and version; else one per class pack."""
    for_students: bool = False
    """A student's copy: it takes the copy's own options (a name, form fields with
    ``--fillable``, a student's own size and theme)."""
    written: bool = True
    """Written to a file of its own; else only a part of the class pack (the name tags)."""

    def file(self, variant: Variant = PLAIN) -> str:
        """``student-guided-B.pdf``, ``cover.pdf``: the file it is written to, if ``written``;
        a class pack's sheet takes only the selection of ``variant`` (``cover-core.pdf``)."""
        if self.per_variant:
            return document_file(self.name, variant)
        return document_file(self.name, Variant(selection=variant.selection))

    def render(self, env: jinja2.Environment, data: SheetInput) -> str:
        """The sheet's HTML."""
        return render_context(env, self.template, self.context(data))


def _pack(data: SheetInput) -> PackPlan:
    assert data.pack is not None, "a class pack's sheet is made for a class pack"
    return data.pack


STUDENT = Sheet(
    "student",
    "student.html",
    lambda data: student_context(data.checked, data.settings, data.variant, data.copy),
    for_students=True,
)
KEY = Sheet(
    "key",
    "key.html",
    lambda data: key_context(
        data.checked,
        data.settings,
        data.variant,
        data.lines,
        data.versions,
        data.others,
        in_pack=data.copy.named,
    ),
)
COVER = Sheet(
    "cover",
    "cover.html",
    lambda data: cover_context(data.checked, data.settings, _pack(data)),
    per_variant=False,
)
NAMES = Sheet(
    "names",
    "names.html",
    lambda data: name_tags_context(data.checked, data.settings, _pack(data)),
    per_variant=False,
    written=False,
)

SHEETS: tuple[Sheet, ...] = (STUDENT, KEY, COVER, NAMES)
"""Every sheet, in the order a build writes them."""
VARIANT_SHEETS = tuple(sheet for sheet in SHEETS if sheet.per_variant)
PACK_SHEETS = tuple(sheet for sheet in SHEETS if not sheet.per_variant)
