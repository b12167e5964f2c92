"""The exports checked against the platforms' own rules, not against our reading of them.

Each rule below is restated in a few lines of Python next to the place in the platform's
code that states it (the platforms' code is read, not copied here):

- Canvas: canvas-lms ``gems/plugins/qti_exporter/lib/qti/`` (its QTI importer) and
  ``app/models/quizzes/quiz_question/`` (how classic quizzes mark an answer). Canvas turns a
  QTI 1.2 package into QTI 2.1 with its QTIMigrationTool (``Qti.get_conversion_command`` in
  ``gems/plugins/qti_exporter/lib/qti.rb``), then reads the 2.1 items, so the canvas format
  is checked through the conversion rules of instructure/QTIMigrationTool
  ``lib/imsqtiv1.py`` at 7847455b, then Canvas's Ruby rules.
- Moodle: moodle ``question/type/essay/edit_essay_form.php`` and
  ``question/type/essay/questiontype.php`` (the essay box sizes), ``question/format.php``
  (category paths).
- The official schemas: QTI 2.1 (IMS, Final Release, 2012) and IMS Content Packaging 1.1.4
  XSDs, and the QTI 1.2.1 DTD. They are not in this repository (see ``SCHEMAS``).
"""

from __future__ import annotations

import copy
import datetime
import os
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from medialit.exports.export import ExportOptions, export_lesson
from medialit.lesson.reading import read_lesson
from medialit.render.key_context import key_context
from medialit.settings.schema import Settings

from .conftest import DATA, LESSONS, ROOT

SAMPLE = DATA / "sample.yaml"
CREATED = datetime.datetime(2024, 3, 1, 12, 0, tzinfo=datetime.UTC)
QTI2 = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
QTI1 = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"

SCHEMAS = Path(os.environ.get("MEDIALIT_SCHEMAS") or ROOT.parent / "shared" / "schemas")
"""The official schemas, laid out as oat-sa/qti-sdk keeps them under
``src/qtism/data/storage/xml/schemes/`` (commit 634a9b89): ``qtiv2p1/imsqti_v2p1.xsd``
with ``w3/xml.xsd``, ``w3/XInclude.xsd``, ``w3/mathml2/`` and
``apipv1p0/apipv1p0_qtiextv2p1_v1p0.xsd`` (which it imports), ``imscp_v1p1.xsd`` with
``imsmd_v1p2p4.xsd``; and ``qtiv1p2/ims_qtiasiv1p2p1.dtd`` from instructure/QTIMigrationTool
``schemas/`` (commit 7847455b). IMS's and the W3C's notices allow copying them unchanged
with the notices kept; this repository does not hold them, so they are looked up in
``$MEDIALIT_SCHEMAS`` or in ``shared/schemas`` beside the working copy."""


def export(lesson: Path, out: Path, fmt: str, **options: object) -> dict[str, Path]:
    settings = {"created": CREATED, **options}
    result = export_lesson(lesson, ExportOptions(format=fmt, out=out, **settings))  # type: ignore[arg-type]
    return {p.name: p for p in result.outputs}


def read_zip(path: Path) -> dict[str, etree._Element]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    with zipfile.ZipFile(path) as package:
        return {name: etree.fromstring(package.read(name), parser) for name in package.namelist()}


def local(element: etree._Element) -> str:
    return etree.QName(element).localname


# --- Canvas's rules --------------------------------------------------------------------------


def canvas_feedback_field(identifier: str) -> str | None:
    """Where Canvas files a ``modalFeedback`` by its identifier, or ``None`` (dropped).

    canvas-lms ``gems/plugins/qti_exporter/lib/qti/assessment_item_converter.rb`` at
    0e63cfcd, ``get_feedback``, lines 261-282: ``/wrong|incorrect|(_IC$)/i`` → incorrect
    comments (264), ``/correct|(_C$)/i`` → correct comments (266), ``/solution/i`` → example
    solution (272), ``/general_|_all/i`` → neutral (general) comments (274), and
    ``/feedback_(\\d*)_fb/i`` → the comments of the answer ``RESPONSE_\\1`` (276-277).
    """
    if re.search(r"wrong|incorrect|(_IC$)", identifier, re.I):
        return "incorrect_comments"
    if re.search(r"correct|(_C$)", identifier, re.I):
        return "correct_comments"
    if re.search(r"solution", identifier, re.I):
        return "example_solution"
    if re.search(r"general_|_all", identifier, re.I):
        return "neutral_comments"
    if match := re.search(r"feedback_(\d*)_fb", identifier, re.I):
        return f"comments of RESPONSE_{match[1]}"
    return None


