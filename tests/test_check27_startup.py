"""Issue 27 item 2, round two: `medialit check` loads its modules with the cycle collector
paused, freezes what it loaded, and leaves the collector as it found it.

The time itself is benchmarks/bench_speed.py's; these tests guard the causes.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

SEED_LESSON = ROOT / "lessons" / "washington-isis-syria-2017.yaml"


GC_PROBE = """
import atexit, gc, json, sys
atexit.register(lambda: print(json.dumps({"frozen_at_exit": gc.get_freeze_count()})))
collections = []
gc.callbacks.append(
    lambda phase, info: phase == "start"
    and collections.append(("medialit.lesson.model" in sys.modules, gc.get_freeze_count()))
)
from medialit.cli.main import main
try:
    main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
after = [frozen for loaded, frozen in collections if loaded]
print(json.dumps({"code": code, "frozen_at_end": gc.get_freeze_count(),
                  "enabled": gc.isenabled(), "after_models": len(after),
                  "frozen_while_working": min(after, default=0)}))
"""


def test_check_loads_its_modules_without_the_cycle_collector_going_over_them() -> None:
    done = subprocess.run(
        [sys.executable, "-c", GC_PROBE, "check", str(SEED_LESSON)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    answer, at_exit = (json.loads(line) for line in done.stdout.splitlines()[-2:])
    assert answer["code"] in (0, None), done.stderr
    # The lesson's read, after the models loaded: a few young collections, not seventy, and
    # each leaves out what was loaded.
    assert 0 < answer["after_models"] < 20
    assert answer["frozen_while_working"] > 10_000
    assert answer["enabled"] and answer["frozen_at_end"] == 0  # as the command found it
    # Python's own collections as it exits leave out what was loaded, too.
    assert at_exit["frozen_at_exit"] > 10_000


def test_a_check_that_stops_early_leaves_the_collector_on(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from medialit.cli.main import main

    assert gc.isenabled() and gc.get_freeze_count() == 0
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 2 and "no lesson files" in result.output
    assert gc.isenabled() and gc.get_freeze_count() == 0
    result = CliRunner().invoke(main, ["check", str(SEED_LESSON)])
    assert result.exit_code == 0 and "OK: 25 statements" in result.output
    assert gc.isenabled() and gc.get_freeze_count() == 0
