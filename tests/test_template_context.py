"""The template context is the contract with teachers' templates: documented, and stable."""

from __future__ import annotations

import dataclasses
import re

import pytest
from pydantic import BaseModel

from medialit.render import context, key_context, number_map, pack_context
from medialit.settings.schema import KindStyle, Sections, Settings, Words
from medialit.sheets import nametag

from .conftest import ROOT

DOC = ROOT / "docs" / "template-context.md"

# Each documented type, and the type it extends (its section lists only what it adds).
DATACLASSES: dict[type, type | None] = {
    context.WorksheetContext: None,
    key_context.KeyContext: context.WorksheetContext,
    context.SourceInfo: None,
    context.KindInfo: None,
    context.ArticleBlock: None,
    context.Segment: None,
    context.KeySegment: context.Segment,
    context.StudentStatement: None,
    key_context.KeyStatement: context.StudentStatement,
    context.StudentQuestion: None,
    key_context.KeyQuestion: context.StudentQuestion,
    context.GlossaryItem: None,
    key_context.PlanInfo: None,
    key_context.PlanStepInfo: None,
    key_context.MarkingBandInfo: None,
    key_context.GridCell: None,
    key_context.VersionGrid: None,
    number_map.SheetNumbers: None,
    pack_context.CoverContext: None,
    pack_context.CoverRow: None,
    pack_context.NameTagsContext: None,
    nametag.NameTag: None,
    nametag.Slot: None,
}
# How the page writes each Python type in its "Type" column.
WORDS = {"str": "text", "int": "number", "float": "number", "bool": "true/false"}
WORDS |= {"Level": "text", "BlockKind": "text", "tuple[int, int]": "pair of numbers"}
MODELS: list[type[BaseModel]] = [Settings, Sections, KindStyle, Words]

# The variables a teacher's template may rely on today. Removing one breaks teachers'
# templates: do it only with a note in the release notes, then update this list.
STABLE_WORKSHEET_VARIABLES = {
    "document",
    "title",
    "language",
    "audience",
    "source",
    "blocks",
    "statements",
    "questions",
    "kinds",
    "settings",
    "document_title",
    "logo_url",
}


def documented_types(section: str) -> dict[str, str]:
    """Each name in the first column of the table under ``### `section` ``, with its type."""
    text = DOC.read_text()
    match = re.search(rf"^### `{section}`\n(.*?)(?=^#)", text + "\n#", re.S | re.M)
    assert match, f"docs/template-context.md has no section for {section}"
    return dict(re.findall(r"^\| `([a-z_]+)` \| ([^|]+?) \|", match.group(1), re.M))


def documented(section: str) -> set[str]:
    """The names in the first column of the table under ``### `section` ``."""
    return set(documented_types(section))


def in_words(annotation: str) -> str:
    """A field's annotation as the page writes it: ``list[str] | None`` → ``list of text or none``."""
    annotation = annotation.split("  #")[0].strip()
    if annotation.endswith(" | None"):
        return in_words(annotation.removesuffix(" | None")) + " or none"
    if annotation.startswith("list["):
        return "list of " + in_words(annotation[5:-1])
    if annotation.startswith("dict[str, "):
        return "mapping of text to " + in_words(annotation[10:-1])
    if annotation.startswith("Literal["):
        values = [value.strip().strip("'\"") for value in annotation[8:-1].split(",")]
        return " or ".join(f'`"{value}"`' for value in values)
    return WORDS.get(annotation, annotation)


@pytest.mark.parametrize("cls", DATACLASSES, ids=lambda c: c.__name__)
def test_every_context_field_is_documented(cls: type) -> None:
    base = DATACLASSES[cls]
    fields = {f.name for f in dataclasses.fields(cls)}
    if base is not None:
        fields -= {f.name for f in dataclasses.fields(base)}
    assert documented(cls.__name__) == fields


@pytest.mark.parametrize("cls", DATACLASSES, ids=lambda c: c.__name__)
def test_every_context_field_has_its_documented_type(cls: type) -> None:
    documented_type = documented_types(cls.__name__)
    for f in dataclasses.fields(cls):
        if f.name in documented_type:
            assert documented_type[f.name] == in_words(str(f.type)), (cls.__name__, f.name)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_setting_is_documented(model: type[BaseModel]) -> None:
    assert documented(model.__name__) == set(model.model_fields)


def test_worksheet_variables_are_stable() -> None:
    names = {f.name for f in dataclasses.fields(context.WorksheetContext)}
    assert names >= STABLE_WORKSHEET_VARIABLES, "a template variable was removed"


def test_student_context_types_hold_no_answers() -> None:
    answers = {"kind", "kind_label", "why", "check", "techniques", "also_accept", "notes"}
    for cls in (
        context.WorksheetContext,
        context.StudentStatement,
        context.StudentQuestion,
        context.Segment,
    ):
        assert not answers & {f.name for f in dataclasses.fields(cls)}, cls
