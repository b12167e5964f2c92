"""Turn a checked lesson, the settings and a class pack into the pack's template contexts.

The class pack's cover sheet (``cover.html``: who got which level and version,
and the keys to mark with) and the names stamped onto each copy
(``names.html``). Pure: no I/O, no rendering.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from medialit.lesson.reading import CheckedLesson
from medialit.render.context import sheet_language
from medialit.render.typography import typographic
from medialit.settings.languages import direction, join_list
from medialit.settings.schema import Settings
from medialit.sheets.pack import PackPlan
from medialit.sheets.variants import Level, document_file, level_name

if TYPE_CHECKING:  # measuring names needs fontTools, which `medialit check` does not
    from medialit.sheets.nametag import NameTag, Slot


@dataclass(frozen=True)
class CoverRow:
    """One student on the class pack's cover sheet."""

    copy: int
    """The copy's place in the pack (1 is the first)."""
    name: str
    level: str
    """The level as printed, with its code (``Guided (K7)``)."""
    version: str | None
    adjustments: str = ""
    """The copy's own font size and theme, if the roster gives them (``14pt, high-readability``)."""


@dataclass(frozen=True)
class CoverContext:
    """Everything the class pack's cover sheet template (``cover.html``) receives."""

    title: str
    language: str
    direction: str
    """``rtl`` for a language written right to left, else ``ltr``."""
    settings: Settings
    document_title: str
    rows: list[CoverRow]
    keys: list[str]
    """The key files that go with the pack, e.g. ``key-guided-A.pdf``."""
    keys_text: str
    """Those file names as a list in the sheets' language."""
    pack_file: str = "class-pack.pdf"
    """The class pack's file: ``class-pack.pdf``, or ``class-pack-core.pdf`` with ``--select``."""


@dataclass(frozen=True)
class NameTagsContext:
    """What ``names.html`` receives: one name tag per copy, and where the slot is."""

    language: str
    paper: str
    label: str
    """The word before each name (``Name:``) in the sheets' language."""
    tags: list[NameTag]
    """Each copy's name and the font size (points) at which it fits."""
    slot: Slot
    """Where the name goes: ``left``, ``top``, ``width``, ``height``, ``label`` in mm."""


def _level_with_mark(level: Level, settings: Settings) -> str:
    """``Guided (K7)``: the level's name with the code its students' copies carry."""
    return f"{level_name(level, settings.words)} ({settings.level_marks.get(level, '')})"


def cover_context(checked: CheckedLesson, settings: Settings, pack: PackPlan) -> CoverContext:
    """The class pack's cover sheet: who got which level and version, and the keys to use."""
    language = sheet_language(checked, settings)
    title = typographic(checked.lesson.title)
    keys = list(dict.fromkeys(document_file("key", variant) for variant in pack.variants))
    return CoverContext(
        title=title,
        language=language,
        direction=direction(language),
        settings=settings,
        document_title=settings.words.cover_title.replace("{title}", title),
        rows=[
            CoverRow(
                n,
                copy.name,
                _level_with_mark(copy.variant.level, settings),
                copy.variant.version,
                copy.options.adjustments,
            )
            for n, copy in enumerate(pack.copies, start=1)
        ],
        keys=keys,
        keys_text=join_list(keys, language),
        pack_file=pack.file,
    )


def name_tags_context(
    checked: CheckedLesson, settings: Settings, pack: PackPlan
) -> NameTagsContext:
    """Every copy's name, sized to fit the name slot, to stamp onto the laid-out copies."""
    from medialit.sheets.nametag import SLOT, name_tag  # fontTools: needed for class packs only

    return NameTagsContext(
        language=sheet_language(checked, settings),
        paper=settings.paper,
        label=settings.words.name,
        tags=[name_tag(copy.name) for copy in pack.copies],
        slot=SLOT,
    )
