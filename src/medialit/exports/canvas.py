"""Write a quiz as QTI 1.2 in a zip, the way Canvas classic quizzes export and import it.

Canvas reads QTI 1.2 packages natively (its own quiz exports are QTI 1.2), so this keeps
what Canvas can hold and the QTI 2.1 package cannot give it: the question types, a point
each, the explanation as the question's general comments and a comment on each answer.
The shapes follow Canvas's own exporter (``lib/cc/qti/qti_items.rb`` in canvas-lms): an
``item`` per question with ``question_type`` and ``points_possible`` in its metadata,
numbered answers, ``respcondition``s that set ``SCORE`` to 100 for the key's kind, and
feedback named ``general_fb`` and ``<answer>_fb``, which its importer files as general and
answer comments.

What Canvas cannot hold is left out and said in ``docs/exports.md``: half marks (a
multiple-choice answer scores only at weight 100, and the importer reads any positive score
as 100, so a kind the key also accepts would earn full marks; it scores 0 here and its
answer comment says it is defensible), and the teacher's notes on discussion questions
(an essay question's comments are shown to students).

Built with ElementTree (every text escaped, no DTD, no entities); the zip's entries carry
the build's date, so the same lesson and date give the same bytes.
"""

from __future__ import annotations

import datetime
import html
import xml.etree.ElementTree as ET
from collections.abc import Callable

from medialit.exports.qti import zip_files
from medialit.exports.quiz import Choice, EssayQuestion, Quiz, Run, StatementQuestion
from medialit.settings.schema import Words

QTI12 = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
QTI12_XSD = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
IMSCP = "http://www.imsglobal.org/xsd/imscp_v1p1"
IMSCP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
MANIFEST = "imsmanifest.xml"
RESOURCE_TYPE = "imsqti_xmlv1p2"
"""How Canvas's own exports list a QTI 1.2 assessment in the manifest."""
FULL_MARKS = "100"
"""Canvas's score for the right answer: its answer weights are percentages, 100 or 0."""
GENERAL_FEEDBACK = "general_fb"
RESPONSE = "response1"


def canvas_package(quiz: Quiz, created: datetime.datetime) -> bytes:
    """The quiz as a QTI 1.2 zip for Canvas classic quizzes, its entries dated ``created``."""
    prefix = quiz.identifier
    assessment = f"{prefix}/{prefix}.xml"
    return zip_files(
        {
            MANIFEST: _xml(_manifest(prefix, assessment), IMSCP),
            assessment: _xml(_questestinterop(quiz), QTI12),
        },
        created,
    )


def _xml(root: ET.Element, namespace: str) -> bytes:
    ET.register_namespace("", namespace)
    ET.register_namespace("xsi", XSI)
    ET.indent(root)
    xml: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return xml + b"\n"


def _q(tag: str) -> str:
    return f"{{{QTI12}}}{tag}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, _q(tag), attributes)
    element.text = text
    return element


def _questestinterop(quiz: Quiz) -> ET.Element:
    prefix = quiz.identifier
    root = ET.Element(_q("questestinterop"), {f"{{{XSI}}}schemaLocation": f"{QTI12} {QTI12_XSD}"})
    title = quiz.titled()
    assessment = _sub(root, "assessment", ident=prefix, title=title)
    section = _sub(assessment, "section", ident=f"{prefix}-root")
    for statement in quiz.statements:
        _choice_item(section, statement, f"{prefix}-s{statement.number}", quiz.words)
    for question in quiz.questions:
        _essay_item(section, question, f"{prefix}-q{question.number}", quiz.discussion)
    return root


def _metadata(item: ET.Element, fields: dict[str, str]) -> None:
    metadata = _sub(_sub(item, "itemmetadata"), "qtimetadata")
    for label, entry in fields.items():
        field = _sub(metadata, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)


def _material(parent: ET.Element, markup: str) -> None:
    """HTML, as Canvas writes rich text: escaped into a ``text/html`` mattext."""
    _sub(_sub(parent, "material"), "mattext", markup, texttype="text/html")


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _paragraph(runs: list[Run]) -> str:
    return "".join(
        f"<strong>{_escape(run.text)}</strong>" if run.highlighted else _escape(run.text)
        for run in runs
    )


def _answer_ids(statement: StatementQuestion) -> list[str]:
    # Numbers, as Canvas's own answers have: its importer keeps a number as the answer's id
    # and ties "<id>_fb" to it.
    return [str(1000 * statement.number + index) for index in range(1, 1 + len(statement.choices))]


