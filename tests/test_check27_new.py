"""Issue 27 item 3, round two: `medialit new` refusing an existing lesson loads no network code.

With ``--name`` the refusal comes before the page is read for its title; it used to import
urllib3, ssl and multiprocessing (``drafting.webfetch``, ``drafting.timelimit``) all the
same, most of its time. The time itself is benchmarks/bench_speed.py's.
"""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple

from .conftest import DATA

PAGE = DATA / "news-story.html"
EXISTS = "this lesson exists already, and medialit new never overwrites one"
NETWORK = ("urllib3", "ssl", "http.client", "multiprocessing", "medialit.drafting.webfetch")

PROBE = """
import json, sys
from medialit.cli.main import main
try:
    main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


class Probed(NamedTuple):
    """A command run by :data:`PROBE`: its exit code, the modules it loaded, what it printed."""

    code: int
    modules: set[str]
    stdout: str
    stderr: str


def run_probed(folder: Path, *arguments: str) -> Probed:
    """``medialit ARGUMENTS`` in a fresh process in ``folder``, with the modules it loaded."""
    answer, done = run_probe(PROBE, folder, *arguments)
    return Probed(answer["code"], set(answer["modules"]), done.stdout, done.stderr)


def run_probe(
    probe: str, folder: Path, *arguments: str
) -> tuple[dict[str, Any], subprocess.CompletedProcess[str]]:
    """Python code ``probe`` in a fresh process in ``folder``, given ``arguments``: the JSON
    object its last line prints, and the process."""
    import json

    done = subprocess.run(
        [sys.executable, "-c", probe, *arguments],
        capture_output=True,
        text=True,
        cwd=folder,
        timeout=120,
    )
    return dict(json.loads(done.stdout.splitlines()[-1])), done


def test_refusing_a_named_lesson_loads_no_network_or_process_module(tmp_path: Path) -> None:
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "mine.yaml").write_text("title: mine\n", encoding="utf-8")
    code, modules, _, stderr = run_probed(tmp_path, "new", str(PAGE), "--name", "mine")
    assert code == 1 and EXISTS in stderr and "lessons/mine.yaml" in stderr
    assert sorted(name for name in NETWORK if name in modules) == []
    assert not (tmp_path / "seeds").exists()


def test_a_web_address_still_names_the_network_module(tmp_path: Path) -> None:
    """An address is still told apart from a file, and fetched with urllib3 (here refused)."""
    code, _, _, stderr = run_probed(tmp_path, "new", "https://example.org/story", "--offline")
    assert code == 1 and "fetches no web page here (--offline)" in stderr
    assert "open the page in your browser, save it there" in stderr
    assert "Traceback" not in stderr


def test_python_exits_without_collecting_over_trafilatura(tmp_path: Path) -> None:
    """A refusal by the page's title loads trafilatura: the collector went over its objects
    while they loaded and again as Python exited, a sixth of the refusal; no more."""
    import json

    probe = (
        "import atexit, gc, json, sys\n"
        "atexit.register(lambda: print(json.dumps(gc.get_freeze_count())))\n"
        "seen = []\n"
        "gc.callbacks.append(lambda phase, info: phase == 'start'"
        " and seen.append('trafilatura' in sys.modules))\n"
        "atexit.register(lambda: print(json.dumps(sum(seen))))\n" + PROBE
    )
    (tmp_path / "lessons").mkdir()
    name = "riverton-closes-main-street-to-cars-on-weekends-2024"
    (tmp_path / "lessons" / f"{name}.yaml").write_text("title: mine\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", probe, "new", str(PAGE)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    lines = done.stdout.splitlines()[-3:]
    answer, collections_with_trafilatura, frozen_at_exit = (json.loads(line) for line in lines)
    assert answer["code"] == 1 and EXISTS in done.stderr and f"{name}.yaml" in done.stderr
    assert "trafilatura" in answer["modules"]  # the title was read as trafilatura reads it
    assert frozen_at_exit > 20_000
    # The collector paused while drafting loads trafilatura (54 collections before), and what
    # it loaded old by the time it runs again.
    assert collections_with_trafilatura < 5


def _collector(_: object) -> tuple[bool, int]:
    return gc.isenabled(), gc.get_freeze_count()


def test_the_article_is_looked_for_with_the_collector_on() -> None:
    """`new` drafts with the collector paused; the child that looks for the article turns it
    on, over its own objects only (what it started with is frozen)."""
    from medialit.drafting.timelimit import run_with_time_limit

    gc.disable()
    try:
        enabled, frozen = run_with_time_limit(_collector, None, 60)
    finally:
        gc.enable()
    assert enabled and frozen > 1_000
