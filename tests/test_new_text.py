"""``medialit new`` on text as pasted or saved from a site: the raw seed, stdin, boilerplate."""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from medialit.cli import main
from medialit.drafting.cleanup import is_boilerplate
from medialit.drafting.plaintext import extract_text
from medialit.lesson.article import split_blocks
from medialit.lesson.reading import read_lesson

from .conftest import ROOT

SEED = ROOT / "seeds" / "000_6720225e856085cf.txt"
CURATED = ROOT / "lessons" / "washington-isis-syria-2017.yaml"
SEED_LESSON = "lessons/how-washington-found-itself-in-bed-with-isis-2017.yaml"


def new(folder: Path, *args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    """``medialit new`` in ``folder`` through click's runner."""
    cwd = Path.cwd()
    try:
        os.chdir(folder)  # medialit new writes into the current folder, as a teacher runs it
        result = CliRunner().invoke(main, ["new", *args], input=stdin)
    finally:
        os.chdir(cwd)
    return result.exit_code, result.stdout, result.stderr


def load(path: Path) -> dict[str, object]:
    data = YAML(typ="safe").load(path.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def seed_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("seed")
    code, _, err = new(folder, str(SEED))
    assert code == 0, err
    return folder


def test_seed_article_matches_the_curated_lesson(seed_folder: Path) -> None:
    drafted = str(load(seed_folder / SEED_LESSON)["article"])
    curated = str(load(CURATED)["article"])
    drafted_blocks = split_blocks(drafted)
    curated_blocks = split_blocks(curated)
    assert [(b.kind, b.number) for b in drafted_blocks] == [
        (b.kind, b.number) for b in curated_blocks
    ]
    ratio = difflib.SequenceMatcher(None, drafted.split(), curated.split(), autojunk=False).ratio()
    assert ratio >= 0.95
    for ours, theirs in zip(drafted_blocks, curated_blocks, strict=True):
        words = difflib.SequenceMatcher(None, ours.text.split(), theirs.text.split()).ratio()
        assert words >= 0.95, (ours.text[:60], theirs.text[:60])


def test_seed_boilerplate_is_dropped(seed_folder: Path) -> None:
    article = str(load(seed_folder / SEED_LESSON)["article"])
    for words in (
        "Region:",
        "Theme:",
        "In-depth Report",
        "first appeared on GR",
        "Comment on Global Research",
        "Become a Member",
        "Articles by",
        "Disclaimer",
        "publications@globalresearch.ca",
        "fair use",
        "Political Scientist",  # the author's note under the article
        "Featured image",
        "](#)",  # Markdown links become their text
        "**",  # bold becomes plain text
        "*It is now clear",
    ):
        assert words not in article, words
    assert "Russian General Valery Asapov who" in article
    assert "President Vladimir Putin and" in article


def test_paragraphs_broken_mid_sentence_are_joined(seed_folder: Path) -> None:
    article = str(load(seed_folder / SEED_LESSON)["article"])
    assert "The Islamic State had already released a report" in article
    assert "Damascus can return the situation under its control" in article
    blocks = [b.text for b in split_blocks(article)]
    assert not any(b.startswith(("had already", "return the situation")) for b in blocks)


def test_seed_metadata(seed_folder: Path) -> None:
    data = load(seed_folder / SEED_LESSON)
    source = data["source"]
    assert isinstance(source, dict)
    assert source["author"] == "Alexander Orlov"
    assert source["outlet"] == "New Eastern Outlook"
    assert str(source["published"]) == "2017-10-03"
    assert source["republished_by"] == "Global Research"
    assert str(source["republished"]) == "2017-12-20"
    assert source["licence"] == "Copyright © Alexander Orlov, New Eastern Outlook, 2017"
    assert (
        data["title"]
        == "“How Washington Found Itself in Bed with ISIS” (New Eastern Outlook, 2017)"
    )


def test_seed_is_kept_byte_for_byte(seed_folder: Path) -> None:
    kept = seed_folder / "seeds" / "how-washington-found-itself-in-bed-with-isis-2017.txt"
    assert kept.read_bytes() == SEED.read_bytes()


def test_seed_lesson_passes_check_with_drafts(seed_folder: Path) -> None:
    checked = read_lesson(seed_folder / SEED_LESSON)
    assert checked.statements and all(s.annotation.draft for s in checked.statements)
    first = checked.statements[0].annotation
    assert first.quote.startswith("It is now clear")
    assert first.why.startswith("‘It is now clear’ presents it as settled")
    assert first.kind.value == "assertion"


def test_stdin(tmp_path: Path) -> None:
    text = SEED.read_bytes()
    code, _, err = new(tmp_path, "-", "--name", "from-stdin", stdin=text)
    assert code == 0, err
    assert (tmp_path / "seeds" / "from-stdin.txt").read_bytes() == text
    assert read_lesson(tmp_path / "lessons" / "from-stdin.yaml").statements


def test_stdin_web_page_is_recognised(tmp_path: Path) -> None:
    page = (ROOT / "tests" / "data" / "news-story.html").read_bytes()
    code, _, err = new(tmp_path, "-", stdin=page)
    assert code == 0, err
    assert (
        tmp_path / "seeds" / "riverton-closes-main-street-to-cars-on-weekends-2024.html"
    ).exists()


def test_no_suggest_writes_no_statements(tmp_path: Path) -> None:
    code, out, err = new(tmp_path, str(SEED), "--no-suggest")
    assert code == 0, err
    assert "(0 draft statements;" in out
    data = load(tmp_path / SEED_LESSON)
    assert data["annotations"] == []


PASTED = """\
# City pool to reopen in May

By Sam Ortiz

The Hilltop Herald, 2 April 2024

Tags: [pools](https://example.org/t/pools), [city](https://example.org/t/city)

Share this story on Facebook

The city pool will reopen on May 15 after a two-year repair, the parks department said on Tuesday. Workers replaced the
leaking pipes and the old changing rooms, at a cost of about $2.1 million.

According to the parks director, Lena Park, about 40,000 people used the pool each summer before it closed. "It is clear
that families missed it," she said.

[Read more: summer camps open for sign-up](https://example.org/camps)

The pool will be open from 10 a.m. to 7 p.m. every day. Tickets cost $3 for children and $5 for adults, and a season
pass can be bought

online or at the front desk.

Comment on this story

Contact the newsroom: news@hilltopherald.example

Copyright © 2024 The Hilltop Herald
"""


def test_pasted_text_boilerplate_and_metadata() -> None:
    extracted = extract_text(PASTED)
    details = extracted.details
    assert details.title == "City pool to reopen in May"
    assert details.author == "Sam Ortiz"
    assert details.outlet == "The Hilltop Herald"
    assert details.published == "2024-04-02"
    assert details.licence == "Copyright © 2024 The Hilltop Herald"
    paragraphs = [b.text for b in split_blocks(extracted.article)]
    assert len(paragraphs) == 3
    # Hard-wrapped lines and a paragraph broken before "online" are joined.
    assert "Workers replaced the leaking pipes" in paragraphs[0]
    assert paragraphs[2].endswith("a season pass can be bought online or at the front desk.")
    for words in ("Tags", "Share this", "Read more", "Comment on", "news@", "Copyright"):
        assert words not in extracted.article, words


def test_command_runs_as_a_process(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "medialit", "new", "-", "--name", "pool"],
        input=PASTED.encode(),
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert b"wrote lessons/pool.yaml" in done.stdout
    checked = read_lesson(tmp_path / "lessons" / "pool.yaml")
    kinds = {s.annotation.quote: s.annotation.kind.value for s in checked.statements}
    assert any("It is clear" in quote for quote in kinds)
    assert any(kind == "evidence" and "according to" in q.lower() for q, kind in kinds.items())


@pytest.mark.parametrize(
    ("line", "dropped"),
    [
        ("Region: [Middle East & North Africa](#)", True),
        ("Tags: city, traffic", True),
        ("[Become a Member of Global Research](#)", True),
        ("[Home](/) | [News](/news)", True),
        ("Contact: desk@paper.example", True),
        ("Comments (12)", True),
        ("Copyright © 2024 The Paper", True),
        # Article sentences that start with the same words stay.
        ("Comments from residents were mixed, the council said on Monday.", False),
        ("Copyright law protects the photographs, the lawyer said.", False),
        ("Disclaimer notices are common on such sites, she wrote.", False),
        ("Sources close to the mayor said the plan would pass.", False),
    ],
)
def test_boilerplate_lines_and_article_sentences(line: str, dropped: bool) -> None:
    assert is_boilerplate(line) is dropped


def test_an_article_that_opens_with_a_date_keeps_its_first_paragraph() -> None:
    extracted = extract_text(
        "Budget vote\n\nBy Ana Reyes\n\nMarch 4, 2024\n\n"
        "On March 3, 2024, the council approved the budget by six votes to one after a long "
        "debate.\n\nThe mayor said the vote was fair.\n"
    )
    assert extracted.details.published == "2024-03-04"
    assert extracted.article.startswith("On March 3, 2024, the council approved the budget")
    assert extracted.article.endswith("The mayor said the vote was fair.")
