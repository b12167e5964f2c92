"""benchmarks/bench_saves.py keeps working as the code changes (its figures are not checked)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.bench]  # runs the benchmark script in a subprocess


def test_bench_saves_makes_every_kind_of_edit_and_reports_it() -> None:
    lesson = ROOT / "lessons" / "school-start-time.yaml"
    script = ROOT / "benchmarks" / "bench_saves.py"
    before = lesson.read_bytes()
    result = subprocess.run(
        [sys.executable, str(script), str(lesson), "--repeat", "2", "--pause", "0"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    kinds = [line.split()[1] for line in result.stdout.splitlines() if line.startswith("school")]
    assert kinds[:7] == ["kind", "why", "add", "delete", "bounds", "question", "undo"]
    assert "slowest response: " in result.stdout
    assert lesson.read_bytes() == before  # it edits a copy, never the repository's lesson
