"""The table of bad inputs: one row per mistake, with the whole message a teacher reads.

``FILE`` in an expected message stands for the lesson file's path. Messages are
asserted whole, so a change of wording is a deliberate change of this table.
Roster rows belong to the class-pack work (``roster.py``) and are tested there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from medialit.build.planning import render_html
from medialit.build.run import find_lessons
from medialit.drafting.suggest import load_cues
from medialit.errors import LessonError, MedialitError, TemplateError
from medialit.lesson.reading import read_lesson
from medialit.settings.schema import Settings

from .conftest import GOOD

EXTRA = "  - quote: {quote}\n    kind: assertion\n    why: x\n"

# The one table of bad lessons: each case with its whole message. (The fragments that
# test_lesson_errors.py once checked for the same files are all inside these messages.)
LESSONS = [
    # YAML syntax and what the file is
    pytest.param(
        GOOD.replace("title: Test lesson", "title: Test: lesson: [oops"),
        "FILE:1:12: YAML syntax error: mapping values are not allowed here. Check the "
        "indentation, and put a value in quotes if it contains ': ' or ' #' or starts with one "
        "of * & ! % @ ` [ {.",
        id="yaml-syntax",
    ),
    pytest.param(
        GOOD.replace("title: Test lesson", "title: *name"),
        "FILE:1:8: YAML syntax error: found undefined alias 'name'. Check the indentation, and "
        "put a value in quotes if it contains ': ' or ' #' or starts with one of * & ! % @ ` [ {.",
        id="yaml-undefined-alias",
    ),
    pytest.param(
        GOOD + "---\ntitle: Another\n",
        "FILE:17:1: YAML syntax error: expected a single document in the stream, but found "
        "another document. A lesson file holds one lesson; remove the line '---' or '...' and "
        "what follows.",
        id="yaml-two-documents",
    ),
    pytest.param(
        GOOD.replace("A. Writer", "A.\x07Writer"),
        "FILE:3:13: the file contains the invisible control character U+0007, which YAML does "
        "not allow; delete it (it often comes from copying out of a PDF or a word processor).",
        id="control-character",
    ),
    pytest.param(
        "",
        "FILE:1: the file is empty; a lesson file must be a set of fields (title, source, "
        "article, annotations), each on its own line as 'name: value'.",
        id="empty-file",
    ),
    pytest.param(
        "# nothing but a comment\n",
        "FILE:1: the file is empty; a lesson file must be a set of fields (title, source, "
        "article, annotations), each on its own line as 'name: value'.",
        id="only-a-comment",
    ),
    pytest.param(
        "- title: Test lesson\n- article: x\n",
        "FILE:1: the file is a list (lines starting with '- '); a lesson file must be a set of "
        "fields (title, source, article, annotations), each on its own line as 'name: value'.",
        id="lesson-is-a-list",
    ),
    pytest.param(
        "Dear colleague, here is the lesson\n",
        "FILE:1: the file holds a single value, not a lesson; a lesson file must be a set of "
        "fields (title, source, article, annotations), each on its own line as 'name: value'.",
        id="not-yaml-plain-text",
    ),
    pytest.param(
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
        "FILE:2: the file is not UTF-8 text (byte 11 cannot be read); if it is a lesson, open it "
        "in a text editor and save it as UTF-8.",
        id="not-yaml-a-pdf",
    ),
    pytest.param(
        GOOD.replace("A. Writer", "Andr\xe9 Writer").encode("latin-1"),
        "FILE:3: the file is not UTF-8 text (byte 42 cannot be read); if it is a lesson, open it "
        "in a text editor and save it as UTF-8.",
        id="not-utf8",
    ),
    # Tags: data stays data
    pytest.param(
        GOOD.replace("title: Test lesson", "title: !!python/object/apply:os.system [ls]"),
        "FILE:1:8: title: the YAML tag !!python/object/apply:os.system is not allowed in a "
        "lesson; write the value as plain text.",
        id="python-tag",
    ),
    pytest.param(
        GOOD.replace("title: Test lesson", "title: !!python/object:builtins.dict {}"),
        "FILE:1:8: title: the YAML tag !!python/object:builtins.dict is not allowed in a "
        "lesson; write the value as plain text.",
        id="python-object-tag",
    ),
    pytest.param(
        GOOD.replace("title: Test lesson", "title: !include other.yaml"),
        "FILE:1:8: title: the YAML tag !include is not allowed in a lesson; write the value as "
        "plain text.",
        id="custom-tag",
    ),
    # Fields: unknown, missing, duplicated, wrong type
    pytest.param(
        GOOD.replace("  - quote: Therefore", "  - qoute: Therefore"),
        'FILE:14:5: annotations[1].qoute: "qoute" is not a field here; did you mean "quote"? '
        "(fields: quote, kind, why, also_accept, check, techniques, occurrence, id, draft)",
        id="unknown-key",
    ),
    pytest.param(
        GOOD.replace("kind: inference", "kind: asertion"),
        'FILE:15:11: annotations[1].kind: "asertion" is not a kind; did you mean "assertion"? '
        "(kinds: evidence, inference, assertion)",
        id="unknown-kind",
    ),
    pytest.param(
        GOOD.replace("    kind: inference\n", "    kind: inference\n    colour: red\n"),
        'FILE:16:5: annotations[1].colour: "colour" is not a field here; use one of the fields: '
        "quote, kind, why, also_accept, check, techniques, occurrence, id, draft.",
        id="unknown-key-far-from-any",
    ),
    pytest.param(
        GOOD.replace("  outlet: The Paper\n", ""),
        "FILE:3:3: source.outlet: is required but missing; add it.",
        id="missing-field",
    ),
    pytest.param(
        GOOD.split("annotations:")[0],
        "FILE:1:1: annotations: is required but missing; add it.",
        id="missing-annotations",
    ),
    pytest.param(
        GOOD.replace("title: Test lesson", "title:"),
        "FILE:1:1: title: has no value; write one after the colon, or remove the line if it is "
        "optional.",
        id="field-without-value",
    ),
    pytest.param(
        GOOD.replace("title: Test lesson", "title: Test lesson\ntitle: Again"),
        "FILE:2:1: title: 'title' is given twice here; keep one.",
        id="duplicate-key",
    ),
    pytest.param(
        GOOD.replace("quote: Therefore traffic will get worse.", "quote: 1984"),
        'FILE:14:12: annotations[1].quote: must be text; put it in quotes: "1984".',
        id="wrong-type-number-for-text",
    ),
    pytest.param(
        GOOD.replace("    kind: inference\n", "    kind: inference\n    also_accept: assertion\n"),
        "FILE:16:18: annotations[1].also_accept: must be a list, each item on its own line "
        "starting with '- ', not the text \"assertion\".",
        id="wrong-type-text-for-list",
    ),
    pytest.param(
        GOOD.replace(
            "source:\n  author: A. Writer\n  outlet: The Paper\n  published: 2020-01-02",
            "source: The Paper, 2 January 2020",
        ),
        "FILE:2:9: source: must be a set of fields, each on its own indented line as "
        "'name: value', not the text \"The Paper, 2 January 2020\".",
        id="wrong-type-text-for-fields",
    ),
    pytest.param(
        GOOD.replace("published: 2020-01-02", "published: last year"),
        'FILE:5:14: source.published: "last year" is not a date; write it as YYYY-MM-DD, or YYYY-MM '
        "or YYYY when that is all you know, or unknown.",
        id="bad-date",
    ),
    pytest.param(
        GOOD.replace("published: 2020-01-02", "published: 2020-13-45"),
        'FILE:5:14: source.published: "2020-13-45" is not a date; write it as YYYY-MM-DD, or YYYY-MM '
        "or YYYY when that is all you know, or unknown.",
        id="impossible-date",
    ),
    pytest.param(
        GOOD.replace("published: 2020-01-02", "published: " + "9" * 5000),
        'FILE:5:14: source.published: "' + "9" * 57 + '..." is not a date; write it as '
        "YYYY-MM-DD, or YYYY-MM or YYYY when that is all you know, or unknown.",
        id="five-thousand-digits",
    ),
    pytest.param(
        GOOD.replace("title: Test lesson", "title: Test lesson\nlanguage: English"),
        'FILE:2:11: language: "English" is not a language tag; write one such as en, fr or pt-BR.',
        id="bad-language",
    ),
    # Quotes
    pytest.param(
        GOOD.replace(
            "quote: Therefore traffic will get worse.", "quote: Therefore trafic will get worse."
        ),
        "FILE:14:12: annotations[1].quote: this quote is not in the article; did you mean "
        '"Therefore traffic will get worse." (paragraph 1)? A quote must lie within one '
        "paragraph.",
        id="quote-not-found",
    ),
    pytest.param(
        GOOD + EXTRA.format(quote="the bridge"),
        "FILE:17:12: annotations[2].quote: the quote appears 2 times (paragraph 1, paragraph 2); "
        "add 'occurrence: N' to say which one, or quote more words.",
        id="ambiguous-quote",
    ),
    pytest.param(
        GOOD + EXTRA.format(quote="the bridge will close. Therefore"),
        'FILE:14:12: annotations[1].quote: annotations[1] overlaps annotations[2] on the words "'
        'Therefore"; shorten one quote so that they do not share words.\n'
        "FILE:17:12: annotations[2].quote: annotations[2] overlaps annotations[0] on the words "
        '"the bridge will close."; shorten one quote so that they do not share words.',
        id="overlapping-quotes",
    ),
    pytest.param(
        GOOD + EXTRA.format(quote='"\\u200b\\u200d"'),
        "FILE:17:12: annotations[2].quote: the quote is empty; copy words from the article.",
        id="empty-quote-zero-width",
    ),
    pytest.param(
        GOOD + EXTRA.format(quote='"\\u200b"'),
        "FILE:17:12: annotations[2].quote: the quote is empty; copy words from the article.",
        id="empty-quote-one-zero-width",
    ),
    pytest.param(
        GOOD + EXTRA.format(quote='"   "'),
        "FILE:17:12: annotations[2].quote: is empty; write some text or remove the field.",
        id="empty-quote-spaces",
    ),
    pytest.param(
        GOOD + EXTRA.format(quote='"\\u0301"'),
        "FILE:17:12: annotations[2].quote: this quote is not in the article; copy the words "
        "exactly from the article. A quote must lie within one paragraph.",
        id="lone-combining-mark",
    ),
    pytest.param(
        GOOD + EXTRA.format(quote="Therefore traffic will get worse."),
        "FILE:17:12: annotations[2].quote: annotations[2] repeats the quote of annotations[1]; "
        "remove one of them.",
        id="duplicate-annotation",
    ),
    pytest.param(
        GOOD + EXTRA.format(quote="The bridge is ugly.") + "    occurrence: 3\n",
        "FILE:20:17: annotations[2].occurrence: occurrence 3 is out of range: the quote appears "
        "once; remove 'occurrence'.",
        id="occurrence-out-of-range",
    ),
    pytest.param(
        GOOD + EXTRA.format(quote="the bridge") + "    occurrence: 5\n",
        "FILE:20:17: annotations[2].occurrence: occurrence 5 is out of range: the quote appears "
        "2 times; use a number from 1 to 2.",
        id="occurrence-out-of-range-of-two",
    ),
    pytest.param(
        GOOD + EXTRA.format(quote="The bridge is ugly.") + "    occurrence: 0\n",
        "FILE:20:17: annotations[2].occurrence: must be 1 or more, not 0.",
        id="occurrence-zero",
    ),
    pytest.param(
        GOOD + EXTRA.format(quote="the bridge") + '    occurrence: "2"\n',
        'FILE:20:17: annotations[2].occurrence: must be a whole number such as 2, not the text "2".',
        id="occurrence-as-text",
    ),
]


@pytest.mark.parametrize(("content", "expected"), LESSONS)
def test_bad_lesson(content: str | bytes, expected: str, tmp_path: Path) -> None:
    file = tmp_path / "lesson.yaml"
    if isinstance(content, bytes):
        file.write_bytes(content)
    else:
        file.write_text(content, encoding="utf-8")
    with pytest.raises(LessonError) as caught:
        read_lesson(file)
    assert str(caught.value) == expected.replace("FILE", str(file))
    for problem in caught.value.problems:
        assert problem.file == file and problem.line is not None


def test_every_problem_of_a_file_at_once(tmp_path: Path) -> None:
    text = GOOD.replace("kind: inference", "kind: infrence").replace(
        "  - quote: The mayor", "  - qoute: The mayor"
    ).replace("published: 2020-01-02", "published: soon") + EXTRA.format(
        quote="not in the article at all"
    )
    file = tmp_path / "lesson.yaml"
    file.write_text(text)
    with pytest.raises(LessonError) as caught:
        read_lesson(file)
    fields = [problem.field for problem in caught.value.problems]
    assert fields == [
        "source.published",
        "annotations[0].qoute",
        "annotations[1].kind",
        "annotations[2].quote",
    ]


def test_missing_lesson_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    with pytest.raises(LessonError) as caught:
        read_lesson(missing)
    assert str(caught.value) == f"{missing}: no such file; check the path."


def test_folder_given_as_lesson_file(tmp_path: Path) -> None:
    with pytest.raises(LessonError) as caught:
        read_lesson(tmp_path)
    assert str(caught.value) == f"{tmp_path}: this is a folder, not a lesson file."


def test_missing_file_or_folder_among_lessons(tmp_path: Path) -> None:
    missing = tmp_path / "lessons"
    with pytest.raises(MedialitError) as caught:
        find_lessons([missing])
    assert str(caught.value) == f"{missing}: no such file or folder; check the path."


def test_folder_without_lessons_finds_none(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a lesson")
    assert find_lessons([tmp_path]) == []  # the CLI turns this into a usage error (exit 2)


TEMPLATES = [
    pytest.param(
        "student.html",
        '{% extends "!student.html" %}\n{% block header %}\n{% if %}\n{% endblock %}\n',
        "TEMPLATE:3: template syntax error: Expected an expression, got 'end of statement "
        "block'. Fix the template, or remove it to use the built-in one.",
        id="template-syntax-error",
    ),
    pytest.param(
        "key.html",
        '{% extends "!key.html" %}\n{% block header %}\n<p>{{ teacher_name }}</p>\n'
        "{% endblock %}\n",
        "TEMPLATE:3: 'teacher_name' is undefined. See docs/template-context.md for the "
        "variables a template receives.",
        id="template-undefined-variable",
    ),
    pytest.param(
        "student.html",
        '{% extends "!student.html" %}\n{% block header %}\n{{ statements[0].kind }}\n'
        "{% endblock %}\n",
        "TEMPLATE:3: 'medialit.render.context.StudentStatement object' has no attribute 'kind'. See "
        "docs/template-context.md for the variables a template receives.",
        id="student-template-asks-for-an-answer",
    ),
    pytest.param(
        "student.html",
        '{% extends "worksheet-base.html" %}\n',
        'TEMPLATE:1: template "worksheet-base.html" was not found in the templates folders or '
        "the built-in set; check the name in {% extends %}, {% include %} or {% import %}.",
        id="template-not-found",
    ),
    pytest.param(
        "key.html",
        '{% extends "!key.html" %}\n{% block header %}\n\n{{ 1 // 0 }}\n{% endblock %}\n',
        "TEMPLATE:4: the template failed: integer division or modulo by zero (ZeroDivisionError). "
        "Fix this line, or remove the template to use the built-in one.",
        id="template-raises",
    ),
]


@pytest.mark.parametrize(("name", "source", "expected"), TEMPLATES)
def test_bad_template(name: str, source: str, expected: str, tmp_path: Path) -> None:
    lesson = tmp_path / "lesson.yaml"
    lesson.write_text(GOOD)
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / name).write_text(source)
    with pytest.raises(TemplateError) as caught:
        render_html(read_lesson(lesson), Settings(), [folder])
    assert str(caught.value) == expected.replace("TEMPLATE", str(folder / name))


CUES = [
    pytest.param(
        "families:\n  - name: praise\n    kind: assertion\n    wyh: Praise words.\n",
        'CUES:4:5: families[0].wyh: "wyh" is not a field here; did you mean "why"? (fields: '
        "name, kind, also_accept, technique, why, numbers, cues)",
        id="cues-wrong-field",
    ),
    pytest.param(
        "families:\n  - name: praise\n    kind: opinion\n    why: Praise words.\n",
        'CUES:3:11: families[0].kind: "opinion" is not a kind; use one of the kinds: evidence, '
        "inference, assertion.",
        id="cues-unknown-kind",
    ),
    pytest.param(
        "families:\n  - name: praise\n    cues: [a triumph]\n",
        'CUES:2:5: families[0]: the new cue family "praise" needs a kind and a why.',
        id="cues-new-family-without-kind",
    ),
    pytest.param(
        "families:\n  - name: caf\xe9\n".encode("latin-1"),
        "CUES:2: this cues file is not UTF-8 text (byte 24 cannot be read); open it in a text "
        "editor and save it as UTF-8.",
        id="cues-not-utf8",
    ),
]


@pytest.mark.parametrize(("content", "expected"), CUES)
def test_bad_cues_file(content: str | bytes, expected: str, tmp_path: Path) -> None:
    file = tmp_path / "cues" / "en.yaml"
    file.parent.mkdir()
    if isinstance(content, bytes):
        file.write_bytes(content)
    else:
        file.write_text(content, encoding="utf-8")
    with pytest.raises(MedialitError) as caught:
        load_cues("en", tmp_path)
    assert str(caught.value) == expected.replace("CUES", str(file))


ACCEPTED = [
    pytest.param(GOOD.replace("\n", "\r\n").encode(), id="crlf-line-ends"),
    pytest.param(b"\xef\xbb\xbf" + GOOD.encode(), id="byte-order-mark"),
    pytest.param(
        GOOD.replace(
            "article: |\n  The mayor said on Monday that the bridge will close.",
            'article: "The mayor said on Monday\\r\\nthat the bridge will close.',
        )
        .replace("worse.\n\n  Everyone", "worse.\\r\\n\\r\\nEveryone")
        .replace("is ugly.\nannotations", 'is ugly."\nannotations')
        .encode(),
        id="crlf-inside-a-quoted-article",
    ),
    pytest.param(
        GOOD.replace("quote: Therefore traffic", 'quote: "There\\u200bfore\\u00a0traffic')
        .replace("will get worse.\n    kind", 'will get worse."\n    kind')
        .encode(),
        id="invisible-characters-in-a-quote",
    ),
]


@pytest.mark.parametrize("content", ACCEPTED)
def test_good_lesson_in_awkward_encodings(content: bytes, tmp_path: Path) -> None:
    file = tmp_path / "lesson.yaml"
    file.write_bytes(content)
    checked = read_lesson(file)
    texts = [checked.blocks[s.block].text[s.start : s.end] for s in checked.statements]
    assert texts == [
        "The mayor said on Monday that the bridge will close.",
        "Therefore traffic will get worse.",
    ]
