"""``medialit new`` on a saved web page: the article alone, its metadata, and no network.

The page (tests/data/news-story.html) is a news story as a browser saves it: navigation,
a cookie notice, share buttons, related stories, a newsletter box, scripts, an
iframe, tracking pixels and a footer around the article. Its scripts, images, styles
and frame point at ``__SERVER__``, which the network test replaces with a local HTTP
server that counts the requests it gets.
"""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from medialit.cli import main
from medialit.lesson.reading import read_lesson

from .conftest import DATA, build

PAGE = DATA / "news-story.html"
LESSON = "lessons/riverton-closes-main-street-to-cars-on-weekends-2024.yaml"
NOT_IN_ARTICLE = [
    "cookies",  # cookie notice
    "Subscribe",  # navigation
    "Search the Courier",
    "Share on Facebook",  # share buttons
    "Copy link",
    "Related stories",
    "bike lanes on Mill Road",  # a related story's title
    "newsletter",
    "All rights reserved",  # footer
    "Privacy policy",
    "dataLayer",  # scripts
    "page_view",
    "Photo: Courier staff",  # the figure's caption
    "Tags:",
    "City Hall reporter",  # byline
    "Words in This Story",  # the glossary goes elsewhere
    "a bus that goes back and forth",
]


@pytest.fixture()
def drafted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The working folder after ``medialit new news-story.html``."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news-story.html").write_bytes(PAGE.read_bytes())
    result = CliRunner().invoke(main, ["new", "news-story.html"])
    assert result.exit_code == 0, result.output
    assert f"wrote {LESSON} (" in result.stdout
    assert "Next: read" in result.stdout and "medialit check" in result.stdout
    return tmp_path


def lesson_data(folder: Path) -> dict[str, object]:
    data = YAML(typ="safe").load((folder / LESSON).read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def test_only_the_article_reaches_the_lesson(drafted: Path) -> None:
    article = str(lesson_data(drafted)["article"])
    for words in NOT_IN_ARTICLE:
        assert words not in article, words
    assert article.startswith("Four blocks of Riverton’s Main Street will close")
    assert article.rstrip().endswith("before any permanent change is made.")
    # The headline is the title, not the article's first line.
    assert "Riverton Closes Main Street" not in article


def test_headings_lists_and_entities_become_lesson_markup(drafted: Path) -> None:
    article = str(lesson_data(drafted)["article"])
    lines = article.splitlines()
    assert "## Shop owners are divided" in lines
    assert "- whether sales tax receipts from the four blocks went up or down;" in lines
    assert sum(line.startswith("- ") for line in lines) == 3
    # &rsquo; &ldquo; &ndash; &nbsp; &eacute; &amp; come out as the characters.
    for text in ("Riverton’s", "“weekend promenade”", "voted 5–2", "from June 1,", "cafés"):
        assert text in article, text
    assert "Hale & Sons Hardware" in article
    assert "&" + "rsquo;" not in article and "\u00a0" not in article
    assert "**" not in article and "<" not in article


def test_metadata_fills_the_source(drafted: Path) -> None:
    data = lesson_data(drafted)
    source = data["source"]
    assert isinstance(source, dict)
    assert source["author"] == "Dana Whitfield"
    assert source["outlet"] == "The Valley Courier"
    assert str(source["published"]) == "2024-03-14"
    assert source["url"].endswith("/news/2024/03/riverton-main-street-car-free-weekends")
    assert (
        data["title"]
        == "“Riverton Closes Main Street to Cars on Weekends” (The Valley Courier, 2024)"
    )


def test_glossary_becomes_the_lessons_glossary_field(drafted: Path) -> None:
    glossary = read_lesson(drafted / LESSON).lesson.glossary
    assert [(e.term, e.definition) for e in glossary] == [
        ("promenade", "a place where people walk for pleasure"),
        ("shuttle", "a bus that goes back and forth between two places"),
        ("receipts", "money that a business or government takes in"),
    ]
    assert "# The glossary the source carries" in (drafted / LESSON).read_text("utf-8")


def test_source_kept_byte_for_byte(drafted: Path) -> None:
    seeds = list((drafted / "seeds").iterdir())
    assert [p.name for p in seeds] == ["riverton-closes-main-street-to-cars-on-weekends-2024.html"]
    assert seeds[0].read_bytes() == PAGE.read_bytes()


@pytest.mark.build
def test_drafted_page_passes_check_and_builds(drafted: Path, tmp_path: Path) -> None:
    checked = read_lesson(drafted / LESSON)
    assert len(checked.statements) >= 5
    assert all(s.annotation.draft for s in checked.statements)
    result = CliRunner().invoke(main, ["check", LESSON])
    assert result.exit_code == 0, result.output
    outputs = build(drafted / LESSON, tmp_path / "out")
    assert {"student.pdf", "key.pdf"} <= set(outputs)
    key = subprocess.run(
        ["pdftotext", "-layout", str(outputs["key.pdf"]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    total = len(checked.statements)
    assert f"Draft key: {total} of {total} statements are suggestions" in " ".join(key.split())
    assert "Words and names" in key and "a place where people walk for pleasure" in key
    student = subprocess.run(
        ["pdftotext", str(outputs["student.pdf"]), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Draft" not in student and "suggestion" not in student


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _CountingHandler.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/gif")
        self.end_headers()
        self.wfile.write(b"GIF89a")

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture()
def counting_server() -> Iterator[str]:
    """A local HTTP server on 127.0.0.1 that records every request it receives."""
    _CountingHandler.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )  # shutdown() waits for a poll: 0.5 s by default, a wait in every test
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.build
def test_nothing_is_fetched(counting_server: str, tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text(PAGE.read_text("utf-8").replace("__SERVER__", counting_server), "utf-8")
    # The server answers: a fetch would be seen, not lost to a refused connection.
    with urllib.request.urlopen(f"{counting_server}/probe") as response:
        assert response.status == 200
    assert _CountingHandler.requests == ["/probe"]
    # A real process, as a teacher runs it: new, then check and build of the draft.
    for args in (["new", str(page)], ["check"], ["build", "--quiet"]):
        done = subprocess.run(
            [sys.executable, "-m", "medialit", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
    assert _CountingHandler.requests == ["/probe"]


BARE_PAGE = """<html><body><div class="content"><h1>Library hours cut</h1>
<p>The town library will close on Mondays from next month, the council decided on Thursday.
It is clear that students will lose a quiet place to work after school.</p>
<p>Apparently, the savings will pay for new books. According to the library's own figures,
about 300 people visit on an average Monday.</p>
</div></body></html>
"""


@pytest.mark.build
def test_a_page_without_metadata_leaves_marked_gaps_that_still_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bare.html").write_text(BARE_PAGE)
    made = CliRunner().invoke(main, ["new", "bare.html"])
    assert made.exit_code == 0, made.output
    lesson = tmp_path / "lessons" / "library-hours-cut.yaml"
    source = YAML(typ="safe").load(lesson.read_text("utf-8"))["source"]
    assert source == {
        "author": "unknown",
        "outlet": "unknown",
        "published": "unknown",
        "title": "Library hours cut",  # its heading: the headline, for the key's citation
    }
    checked = CliRunner().invoke(main, ["check"])
    assert checked.exit_code == 0
    assert checked.stderr.count("is unknown: medialit new did not find it") == 3
    outputs = build(lesson, tmp_path / "out")
    key = subprocess.run(
        ["pdftotext", str(outputs["key.pdf"]), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Library hours cut" in key
