"""Draft statements and source gaps: warned about by check, marked in the key, confirmed by
deleting ``draft: true``; partial publication dates; a teacher's own cue words."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from medialit.cli.main import main
from medialit.drafting.suggest import load_cues, suggest
from medialit.errors import MedialitError
from medialit.lesson.reading import read_lesson

from .conftest import ROOT, build

pytestmark = pytest.mark.build

SEED = ROOT / "seeds" / "000_6720225e856085cf.txt"
NO_DETAILS = (
    "A council vote\n\n"
    "The council voted on Tuesday to close the street on weekends. It is clear that the shops "
    "will lose money, although nobody has counted the customers yet. Apparently, the mayor "
    "agrees with the plan, and the vote therefore stands until the autumn report is read.\n"
)


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_check_lists_drafts_and_gaps_as_warnings(folder: Path) -> None:
    (folder / "vote.txt").write_text(NO_DETAILS)
    made = CliRunner().invoke(main, ["new", "vote.txt"])
    assert made.exit_code == 0, made.output
    assert "fill in author, outlet, published" in made.stdout
    lesson = folder / "lessons" / "a-council-vote.yaml"
    text = lesson.read_text("utf-8")
    assert "author: unknown  # not found in the source: fill it in" in text
    assert "published: unknown  # not found in the source: fill it in" in text
    checked = CliRunner().invoke(main, ["check", str(lesson)])
    assert checked.exit_code == 0, checked.output
    assert checked.stdout.startswith(f"{lesson}: OK: 3 statements")
    warnings = checked.stderr.splitlines()
    assert warnings[:3] == [
        f"Warning: {lesson}:{line}:{len(field) + 5}: source.{field}: is unknown: medialit new did not find it "
        "in the source; fill it in."
        for line, field in zip(
            _lines(text, "author:", "outlet:", "published:"),
            ("author", "outlet", "published"),
            strict=True,
        )
    ]
    drafts = [w for w in warnings[3:] if "annotations[" in w]
    assert len(drafts) == 3
    # then the suggested discussion questions and the plan, to accept like the drafts
    suggested = warnings[6:]
    assert [re.search(r"(questions\[\d\]|plan)\.draft", w).group(1) for w in suggested] == [  # type: ignore[union-attr]
        "questions[0]",
        "questions[1]",
        "questions[2]",
        "plan",
    ]
    assert drafts[0].startswith(f"Warning: {lesson}:")
    # in the file's order, least sure first: annotations[0] is not the first in reading order
    assert [re.search(r"annotations\[\d\]", d).group(0) for d in drafts] == [  # type: ignore[union-attr]
        f"annotations[{i}]" for i in range(3)
    ]
    assert re.search(
        r"is a draft suggestion \(how sure: (?:unsure|fairly sure|sure), [01]\.\d\d\); check its "
        r"kind and why, then delete 'draft: true' to confirm it\.$",
        drafts[0],
    )


def _lines(text: str, *starts: str) -> list[int]:
    lines = text.splitlines()
    return [
        next(n for n, line in enumerate(lines, 1) if line.strip().startswith(start))
        for start in starts
    ]


def test_deleting_draft_true_confirms_a_statement(folder: Path) -> None:
    (folder / "vote.txt").write_text(NO_DETAILS)
    CliRunner().invoke(main, ["new", "vote.txt", "--name", "vote"])
    lesson = folder / "lessons" / "vote.yaml"
    text = lesson.read_text("utf-8")
    for field in ("author", "outlet"):
        text = text.replace(
            f"{field}: unknown  # not found in the source: fill it in", f"{field}: A. Writer"
        )
    text = text.replace(
        "published: unknown  # not found in the source: fill it in", "published: 2016-05"
    )
    # every draft: the statements', the suggested questions' and the plan's
    lesson.write_text(re.sub(r"^ *draft: true\n", "", text, flags=re.M), "utf-8")
    checked = CliRunner().invoke(main, ["check", str(lesson)])
    assert checked.exit_code == 0
    assert checked.stderr == ""
    assert not any(s.annotation.draft for s in read_lesson(lesson).statements)


def test_key_marks_drafts_and_counts_them_on_its_first_page(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "medialit", "new", str(SEED), "--name", "seed"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lesson = tmp_path / "lessons" / "seed.yaml"
    # The teacher confirms the first two suggestions.
    text = lesson.read_text("utf-8").replace("    draft: true\n", "", 2)
    lesson.write_text(text, "utf-8")
    checked = read_lesson(lesson)
    statements = checked.statements
    drafts = sum(s.annotation.draft for s in statements)
    assert drafts == len(statements) - 2
    # the suggested questions and plan are marked too, until the teacher accepts them
    questions = [q.draft for q in checked.lesson.questions]
    assert questions == [True, True, True]
    assert checked.lesson.plan is not None and checked.lesson.plan.draft
    outputs = build(lesson, tmp_path / "out")
    key = outputs["key.pdf"]
    first_page = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(key), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert (
        f"Draft key: {drafts} of {len(statements)} statements are suggestions from medialit new "
        "that no one has reviewed." in " ".join(first_page.split())
    )
    key_text = pdf_text(key)
    assert key_text.count("Draft, not reviewed") == drafts + len(questions) + 1
    question_notes = key_text.split("Discussion questions: notes")[-1]
    assert question_notes.count("Draft, not reviewed") == len(questions)
    plan_title = re.search(r"Lesson plan[^D]{0,40}Draft, not reviewed", key_text)
    assert plan_title, "the suggested plan is marked beside its title"
    student = pdf_text(outputs["student.pdf"])
    assert "Draft" not in student and "reviewed" not in student
    html = outputs["student.html"].read_text("utf-8")
    assert "draft" not in html.lower()


@pytest.mark.parametrize(
    ("published", "printed"),
    [("2016-05", "May 2016"), ("2016", "2016"), ("2016-05-03", "3 May 2016")],
)
def test_partial_publication_dates_print_as_given(
    tmp_path: Path, published: str, printed: str
) -> None:
    source = (ROOT / "tests" / "data" / "sample.yaml").read_text("utf-8")
    lesson = tmp_path / "dated.yaml"
    lesson.write_text(
        re.sub(r"published: \S+", f"published: {published}", source, count=1), "utf-8"
    )
    assert read_lesson(lesson).lesson.source.published == published
    outputs = build(lesson, tmp_path / "out")
    assert "First published " in pdf_text(outputs["student.pdf"])
    assert printed in pdf_text(outputs["student.pdf"])


@pytest.mark.parametrize("bad", ["2016-13", "16-05", "May 2016", "2016-02-30"])
def test_wrong_partial_dates_are_refused(tmp_path: Path, bad: str) -> None:
    source = (ROOT / "tests" / "data" / "sample.yaml").read_text("utf-8")
    lesson = tmp_path / "dated.yaml"
    lesson.write_text(re.sub(r"published: \S+", f'published: "{bad}"', source, count=1), "utf-8")
    checked = CliRunner().invoke(main, ["check", str(lesson)])
    assert checked.exit_code == 1
    assert f'source.published: "{bad}" is not a date' in checked.stderr


def test_a_teacher_extends_the_cue_words(tmp_path: Path) -> None:
    article = "The mayor's plan is a disaster for every family that lives near the river."
    built_in = load_cues("en", tmp_path)
    assert built_in is not None
    assert all("disaster" not in s.why for s in suggest(article, built_in))
    (tmp_path / "cues").mkdir()
    (tmp_path / "cues" / "en.yaml").write_text(
        "families:\n"
        "  - name: loaded words\n"
        "    cues: [a disaster]\n"
        "  - name: praise\n"
        "    kind: assertion\n"
        "    why: Praise words (‘{cue}’) judge instead of reporting.\n"
        "    cues: [a triumph]\n"
    )
    families = load_cues("en", tmp_path)
    assert families is not None
    (found,) = suggest(article, families)
    assert found.kind.value == "assertion"
    assert found.why.startswith("‘a disaster’ judges instead of reporting")
    (praised,) = suggest("The new bridge over the river is a triumph of design.", families)
    assert praised.why == "Praise words (‘a triumph’) judge instead of reporting."


def test_a_broken_cues_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "cues").mkdir()
    (tmp_path / "cues" / "en.yaml").write_text("families:\n  - name: new family\n    cues: [x]\n")
    with pytest.raises(MedialitError, match="needs a kind and a why"):
        load_cues("en", tmp_path)


@pytest.mark.bench
def test_benchmark_script_runs() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_new.py"), "--repeat", "1"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    for figure in ("coverage", "right as they stand", "leave one genre out", "time of new on a"):
        assert figure in done.stdout, figure


@pytest.mark.parametrize(
    ("lesson", "notice", "mark"),
    [
        (
            "lesson-es.yaml",
            "Solucionario en borrador: 1 de 3 fragmentos son sugerencias de medialit new",
            "Borrador, sin revisar",
        ),
        (
            "lesson-fr.yaml",
            "Corrigé provisoire. Énoncés suggérés par medialit new que personne n’a encore relus : 1 sur 3.",
            "Brouillon, non relu",
        ),
    ],
)
def test_draft_notice_and_mark_in_the_lessons_language(
    tmp_path: Path, lesson: str, notice: str, mark: str
) -> None:
    text = (ROOT / "tests" / "data" / lesson).read_text("utf-8")
    first, rest = text.split("    kind: evidence\n", 1)
    drafted = tmp_path / lesson
    drafted.write_text(f"{first}    kind: evidence\n    draft: true\n{rest}", "utf-8")
    outputs = build(drafted, tmp_path / "out")
    key = pdf_text(outputs["key.pdf"])
    assert notice in key and key.count(mark) == 1
    assert "Draft" not in key
