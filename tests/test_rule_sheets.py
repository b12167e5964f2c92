"""Issue 22: the rule between the kinds prints on the sheets, and the seed lesson's core
version prints a text a class can read in a 50-minute lesson.

Real builds with WeasyPrint, read back with pdftotext.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from medialit.cli import main

from .conftest import ROOT

pytestmark = pytest.mark.build

FIRST = ROOT / "lessons" / "school-start-time.yaml"
SEED = ROOT / "lessons" / "washington-isis-syria-2017.yaml"
MOST_WORDS = 700
"""The issue's limit for the text a core or guided sheet prints."""


def pdftotext(pdf: Path) -> str:
    """The PDF's text as poppler reads it, white space folded."""
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())


def built(lesson: Path, out: Path, *args: str) -> Path:
    result = CliRunner().invoke(main, ["build", str(lesson), "--out", str(out), "--quiet", *args])
    assert result.exit_code == 0, result.output
    return out / lesson.stem


@pytest.fixture(scope="module")
def seed_core(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # no --excerpt: the lesson's excerpt_selections prints core as an excerpt by default
    return built(SEED, tmp_path_factory.mktemp("core"), "--select", "core")


def article_words(text: str) -> list[str]:
    """The words of the printed article: from its heading to the excerpt's note, without the
    page footers, the paragraph and statement numbers, the omission marks and the bullets."""
    article = text[text.index("The article (reproduced") : text.index("Excerpt: […] marks")]
    article = article.removeprefix("The article (reproduced as published, errors included)")
    article = re.sub(
        r"Alexander Orlov, New Eastern Outlook, .{0,120}? Page \d+ of \d+", " ", article
    )
    return [w for w in article.split() if not w.isdigit() and w not in {"[…]", "•"}]


def test_the_built_in_rule_prints_on_the_student_sheet(tmp_path: Path) -> None:
    text = pdftotext(built(FIRST, tmp_path) / "student.pdf")
    for words in (
        "Sort only the underlined words: “Ms Lee said that…” counts when it is underlined.",
        "Information that says where it comes from (a named person or group, a document, a "
        "website, a survey, a map), so you can check it there. “She said X” is evidence that "
        "she said X, not that X is true.",
        "Look for “so”, “therefore”, “since”, “that means”, and for guesses: “appears to”, "
        "“apparently”, “probably”, “suggests”.",
        "A claim stated as true without saying where it comes from, even a date, an event or a "
        "number you could check (ask “who says so?”). “Experts say” or “it was reported” names "
        "no one you could ask.",
    ):
        assert words in text, words


def test_the_seed_lesson_s_rule_prints_on_its_student_sheet(seed_core: Path) -> None:
    text = pdftotext(seed_core / "student-core.pdf")
    for words in (
        "Information that says where it comes from (a named person or group, a website, a "
        "report, a map), so you can check it there.",
        "“Experts argue” or “it was reported” names no one you could ask.",
        "Look for “so”, “therefore”, “that means”, and for guesses: “appears to”, “apparently”",
    ):
        assert words in text, words


def test_the_key_says_what_an_also_accepted_kind_earns(seed_core: Path) -> None:
    key = pdftotext(seed_core / "key-core.pdf")
    assert "1 A Assertion or I" in key  # the article's main claim: inference is defensible
    assert "“or” lists other kinds to accept, for half the credit of the key’s kind" in key
    assert "Also accept, for half credit: Inference" in key
    assert "Marking guide, for each answer (one row of the table)" in key


def test_the_built_in_marking_guide_fits_any_lesson(tmp_path: Path) -> None:
    # the sample lesson has no marking: of its own, so its key prints the built-in guide
    key = pdftotext(built(ROOT / "tests" / "data" / "sample.yaml", tmp_path) / "key.pdf")
    guide = key[key.index("Marking guide") :]
    assert "Secure" in guide and "the council’s annual report" in guide
    assert "Asapov" not in key and "defence ministry" not in key


def test_the_core_version_prints_at_most_700_words(seed_core: Path) -> None:
    words = article_words(pdftotext(seed_core / "student-core.pdf"))
    print(f"--select core prints {len(words)} words of the article")  # pytest -s shows it
    assert 600 <= len(words) <= MOST_WORDS, len(words)
    text = " ".join(words)
    assert text.startswith("It is now clear that") and text.endswith(
        "land supply bridge from Iran to Syria."
    )
    # the list that finishes "…other than fighting ISIS, including:" is kept with it
    assert "including: to ensure that pro-US Kurdish forces" in text
    # lessons/README.md: "a four-page worksheet with nine statements" (it said five)
    pages = subprocess.run(
        ["pdfinfo", seed_core / "student-core.pdf"], capture_output=True, text=True, check=True
    )
    assert re.search(r"^Pages:\s+4$", pages.stdout, re.M), pages.stdout


def test_the_core_excerpt_asks_only_about_printed_paragraphs(seed_core: Path) -> None:
    student, key = pdftotext(seed_core / "student-core.pdf"), pdftotext(seed_core / "key-core.pdf")
    for text in (student, key):
        assert "4. Check the sentence about the T-4 airbase with a map." in text
        assert "5. The article gives many exact numbers" not in text  # quotes ¶10, not printed
        assert "began occupying" not in text
    assert "The excerpt’s sheet prints questions 1 to 4 only" in key


def test_the_guided_sheet_prints_the_core_excerpt_by_default(tmp_path: Path) -> None:
    folder = built(SEED, tmp_path, "--level", "guided")  # level_selections: {guided: core}
    text = pdftotext(folder / "student-guided.pdf")
    words = article_words(text)
    print(f"--level guided prints {len(words)} words of the article")
    assert len(words) <= MOST_WORDS, len(words)
    glossary = text[text.index("Words and names") : text.index("The article (reproduced")]
    # hard words as well as names, and only those the excerpt prints
    for term in ("reconnaissance:", "detachment, contingent:", "Sunni, Shia:", "SDF:", "C2 post:"):
        assert term in glossary, term
    assert "balkanize" not in glossary and "sleeper cell" not in glossary  # ¶9 and ¶10: not printed


def test_a_selection_s_key_maps_its_numbers_to_the_full_sheet(seed_core: Path) -> None:
    # the map is a table (a row a sheet): read it line by line, as laid out
    done = subprocess.run(
        ["pdftotext", "-layout", str(seed_core / "key-core.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = [" ".join(line.split()) for line in done.stdout.splitlines()]
    at = lines.index("The same statements on the other sheets")
    assert lines[at + 1 : at + 3] == [
        "This sheet 1 2 3 4 5 6 7 8 9",
        "Full sheet (no selection, no versions) 1 2 4 6 9 10 11 22 24",
    ]
