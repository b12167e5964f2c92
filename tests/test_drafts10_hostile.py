"""``medialit new`` on a hostile page's text, after this stop's reading rules: a sentence of
thousands of numbers, a run of thousands of capitalised words and a page with no full stop
are read in a time that grows with their length (each held a terminal for over two minutes
before), and a sentence longer than a lesson's quote may be is not drafted."""

from __future__ import annotations

import time
from pathlib import Path

import pysbd

from medialit.drafting.numbers import numbers
from medialit.drafting.suggest import WINDOW_CHARS, load_cues, sentences
from medialit.lesson.model import MAX_TEXT_CHARS
from medialit.lesson.reading import read_lesson

from .conftest import run_cli


def test_a_sentence_of_thousands_of_numbers_is_read_in_linear_time() -> None:
    sentence = " ".join(["WCAG 1.1 and x 1"] * 15_000)  # 30,000 numbers, 255,000 characters
    started = time.process_time()
    found = numbers(sentence)
    assert time.process_time() - started < 3.0  # when each number read all before it: minutes
    assert [n.kind for n in found[:2]] == ["identifier", "statistic"]


def test_a_run_of_capitalised_words_is_read_in_linear_time() -> None:
    cues = load_cues("en")
    assert cues is not None
    run = " ".join(["Aa"] * 20_000) + "."  # no body's name ends the run
    started = time.process_time()
    cues[1].source_in(run)
    assert time.process_time() - started < 3.0  # about 20 s when a name had no bound


def test_a_page_with_no_full_stop_still_gets_a_lesson(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    body = " ".join(["the council said 12 people came"] * 800)  # 25,000 characters
    assert len(body) > MAX_TEXT_CHARS
    page.write_text(f"No Full Stops\n\n{body}\n\nThe council said 12 people came.\n", "utf-8")
    done = run_cli(["new", str(page)], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (lesson,) = (tmp_path / "lessons").glob("*.yaml")
    drafted = read_lesson(lesson)
    assert drafted.lesson.annotations  # the short sentence after it
    assert all(len(a.quote) <= MAX_TEXT_CHARS for a in drafted.lesson.annotations)


def test_a_sentence_of_thousands_of_denied_sayings_is_read_in_linear_time() -> None:
    # after a denied saying the next verbs are tried, each reading all before it: 5 minutes
    cues = load_cues("en")
    assert cues is not None
    sentence = " ".join(["they did not say"] * 20_000) + " but aides said so."
    started = time.process_time()
    cues[1].speech(sentence)
    assert time.process_time() - started < 3.0


def _paragraph(count: int) -> str:
    return " ".join(
        f"Dr. Smith said on Jan. {n % 28 + 1} that No. {n} of the U.S. reports was 3.5 times "
        "larger than the rest."
        for n in range(count)
    )


def test_a_huge_paragraph_is_split_into_sentences_in_linear_time() -> None:
    # pysbd's time grows with the square of a paragraph: 24 s for this one, 94 s for the next
    paragraph = _paragraph(1_600)  # 152,000 characters
    started = time.process_time()
    found = sentences(paragraph)
    assert time.process_time() - started < 8.0
    assert len(found) == 1_600
    assert paragraph[found[1000][0] : found[1000][1]].startswith("Dr. Smith said on Jan. 21 ")
    one = " ".join(["they did not say"] * 20_000) + "."  # one sentence of 340,000 characters
    started = time.process_time()
    assert sentences(one) == [(0, len(one))]
    assert time.process_time() - started < 3.0


def test_a_long_paragraph_read_in_windows_is_split_as_a_whole_one() -> None:
    paragraph = _paragraph(120)  # 11,000 characters: three windows, cut anywhere in a sentence
    assert len(paragraph) > 2 * WINDOW_CHARS
    whole = pysbd.Segmenter(language="en", clean=False).segment(paragraph)
    assert [paragraph[start:end] for start, end in sentences(paragraph)] == [
        sentence.strip() for sentence in whole
    ]


def test_a_quotation_across_a_window_s_end_is_split_as_a_whole_paragraph() -> None:
    # a review: the closing mark began the next sentence ('" Video elements were added…'),
    # drafted as "Quoted from Video elements"
    paragraph = (
        "The council met on Monday to discuss the budget for next year. " * 61
        + "x" * 60
        + ' "We had a plan for the town and its people. We kept the same elements: links and '
        'resources, all of them." Video elements were added three years ago. The end.'
    )
    assert len(paragraph) > WINDOW_CHARS
    whole = pysbd.Segmenter(language="en", clean=False).segment(paragraph)
    found = [paragraph[start:end] for start, end in sentences(paragraph)]
    assert found == [sentence.strip() for sentence in whole]
    assert "Video elements were added three years ago." in found


def test_a_paragraph_of_thousands_of_short_sentences_is_read_in_linear_time() -> None:
    # a review: each sentence looked for an abbreviation in all the text before it, 48 s of
    # the 73 s that `new` took on 144,000 characters of "Item 1. Item 2. …"
    from medialit.drafting.suggest import suggest

    paragraph = " ".join(f"Item {n}." for n in range(8_000))  # 88,000 characters
    started = time.process_time()
    suggest(f"Items\n\n{paragraph}\n", load_cues("en"), "en")
    assert time.process_time() - started < 8.0  # 1.8 s here; about 20 s before
