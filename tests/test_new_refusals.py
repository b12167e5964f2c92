"""``medialit new`` refuses what cannot become a lesson: one line naming the file, exit 1,
nothing written, and never an existing lesson overwritten."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import DATA, ROOT

pytestmark = pytest.mark.build

SEED = ROOT / "seeds" / "000_6720225e856085cf.txt"


def medialit(folder: Path, *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    """A real ``python -m medialit`` process, so that a traceback could not hide."""
    return subprocess.run(
        [sys.executable, "-m", "medialit", *args],
        cwd=folder,
        input=stdin.decode("latin-1"),
        capture_output=True,
        text=True,
        timeout=120,
    )


def files_in(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*")}


# (file name, how to write it, words the message must hold)
CASES: list[tuple[str, Callable[[Path], None], str]] = [
    ("empty.txt", lambda p: p.write_bytes(b""), "the file is empty"),
    ("blank.html", lambda p: p.write_bytes(b"  \n\n \n"), "the file is empty"),
    (
        "no-article.html",
        lambda p: p.write_text(
            "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a> "
            "<a href='/news'>News</a></nav><div class='cookie'>We use cookies.</div>"
            "<footer>© 2024 Example</footer></body></html>"
        ),
        "no article text was found in this page",
    ),
    (
        "picture.txt",
        lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8),
        "it holds binary data",
    ),
    (
        "huge.txt",
        lambda p: p.write_text("A sentence of an article that goes on and on. " * 5000),
        "more than the 200,000 a lesson can hold",
    ),
    (
        "latin1.txt",
        lambda p: p.write_bytes(
            "Caf\u00e9 owners said the plan would hurt them. ".encode("latin-1") * 10
        ),
        "cannot be read as UTF-8; open it in a text editor and save it as UTF-8",
    ),
    ("missing.txt", lambda p: None, "there is no such file"),
    (
        "short.txt",  # a teacher's own text, read, but too short: not "no article text"
        lambda p: p.write_text("A note\n\nThe council met. Shops are worried.\n\nAll agree.\n"),
        "the article has 8 words, and a lesson needs at least 25; copy the whole article",
    ),
]


@pytest.mark.parametrize(("name", "write", "words"), CASES, ids=[c[0] for c in CASES])
def test_refused_with_one_line_and_nothing_written(
    tmp_path: Path, name: str, write: Callable[[Path], None], words: str
) -> None:
    source = tmp_path / name
    write(source)
    before = files_in(tmp_path)
    done = medialit(tmp_path, "new", name)
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"Error: {name}: "), lines[0]
    assert words in lines[0]
    assert "Traceback" not in done.stderr
    assert files_in(tmp_path) == before  # no lessons/ or seeds/, no half-written file


def test_empty_standard_input_is_refused(tmp_path: Path) -> None:
    done = medialit(tmp_path, "new", "-")
    assert done.returncode == 1
    assert done.stderr == (
        "Error: standard input: the file is empty; save the article's page or text into it first.\n"
    )
    assert files_in(tmp_path) == set()


def test_an_existing_lesson_is_never_overwritten(tmp_path: Path) -> None:
    first = medialit(tmp_path, "new", str(SEED))
    assert first.returncode == 0, first.stderr
    lesson = tmp_path / "lessons" / "how-washington-found-itself-in-bed-with-isis-2017.yaml"
    lesson.write_text(lesson.read_text("utf-8") + "# the teacher's work\n", "utf-8")
    kept = lesson.read_bytes()
    before = files_in(tmp_path)
    again = medialit(tmp_path, "new", str(SEED))
    assert again.returncode == 1
    assert again.stderr == (
        "Error: lessons/how-washington-found-itself-in-bed-with-isis-2017.yaml: this lesson "
        "exists already, and medialit new never overwrites one; to go on with it, run: "
        "medialit preview lessons/how-washington-found-itself-in-bed-with-isis-2017.yaml (for "
        "a new draft, choose another name with --name, or move the old lesson away).\n"
    )
    assert lesson.read_bytes() == kept
    assert files_in(tmp_path) == before
    other = medialit(tmp_path, "new", str(SEED), "--name", "second-copy")
    assert other.returncode == 0, other.stderr
    assert (tmp_path / "lessons" / "second-copy.yaml").exists()


def test_a_different_source_under_the_same_seed_name_is_refused(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "story.html").write_text("something else")
    page = tmp_path / "page.html"
    page.write_bytes((DATA / "news-story.html").read_bytes())
    done = medialit(tmp_path, "new", "page.html", "--name", "story")
    assert done.returncode == 1
    assert done.stderr.startswith("Error: seeds/story.html: another source is kept under this")
    assert not (tmp_path / "lessons").exists()
    assert (tmp_path / "seeds" / "story.html").read_text() == "something else"


def test_a_bad_name_is_refused(tmp_path: Path) -> None:
    done = medialit(tmp_path, "new", str(SEED), "--name", "../outside")
    assert done.returncode == 2  # a usage error, found before the source is read
    assert "'../outside' cannot name a lesson file: use letters (a-z, A-Z)" in done.stderr
    assert files_in(tmp_path) == set()


def test_a_file_in_the_way_of_lessons_leaves_nothing_behind(tmp_path: Path) -> None:
    (tmp_path / "lessons").write_text("not a folder")
    done = medialit(tmp_path, "new", str(SEED))
    assert done.returncode == 1
    assert done.stderr == (
        "Error: lessons: a file is in the way: medialit new writes into a folder of this name; "
        "move the file away.\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["lessons"]
