"""The warnings a build gives about its sheets' pages, as the preview gives them: a last page
nearly empty, and a sheet that grew a page since the folder's last build of it.

Both are measured on the PDFs just laid out (:mod:`medialit.layout.page_fill`, the preview's
own test); the page counts are kept in the output folder's marker with the rest of its record
(:mod:`medialit.build.earlier_sheets`), so the next build can tell what grew.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from medialit.layout.page_fill import PageFill, page_fill


def measure_sheets(
    files: Mapping[str, bytes], sheets: Iterable[str], known: Mapping[str, PageFill] | None = None
) -> dict[str, PageFill]:
    """Each of ``sheets`` (PDF files among ``files``): its pages and how full its last one is,
    as ``known`` says (measured with its kept layout) or measured now."""
    known = known or {}
    return {name: known.get(name) or page_fill(files[name]) for name in sheets if name in files}


def kept_counts(
    earlier: Mapping[str, int], fills: Mapping[str, PageFill], present: Iterable[str]
) -> dict[str, int]:
    """The page counts to keep: those just measured, and the earlier ones of sheets still there."""
    still = set(present)
    counts = {name: count for name, count in earlier.items() if name in still}
    counts.update((name, fill.pages) for name, fill in fills.items())
    return dict(sorted(counts.items()))


def page_warnings(
    folder: Path, fills: Mapping[str, PageFill], earlier: Mapping[str, int]
) -> list[str]:
    """One line per sheet that grew a page, and per sheet whose last page is nearly empty."""
    warnings = []
    for name, fill in fills.items():
        sheet = folder / name
        before = earlier.get(name)
        if before is not None and fill.pages > before:
            warnings.append(
                f"{sheet} grew from {before} to {fill.pages} pages since the last build: if "
                "that was not meant, shorten what changed, or set a smaller font_size "
                "(medialit.toml, or the lesson's worksheet:)."
            )
        if fill.nearly_empty:
            warnings.append(
                f"the last page of {sheet} is nearly empty (about {fill.percent_used}% used): "
                "printed double-sided, a whole sheet carries only a few lines; shorten the "
                "text or set a smaller font_size (medialit.toml, or the lesson's worksheet:) "
                "to save it."
            )
    return warnings