def _choice_item(
    section: ET.Element, statement: StatementQuestion, ident: str, words: Words
) -> None:
    item = _sub(section, "item", ident=ident, title=f"{statement.number}. {statement.opening}")
    answers = _answer_ids(statement)
    _metadata(
        item,
        {
            "question_type": "multiple_choice_question",
            "points_possible": "1.0",
            "original_answer_ids": ",".join(answers),
        },
    )
    presentation = _sub(item, "presentation")
    _material(
        presentation,
        f"<div><p>{_paragraph(statement.context)}</p><p>{_escape(statement.prompt)}</p></div>",
    )
    response = _sub(presentation, "response_lid", ident=RESPONSE, rcardinality="Single")
    choices = _sub(response, "render_choice", shuffle="No")  # the kinds in the sheet's order
    for answer, choice in zip(answers, statement.choices, strict=True):
        label = _sub(choices, "response_label", ident=answer)
        _sub(_sub(label, "material"), "mattext", choice.label, texttype="text/plain")

    processing = _sub(item, "resprocessing")
    _score_variable(processing)
    _feedback_condition(processing, None, GENERAL_FEEDBACK)
    for answer in answers:
        _feedback_condition(processing, answer, f"{answer}_fb")
    right = _sub(processing, "respcondition", **{"continue": "No"})
    _sub(
        _sub(right, "conditionvar"), "varequal", _key_answer(statement, answers), respident=RESPONSE
    )
    _sub(right, "setvar", FULL_MARKS, action="Set", varname="SCORE")

    _feedback(item, GENERAL_FEEDBACK, f"<p>{_escape(statement.explanation)}</p>")
    for answer, choice in zip(answers, statement.choices, strict=True):
        comment = _comment(statement, choice, words)
        _feedback(item, f"{answer}_fb", f"<p>{_escape(comment)}</p>")


def _comment(statement: StatementQuestion, choice: Choice, words: Words) -> str:
    """What the answer's comment says; a kind the key also accepts scores 0 in Canvas."""
    if 0 < choice.credit < 1:
        return words.quiz_partial_unscored.replace("{kind}", statement.answer.label)
    return choice.feedback


def _key_answer(statement: StatementQuestion, answers: list[str]) -> str:
    """The answer that scores: the key's kind alone (see the module's note on half marks)."""
    return next(
        answer
        for answer, choice in zip(answers, statement.choices, strict=True)
        if choice.credit == 1
    )


def _score_variable(processing: ET.Element) -> None:
    outcomes = _sub(processing, "outcomes")
    _sub(outcomes, "decvar", maxvalue=FULL_MARKS, minvalue="0", varname="SCORE", vartype="Decimal")


def _feedback_condition(processing: ET.Element, answer: str | None, feedback: str) -> None:
    """Show ``feedback`` for ``answer`` (any answer when ``None``) and go on."""
    condition = _sub(processing, "respcondition", **{"continue": "Yes"})
    test = _sub(condition, "conditionvar")
    if answer is None:
        _sub(test, "other")
    else:
        _sub(test, "varequal", answer, respident=RESPONSE)
    _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=feedback)


def _feedback(item: ET.Element, ident: str, markup: str) -> None:
    _material(_sub(_sub(item, "itemfeedback", ident=ident), "flow_mat"), markup)


def _essay_item(
    section: ET.Element, essay: EssayQuestion, ident: str, name: Callable[[int], str]
) -> None:
    # The teacher's notes stay out: an essay question's comments are shown to students,
    # and Canvas classic quizzes keep nothing for the marker alone.
    item = _sub(section, "item", ident=ident, title=name(essay.number))
    _metadata(item, {"question_type": "essay_question", "points_possible": "1.0"})
    presentation = _sub(item, "presentation")
    _material(presentation, f"<div><p>{_escape(essay.text)}</p></div>")
    response = _sub(presentation, "response_str", ident=RESPONSE, rcardinality="Single")
    _sub(_sub(response, "render_fib"), "response_label", ident="answer1", rshuffle="No")
    processing = _sub(item, "resprocessing")
    _score_variable(processing)
    condition = _sub(processing, "respcondition", **{"continue": "No"})
    _sub(_sub(condition, "conditionvar"), "other")


def _manifest(prefix: str, assessment: str) -> ET.Element:
    def cp(tag: str) -> str:
        return f"{{{IMSCP}}}{tag}"

    manifest = ET.Element(
        cp("manifest"),
        {
            f"{{{XSI}}}schemaLocation": f"{IMSCP} {IMSCP_XSD}",
            "identifier": f"MANIFEST-{prefix}",
        },
    )
    metadata = ET.SubElement(manifest, cp("metadata"))
    ET.SubElement(metadata, cp("schema")).text = "IMS Content"
    ET.SubElement(metadata, cp("schemaversion")).text = "1.1.3"
    ET.SubElement(manifest, cp("organizations"))
    resources = ET.SubElement(manifest, cp("resources"))
    resource = ET.SubElement(
        resources, cp("resource"), identifier=f"RES-{prefix}", type=RESOURCE_TYPE, href=assessment
    )
    ET.SubElement(resource, cp("file"), href=assessment)
    return manifest
