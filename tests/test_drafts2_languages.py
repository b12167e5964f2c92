"""Issue 19: Spanish and French lessons get drafts from their own cue files (cues/es.yaml,
cues/fr.yaml), checked on real texts (tests/data/drafts-intl/README.md: a CDC press release in
Spanish and a VOA Noticias report, public domain; an SNSF data story in French, CC BY 4.0).

A figure whose source is named is evidence; "X dijo Y" is split into the saying (evidence) and
the claim said; "devrait … se réduire" is a forecast and "il convient de veiller" advice, neither
evidence; "selon le modèle" is a manner, not a source; ages are no statistics; every draft is
``draft: true``, with a why and a check in the lesson's language.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from medialit.cli.main import main
from medialit.drafting.suggest import Suggestion, load_cues, suggest

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from hard_checks import DraftSeen, violations

DATA = ROOT / "tests" / "data" / "drafts-intl"
SPANISH = DATA / "es-cdc-vacunacion-adolescentes-2009.txt"
SPANISH_NEWS = DATA / "es-voa-democracia-2020.txt"
FRENCH = DATA / "fr-fns-open-access-2024.txt"


def drafts(path: Path, language: str) -> list[Suggestion]:
    cues = load_cues(language)
    assert cues is not None, f"no cues/{language}.yaml"
    return suggest(path.read_text("utf-8"), cues, language)


def one(found: list[Suggestion], words: str) -> Suggestion:
    (match,) = [s for s in found if words in s.quote]
    return match


def test_spanish_attribution_and_reported_speech() -> None:
    found = drafts(SPANISH, "es")
    according = one(found, "según estimaciones del 2008")
    assert according.kind.value == "evidence"
    assert "Centros para el Control" in according.quote
    saying = one(found, "dijo la Dra. Melinda Wharton")
    assert saying.kind.value == "evidence"
    assert "Wharton" in saying.quote  # the title "Dra." does not end the sentence
    said = one(found, "hay mucho por hacer")
    assert said.kind.value != "evidence"  # what she said is a claim of its own
    assert not said.quote.startswith("dijo")


def test_spanish_ages_are_no_statistics_and_descriptions_no_claims() -> None:
    found = drafts(SPANISH, "es")
    for s in found:
        assert "unsourced number" not in s.techniques, s.quote
        assert violations(DraftSeen(s.quote, ", ".join(s.techniques), s.why, "", "")) == []
    assert not [s for s in found if "por sus siglas en inglés" in s.quote]


def test_spanish_figure_near_a_named_report_is_not_unsourced() -> None:
    found = drafts(SPANISH_NEWS, "es")
    figure = one(found, "Más de 31.000 personas")
    assert "unsourced number" not in figure.techniques
    assert "figure to trace" in figure.techniques
    assert "según la directora de LAPOP" in figure.why
    according = one(found, "Según la directora de LAPOP")
    assert according.kind.value == "evidence"
    certain = one(found, "la insatisfacción es evidente")
    assert certain.kind.value == "assertion"  # what she said: settled, with nothing to show it
    assert "«es evidente»" in certain.why


def test_french_sourced_figure_forecast_and_advice() -> None:
    found = drafts(FRENCH, "fr")
    figure = one(found, "les 38 000 APC exploitées")
    assert figure.kind.value == "evidence"
    assert "sourced number" in figure.techniques
    assert "38 000" in figure.why
    forecast = one(found, "cette proportion devrait toutefois se réduire")
    assert forecast.kind.value == "inference"
    assert "prediction" in forecast.techniques
    advice = one(found, "il convient cependant de veiller")
    assert advice.kind.value != "evidence"
    assert one(found, "Ces chiffres montrent").kind.value == "inference"
    assert one(found, "Nous supposons que").kind.value == "inference"
    manner = one(found, "selon le modèle OA dit")
    assert manner.kind.value != "evidence"  # "selon le modèle": a manner, no source
    assert "reported claim" not in manner.techniques


@pytest.mark.parametrize(
    ("path", "language", "words"),
    [
        (SPANISH, "es", ("Dice de quién vienen las palabras", "Busque lo que dijo o publicó")),
        (
            FRENCH,
            "fr",
            ("Le chiffre «\u202f38 000\u202f» a une source", "Cherchez «\u202f38 000\u202f» dans"),
        ),
    ],
)
def test_new_writes_drafts_in_the_lessons_language(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    path: Path,
    language: str,
    words: tuple[str, ...],
) -> None:
    monkeypatch.chdir(tmp_path)
    made = CliRunner().invoke(main, ["new", str(path), "--language", language, "--name", "t"])
    assert made.exit_code == 0, made.output
    lesson = YAML(typ="safe").load((tmp_path / "lessons" / "t.yaml").read_text("utf-8"))
    assert lesson["language"] == language
    statements = lesson["annotations"]
    assert len(statements) >= 6
    assert all(s["draft"] is True for s in statements)
    reasons = " ".join(s["why"] + " " + s.get("check", "") for s in statements)
    for english in (" the ", " is ", " it ", "stated as fact", "Look for"):
        assert english not in reasons, english
    for own in words:
        assert own in reasons, own
    checked = CliRunner().invoke(main, ["check", str(tmp_path / "lessons" / "t.yaml")])
    assert checked.exit_code == 0, checked.output


def test_no_suggest_writes_no_drafts_in_spanish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    made = CliRunner().invoke(
        main, ["new", str(SPANISH), "--language", "es", "--name", "t", "--no-suggest"]
    )
    assert made.exit_code == 0, made.output
    lesson = YAML(typ="safe").load((tmp_path / "lessons" / "t.yaml").read_text("utf-8"))
    assert not lesson.get("annotations")
