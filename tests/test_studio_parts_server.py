"""The lesson-parts panel's endpoints (issue 20): questions, glossary, details, plans.

Through Starlette's TestClient on a real lesson file: each edit is written at once, keeps the
file's comments and order, reads back exactly as typed, passes through the same gate as every
other change, and a stale or refused edit leaves the file as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from medialit.lesson.reading import read_lesson
from medialit.preview.app import STALE_MESSAGE

from .test_preview_server import HOST, PAGE, make_client

PARTS_LESSON = """\
# A teacher's comment at the top: kept by every save.
title: 'The library hours'
language: en
audience: Ages 14-16   # who it is for
objectives:
  - Tell evidence from assertion.
  - 'Ask who says so.'
source:
  author: Sam Reporter
  outlet: Riverside Gazette
  published: 2024-03-01
article: |
  The council's website says the library closes at 6 pm on Saturdays. Everyone knows the old hours were better.

  So the new hours will surely drive readers away. Some readers complained.
annotations:
  - quote: "The council's website says the library closes at 6 pm on Saturdays."
    kind: evidence
    why: It names where the information comes from.
    id: website
questions:
  # The opening question.
  - text: Who is quoted, and who is not?
    notes: >-
      Listen for the readers and the council.
  - text: "What would settle the claim about the old hours?"   # the check
    paragraphs: [1]
  - text: Which word shows an inference?
selections:
  core: [website]
plan:
  minutes: 50
  steps:
    - minutes: 10   # the opening
      activity: Read the article.
    - minutes: 30
      activity: Sort the statements.
      details: In pairs.
    - minutes: 10
      activity: Discuss.
  preparation:
    - Copies of the sheet.
glossary:
  - term: council
    definition: The people elected to run a town.
