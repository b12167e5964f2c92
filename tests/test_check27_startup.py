"""Issue 27 item 2, round two: what `medialit check` imports at start-up, in a fresh process.

The time itself is benchmarks/bench_speed.py's; these tests guard the causes. pydantic's
plugin search (``pydantic.plugin._loader``) imports importlib.metadata, and with it email,
zipfile and csv; ``medialit.pydantic_plugins`` answers "no plugins" without them when no
distribution declares a ``pydantic`` entry point, and hands over to pydantic's loader when
one does, so a plugin still loads.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from medialit import pydantic_plugins

from .conftest import ROOT

SEED_LESSON = ROOT / "lessons" / "washington-isis-syria-2017.yaml"

PROBE = """
import json, sys
from medialit.cli.main import main
try:
    main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _check(*arguments: str, extra_path: Path | None = None) -> dict[str, object]:
    environ = dict(os.environ)
    if extra_path is not None:
        environ["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(extra_path), environ.get("PYTHONPATH")])
        )
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "check", *arguments],
        capture_output=True,
        text=True,
        timeout=120,
        env=environ,
    )
    answer: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    answer["stdout"], answer["stderr"] = done.stdout, done.stderr
    return answer


def test_check_imports_no_importlib_metadata_for_pydantics_plugin_search() -> None:
    answer = _check(str(SEED_LESSON))
    assert answer["code"] in (0, None), answer["stderr"]
    assert "OK: 25 statements" in str(answer["stdout"])
    modules = set(answer["modules"])  # type: ignore[call-overload]
    assert "pydantic.plugin._loader" in modules  # pydantic did ask for plugins
    for name in ("importlib.metadata", "email.message", "csv"):
        assert name not in modules, name


PLUGIN = """
from pathlib import Path

class Plugin:
    def new_schema_validator(self, schema, schema_type, schema_type_path, schema_kind, config,
                             plugin_settings):
        with open(Path(__file__).with_name("seen.txt"), "a", encoding="utf-8") as seen:
            seen.write(schema_type_path.name + "\\n")
        return None, None, None

plugin = Plugin()
"""


def _plugin_distribution(folder: Path, entry_points: str) -> None:
    (folder / "check27_plugin.py").write_text(PLUGIN, encoding="utf-8")
    info = folder / "check27_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: check27-plugin\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


def test_an_installed_pydantic_plugin_still_sees_medialits_models(tmp_path: Path) -> None:
    _plugin_distribution(tmp_path, "[pydantic]\ncheck27 = check27_plugin:plugin\n")
    answer = _check(str(SEED_LESSON), extra_path=tmp_path)
    assert answer["code"] in (0, None), answer["stderr"]
    seen = (tmp_path / "seen.txt").read_text(encoding="utf-8").split()
    assert "Lesson" in seen and "Settings" in seen
    assert "importlib.metadata" in answer["modules"]  # type: ignore[operator]


def test_entry_points_of_other_groups_are_no_plugin(tmp_path: Path) -> None:
    _plugin_distribution(tmp_path, "[console_scripts]\ncheck27 = check27_plugin:main\n")
    answer = _check(str(SEED_LESSON), extra_path=tmp_path)
    assert answer["code"] in (0, None), answer["stderr"]
    assert not (tmp_path / "seen.txt").exists()
    assert "importlib.metadata" not in answer["modules"]  # type: ignore[operator]


def test_a_zip_on_the_path_is_left_to_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "packages.zip"
    with zipfile.ZipFile(archive, "w") as packed:
        packed.writestr("x-1.0.dist-info/entry_points.txt", "[pydantic]\nx = x:plugin\n")
    monkeypatch.setattr(sys, "path", [str(archive)])
    assert pydantic_plugins.may_have_plugins()
    monkeypatch.setattr(sys, "path", [str(tmp_path / "missing")])
    assert not pydantic_plugins.may_have_plugins()


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


def test_distributions_are_looked_at_once_for_every_validator_built() -> None:
    probe = """
import json, sys
from medialit import pydantic_plugins
looks = []
original = pydantic_plugins.may_have_plugins
pydantic_plugins.may_have_plugins = lambda: looks.append(1) or original()
from medialit.cli.main import main
try:
    main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
from medialit.lesson import model
from medialit.settings import schema
built = [m for m in (model.Lesson, schema.Settings, schema.Words) if m.__pydantic_complete__]
print(json.dumps({"code": code, "looks": len(looks), "built": len(built)}))
"""
    done = subprocess.run(
        [sys.executable, "-c", probe, "check", str(SEED_LESSON)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    answer = json.loads(done.stdout.splitlines()[-1])
    assert answer["code"] in (0, None), done.stderr
    assert answer["built"] == 3 and answer["looks"] == 1
