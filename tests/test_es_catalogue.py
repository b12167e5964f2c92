"""The Spanish catalogue, as a native-speaking teacher reviewed it (issue 22).

Every English key is there with the same placeholders; a kind's label is never an ordinary
word elsewhere on the sheet; and a Spanish guided sheet, built and read back with
pdftotext, prints no English fixed words.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from medialit.build.run import BuildOptions, build_lesson
from medialit.settings.languages import catalogue, english
from medialit.settings.untranslated import ENGLISH_SIGNS, reads_as_english

from .conftest import DATA

SPANISH = catalogue("es")


def texts(
    values: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every text of a catalogue with its path."""
    if isinstance(values, dict):
        for key, value in values.items():
            yield from texts(value, (*path, key))
    elif isinstance(values, list):
        for index, value in enumerate(values):
            yield from texts(value, (*path, index))
    else:
        yield path, str(values)


def shape(values: Any) -> Any:
    """The keys (and list lengths) of a catalogue, without its words."""
    if isinstance(values, dict):
        return {key: shape(value) for key, value in values.items()}
    if isinstance(values, list):
        return [shape(value) for value in values]
    return None


def placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"\{\w+\}", text))


def test_every_english_key_is_there_with_its_placeholders() -> None:
    assert shape(SPANISH) == shape(english())
    spanish = dict(texts(SPANISH))
    for path, english_text in texts(english()):
        assert placeholders(spanish[path]) == placeholders(english_text), path


def test_a_kind_label_is_never_an_ordinary_word_on_the_sheet() -> None:
    labels = [kind["label"] for kind in SPANISH["kinds"].values()]
    # The head word of each label (dato, inferencia, afirmación): "afirmación" in the word
    # bank once read as the kind's name.
    heads = {label.split()[0].casefold(): label.casefold() for label in labels}
    assert len(heads) == 3
    for path, text in texts(SPANISH):
        if path[-1] in ("label", "badge"):
            continue
        lowered = text.casefold()
        for head, label in heads.items():
            for found in re.finditer(rf"(?<!\w){re.escape(head)}(?!\w)", lowered):
                # Definitions and marking samples may name a kind, always by its whole label;
                # the word bank, the sentence starters, instructions and headings never do.
                assert path[0] in ("kinds", "marking"), (path, text)
                assert lowered.startswith(label, found.start()), (path, text)
    assert "enunciado" not in " ".join(text.casefold() for _, text in texts(SPANISH))


def test_the_marking_bands_are_one_scale() -> None:
    assert [band["band"] for band in SPANISH["marking"]] == ["Iniciado", "En proceso", "Adquirido"]


@pytest.mark.parametrize("language", ["es", "fr"])
def test_no_text_of_a_catalogue_reads_as_english(language: str) -> None:
    # The check warning's own test must not fire on the shipped translations.
    assert [t for _, t in texts(catalogue(language)) if reads_as_english(t)] == []
    # …and does fire on English: 25 of the English catalogue's 31 texts of five words or more.
    sentences = [t for _, t in texts(english()) if len(t.split()) >= 5]
    assert sum(map(reads_as_english, sentences)) >= 0.75 * len(sentences)


def pdf_words(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return " ".join(out.stdout.decode().split())


@pytest.mark.build
def test_the_spanish_guided_sheets_print_no_english_fixed_words(tmp_path: Path) -> None:
    # As an excerpt, so that the note under a shortened article is read too.
    options = BuildOptions(out=tmp_path, level="guided", excerpt=True)
    build_lesson(DATA / "lesson-es.yaml", options)
    folder = tmp_path / "lesson-es"
    spanish = dict(texts(SPANISH))
    for pdf in ("student-guided.pdf", "key-guided.pdf"):
        text = pdf_words(folder / pdf)
        assert "Página 1 de 2" in text
        words = {w.casefold() for w in re.findall(r"[^\W\d_]+", text)}
        assert words & ENGLISH_SIGNS == set(), pdf
        for path, english_text in texts(english()):
            if path[-1] in ("badge", "quote_open", "quote_close") or english_text == spanish[path]:
                continue
            for fragment in re.split(r"\{\w+\}", english_text):
                fragment = " ".join(fragment.split()).strip(" :,.")
                if len(fragment) >= 3:
                    assert not re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)", text), (
                        pdf,
                        fragment,
                    )
    # The marking guide's samples are quoted the Spanish way, not in English curly quotes.
    key = pdf_words(folder / "key-guided.pdf")
    assert f"«{SPANISH['marking'][0]['sample']}»" in key

    assert "Extracto: […] indica párrafos suprimidos" in pdf_words(folder / "student-guided.pdf")
