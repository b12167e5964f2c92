"""Write a quiz as a QTI 2.1 content package (a zip), as Canvas and other platforms import.

The package holds ``imsmanifest.xml`` (IMS Content Packaging 1.1) at its root,
one ``assessmentItem`` per question under ``items/`` and an ``assessmentTest``
(``test.xml``) that lists them in the sheet's order. A statement's item is a
single-choice interaction scored by a mapping (full credit for the key's kind,
partial for the kinds it also accepts) and shows the explanation as feedback
once answered; a discussion question is an extended-text interaction marked by
hand, with the teacher's notes in a rubric block for the scorer only.

Identifiers start with the quiz's own (:func:`.quiz.quiz_identifier`), so no two lessons,
selections or versions share one and a lesson exported again keeps its own. The
explanation's feedback is ``general_fb``: Canvas keeps a feedback only when its identifier
follows one of its patterns (``general_``, ``correct``, ``wrong``…), and files it as the
question's general comments.

Built with ElementTree (every text escaped, no DTD, no entities). Zip entries
carry the build's date, so the same lesson and date give the same bytes.
"""

from __future__ import annotations

import datetime
import io
import xml.etree.ElementTree as ET
import zipfile

from medialit.exports.quiz import EssayQuestion, Quiz, StatementQuestion

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
IMSCP = "http://www.imsglobal.org/xsd/imscp_v1p1"
IMSCP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
MANIFEST = "imsmanifest.xml"
TEST = "test.xml"
ITEM_TYPE = "imsqti_item_xmlv2p1"
TEST_TYPE = "imsqti_test_xmlv2p1"
FEEDBACK = "general_fb"
"""The explanation's identifier: Canvas files ``general_…`` as the question's general
comments (``Qti::AssessmentItemConverter#get_feedback``); any name outside its patterns is
dropped."""
ESSAY_LINES = 8

ET.register_namespace("xsi", XSI)


def _q(tag: str) -> str:
    return f"{{{QTI}}}{tag}"


def qti_package(quiz: Quiz, created: datetime.datetime) -> bytes:
    """The quiz as a QTI 2.1 zip, its zip entries dated ``created``."""
    prefix = quiz.identifier
    items = {f"s{s.number}": _choice_item(s, f"{prefix}-s{s.number}") for s in quiz.statements}
    items.update(
        {
            f"q{q.number}": _essay_item(q, f"{prefix}-q{q.number}", quiz.discussion(q.number))
            for q in quiz.questions
        }
    )
    files = {
        MANIFEST: _xml(_manifest(prefix, list(items)), IMSCP),
        TEST: _xml(_test(quiz, list(items)), QTI),
    }
    files.update({_item_file(short): _xml(item, QTI) for short, item in items.items()})
    return zip_files(files, created)


def zip_files(files: dict[str, bytes], created: datetime.datetime) -> bytes:
    """``files`` zipped in their order, every entry dated ``created``: the same bytes each time."""
    buffer = io.BytesIO()
    stamp = created.astimezone(datetime.UTC).timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for filename, data in files.items():
            entry = zipfile.ZipInfo(filename, date_time=max(stamp, (1980, 1, 1, 0, 0, 0)))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            package.writestr(entry, data)
    return buffer.getvalue()


def _xml(root: ET.Element, namespace: str) -> bytes:
    """``root`` as a file whose elements are in ``namespace``, written as ``xmlns=``.

    ElementTree's ``default_namespace`` refuses plain attribute names, so the
    namespace is registered as the default just before writing instead.
    """
    ET.register_namespace("", namespace)
    ET.indent(root)
    xml: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return xml + b"\n"


def _item_file(identifier: str) -> str:
    return f"items/{identifier}.xml"


def _schema_location(namespace: str, xsd: str) -> dict[str, str]:
    return {f"{{{XSI}}}schemaLocation": f"{namespace} {xsd}"}


def _item(identifier: str, title: str) -> ET.Element:
    return ET.Element(
        _q("assessmentItem"),
        {
            **_schema_location(QTI, QTI_XSD),
            "identifier": identifier,
            "title": title,
            "adaptive": "false",
            "timeDependent": "false",
        },
    )


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, _q(tag), attributes)
    element.text = text
    return element


def _score_declarations(item: ET.Element) -> None:
    for identifier, default in (("SCORE", "0"), ("MAXSCORE", "1")):
        outcome = _sub(item, "outcomeDeclaration", identifier=identifier)
        outcome.set("cardinality", "single")
        outcome.set("baseType", "float")
        _sub(_sub(outcome, "defaultValue"), "value", default)


