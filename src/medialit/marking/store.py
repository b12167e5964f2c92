"""Read ``marks.json`` for the teacher's decisions, and save each one at once, never over another.

The marking page saves every band and every decided tick the moment the teacher gives it.
Each save names the file as the page last saw it (a hash of its bytes): if another tab,
or ``medialit mark`` reading more scans, changed the file since, the save is refused and
the page shows the file as it now is, as the preview does with a lesson. The new file is
put in place as the preview puts a lesson (``preview/saving.py``): checked again just
before, then swapped in one step, and a save that landed in between is given back.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from medialit.errors import MedialitError, Problem
from medialit.marking.results import KINDS, Band, ClassMarks, Kind, StatementMark
from medialit.preview.saving import ChangedMeanwhile, NotSaved, write_lesson

MARKS_FILE = "marks.json"
MARKS_FOLDER = "marks"
BANDS = (1, 2, 3)
NONE = "none"
"""The teacher's decision that a student ticked no kind (or one that cannot be told)."""

STALE_MARKS = (
    "marks.json changed on disk since this page loaded it (another tab, or medialit mark "
    "reading more scans), so your last mark was not saved: the page now shows the file as it "
    "is. Give that mark again."
)


class StaleMarks(Exception):
    """The file is no longer the one the decision was made on."""


class MarksNotSaved(Exception):
    """``marks.json`` cannot be written; the message says why and what to do."""


class BadDecision(ValueError):
    """A decision the page would never send (a band 7, a statement that is not there)."""


def marks_folder(out: Path, lesson: str) -> Path:
    """``build/<lesson>/marks``: where the reader writes ``marks.json`` and the outputs go."""
    return out / lesson / MARKS_FOLDER


@dataclass(frozen=True)
class Loaded:
    marks: ClassMarks
    version: str
    """A hash of the file's bytes: what a save must still find there."""
    data: bytes = b""
    """The file's bytes as read."""


def load_marks(path: Path) -> Loaded:
    """Read and check ``marks.json``; every problem is a :class:`MedialitError` naming it."""
    for _ in range(3):  # a save landing between the two reads: read again
        try:
            data = path.read_bytes()
            marks = ClassMarks.load(path)
            if path.read_bytes() == data:
                break
        except FileNotFoundError:
            raise MedialitError(
                Problem(
                    "there are no marks here yet; read the class's scans first with "
                    "medialit mark SCANS..., which writes this file.",
                    file=path,
                )
            ) from None
        except OSError as exc:
            raise MedialitError(
                Problem(f"this marks file cannot be read ({exc.strerror}).", file=path)
            ) from None
        except json.JSONDecodeError as exc:
            raise MedialitError(Problem(_damaged(exc.msg), file=path, line=exc.lineno)) from None
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise MedialitError(Problem(_damaged(_reason(exc)), file=path)) from None
    problems = record_problems(marks, path)
    if problems:
        raise MedialitError(problems)
    return Loaded(marks, version_of(data), data)


def version_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:20]


def _damaged(reason: str) -> str:
    return (
        f"this marks file is damaged ({reason}); nothing was written. Read the scans again "
        "with medialit mark SCANS..., or put back a copy of the file from a backup."
    )


def _reason(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"the field {exc.args[0]!r} is missing"
    return str(exc).split("\n")[0] or type(exc).__name__


def record_problems(marks: ClassMarks, path: Path) -> list[Problem]:
    """Every value out of its range, each named by copy and statement."""
    problems: list[Problem] = []
    for copy in marks.copies:
        if copy.name_image is not None and not inside_folder(copy.name_image):
            problems.append(
                Problem(
                    f"copy {copy.copy}: the name's image {copy.name_image!r} is not inside the "
                    "marks folder.",
                    file=path,
                )
            )
        for page in copy.pages:
            if not inside_folder(page.image):
                problems.append(
                    Problem(
                        f"copy {copy.copy}, page {page.page}: the image {page.image!r} is not "
                        "inside the marks folder.",
                        file=path,
                    )
                )
        for statement in copy.statements:
            where = f"copy {copy.copy}, statement {statement.statement_id}"
            for problem in _statement_problems(statement):
                problems.append(Problem(f"{where}: {problem}", file=path))
    return problems


def _statement_problems(statement: StatementMark) -> list[str]:
    found: list[str] = []
    if statement.band is not None and statement.band not in BANDS:
        found.append(
            f"the band is {statement.band!r}, and a band is 1, 2 or 3; give it again on the "
            "marking page (medialit marks LESSON --review)."
        )
    if statement.key_kind not in KINDS:
        found.append(f"the key's kind {statement.key_kind!r} is not one of {', '.join(KINDS)}.")
    if statement.answer is not None and statement.answer not in KINDS:
        found.append(f"the answer {statement.answer!r} is not one of {', '.join(KINDS)}.")
    for image in (statement.reason_image,):
        if image is not None and not inside_folder(image):
            found.append(f"the image {image!r} is not inside the marks folder.")
    return found


def inside_folder(relative: str) -> bool:
    """A path the record may name: below ``marks/``, never absolute or climbing out."""
    path = Path(relative)
    return not path.is_absolute() and ".." not in path.parts and relative != ""


class MarksFile:
    """``marks.json`` as the marking page changes it: one save at a time, never a stale one."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def read(self) -> Loaded:
        return load_marks(self.path)

    def decide(self, version: str, copy: int, statement_id: str, **change: object) -> Loaded:
        """Apply one decision (``band=`` or ``answer=``) to the file last seen as ``version``."""
        with self._lock:
            loaded = load_marks(self.path)
            if loaded.version != version:
                raise StaleMarks()
            statement = _find(loaded.marks, copy, statement_id)
            if "band" in change:
                statement.band = _band(change["band"])
            if "answer" in change:
                statement.answer = _answer(change["answer"])
                statement.resolved = True
            data = loaded.marks.to_bytes()
            try:
                write_lesson(self.path, data, unless_changed_from=loaded.data)
            except ChangedMeanwhile:
                raise StaleMarks() from None
            except NotSaved:
                raise MarksNotSaved(
                    f"{self.path} cannot be written, so your last mark was not saved; check "
                    "that its folder is yours and the disk not full, then give that mark again."
                ) from None
            return Loaded(loaded.marks, version_of(data), data)


def _find(marks: ClassMarks, copy: int, statement_id: str) -> StatementMark:
    for each in marks.copies:
        if each.copy == copy:
            for statement in each.statements:
                if statement.statement_id == statement_id:
                    return statement
    raise BadDecision(f"Copy {copy} has no statement {statement_id!r}.")


def _band(value: object) -> Band | None:
    if value is None:
        return None
    if isinstance(value, bool) or value not in BANDS:
        raise BadDecision(f"A band is 1, 2 or 3, not {value!r}.")
    return cast(Band, value)


def _answer(value: object) -> Kind | None:
    if value == NONE:
        return None
    if value not in KINDS:
        raise BadDecision(f"Choose {', '.join(KINDS)} or {NONE}, not {value!r}.")
    return value
