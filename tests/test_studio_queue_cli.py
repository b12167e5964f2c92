"""Start from the article (issue 20): `medialit new SOURCE --preview`, and `medialit preview`
given a saved page or a text file, as real processes serving real pages."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import httpx
from ruamel.yaml import YAML

from .conftest import DATA
from .process_support import default_signals

NOTES = (
    "The council says the library closes at 6 pm on Saturdays, according to its website. "
    "Everyone knows the old hours were better. So the new hours will surely drive readers "
    "away. Some readers complained to the newspaper on Monday. The mayor did not answer our "
    "questions about the hours, and the council gave no figures.\n"
)
LESSON = Path("lessons/the-council-says-the-library-closes-at-6.yaml")


def start(folder: Path, *args: str) -> subprocess.Popen[str]:
    # BROWSER=true: the browser `new --preview` opens is the `true` command, here.
    return subprocess.Popen(
        [sys.executable, "-m", "medialit", *args],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "BROWSER": "true"},
        preexec_fn=default_signals,
    )


def served_lesson(process: subprocess.Popen[str]) -> tuple[list[str], dict[str, object]]:
    """The lines printed up to "Previewing …", and the lesson the page at the address shows."""
    assert process.stdout is not None
    lines: list[str] = []
    while not (lines and lines[-1].startswith("Previewing ")):
        line = process.stdout.readline()
        assert line, (lines, process.stderr.read() if process.stderr else "")
        lines.append(line.rstrip("\n"))
    origin, token = lines[-2].split("/?token=")
    view = httpx.get(f"{origin}/s/{token}/api/lesson", timeout=30).json()
    return lines, view


def stop(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGINT)
    _, errors = process.communicate(timeout=20)
    assert process.returncode == 0, errors
    assert "Traceback" not in errors


def test_preview_of_a_text_file_drafts_it_first_then_refuses_to_overwrite(
    tmp_path: Path,
) -> None:
    (tmp_path / "notes.txt").write_text(NOTES, encoding="utf-8")
    process = start(tmp_path, "preview", "--no-open", "notes.txt")
    lines, view = served_lesson(process)
    drafts = len(view["annotations"])  # every statement of a fresh lesson is a draft
    assert lines[0] == (
        f"notes.txt is not a lesson file, so medialit new drafted one from it: wrote {LESSON} "
        f"({drafts} draft statements; source kept as seeds/{LESSON.stem}.txt)"
    )
    assert lines[1].startswith("http://127.0.0.1:")  # then the address, as ever
    assert lines[2:] == [f"Previewing {LESSON}; press Ctrl-C to stop."]
    assert view["file"] == str(LESSON)
    stop(process)
    drafted = (tmp_path / LESSON).read_text(encoding="utf-8")
    # Every statement has an id from the start (and all differ).
    ids = [a["id"] for a in YAML(typ="safe", pure=True).load(drafted)["annotations"]]
    assert len(ids) == drafts and len(set(ids)) == drafts and all(ids)

    again = subprocess.run(
        [sys.executable, "-m", "medialit", "preview", "--no-open", "notes.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert again.returncode == 1
    assert again.stdout == ""
    assert again.stderr == (
        f"Error: {LESSON}: this lesson exists already (drafted from notes.txt before, "
        "perhaps), and medialit new never overwrites one; to go on with it, run: medialit "
        f"preview {LESSON} (for a fresh draft, move it away and run this again).\n"
    )
    assert (tmp_path / LESSON).read_text(encoding="utf-8") == drafted
    assert sorted(p.name for p in (tmp_path / "seeds").iterdir()) == [f"{LESSON.stem}.txt"]


def test_new_with_preview_serves_the_fresh_draft_of_a_saved_page(tmp_path: Path) -> None:
    page = DATA / "news-story.html"
    process = start(tmp_path, "new", str(page), "--name", "story", "--preview")
    lines, view = served_lesson(process)
    # new says what it always says, then the preview its address.
    assert re.fullmatch(
        r"wrote lessons/story\.yaml \(\d+ draft statements; source kept as seeds/story\.html\)",
        lines[0],
    )
    # what to do next, in the page rather than in the file
    assert lines[1].startswith("Next: in the page that opens, confirm or change each draft")
    assert lines[1].endswith(
        ", stop the preview (Ctrl-C), then run: medialit check lessons/story.yaml && "
        "medialit build lessons/story.yaml"
    )
    assert lines[2].startswith("http://127.0.0.1:")
    assert view["file"] == "lessons/story.yaml"
    assert view["problems"] == []
    annotations = view["annotations"]
    assert isinstance(annotations, list) and all(a["draft"] for a in annotations)
    stop(process)


def test_new_with_preview_from_a_web_address(tmp_path: Path) -> None:
    """A page fetched from a (local, hence --allow-local) web server, then previewed."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "story.html").write_bytes((DATA / "news-story.html").read_bytes())
    web = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1"],
        cwd=site,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert web.stdout is not None
        port = re.search(r"port (\d+)", web.stdout.readline())
        assert port, "http.server did not say its port"
        address = f"http://127.0.0.1:{port.group(1)}/story.html"
        folder = tmp_path / "work"
        folder.mkdir()
        process = start(folder, "new", address, "--allow-local", "--name", "web", "--preview")
        lines, view = served_lesson(process)
        assert lines[0].startswith(f"fetched {address} (")
        assert lines[1].startswith("wrote lessons/web.yaml (")
        assert view["file"] == "lessons/web.yaml" and view["problems"] == []
        stop(process)
    finally:
        web.terminate()
        web.wait(timeout=10)


def test_new_with_preview_and_no_open_points_at_the_address(tmp_path: Path) -> None:
    """With --no-open nothing opens: the next step points at the address printed below it
    (a newcomer waited for "the page that opens")."""
    page = DATA / "news-story.html"
    process = start(tmp_path, "new", str(page), "--name", "story", "--preview", "--no-open")
    try:
        lines, _ = served_lesson(process)
        assert lines[1].startswith("Next: in the page at the address below, confirm or change")
        assert lines[2].startswith("http://127.0.0.1:")
    finally:
        stop(process)