def canvas_question_text(item: etree._Element) -> str:
    """The text Canvas takes as the question: ``itemBody > div``, ``itemBody > p``,
    ``itemBody choiceInteraction > prompt`` and ``itemBody > extendedTextInteraction >
    prompt`` (assessment_item_converter.rb at 0e63cfcd, lines 110-118)."""
    body = item.find(f"{QTI2}itemBody")
    assert body is not None
    paths = ["div", "p", ".//choiceInteraction/prompt", "extendedTextInteraction/prompt"]
    nodes = [n for path in paths for n in body.findall(re.sub(r"(\w+)", QTI2 + r"\1", path))]
    return " ".join("".join(node.itertext()) for node in nodes)


def canvas_weight(score: str) -> int:
    """The weight Canvas gives an answer whose condition sets ``SCORE`` to ``score``.

    QTIMigrationTool ``lib/imsqtiv1.py`` (7847455b) writes a QTI 1.2 ``setvar`` as
    ``setOutcomeValue`` of a float ``baseValue`` (``SetVar.CloseObject``, lines 5512 and
    5531); canvas-lms ``gems/plugins/qti_exporter/lib/qti/choice_interaction.rb`` at
    146bcd0d, ``get_base_value`` (lines 238-242), makes any float above 0 the full weight
    ``DEFAULT_CORRECT_WEIGHT`` (100) and anything else 0.
    """
    return 100 if float(score) > 0 else 0


def canvas_marks(weight: int) -> int:
    """Canvas classic quizzes' marks for a multiple-choice answer, as a share of the points.

    canvas-lms ``app/models/quizzes/quiz_question/multiple_choice_question.rb`` at 03199fe4,
    line 32: ``(answer[:weight] == 100) ? 1 : 0``.
    """
    return 1 if weight == 100 else 0


def converted_identifier(value: str, prefix: str) -> str:
    """A QTI 1.2 identifier as QTIMigrationTool writes it in QTI 2.1: one that cannot start
    an XML name gets ``prefix`` (``CheckNMTOKEN``, ``lib/imsqtiv1.py`` lines 174-195;
    response labels take ``RESPONSE_``, line 4960, feedback ``FEEDBACK_``, line 5088)."""
    return value if re.match(r"[A-Za-z_]", value) else prefix + value


# --- Canvas: the QTI 2.1 package -----------------------------------------------------------


@pytest.mark.parametrize("lesson", [SAMPLE, *LESSONS], ids=lambda p: p.stem)
def test_canvas_keeps_every_explanation_of_the_qti_package(lesson: Path, tmp_path: Path) -> None:
    """Every feedback of every item has an identifier Canvas files (assessment_item_converter.rb
    at 0e63cfcd, lines 261-282), and the explanation lands in the general comments."""
    files = read_zip(export(lesson, tmp_path, "qti")["qti.zip"])
    key = key_context(read_lesson(lesson), Settings())
    for statement in key.statements:
        item = files[f"items/s{statement.number}.xml"]
        feedbacks = item.findall(f"{QTI2}modalFeedback")
        assert feedbacks
        for feedback in feedbacks:
            assert canvas_feedback_field(feedback.get("identifier", "")) == "neutral_comments"
            assert statement.why in "".join(feedback.itertext())


def test_canvas_takes_no_teacher_notes_into_the_question(tmp_path: Path) -> None:
    """Canvas builds the question from the item body's paragraphs and prompts only
    (assessment_item_converter.rb at 0e63cfcd, lines 110-118): the scorer's rubric block is
    not shown to students, and is not kept either (docs/exports.md says so)."""
    files = read_zip(export(SAMPLE, tmp_path, "qti")["qti.zip"])
    essay = files["items/q1.xml"]
    assert essay.find(f".//{QTI2}rubricBlock[@view='scorer']") is not None
    text = canvas_question_text(essay)
    assert text == "Which statement would you check first?"
    assert "council report" not in text


