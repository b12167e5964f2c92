"""Issue 27 item 3, round three: a page drafted before is refused without trafilatura.

The quick name (``drafting.keptpage``) must never differ from the one trafilatura and
htmldate give (``drafting.webpage.page_title``): compared here on every saved page of
tests/data. The time itself is benchmarks/bench_speed.py's.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from medialit.drafting.keptpage import kept_page_lesson, page_name
from medialit.drafting.naming import name_from
from medialit.drafting.reading import read_source

from .conftest import DATA
from .test_check27_new import run_probed

PAGE = DATA / "news-story.html"
NAME = "riverton-closes-main-street-to-cars-on-weekends-2024"
EXISTS = (
    f"Error: lessons/{NAME}.yaml: this lesson exists already, and medialit new never "
    f"overwrites one; to go on with it, run: medialit preview lessons/{NAME}.yaml (for a new "
    "draft, choose another name with --name, or move the old lesson away).\n"
)
SAVED_PAGES = sorted(DATA.glob("*.html")) + sorted(DATA.glob("golden/*/*.html"))


@pytest.mark.parametrize("page", SAVED_PAGES, ids=lambda page: page.name)
def test_the_quick_name_is_the_full_one_or_none(page: Path) -> None:
    from medialit.drafting.webpage import page_title

    received = read_source(str(page), sys.stdin.buffer)
    title, published = page_title(received.text)
    full = name_from(title, published) if title else None
    assert page_name(received.text) in (None, full)


def test_the_benchmarks_page_gets_its_name_quickly() -> None:
    assert page_name(PAGE.read_text("utf-8")) == NAME


def _kept(folder: Path, name: str, page: Path = PAGE) -> None:
    (folder / "seeds").mkdir(parents=True, exist_ok=True)
    (folder / "lessons").mkdir(exist_ok=True)
    shutil.copyfile(page, folder / "seeds" / f"{name}.html")
    (folder / "lessons" / f"{name}.yaml").write_text("title: drafted before\n", "utf-8")


def test_only_the_very_page_kept_beside_its_lesson_is_named(tmp_path: Path) -> None:
    data = PAGE.read_bytes()
    text = data.decode("utf-8")
    assert kept_page_lesson(data, text, ".html", tmp_path) is None  # nothing kept
    _kept(tmp_path, NAME)
    assert kept_page_lesson(data, text, ".html", tmp_path) == NAME
    changed = data.replace(b"Dana Whitfield", b"Dana  Whitfield")
    assert kept_page_lesson(changed, changed.decode(), ".html", tmp_path) is None
    (tmp_path / "lessons" / f"{NAME}.yaml").unlink()  # a seed without its lesson
    assert kept_page_lesson(data, text, ".html", tmp_path) is None


def test_a_page_kept_under_a_name_of_ones_own_is_left_to_trafilatura(tmp_path: Path) -> None:
    # Drafted before with --name: the title does not give that name, so no quick refusal.
    _kept(tmp_path, "main-street")
    data = PAGE.read_bytes()
    assert kept_page_lesson(data, data.decode("utf-8"), ".html", tmp_path) is None


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # A title that disagrees with the others, or that trafilatura would clean.
        ("<title>Riverton Closes", "<title>Riverton Opens"),
        ('og:title" content="Riverton', 'og:title" content="Ri&amp;verton'),
        ('"headline": "Riverton Closes', '"headline": "Riverton Shuts'),
        # A date of another year, or none a header gives.
        ('"datePublished": "2024-03-14', '"datePublished": "2023-03-14'),
        ("news/2024/03/riverton", "news/2023/03/riverton"),
        ('<meta property="article:published_time"', '<meta property="article:x"'),
        # No meta title: trafilatura would look at the headings and classes.
        ('<meta property="og:title"', '<meta property="og:x"'),
    ],
)
def test_anything_unsure_leaves_the_name_to_trafilatura(before: str, after: str) -> None:
    text = PAGE.read_text("utf-8")
    assert before in text
    if "published_time" in before:
        text = text.replace('"datePublished": "2024-03-14T18:05:00-05:00"', '"x": 1')
    assert page_name(text.replace(before, after)) is None


def test_new_refuses_a_kept_page_without_loading_trafilatura(tmp_path: Path) -> None:
    _kept(tmp_path, NAME)
    before = sorted(tmp_path.rglob("*"))
    code, modules, _, stderr = run_probed(tmp_path, "new", str(PAGE))
    assert code == 1 and stderr == EXISTS
    loaded = [m for m in ("trafilatura", "htmldate", "lxml", "multiprocessing") if m in modules]
    assert loaded == []
    assert sorted(tmp_path.rglob("*")) == before


@pytest.mark.parametrize("piece", ['<a b="', '<meta content="', "<!--a", "<?", "</a", "<title>"])
def test_hostile_markup_is_read_in_a_time_that_grows_with_its_length(piece: str) -> None:
    # Python 3.11's html.parser took 33 s over 120 KB of '<a b="': a kept page is anyone's.
    import time

    started = time.process_time()
    assert page_name(piece * (600_000 // len(piece))) is None
    assert time.process_time() - started < 2.0
