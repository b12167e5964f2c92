"""Property-based tests: whatever the file holds, medialit accepts it or says where it is wrong.

The normal suite runs a modest number of examples; for a deeper run use
``pytest tests/test_fuzz.py --hypothesis-profile=long`` (profiles in conftest.py).
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from medialit.errors import LessonError
from medialit.lesson import loader
from medialit.lesson.anchoring import closest_passage, find_matches, normalise_quote
from medialit.lesson.article import split_blocks
from medialit.lesson.model import (
    Annotation,
    GlossaryEntry,
    Lesson,
    MarkingBand,
    Plan,
    PlanStep,
    Question,
    Source,
)
from medialit.lesson.reading import read_lesson

from .conftest import GOOD

FILE = Path("fuzz.yaml")

# Characters that trouble text handling: combining marks, right-to-left letters and
# marks, emoji with joiners and variation selectors, invisible characters, odd spaces
# and line ends, typographic quotes and dashes.
TRICKY = (
    "\u0301\u0308\u0327\u20dd"  # combining marks
    "\u05d0\u05d1\u05e9\u0627\u0644\u0645\u200f\u200e\u202b\u202c"  # Hebrew, Arabic, RTL marks
    "\U0001f600\U0001f468\u200d\U0001f469\ufe0f\U0001f1eb\U0001f1f7"  # emoji, ZWJ, flags
    "\u200b\u200c\u2060\ufeff\u00ad"  # invisible
    "\u00a0\u2003\u3000\t\r\n\u2028\u0085"  # spaces and line ends
    "\u2018\u2019\u201c\u201d\u2013\u2014\u00ab\u00bb"  # quotes and dashes
)
TEXT = st.text(
    alphabet=st.one_of(st.sampled_from(TRICKY), st.sampled_from("abc xyz.,'\"-"), st.characters())
)
YAML_TOKENS = [
    *"abc1:-?[]{},.|>'\"#%@`&*!\t\r\n ",
    *[": ", "- ", "  ", "\r\n", "\n  ", "&x ", "*x", "<<: *x", "!!str ", "!!binary ", "---\n"],
    *["!!python/object:os.system ", "!foo ", "%YAML 1.1\n---\n", "? ", "...\n", "2020-13-45"],
    *["title", "article", "annotations", "quote", "kind", "occurrence", "\u200b", "\u0301"],
]
YAML_ISH = st.lists(st.sampled_from(YAML_TOKENS), max_size=40).map("".join)
MODELS = (Lesson, Source, Annotation, Question, Plan, PlanStep, GlossaryEntry, MarkingBand)
KEYS = st.sampled_from(sorted({name for model in MODELS for name in model.model_fields}))

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.dates(min_value=datetime.date(1, 1, 1)),
    TEXT,
)
STRUCTURES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(KEYS, TEXT), children, max_size=5),
    ),
    max_leaves=25,
)


def dump(data: Any) -> str:
    stream = io.StringIO()
    YAML(typ="safe", pure=True).dump(data, stream)
    return stream.getvalue()


def accepted_or_placed(text: str) -> None:
    """The property: reading ``text`` succeeds, or fails with medialit's error and a line."""
    try:
        read_lesson(FILE, text)
    except LessonError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file == FILE and problem.line is not None, problem


@given(YAML_ISH)
def test_random_yaml_syntax(text: str) -> None:
    accepted_or_placed(text)


@given(STRUCTURES)
def test_random_structures(data: Any) -> None:
    accepted_or_placed(dump(data))


@given(
    st.fixed_dictionaries(
        {},
        optional={
            "title": STRUCTURES,
            "source": st.one_of(
                STRUCTURES, st.fixed_dictionaries({"author": TEXT, "published": SCALARS})
            ),
            "article": st.one_of(TEXT, STRUCTURES),
            "annotations": st.lists(
                st.dictionaries(KEYS, st.one_of(TEXT, SCALARS, STRUCTURES), max_size=5),
                max_size=4,
            ),
            "language": TEXT,
        },
    )
)
def test_random_lesson_shapes(data: dict[str, Any]) -> None:
    accepted_or_placed(dump(data))


