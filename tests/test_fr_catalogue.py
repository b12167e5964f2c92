"""The French catalogue as a French teacher reviewed it (issue 22, "Translations").

Every key of the English catalogue with the same placeholders; the three kinds'
labels used as labels only; no "Preuve" (a proof cannot be false) nor
"Déduction" (a necessary conclusion) on a built guided sheet; one scale for the
marking bands; and French spacing before ``: ; ! ?`` and inside « », written in
the catalogue and printed as written.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from medialit.build.run import BuildOptions, build_lesson
from medialit.settings.languages import catalogue, english

from .conftest import DATA, ROOT, pdf_pages
from .test_languages import leftovers

NBSP = "\u00a0"  # before ":" and between a number and its unit (18 h)
NNBSP = "\u202f"  # narrow: before ; ! ? and inside « »
PLACEHOLDER = re.compile(r"\{\w+\}")
# Each kind's label, and the stems that would reuse it as an ordinary word.
LABEL_STEMS = {
    "evidence": ("information", "sourcé"),
    "inference": ("inférence", "inférer", "infère"),
    "assertion": ("affirm",),
}
# What the issue found wrong, and the mixed scale the bands used to be.
REJECTED = ("preuve", "déduction", "débutant", "en progrès")


def texts(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(dotted key, text) for every string of a catalogue."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from texts(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from texts(item, f"{path}[{index}]")
    else:
        yield path, str(value)


FRENCH = dict(texts(catalogue("fr")))


def test_every_english_key_is_in_french_with_the_same_placeholders() -> None:
    english_texts = dict(texts(english()))
    assert set(FRENCH) == set(english_texts)
    for key, text in english_texts.items():
        assert sorted(PLACEHOLDER.findall(FRENCH[key])) == sorted(PLACEHOLDER.findall(text)), key


def test_the_kinds_are_named_as_french_emi_lessons_name_them() -> None:
    labels = {kind: FRENCH[f"kinds.{kind}.label"] for kind in LABEL_STEMS}
    assert labels == {
        "evidence": "Information sourcée",
        "inference": "Inférence",
        "assertion": "Affirmation",
    }
    badges = [FRENCH[f"kinds.{kind}.badge"] for kind in LABEL_STEMS]
    assert len(set(badges)) == 3
    bands = [FRENCH[f"marking[{n}].band"] for n in range(3)]
    assert bands == ["Non acquis", "En cours d’acquisition", "Acquis"]
    for key, text in FRENCH.items():
        for word in REJECTED:
            assert word not in text.lower(), (key, word)


def reused_labels(catalogue_texts: dict[str, str]) -> list[str]:
    """The keys whose text reuses a kind's label as an ordinary word.

    A label may name its kind: the label itself, and a marking sample that ticks it.
    Anywhere else the same word would blur the three boxes a student ticks.
    """
    return [
        key
        for key, text in catalogue_texts.items()
        if not key.endswith(".label") and not re.fullmatch(r"marking\[\d\]\.sample", key)
        for stems in LABEL_STEMS.values()
        for stem in stems
        if stem in text.lower()
    ]


def test_no_kind_label_is_reused_as_an_ordinary_word() -> None:
    assert reused_labels(FRENCH) == []


def test_the_checker_finds_a_reused_label() -> None:
    # The catalogue before the review: "affirmation" in the word bank, "affirment" in a definition.
    old = {
        "word_bank[7]": "affirmation",
        "kinds.assertion.definition": "« Des experts affirment » ne nomment personne.",
        "kinds.assertion.label": "Affirmation",
        "marking[0].sample": "C’est une affirmation parce que ce n’est pas vrai.",
    }
    assert reused_labels(old) == ["word_bank[7]", "kinds.assertion.definition"]


def typography_problems(text: str) -> list[str]:
    """Where ``text`` breaks the catalogue's French spacing rule."""
    text = text.replace("draft: true", "")  # YAML to find in the lesson, not French prose
    rules = [
        (r"(?<!\u00a0):", "no-break space before :"),
        (r"(?<!\u202f)[;!?]", "narrow no-break space before ; ! ?"),
        (r"«(?!\u202f)", "narrow no-break space after «"),
        (r"(?<!\u202f)»", "narrow no-break space before »"),
        (r"\d h\b", "no-break space in 18 h"),
    ]
    return [
        f"{message}: …{text[max(m.start() - 12, 0) : m.end() + 12]}…"
        for pattern, message in rules
        for m in re.finditer(pattern, text)
    ]


