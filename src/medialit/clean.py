"""Remove what building left behind in a working folder: its outputs and its kept layouts.

``build/`` is removed only if it holds nothing but what medialit writes (PDF and
HTML files in lesson folders), so a folder that happens to be called ``build``
and holds the teacher's own files is never deleted. The layout cache entries
are those the working folder's builds used (see ``layout_cache.py``); entries
other folders use stay.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .errors import MedialitError, OutputError, Problem
from .layout_cache import LayoutCache

OUTPUT_FOLDER = "build"
OUTPUT_SUFFIXES = frozenset({".pdf", ".html"})


@dataclass
class Cleaned:
    """What :func:`clean_working_folder` removed."""

    outputs: Path | None = None
    """The output folder, if there was one."""
    output_files: int = 0
    cache_entries: int = 0
    cache_bytes: int = 0
    cache_folder: Path = field(default_factory=Path)
    warnings: list[str] = field(default_factory=list)
    """What was left alone in the layout cache, and why (a link, another user's folder)."""

    def summary(self) -> list[str]:
        """One line per thing removed, or one saying there was nothing."""
        lines = []
        if self.outputs is not None:
            lines.append(f"removed {self.outputs} ({_count(self.output_files, 'file')})")
        if self.cache_entries:
            megabytes = self.cache_bytes / (1024 * 1024)
            lines.append(
                f"removed {_count(self.cache_entries, 'kept layout')} ({megabytes:.1f} MB) "
                f"from {self.cache_folder}"
            )
        return lines or ["nothing to remove: no outputs and no kept layouts of this folder."]


def clean_working_folder(folder: Path, cache: LayoutCache | None = None) -> Cleaned:
    """Remove ``folder/build`` and the cache entries of ``folder``'s builds."""
    if not folder.is_dir():
        raise MedialitError(Problem("no such folder; name a working folder.", file=folder))
    cache = cache or LayoutCache(owner=folder)
    cleaned = Cleaned(cache_folder=cache.folder.parent)
    outputs = folder / OUTPUT_FOLDER
    if outputs.is_symlink() or outputs.exists():
        cleaned.output_files = _check_outputs(outputs)
        try:
            shutil.rmtree(outputs)
        except OSError as exc:
            raise OutputError(
                Problem(
                    f"cannot remove this folder ({exc.strerror}); check its permissions.",
                    file=outputs,
                )
            ) from None
        cleaned.outputs = outputs
    cleaned.cache_entries, cleaned.cache_bytes = cache.remove_owner(folder)
    if cache.refused is not None:
        cleaned.warnings.append(f"the kept layouts were left alone: {cache.refused}")
    cleaned.warnings.extend(f"left alone: {reason}" for reason in cache.skipped)
    return cleaned


def _check_outputs(outputs: Path) -> int:
    """How many files ``outputs`` holds; refuse if any is not what medialit writes."""
    if outputs.is_symlink() or not outputs.is_dir():
        raise OutputError(
            Problem(
                "this is not a folder of medialit's outputs, so it was left alone; "
                "remove it yourself if you no longer need it.",
                file=outputs,
            )
        )
    count = 0
    for file in sorted(outputs.rglob("*")):
        if file.is_dir() and not file.is_symlink():
            continue
        if file.is_symlink() or file.suffix.lower() not in OUTPUT_SUFFIXES:
            raise OutputError(
                Problem(
                    f"{outputs} holds files medialit does not write, such as this one, so "
                    "nothing was removed; move your own files out of it first.",
                    file=file,
                )
            )
        count += 1
    return count


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"
