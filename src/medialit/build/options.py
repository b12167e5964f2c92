"""What a build is asked to do: where to write, which settings, sheets and date, how many
processes (:class:`BuildOptions`). Planning and finishing read their parts; the build hands
laying out its own (processes, cache).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from medialit.layout.creation_date import creation_time
from medialit.settings.layers import Configuration
from medialit.sheets.variants import Level


@dataclass(frozen=True)
class BuildOptions:
    """How to build: where to write, which settings and templates, which sheets, the date."""

    out: Path = Path("build")
    configuration: Configuration = field(default_factory=Configuration)
    write_html: bool = False
    created: datetime.datetime = field(default_factory=creation_time)
    level: Level = "standard"
    versions: int = 1
    seed: int = 0
    roster: Path | None = None
    """A class roster (CSV): build a class pack with one named copy per student."""
    split: bool = False
    """With a roster, also write one PDF per student into ``copies/``."""
    jobs: int = 1
    """How many processes lay out documents at once."""
    cache: bool = True
    """Reuse layouts kept in the user's cache folder, and keep new ones (layout_cache.py)."""
    fillable: bool = False
    """Student sheets get PDF form fields (not with a roster: a pack is for printing)."""
    markable: bool = False
    """Student sheets can be read back by ``medialit mark``: a code and corner marks on every
    page, and a record of where their tick boxes and writing areas are."""
    strict: bool = False
    """Characters that no installed font can print are an error, not a warning."""
    select: str | None = None
    """A selection of the lesson's statements to build (default: the level's, or all)."""
    excerpt: bool = False
    """Print only the paragraphs that hold the statements, with omission marks."""
