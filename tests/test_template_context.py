"""The template context is the contract with teachers' templates: documented, and stable."""

from __future__ import annotations

import dataclasses
import re

import pytest
from pydantic import BaseModel

from medialit import context
from medialit.settings import KindStyle, Sections, Settings, Words

from .conftest import ROOT

DOC = ROOT / "docs" / "template-context.md"

# Each documented type, and the type it extends (its section lists only what it adds).
DATACLASSES: dict[type, type | None] = {
    context.WorksheetContext: None,
    context.KeyContext: context.WorksheetContext,
    context.SourceInfo: None,
    context.KindInfo: None,
    context.ArticleBlock: None,
    context.Segment: None,
    context.KeySegment: context.Segment,
    context.StudentStatement: None,
    context.KeyStatement: context.StudentStatement,
    context.StudentQuestion: None,
    context.KeyQuestion: context.StudentQuestion,
    context.GlossaryItem: None,
    context.PlanInfo: None,
    context.PlanStepInfo: None,
    context.MarkingBandInfo: None,
    context.GridCell: None,
    context.VersionGrid: None,
}
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


def documented(section: str) -> set[str]:
    """The names in the first column of the table under ``### `section` ``."""
    text = DOC.read_text()
    match = re.search(rf"^### `{section}`\n(.*?)(?=^#)", text + "\n#", re.S | re.M)
    assert match, f"docs/template-context.md has no section for {section}"
    return set(re.findall(r"^\| `([a-z_]+)` \|", match.group(1), re.M))


@pytest.mark.parametrize("cls", DATACLASSES, ids=lambda c: c.__name__)
def test_every_context_field_is_documented(cls: type) -> None:
    base = DATACLASSES[cls]
    fields = {f.name for f in dataclasses.fields(cls)}
    if base is not None:
        fields -= {f.name for f in dataclasses.fields(base)}
    assert documented(cls.__name__) == fields


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
