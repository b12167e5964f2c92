"""Issue 19: the lesson `medialit new` writes from a real article, read back as a teacher would.

About twelve statements, each `draft: true` with how sure it is in a comment, least sure
first (and so in `medialit check`'s warnings); a `core` selection of six to nine that the
lesson's own check accepts; further candidates as comments that check ignores;
`--statements N` for another size; `--no-suggest` writes none.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from medialit.cli import main
from medialit.lesson.reading import read_lesson

from .conftest import ROOT

ARTICLE = ROOT / "benchmarks" / "corpus" / "sun-santa-claus-1897" / "article.txt"
SURE = re.compile(r"^  # how sure: (?:sure|fairly sure|unsure) \((\d\.\d\d)\)$", re.M)


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "editorial.txt").write_text(ARTICLE.read_text("utf-8"), "utf-8")
    return tmp_path


def new(*args: str) -> str:
    made = CliRunner().invoke(main, ["new", "editorial.txt", "--name", "sun", *args])
    assert made.exit_code == 0, made.output
    return Path("lessons/sun.yaml").read_text("utf-8")


def test_a_lesson_sized_draft_with_a_core_and_candidates(folder: Path) -> None:
    text = new()
    data = YAML(typ="safe").load(text)
    annotations = data["annotations"]
    assert len(annotations) == 12
    assert all(a["draft"] is True and a["why"] and a["check"] for a in annotations)
    ids = [a["id"] for a in annotations]
    core = data["selections"]["core"]
    assert 6 <= len(core) <= 9 and set(core) <= set(ids)
    # how sure, in a comment above each draft, least sure first
    sure = [float(s) for s in SURE.findall(text)]
    assert len(sure) == 12 and sure == sorted(sure)
    # candidates as commented entries after the lesson: a teacher promotes one by uncommenting
    _head, candidates = text.split("# More candidates found in the article", 1)
    assert "#   - id: " in candidates and "#     draft: true" in candidates
    promoted = "\n".join(
        line[4:] for line in candidates.splitlines() if line.startswith("#   ")
    ).split("\n- ")[0]
    entry = YAML(typ="safe").load(promoted)[0]
    assert entry["quote"] in data["article"] and entry["id"] not in ids
    checked = read_lesson(folder / "lessons" / "sun.yaml")
    assert len(checked.statements) == 12
    assert checked.lesson.selections["core"] == core


def test_check_lists_the_least_sure_drafts_first(folder: Path) -> None:
    text = new()
    lines = text.splitlines()
    checked = CliRunner().invoke(main, ["check", "lessons/sun.yaml"])
    assert checked.exit_code == 0, checked.output
    warned = [
        int(m.group(1))
        for m in re.finditer(r"sun\.yaml:(\d+):\d+: annotations\[\d+\]\.draft", checked.stderr)
    ]
    assert len(warned) == 12 and warned == sorted(warned)  # file order: least sure first
    first = next(n for n, line in enumerate(lines, 1) if line.startswith("  # how sure"))
    assert first < warned[0]


def test_statements_n_and_no_suggest(folder: Path) -> None:
    data = YAML(typ="safe").load(new("--statements", "5"))
    assert len(data["annotations"]) == 5
    assert "selections" not in data  # too few for a shorter version
    Path("lessons/sun.yaml").unlink()
    text = new("--no-suggest")
    assert YAML(typ="safe").load(text)["annotations"] == []
    assert "# how sure:" not in text and "More candidates" not in text


def test_statements_must_be_a_positive_number(folder: Path) -> None:
    made = CliRunner().invoke(main, ["new", "editorial.txt", "--statements", "0"])
    assert made.exit_code == 2
    assert "--statements" in made.output and "0 is not in the range x>=1" in made.output
    assert not (folder / "lessons").exists()
