"""Issue 27 item 2: `medialit check` builds one validator for the settings, not five.

The settings' tables (sections, kinds, words) get their defaults as values that Settings'
own validator checks, so their models never build validators of their own; and a settings
file that sets nothing (a new folder's medialit.toml is all comments) is not checked at
all. Each is checked in a fresh process, as a teacher runs `check`, with the settings
read back the same.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from medialit.settings.layers import Configuration
from medialit.settings.schema import Settings

from .conftest import ROOT
from .test_check27_new import run_probe

PROBE = """
import json, sys
from medialit.cli.main import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
from medialit.settings import schema
built = {name: getattr(schema, name).__pydantic_complete__
         for name in ("Settings", "Sections", "Words", "KindStyle")}
print(json.dumps({"code": code, "built": built}))
"""
LESSON = ROOT / "lessons" / "washington-isis-syria-2017.yaml"
SETTING = '[sections]\nsource_box = false\n\n[kinds.evidence]\nlabel = "Fact"\n'


def probe(folder: Path, *arguments: str) -> dict[str, object]:
    answer, done = run_probe(PROBE, folder, *arguments)
    assert "Traceback" not in done.stderr, done.stderr
    return answer


@pytest.mark.parametrize("settings", ["commented", "setting"])
def test_check_builds_the_settings_validator_alone(tmp_path: Path, settings: str) -> None:
    shutil.copy(LESSON, tmp_path / LESSON.name)
    text = (ROOT / "medialit.toml").read_text(encoding="utf-8")
    (tmp_path / "medialit.toml").write_text(
        text + (SETTING if settings == "setting" else ""), encoding="utf-8"
    )
    answer = probe(tmp_path, "check", LESSON.name)
    assert answer["code"] in (0, None)
    built = answer["built"]
    assert built == {"Settings": True, "Sections": False, "Words": False, "KindStyle": False}


def test_a_wrong_table_value_is_still_refused_with_its_place(tmp_path: Path) -> None:
    shutil.copy(LESSON, tmp_path / LESSON.name)
    (tmp_path / "medialit.toml").write_text(
        '[kinds.evidence]\ncolour = "not a colour!"\n', encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "medialit", "check", LESSON.name],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode != 0
    assert "medialit.toml" in done.stderr and "kinds.evidence.colour" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_defaults_are_the_tables_models_defaults() -> None:
    settings = Configuration().resolve().settings
    assert settings == Settings()
    assert settings.sections.source_box and settings.sections.questions
    assert settings.words.answer_key == "Answer key · for the teacher"
    assert {kind.value: style.label for kind, style in settings.kinds.items()} == {
        "evidence": "Evidence",
        "inference": "Inference",
        "assertion": "Assertion",
    }
    assert type(settings.kinds[next(iter(settings.kinds))]).__name__ == "KindStyle"
