"""Issue 19, held-out-3 and -4: a quoted title is one passage, not two sentences.

A NASA release names its study "Severe Global Cooling After Volcanic Super-Eruptions? The
Answer Hinges on Unknown Aerosol Size": the reading cut the sentence at the title's question
mark and drafted the title's second half as a statement of its own. A real ``medialit new``
run on the sentence (public domain, NASA GISS, 2024) must keep it whole; a quoted speech of
several sentences is still cut into its sentences.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from medialit.cli.main import main

TITLE = (
    "McGraw and colleagues ran a climate model over a range of particle sizes. The study, "
    "titled “Severe Global Cooling After Volcanic Super-Eruptions? The Answer Hinges on "
    "Unknown Aerosol Size,” was published in the Journal of Climate. The researchers found "
    "that super-eruptions may be less likely to cool the planet than earlier studies said."
)
SPEECH = (
    "“The rescue took all night. We found them at dawn. Everyone was cold but safe,” said "
    "Maria Lopez, the team's leader.\n\nThe two climbers had been missing since Saturday "
    "afternoon, when a storm closed the pass above the village. Their families raised the alarm "
    "on Sunday morning."
)


def drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> list[dict[str, Any]]:
    """The statements, then the candidates, that a real ``medialit new`` run drafts from
    ``text`` (the candidates read back from the commented entries of the lesson)."""
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "article.txt"
    page.write_text(text + "\n", "utf-8")
    made = CliRunner().invoke(main, ["new", str(page), "--name", "drafted"])
    assert made.exit_code == 0, made.output
    lesson = (tmp_path / "lessons" / "drafted.yaml").read_text("utf-8")
    statements = YAML(typ="safe").load(lesson).get("annotations") or []
    commented = [line[2:] for line in lesson.splitlines() if line.startswith("#   ")]
    candidates = YAML(typ="safe").load("\n".join(commented)) or []
    return [*statements, *candidates]


def starting(found: list[dict[str, Any]], opening: str) -> dict[str, Any]:
    """The draft among ``found`` (as :func:`drafts` gives them) whose quote opens so."""
    draft = next((d for d in found if str(d["quote"]).startswith(opening)), None)
    assert draft is not None, [d["quote"] for d in found]
    return draft


def drafted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> list[str]:
    """The quotes of the statements and candidates ``medialit new`` drafts from ``text``."""
    return [str(d["quote"]) for d in drafts(tmp_path, monkeypatch, text)]


def test_a_quoted_title_is_not_cut_at_its_question_mark(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    quotes = drafted(tmp_path, monkeypatch, TITLE)
    assert not any(q.startswith("The Answer Hinges") for q in quotes), quotes
    assert any("Super-Eruptions? The Answer Hinges" in q for q in quotes), quotes


def test_a_quoted_speech_is_still_cut_into_sentences(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    quotes = drafted(tmp_path, monkeypatch, SPEECH)
    assert not any("took all night. We found" in q for q in quotes), quotes
