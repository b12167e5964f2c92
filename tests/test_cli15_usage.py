"""Mistakes a newcomer made on the command line and in a lesson, each answered as the README
says: "--paper A4" was refused, a misspelt theme was shown as a path with no suggestion,
a wrong --set exited 1 where bad usage exits 2, a missing file for the preview was called a
lesson, and a misspelt "annotations:" was followed by one false error per selected id."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .conftest import DATA, ROOT, run_cli


def _lesson(folder: Path) -> Path:
    return Path(shutil.copy(DATA / "sample.yaml", folder / "sample.yaml"))


def test_paper_is_read_in_capitals_too(tmp_path: Path) -> None:
    _lesson(tmp_path)
    done = run_cli(["build", "sample.yaml", "--paper", "LETTER", "--out", "out"], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    info = subprocess.run(
        ["pdfinfo", tmp_path / "out" / "sample" / "student.pdf"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "612 x 792 pts (letter)" in info, info


def test_a_misspelt_theme_is_named_as_typed_with_the_nearest_and_exits_2(
    tmp_path: Path,
) -> None:
    _lesson(tmp_path)
    done = run_cli(["build", "sample.yaml", "--theme", "high-readibility"], cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert (
        'Error: --theme: there is no theme "high-readibility"; did you mean "high-readability"?'
    ) in done.stderr
    assert str(tmp_path) not in done.stderr
    assert not (tmp_path / "build").exists()
    (tmp_path / "medialit.toml").write_text('theme = "hi-readability"\n', encoding="utf-8")
    done = run_cli(["check", "sample.yaml"], cwd=tmp_path)
    assert done.returncode == 1  # a settings file is input, not usage
    assert 'medialit.toml:1:1: theme: there is no theme "hi-readability"; did you mean' in (
        done.stderr
    )


def test_a_wrong_set_is_bad_usage(tmp_path: Path) -> None:
    _lesson(tmp_path)
    done = run_cli(["build", "sample.yaml", "--set", "font-size=14pt"], cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert '--set font-size: "font-size" is not a setting; did you mean "font_size"?' in (
        done.stderr
    )
    assert not (tmp_path / "build").exists()


def test_the_preview_of_a_missing_file_says_what_it_takes(tmp_path: Path) -> None:
    done = run_cli(["preview", "--no-open", "notes.txt"], cwd=tmp_path)
    assert done.returncode == 1
    assert "notes.txt: no such file; check the path (a lesson, or a saved page or text file" in (
        done.stderr
    )


def test_a_misspelt_annotations_field_is_the_only_error(tmp_path: Path) -> None:
    text = (ROOT / "lessons" / "washington-isis-syria-2017.yaml").read_text(encoding="utf-8")
    assert "\nselections:" in text  # its selections name the annotations' ids
    (tmp_path / "lesson.yaml").write_text(
        text.replace("\nannotations:", "\nanotations:"), encoding="utf-8"
    )
    done = run_cli(["check", "lesson.yaml"], cwd=tmp_path)
    assert done.returncode == 1
    assert 'anotations: "anotations" is not a field here; did you mean "annotations"?' in (
        done.stderr
    )
    assert "no annotation has the id" not in done.stderr, done.stderr
