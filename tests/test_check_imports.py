"""`medialit check` stays quick by never loading what only a build needs.

The time itself is measured in benchmarks/bench_speed.py; this test guards the cause:
the modules a check imports, in a fresh process as a teacher runs it.
"""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import LESSONS

# Each is slow to import and needed only to build, configure or explain a typo.
BUILD_ONLY = (
    "weasyprint",
    "jinja2",
    "pypdf",
    "fontTools",
    "rapidfuzz",
    "babel",
    "concurrent.futures.process",
    "medialit.build",
    "medialit.templates",
    "medialit.context",
)
# The other commands' modules: `check` defines only its own command's options.
OTHER_COMMANDS = ("medialit.cli_sheets", "medialit.cli_folder", "medialit.config_printout")
# medialit.layers is allowed: `check` resolves the working folder's settings as `build` does
# (issue 15), so both report the same problems; it loads none of the slow modules above.

PROBE = """
import json, sys
from medialit.cli import main
try:
    main(["check", sys.argv[1]])
except SystemExit as exit:
    assert not exit.code, exit.code
print(json.dumps(sorted(sys.modules)))
"""


def test_check_loads_no_build_only_module() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(LESSONS[0])],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    loaded = set(json.loads(result.stdout.splitlines()[-1]))
    assert "medialit.lesson" in loaded  # the probe did check the lesson
    assert sorted(name for name in BUILD_ONLY if name in loaded) == []
    assert sorted(name for name in OTHER_COMMANDS if name in loaded) == []
