"""medialit export --format moodle: the Moodle XML quiz, parsed back with lxml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree, html

from medialit.cli.main import main
from medialit.errors import MedialitError
from medialit.exports.export import ExportOptions, export_lesson
from medialit.lesson.reading import read_lesson
from medialit.render.key_context import key_context
from medialit.settings.schema import Settings
from medialit.sheets.variants import plain_variants

from .conftest import DATA, LESSONS

SAMPLE = DATA / "sample.yaml"
HOSTILE = (
    '<!DOCTYPE q [<!ENTITY xxe SYSTEM "file:///etc/passwd">]> &xxe; ]]> </text></question>'
    " <script>alert(1)</script> & \"quotes\" 'too'"
)


def parse(path: Path) -> etree._ElementTree:
    """Parse as an importer should: no entities resolved, no network, no DTD loaded."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    tree = etree.parse(str(path), parser)
    assert tree.docinfo.doctype == "" and tree.docinfo.internalDTD is None
    return tree


def export(lesson: Path, out: Path, **options: object) -> dict[str, Path]:
    result = export_lesson(lesson, ExportOptions(format="moodle", out=out, **options))  # type: ignore[arg-type]
    return {p.name: p for p in result.outputs}


def questions(tree: etree._ElementTree, kind: str) -> list[etree._Element]:
    return tree.getroot().findall(f"question[@type='{kind}']")


def text_of(question: etree._Element, path: str) -> str:
    """The plain text of an HTML field (``questiontext``, ``generalfeedback``…)."""
    markup = question.findtext(f"{path}/text") or ""
    return html.fragment_fromstring(markup, create_parent="div").text_content() if markup else ""


def test_one_multichoice_per_statement_with_the_key_s_credit(tmp_path: Path) -> None:
    tree = parse(export(SAMPLE, tmp_path)["moodle.xml"])
    checked = read_lesson(SAMPLE)
    key = key_context(checked, Settings())
    category = tree.getroot().find("question[@type='category']/category/text")
    assert category is not None and category.text == "$course$/top/The school lunch debate"
    multichoice = questions(tree, "multichoice")
    assert len(multichoice) == len(key.statements) == 3
    for question, statement in zip(multichoice, key.statements, strict=True):
        assert question.findtext("name/text") == f"{statement.number}. {statement.opening}"
        assert question.findtext("single") == "true"
        markup = question.findtext("questiontext/text") or ""
        assert f"<strong>{statement.text.replace('&', '&amp;')}</strong>" in markup
        credit = {a.findtext("text"): a.get("fraction") for a in question.findall("answer")}
        expected = {"Evidence": "0", "Inference": "0", "Assertion": "0"}
        expected[statement.kind_label] = "100"
        expected.update({label: "50" for label in statement.also_accept})
        assert credit == expected
        feedback = text_of(question, "generalfeedback")
        assert statement.why in feedback
        assert (statement.check or "") in feedback
    # the statement's paragraph is its context: statement 2 is read after statement 1
    context = text_of(multichoice[1], "questiontext")
    assert context.startswith("The council’s report") and "Therefore the canteen" in context
    assert "Also accepted: Assertion." in text_of(multichoice[1], "generalfeedback")


def test_one_essay_per_discussion_question_notes_for_the_marker(tmp_path: Path) -> None:
    tree = parse(export(SAMPLE, tmp_path)["moodle.xml"])
    [essay] = questions(tree, "essay")
    assert text_of(essay, "questiontext") == "Which statement would you check first?"
    assert text_of(essay, "graderinfo") == "Listen for the council report."
    assert text_of(essay, "generalfeedback") == ""  # students see this one after marking


def test_versions_follow_the_keys_numbers(tmp_path: Path) -> None:
    outputs = export(SAMPLE, tmp_path, versions=2, seed=3)
    assert sorted(outputs) == ["moodle-A.xml", "moodle-B.xml"]
    checked = read_lesson(SAMPLE)
    for variant in plain_variants(["standard"], 2, 3, len(checked.statements)):
        key = key_context(checked, Settings(), variant)
        tree = parse(outputs[f"moodle-{variant.version}.xml"])
        names = [q.findtext("name/text") for q in questions(tree, "multichoice")]
        assert names == [f"{s.number}. {s.opening}" for s in key.statements]
        category = tree.getroot().findtext("question/category/text")
        assert category == f"$course$/top/The school lunch debate/Version {variant.version}"
    a, b = (parse(outputs[f"moodle-{v}.xml"]) for v in "AB")
    assert [q.findtext("name/text") for q in questions(a, "multichoice")] != [
        q.findtext("name/text") for q in questions(b, "multichoice")
    ]


def test_lesson_text_stays_text(tmp_path: Path) -> None:
    lesson = tmp_path / "hostile.yaml"
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("why: No support is given.", f"why: {HOSTILE!r}".replace("\\'", "''"))
    text = text.replace("Listen for the council report.", "Slash / and & in notes")
    lesson.write_text(text.replace("title: The school lunch debate", "title: Lunch / dinner & co"))
    tree = parse(export(lesson, tmp_path / "out")["moodle.xml"])
    root = tree.getroot()
    assert [q.get("type") for q in root] == [
        "category",
        "multichoice",
        "multichoice",
        "multichoice",
        "essay",
    ]
    # As the printed key has it: the same text, with typographic quotes.
    typeset = key_context(read_lesson(lesson), Settings()).statements[2].why
    straight = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
    assert typeset.translate(straight) == HOSTILE
    assert text_of(questions(tree, "multichoice")[2], "generalfeedback") == typeset
    assert root.findtext("question/category/text") == "$course$/top/Lunch // dinner & co"
    assert text_of(questions(tree, "essay")[0], "graderinfo") == "Slash / and & in notes"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_every_shipped_lesson_exports(lesson: Path, tmp_path: Path) -> None:
    checked = read_lesson(lesson)
    tree = parse(export(lesson, tmp_path)["moodle.xml"])
    assert len(questions(tree, "multichoice")) == len(checked.statements)
    assert len(questions(tree, "essay")) == len(checked.lesson.questions)
    for question in questions(tree, "multichoice"):
        assert [a.get("fraction") for a in question.findall("answer")].count("100") == 1


