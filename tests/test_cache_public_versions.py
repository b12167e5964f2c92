"""The version gate: WeasyPrint's internals, and the layout cache, only with tested versions.

``layout/internals.py`` compares the installed WeasyPrint and pydyf with the ranges
medialit declares. Here the installed versions are real; to see a build outside the
ranges, the declared ranges are moved past them (medialit's own reading of its
metadata is replaced, not WeasyPrint), and the build is a real one.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest
from click.testing import CliRunner
from packaging.requirements import Requirement

from medialit.build.run import BuildOptions, build_lesson
from medialit.cli import main
from medialit.layout import internals as layout_internals
from medialit.layout.internals import declared_ranges, untested_versions

from .conftest import DATA, ROOT, configuration, pdf_text

EPOCH = 1_700_000_000
WEASYPRINT = metadata.version("weasyprint")
LATER = {"weasyprint": ">=999", "pydyf": ">=0.12.1,<0.14"}
"""Ranges that the installed WeasyPrint is not in (pydyf's is the real one)."""


@pytest.fixture
def untested(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """medialit declares a WeasyPrint range that the installed one is outside."""
    untested_versions.cache_clear()
    monkeypatch.setattr(layout_internals, "declared_ranges", lambda: dict(LATER))
    yield
    untested_versions.cache_clear()


def test_the_declared_ranges_are_pyprojects() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = {
        requirement.name: requirement.specifier
        for requirement in map(Requirement, project["project"]["dependencies"])
        if requirement.name in ("weasyprint", "pydyf")
    }
    assert {
        name: Requirement(name + wanted).specifier for name, wanted in declared_ranges().items()
    } == declared


def test_the_installed_versions_are_tested_ones() -> None:
    untested_versions.cache_clear()
    assert untested_versions() is None


@pytest.mark.usefixtures("untested")
def test_an_untested_version_is_named_with_what_to_install() -> None:
    assert untested_versions() == (
        f"weasyprint {WEASYPRINT} is installed, but medialit is tested only with "
        "weasyprint>=999; install a tested version with: pip install 'weasyprint>=999'"
    )


@pytest.mark.build
@pytest.mark.usefixtures("untested")
def test_untested_versions_lay_out_afresh_keep_nothing_and_say_so_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    lesson = DATA / "sample.yaml"
    result = CliRunner().invoke(
        main, ["build", str(lesson), "--out", str(tmp_path / "out"), "--versions", "2"]
    )
    assert result.exit_code == 0, result.output
    said = (
        "the layout cache was not used, so documents were laid out afresh: "
        f"weasyprint {WEASYPRINT} is installed"
    )
    assert result.stderr.count(said) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert not list((tmp_path / "cache").rglob("*.pages"))  # nothing kept
    created = datetime.datetime.fromtimestamp(EPOCH, datetime.UTC)
    fresh = BuildOptions(
        out=tmp_path / "fresh",
        configuration=configuration(),
        created=created,
        versions=2,
        cache=False,
    )
    build_lesson(lesson, fresh)
    for pdf in sorted((tmp_path / "fresh" / "sample").glob("*.pdf")):
        assert (tmp_path / "out" / "sample" / pdf.name).read_bytes() == pdf.read_bytes(), pdf.name


@pytest.mark.build
def test_untested_versions_give_the_key_paragraphs_without_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    lesson = DATA / "sample.yaml"

    def key(out: str) -> tuple[str, str]:
        result = CliRunner().invoke(
            main, ["build", str(lesson), "--out", str(tmp_path / out), "--level", "independent"]
        )
        assert result.exit_code == 0, result.output
        return pdf_text(tmp_path / out / "sample" / "key-independent.pdf"), result.stderr

    untested_versions.cache_clear()
    tested, said = key("tested")
    assert re.search(r"¶ \d+, line \d+\)", tested) and "not its line" not in said
    with monkeypatch.context() as patch:
        patch.setattr(layout_internals, "declared_ranges", lambda: dict(LATER))
        untested_versions.cache_clear()
        text, said = key("untested")
    untested_versions.cache_clear()
    assert re.search(r"¶ \d+\)", text) and not re.search(r"¶ \d+, line", text)
    assert said.count("the key gives each statement's paragraph, not its line: weasyprint") == 1
