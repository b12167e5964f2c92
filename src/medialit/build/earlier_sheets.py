"""Which sheets beside a build's own are really stale, and the warning that names them once.

A lesson folder often holds the sheets of several builds side by side: a class pack, the plain
sheets, a guided level. The output marker (:mod:`medialit.build.output_marker`) records what the
latest build of each kind wrote (:func:`build_kind`) and from which version of the lesson, so
that a build names only sheets that no latest build of this lesson wrote (a version no longer
asked for, a file of unknown origin) or that an earlier version of the lesson made. Each is
named once: the marker also records what was named, and it is not named again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from medialit.build.options import BuildOptions
from medialit.lesson.model import Lesson
from medialit.sheets.roster import another_class

CLASS_PACK = "class pack"
_SHOWN = 8


@dataclass(frozen=True)
class Built:
    """What the latest build of one kind wrote, and the version of the lesson it was built from."""

    lesson: str
    files: tuple[str, ...]
    seed: int | None = None
    """The seed its versions were numbered with; None with one version (reading order)."""
    roster: Roster | None = None
    """A class pack's class."""


class Roster(NamedTuple):
    """Which class a class pack was built for: a short digest of each name, and the first."""

    names: tuple[str, ...]
    first: str

    def other_class(self, other: Roster) -> bool:
        """Whether ``other`` is another class, not this one's roster edited."""
        return another_class(self.names, other.names)


def roster_of(names: Sequence[str]) -> Roster:
    """The class of a roster's names."""
    digests = tuple(hashlib.sha256(name.encode()).hexdigest()[:8] for name in names)
    return Roster(digests, names[0] if names else "")


@dataclass(frozen=True)
class BuildRecord:
    """The builds a lesson folder holds, by kind, and the sheets already named as stale."""

    builds: Mapping[str, Built] = field(default_factory=dict)
    named: tuple[str, ...] = ()
    pages: Mapping[str, int] = field(default_factory=dict)
    """How many pages each sheet had when last written (:mod:`medialit.build.sheet_pages`)."""

    def as_json(self) -> dict[str, Any]:
        """The record as the marker keeps it."""
        return {
            "builds": {
                kind: {"lesson": built.lesson, "files": list(built.files)}
                | ({} if built.seed is None else {"seed": built.seed})
                | ({} if built.roster is None else {"roster": built.roster._asdict()})
                for kind, built in self.builds.items()
            },
            "named": list(self.named),
            "pages": dict(self.pages),
        }


def record_from_json(value: Any) -> BuildRecord:
    """The record a marker holds; anything unreadable counts as no record (an older marker)."""
    if not isinstance(value, dict):
        return BuildRecord()
    builds: dict[str, Built] = {}
    for kind, built in (value.get("builds") or {}).items():
        if isinstance(built, dict) and isinstance(built.get("lesson"), str):
            seed = built.get("seed")
            numbered = seed if isinstance(seed, int) and not isinstance(seed, bool) else None
            files = tuple(_names(built.get("files")))
            builds[str(kind)] = Built(
                built["lesson"], files, numbered, _roster(built.get("roster"))
            )
    pages = value.get("pages")
    counts = {
        str(name): count
        for name, count in (pages.items() if isinstance(pages, dict) else [])
        if isinstance(count, int) and not isinstance(count, bool)
    }
    return BuildRecord(builds, tuple(_names(value.get("named"))), counts)


def _roster(value: Any) -> Roster | None:
    if not isinstance(value, dict) or not isinstance(first := value.get("first"), str):
        return None
    return Roster(tuple(_names(value.get("names"))), first)


def _names(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def build_kind(options: BuildOptions) -> str:
    """Which kind of build this is: a later build of the same kind replaces its sheets."""
    if options.roster is not None:
        return CLASS_PACK
    parts = [f"{options.level} level"]
    if options.select:
        parts.append(f"selection {options.select}")
    if options.excerpt:
        parts.append("excerpt")
    return ", ".join(parts)


def lesson_version(lesson: Lesson) -> str:
    """A short fingerprint of the lesson as read: an edit to its content changes it."""
    return hashlib.sha256(lesson.model_dump_json().encode()).hexdigest()[:16]


@dataclass(frozen=True)
class EarlierSheets:
    """The record to keep, and the sheets to name now."""

    record: BuildRecord
    unclaimed: list[str]
    """Sheets no latest build of this lesson wrote."""
    outdated: dict[str, list[str]]
    """Sheets of another kind of build, made from an earlier version of the lesson, by kind."""
    unmatched: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)
    """Sheets of another kind of build whose versions' keys (or sheets) this build replaced
    with another order of the statements, by kind: those sheets and the files replaced."""
    seed: int | None = None
    """The seed this build numbered its versions with."""
    other_class: tuple[Roster, list[str]] | None = None
    """The class of the class pack this one replaced, when it was another, and that pack's
    sheets kept beside this one's (the keys of a level this class has not)."""


