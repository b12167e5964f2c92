"""Every fixed word in the lesson's language: real builds read back with pdftotext.

A Spanish and a French lesson are built at every level, in two versions and as
a class pack split into copies; no word of the English catalogue that the
language says differently may be left on any page or in any PDF's title.
"""

from __future__ import annotations

import datetime
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel import Locale
from pypdf import PdfReader

from medialit.build.run import BuildOptions, build_lesson
from medialit.errors import MedialitError
from medialit.settings.languages import (
    available,
    catalogue,
    direction,
    english,
    join_list,
    long_date,
)
from medialit.settings.layers import Configuration, Layer, check_layer, command_line_layer

from .conftest import DATA

pytestmark = pytest.mark.build

CREATED = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
LANGUAGES = ("es", "fr")


def pdftotext(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout
    return " ".join(out.decode().split())


def pairs(english_value: Any, translated: Any) -> Iterator[tuple[str, str]]:
    """(English, translation) for every text of two catalogues, walked side by side."""
    if isinstance(english_value, dict):
        for key, value in english_value.items():
            yield from pairs(value, translated[key])
    elif isinstance(english_value, list):
        for english_item, translated_item in zip(english_value, translated, strict=True):
            yield from pairs(english_item, translated_item)
    else:
        yield str(english_value), str(translated)


def english_only(language: str) -> list[str]:
    """The English catalogue's phrases that ``language`` words differently (placeholders cut out)."""
    phrases = set()
    for english_text, translated in pairs(english(), catalogue(language)):
        if english_text == translated:
            continue
        for fragment in re.split(r"\{\w+\}", english_text):
            fragment = " ".join(fragment.split()).strip(" :,")
            # "Date:" and "Date :" are the same word; only words the language changes count.
            if len(fragment) >= 2 and fragment not in " ".join(translated.split()):
                phrases.add(fragment)
    return sorted(phrases)


def leftovers(text: str, language: str) -> list[str]:
    return [
        phrase
        for phrase in english_only(language)
        if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)
    ]


@pytest.fixture(scope="module", params=LANGUAGES)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every level in two versions, and a class pack with copies, of one language's lesson."""
    language = request.param
    lesson = DATA / f"lesson-{language}.yaml"
    out = tmp_path_factory.mktemp(f"built-{language}")
    for level in ("guided", "standard", "independent"):
        html = level == "standard"  # read by test_html_carries_the_language_for_hyphenation
        options = BuildOptions(
            out=out / level, level=level, versions=2, created=CREATED, write_html=html
        )
        build_lesson(lesson, options)
    build_lesson(
        lesson,
        BuildOptions(
            out=out / "pack",
            roster=DATA / "roster-world.csv",
            versions=2,
            split=True,
            created=CREATED,
        ),
    )
    return out


def test_no_english_fixed_word_on_any_page(built: Path) -> None:
    language = built.name.split("-")[1].rstrip("0123456789")
    pdfs = sorted(built.rglob("*.pdf"))
    assert len(pdfs) >= 3 * 4 + 5 + 5  # 3 levels × 2 versions × 2 sheets; pack, cover, keys; copies
    for pdf in pdfs:
        text = pdftotext(pdf)
        assert text, pdf
        assert leftovers(text, language) == [], pdf
        title = PdfReader(pdf).metadata.title  # type: ignore[union-attr]
        assert title and leftovers(title, language) == [], (pdf, title)


def test_the_checker_finds_english_words() -> None:
    # The same check on an English sheet must find plenty, or it could never fail.
    found = leftovers("Student worksheet · Answer key · Sort the statements · Page 1 of 2", "es")
    assert {"Student worksheet", "Sort the statements", "Page", "of"} <= set(found)


def test_dates_and_lists_follow_the_language(built: Path) -> None:
    language = built.name.split("-")[1].rstrip("0123456789")
    student = pdftotext(built / "standard" / f"lesson-{language}" / "student-A.pdf")
    key = pdftotext(built / "standard" / f"lesson-{language}" / "key-A.pdf")
    published, republished = {
        "es": ("10 de mayo de 2016", "12 de mayo de 2016"),
        "fr": ("10 mai 2016", "12 mai 2016"),
    }[language]
    for text in (student, key):
        assert published in text and republished in text
    cover = pdftotext(built / "pack" / f"lesson-{language}" / "cover.pdf")
    last = {"es": " y key-", "fr": " et key-"}[language]
    assert last in cover
    assert {"es": "Página 1 de", "fr": "Page 1 sur"}[language] in student


