"""What `medialit new` suggests besides the statements (issue 20): three discussion questions
with notes, about this article's drafts and naming their paragraph, and a plan that fills the
class, all marked draft until accepted, in the lesson's language or not at all; and the why and
check the server offers when a draft's kind changes, behind the same gate as every edit."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from medialit.cli import main
from medialit.drafting.new import new_lesson
from medialit.lesson.model import Kind
from medialit.lesson.reading import CheckedLesson, read_lesson
from medialit.preview.offers import offer_for

from .conftest import DATA
from .test_preview_server import HOST, make_client

INTL = DATA / "drafts-intl"
ENGLISH_WORDS = re.compile(r"\b(the|what|would|which|paragraph|students|says|check)\b")


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> CheckedLesson:
    folder = tmp_path_factory.mktemp("story")
    made = new_lesson(str(DATA / "news-story.html"), io.BytesIO(), folder, name="story")
    return read_lesson(made.lesson)


def quoted(text: str) -> str:
    """The statement's words a question quotes, without the "…" of a shortened quote."""
    found = re.search(r"[“«] ?(.+?) ?[”»]", text)
    assert found, text
    return found.group(1).rstrip("…")


def test_three_questions_about_the_drafts_each_naming_its_paragraph(story: CheckedLesson) -> None:
    questions = story.lesson.questions
    assert len(questions) == 3 and all(q.draft for q in questions)
    numbered = {b.number: b.text for b in story.blocks if b.number is not None}
    kinds = []
    for question in questions:
        (number,) = question.paragraphs
        words = quoted(question.text)
        # The paragraph named holds the words quoted, and they are one of the drafts'.
        assert question.text.startswith(f"Paragraph {number} says")
        assert words in numbered[number].replace("\u2019", "’")
        statement = next(s for s in story.statements if s.annotation.quote.startswith(words))
        kinds.append(statement.annotation.kind.value)
        assert question.notes and f"(paragraph {number})" in question.notes
    # The central inference, a named source, a claim without one, in the article's order
    # and each asked the same (a fixed order and three kinds of question told the answers).
    assert kinds == ["evidence", "assertion", "inference"]
    assert [q.paragraphs[0] for q in questions] == sorted(q.paragraphs[0] for q in questions)
    source, unsourced, inference = questions
    # "That means … will have a say": a conclusion drawn from the sentence before ("a say"
    # was read as someone saying something until session 12, and another draft was asked about).
    assert "That means the shops that are worried" in inference.text
    assert "7,400 vehicles" in source.text
    assert "Everybody knows" in unsourced.text
    for question in questions:
        assert question.text.endswith("” What does it rest on, and how could you check it?")
    # Method, never a side: each note says what to listen for, not what to conclude.
    notes = [q.notes or "" for q in questions]
    assert all("Listen for" in n or "A good answer" in n for n in notes)
    assert "No side to take" in notes[2]


def test_the_plan_fills_the_class_and_is_a_suggestion(story: CheckedLesson) -> None:
    plan = story.lesson.plan
    assert plan is not None and plan.draft and plan.minutes == 50
    assert sum(step.minutes for step in plan.steps) == 50
    assert [s.activity for s in plan.steps] == [
        "Read the article",
        "Sort the statements",
        "Go over the answers",
        "Discuss the questions",
    ]