# --- Canvas: the canvas (QTI 1.2) package ----------------------------------------------------


def canvas_items(path: Path) -> list[etree._Element]:
    files = read_zip(path)
    [assessment] = [name for name in files if name != "imsmanifest.xml"]
    return files[assessment].findall(f".//{QTI1}item")


def metadata(item: etree._Element) -> dict[str, str]:
    fields = item.iterfind(f"{QTI1}itemmetadata/{QTI1}qtimetadata/{QTI1}qtimetadatafield")
    return {
        f.findtext(f"{QTI1}fieldlabel", ""): f.findtext(f"{QTI1}fieldentry", "") for f in fields
    }


def answer_weights(item: etree._Element) -> dict[str, int]:
    """Each answer's weight as Canvas reads it: every condition on an answer sets its weight
    in turn, from the ``SCORE`` it sets (``canvas_weight``) or 0 when it sets none, so the
    last one wins (choice_interaction.rb at 146bcd0d, ``process_response_conditions``,
    lines 182-193, and ``get_response_weight``, lines 219-236); an answer with no condition
    keeps the default 0 (line 91)."""
    weights = {label.get("ident", ""): 0 for label in item.iter(f"{QTI1}response_label")}
    for condition in item.iter(f"{QTI1}respcondition"):
        answer = condition.findtext(f"{QTI1}conditionvar/{QTI1}varequal")
        if answer is None:
            continue
        assert answer in weights
        scores = [v.text or "" for v in condition.iterfind(f"{QTI1}setvar[@varname='SCORE']")]
        weights[answer] = canvas_weight(scores[-1]) if scores else 0
    return weights


@pytest.mark.parametrize("lesson", [SAMPLE, *LESSONS], ids=lambda p: p.stem)
def test_canvas_marks_the_key_s_kind_and_no_other(lesson: Path, tmp_path: Path) -> None:
    """As Canvas imports and marks each answer (``canvas_weight``, ``canvas_marks``): full
    marks for the key's kind, none for the rest. A kind the key also accepts cannot have
    half: Canvas would read a weight of 50 as 100 and give it full marks, so it scores 0,
    and its comment says it is defensible."""
    assert canvas_weight("50") == 100 and canvas_marks(50) == 0  # why no 50 is written
    items = canvas_items(export(lesson, tmp_path, "canvas")["canvas.zip"])
    key = key_context(read_lesson(lesson), Settings())
    choice_items = [i for i in items if metadata(i)["question_type"] == "multiple_choice_question"]
    assert len(choice_items) == len(key.statements)
    for item, statement in zip(choice_items, key.statements, strict=True):
        labels = {
            label.findtext(f".//{QTI1}mattext"): label.get("ident", "")
            for label in item.iter(f"{QTI1}response_label")
        }
        weights = answer_weights(item)
        marks = {text: canvas_marks(weights[ident]) for text, ident in labels.items()}
        assert marks == {kind.label: int(kind.name == statement.kind) for kind in key.kinds}
        for accepted in statement.also_accept:
            feedback = item.find(f"{QTI1}itemfeedback[@ident='{labels[accepted]}_fb']")
            assert feedback is not None
            comment = "".join(feedback.itertext())
            assert "Defensible" in comment and "part of the marks" in comment


def test_canvas_keeps_the_general_and_answer_comments(tmp_path: Path) -> None:
    """Every ``itemfeedback``, once converted (``converted_identifier``), is one Canvas files:
    ``general_fb`` as the general comments, ``<answer>_fb`` as that answer's comments (the
    answer Canvas names ``RESPONSE_<answer>``), with the question types Canvas's metadata
    names (assessment_item_converter.rb at 0e63cfcd, ``parse_instructure_metadata``,
    lines 219-229)."""
    items = canvas_items(export(SAMPLE, tmp_path, "canvas")["canvas.zip"])
    key = key_context(read_lesson(SAMPLE), Settings())
    types = [metadata(item)["question_type"] for item in items]
    assert types == ["multiple_choice_question"] * 3 + ["essay_question"]
    for item, statement in zip(items, key.statements, strict=False):
        answers = {
            converted_identifier(label.get("ident", ""), "RESPONSE_")
            for label in item.iter(f"{QTI1}response_label")
        }
        filed = {}
        for feedback in item.iterfind(f"{QTI1}itemfeedback"):
            ident = converted_identifier(feedback.get("ident", ""), "FEEDBACK_")
            filed[canvas_feedback_field(ident)] = "".join(feedback.itertext())
        assert statement.why in filed.pop("neutral_comments")
        assert {field.removeprefix("comments of ") for field in filed if field} == answers
        assert None not in filed