"""


@pytest.fixture
def lesson(tmp_path: Path) -> Path:
    path = tmp_path / "lesson.yaml"
    path.write_text(PARTS_LESSON, encoding="utf-8")
    return path


@pytest.fixture
def client(lesson: Path) -> Iterator[TestClient]:
    with make_client(lesson) as client:
        yield client


def post(client: TestClient, url: str, **body: Any) -> Any:
    version = body.pop("version", None) or client.get("api/lesson").json()["version"]
    return client.post(url, json={"version": version, **body})


def ok(response: Any) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_the_view_carries_every_part(client: TestClient) -> None:
    parts = client.get("api/lesson").json()["parts"]
    assert parts["questions"][0]["text"] == "Who is quoted, and who is not?"
    assert parts["questions"][1]["paragraphs"] == [1]
    assert parts["questions"][0]["notes"] == "Listen for the readers and the council."
    assert parts["plan"]["minutes"] == 50
    assert [s["minutes"] for s in parts["plan"]["steps"]] == [10, 30, 10]
    assert parts["plan"]["preparation"] == ["Copies of the sheet."]
    assert parts["plans"] == {} and parts["selections"] == ["core"]
    assert parts["glossary"] == [
        {"term": "council", "definition": "The people elected to run a town."}
    ]
    details = parts["details"]
    assert details["audience"] == "Ages 14-16" and details["language"] == "en"
    assert details["source"]["published"] == "2024-03-01" and details["source"]["url"] == ""
    assert parts["paragraphs"] == [1, 2]


# -- questions ------------------------------------------------------------------------------


def test_a_question_is_added_at_the_end_and_the_rest_of_the_file_kept(
    client: TestClient, lesson: Path
) -> None:
    answer = ok(post(client, "api/questions", text="  Who counted?  ", notes="Nobody says."))
    assert answer["undo"] == "the new question"
    assert answer["lesson"]["parts"]["questions"][3] == {
        "text": "Who counted?",
        "notes": "Nobody says.",
        "paragraphs": [],
        "draft": False,  # the teacher's own: no suggestion to accept
    }
    text = lesson.read_text(encoding="utf-8")
    end = "  - text: Which word shows an inference?\n"
    assert text.startswith(PARTS_LESSON.split(end)[0] + end)
    assert "  - text: Which word shows an inference?\n  - text: Who counted?\n" in text
    assert "    notes: Nobody says.\n" in text
    assert text.endswith(PARTS_LESSON.split("selections:\n")[1])


def test_a_question_is_edited_in_place_in_its_own_style(client: TestClient, lesson: Path) -> None:
    # A quoted one keeps its quotes and its comment; nothing else changes.
    ok(post(client, "api/questions/1", text="What would settle the old hours?"))
    # (ruamel.yaml keeps a comment at its column: the line is shorter, the comment stays put)
    assert lesson.read_text(encoding="utf-8") == PARTS_LESSON.replace(
        'the claim about the old hours?"   #', 'the old hours?"                   #'
    )
    typed = "What would settle it?\nSay how you would check."
    ok(post(client, "api/questions/1", text=typed, notes="Two lines\nof notes", paragraphs=[1, 2]))
    text = lesson.read_text(encoding="utf-8")
    assert "  - text: |-\n      What would settle it?\n      Say how you would check." in text
    assert "    paragraphs: [1, 2]\n" in text
    question = read_lesson(lesson).lesson.questions[1]
    assert question.text == typed and question.notes == "Two lines\nof notes"
    # The first question, with its comment, untouched.
    assert PARTS_LESSON.split('  - text: "What')[0] in text
    ok(post(client, "api/questions/1", notes="", paragraphs=[]))
    text = lesson.read_text(encoding="utf-8")
    assert "paragraphs" not in text and "of notes" not in text


def test_questions_are_reordered_with_their_comments_and_removed(
    client: TestClient, lesson: Path
) -> None:
    answer = ok(post(client, "api/questions/0/move", to=2))
    assert answer["undo"] == "the move of question 1"
    texts = [q["text"] for q in answer["lesson"]["parts"]["questions"]]
    assert texts[2] == "Who is quoted, and who is not?"
    text = lesson.read_text(encoding="utf-8")
    # The question's own comment-free fields travel with it; its notes are its own.
    assert text.index("Which word") < text.index("Who is quoted") < text.index("selections:")
    assert "    notes: >-\n      Listen for the readers and the council.\n" in text
    answer = ok(post(client, "api/questions/2/move", to=0))
    assert answer["lesson"]["parts"]["questions"][0]["text"] == texts[2]
    for _ in range(3):
        answer = ok(post(client, "api/questions/0/delete"))
    assert answer["lesson"]["parts"]["questions"] == []
    assert "questions:" not in lesson.read_text(encoding="utf-8")
    # Added again into a lesson with none: where the lesson files put questions.
    ok(post(client, "api/questions", text="Who counted?"))
    text = lesson.read_text(encoding="utf-8")
    assert text.index("annotations:") < text.index("questions:") < text.index("selections:")


def test_a_question_cannot_be_emptied_or_hold_a_control_character(
    client: TestClient, lesson: Path
) -> None:
    empty = post(client, "api/questions/0", text="   ")
    assert empty.status_code == 422
    assert empty.json()["message"] == "Write the question (students read it), or remove it."
    control = post(client, "api/questions", text="Who\x1b counted?")
    assert control.status_code == 422
    assert "invisible control character U+001B" in control.json()["message"]
    missing = post(client, "api/questions/9/delete")
    assert missing.status_code == 422
    assert lesson.read_text(encoding="utf-8") == PARTS_LESSON


def test_a_paragraph_the_article_lacks_is_refused_with_the_checks_message(
    client: TestClient, lesson: Path
) -> None:
    refused = post(client, "api/questions/0", paragraphs=[7])
    assert refused.status_code == 422
    assert "would not pass the check" in refused.json()["message"]
    assert any("paragraph" in problem for problem in refused.json()["problems"])
    assert lesson.read_text(encoding="utf-8") == PARTS_LESSON
    bad = post(client, "api/questions/0", paragraphs=["7"])
    assert bad.status_code == 400
    assert lesson.read_text(encoding="utf-8") == PARTS_LESSON


# -- the glossary ---------------------------------------------------------------------------


def test_glossary_entries_are_added_edited_and_removed(client: TestClient, lesson: Path) -> None:
    answer = ok(post(client, "api/glossary", term="Saturdays", definition="The sixth day."))
    assert answer["undo"] == "the new glossary entry"
    assert answer["lesson"]["parts"]["glossary"][1] == {
        "term": "Saturdays",
        "definition": "The sixth day.",
    }
    text = lesson.read_text(encoding="utf-8")
    assert text.endswith(
        "glossary:\n  - term: council\n    definition: The people elected to run a town.\n"
        "  - term: Saturdays\n    definition: The sixth day.\n"
    )
    ok(post(client, "api/glossary/1", definition="The day before Sunday."))
    assert "definition: The day before Sunday." in lesson.read_text(encoding="utf-8")
    refused = post(client, "api/glossary/1", definition="")
    assert refused.status_code == 422
    assert refused.json()["message"] == "Write what the word means (a short, neutral explanation)."
    ok(post(client, "api/glossary/1/delete"))
    ok(post(client, "api/glossary/0/delete"))
    assert lesson.read_text(encoding="utf-8") == PARTS_LESSON.split("glossary:\n")[0]


# -- the lesson's details -------------------------------------------------------------------


def test_details_and_source_fields_are_changed_one_by_one(client: TestClient, lesson: Path) -> None:
    ok(post(client, "api/details", audience="Ages 14-18"))
    text = lesson.read_text(encoding="utf-8")
    assert "audience: Ages 14-18   # who it is for\n" in text
    assert text == PARTS_LESSON.replace("Ages 14-16", "Ages 14-18")
    ok(
        post(
            client, "api/details", objectives=["Tell evidence from assertion.", "Ask who counted."]
        )
    )
    assert "  - 'Ask who counted.'\n" in lesson.read_text(encoding="utf-8")
    answer = ok(
        post(
            client,
            "api/details",
            source={
                "url": "https://example.org/library",
                "published": "2024-03",
                "notes": "Local.",
            },
        )
    )
    assert answer["lesson"]["parts"]["details"]["source"]["published"] == "2024-03"
    text = lesson.read_text(encoding="utf-8")
    assert (
        "  outlet: Riverside Gazette\n  published: 2024-03\n  url: https://example.org/library\n"
        "  notes: Local.\narticle:"
    ) in text
    ok(post(client, "api/details", source={"published": "2024-03-02"}, language="fr"))
    text = lesson.read_text(encoding="utf-8")
    assert "  published: 2024-03-02\n" in text and "language: fr\n" in text
    assert read_lesson(lesson).lesson.source.published == "2024-03-02"


def test_details_that_would_break_the_lesson_are_refused(client: TestClient, lesson: Path) -> None:
    for body, message in [
        ({"source": {"author": ""}}, "The author is needed: write it, or write unknown"),
        ({"title": " "}, "Give the lesson a title"),
        ({"source": {"published": "March 2024"}}, "would not pass the check"),
        ({"language": "English!"}, "would not pass the check"),
    ]:
        refused = post(client, "api/details", **body)
        assert refused.status_code == 422, body
        assert refused.json()["message"].startswith(message) or message in refused.json()["message"]
    assert post(client, "api/details", source={"publisher": "X"}).status_code == 400
    assert lesson.read_text(encoding="utf-8") == PARTS_LESSON


# -- plans ----------------------------------------------------------------------------------


def plan_body(steps: list[tuple[int, str, int | None]], **more: Any) -> dict[str, Any]:
    details = {"Sort the statements.": "In pairs."}
    return {
        "minutes": 50,
        "steps": [
            {"minutes": m, "activity": a, "from": f, "details": details.get(a, "")}
            for m, a, f in steps
        ],
        "preparation": ["Copies of the sheet."],
        **more,
    }


def test_a_plan_is_saved_whole_with_moved_steps_keeping_their_comments(
    client: TestClient, lesson: Path
) -> None:
    steps = [(10, "Read the article.", 0), (25, "Sort the statements.", 1), (15, "Discuss.", 2)]
    answer = ok(post(client, "api/plan", selection=None, plan=plan_body(steps)))
    assert answer["undo"] == "the lesson plan"
    text = lesson.read_text(encoding="utf-8")
    assert text == PARTS_LESSON.replace("- minutes: 30", "- minutes: 25").replace(
        "    - minutes: 10\n      activity: Discuss.", "    - minutes: 15\n      activity: Discuss."
    )
    # The first step (with its comment) moved last; details kept as sent.
    steps = [(25, "Sort the statements.", 1), (15, "Discuss.", 2), (10, "Read the article.", 0)]
    ok(post(client, "api/plan", selection=None, plan=plan_body(steps, content_note="Mild.")))
    text = lesson.read_text(encoding="utf-8")
    assert "    - minutes: 10   # the opening\n      activity: Read the article.\n" in text
    assert text.index("Sort the statements") < text.index("Read the article")
    assert "  content_note: Mild.\n" in text
    plan = read_lesson(lesson).lesson.plan
    assert plan is not None and [s.minutes for s in plan.steps] == [25, 15, 10]
    assert plan.steps[0].details == "In pairs."


def test_a_plan_that_does_not_add_up_is_refused_and_the_file_kept(
    client: TestClient, lesson: Path
) -> None:
    steps = [(10, "Read.", 0), (35, "Sort.", 1)]
    refused = post(client, "api/plan", selection=None, plan=plan_body(steps))
    assert refused.status_code == 422
    assert any("add up to 45 minutes, not 50" in p for p in refused.json()["problems"])
    empty = post(client, "api/plan", selection=None, plan=plan_body([(50, " ", 0)]))
    assert empty.json()["message"].startswith("Say what happens in step 1")
    assert post(client, "api/plan", selection=None).status_code == 400
    assert lesson.read_text(encoding="utf-8") == PARTS_LESSON


def test_a_plan_for_a_selection_is_made_and_removed(client: TestClient, lesson: Path) -> None:
    body = plan_body([(20, "Read the excerpt.", None), (30, "Sort and discuss.", None)])
    answer = ok(post(client, "api/plan", selection="core", plan=body))
    assert answer["undo"] == "the plan for selection “core”"
    assert answer["lesson"]["parts"]["plans"]["core"]["minutes"] == 50
    text = lesson.read_text(encoding="utf-8")
    assert (
        text.index("\nplan:")
        < text.index("\nplans:\n  core:\n    minutes: 50")
        < text.index("\nglossary:")
    )
    nowhere = post(client, "api/plan", selection="short", plan=body)
    assert nowhere.json()["message"] == 'The lesson has no selection "short" to plan for.'
    ok(post(client, "api/plan", selection="core", plan=None))
    ok(post(client, "api/plan", selection=None, plan=None))
    assert lesson.read_text(encoding="utf-8") == PARTS_LESSON.replace(
        PARTS_LESSON[PARTS_LESSON.index("plan:\n") : PARTS_LESSON.index("glossary:")], ""
    )


# -- the gate, and the file as the only truth -----------------------------------------------


ROUTES = [
    ("api/questions", {"text": "Who?"}),
    ("api/questions/0", {"text": "Who?"}),
    ("api/questions/0/move", {"to": 1}),
    ("api/questions/0/delete", {}),
    ("api/glossary", {"term": "a", "definition": "b"}),
    ("api/glossary/0", {"definition": "b"}),
    ("api/glossary/0/move", {"to": 0}),
    ("api/glossary/0/delete", {}),
    ("api/details", {"audience": "All"}),
    ("api/plan", {"selection": None, "plan": None}),
]


def test_every_endpoint_is_behind_the_gate(client: TestClient, lesson: Path) -> None:
    version = client.get("api/lesson").json()["version"]
    stranger = TestClient(client.app, base_url=f"http://{HOST}/s/wrong-token/")
    for url, body in ROUTES:
        body = {"version": version, **body}
        assert stranger.post(url, json=body).status_code == 403, url
        assert client.post(url, json=body, headers={"Host": "evil.example:8123"}).status_code == 400
        foreign = client.post(url, json=body, headers={"Origin": "http://evil.example"})
        assert foreign.status_code == 403, url
        assert client.post(url, data={"version": version}).status_code == 415, url
    assert lesson.read_text(encoding="utf-8") == PARTS_LESSON
    assert PAGE.endswith("/")


def test_every_endpoint_refuses_a_stale_save(client: TestClient, lesson: Path) -> None:
    old = client.get("api/lesson").json()["version"]
    elsewhere = PARTS_LESSON.replace("title: 'The library hours'", "title: 'Library hours'")
    lesson.write_text(elsewhere, encoding="utf-8")
    for url, body in ROUTES:
        stale = client.post(url, json={"version": old, **body})
        assert stale.status_code == 409, url
        assert stale.json()["message"] == STALE_MESSAGE
        assert stale.json()["lesson"]["title"] == "Library hours"
    assert lesson.read_text(encoding="utf-8") == elsewhere


def test_a_change_is_undone_to_the_byte(client: TestClient, lesson: Path) -> None:
    ok(post(client, "api/questions/0/move", to=1))
    ok(post(client, "api/glossary", term="hours", definition="When it is open."))
    undone = ok(post(client, "api/undo"))
    assert undone["undone"] == "Undid the new glossary entry."
    undone = ok(post(client, "api/undo"))
    assert undone["undone"] == "Undid the move of question 1."
    assert lesson.read_text(encoding="utf-8") == PARTS_LESSON


def test_what_was_typed_reads_back_exactly(client: TestClient, lesson: Path) -> None:
    awkward = "A line\u2028another, a “quote”: #not a comment\nand a last line"
    ok(post(client, "api/glossary", term="  'hours'  ", definition=awkward))
    steps = [(10, "Read.", 0), (30, "Sort.", 1), (10, "Discuss: 'why?' # not a comment", 2)]
    ok(post(client, "api/plan", selection=None, plan=plan_body(steps, extension=awkward)))
    ok(post(client, "api/details", source={"notes": awkward}, objectives=["- not a list item"]))
    read = read_lesson(lesson).lesson
    assert read.glossary[-1].term == "'hours'" and read.glossary[-1].definition == awkward
    assert read.plan is not None and read.plan.extension == awkward
    assert read.plan.steps[2].activity == "Discuss: 'why?' # not a comment"
    assert read.source.notes == awkward and read.objectives == ["- not a list item"]


def test_glossary_entries_and_objectives_are_reordered(client: TestClient, lesson: Path) -> None:
    ok(post(client, "api/glossary", term="hours", definition="When it is open."))
    answer = ok(post(client, "api/glossary/1/move", to=0))
    assert [e["term"] for e in answer["lesson"]["parts"]["glossary"]] == ["hours", "council"]
    assert post(client, "api/glossary/1/move", to=5).json()["message"] == (
        "Glossary entry 2 cannot move there."
    )
    objectives = ["Ask who says so.", "Tell evidence from assertion."]
    ok(post(client, "api/details", objectives=objectives))
    text = lesson.read_text(encoding="utf-8")
    assert "objectives:\n  - Ask who says so.\n  - 'Tell evidence from assertion.'\n" in text


def test_what_to_prepare_and_the_notes_are_saved_alone_with_the_file_s_steps(
    client: TestClient, lesson: Path
) -> None:
    """The page saves them so while its steps do not add up: no steps are sent, so a save of
    steps queued meanwhile is never undone by older ones (a review found that race)."""
    before = lesson.read_text(encoding="utf-8")
    notes = {"preparation": ["A timer."], "content_note": "Mind the strike.", "extension": ""}
    answer = ok(post(client, "api/plan", selection=None, notes=notes))
    assert answer["undo"] == "what to prepare and the notes of the lesson plan"
    text = lesson.read_text(encoding="utf-8")
    steps = before.split("  steps:\n")[1].split("  preparation:")[0]
    assert text.split("  steps:\n")[1].startswith(steps)  # the steps, comments and all
    assert "  preparation:\n    - A timer.\n  content_note: Mind the strike.\n" in text
    # A selection with no plan of its own: nothing to add the notes to.
    refused = post(client, "api/plan", selection="core", notes=notes)
    assert refused.status_code == 422, refused.text
    assert "There is no plan for selection “core”" in refused.json()["message"]
    bad = post(client, "api/plan", selection=None, notes=["A timer."])
    assert bad.status_code == 400 and "'notes' must hold" in bad.text


def test_the_glossary_says_which_sheets_print_it(lesson: Path) -> None:
    """A teacher's cold run: "the sheets the glossary_levels setting names" named none."""
    with make_client(lesson) as client:
        note = client.get("api/lesson").json()["parts"]["glossary_note"]
    assert note.endswith(
        "The glossary prints in the answer key and on the guided student sheet (the "
        "glossary_levels setting says which)."
    )
    lesson.write_text(
        PARTS_LESSON + "worksheet:\n  glossary_levels: [guided, standard]\n", encoding="utf-8"
    )
    with make_client(lesson) as client:
        note = client.get("api/lesson").json()["parts"]["glossary_note"]
    assert "on the guided student sheet and the standard student sheet (the" in note