def test_new_says_what_it_suggested(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    made = CliRunner().invoke(main, ["new", str(DATA / "news-story.html"), "--name", "story"])
    assert made.exit_code == 0, made.output
    assert made.stdout.splitlines()[1] == (
        "Next: read lessons/story.yaml, confirm or change each draft statement, accept or "
        "change the suggested discussion questions and plan, then run: medialit check "
        "lessons/story.yaml && medialit build lessons/story.yaml"
    )


def test_check_warns_for_each_suggestion_until_it_is_accepted(tmp_path: Path) -> None:
    made = new_lesson(str(DATA / "news-story.html"), io.BytesIO(), tmp_path, name="story")
    text = made.lesson.read_text("utf-8")
    # The statements confirmed, the suggestions left: check names each, with its line.
    head, tail = text.split("\nselections:")
    made.lesson.write_text(head.replace("    draft: true\n", "") + "\nselections:" + tail, "utf-8")
    checked = CliRunner().invoke(main, ["check", str(made.lesson)])
    assert checked.exit_code == 0, checked.output
    # (the one-tick warning of a key now judged as a whole aside)
    warnings = [w for w in checked.stderr.splitlines() if ".draft: " in w]
    lines = made.lesson.read_text("utf-8").splitlines()
    assert [re.sub(r".*yaml:\d+:\d+: ", "", w) for w in warnings] == [
        *(
            f"questions[{i}].draft: discussion question {i + 1} is a suggestion from medialit "
            "new; read it and its notes, change them as you judge, then delete 'draft: true' "
            "to accept it."
            for i in range(3)
        ),
        "plan.draft: the lesson plan is a suggestion from medialit new; retime it as you "
        "judge, then delete 'draft: true' to accept it.",
    ]
    for warning in warnings:
        line = int(re.search(r"yaml:(\d+):", warning).group(1))  # type: ignore[union-attr]
        assert "draft: true" in lines[line - 1]
    # The "OK" line itself says what waits (a newcomer read "OK" for a lesson of drafts).
    assert checked.stdout.strip().endswith(
        "; to review: 3 suggested questions and the suggested plan (see the warnings)"
    ), checked.stdout
    made.lesson.write_text(text, "utf-8")
    drafted = CliRunner().invoke(main, ["check", str(made.lesson)])
    assert re.search(
        r": OK: 12 statements \([^)]*\); to review: 12 draft statements, 3 suggested questions "
        r"and the suggested plan \(see the warnings\)$",
        drafted.stdout.strip(),
    ), drafted.stdout
    made.lesson.write_text(re.sub(r"^ *draft: true\n", "", text, flags=re.M), "utf-8")
    accepted = CliRunner().invoke(main, ["check", str(made.lesson)])
    assert accepted.exit_code == 0 and ".draft: " not in accepted.stderr
    assert accepted.stdout.strip().endswith("assertion)"), accepted.stdout  # nothing to review


@pytest.mark.parametrize(
    ("source", "language", "paragraph", "read"),
    [
        ("es-voa-democracia-2020.txt", "es", "El párrafo", "Leer el artículo"),
        ("fr-fns-open-access-2024.txt", "fr", "Le paragraphe", "Lire l’article"),
    ],
)
def test_spanish_and_french_lessons_get_their_own_language(
    tmp_path: Path, source: str, language: str, paragraph: str, read: str
) -> None:
    made = new_lesson(str(INTL / source), io.BytesIO(), tmp_path, language=language)
    lesson = read_lesson(made.lesson).lesson
    assert len(lesson.questions) == 3 and lesson.plan is not None
    assert sum(s.minutes for s in lesson.plan.steps) == lesson.plan.minutes == 50
    assert lesson.plan.steps[0].activity == read
    # A question about a draft names its paragraph; where no draft is of the kind a question
    # asks about, the question asks about the whole article.
    assert any(q.paragraphs for q in lesson.questions)
    for question in lesson.questions:
        assert question.text.startswith(paragraph) == bool(question.paragraphs), question.text
        for text in (question.text, question.notes or ""):
            # Its own words, quoted statements aside: no English in the lesson.
            own = re.sub(r"[“«][^”»]*[”»]", "", text)
            assert not ENGLISH_WORDS.search(own), own


def test_a_language_without_drafting_words_gets_no_english_suggestion(tmp_path: Path) -> None:
    article = "\n\n".join(
        [
            "Die Stadt schließt die Straße",
            "Der Rat hat am Dienstag beschlossen, die Hauptstraße an Wochenenden zu schließen. "
            "Alle wissen, dass das den Geschäften schadet, sagte ein Ladenbesitzer.",
            "Laut einer Zählung der Stadt fahren dort 7400 Autos an einem Samstag. Das wird "
            "sicher weniger Lärm bringen, und die Geschäfte werden mehr verkaufen.",
        ]
    )
    (tmp_path / "artikel.txt").write_text(article, "utf-8")
    # German has no cues of its own: with a teacher's cues file, statements are drafted.
    (tmp_path / "cues").mkdir()
    (tmp_path / "cues" / "de.yaml").write_text(
        "families:\n  - name: Gewissheit\n    kind: assertion\n    technique: certainty\n"
        "    why: '‘{cue}’ stellt es als sicher dar.'\n    cues: [Alle wissen, sicher]\n",
        "utf-8",
    )
    made = new_lesson(str(tmp_path / "artikel.txt"), io.BytesIO(), tmp_path, language="de")
    text = made.lesson.read_text("utf-8")
    lesson = read_lesson(made.lesson).lesson
    assert lesson.questions == [] and lesson.plan is None
    assert "questions:" not in text and "\nplan:" not in text


# ---- the server: the offer after a kind change, and accepting suggestions ------------------


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    made = new_lesson(str(DATA / "news-story.html"), io.BytesIO(), tmp_path, name="story")
    with make_client(made.lesson) as client:
        yield client


def test_the_offer_is_what_new_writes_for_the_new_kind(client: TestClient) -> None:
    view = client.get("api/lesson").json()
    first = next(
        a for a in view["annotations"] if a["quote"].startswith("Apparently, sales went up")
    )
    assert first["kind"] == "inference"
    offer = client.get(f"api/queue/{first['index']}/offer", params={"kind": "assertion"})
    assert offer.status_code == 200, offer.text
    assert offer.json() == {
        "version": view["version"],
        "index": first["index"],
        "kind": "assertion",
        # hedged, not "stated as fact" (a newcomer's run)
        "why": "‘Apparently’ hedges it, but nothing here says where it comes from or how it "
        "is known: a claim given without support.",
        "check": "Ask who says so and how they know, then look for a source that shows it.",
    }
    # A figure with its source near it, as evidence: the source and where it is named.
    plan = next(a for a in view["annotations"] if a["quote"].startswith("The plan covers"))
    offered = client.get(f"api/queue/{plan['index']}/offer", params={"kind": "evidence"}).json()
    assert offered["why"].startswith("It reports what happened in terms that can be checked")
    # Its own kind: the reason the drafting wrote.
    same = client.get(f"api/queue/{first['index']}/offer", params={"kind": "inference"}).json()
    assert same["why"] == first["why"] and same["check"] == first["check"]
    refused = client.get(f"api/queue/{first['index']}/offer", params={"kind": "opinion"})
    assert refused.status_code == 400
    assert "Choose a kind" in refused.text


def test_accepting_a_question_and_the_plan_keeps_everything_else(client: TestClient) -> None:
    lesson = Path(client.get("api/lesson").json()["file"])
    before = lesson.read_text("utf-8")
    version = client.get("api/lesson").json()["version"]
    accepted = client.post("api/questions/1/accept", json={"version": version})
    assert accepted.status_code == 200, accepted.text
    after = lesson.read_text("utf-8")
    # Exactly one line less: question 2's draft: true, every comment and line else kept.
    head, questions = before.split("\nquestions:\n")
    first, second, rest = questions.split("    draft: true\n", 2)
    assert after == f"{head}\nquestions:\n{first}    draft: true\n{second}{rest}"
    assert [q.draft for q in read_lesson(lesson).lesson.questions] == [True, False, True]
    version = accepted.json()["lesson"]["version"]
    again = client.post("api/questions/1/accept", json={"version": version})
    assert again.status_code == 422
    assert again.json()["message"] == "Question 2 is accepted already."
    plan = client.post("api/plan/accept", json={"version": version})
    assert plan.status_code == 200, plan.text
    checked = read_lesson(lesson).lesson
    assert checked.plan is not None and not checked.plan.draft
    assert [s.minutes for s in checked.plan.steps] == [5, 25, 10, 10]


def test_an_accepted_question_s_notes_follow_its_statement_s_kind_now(
    client: TestClient,
) -> None:
    """A kind changed after new wrote the notes: "…, an assertion" was printed in the key."""
    view = client.get("api/lesson").json()
    lesson = Path(view["file"])
    asked = read_lesson(lesson).lesson.questions[1]
    assert asked.notes and ", an assertion. " in asked.notes
    statement = next(a for a in view["annotations"] if a["quote"].startswith(quoted(asked.text)))
    why = "It guesses from the figures what will happen next."
    changed = client.post(
        f"api/annotations/{statement['index']}",
        json={
            "version": view["version"],
            "quote": statement["quote"],
            "kind": "inference",
            "why": why,
        },
    )
    assert changed.status_code == 200, changed.text
    version = changed.json()["lesson"]["version"]
    accepted = client.post("api/questions/1/accept", json={"version": version})
    assert accepted.status_code == 200, accepted.text
    notes = read_lesson(lesson).lesson.questions[1].notes
    where = re.search(r"\(paragraph \d+\)", asked.notes)
    assert where and notes and notes.startswith(f"About the statement “{quoted(asked.text)}")
    assert (
        f"{where.group(0)}, an inference. Listen for" in notes and f"The key says: {why}" in notes
    )
    # Notes the teacher rewrote are theirs: accepted as they are.
    other = read_lesson(lesson).lesson.questions[2]
    mine = client.post(
        "api/questions/2",
        json={"version": accepted.json()["lesson"]["version"], "notes": "Ask for the record."},
    )
    client.post("api/questions/2/accept", json={"version": mine.json()["lesson"]["version"]})
    kept = read_lesson(lesson).lesson.questions[2]
    assert kept.notes == "Ask for the record." and not kept.draft and other.draft


def test_the_new_endpoints_have_the_gate(client: TestClient) -> None:
    view = client.get("api/lesson").json()
    lesson = Path(view["file"])
    before = lesson.read_text("utf-8")
    outsider = TestClient(client.app, base_url=f"http://{HOST}/s/wrong-token/")
    assert outsider.get("api/queue/0/offer?kind=evidence").status_code == 403
    evil = {"Host": "evil.example:8123"}
    assert client.get("api/queue/0/offer?kind=evidence", headers=evil).status_code == 400
    for url in ("api/questions/0/accept", "api/plan/accept"):
        body = {"version": view["version"]}
        assert outsider.post(url, json=body).status_code == 403, url
        assert client.post(url, json=body, headers=evil).status_code == 400, url
        foreign = client.post(url, json=body, headers={"Origin": "http://evil.example"})
        assert foreign.status_code == 403, url
        assert client.post(url, data=body).status_code == 415, url
        stale = client.post(url, json={"version": "an-old-version"})
        assert stale.status_code == 409, url
    assert lesson.read_text("utf-8") == before


def test_the_offer_is_in_the_lessons_language_or_none(tmp_path: Path) -> None:
    made = new_lesson(
        str(INTL / "es-voa-democracia-2020.txt"), io.BytesIO(), tmp_path, language="es"
    )
    with make_client(made.lesson) as client:
        view = client.get("api/lesson").json()
        first = view["annotations"][0]
        other = next(k for k in ("evidence", "inference", "assertion") if k != first["kind"])
        offered = client.get(f"api/queue/{first['index']}/offer", params={"kind": other}).json()
    spanish = {
        "evidence": ("Informa de lo que pasó", "Dice de dónde viene", "La cifra"),
        "inference": ("Saca una conclusión", "Según "),
        "assertion": ("Se afirma como un hecho", "Según ", "La cifra"),
    }
    assert offered["why"].startswith(spanish[other]), offered
    assert not ENGLISH_WORDS.search(re.sub(r"[“«][^”»]*[”»]", "", offered["check"]))
    # A language medialit has no words for: nothing offered (not English in that lesson).
    german = view | {"language": "de"}
    none = offer_for(german, first["index"], Kind(other), made.lesson)
    assert none["why"] == none["check"] == ""


def test_a_suggestion_changed_stays_a_suggestion_until_accepted(client: TestClient) -> None:
    view = client.get("api/lesson").json()
    lesson = Path(view["file"])
    changed = client.post(
        "api/questions/0",
        json={"version": view["version"], "text": "What does the word Apparently tell you here?"},
    )
    assert changed.status_code == 200, changed.text
    first = read_lesson(lesson).lesson.questions[0]
    assert first.text == "What does the word Apparently tell you here?" and first.draft
    # in place, quoted as new wrote it (the file's own style)
    text = lesson.read_text("utf-8")
    assert "  - text: 'What does the word Apparently tell you here?'\n    notes: " in text
    assert changed.json()["lesson"]["parts"]["questions"][0]["draft"] is True
    # Retimed, the plan stays a suggestion too.
    plan = changed.json()["lesson"]["parts"]["plan"]
    steps = [{**s, "from": i} for i, s in enumerate(plan["steps"])]
    steps[0]["minutes"], steps[1]["minutes"] = 10, 20
    retimed = client.post(
        "api/plan",
        json={
            "version": changed.json()["lesson"]["version"],
            "plan": {**plan, "steps": steps},
        },
    )
    assert retimed.status_code == 200, retimed.text
    saved = read_lesson(lesson).lesson.plan
    assert (
        saved is not None and saved.draft and [s.minutes for s in saved.steps] == [10, 20, 10, 10]
    )


# The questions print on the student's sheet, beside the statements to sort: "What is this
# conclusion drawn from", "says where its information comes from" and "No source is given"
# told the students three answers (found by a newcomer's run).
KIND_WORDS = re.compile(
    r"conclu|source|evidence|inference|inferen|assertion|afirmaci|fuente|dato con|preuve|"
    r"sourc|affirmation|où vient|de dónde viene|where its information",
    re.I,
)


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_a_suggested_question_never_gives_its_statement_s_kind(language: str) -> None:
    from medialit.drafting.discussion_words import WORDS

    words = WORDS[language]
    for kind, (question, notes) in words.questions.items():
        assert not KIND_WORDS.search(question), (language, kind, question)
        assert notes  # the notes, in the key only, may name it


@pytest.mark.parametrize("glossary", [False, True])
def test_the_plan_sends_the_class_to_a_glossary_only_if_there_is_one(glossary: bool) -> None:
    from medialit.drafting.discussion import lesson_plan

    plan = lesson_plan("A short article. " * 50, "en", glossary=glossary)
    assert plan is not None
    reading = plan.steps[0]
    assert ("glossary" in reading.details) is glossary, reading


def _french_strings() -> list[str]:
    """Every French string of the suggestions: questions, notes, plan, drafts' reasons."""
    import dataclasses

    from medialit.drafting import discussion_words, reasons_intl

    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, (list, tuple)):
            return [text for item in value for text in strings(item)]
        return []

    found = []
    for words in (discussion_words.FRENCH, reasons_intl.FRENCH):
        for part in dataclasses.fields(words):
            found += strings(getattr(words, part.name))
    assert len(found) > 60
    return found


