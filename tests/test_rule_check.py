"""Issue 22: `medialit check` warns when one tick everywhere would score over half the marks.

The score is counted as the Moodle export counts it, and the tests read it back from the
exported XML itself: a kind's fraction in each question, averaged over the quiz.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from medialit.exports.export import ExportOptions, export_lesson
from medialit.lesson.one_tick import MOST_FOR_ONE_TICK, one_tick_scores
from medialit.lesson.reading import read_lesson

from .conftest import LESSONS, ROOT

FIRST = ROOT / "lessons" / "school-start-time.yaml"


def check(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``medialit check`` as a teacher runs it: a real process."""
    return subprocess.run(
        [sys.executable, "-m", "medialit", "check", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def also_accepted_everywhere(folder: Path) -> Path:
    """The first lesson, keyed so that "assertion" is accepted for every statement."""
    text = FIRST.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^    also_accept: .*\n", "", text)
    text = re.sub(
        r"(?m)^    kind: (evidence|inference)\n",
        r"    kind: \1\n    also_accept: [assertion]\n",
        text,
    )
    lesson = folder / "lessons" / "everywhere.yaml"
    lesson.parent.mkdir()
    lesson.write_text(text, encoding="utf-8")
    return lesson


def moodle_scores(lesson: Path, out: Path, select: str | None) -> dict[str, float]:
    """Each kind's share of the marks when ticked for every statement, from the Moodle XML."""
    result = export_lesson(lesson, ExportOptions(format="moodle", out=out, select=select))
    (xml,) = result.outputs
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    questions = etree.parse(str(xml), parser).getroot().findall("question[@type='multichoice']")
    totals: dict[str, float] = {}
    for question in questions:
        for answer in question.findall("answer"):
            label = answer.findtext("text") or ""
            totals[label] = totals.get(label, 0.0) + float(answer.get("fraction", "0")) / 100
    return {label: total / len(questions) for label, total in totals.items()}


def test_check_warns_about_a_lesson_that_accepts_one_kind_everywhere(tmp_path: Path) -> None:
    lesson = also_accepted_everywhere(tmp_path)
    done = check("lessons/everywhere.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr  # a warning, not an error: the lesson still builds
    assert "lessons/everywhere.yaml: OK: 9 statements" in done.stdout
    # 3 assertions in full and 6 other statements at half: (3 + 3) / 9
    line = next(
        n for n, text in enumerate(lesson.read_text().splitlines(), 1) if text == "annotations:"
    )
    assert (
        f'Warning: lessons/everywhere.yaml:{line}:1: annotations: ticking "assertion" for every '
        "statement would score 67 % (full credit for 3 of 9, half for 6 that also accept it, as "
        "the Moodle export counts it). A key where one tick everywhere scores over 50 % is almost "
        "certainly mis-keyed: sort each statement by the rule the sheet prints "
        '("The rule between the kinds" in lessons/README.md, which medialit init writes), and '
        "keep also_accept only where that rule leaves room, with the reason in its why."
    ) in done.stderr
    assert "Traceback" not in done.stderr
    scores = moodle_scores(lesson, tmp_path / "out", None)
    assert scores["Assertion"] == pytest.approx(6 / 9)


def test_check_warns_about_a_selection_too(tmp_path: Path) -> None:
    lesson = also_accepted_everywhere(tmp_path)
    text = FIRST.read_text(encoding="utf-8")
    assert "selections:" not in text and "id:" not in text
    ids = iter(f"s{n}" for n in range(1, 10))
    text = re.sub(r"(?m)^  - quote:", lambda m: f"  - id: {next(ids)}\n    quote:", text)
    # "inference" also accepted for the first evidence and the first assertion: 4 of 9 in all
    for kind in ("evidence", "assertion"):
        text = text.replace(
            f"    kind: {kind}\n", f"    kind: {kind}\n    also_accept: [inference]\n", 1
        )
    text += "selections:\n  most: [s1, s2, s4, s5, s7, s8]\n"  # E A I A I I: 3 in full, 2 half
    lesson.write_text(text, encoding="utf-8")
    done = check(str(lesson), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("Warning:") == 1, done.stderr
    assert (
        ': selections.most: ticking "inference" for every statement in the selection "most" '
        "would score 67 % (full credit for 3 of 6, half for 2 that also accept it, as the Moodle "
        "export counts it)."
    ) in done.stderr
    assert moodle_scores(lesson, tmp_path / "most", "most")["Inference"] == pytest.approx(4 / 6)
    assert moodle_scores(lesson, tmp_path / "all", None)["Inference"] == pytest.approx(4 / 9)


def test_a_set_of_fewer_than_six_statements_is_not_judged(tmp_path: Path) -> None:
    lesson = also_accepted_everywhere(tmp_path)
    text = FIRST.read_text(encoding="utf-8")
    ids = iter(f"s{n}" for n in range(1, 10))
    text = re.sub(r"(?m)^  - quote:", lambda m: f"  - id: {next(ids)}\n    quote:", text)
    lesson.write_text(text + "selections:\n  reasons: [s4, s7, s8]\n", encoding="utf-8")
    done = check(str(lesson), cwd=tmp_path)  # three inferences: 100 %, but only three
    assert done.returncode == 0 and "ticking" not in done.stderr, done.stderr


def test_the_shipped_lessons_draw_no_warning() -> None:
    done = check("lessons/", cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "ticking" not in done.stderr and "Warning" not in done.stderr, done.stderr


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_no_shipped_lesson_scores_over_half_with_one_tick(lesson: Path, tmp_path: Path) -> None:
    checked = read_lesson(lesson)
    for select in [None, *checked.lesson.selections]:
        scores = moodle_scores(lesson, tmp_path / (select or "all"), select)
        assert max(scores.values()) <= MOST_FOR_ONE_TICK, (select, scores)
        # the check counts as the export does
        chosen = checked.lesson.selections.get(select or "", None)
        annotations = [
            s.annotation for s in checked.statements if chosen is None or s.annotation.id in chosen
        ]
        ours = {t.kind.value.capitalize(): t.score for t in one_tick_scores(annotations)}
        assert ours == pytest.approx(scores), select


def test_a_question_citing_a_paragraph_the_article_lacks_is_an_error(tmp_path: Path) -> None:
    text = FIRST.read_text(encoding="utf-8").replace(
        "    notes: >-\n      The reporter’s.",
        "    paragraphs: [6, 40]\n    notes: >-\n      The reporter’s.",
    )
    lesson = tmp_path / "lessons" / "cites.yaml"
    lesson.parent.mkdir()
    lesson.write_text(text, encoding="utf-8")
    done = check("lessons/cites.yaml", cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "paragraphs: [6, 40]" in t)
    assert (
        f"lessons/cites.yaml:{line}:21: questions[0].paragraphs[1]: the article has no paragraph "
        "40 (its paragraphs are numbered 1 to 10); give the ¶ number the sheet prints beside the "
        "paragraph the question quotes."
    ) in done.stderr, done.stderr


def test_a_plan_belongs_to_the_version_it_times() -> None:
    from medialit.render.key_context import key_context
    from medialit.settings.schema import Settings
    from medialit.sheets.selections import select_statements

    seed = read_lesson(ROOT / "lessons" / "washington-isis-syria-2017.yaml")
    whole, core = (
        key_context(seed, Settings()),
        key_context(select_statements(seed, "core"), Settings()),
    )
    assert whole.plan is not None and whole.plan.minutes == 100  # two lessons, 25 statements
    assert core.plan is not None and core.plan.minutes == 50
    assert "core selection" in core.plan.preparation[0]


def test_a_plan_for_a_selection_the_lesson_lacks_is_an_error(tmp_path: Path) -> None:
    text = FIRST.read_text(encoding="utf-8")
    text = text.replace("  - quote: Most families", "  - id: most\n    quote: Most families")
    text += (
        "selections:\n  short: [most]\nplans:\n  shrt:\n    minutes: 10\n"
        "    steps: [{minutes: 10, activity: Sort.}]\n"
    )
    lesson = tmp_path / "lessons" / "plans.yaml"
    lesson.parent.mkdir()
    lesson.write_text(text, encoding="utf-8")
    done = check("lessons/plans.yaml", cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t == "  shrt:")
    assert (
        f'lessons/plans.yaml:{line}:3: plans.shrt: the lesson has no selection "shrt"; '
        'did you mean "short"?'
    ) in done.stderr, done.stderr


def test_a_draft_lesson_is_not_judged_until_its_kinds_are_confirmed(tmp_path: Path) -> None:
    lesson = also_accepted_everywhere(tmp_path)
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(
        text.replace("    kind: assertion\n", "    kind: assertion\n    draft: true\n", 1)
    )
    done = check("lessons/everywhere.yaml", cwd=tmp_path)
    assert done.returncode == 0 and "is a draft suggestion" in done.stderr
    assert "ticking" not in done.stderr


def test_a_key_that_leans_on_one_kind_is_told_to_add_others_not_that_it_is_mis_keyed(
    tmp_path: Path,
) -> None:
    """Confirmed drafts of an article with few inferences: 48 of the corpus's 87 drafted
    lessons have one kind over half, each sorted by the rule. `check` called each "almost
    certainly mis-keyed"; a key whose own kinds lean one way is told how to balance it."""
    text = FIRST.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^    also_accept: .*\n", "", text)
    text = re.sub(r"(?m)^    kind: inference\n", "    kind: assertion\n", text, count=2)
    lesson = tmp_path / "lessons" / "leaning.yaml"
    lesson.parent.mkdir()
    lesson.write_text(text, encoding="utf-8")
    done = check("lessons/leaning.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (
        'annotations: ticking "assertion" for every statement would score 56 % (full credit '
        "for 5 of 9, as the Moodle export counts it). Over half the statements are keyed "
        '"assertion", so a student who ticks that kind everywhere does well. Sort each statement again '
        'by the rule the sheet prints ("The rule between the kinds" in lessons/README.md, '
        "which medialit init writes); if the key is right, add statements of the other kinds "
        '(a drafted lesson lists more under "# More candidates") or leave some of these out, '
        "until one tick everywhere scores 50 % or less."
    ) in done.stderr
    assert "mis-keyed" not in done.stderr
    assert moodle_scores(lesson, tmp_path / "out", None)["Assertion"] == pytest.approx(5 / 9)


def test_a_selection_that_leans_on_one_kind_is_told_to_choose_others(tmp_path: Path) -> None:
    """The lesson is balanced (4 assertions of 9); its selection of six holds all four."""
    text = FIRST.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^    also_accept: .*\n", "", text)
    text = re.sub(r"(?m)^    kind: inference\n", "    kind: assertion\n", text, count=1)
    ids = iter(f"s{n}" for n in range(1, 10))
    text = re.sub(r"(?m)^  - quote:", lambda m: f"  - id: {next(ids)}\n    quote:", text)
    kinds = re.findall(r"(?m)^    kind: (\w+)$", text)
    assertions = [f"s{n}" for n, kind in enumerate(kinds, 1) if kind == "assertion"]
    others = [f"s{n}" for n, kind in enumerate(kinds, 1) if kind != "assertion"]
    assert len(assertions) == 4
    chosen = sorted(assertions + others[:2], key=lambda i: int(i[1:]))
    lesson = tmp_path / "lessons" / "leaning.yaml"
    lesson.parent.mkdir()
    lesson.write_text(text + f"selections:\n  short: [{', '.join(chosen)}]\n", encoding="utf-8")
    done = check("lessons/leaning.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("Warning:") == 1, done.stderr
    assert (
        ': selections.short: ticking "assertion" for every statement in the selection "short" '
        "would score 67 % (full credit for 4 of 6, as the Moodle export counts it). Over half "
        'the statements in the selection "short" are keyed "assertion"'
    ) in done.stderr
    assert "if the key is right, choose statements of the other kinds for the selection" in (
        done.stderr
    )
    assert "More candidates" not in done.stderr
