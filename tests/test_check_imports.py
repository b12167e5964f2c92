"""`medialit check` stays quick by never loading what only a build needs.

The time itself is measured in benchmarks/bench_speed.py; this test guards the cause:
the modules a check imports, in a fresh process as a teacher runs it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import LESSONS

# Each is slow to import and needed only to lay out, build, configure or explain a typo.
BUILD_ONLY = (
    "weasyprint",
    "pypdf",
    "rapidfuzz",
    "concurrent.futures.process",
    "medialit.build.run",
    "medialit.layout.pdf",
)
# Needed only to render a lesson's own templates or theme (issue 26, item 20: `check` renders
# them as a build would); medialit's own templates are not rendered by `check`.
RENDER_ONLY = ("jinja2", "babel", "medialit.render.templates", "medialit.render.context")
# fontTools is allowed since issue 26 (item 20): `check` looks for text that no installed
# font can print, as `build` does, and reads the fonts' character maps with it.
# The other commands' modules: `check` defines only its own command's options.
OTHER_COMMANDS = (
    "medialit.cli.lessons",
    "medialit.cli.sheets",
    "medialit.cli.folder",
    "medialit.settings.printout",
)
# medialit.settings.layers is allowed: `check` resolves the working folder's settings as `build` does
# (issue 15), so both report the same problems; it loads none of the slow modules above.

PROBE = """
import json, sys
from medialit.cli.main import main
try:
    main(["check", sys.argv[1]])
except SystemExit as exit:
    assert not exit.code, exit.code
print(json.dumps(sorted(sys.modules)))
"""


def _loaded(lesson: Path, folder: Path | None = None) -> set[str]:
    """The modules a fresh `medialit check LESSON` process has loaded, run in ``folder``."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(lesson)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=folder,
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_check_loads_no_build_only_module() -> None:
    loaded = _loaded(LESSONS[0])
    assert "medialit.lesson.reading" in loaded  # the probe did check the lesson
    assert "medialit.layout.glyphs" in loaded  # and its text against the fonts
    assert sorted(name for name in BUILD_ONLY + RENDER_ONLY if name in loaded) == []
    assert sorted(name for name in OTHER_COMMANDS if name in loaded) == []


def test_check_renders_a_teachers_templates_without_laying_out(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "student.html").write_text('{% extends "!student.html" %}')
    loaded = _loaded(LESSONS[0], tmp_path)
    assert sorted(name for name in RENDER_ONLY if name in loaded) == sorted(RENDER_ONLY)
    assert sorted(name for name in BUILD_ONLY if name in loaded) == []
