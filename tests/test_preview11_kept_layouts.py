"""The preview takes layouts from the layout cache as a build does, and keeps the first it shows.

So a lesson opened again shows its pages without laying them out, and a build after the
preview finds them; the layouts of later edits are not kept, which would fill the cache in
one session. Each test runs ``medialit preview`` in a real process, with a cache of its own,
and reads the cache's entries: an entry taken from the cache gains the working folder that
took it as an owner, and a layout made afresh is written with its own folder alone.
"""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from medialit.layout.cache import FORMAT

from .a11y_support import serve
from .conftest import run_cli
from .preview_helpers import LESSON

pytestmark = pytest.mark.build

SETTLE_SECONDS = 60.0  # a deadline for a loaded machine; an idle one takes a few seconds


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache of this test's own, for the preview's processes and this one's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


def lesson_in(folder: Path, text: str = LESSON) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lesson = folder / "lesson.yaml"
    lesson.write_text(text, encoding="utf-8")
    return lesson


@contextmanager
def previewing(lesson: Path) -> Iterator[Callable[[], dict[str, Any]]]:
    """``medialit preview`` of ``lesson`` run in its folder (``a11y_support.serve``); gives a
    reader of its pages' state (``/api/pages``)."""
    with serve(lesson, lesson.read_text(encoding="utf-8")) as served:
        address, _, token = served.url.partition("/?token=")

        def state() -> dict[str, Any]:
            with urllib.request.urlopen(f"{address}/s/{token}/api/pages", timeout=10) as answer:
                return json.load(answer)  # type: ignore[no-any-return]

        yield state


def settled(state: Callable[[], dict[str, Any]], version: str | None = None) -> dict[str, Any]:
    """The pages' state once the student sheet, the key and every level's count are done
    (for the lesson's ``version`` other than this one, when given)."""
    deadline = time.monotonic() + SETTLE_SECONDS
    while True:
        now = state()
        documents = now.get("documents", [])
        sizes = now.get("sizes", {})
        done = (
            not now["busy"]
            and len(documents) == 2
            and all(d["count"] and d["version"] != version for d in documents)
            and sizes.get("version") == documents[0]["version"]
            and not sizes.get("busy", True)
        )
        if done:
            return now
        assert time.monotonic() < deadline, now
        time.sleep(0.1)


def owners(cache_home: Path) -> dict[str, set[str]]:
    """Each kept layout's name, and the working folders that used it."""
    return {
        about.stem: set(json.loads(about.read_text())["owners"])
        for about in (cache_home / "medialit" / FORMAT).glob("*/*.json")
    }


def test_a_lesson_opened_again_shows_the_layouts_kept_the_first_time(
    tmp_path: Path, cache_home: Path
) -> None:
    first, again = tmp_path / "a", tmp_path / "b"
    with previewing(lesson_in(first)) as state:
        settled(state)
    kept = owners(cache_home)
    # the student sheet, the key, and the levels' student sheets that the glance counts
    assert len(kept) >= 3 and all(folders == {str(first)} for folders in kept.values())
    with previewing(lesson_in(again)) as state:
        settled(state)
    assert owners(cache_home) == {name: {str(first), str(again)} for name in kept}


def test_the_layouts_of_an_edit_are_not_kept(tmp_path: Path, cache_home: Path) -> None:
    lesson = lesson_in(tmp_path / "a")
    with previewing(lesson) as state:
        shown = settled(state)
        kept = owners(cache_home)
        lesson.write_text(LESSON.replace("The library hours", "The new library hours"))
        edited = settled(state, version=shown["documents"][0]["version"])
        assert edited["documents"][0]["count"]
    assert owners(cache_home) == kept


def test_a_build_after_the_preview_lays_out_nothing(tmp_path: Path, cache_home: Path) -> None:
    lesson = lesson_in(tmp_path / "a")
    with previewing(lesson) as state:
        settled(state)
    kept = owners(cache_home)
    built = run_cli(["build", lesson, "--out", tmp_path / "out"], cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "out" / "lesson" / "student.pdf").is_file()
    now = owners(cache_home)
    assert now.keys() == kept.keys()
    # the build's two documents were taken from the cache, which names the build's folder
    assert sum(1 for folders in now.values() if str(tmp_path) in folders) == 2
