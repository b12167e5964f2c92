"""The one date a build writes (into each PDF, and into a QTI package's entries).

``SOURCE_DATE_EPOCH`` (the reproducible-builds convention) fixes it, so that two
builds of the same lesson are byte-identical. Read here, not beside WeasyPrint,
so that finding the date never loads the layout engine.
"""

from __future__ import annotations

import datetime
import os

from medialit.errors import SettingsError

SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"


def creation_time(environ: dict[str, str] | None = None) -> datetime.datetime:
    """``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC) when set, otherwise now."""
    environ = dict(os.environ) if environ is None else environ
    epoch = environ.get(SOURCE_DATE_EPOCH, "").strip()
    if not epoch:
        return datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    try:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
    except (ValueError, OverflowError, OSError):
        raise SettingsError(
            f"{SOURCE_DATE_EPOCH}={epoch} is not a date; set it to a whole number of seconds "
            "since 1970 (for example the date of the last commit: git log -1 --format=%ct), "
            "or unset it."
        ) from None