def test_every_french_text_follows_the_spacing_rule() -> None:
    problems = {key: typography_problems(text) for key, text in FRENCH.items()}
    assert {key: found for key, found in problems.items() if found} == {}
    assert typography_problems("Nom : « Brouillon » ?")  # the rule can fail


def test_the_built_in_fonts_carry_both_spaces() -> None:
    # Otherwise WeasyPrint would print the spaces in a fallback font, or not at all.
    fonts = sorted((ROOT / "src" / "medialit" / "fonts").rglob("*.ttf"))
    assert fonts
    for font in fonts:
        cmap = TTFont(font).getBestCmap()
        assert ord(NBSP) in cmap and ord(NNBSP) in cmap, font.name


@pytest.fixture(scope="module")
def guided(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("fr-guided")
    build_lesson(DATA / "lesson-fr.yaml", BuildOptions(out=out, level="guided"))
    return out / "lesson-fr"


def pdftotext(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout
    return " ".join(out.decode().split())


@pytest.mark.build
def test_the_guided_sheets_print_french_words_only(guided: Path) -> None:
    student = pdftotext(guided / "student-guided.pdf")
    key = pdftotext(guided / "key-guided.pdf")
    for text in (student, key):
        assert leftovers(text, "fr") == []
        assert not re.search("preuve|déduction|débutant|en progrès", text, re.IGNORECASE)
    for label in ("Information sourcée", "Inférence", "Affirmation"):
        assert student.count(label) >= 4  # a definition, then a box for each of 3 statements
    assert "C’est une ________ parce que…" in student  # one article fits all three labels
    # "En cours" and "d’acquisition" sit on two lines of a narrow cell, read apart.
    assert all(band in key for band in ("Non acquis", "En cours", "d’acquisition", "Acquis"))
    assert "« C’est une affirmation" in key
    assert "“C’est" not in key  # the marking samples are quoted the French way


@pytest.mark.build
def test_the_sheet_prints_the_spaces_as_written(guided: Path) -> None:
    # pdftotext turns both spaces into plain ones; pypdf keeps the characters.
    reader = PdfReader(guided / "student-guided.pdf")
    first = reader.pages[0].extract_text()
    assert f"Nom{NBSP}:" in first and "Consigne" in first
    assert f"«{NNBSP}Qui le dit{NNBSP}?{NNBSP}»" in first
    assert f"18{NBSP}h" in first


@pytest.mark.build
def test_the_glossary_colon_gets_the_french_space(guided: Path) -> None:
    # The colon after a glossary term comes from the stylesheet, not the catalogue.
    text = "".join(page.extract_text() for page in PdfReader(guided / "student-guided.pdf").pages)
    assert "Vocabulaire et noms propres" in text
    assert f"cantine{NBSP}:" in text and f"mairie{NBSP}:" in text


@pytest.mark.build
def test_the_sorting_heading_stays_with_the_first_statement(tmp_path: Path) -> None:
    # The French definitions are longer than the English ones: on the standard sheet the
    # heading and its help line used to end page 1, alone, with the table on page 2.
    build_lesson(DATA / "lesson-fr.yaml", BuildOptions(out=tmp_path))
    pages = pdf_pages(tmp_path / "lesson-fr" / "student.pdf")
    heading = next(n for n, page in enumerate(pages) if "Classe les énoncés" in page)
    assert "Comment le sais-tu" in pages[heading]


def test_the_header_records_who_reviewed_what() -> None:
    header = (ROOT / "src" / "medialit" / "catalogues" / "fr.toml").read_text("utf-8")
    header = header.split("\ninstructions = ", 1)[0]
    assert "# Relu le 2026-12-04 par un enseignant francophone (session d’assistance) :" in header
    for reviewed in ("en.toml", "tests/data/lesson-fr.yaml", "roster-world.csv", "Non acquis"):
        assert reviewed in header, reviewed
