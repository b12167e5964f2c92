"""Hardening, round two (issue 15): limits that hold for aliases, slow inputs, templates, images.

Extends the size-limit suite (``tests/test_limits.py``). Each case runs the
real CLI in a process under a guard timeout (and a memory cap, so that a
regression fails instead of swapping the machine); speed itself is measured in
``benchmarks/bench_worst_lesson.py``, not here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .hardening_support import GOOD, run_medialit

pytestmark = pytest.mark.build

MEMORY_CAP = 4 * 1024**3
SOURCE = "source: {author: a, outlet: b, published: 2020-01-01}\n"


def _lesson(folder: Path, text: str, name: str = "lesson.yaml") -> Path:
    (folder / "lessons").mkdir(parents=True, exist_ok=True)
    (folder / "lessons" / name).write_text(text)
    return folder


def test_aliases_count_towards_the_size_limit(tmp_path: Path) -> None:
    note = "x" * 800_000
    refs = "".join(f"  - text: q{n}\n    notes: *note\n" for n in range(204))
    text = f"title: t\n{SOURCE}article: |\n  a b\nannotations:\n"
    text += "  - {quote: a, kind: assertion, why: x}\n"
    text += f"audience: &note {note}\nquestions:\n{refs}"
    folder = _lesson(tmp_path, text)
    result = run_medialit(["check"], folder, max_memory_bytes=MEMORY_CAP, timeout=60)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "lesson.yaml" in result.stderr and "after its aliases" in result.stderr, result.stderr


def test_five_hundred_one_letter_quotes_with_occurrence(tmp_path: Path) -> None:
    words = ("a " * 600 + "\n\n  ") * 150
    annotations = "".join(
        f"  - {{quote: a, occurrence: {n}, kind: assertion, why: x}}\n" for n in range(1, 501)
    )
    text = f"title: t\n{SOURCE}article: |\n  {words.strip()}\nannotations:\n{annotations}"
    folder = _lesson(tmp_path, text)
    result = run_medialit(["check"], folder, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "OK: 500 statements" in result.stdout


def test_a_huge_title_is_refused_with_its_limit(tmp_path: Path) -> None:
    title = " ".join(["word"] * 190_000)
    folder = _lesson(tmp_path, GOOD.replace("title: Test lesson", f"title: {title}"))
    result = run_medialit(["check"], folder, timeout=60)
    assert result.returncode == 1, result.stdout
    assert "lesson.yaml:1:8: title: has 949,999 characters" in result.stderr, result.stderr
    assert "at most 300" in result.stderr


def test_a_long_annotation_field_is_refused(tmp_path: Path) -> None:
    why = "because " * 1_000
    folder = _lesson(tmp_path, GOOD.replace("why: Drawn from the closure.", f"why: {why}"))
    result = run_medialit(["check"], folder, timeout=60)
    assert result.returncode == 1, result.stdout
    assert "annotations[1].why: has 7,999 characters" in result.stderr, result.stderr


def test_a_setting_of_a_megabyte_is_refused(tmp_path: Path) -> None:
    folder = _lesson(tmp_path, GOOD)
    (folder / "medialit.toml").write_text(f'school = "{"x" * 1_000_000}"\n')
    result = run_medialit(["build", "--quiet"], folder, timeout=60)
    assert result.returncode == 1, result.stdout
    assert "medialit.toml:1:1: school: has 1,000,000 characters" in result.stderr, result.stderr


def _template(folder: Path, body: str) -> None:
    (folder / "templates").mkdir()
    (folder / "templates" / "student.html").write_text(
        '{% extends "!student.html" %}{% block article %}' + body + "{% endblock %}"
    )


def test_a_template_that_renders_gigabytes_is_stopped(tmp_path: Path) -> None:
    folder = _lesson(tmp_path, GOOD)
    _template(
        folder,
        "{% for i in range(100000) %}{% for j in range(100000) %}"
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{% endfor %}{% endfor %}",
    )
    result = run_medialit(["build", "--quiet"], folder, max_memory_bytes=MEMORY_CAP, timeout=120)
    assert result.returncode == 1, result.stdout
    assert "templates/student.html" in result.stderr, result.stderr
    assert "more than" in result.stderr and "unexpectedly" not in result.stderr


def test_a_template_that_multiplies_text_is_stopped(tmp_path: Path) -> None:
    folder = _lesson(tmp_path, GOOD)
    _template(folder, "{{ 'x' * 100000 * 100000 }}{{ 9 ** 9 ** 9 ** 9 }}")
    result = run_medialit(["build", "--quiet"], folder, max_memory_bytes=MEMORY_CAP, timeout=120)
    assert result.returncode == 1, result.stdout
    assert "templates/student.html" in result.stderr, result.stderr
    assert "unexpectedly" not in result.stderr


def test_a_template_that_loops_for_hours_is_stopped(tmp_path: Path) -> None:
    folder = _lesson(tmp_path, GOOD)
    _template(
        folder, "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    )
    # The real limit is generous; lowered here so the test does not wait for it.
    prelude = "import medialit.render.templates as t; t.RENDER_SECONDS = 2"
    result = run_medialit(["build", "--quiet"], folder, prelude=prelude, timeout=120)
    assert result.returncode == 1, result.stdout
    assert "templates/student.html" in result.stderr, result.stderr
    assert "2 seconds" in result.stderr, result.stderr


def test_a_huge_image_is_refused_before_decoding(tmp_path: Path) -> None:
    from PIL import Image

    folder = _lesson(tmp_path, GOOD)
    Image.new("1", (12_000, 12_000)).save(folder / "crest.png")
    (folder / "medialit.toml").write_text('logo = "crest.png"\n')
    result = run_medialit(["build", "--quiet"], folder, max_memory_bytes=MEMORY_CAP, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "crest.png" in result.stderr and "12,000 × 12,000 pixels" in result.stderr
    assert "DecompressionBomb" not in result.stderr and "Traceback" not in result.stderr


def test_an_image_that_cannot_be_read_is_reported(tmp_path: Path) -> None:
    folder = _lesson(tmp_path, GOOD)
    (folder / "crest.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"not really an image" * 10)
    (folder / "medialit.toml").write_text('logo = "crest.png"\n')
    result = run_medialit(["build", "--quiet"], folder, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Warning:" in result.stderr and "crest.png" in result.stderr, result.stderr
    assert "not an image medialit can read" in result.stderr, result.stderr