def test_canvas_package_leaves_the_teacher_notes_out(tmp_path: Path) -> None:
    """An essay question's comments are shown to students in Canvas classic quizzes, which
    have no field for the marker alone: the notes are not in the package at all."""
    path = export(SAMPLE, tmp_path, "canvas")["canvas.zip"]
    with zipfile.ZipFile(path) as package:
        text = b"".join(package.read(name) for name in package.namelist())
    assert b"Listen for the council report" not in text
    assert b"Which statement would you check first?" in text


# --- Identifiers ------------------------------------------------------------------------------


def identifiers(path: Path) -> list[str]:
    """Every identifier of a package that a platform matches on: the manifest's and its
    resources', the test's, sections' and items' (``identifier`` in QTI 2.1, ``ident`` in
    QTI 1.2; Canvas's migration id is the item's, assessment_item_converter.rb at 0e63cfcd,
    lines 91-92)."""
    found = []
    for name, root in read_zip(path).items():
        for node in root.iter(etree.Element):
            if local(node) in {"manifest", "resource", "assessmentTest", "testPart",
                               "assessmentSection", "assessmentItem", "assessment",
                               "section", "item"}:  # fmt: skip
                found.append(node.get("identifier") or node.get("ident") or f"? in {name}")
    return found


@pytest.mark.parametrize("fmt", ["qti", "canvas"])
def test_identifiers_are_the_lesson_s_own_and_kept_on_export_again(
    fmt: str, tmp_path: Path
) -> None:
    """Two lessons, two versions and two selections share no identifier (Canvas's "overwrite
    assessment content with matching IDs" would replace one with the other); the same lesson
    exported again has the same ones, so a re-import replaces the earlier quiz."""
    [selective] = [p for p in LESSONS if read_lesson(p).lesson.selections]
    [selection] = list(read_lesson(selective).lesson.selections)[:1]
    name = f"{fmt}.zip"
    packages = {
        "sample": export(SAMPLE, tmp_path / "1", fmt)[name],
        "lesson": export(selective, tmp_path / "2", fmt)[name],
        # with --select, the selection is in the file's name (qti-core.zip)
        "selection": export(selective, tmp_path / "3", fmt, select=selection)[
            f"{fmt}-{selection}.zip"
        ],
        **{
            f"version {v}": path
            for v, path in zip(
                "AB", export(SAMPLE, tmp_path / "4", fmt, versions=2).values(), strict=True
            )
        },
    }
    seen: dict[str, str] = {}
    for label, path in packages.items():
        ids = identifiers(path)
        assert len(ids) == len(set(ids)) and ids, label
        for identifier in ids:
            assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9._-]*", identifier), identifier
            assert identifier not in seen, f"{identifier} in {label} and {seen.get(identifier)}"
            seen[identifier] = label
    again = export(SAMPLE, tmp_path / "5", fmt)[name]
    assert identifiers(again) == identifiers(packages["sample"])
    assert again.read_bytes() == packages["sample"].read_bytes()


# --- Moodle's rules ---------------------------------------------------------------------------


def moodle_essay_sizes() -> set[int]:
    """The box sizes Moodle's essay form offers for ``responsefieldlines``: edit_essay_form.php
    (at 01fe9ad9, lines 53-55) lists ``$qtype->response_sizes()``, which is 5 to 40 lines in
    fives (questiontype.php at 60527d0c, lines 110-116; newer versions add 2 and 3). A value
    outside the list is replaced by the form's first option when the question is edited."""
    return set(range(5, 41, 5))


def moodle_category_names(path: str) -> list[str]:
    """``qformat_default::split_category_path`` (question/format.php at b355a1c9): split at
    single slashes (``(?<!/)/(?!/)``), ``//`` back to ``/``, trimmed (PARAM_TEXT cleaning
    aside). ``create_category_path`` then inserts each name into ``question_categories`` as
    it is; its ``name`` column holds 255 characters (lib/db/install.xml)."""
    return [raw.replace("//", "/").strip() for raw in re.split(r"(?<!/)/(?!/)", path)]


