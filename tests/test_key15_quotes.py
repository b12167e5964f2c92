"""A statement that quotes someone is printed in the key as a quotation within a quotation
(a newcomer's run: "““Families without a car will simply stop swimming,” she said.”" and
"…safety standards”.”" doubled the marks)."""

from __future__ import annotations

from pathlib import Path

import pytest

from medialit.render.filters import quoted

from .conftest import pdf_text, run_cli

LESSON = """\
title: The pool closes
source:
  author: Jo Smith
  outlet: The Town Gazette
  published: 2024-03-01
article: |
  The council's engineers found a ventilation system that "no longer meets safety standards".

  "Families without a car will simply stop swimming," she said.
annotations:
  - quote: >-
      The council's engineers found a ventilation system that "no longer meets safety
      standards".
    kind: evidence
    why: It names who found it.
  - quote: '"Families without a car will simply stop swimming," she said.'
    kind: inference
    why: A forecast drawn from the bus ride.
"""


@pytest.mark.parametrize(
    ("text", "marks", "printed"),
    [
        ('"Families stop," she said.', ("“", "”"), "“‘Families stop,’ she said.”"),
        ("that “no longer meets standards”.", ("“", "”"), "“that ‘no longer meets standards’.”"),
        ('dijo: "no cumple".', ("«", "»"), "«dijo: “no cumple”.»"),
        ("a dit : « non ».", ("« ", " »"), "« a dit : « non ». »"),  # French marks kept
        ("No marks inside.", ("“", "”"), "“No marks inside.”"),
        # a review: an inch mark, a quotation after a dash, Spanish guillemets inside
        ('The sea rose 6" in a decade.', ("“", "”"), '“The sea rose 6" in a decade.”'),
        ('He said—"no" twice.', ("“", "”"), "“He said—‘no’ twice.”"),
        ("El alcalde dijo «no».", ("«", "»"), "«El alcalde dijo “no”.»"),
    ],
)
def test_double_marks_inside_become_those_of_a_quotation_within(
    text: str, marks: tuple[str, str], printed: str
) -> None:
    assert quoted(text, *marks) == printed


def test_the_key_prints_a_quoted_statement_with_single_marks_inside(tmp_path: Path) -> None:
    (tmp_path / "pool.yaml").write_text(LESSON, encoding="utf-8")
    done = run_cli(["build", "pool.yaml", "--out", "out"], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    key = " ".join(pdf_text(tmp_path / "out" / "pool" / "key.pdf").split())
    assert "“‘Families without a car will simply stop swimming,’ she said.”" in key, key
    assert "‘no longer meets safety standards’.”" in key
    assert "““" not in key and "”.”" not in key
