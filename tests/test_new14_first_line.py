"""A short first sentence is the article's, not its header (held-out-12: `new` dropped "MYTH:
Lightning never strikes the same place twice." from a fact sheet, and "The war is on. Are you
in the fight?" from an advertisement, as header lines above the first long paragraph)."""

from __future__ import annotations

import os
from pathlib import Path

from medialit.drafting.plaintext import extract_text

from .conftest import run_cli

LONG = (
    "FACT: Lightning often strikes the same place repeatedly, especially if it's a tall, "
    "pointy, isolated object."
)


def test_a_short_first_sentence_is_kept_in_the_article() -> None:
    page = f"Lightning myths\n\nMYTH: Lightning never strikes the same place twice.\n\n{LONG}\n"
    extracted = extract_text(page)
    assert extracted.article.startswith("MYTH: Lightning never strikes"), extracted.article
    assert extracted.details.title == "Lightning myths"


def test_a_byline_and_a_date_above_the_article_are_still_its_header() -> None:
    for byline in ("By Jane Doe", "By Jane Doe."):
        page = f"Lightning myths\n\n{byline}\n\nMarch 3, 2024.\n\n{LONG}\n"
        extracted = extract_text(page)
        assert extracted.article.startswith("FACT:"), extracted.article
        assert extracted.details.author == "Jane Doe"
        assert extracted.details.published == "2024-03-03"


def test_a_site_line_above_a_byline_is_still_the_header() -> None:
    # a review found 35 of 48 such lines leaking into the article and losing the byline
    for line in (
        "Updated 3 hours ago.",
        "Listen to this article.",
        "A new study raises hard questions.",
    ):
        page = f"Bridge closed\n\n{line}\n\nBy Jane Doe\n\nMarch 3, 2024\n\n{LONG}\n"
        extracted = extract_text(page)
        assert extracted.article.startswith("FACT:"), (line, extracted.article)
        assert extracted.details.author == "Jane Doe", line
        assert extracted.details.published == "2024-03-03", line


def test_a_site_line_alone_above_the_article_is_not_kept() -> None:
    for line in ("Listen to this article.", "Updated 3 hours ago.", "5 min read. Share this."):
        extracted = extract_text(f"Bridge closed\n\n{line}\n\n{LONG}\n")
        assert extracted.article.startswith("FACT:"), (line, extracted.article)


def test_an_old_papers_headline_and_deck_in_capitals() -> None:
    # held-out-13's 1898 story: its title ends with a full stop and its deck was dropped
    page = (
        "CAUSED BY SPANIARDS.\n\nSHOWN BY THE OFFICIAL REPORT OF THE NAVAL COURT OF INQUIRY\n\n"
        f"The Situation Looks Grave.\n\n{LONG}\n"
    )
    extracted = extract_text(page)
    assert extracted.details.title == "CAUSED BY SPANIARDS."
    assert extracted.article.startswith("SHOWN BY THE OFFICIAL REPORT"), extracted.article
    assert "The Situation Looks Grave." in extracted.article


def test_a_line_in_capitals_is_a_deck_only_under_a_headline_in_capitals() -> None:
    # a review: breadcrumbs, outlets and names in capitals went into the article
    for line in ("LOCAL NEWS AND POLITICS", "NEWS | LOCAL | CITY HALL", "JANE DOE AND JOHN SMITH"):
        extracted = extract_text(f"Council closes library\n\n{line}\n\n{LONG}\n")
        assert extracted.article.startswith("FACT:"), (line, extracted.article)
    under_caps = extract_text(f"LIBRARY CLOSED.\n\nNEWS | LOCAL\n\n{LONG}\n")
    assert under_caps.article.startswith("FACT:"), under_caps.article


def test_a_lead_in_capitals_is_not_taken_for_a_title() -> None:
    lead = "THE WEATHER SERVICE IN DENVER HAS ISSUED A WINTER STORM WARNING FOR THE FOOTHILLS."
    extracted = extract_text(f"{lead}\n\nHEAVY SNOW IS EXPECTED ABOVE 6000 FEET BY SATURDAY.\n")
    assert extracted.details.title is None
    assert extracted.article.startswith("THE WEATHER SERVICE"), extracted.article


