"""Edits from the page keep the comment lines above the lesson's top-level keys, and at its
end, where they were (the README: "saved into the lesson file at once, with its comments and
order kept").

ruamel.yaml keeps the lines above ``plan:`` or ``glossary:`` with the value written before
them. A newcomer's run found them deleted (accepting the last question, or the plan), moved
into the list (moving the last question up), and the commented candidates at the end of a
drafted lesson moved above a glossary entry moved up or added. Each edit here goes through the
preview's own endpoints, on a lesson drafted by ``medialit new``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from medialit.preview.comment_blocks import comments_kept

from .test_preview_server import make_client
from .test_studio_queue_server import client, drafted  # noqa: F401 (fixtures)

PLAN_NOTE = "# A suggested plan for a 50-minute class"
GLOSSARY_NOTE = "# The glossary the source carries"
CANDIDATES = "# More candidates"


def block_above(text: str, key: str) -> list[str]:
    """The comment lines right above top-level ``key``."""
    lines = text.splitlines()
    at = lines.index(f"{key}:")
    start = at
    while start > 0 and lines[start - 1].startswith("#"):
        start -= 1
    return lines[start:at]


def post(preview: TestClient, url: str, **body: object) -> None:
    version = preview.get("api/lesson").json()["version"]
    answer = preview.post(url, json={"version": version, **body})
    assert answer.status_code == 200, answer.text


def ending(text: str) -> str:
    """The file from its commented candidates on."""
    return text[text.index(CANDIDATES) :]


@pytest.mark.parametrize(
    "edits",
    [
        [("api/questions/2/accept", {})],
        [("api/questions/2/delete", {})],
        [("api/questions/2/move", {"to": 1}), ("api/questions/0/move", {"to": 1})],
        [("api/plan/accept", {})],
    ],
    ids=["accept-last-question", "remove-last-question", "move-questions", "accept-plan"],
)
def test_the_lines_above_plan_and_glossary_stay_there(
    client: TestClient,  # noqa: F811 (a fixture)
    drafted: Path,  # noqa: F811 (a fixture)
    edits: list[tuple[str, dict[str, object]]],
) -> None:
    before = drafted.read_text(encoding="utf-8")
    plan, glossary = block_above(before, "plan"), block_above(before, "glossary")
    assert plan[0].startswith(PLAN_NOTE) and glossary[0].startswith(GLOSSARY_NOTE)
    for url, body in edits:
        post(client, url, **body)
    after = drafted.read_text(encoding="utf-8")
    assert after != before
    assert block_above(after, "plan") == plan
    assert block_above(after, "glossary") == glossary
    assert after.count(PLAN_NOTE) == after.count(GLOSSARY_NOTE) == 1
    assert ending(after) == ending(before)


def test_the_commented_candidates_stay_at_the_end_when_the_glossary_changes(
    client: TestClient,  # noqa: F811 (a fixture)
    drafted: Path,  # noqa: F811 (a fixture)
) -> None:
    before = drafted.read_text(encoding="utf-8")
    terms = re.findall(r"^  - term: (.+)$", before, flags=re.MULTILINE)
    assert len(terms) >= 2
    post(client, f"api/glossary/{len(terms) - 1}/move", to=len(terms) - 2)
    post(client, "api/glossary", term="council", definition="The people elected to run a town.")
    after = drafted.read_text(encoding="utf-8")
    assert ending(after) == ending(before)
    glossary = after[after.index("\nglossary:") : after.index(CANDIDATES)]
    assert re.findall(r"^  - term: (.+)$", glossary, flags=re.MULTILINE) == [
        *terms[:-2],
        terms[-1],
        terms[-2],
        "council",
    ]


def test_the_blank_line_before_the_candidates_stays_when_the_plan_above_is_accepted(
    drafted: Path,  # noqa: F811 (a fixture)
) -> None:
    """A lesson with no glossary: the plan is the last key, its draft: true the line before
    the blank line and the candidates, and both lines went with it."""
    text = drafted.read_text(encoding="utf-8")
    start, end = text.index(GLOSSARY_NOTE), text.index("\n" + CANDIDATES)
    before = text[:start] + text[end:]
    assert "  draft: true\n\n# More candidates" in before
    drafted.write_text(before, encoding="utf-8")
    with make_client(drafted) as preview:
        post(preview, "api/plan/accept")
    after = drafted.read_text(encoding="utf-8")
    assert after == before.replace("  draft: true\n\n# More", "\n# More")


def test_a_file_whose_comments_the_edit_left_in_place_is_given_back_as_it_is() -> None:
    before = "# top\ntitle: A\n# above b\nb:\n  - x\n# end\n"
    after = "# top\ntitle: B\n# above b\nb:\n  - x\n  - y\n# end\n"
    assert comments_kept(before, after) == after
    moved = "# top\ntitle: B\nb:\n  - x\n# above b\n  - y\n# end\n"
    assert comments_kept(before, moved) == "# top\ntitle: B\n# above b\nb:\n  - x\n  - y\n# end\n"
    # The blank lines that set a block apart come back with it, never twice.
    spaced = "title: A\n\n# above b\nb:\n  - x\n\n\n# end\n"
    assert comments_kept(spaced, "title: B\nb:\n  - x\n  - y\n") == (
        "title: B\n\n# above b\nb:\n  - x\n  - y\n\n\n# end\n"
    )
    assert comments_kept(spaced, "title: B\n\n# above b\nb:\n  - y\n\n# end\n") == (
        "title: B\n\n# above b\nb:\n  - y\n\n\n# end\n"
    )
