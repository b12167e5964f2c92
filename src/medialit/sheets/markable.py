"""Sheets that can be read back (``build --markable``): what a page's code says, and the record
of where each sheet's tick boxes and writing areas are, which ``medialit mark`` reads.

Every page of a markable sheet carries a QR code, ``ML1:<set>:<sheet>:<copy>:<page>``, and
four corner marks. ``<set>`` names one build's record, kept as ``markable/<set>.json`` in the
lesson's output folder (a record is never replaced, so sheets printed from an earlier build can
still be marked); ``<sheet>`` is the laid-out sheet in it (a level, version and a student's own
size and theme), ``<copy>`` the class pack's copy (1 is the roster's first student; 0 an
anonymous sheet, printed as many times as needed) and ``<page>`` the copy's page (1-based).

Positions are in PDF points from the page's top-left corner, as :mod:`medialit.marking.results`
keeps them, measured from the real layout (:func:`medialit.layout.internals.marked_boxes`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from medialit.lesson.reading import CheckedLesson
from medialit.sheets.variants import Variant

FORMAT = "medialit-markable-1"
RECORD_FOLDER = "markable"
"""The records' folder in ``build/<lesson>/``."""
MARKS_FOLDER = "marks"
"""Where ``medialit mark`` writes a class's marks, in ``build/<lesson>/``."""
CODE_PREFIX = "ML1"
MM = 72 / 25.4

# Where the marks go, in mm from the page's edges: the left margin (20 mm) and the corners
# hold them, clear of the text (16 mm top and right margins, 20 mm bottom).
CORNER_SIZE = 5.0
CORNER_INSET = 6.0
CODE_MODULES = 25  # a version 2 QR code
CODE_MODULE = 0.5
CODE_LEFT = 4.5
CODE_BOTTOM = 14.0
"""The code's lower edge, above the lower-left corner mark."""


@dataclass(frozen=True)
class Area:
    """A rectangle on ``page`` (1-based, of the copy), in points from the top-left."""

    page: int
    x: float
    y: float
    width: float
    height: float


@dataclass
class SheetStatement:
    """One statement of a laid-out sheet: its printed number, key, tick boxes and reason."""

    number: int
    statement_id: str
    key_kind: str
    also_accept: list[str] = field(default_factory=list)
    ticks: dict[str, Area] = field(default_factory=dict)
    reason: Area | None = None
    reading: int = 0
    """Its place in the article's reading order (1 first), whatever number the version prints."""


@dataclass
class SheetLayout:
    """One laid-out sheet of the set (copies of it differ only by the name stamped on)."""

    sheet: int
    file: str
    level: str
    version: str | None
    pages: int
    page_width: float
    page_height: float
    statements: list[SheetStatement] = field(default_factory=list)
    name: Area | None = None
    """The Name: line of an anonymous sheet, for its picture."""
    label: str = ""
    """The level and version as the copies print them (``K7 · Version B``): a neutral code,
    never the level's name, which the feedback sheet prints too."""


@dataclass(frozen=True)
class CopyEntry:
    """A class pack's copy: the roster's student and the sheet they got."""

    copy: int
    name: str
    sheet: int


@dataclass
class MarkableSet:
    """One build's markable sheets: ``markable/<set_id>.json``."""

    lesson: str
    title: str
    sheets: list[SheetLayout]
    copies: list[CopyEntry] = field(default_factory=list)
    """Empty for anonymous sheets."""
    set_id: str = ""

    def __post_init__(self) -> None:
        if not self.set_id:
            self.set_id = _digest(self._data())

    def _data(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("set_id")
        return data

    @property
    def file(self) -> str:
        """The record's path in the lesson's output folder."""
        return f"{RECORD_FOLDER}/{self.set_id}.json"

    def to_json(self) -> bytes:
        data = {"format": FORMAT, "set_id": self.set_id, **self._data()}
        return json.dumps(data, ensure_ascii=False, indent=1).encode()

    @classmethod
    def from_json(cls, text: str | bytes) -> MarkableSet:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} record")
        return cls(
            lesson=data["lesson"],
            title=data["title"],
            sheets=[_sheet(item) for item in data["sheets"]],
            copies=[CopyEntry(**item) for item in data["copies"]],
            set_id=data["set_id"],
        )

    def copy_name(self, copy: int) -> str:
        for entry in self.copies:
            if entry.copy == copy:
                return entry.name
        return ""


