"""Remove what building left behind in a working folder: its outputs and its kept layouts.

Only the lesson folders medialit made in ``build/`` are removed (see
``clean_outputs.py``), so another tool's ``build/`` or the teacher's own files in
it are never deleted; what is left is named. The layout cache entries
are those the working folder's builds used (see ``layout_cache.py``), with the sheets' HTML
kept beside them (``kept_html.py``); entries other folders use stay.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from medialit.build.clean_outputs import (
    RemovedOutputs,
    count,
    left_lines,
    remove_outputs,
    removed_line,
)
from medialit.build.kept_html import HtmlCache
from medialit.errors import MedialitError, Problem
from medialit.layout.cache import LayoutCache


@dataclass
class Cleaned:
    """What :func:`clean_working_folder` removed."""

    outputs: RemovedOutputs = field(default_factory=RemovedOutputs)
    """What was removed from ``build/``, and what was left there."""
    cache_entries: int = 0
    cache_bytes: int = 0
    html_entries: int = 0
    """Sheets' HTML kept beside the layouts (``kept_html.py``), and their bytes."""
    html_bytes: int = 0
    cache_folder: Path = field(default_factory=Path)
    warnings: list[str] = field(default_factory=list)
    """What was left alone in the layout cache, and why (a link, another user's folder)."""

    def summary(self) -> list[str]:
        """One line per thing removed (or one saying there was nothing), then what was left."""
        outputs = removed_line(self.outputs)
        lines = [outputs] if outputs else []
        kept = [
            count(entries, name)
            for entries, name in (
                (self.cache_entries, "kept layout"),
                (self.html_entries, "kept rendering"),
            )
            if entries
        ]
        if kept:  # one line: the renderings are the layouts' companions, in the same folder
            megabytes = (self.cache_bytes + self.html_bytes) / (1024 * 1024)
            lines.append(
                f"removed {' and '.join(kept)} ({megabytes:.1f} MB) from {self.cache_folder}"
            )
        nothing = "nothing to remove: no outputs and no kept layouts of this folder."
        return (lines or [nothing]) + left_lines(self.outputs)


def clean_working_folder(folder: Path, cache: LayoutCache | None = None) -> Cleaned:
    """Remove ``folder/build`` and the cache entries of ``folder``'s builds."""
    if not folder.is_dir():
        raise MedialitError(Problem("no such folder; name a working folder.", file=folder))
    cache = cache or LayoutCache(owner=folder)
    cleaned = Cleaned(cache_folder=cache.folder.parent)
    cleaned.outputs = remove_outputs(folder)
    cleaned.cache_entries, cleaned.cache_bytes = cache.remove_owner(folder)
    if cache.refused is None:  # the sheets' HTML kept beside the layouts goes with them
        html = HtmlCache(cache.root, folder, cache.max_bytes)
        cleaned.html_entries, cleaned.html_bytes = html.remove_owner(folder)
        cache.refused = html.refused
        cache.skipped.extend(reason for reason in html.skipped if reason not in cache.skipped)
    if cache.refused is not None:
        cleaned.warnings.append(f"the kept layouts were left alone: {cache.refused}")
    cleaned.warnings.extend(f"left alone: {reason}" for reason in cache.skipped)
    return cleaned