def test_html_carries_the_language_for_hyphenation(built: Path) -> None:
    language = built.name.split("-")[1].rstrip("0123456789")
    sheets = built / "standard" / f"lesson-{language}"
    html = (sheets / "student-A.html").read_text()
    assert f'<html lang="{language}" dir="ltr">' in html
    assert PdfReader(sheets / "student-A.pdf").root_object["/Lang"] == language


def test_words_setting_still_changes_single_words(tmp_path: Path) -> None:
    lesson = tmp_path / "lesson.yaml"
    lesson.write_text(
        (DATA / "lesson-es.yaml").read_text(encoding="utf-8")
        + "worksheet:\n  words:\n    your_task: Lo que harás\n",
        encoding="utf-8",
    )
    build_lesson(lesson, BuildOptions(out=tmp_path / "out"))
    text = pdftotext(tmp_path / "out" / "lesson" / "student.pdf")
    assert "Lo que harás" in text and "Tu tarea" not in text
    assert "Clasifica los fragmentos" in text  # the rest of the catalogue stays


def test_language_setting_chooses_the_words_over_the_lesson(tmp_path: Path) -> None:
    # An Arabic article with English words: the article keeps its own lang and dir.
    configuration = Configuration(command_line=command_line_layer(["language=es"]))
    options = BuildOptions(out=tmp_path, configuration=configuration, write_html=True)
    build_lesson(DATA / "lesson-fr.yaml", options)
    html = (tmp_path / "lesson-fr" / "student.html").read_text(encoding="utf-8")
    assert '<html lang="es" dir="ltr">' in html and 'lang="fr" dir="ltr">' in html
    assert "Clasifica los fragmentos" in pdftotext(tmp_path / "lesson-fr" / "student.pdf")


def test_language_setting_chooses_when_the_lesson_gives_none(tmp_path: Path) -> None:
    configuration = Configuration(command_line=command_line_layer(["language=fr"]))
    build_lesson(DATA / "sample.yaml", BuildOptions(out=tmp_path, configuration=configuration))
    text = pdftotext(tmp_path / "sample" / "student.pdf")
    assert "Fiche élève".upper() in text.upper() and "Classe les énoncés" in text
    assert "1 mars 2024" in text


# "zz" is a tag Babel does not know either: its article is written left to right, and the
# message is the same.
@pytest.mark.parametrize("tag", ["de", "zz"])
def test_a_language_without_catalogue_lists_those_available(tag: str, tmp_path: Path) -> None:
    lesson = tmp_path / "lesson.yaml"
    lesson.write_text(
        (DATA / "lesson-fr.yaml")
        .read_text(encoding="utf-8")
        .replace("language: fr", f"language: {tag}")
    )
    with pytest.raises(MedialitError) as error:
        build_lesson(lesson, BuildOptions(out=tmp_path / "out"))
    assert str(error.value) == (
        f'{lesson}: language: medialit has no words for the language "{tag}" yet; the languages '
        "with built-in words are en, es, fr. To print the sheets' words in one of them, set it "
        'as a setting: language = "en" in medialit.toml, or language: en in the lesson\'s '
        "worksheet: table."
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("tag", ["ar", "he", "fa", "ur", "ku", "ckb", "syr", "en", "ku-Arab"])
def test_babel_decides_which_way_an_article_is_written(tag: str) -> None:
    # Kurmanji (ku) is written in Latin letters; Sorani (ckb) and Syriac (syr) right to left.
    assert direction(tag) == Locale.parse(tag, sep="-").text_direction
    assert direction("zz") == "ltr"  # a tag Babel does not know


def test_every_catalogue_has_every_word_and_is_valid_settings() -> None:
    assert available() == ["en", "es", "fr"]
    for name in available():
        assert list(pairs(english(), catalogue(name)))  # same shape, or zip(strict) fails
        assert set(catalogue(name)["words"]) == set(english()["words"])
        settings = {key: value for key, value in catalogue(name).items() if key != "marking"}
        check_layer(Layer("language", settings))
        assert len(catalogue(name)["marking"]) == 3  # the key's built-in marking guide


def test_regional_tags_use_the_base_catalogue_and_their_own_dates() -> None:
    from medialit.settings.languages import catalogue_name

    assert catalogue_name("es-MX") == "es" and catalogue_name("fr-CA") == "fr"
    assert catalogue_name("de") is None
    assert long_date(datetime.date(2017, 10, 3), "en") == "3 October 2017"
    assert long_date(datetime.date(2017, 10, 3), "en-US") == "October 3, 2017"
    assert join_list(["a", "b", "c"], "es") == "a, b y c"