def _digest(data: dict[str, Any]) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
    return base64.b32encode(hashlib.sha256(text).digest()).decode()[:8]


def _area(data: dict[str, Any] | None) -> Area | None:
    return Area(**data) if data else None


def _sheet(data: dict[str, Any]) -> SheetLayout:
    statements = [
        SheetStatement(
            number=item["number"],
            statement_id=item["statement_id"],
            key_kind=item["key_kind"],
            also_accept=list(item["also_accept"]),
            ticks={kind: Area(**box) for kind, box in item["ticks"].items()},
            reason=_area(item["reason"]),
            reading=item.get("reading", 0),
        )
        for item in data["statements"]
    ]
    return SheetLayout(
        **{key: value for key, value in data.items() if key not in ("statements", "name")},
        statements=statements,
        name=_area(data.get("name")),
    )


@dataclass(frozen=True)
class KeyedStatement:
    """A statement as one version prints it, with its key: what its tick boxes are scored on."""

    number: int
    statement_id: str
    key_kind: str
    also_accept: tuple[str, ...] = ()
    reading: int = 0


@dataclass(frozen=True)
class SheetKey:
    """What a markable sheet's record needs beside its layout: its variant and its key."""

    level: str
    version: str | None
    statements: tuple[KeyedStatement, ...] = ()
    """Empty at the independent level, which has no tick boxes."""
    label: str = ""
    """The level and version as the students' copies print them (``K7 · Version B``)."""


def sheet_key(checked: CheckedLesson, variant: Variant, label: str = "") -> SheetKey:
    """The key of ``variant``'s sheet, by the numbers it prints (none at the independent level)."""
    statements: tuple[KeyedStatement, ...] = ()
    if variant.level != "independent":
        statements = tuple(
            sorted(
                (
                    KeyedStatement(
                        number=variant.number(s.number),
                        statement_id=s.annotation.id or f"#{s.index + 1}",
                        key_kind=s.annotation.kind.value,
                        also_accept=tuple(kind.value for kind in s.annotation.also_accept),
                        reading=s.number,
                    )
                    for s in checked.statements
                ),
                key=lambda keyed: keyed.number,
            )
        )
    return SheetKey(variant.level, variant.version, statements, label)


@dataclass(frozen=True)
class PageCode:
    """What one page's QR code says."""

    set_id: str
    sheet: int
    copy: int
    page: int

    def text(self) -> str:
        return f"{CODE_PREFIX}:{self.set_id}:{self.sheet}:{self.copy}:{self.page}"


_CODE = re.compile(rf"{CODE_PREFIX}:([A-Z2-7]{{8}}):(\d{{1,3}}):(\d{{1,4}}):(\d{{1,3}})")


def read_code(text: str) -> PageCode | None:
    """The page code in a QR code's text; None if it is no medialit code."""
    match = _CODE.fullmatch(text.strip())
    if match is None:
        return None
    set_id, sheet, copy, page = match.groups()
    return PageCode(set_id, int(sheet), int(copy), int(page))


def corner_marks(width: float, height: float) -> list[tuple[float, float, float]]:
    """The four corner marks' top-left corners and side, in points from the page's top-left:
    top-left, top-right, bottom-right, bottom-left."""
    side, inset = CORNER_SIZE * MM, CORNER_INSET * MM
    far_x, far_y = width - inset - side, height - inset - side
    return [(inset, inset, side), (far_x, inset, side), (far_x, far_y, side), (inset, far_y, side)]


def code_square(height: float) -> tuple[float, float, float]:
    """The QR code's top-left corner and side (without its quiet zone), in points."""
    side = CODE_MODULES * CODE_MODULE * MM
    return (CODE_LEFT * MM, height - CODE_BOTTOM * MM - side, side)
