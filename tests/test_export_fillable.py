"""The fillable student sheet (build --fillable), built for real and read back with pypdf."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from pypdf import PdfReader, PdfWriter

from medialit.build.run import BuildOptions, build_lesson
from medialit.cli.main import main
from medialit.lesson.reading import read_lesson

from .conftest import DATA, assert_no_answers

pytestmark = pytest.mark.build

SAMPLE = DATA / "sample.yaml"
LABELS = ["Evidence", "Inference", "Assertion"]


def _build(out: Path, **options: object) -> dict[str, Path]:
    result = build_lesson(SAMPLE, BuildOptions(out=out, write_html=True, **options))  # type: ignore[arg-type]
    return {p.name: p for p in result.outputs}


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The plain and the fillable sheet of each level."""
    out = tmp_path_factory.mktemp("fillable")
    plain = _build(out / "plain")
    fillable = _build(out / "fillable", fillable=True)
    sheets = {
        "plain": plain["student.pdf"],
        "fillable": fillable["student.pdf"],
        "fillable.html": fillable["student.html"],
        "key": fillable["key.pdf"],
    }
    for level in ("guided", "independent"):
        name = f"student-{level}.pdf"
        sheets[f"plain-{level}"] = _build(out / f"plain-{level}", level=level)[name]
        sheets[level] = _build(out / level, fillable=True, level=level)[name]
    return sheets


def test_one_field_per_answer_named_for_the_teacher(sheets: dict[str, Path]) -> None:
    fields = PdfReader(sheets["fillable"]).get_fields() or {}
    assert list(fields) == [
        "name", "class", "date", "source",
        "s1-kind", "s1-why", "s2-kind", "s2-why", "s3-kind", "s3-why",
        "q1",
    ]  # fmt: skip
    for name, field in fields.items():
        if name.endswith("-kind"):
            assert field["/FT"] == "/Btn" and field["/V"] == "/Off"  # a radio group, none chosen
            assert field["/Opt"] == LABELS and field["/_States_"] == ["/0", "/1", "/2"]
        else:
            assert field["/FT"] == "/Tx" and not field.get("/V")  # an empty text field
            multiline = bool(int(field.get("/Ff", 0)) & 1 << 12)
            assert multiline == (name not in ("name", "class", "date")), name


def test_filled_fields_read_back(sheets: dict[str, Path], tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=sheets["fillable"])
    answers = {
        "name": "Ana López",
        "s1-kind": "/0",
        "s1-why": 'It names the council\'s report & a figure: "40%" <check it>.',
        "s3-kind": "/2",
        "q1": "The figure, because the council publishes its reports.",
    }
    for page in writer.pages:
        writer.update_page_form_field_values(page, answers, auto_regenerate=False)
    filled = tmp_path / "filled.pdf"
    writer.write(filled)

    fields = PdfReader(filled).get_fields() or {}
    values = {name: field.get("/V") for name, field in fields.items()}
    assert {name: values[name] for name in answers} == answers
    chosen = {
        name: fields[name]["/Opt"][int(value[1:])]
        for name, value in values.items()
        if name.endswith("-kind") and value != "/Off"
    }
    assert chosen == {"s1-kind": "Evidence", "s3-kind": "Assertion"}
    assert values["s2-kind"] == "/Off" and values["s2-why"] in ("", None)


def test_no_answer_in_the_fillable_sheet(sheets: dict[str, Path]) -> None:
    assert_no_answers(SAMPLE, sheets["fillable"], sheets["fillable.html"])
    checked = read_lesson(SAMPLE)
    fields = PdfReader(sheets["fillable"]).get_fields() or {}
    # Every statement's choice group is the same three labels in the sheet's order, none set.
    assert {tuple(f["/Opt"]) for n, f in fields.items() if n.endswith("-kind")} == {tuple(LABELS)}
    said = " ".join(
        str(value)
        for name, field in fields.items()
        for key, value in field.items()
        if key in ("/T", "/TU", "/V", "/DV")
    )
    for name in fields:
        assert re.fullmatch(r"name|class|date|source|s\d+-(kind|why)|q\d+", name), name
    for statement in checked.statements:
        annotation = statement.annotation
        secrets = [annotation.why, *(annotation.techniques), annotation.check or annotation.why]
        for secret in secrets:
            assert secret not in said
    for kind in ("evidence", "inference", "assertion"):
        assert kind not in said.lower().replace("evidence / inference / assertion", "")
    metadata = PdfReader(sheets["fillable"]).metadata or {}
    assert not any(kind in str(v).lower() for v in metadata.values() for kind in LABELS)


def _grey_pages(pdf: Path, stem: Path) -> list[Image.Image]:
    subprocess.run(["pdftoppm", "-gray", "-r", "70", str(pdf), str(stem)], check=True)
    return [Image.open(page) for page in sorted(stem.parent.glob(f"{stem.name}-*.pgm"))]


@pytest.mark.parametrize("level", ["standard", "guided", "independent"])
def test_prints_like_the_plain_sheet_when_empty(
    sheets: dict[str, Path], tmp_path: Path, level: str
) -> None:
    suffix = "" if level == "standard" else f"-{level}"
    plain = _grey_pages(sheets[f"plain{suffix}"], tmp_path / "plain")
    fillable = _grey_pages(sheets[level if suffix else "fillable"], tmp_path / "fillable")
    assert len(plain) == len(fillable) >= 2
    for before, after in zip(plain, fillable, strict=True):
        # Pixel for pixel: fields draw nothing until filled, and their font (embedded
        # whole, as forms need) is a face of its own, so the printed text keeps its fonts.
        assert before.tobytes() == after.tobytes()


def test_independent_sheet_has_a_field_per_cell(sheets: dict[str, Path]) -> None:
    fields = list(PdfReader(sheets["independent"]).get_fields() or {})
    cells = [f"e{row}-{part}" for row in range(1, 7) for part in ("statement", "where", "why")]
    assert fields == ["name", "class", "date", "source", *cells, "q1"]


def test_the_key_and_the_plain_sheet_have_no_fields(sheets: dict[str, Path]) -> None:
    assert not PdfReader(sheets["key"]).get_fields()
    assert not PdfReader(sheets["plain"]).get_fields()


def test_versions_name_fields_by_printed_number(tmp_path: Path) -> None:
    outputs = _build(tmp_path, fillable=True, versions=2, seed=3)
    for version in "AB":
        fields = PdfReader(outputs[f"student-{version}.pdf"]).get_fields() or {}
        # The sorting table runs in printed numbers, whatever the version's order.
        assert [n for n in fields if re.fullmatch(r"s\d+-\w+", n)] == [
            f"s{n}-{part}" for n in (1, 2, 3) for part in ("kind", "why")
        ]


def test_fillable_with_a_roster_is_a_usage_error(tmp_path: Path) -> None:
    roster = tmp_path / "class.csv"
    roster.write_text("name\nAna\n")
    result = CliRunner().invoke(
        main, ["build", str(SAMPLE), "--fillable", "--roster", str(roster), "--out", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "--fillable makes one sheet to share on screen" in result.output
    assert not (tmp_path / "sample").exists()


def test_fillable_from_the_command_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["build", str(SAMPLE), "--fillable", "--quiet", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert "s3-why" in (PdfReader(tmp_path / "sample" / "student.pdf").get_fields() or {})
