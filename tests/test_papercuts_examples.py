"""Every YAML example of the documentation passes ``medialit check`` (issue 24, item 1).

The examples are taken from the Markdown as a teacher copies them: a whole lesson is
checked as it is; a part of one (``title:`` and ``language:``) on top of a small valid
lesson; a cues file is used by ``medialit new``, the command that reads it. And an
unquoted comma in a ``{…}`` is explained as what it is.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from medialit.lesson.model import Lesson

from .conftest import DATA, ROOT, run_cli

DOCUMENTS = [ROOT / "README.md", ROOT / "lessons" / "README.md", *sorted(ROOT.glob("docs/*.md"))]
FENCE = re.compile(r"^```ya?ml\n(.*?)^```", re.MULTILINE | re.DOTALL)


def yaml_examples() -> list[tuple[str, str]]:
    """Every ```yaml block of the documents, named by its file and line."""
    found = []
    for document in DOCUMENTS:
        text = document.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append((f"{document.relative_to(ROOT)}:{line}", match.group(1)))
    return found


EXAMPLES = yaml_examples()


def _plain(text: str) -> object:
    return YAML(typ="safe", pure=True).load(text)


def test_the_documents_have_yaml_examples() -> None:
    """The extraction finds the README's lesson, the customising guide's part of a lesson and
    its cues file, so a change of fence style cannot empty the checks below."""
    names = [name for name, _ in EXAMPLES]
    assert any(name.startswith("README.md:") for name in names)
    assert sum(name.startswith("docs/customising.md:") for name in names) >= 2


def _lesson_examples() -> list[tuple[str, str]]:
    return [
        (name, text)
        for name, text in EXAMPLES
        if isinstance(data := _plain(text), dict) and set(data) <= set(Lesson.model_fields)
    ]


@pytest.mark.build
def test_every_lesson_example_passes_check(tmp_path: Path) -> None:
    examples = _lesson_examples()
    assert examples, "no lesson examples found"
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    good = (DATA / "good-lesson.yaml").read_text(encoding="utf-8")
    for number, (name, text) in enumerate(examples):
        data = _plain(text)
        assert isinstance(data, dict)
        # A part of a lesson goes on top of a valid one: its own fields replace the lesson's.
        if "article" not in data:
            kept = [
                block for block in re.split(r"\n(?=\S)", good) if block.split(":", 1)[0] not in data
            ]
            text = text + "\n".join(kept) + "\n"
        (lessons / f"example-{number}.yaml").write_text(f"# {name}\n{text}", encoding="utf-8")
    result = run_cli(["check", "lessons"], tmp_path)
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    for number in range(len(examples)):
        assert f"example-{number}.yaml: OK" in result.stdout


@pytest.mark.build
def test_every_cues_example_is_used_by_new(tmp_path: Path) -> None:
    cues = [(name, text) for name, text in EXAMPLES if "families" in (_plain(text) or {})]
    assert cues, "no cues examples found"
    for number, (name, text) in enumerate(cues):
        folder = tmp_path / f"folder-{number}"
        (folder / "cues").mkdir(parents=True)
        (folder / "cues" / "en.yaml").write_text(text, encoding="utf-8")
        # Every cue word of the example, each in a sentence of its own.
        words = [word for family in _plain(text)["families"] for word in family["cues"]]  # type: ignore[index]
        article = " ".join(f"Sentence {i}: it was {word} today." for i, word in enumerate(words))
        (folder / "article.txt").write_text(f"A title\n\n{article}\n", encoding="utf-8")
        result = run_cli(["new", "article.txt", "--name", "cued"], folder)
        assert result.returncode == 0, f"{name}: {result.stderr}"
        lesson = (folder / "lessons" / "cued.yaml").read_text(encoding="utf-8")
        for word in words:
            assert word in lesson, f"{name}: the cue {word!r} gave no suggestion"


def _check(tmp_path: Path, text: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "lessons").mkdir(exist_ok=True)
    (tmp_path / "lessons" / "comma.yaml").write_text(text, encoding="utf-8")
    return run_cli(["check", "lessons/comma.yaml"], tmp_path)


@pytest.mark.build
def test_a_comma_in_braces_is_explained(tmp_path: Path) -> None:
    good = (DATA / "good-lesson.yaml").read_text(encoding="utf-8")
    text = good + (
        "plan:\n"
        "  minutes: 50\n"
        "  steps:\n"
        "    - {minutes: 10, activity: Read the article., details: Alone, in silence.}\n"
        "    - {minutes: 40, activity: Sort and discuss.}\n"
    )
    line = text.splitlines().index(
        "    - {minutes: 10, activity: Read the article., details: Alone, in silence.}"
    )
    result = _check(tmp_path, text)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"Error: lessons/comma.yaml:{line + 1}:66: plan.steps[0].in silence.: "
        '"in silence." is not a field here; a comma inside {…} or […] starts a new item: '
        'put the text in quotes (details: "Alone, in silence.").'
    )
    assert "Traceback" not in result.stderr


@pytest.mark.build
def test_a_key_that_is_only_misspelt_keeps_its_did_you_mean(tmp_path: Path) -> None:
    good = (DATA / "good-lesson.yaml").read_text(encoding="utf-8")
    text = good + (
        "plan:\n  minutes: 10\n  steps:\n    - {minutes: 10, activity: Read., detials: Alone.}\n"
    )
    result = _check(tmp_path, text)
    assert result.returncode == 1
    assert '"detials" is not a field here; did you mean "details"?' in result.stderr
    assert "starts a new item" not in result.stderr
