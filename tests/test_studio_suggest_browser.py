"""medialit new's suggestions in the studio, in Debian's Chromium (issue 20), with real key
presses: a suggested question or the plan accepted with one key, and after a kind change in
the review queue the why and check written for the new kind, taken with R or passed by.

One `medialit preview` serves the module, on a lesson `medialit new` drafted from a saved
page; each test works on parts of it the other leaves alone, and reads the file back.
"""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from ruamel.yaml import YAML

from medialit.drafting.new import new_lesson

from .a11y_support import SHOTS, serve, tab_to
from .conftest import DATA
from .test_a11y_axe import axe_page, serious  # noqa: F401 (a fixture)
from .test_preview_browser import (
    Served,
    wait_for_file,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("suggest")
    made = new_lesson(str(DATA / "news-story.html"), io.BytesIO(), folder, name="story")
    with serve(made.lesson, made.lesson.read_text(encoding="utf-8")) as running:
        yield running


def parsed(text: str) -> dict[str, Any]:
    loaded = YAML(typ="safe", pure=True).load(text)
    assert isinstance(loaded, dict)
    return loaded


def data(lesson: Path) -> dict[str, Any]:
    return parsed(lesson.read_text(encoding="utf-8"))


def test_suggested_questions_and_plan_are_accepted_with_one_key_each(
    axe_page: Page,  # noqa: F811
    served: Served,
) -> None:
    page = axe_page  # axe-core may be added to it (the preview's CSP refuses inline scripts)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served.url)
    summary = page.locator("#part-questions-summary")
    expect(summary).to_have_text("Discussion questions (3, 3 suggested)")
    facts = page.locator("#glance-facts")
    expect(facts).to_contain_text("4 suggestions to accept (questions, plan)")
    expect(page.locator("#part-questions legend").first).to_have_text("Question 1 (suggested)")
    expect(page.locator("#q-0-text")).to_have_value(
        "Paragraph 4 says: “about 7,400 vehicles use that stretch of Main Street on an average "
        "Saturday.” What does it rest on, and how could you check it?"
    )
    SHOTS.mkdir(exist_ok=True)
    page.locator("#parts").screenshot(path=SHOTS / "suggest-questions.png")
    # From the keyboard: Tab to the first Accept, then Enter three times.
    page.locator("#parts-heading").focus()
    tab_to(page, r"#q-0-accept")
    for number in (1, 2, 3):
        page.keyboard.press("Enter")
        expect(page.locator("#status")).to_contain_text(f"Accepted question {number}.")
    expect(summary).to_have_text("Discussion questions (3)")
    # Not into the last question's text (the next key would change it): on to the plan.
    expect(page.locator("#part-plan-summary")).to_be_focused()
    expect(page.locator("#status")).to_have_text(
        "Accepted question 3. The plan is a suggestion too."
    )
    # The three acceptances are three saves: wait for the last one.
    wait_for_file(served.lesson, lambda t: not any("draft" in q for q in parsed(t)["questions"]))
    questions = data(served.lesson)["questions"]
    assert isinstance(questions, list) and len(questions) == 3
    # The plan: suggested, 50 minutes; one key opens it, one accepts it.
    page.keyboard.press("Enter")
    expect(page.locator("#part-plan-summary")).to_have_text(
        "Lesson plan: 50 of 50 minutes (suggested)"
    )
    expect(page.locator("#plan-suggested")).to_be_visible()
    page.locator("#parts").screenshot(path=SHOTS / "suggest-plan.png")
    violations = serious(page)
    assert not violations, violations
    page.locator("#plan-accept").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#status")).to_have_text("Accepted the plan: 50 of 50 minutes.")
    expect(page.locator("#part-plan-summary")).to_have_text("Lesson plan: 50 of 50 minutes")
    expect(page.locator("#plan-accept")).to_have_count(0)
    wait_for_file(served.lesson, lambda t: "  draft: true\n# The glossary" not in t)
    plan = data(served.lesson)["plan"]
    assert isinstance(plan, dict) and "draft" not in plan
    expect(facts).not_to_contain_text("suggestion")
    # check no longer asks about them.
    checked = subprocess.run(
        [sys.executable, "-m", "medialit", "check", str(served.lesson)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stderr
    assert "questions[" not in checked.stderr and "plan.draft" not in checked.stderr
    assert not errors


def test_a_kind_change_offers_the_new_kinds_why_and_r_takes_it(
    axe_page: Page,  # noqa: F811
    served: Served,
) -> None:
    page = axe_page  # axe-core may be added to it (the preview's CSP refuses inline scripts)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served.url)
    expect(page.locator("#queue-list [role=option]").first).to_be_visible()
    expect(page.locator("#queue-keys")).to_contain_text(
        "after a kind change, R uses the reason and check written for the new kind"
    )
    tab_to(page, r"^ul#queue-list")
    # down the list (least sure first) to the hedged draft, as a teacher would with J
    selected = page.locator("#queue-list [role=option][aria-selected=true]")
    for _ in range(page.locator("#queue-list [role=option]").count()):
        if "Apparently, sales went up" in selected.inner_text():
            break
        key = selected.get_attribute("data-key") or ""
        page.keyboard.press("j")
        expect(selected).not_to_have_attribute("data-key", key)  # moved before reading it
    expect(selected).to_contain_text("Apparently, sales went up")
    offer = page.locator("#queue-offer")
    expect(offer).to_be_hidden()
    page.keyboard.press("a")  # inference → assertion
    expect(offer).to_be_visible()
    expect(page.locator("#queue-offer-why")).to_have_text(
        "‘Apparently’ hedges it, but nothing here says where it comes from or how it is known: "
        "a claim given without support."
    )
    expect(page.locator("#status")).to_contain_text("R uses the reason and check shown")
    page.locator("#queue").screenshot(path=SHOTS / "suggest-offer.png")
    violations = serious(page)
    assert not violations, violations
    lesson = served.lesson
    old = next(a for a in data(lesson)["annotations"] if a["id"] == "apparently-sales-went")  # type: ignore[attr-defined]
    assert old["kind"] == "assertion" and old["why"].startswith("‘Apparently’")
    page.keyboard.press("r")
    expect(page.locator("#status")).to_contain_text("has the reason and check written for")
    expect(offer).to_be_hidden()
    wait_for_file(lesson, lambda t: "Ask who says so and how they know" in t)
    taken = next(a for a in data(lesson)["annotations"] if a["id"] == "apparently-sales-went")  # type: ignore[attr-defined]
    assert taken["why"] == (
        "‘Apparently’ hedges it, but nothing here says where it comes from or how it is known: "
        "a claim given without support."
    )
    assert (
        taken["check"] == "Ask who says so and how they know, then look for a source that shows it."
    )
    assert taken["draft"] is True  # still to confirm: Enter does
    # Passed by: the next draft re-kinded, the offer left; its own why stays.
    page.keyboard.press("j")
    chosen = page.locator("#queue-list [aria-selected=true]")
    key = chosen.get_attribute("data-key")
    before = next(a for a in data(lesson)["annotations"] if a["id"] == key)  # type: ignore[attr-defined]
    kind = "e" if before["kind"] != "evidence" else "i"
    page.keyboard.press(kind)
    expect(offer).to_be_visible()
    page.keyboard.press("k")
    expect(offer).to_be_hidden()
    after = next(a for a in data(lesson)["annotations"] if a["id"] == key)  # type: ignore[attr-defined]
    assert after["why"] == before["why"] and after["kind"] != before["kind"]
    # R on a draft with no offer says how to get one, and saves nothing.
    text = lesson.read_text(encoding="utf-8")
    page.keyboard.press("r")
    expect(page.locator("#status")).to_contain_text("No reason is offered for this draft")
    assert lesson.read_text(encoding="utf-8") == text
    assert not errors
