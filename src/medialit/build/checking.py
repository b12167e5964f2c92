"""``medialit check``: everything a build does to a lesson before laying it out.

The lesson and its settings are settled as a build settles them
(:mod:`medialit.build.settling`: the glyph check, each level's selection), and a
lesson with templates of its own (a teacher's folder, a theme that is not
built in) has one of each kind of sheet rendered (:func:`medialit.build.planning.check_sheets`),
so that ``check`` rejects what ``build`` would, with the same message. Nothing is
laid out: WeasyPrint is never loaded, and Jinja only for templates of one's own.
"""

from __future__ import annotations

from pathlib import Path

from medialit.build.settling import SettledLesson, has_own_templates, settle, short_versions
from medialit.settings.layers import Configuration


def check_lesson(
    lesson_file: Path, configuration: Configuration, strict: bool = False
) -> SettledLesson:
    """Settle ``lesson_file`` and render its own templates; a problem raises as in a build."""
    settled = settle(lesson_file, configuration, strict)
    short_versions(settled)  # each level's selection, as every build cuts them
    # medialit's own templates render every valid lesson (the tests see to that); a
    # teacher's or a theme's may not, so those are rendered as a build would.
    if has_own_templates(settled.search):
        from medialit.build.planning import (
            check_sheets,  # Jinja and Babel: for templates of one's own only
        )

        check_sheets(settled)
    return settled