def test_a_byline_s_full_stop_goes_unless_the_name_ends_with_an_abbreviation() -> None:
    # "By Jane Li." kept its full stop: a two-letter surname was taken for "Jr."
    for byline, author in (
        ("By Jane Li.", "Jane Li"),
        ("By Wei Wu.", "Wei Wu"),
        ("By John Smith Jr.", "John Smith Jr."),
        ("By Jane Q.", "Jane Q."),
        ("By J.D.", "J.D."),
        ("By Jane Doe", "Jane Doe"),
    ):
        page = f"Lightning myths\n\n{byline}\n\nMarch 3, 2024.\n\n{LONG}\n"
        assert extract_text(page).details.author == author, byline


def test_a_byline_s_outlet_and_date_on_its_own_line_are_read() -> None:
    # "By Priya Raman, The Oakfield Echo, 14 May 2025" gave the author alone (a newcomer's
    # run): the sheets printed "First published: unknown, unknown"
    for byline, outlet, published in (
        ("By Priya Raman, The Oakfield Echo, 14 May 2025", "The Oakfield Echo", "2025-05-14"),
        ("By Priya Raman | Reuters | 2024-03-03", "Reuters", "2024-03-03"),
        ("By Priya Raman, Staff Writer, May 3, 2024", None, "2024-05-03"),
        # a review: whatever stood beside the date became the outlet
        ("By Priya Raman, Jr., May 3, 2024", None, "2024-05-03"),
        ("By Priya Raman, WASHINGTON, May 3, 2024", None, "2024-05-03"),
        ("By Priya Raman, Tuesday, May 3, 2024", None, "2024-05-03"),
        ("By Priya Raman, NPR, May 3, 2024 5:00 AM ET", None, "2024-05-03"),
        ("By Priya Raman, May 3, 2024, updated May 5, 2024", None, "2024-05-03"),
        ("By Priya Raman, M.D., The Echo, May 3, 2024", None, "2024-05-03"),
        ("By Priya Raman, The Oakfield Echo", None, None),
    ):
        details = extract_text(f"Lightning myths\n\n{byline}\n\n{LONG}\n").details
        assert (details.author, details.outlet, details.published) == (
            "Priya Raman",
            outlet,
            published,
        ), byline


def test_new_says_when_the_same_source_was_drafted_before(tmp_path: Path) -> None:
    # a newcomer's run: `new` on the same page under another name made a second lesson silently
    page = tmp_path / "pool.txt"
    page.write_text(f"Lightning myths\n\nBy Jane Doe\n\n{LONG} {LONG}\n", encoding="utf-8")
    first = run_cli(["new", str(page), "--name", "pool", "--no-suggest"], cwd=tmp_path)
    assert first.returncode == 0 and "Note:" not in first.stderr, first.stderr
    second = run_cli(["new", str(page), "--name", "pool-again", "--no-suggest"], cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert (
        "Note: lessons/pool.yaml was drafted from the same source before; "
        "lessons/pool-again.yaml is a second lesson beside it"
    ) in " ".join(second.stderr.split())
    other = tmp_path / "other.txt"
    other.write_text(f"Other myths\n\nBy Jane Doe\n\n{LONG} {LONG} More.\n", encoding="utf-8")
    third = run_cli(["new", str(other), "--name", "other", "--no-suggest"], cwd=tmp_path)
    assert "Note:" not in third.stderr
    # a shared folder's seeds/ may hold a pipe or a link beside a lesson: never read, no hang
    os.mkfifo(tmp_path / "seeds" / "pipe.txt")
    (tmp_path / "lessons" / "pipe.yaml").write_text("title: t\n", encoding="utf-8")
    (tmp_path / "seeds" / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "lessons" / "zero.yaml").write_text("title: t\n", encoding="utf-8")
    fourth = run_cli(["new", str(page), "--name", "pool-third", "--no-suggest"], cwd=tmp_path)
    assert fourth.returncode == 0, fourth.stderr
    assert "from the same source before; lessons/pool-third.yaml is a second" in fourth.stderr