def test_french_wording_keeps_french_typography() -> None:
    """As the French catalogue: no line may start with « : », « ? » or « » », so the space
    before them is a no-break one (a native-speaking teacher's read found none)."""
    for text in _french_strings():
        assert not re.search(r" [:;!?»]|« ", text) and not re.match(r"[:;!?»]", text), text
        assert "'" not in text, text  # the catalogue's apostrophe is ’


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_a_note_without_a_check_reads_as_sentences(language: str) -> None:
    from medialit.drafting.discussion import discussion_questions
    from medialit.drafting.suggest import Suggestion

    article = "Title\n\nThe council said the road will close. Everyone agrees it is right."
    drafts = [
        Suggestion(
            quote="The council said the road will close.",
            occurrence=None,
            kind=Kind.evidence,
            also_accept=(),
            why="It names who said it.",
            techniques=("named source",),
        ),
        Suggestion(
            quote="Everyone agrees it is right.",
            occurrence=None,
            kind=Kind.assertion,
            also_accept=(),
            why="No one is named.",
            techniques=("sweeping generalisation",),
        ),
    ]
    for question in discussion_questions(article, drafts, language):
        assert not re.search(r":\s*[A-ZÀ-Ý]", question.notes or ""), question.notes
        assert "{" not in (question.notes or "")


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_notes_made_again_for_an_unchanged_statement_are_unchanged(language: str) -> None:
    from medialit.drafting.discussion import ASKS, _fields, _note, notes_as_now
    from medialit.drafting.discussion_words import WORDS

    quote, why = "Everyone knows it, they say.", "No source is given."
    for kind, ask in ASKS.items():
        for check in ("", "Ask who says so."):
            fields = _fields(quote, "paragraph 2", why, check)
            notes = _note(WORDS[language], ask, check).format(**fields)
            assert notes_as_now(notes, language, [(quote, kind, why, check)]) == notes
            other = next(k for k in Kind if k is not kind)
            assert notes_as_now(notes, language, [(quote, other, why, check)]) != notes
