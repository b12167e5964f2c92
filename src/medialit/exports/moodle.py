"""Write a quiz as Moodle XML: a question category, multichoice and essay questions.

Built with ElementTree, so every text is escaped, and written without a DTD or
entities: Moodle's importer reads it as plain data. Question text is HTML
(``format="html"``), escaped once for HTML and once more by the XML writer,
which is how Moodle's own exports carry it.

Values are ones Moodle itself offers or stores: the essay's box has 10 lines (the essay
form's default, one of the sizes it offers, so editing the question keeps it), and a
category name is cut to the 255 characters its ``question_categories.name`` holds (the
importer inserts names as they come).
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from medialit.exports.quiz import EssayQuestion, Quiz, Run, StatementQuestion

ESSAY_LINES = 10
"""The essay box's lines: the default of Moodle's essay form, which offers 5 to 40 in fives
(newer versions 2 and 3 too); any other number is lost when the question is edited."""
CATEGORY_NAME_LENGTH = 255
"""The characters a Moodle question category's name holds."""


def moodle_xml(quiz: Quiz) -> bytes:
    """The whole quiz as a Moodle XML file (UTF-8)."""
    root = ET.Element("quiz")
    category = ET.SubElement(root, "question", type="category")
    _text(ET.SubElement(category, "category"), _category_path(quiz))
    for statement in quiz.statements:
        _multichoice(root, statement)
    for question in quiz.questions:
        _essay(root, question, quiz.discussion(question.number), quiz.version)
    ET.indent(root)
    xml: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return xml + b"\n"


def _category_path(quiz: Quiz) -> str:
    """``$course$/top/<title>/Version B``, escaped as Moodle's own exports escape it."""
    version = quiz.words.version.replace("{letter}", quiz.version or "")
    parts = [quiz.title] + ([version] if quiz.version else [])
    return "$course$/top/" + "/".join(_escaped(_fitted(part)) for part in parts)


def _fitted(name: str) -> str:
    """``name`` as Moodle reads it back (trimmed), cut to fit its category names."""
    name = name.strip()
    if len(name) <= CATEGORY_NAME_LENGTH:
        return name
    return name[: CATEGORY_NAME_LENGTH - 1].rstrip() + "…"


def _escaped(name: str) -> str:
    # Moodle splits a path at single slashes, so a slash in a name is written twice; a name
    # that starts or ends with one gets a space there, which Moodle trims when it reads it
    # (qformat_default::assemble_category_path does the same).
    escaped = name.replace("/", "//")
    if escaped.startswith("/"):
        escaped = " " + escaped
    if escaped.endswith("/"):
        escaped += " "
    return escaped


def _escape(text: str) -> str:
    """``text`` as HTML (quote marks stay as typed: they need no escaping in text)."""
    return html.escape(text, quote=False)


def _text(parent: ET.Element, text: str) -> ET.Element:
    ET.SubElement(parent, "text").text = text
    return parent


def _html_field(parent: ET.Element, tag: str, markup: str) -> None:
    _text(ET.SubElement(parent, tag, format="html"), markup)


def _paragraph(runs: list[Run]) -> str:
    return "".join(
        f"<strong>{_escape(run.text)}</strong>" if run.highlighted else _escape(run.text)
        for run in runs
    )


def _name(parent: ET.Element, name: str) -> None:
    _text(ET.SubElement(parent, "name"), name)


def _multichoice(root: ET.Element, statement: StatementQuestion) -> None:
    question = ET.SubElement(root, "question", type="multichoice")
    _name(question, f"{statement.number}. {statement.opening}")
    _html_field(
        question,
        "questiontext",
        f"<p>{_paragraph(statement.context)}</p><p>{_escape(statement.prompt)}</p>",
    )
    _html_field(question, "generalfeedback", f"<p>{_escape(statement.explanation)}</p>")
    for tag, value in (
        ("defaultgrade", "1"),
        ("penalty", "0"),
        ("hidden", "0"),
        ("single", "true"),
        ("shuffleanswers", "false"),  # the kinds in the sheet's order
        ("answernumbering", "none"),
    ):
        ET.SubElement(question, tag).text = value
    for choice in statement.choices:
        answer = ET.SubElement(question, "answer", fraction=_percent(choice.credit), format="html")
        _text(answer, _escape(choice.label))
        _html_field(answer, "feedback", _escape(choice.feedback))


def _percent(credit: float) -> str:
    return f"{credit * 100:g}"


def _essay(root: ET.Element, essay: EssayQuestion, name: str, version: str | None) -> None:
    question = ET.SubElement(root, "question", type="essay")
    _name(question, name + (f" ({version})" if version else ""))
    _html_field(question, "questiontext", f"<p>{_escape(essay.text)}</p>")
    _html_field(question, "generalfeedback", "")
    for tag, value in (
        ("defaultgrade", "1"),
        ("penalty", "0"),
        ("hidden", "0"),
        ("responseformat", "editor"),
        ("responserequired", "1"),
        ("responsefieldlines", str(ESSAY_LINES)),
        ("attachments", "0"),
    ):
        ET.SubElement(question, tag).text = value
    # Grader information is shown to whoever marks the answer, never to the student.
    _html_field(
        question,
        "graderinfo",
        f"<p>{_escape(essay.notes)}</p>" if essay.notes else "",
    )
    _html_field(question, "responsetemplate", "")
