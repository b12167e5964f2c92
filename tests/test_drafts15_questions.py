"""The suggested discussion questions give no kind away (a newcomer's run): each asked a
question of its own kind ("How could you check it" of the evidence, "What would you need to
see before you believed it?" of the assertion) and they came in the order of the kinds, so a
student read three answers off the sheet beside the table where the statements are sorted.
Now every question asks the same, and they come in the article's order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from medialit.drafting.discussion import discussion_questions
from medialit.drafting.suggest import load_cues, suggest
from medialit.lesson.model import Kind

CORPUS = Path(__file__).parent.parent / "benchmarks" / "corpus"
ARTICLES = {
    "en": (
        "Main Street\n\nThe city will spend $50 million on new roads next year, the mayor's "
        "office said in a statement on Monday.\n\nEveryone knows the roads are the worst in the "
        "state.\n\nSo the repairs will surely bring new shops to Main Street, and residents "
        "have complained for years about potholes on the bridge.\n"
    ),
    "es": (
        "El nuevo estadio\n\nEl ayuntamiento gastó 50 millones de euros en el nuevo estadio, "
        "según el informe municipal publicado el lunes.\n\nEsto significa que el pueblo "
        "pagará más impuestos durante muchos años.\n\nTodo el mundo sabe que el fútbol es lo "
        "más importante de la ciudad.\n"
    ),
    "fr": (
        "Le nouveau stade\n\nLa ville a dépensé 50 millions d’euros pour le nouveau stade, "
        "selon le rapport municipal publié lundi.\n\nCela signifie que les habitants "
        "paieront plus d’impôts pendant des années.\n\nTout le monde sait que le football "
        "compte plus que tout dans cette ville.\n"
    ),
}


def _asked(text: str) -> str:
    """A question without the words it quotes and where they are."""
    return re.split(r"[”»]", text)[-1].strip()


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_every_quoted_question_asks_the_same_whatever_the_kind(language: str) -> None:
    article = ARTICLES[language]
    drafts = [d for d in suggest(article, load_cues(language), language) if not d.candidate]
    assert {Kind.evidence, Kind.inference, Kind.assertion} <= {d.kind for d in drafts}
    questions = discussion_questions(article, drafts, language)
    quoted = [q for q in questions if q.paragraphs]
    assert len(quoted) == 3, [q.text for q in questions]
    assert len({_asked(q.text) for q in quoted}) == 1, [q.text for q in quoted]
    # the key's notes still say which kind each is
    assert len({q.notes.split(")", 1)[1][:20] for q in quoted}) == 3


def test_questions_come_in_the_article_s_order_on_every_corpus_article() -> None:
    cues = load_cues("en")
    kinds_first: set[str] = set()
    checked = 0
    for path in sorted(CORPUS.glob("*/article.txt")):
        article = path.read_text(encoding="utf-8")
        drafts = [d for d in suggest(article, cues, "en") if not d.candidate]
        questions = discussion_questions(article, drafts, "en")
        quoted = [q for q in questions if q.paragraphs]
        places = [q.paragraphs[0] for q in quoted]
        assert places == sorted(places), (path.parent.name, places)
        assert len({_asked(q.text) for q in quoted}) <= 1, path.parent.name
        if quoted:
            checked += 1
            kind = re.search(r"\), (an inference|an assertion|evidence)\.", quoted[0].notes)
            assert kind is not None, quoted[0].notes
            kinds_first.add(kind.group(1))
    assert checked > 60
    # question 1 was always the inference; in the article's order it is any kind
    assert len(kinds_first) == 3, kinds_first


KIND_NAMES = re.compile(
    r"\b(?:evidence|inference|assertion|evidencia|inferencia|afirmaci[oó]n|preuve|"
    r"inf[ée]rence|affirmation)\b",
    re.I,
)


def test_no_shipped_lesson_s_question_names_a_kind() -> None:
    # An audit of the student sheets: "Whose conclusion is it?" beside a statement, and "the
    # difference between evidence that someone made a claim and …" beside two sayings, told
    # the students their kinds. A question prints on the sheet; its notes are the key's.
    from ruamel.yaml import YAML

    root = Path(__file__).parent.parent
    lessons = [*(root / "lessons").glob("*.yaml"), *(root / "tests" / "data").glob("lesson-*.yaml")]
    asked = 0
    for lesson in lessons:
        for question in (
            YAML(typ="safe").load(lesson.read_text(encoding="utf-8")).get("questions") or []
        ):
            text = question["text"] if isinstance(question, dict) else question
            assert not KIND_NAMES.search(text), (lesson.name, text)
            assert "Whose conclusion" not in text, (lesson.name, text)
            asked += 1
    assert asked > 15