def test_cli_writes_the_file_and_refuses_bad_input(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    lesson = tmp_path / "sample.yaml"  # the lesson a teacher exports, then breaks
    lesson.write_text(SAMPLE.read_text())
    ok = runner.invoke(main, ["export", str(lesson), "--format", "moodle", "--out", str(out)])
    assert ok.exit_code == 0, ok.output
    assert ok.output == f"{lesson}: wrote {out}/sample/moodle.xml\n"
    before = (out / "sample" / "moodle.xml").read_bytes()

    unknown = runner.invoke(main, ["export", str(SAMPLE), "--format", "word", "--out", str(out)])
    assert unknown.exit_code == 2
    assert (
        "Invalid value for '--format': 'word' is not one of 'moodle', 'qti', 'canvas'."
        in unknown.output
    )

    broken = lesson
    broken.write_text(SAMPLE.read_text().replace("kind: assertion", "kind: opinion"))
    failed = runner.invoke(main, ["export", str(broken), "--format", "moodle", "--out", str(out)])
    assert failed.exit_code == 1
    assert failed.output == (
        f'Error: {broken}:27:11: annotations[2].kind: "opinion" is not a kind; '
        "use one of the kinds: evidence, inference, assertion.\n1 of 1 lessons failed.\n"
    )
    assert (out / "sample" / "moodle.xml").read_bytes() == before  # the earlier export stays
    # no temporary left, only the export and the mark saying which lesson made the folder
    assert sorted(p.name for p in (out / "sample").iterdir()) == [".made-by-medialit", "moodle.xml"]


def test_settings_name_the_kinds(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["export", str(SAMPLE), "--format", "moodle", "--out", str(tmp_path),
         "--set", "kinds.assertion.label=Claim"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    tree = parse(tmp_path / "sample" / "moodle.xml")
    last = questions(tree, "multichoice")[2]
    assert [a.findtext("text") for a in last.findall("answer")] == [
        "Evidence",
        "Inference",
        "Claim",
    ]
    assert "Statement 3: Evidence, Inference or Claim?" in text_of(last, "questiontext")


def test_a_file_in_the_way_is_reported(tmp_path: Path) -> None:
    (tmp_path / "sample").write_text("not a folder")
    result = CliRunner().invoke(
        main, ["export", str(SAMPLE), "--format", "moodle", "--out", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {tmp_path}/sample: a file is in the way")
    assert (tmp_path / "sample").read_text() == "not a folder"


def test_an_unknown_format_from_python_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(MedialitError) as raised:
        export_lesson(SAMPLE, ExportOptions(format="word", out=tmp_path))
    assert str(raised.value) == '"word" is not an export format; use one of: canvas, moodle, qti.'
    assert not any(tmp_path.iterdir())


def test_a_selection_exports_its_statements_numbered_from_one(tmp_path: Path) -> None:
    [lesson] = [p for p in LESSONS if read_lesson(p).lesson.selections]
    core = read_lesson(lesson).lesson.selections["core"]
    runner = CliRunner()
    args = ["export", str(lesson), "--format", "moodle", "--out", str(tmp_path)]
    result = runner.invoke(main, [*args, "--select", "core"])
    assert result.exit_code == 0, result.output
    tree = parse(tmp_path / lesson.stem / "moodle-core.xml")
    names = [q.findtext("name/text") or "" for q in questions(tree, "multichoice")]
    assert [name.split(".")[0] for name in names] == [str(n) for n in range(1, len(core) + 1)]

    unknown = runner.invoke(main, [*args, "--select", "cor"])
    assert unknown.exit_code == 1
    assert unknown.output.startswith(
        f'Error: {lesson}: --select names the selection "cor", which the lesson does not define;'
    )


def test_the_cli_offers_every_export_format_without_loading_the_exports() -> None:
    probe = (
        "import sys; from medialit.cli.main import main\n"
        "try: main(['export', '--help'])\n"
        "except SystemExit: pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('medialit.exports')))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert "[moodle|qti|canvas]" in shown
    words = " ".join(shown.split())
    assert (
        "moodle: a Moodle XML quiz; qti: a QTI 2.1 package for Canvas and others; "
        "canvas: a QTI 1.2 package as Canvas classic quizzes import it." in words
    )
    assert shown.splitlines()[-1] == "['medialit.exports', 'medialit.exports.formats']"


def test_a_french_lesson_s_answers_are_named_in_french(tmp_path: Path) -> None:
    """The lesson's own ``language: fr`` chooses the kinds' words, as on its sheets (the
    export once resolved the settings without it, and named the answers in English)."""
    tree = parse(export(DATA / "lesson-fr.yaml", tmp_path)["moodle.xml"])
    answers = {
        answer.findtext("text")
        for q in questions(tree, "multichoice")
        for answer in q.iter("answer")
    }
    assert {"Information sourcée", "Inférence", "Affirmation"} <= answers
    assert not answers & {"Evidence", "Inference", "Assertion"}
