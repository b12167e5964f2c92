"""``medialit config`` prints TOML that reads back; ``--settings`` chooses a profile."""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from medialit.cli.main import main

from .conftest import DATA


def run(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def without_none(values: dict[str, Any]) -> dict[str, Any]:
    return {
        k: without_none(v) if isinstance(v, dict) else v for k, v in values.items() if v is not None
    }


def test_config_prints_toml_that_reads_back_and_can_be_pasted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "medialit.toml").write_text(
        'school = "Lycée \\"Voltaire\\" \\\\ Annexe"\nsentence_starters = ["Je pense…", "Car"]\n',
        encoding="utf-8",
    )
    code, output = run(tmp_path, monkeypatch, "config", str(DATA / "lesson-fr.yaml"))
    assert code == 0, output
    printed = tomllib.loads(output)
    assert printed["school"] == 'Lycée "Voltaire" \\ Annexe'
    assert printed["sentence_starters"] == ["Je pense…", "Car"]  # a list prints as a list
    assert printed["word_bank"][0] == "source" and printed["words"]["name"] == "Nom\u00a0:"
    assert printed["kinds"]["evidence"]["label"] == "Information sourcée"
    # Pasted back as the settings file, it gives the very same settings.
    pasted = tmp_path / "pasted"
    pasted.mkdir()
    (pasted / "medialit.toml").write_text(output, encoding="utf-8")
    code, again = run(pasted, monkeypatch, "config")
    assert code == 0, again
    assert without_none(tomllib.loads(again)) == without_none(printed)


@pytest.mark.build
def test_settings_option_chooses_a_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "medialit.toml").write_text('school = "Riverside High School"\n')
    (tmp_path / "medialit-es.toml").write_text(
        'language = "es"\nschool = "IES Ribera"\n', encoding="utf-8"
    )
    code, output = run(tmp_path, monkeypatch, "config", "--settings", "medialit-es.toml")
    assert code == 0, output
    assert 'school = "IES Ribera"  # file medialit-es.toml:2' in output.splitlines()
    code, output = run(
        tmp_path,
        monkeypatch,
        "build",
        str(DATA / "sample.yaml"),
        "--settings",
        "medialit-es.toml",
        "--out",
        "out",
        "--quiet",
    )
    assert code == 0, output
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "out" / "sample" / "student.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "IES RIBERA · FICHA DE TRABAJO" in text and "Clasifica los fragmentos" in text
    assert "Riverside" not in text


def test_missing_settings_file_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, output = run(tmp_path, monkeypatch, "config", "--settings", "medialit-de.toml")
    assert code == 1
    assert output == (
        "Error: medialit-de.toml: there is no such settings file; check the path given to "
        "--settings.\n"
    )
