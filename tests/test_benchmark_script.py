"""The benchmark script keeps working as the code changes (its figures are not checked)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.bench]  # runs the benchmark scripts in subprocesses


def test_benchmark_script_runs_end_to_end() -> None:
    lesson = ROOT / "benchmarks" / "lessons" / "library-hours.yaml"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench.py"),
            str(lesson),
            "--repeat",
            "1",
            "--students",
            "2",  # one size: each size is a fresh process laying out every sheet afresh
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "the two PDFs have the same pages and text: yes" in result.stdout
    for figure in ("ratio", "named copies", "2 students", "peak memory"):
        assert figure in result.stdout, figure


def test_speed_benchmark_runs_end_to_end(tmp_path: Path) -> None:
    lesson = ROOT / "benchmarks" / "lessons" / "library-hours.yaml"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench_speed.py"),
            str(lesson),
            "--repeat",
            "1",
            "--builds",
            "1",
            "--students",
            "3",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
    )
    assert result.returncode == 0, result.stderr
    figures = ("medialit check", "python -c pass", "rebuild with a new roster", "ratio")
    for figure in (*figures, "medialit new PAGE", "refused, --name", "load average at the end"):
        assert figure in result.stdout, figure


def test_sentences_benchmark_runs_end_to_end() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_sentences.py"), "--repeat", "1"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "1,600 sentences (152,000 characters)" in result.stdout
    assert " 1600 sentences" in result.stdout and "     1 sentences" in result.stdout
