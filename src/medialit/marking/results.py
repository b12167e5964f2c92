"""The marks of one class for one lesson, as ``marks.json`` keeps them.

One record flows through marking: :mod:`medialit.marking` reads the scans into it, the teacher
resolves the unsure ticks and bands the reasons in the browser, and every output (``marks.csv``,
the gradebook, the feedback sheets, the class report) is made from it. Positions are in PDF
points from the top-left corner of the printed page, so that they mean the same on every scan.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal, cast

Kind = Literal["evidence", "inference", "assertion"]
KINDS: tuple[Kind, ...] = ("evidence", "inference", "assertion")
TickState = Literal["ticked", "empty", "unsure"]
Band = Literal[1, 2, 3]
FORMAT = "medialit-marks-1"

FULL_MARK = 1.0
HALF_MARK = 0.5  # an also-accepted kind, as the Moodle export scores it


@dataclass(frozen=True)
class Box:
    """A rectangle on page ``page`` (1-based, of the copy), in points from the top-left."""

    page: int
    x: float
    y: float
    width: float
    height: float


@dataclass
class StatementMark:
    """One statement on one student's copy: what was ticked, its score, the reason's band."""

    number: int
    """The statement's number as printed on this copy's version."""
    statement_id: str
    key_kind: Kind
    also_accept: list[Kind] = field(default_factory=list)
    ticks: dict[Kind, TickState] = field(default_factory=dict)
    """What the reader saw in each kind's box."""
    answer: Kind | None = None
    """The kind the student chose: one box ticked and none unsure, or as the teacher decided."""
    unsure: bool = False
    """The reader would not guess (a light mark, two ticks, a crossed-out tick)."""
    resolved: bool = False
    """The teacher has seen this unsure item and decided it (``answer`` is their decision)."""
    reason_box: Box | None = None
    reason_image: str | None = None
    """The cropped "how do you know?" answer, relative to the ``marks/`` folder."""
    reason_text: str | None = None
    """The typed answer, from a filled ``--fillable`` PDF."""
    band: Band | None = None
    """The teacher's band for the reason (1 weak, 2 partly, 3 sound); ``None`` until marked."""

    @property
    def score(self) -> float:
        """Full marks for the key's kind, half for an also-accepted kind, else none."""
        if self.answer is None or (self.unsure and not self.resolved):
            return 0.0
        if self.answer == self.key_kind:
            return FULL_MARK
        return HALF_MARK if self.answer in self.also_accept else 0.0

    @property
    def waiting(self) -> bool:
        """Still needs the teacher: an unsure tick not yet decided."""
        return self.unsure and not self.resolved


@dataclass
class PageScan:
    """Where one page of a copy was found, and its aligned image."""

    page: int
    source: str
    """The file and its page, as messages name it: ``scans/tray-1.pdf, page 3``."""
    image: str
    """The page aligned to the printed layout, relative to the ``marks/`` folder."""


@dataclass
class CopyMarks:
    """One student's copy: who, which version, its pages and its statements."""

    copy: int
    version: str
    name: str
    """From the roster; "" for an anonymous sheet (see ``name_image``)."""
    name_image: str | None = None
    pages: list[PageScan] = field(default_factory=list)
    statements: list[StatementMark] = field(default_factory=list)
    label: str = ""
    """The level and version as the copy printed them (``K7 · Version B``), for the student's
    feedback: ``version`` names the level, which no student reads."""

    @property
    def total(self) -> float:
        return sum(statement.score for statement in self.statements)

    @property
    def scored(self) -> bool:
        """The copy has statements to score: an independent-level sheet has no tick boxes,
        and a total of 0 for it would read as a fail."""
        return bool(self.statements)

    @property
    def not_scored(self) -> str:
        """Why a copy has no total, as the teacher is told it (``Dev Patel: independent
        level, not scored``)."""
        name = self.name or f"copy {self.copy}"
        level = "independent level" if self.version.startswith("independent") else "no ticks"
        return f"{name}: {level}, not scored"


@dataclass
class ClassMarks:
    """The whole class: ``marks.json``."""

    lesson: str
    title: str
    copies: list[CopyMarks] = field(default_factory=list)

    @property
    def waiting(self) -> int:
        """Unsure items the teacher has not seen yet: nothing is final until this is 0."""
        return sum(s.waiting for copy in self.copies for s in copy.statements)

    def to_bytes(self) -> bytes:
        """``marks.json``'s bytes, as :meth:`save` writes them."""
        data = {"format": FORMAT, **asdict(self)}
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")

    def save(self, path: Path) -> None:
        """Write ``marks.json`` atomically: a reader never sees half of it."""
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".marks-", suffix=".tmp")
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(self.to_bytes())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path: Path) -> ClassMarks:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"{path} is not a medialit marks file ({FORMAT}).")
        return cls(
            lesson=data["lesson"],
            title=data["title"],
            copies=[_copy(item) for item in data["copies"]],
        )


def _copy(data: dict[str, object]) -> CopyMarks:
    pages = cast(list[dict[str, object]], data.get("pages", []))
    statements = cast(list[dict[str, object]], data.get("statements", []))
    return CopyMarks(
        copy=cast(int, data["copy"]),
        version=cast(str, data["version"]),
        name=cast(str, data["name"]),
        name_image=cast(str | None, data.get("name_image")),
        pages=[PageScan(**page) for page in pages],  # type: ignore[arg-type]
        statements=[_statement(item) for item in statements],
        label=cast(str, data.get("label", "")),
    )


def _statement(data: dict[str, object]) -> StatementMark:
    box = cast(dict[str, float] | None, data.get("reason_box"))
    return StatementMark(
        **{key: value for key, value in data.items() if key != "reason_box"},  # type: ignore[arg-type]
        reason_box=Box(**box) if box else None,  # type: ignore[arg-type]
    )
