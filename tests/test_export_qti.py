"""medialit export --format qti: the QTI 2.1 package, opened and checked item by item.

No well-kept PyPI package ships the QTI 2.1 and IMS Content Packaging schemas, so
each file is checked against the element names, required attributes and child
order that the QTI 2.1 and IMS CP 1.1 specifications give for what we write.
"""

from __future__ import annotations

import datetime
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from medialit.cli.main import main
from medialit.exports.export import ExportOptions, export_lesson
from medialit.lesson.model import KIND_ORDER
from medialit.lesson.reading import read_lesson
from medialit.render.key_context import key_context
from medialit.settings.schema import Settings

from .conftest import DATA, LESSONS

SAMPLE = DATA / "sample.yaml"
QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
CREATED = datetime.datetime(2024, 3, 1, 12, 0, tzinfo=datetime.UTC)
NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9._-]*")

# QTI 2.1 content models of the elements medialit writes: children in this order,
# each with how often it may occur ("?" at most once, "*" any number, "+" at least once).
CHILDREN = {
    "assessmentItem": [
        ("responseDeclaration", "*"), ("outcomeDeclaration", "*"), ("templateDeclaration", "*"),
        ("templateProcessing", "?"), ("stylesheet", "*"), ("itemBody", "?"),
        ("responseProcessing", "?"), ("modalFeedback", "*"),
    ],
    "responseDeclaration": [("defaultValue", "?"), ("correctResponse", "?"), ("mapping", "?")],
    "outcomeDeclaration": [("defaultValue", "?")],
    "correctResponse": [("value", "+")],
    "defaultValue": [("value", "+")],
    "mapping": [("mapEntry", "+")],
    "choiceInteraction": [("prompt", "?"), ("simpleChoice", "+")],
    "extendedTextInteraction": [("prompt", "?")],
    "assessmentTest": [("outcomeDeclaration", "*"), ("testPart", "+")],
    "testPart": [("assessmentSection", "+")],
    "assessmentSection": [("assessmentItemRef", "*")],
}  # fmt: skip
REQUIRED = {
    "assessmentItem": {"identifier", "title", "adaptive", "timeDependent"},
    "responseDeclaration": {"identifier", "cardinality"},
    "outcomeDeclaration": {"identifier", "cardinality"},
    "mapping": {"defaultValue"},
    "mapEntry": {"mapKey", "mappedValue"},
    "choiceInteraction": {"responseIdentifier", "maxChoices"},
    "simpleChoice": {"identifier"},
    "extendedTextInteraction": {"responseIdentifier"},
    "modalFeedback": {"outcomeIdentifier", "showHide", "identifier"},
    "rubricBlock": {"view"},
    "assessmentTest": {"identifier", "title"},
    "testPart": {"identifier", "navigationMode", "submissionMode"},
    "assessmentSection": {"identifier", "title", "visible"},
    "assessmentItemRef": {"identifier", "href"},
}


def export(lesson: Path, out: Path, **options: object) -> dict[str, Path]:
    options = {"created": CREATED, **options}
    result = export_lesson(lesson, ExportOptions(format="qti", out=out, **options))  # type: ignore[arg-type]
    return {p.name: p for p in result.outputs}