def sort_earlier(
    record: BuildRecord,
    kind: str,
    version: str,
    written: Iterable[str],
    earlier: list[str],
    seed: int | None = None,
    roster: Roster | None = None,
) -> EarlierSheets:
    """Sort the sheets ``earlier`` (in the folder, not written now) against ``record``;
    ``seed`` numbered this build's versions (None: one version, in reading order); ``roster``
    is a class pack's class."""
    written = sorted(written)
    present = set(earlier)
    builds = {kind: Built(version, tuple(written), seed, roster)}
    last = record.builds.get(kind)
    other_class = None
    if roster and last and last.roster and last.roster.other_class(roster):
        # Its keys of a level this class has not mark that class still: not stale.
        other_class = (last.roster, [f for f in last.files if f in present])
    unmatched: dict[str, tuple[list[str], list[str]]] = {}
    for other, built in record.builds.items():
        kept = tuple(f for f in built.files if f in present)  # the last writer owns a file
        if other != kind and kept:
            builds[other] = Built(built.lesson, kept, built.seed, built.roster)
            # key-A.pdf of another order: the student-A.pdf left beside it no longer matches
            taken = sorted(set(built.files) & set(written))
            names = [f for f in kept if f not in record.named]
            if names and taken and None not in (seed, built.seed) and seed != built.seed:
                unmatched[other] = (names, taken)
    owner = {f: (k, built.lesson) for k, built in builds.items() for f in built.files}
    named_before = set(record.named) | set(other_class[1] if other_class else ())
    unclaimed = [f for f in earlier if f not in owner and f not in named_before]
    outdated: dict[str, list[str]] = {}
    for name in earlier:
        if name in owner and owner[name][1] != version and name not in named_before:
            outdated.setdefault(owner[name][0], []).append(name)
    named = sorted(
        (named_before & present)
        | set(unclaimed)
        | {f for fs in outdated.values() for f in fs}
        | {f for fs, _ in unmatched.values() for f in fs}
    )
    return EarlierSheets(
        BuildRecord(builds, tuple(named)), unclaimed, outdated, unmatched, seed, other_class
    )


def earlier_warnings(folder: Path, lesson_file: Path, sheets: EarlierSheets) -> list[str]:
    """The warnings that name the stale sheets (none when there are none)."""
    warnings = []
    if sheets.other_class:
        (class_names, first), kept = sheets.other_class
        students = len(class_names)
        stay = "stays" if len(kept) == 1 else "stay"
        beside = (
            f" Its {_shown(kept)} {stay} beside this pack's, to mark that class." if kept else ""
        )
        warnings.append(
            f"{folder} held the class pack of another class ({students} students, the first "
            f"{first}): this build replaced its class pack and cover. To print it again, build "
            "it with that class's roster and the same --seed and --versions: the copies are the "
            "same. To keep each class's pack, give each class a folder of its own with --out "
            f"(e.g. --out build/10B).{beside}"
        )
    if sheets.unclaimed:
        count = len(sheets.unclaimed)
        warnings.append(
            f"{folder} also holds {count} sheet{'s' if count > 1 else ''} of earlier builds "
            f"that this one did not write ({_shown(sheets.unclaimed)}); delete them if they are "
            "out of date."
        )
    for kind, (names, taken) in sheets.unmatched.items():
        warnings.append(
            f"{folder} also holds the sheets of the last {kind} build ({_shown(names)}), "
            f"numbered with another --seed: this build replaced {_shown(taken)} with another "
            f"order of the statements, so they no longer match the sheets and keys beside them. "
            f"Build the {kind} again with --seed {sheets.seed} (and the --versions it had), "
            "or delete them."
        )
    for kind, names in sheets.outdated.items():
        warnings.append(
            f"{folder} also holds the sheets of the last {kind} build ({_shown(names)}), made "
            f"from an earlier version of {lesson_file.name}; build them again, or delete them."
        )
    return warnings


def _shown(names: list[str]) -> str:
    more = f" and {len(names) - _SHOWN} more" if len(names) > _SHOWN else ""
    return ", ".join(names[:_SHOWN]) + more