def _choice_item(statement: StatementQuestion, identifier: str) -> ET.Element:
    item = _item(identifier, f"{statement.number}. {statement.opening}")
    response = _sub(item, "responseDeclaration", identifier="RESPONSE", cardinality="single")
    response.set("baseType", "identifier")
    _sub(_sub(response, "correctResponse"), "value", statement.answer.kind)
    mapping = _sub(response, "mapping", defaultValue="0", lowerBound="0", upperBound="1")
    for choice in statement.choices:
        if choice.credit:
            _sub(mapping, "mapEntry", mapKey=choice.kind, mappedValue=f"{choice.credit:g}")
    _score_declarations(item)
    feedback = _sub(item, "outcomeDeclaration", identifier="FEEDBACK", cardinality="single")
    feedback.set("baseType", "identifier")

    body = _sub(item, "itemBody")
    paragraph = _sub(body, "p")
    last: ET.Element | None = None
    for run in statement.context:
        if run.highlighted:
            last = _sub(paragraph, "strong", run.text)
        elif last is None:
            paragraph.text = (paragraph.text or "") + run.text
        else:
            last.tail = (last.tail or "") + run.text
    interaction = _sub(
        body, "choiceInteraction", responseIdentifier="RESPONSE", shuffle="false", maxChoices="1"
    )
    _sub(interaction, "prompt", statement.prompt)
    for choice in statement.choices:
        _sub(interaction, "simpleChoice", choice.label, identifier=choice.kind)

    _choice_processing(_sub(item, "responseProcessing"))
    modal = _sub(item, "modalFeedback", outcomeIdentifier="FEEDBACK", identifier=FEEDBACK)
    modal.set("showHide", "show")
    _sub(modal, "p", statement.explanation)
    return item


def _choice_processing(processing: ET.Element) -> None:
    """SCORE from the mapping once answered, and the explanation shown whatever the answer."""
    condition = _sub(processing, "responseCondition")
    answered = _sub(condition, "responseIf")
    _sub(_sub(_sub(answered, "not"), "isNull"), "variable", identifier="RESPONSE")
    _sub(
        _sub(answered, "setOutcomeValue", identifier="SCORE"), "mapResponse", identifier="RESPONSE"
    )
    feedback = _sub(answered, "setOutcomeValue", identifier="FEEDBACK")
    _sub(feedback, "baseValue", FEEDBACK, baseType="identifier")
    unanswered = _sub(condition, "responseElse")
    _sub(
        _sub(unanswered, "setOutcomeValue", identifier="SCORE"), "baseValue", "0", baseType="float"
    )


def _essay_item(essay: EssayQuestion, identifier: str, name: str) -> ET.Element:
    item = _item(identifier, name)
    response = _sub(item, "responseDeclaration", identifier="RESPONSE", cardinality="single")
    response.set("baseType", "string")
    _score_declarations(item)
    body = _sub(item, "itemBody")
    if essay.notes:  # for the scorer's eyes only
        _sub(_sub(body, "rubricBlock", view="scorer"), "p", essay.notes)
    interaction = _sub(
        body,
        "extendedTextInteraction",
        responseIdentifier="RESPONSE",
        expectedLines=str(ESSAY_LINES),
    )
    _sub(interaction, "prompt", essay.text)
    return item


def _test(quiz: Quiz, shorts: list[str]) -> ET.Element:
    """The test, listing the items (``s3``, ``q1``: their files' names) in the sheet's order."""
    title = quiz.titled()
    prefix = quiz.identifier
    test = ET.Element(
        _q("assessmentTest"),
        {**_schema_location(QTI, QTI_XSD), "identifier": f"{prefix}-test", "title": title},
    )
    part = _sub(test, "testPart", identifier=f"{prefix}-part")
    part.set("navigationMode", "nonlinear")
    part.set("submissionMode", "simultaneous")
    sections = (
        ("statements", "Sort the statements", [i for i in shorts if i.startswith("s")]),
        ("discussion", "Discuss", [i for i in shorts if i.startswith("q")]),
    )
    for identifier, section_title, members in sections:
        if not members:
            continue
        section = _sub(
            part, "assessmentSection", identifier=f"{prefix}-{identifier}", title=section_title
        )
        section.set("visible", "true")
        for member in members:
            _sub(
                section,
                "assessmentItemRef",
                identifier=f"{prefix}-{member}",
                href=_item_file(member),
            )
    return test


def _manifest(prefix: str, shorts: list[str]) -> ET.Element:
    def cp(tag: str) -> str:
        return f"{{{IMSCP}}}{tag}"

    # Canvas tells a QTI 2 package from a QTI 1.2 one by the QTI 2.1 namespace in the
    # manifest, or by its schema "QTIv2.1 Package": give both.
    locations = f"{IMSCP} {IMSCP_XSD} {QTI} {QTI_XSD}"
    manifest = ET.Element(
        cp("manifest"),
        {f"{{{XSI}}}schemaLocation": locations, "identifier": f"MANIFEST-{prefix}"},
    )
    metadata = ET.SubElement(manifest, cp("metadata"))
    ET.SubElement(metadata, cp("schema")).text = "QTIv2.1 Package"
    ET.SubElement(metadata, cp("schemaversion")).text = "1.0.0"
    ET.SubElement(manifest, cp("organizations"))
    resources = ET.SubElement(manifest, cp("resources"))
    test = ET.SubElement(
        resources, cp("resource"), identifier=f"RES-{prefix}-test", type=TEST_TYPE, href=TEST
    )
    ET.SubElement(test, cp("file"), href=TEST)
    for short in shorts:
        ET.SubElement(test, cp("dependency"), identifierref=f"RES-{prefix}-{short}")
    for short in shorts:
        href = _item_file(short)
        resource = ET.SubElement(
            resources, cp("resource"), identifier=f"RES-{prefix}-{short}", type=ITEM_TYPE, href=href
        )
        ET.SubElement(resource, cp("file"), href=href)
    return manifest