def read_package(path: Path) -> dict[str, etree._Element]:
    """Every file of the package, parsed without entities, DTDs or the network."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    files = {}
    with zipfile.ZipFile(path) as package:
        assert package.testzip() is None
        for name in package.namelist():
            tree = etree.fromstring(package.read(name), parser).getroottree()
            assert tree.docinfo.doctype == "" and tree.docinfo.encoding.lower() == "utf-8"
            files[name] = tree.getroot()
    return files


def local(element: etree._Element) -> str:
    return etree.QName(element).localname


def check_qti(element: etree._Element) -> None:
    """Namespace, required attributes and child order of ``element`` and all inside it."""
    for node in element.iter(etree.Element):
        assert node.tag.startswith(QTI), node.tag
        name = local(node)
        assert REQUIRED.get(name, set()) <= set(node.attrib), name
        if name in CHILDREN:
            pattern = "".join(f"(?:{child} ){how}" for child, how in CHILDREN[name])
            sequence = "".join(f"{local(child)} " for child in node)
            assert re.fullmatch(pattern, sequence), f"{name}: {sequence}"


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> dict[str, etree._Element]:
    return read_package(export(SAMPLE, tmp_path_factory.mktemp("qti"))["qti.zip"])


def test_manifest_at_the_root_lists_every_file(package: dict[str, etree._Element]) -> None:
    manifest = package["imsmanifest.xml"]
    assert manifest.tag == f"{CP}manifest" and NCNAME.fullmatch(manifest.get("identifier", ""))
    # How Canvas recognises QTI 2: the schema's name, or the QTI 2.1 namespace in the file.
    assert manifest.findtext(f"{CP}metadata/{CP}schema") == "QTIv2.1 Package"
    assert QTI.strip("{}") in etree.tostring(manifest).decode().splitlines()[0]
    resources = manifest.findall(f"{CP}resources/{CP}resource")
    by_id = {r.get("identifier"): r for r in resources}
    assert all(NCNAME.fullmatch(identifier or "") for identifier in by_id)
    types = [r.get("type") for r in resources]
    assert types == ["imsqti_test_xmlv2p1"] + ["imsqti_item_xmlv2p1"] * 4
    listed = {f.get("href") for r in resources for f in r.findall(f"{CP}file")}
    assert listed == set(package) - {"imsmanifest.xml"}
    assert all(r.get("href") in listed for r in resources)
    test = resources[0]
    assert {d.get("identifierref") for d in test.findall(f"{CP}dependency")} == set(by_id) - {
        test.get("identifier")
    }


def test_one_choice_item_per_statement_with_the_key_s_answer(
    package: dict[str, etree._Element],
) -> None:
    key = key_context(read_lesson(SAMPLE), Settings())
    for statement in key.statements:
        item = package[f"items/s{statement.number}.xml"]
        check_qti(item)
        assert item.tag == f"{QTI}assessmentItem"
        assert (item.get("identifier") or "").endswith(f"-s{statement.number}")
        response = item.find(f"{QTI}responseDeclaration")
        assert response is not None and response.get("baseType") == "identifier"
        assert response.findtext(f"{QTI}correctResponse/{QTI}value") == statement.kind
        mapping = {e.get("mapKey"): e.get("mappedValue") for e in response.iter(f"{QTI}mapEntry")}
        expected = {statement.kind: "1"}  # the default labels are the kinds, capitalised
        expected.update({label.lower(): "0.5" for label in statement.also_accept})
        assert mapping == expected
        interaction = item.find(f"{QTI}itemBody/{QTI}choiceInteraction")
        assert interaction is not None and interaction.get("maxChoices") == "1"
        choices = interaction.findall(f"{QTI}simpleChoice")
        assert [c.get("identifier") for c in choices] == [k.value for k in KIND_ORDER]
        assert [c.text for c in choices] == ["Evidence", "Inference", "Assertion"]
        highlighted = item.find(f"{QTI}itemBody/{QTI}p/{QTI}strong")
        assert highlighted is not None and highlighted.text == statement.text
        # Feedback: the FEEDBACK outcome is declared, set once answered, and names the block.
        feedback = item.find(f"{QTI}modalFeedback")
        assert feedback is not None and feedback.get("outcomeIdentifier") == "FEEDBACK"
        declared = [o.get("identifier") for o in item.findall(f"{QTI}outcomeDeclaration")]
        assert declared == ["SCORE", "MAXSCORE", "FEEDBACK"]
        set_to = item.findtext(
            f"{QTI}responseProcessing//{QTI}setOutcomeValue[@identifier='FEEDBACK']/{QTI}baseValue"
        )
        assert set_to == feedback.get("identifier")
        explanation = "".join(feedback.itertext())
        assert statement.why in explanation and (statement.check or "") in explanation


def test_essay_items_keep_notes_for_the_scorer(package: dict[str, etree._Element]) -> None:
    item = package["items/q1.xml"]
    check_qti(item)
    interaction = item.find(f"{QTI}itemBody/{QTI}extendedTextInteraction")
    assert interaction is not None
    assert interaction.findtext(f"{QTI}prompt") == "Which statement would you check first?"
    rubric = item.find(f"{QTI}itemBody/{QTI}rubricBlock")
    assert rubric is not None and rubric.get("view") == "scorer"
    assert "".join(rubric.itertext()).strip() == "Listen for the council report."
    assert item.find(f"{QTI}responseDeclaration/{QTI}correctResponse") is None  # marked by hand


def test_the_test_refers_to_every_item_in_order(package: dict[str, etree._Element]) -> None:
    test = package["test.xml"]
    check_qti(test)
    refs = [r.get("href") for r in test.iter(f"{QTI}assessmentItemRef")]
    assert refs == [f"items/{i}.xml" for i in ("s1", "s2", "s3", "q1")]
    assert all(href in package for href in refs)


def test_same_lesson_and_date_give_the_same_package(tmp_path: Path) -> None:
    first = export(SAMPLE, tmp_path / "a")["qti.zip"].read_bytes()
    assert export(SAMPLE, tmp_path / "b")["qti.zip"].read_bytes() == first
    with zipfile.ZipFile(tmp_path / "a" / "sample" / "qti.zip") as package:
        assert package.namelist()[0] == "imsmanifest.xml"
        assert {info.date_time for info in package.infolist()} == {(2024, 3, 1, 12, 0, 0)}


def test_versions_give_one_package_each(tmp_path: Path) -> None:
    outputs = export(SAMPLE, tmp_path, versions=2, seed=3)
    assert sorted(outputs) == ["qti-A.zip", "qti-B.zip"]
    answers = []
    for version in "AB":
        files = read_package(outputs[f"qti-{version}.zip"])
        test = files["test.xml"]
        assert test.get("title") == f"The school lunch debate (version {version})"
        answers.append(
            [
                files[f"items/s{n}.xml"].findtext(f".//{QTI}correctResponse/{QTI}value")
                for n in (1, 2, 3)
            ]
        )
    assert sorted(answers[0]) == sorted(answers[1]) and answers[0] != answers[1]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_every_shipped_lesson_makes_a_valid_package(lesson: Path, tmp_path: Path) -> None:
    files = read_package(export(lesson, tmp_path)["qti.zip"])
    checked = read_lesson(lesson)
    items = [name for name in files if name.startswith("items/")]
    assert len(items) == len(checked.statements) + len(checked.lesson.questions)
    for name in items:
        check_qti(files[name])
    check_qti(files["test.xml"])


def test_cli_writes_the_package(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["export", str(SAMPLE), "--format", "qti", "--out", str(tmp_path)],
        env={"SOURCE_DATE_EPOCH": "1700000000"},
    )
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "sample" / "qti.zip") as package:
        assert {info.date_time for info in package.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    missing = CliRunner().invoke(main, ["export", str(SAMPLE), "--out", str(tmp_path)])
    assert missing.exit_code == 2 and "Missing option '--format'" in missing.output


def test_lesson_text_stays_text(tmp_path: Path) -> None:
    hostile = '<!DOCTYPE q [<!ENTITY x SYSTEM "file:///etc/passwd">]> &x; </p><p> & "quotes"'
    lesson = tmp_path / "hostile.yaml"
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "why: No support is given.", "why: >-\n      " + hostile
    )
    lesson.write_text(
        text.replace("Listen for the council report.", "'" + hostile.replace("'", "''") + "'")
    )
    files = read_package(export(lesson, tmp_path / "out")["qti.zip"])
    key = key_context(read_lesson(lesson), Settings())  # typographic quotes, as printed
    typeset = key.statements[2].why
    assert typeset.replace("“", '"').replace("”", '"') == hostile
    feedback = files["items/s3.xml"].find(f"{QTI}modalFeedback/{QTI}p")
    assert feedback is not None and feedback.text == typeset and len(feedback) == 0
    rubric = files["items/q1.xml"].find(f"{QTI}itemBody/{QTI}rubricBlock/{QTI}p")
    assert rubric is not None and rubric.text == key.questions[0].notes