def test_moodle_essay_box_has_a_size_the_form_offers(tmp_path: Path) -> None:
    tree = etree.parse(str(export(SAMPLE, tmp_path, "moodle")["moodle.xml"]))
    sizes = [int(q.findtext("responsefieldlines") or 0) for q in tree.iterfind("question")
             if q.get("type") == "essay"]  # fmt: skip
    assert sizes and all(size in moodle_essay_sizes() for size in sizes)


@pytest.mark.parametrize(
    "title",
    ["A" * 300, "/a title/ with slashes/", "/" + "é" * 299, "Lunch / dinner & co"],
    ids=["long", "slashes", "long-slash", "plain"],
)
def test_moodle_category_names_fit_and_read_back(title: str, tmp_path: Path) -> None:
    lesson = tmp_path / "long.yaml"
    lesson.write_text(
        SAMPLE.read_text(encoding="utf-8").replace(
            "title: The school lunch debate", f"title: '{title}'"
        ),
        encoding="utf-8",
    )
    for version, path in [(None, p) for p in export(lesson, tmp_path / "1", "moodle").values()] + [
        ("B", export(lesson, tmp_path / "2", "moodle", versions=2)["moodle-B.xml"])
    ]:
        tree = etree.parse(str(path))
        names = moodle_category_names(tree.findtext("question/category/text") or "")
        expected_tail = [f"Version {version}"] if version else []
        assert names[:2] == ["$course$", "top"] and names[3:] == expected_tail
        assert all(len(name) <= 255 for name in names)
        if len(title) <= 255:
            assert names[2] == title
        else:
            assert len(names[2]) == 255 and names[2].endswith("…")
            assert title.startswith(names[2][:-1])


# --- The official schemas ---------------------------------------------------------------------


def schema(name: str) -> etree.XMLSchema:
    path = SCHEMAS / name
    if not path.exists():
        pytest.skip(f"{path} is missing; see SCHEMAS in {Path(__file__).name} for the files")
    return etree.XMLSchema(etree.parse(str(path)))


def without_namespace(root: etree._Element) -> etree._Element:
    """The QTI 1.2 DTD predates XML namespaces: the same document with plain names."""
    plain = copy.deepcopy(root)
    for node in plain.iter(etree.Element):
        node.tag = local(node)
    for attribute in list(plain.attrib):
        del plain.attrib[attribute]
    etree.cleanup_namespaces(plain)
    return plain


@pytest.mark.parametrize("lesson", [SAMPLE, *LESSONS], ids=lambda p: p.stem)
def test_packages_are_valid_against_the_official_schemas(lesson: Path, tmp_path: Path) -> None:
    qti, cp = schema("qtiv2p1/imsqti_v2p1.xsd"), schema("imscp_v1p1.xsd")
    dtd = etree.DTD(str(SCHEMAS / "qtiv1p2" / "ims_qtiasiv1p2p1.dtd"))
    for version, path in export(lesson, tmp_path / "qti", "qti", versions=2).items():
        for name, root in read_zip(path).items():
            checker = cp if name == "imsmanifest.xml" else qti
            assert checker.validate(root), (version, name, checker.error_log)
    for version, path in export(lesson, tmp_path / "canvas", "canvas", versions=2).items():
        for name, root in read_zip(path).items():
            if name == "imsmanifest.xml":
                assert cp.validate(root), (version, name, cp.error_log)
            else:
                assert dtd.validate(without_namespace(root)), (version, name, dtd.error_log)


def test_the_schemas_do_refuse_a_wrong_file(tmp_path: Path) -> None:
    """The validators are live: an item whose feedback comes before its body is refused."""
    qti = schema("qtiv2p1/imsqti_v2p1.xsd")
    item = read_zip(export(SAMPLE, tmp_path, "qti")["qti.zip"])["items/s1.xml"]
    body = item.find(f"{QTI2}itemBody")
    assert qti.validate(item) and body is not None
    item.append(body)  # moved after the modal feedback
    assert not qti.validate(item)