@given(st.lists(st.tuples(st.integers(0, len(GOOD)), YAML_ISH | TEXT), min_size=1, max_size=4))
def test_edited_lesson(edits: list[tuple[int, str]]) -> None:
    """A good lesson with random insertions, as a midnight edit might leave it."""
    text = GOOD
    for at, inserted in edits:
        text = text[:at] + inserted + text[at:]
    accepted_or_placed(text)


@given(
    paragraphs=st.lists(TEXT, min_size=1, max_size=4),
    quotes=st.lists(TEXT, max_size=3),
    crlf=st.booleans(),
    data=st.data(),
)
def test_unicode_articles_and_quotes(
    paragraphs: list[str], quotes: list[str], crlf: bool, data: st.DataObject
) -> None:
    article = "\n\n".join(paragraphs)
    blocks = split_blocks(article)
    # Quotes copied from the article, besides random ones.
    for block in blocks:
        start = data.draw(st.integers(0, len(block.text)))
        end = data.draw(st.integers(start, len(block.text)))
        quotes.append(block.text[start:end])
    lesson = {
        "title": "Fuzz",
        "source": {"author": "A", "outlet": "B", "published": datetime.date(2020, 1, 2)},
        "article": article,
        "annotations": [{"quote": q, "kind": "evidence", "why": "x"} for q in quotes],
    }
    text = dump(lesson)
    accepted_or_placed(text.replace("\n", "\r\n") if crlf else text)


@given(paragraphs=st.lists(TEXT, min_size=1, max_size=4), data=st.data())
def test_a_copied_quote_is_found_where_it_was_copied(
    paragraphs: list[str], data: st.DataObject
) -> None:
    blocks = split_blocks("\n\n".join(paragraphs))
    assume(blocks)
    index = data.draw(st.integers(0, len(blocks) - 1))
    text = blocks[index].text
    start = data.draw(st.integers(0, len(text)))
    quote = text[start : data.draw(st.integers(start, len(text)))]
    needle = normalise_quote(quote)
    matches = find_matches(quote, blocks)
    if not needle:
        assert matches == []
        return
    assert matches, (quote, text)
    for match in matches:
        assert normalise_quote(blocks[match.block].text[match.start : match.end]) == needle
    near = closest_passage(quote, blocks)
    assert near is not None and near.score > 0


@given(quote=TEXT, paragraphs=st.lists(TEXT, max_size=4))
def test_closest_passage_never_fails(quote: str, paragraphs: list[str]) -> None:
    blocks = split_blocks("\n\n".join(paragraphs))
    near = closest_passage(quote, blocks)
    if near is not None:
        assert 0 <= near.block < len(blocks)
        assert near.passage in blocks[near.block].text


def pure_and_fast_agree(text: str) -> None:
    """libyaml's reading of a file, when used, gives what the Python parser gives."""
    fast = loader._load_fast(FILE, text)
    if fast is None:
        return  # read by the Python parser, as before
    pure = loader.LoadedYaml(FILE, None)
    yaml = YAML(typ="safe", pure=True)
    root = yaml.compose(text)
    if root is not None:
        builder = loader._Builder(yaml, pure)
        pure.data = builder.build(root, ())
        assert builder.problems == []
    assert (fast.data, fast.places, fast.key_places) == (pure.data, pure.places, pure.key_places)


@given(st.one_of(YAML_ISH, STRUCTURES.map(dump)))
def test_libyaml_reads_as_the_python_parser_does(text: str) -> None:
    pure_and_fast_agree(text)


@given(st.lists(st.tuples(st.integers(0, len(GOOD)), YAML_ISH | TEXT), min_size=1, max_size=4))
def test_libyaml_reads_edited_lessons_as_the_python_parser_does(
    edits: list[tuple[int, str]],
) -> None:
    text = GOOD
    for at, inserted in edits:
        text = text[:at] + inserted + text[at:]
    pure_and_fast_agree(text)


def test_libyaml_is_used_for_good_lessons() -> None:
    assert loader.C_PARSER, "ruamel.yaml.clib is a dependency; reading lessons needs it to be quick"
    assert loader._load_fast(FILE, GOOD) is not None
