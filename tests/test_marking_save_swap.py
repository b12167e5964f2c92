"""The marking page's save is stale-safe to the last moment, as the preview's is.

A save on the marking page checks that marks.json is still the file the teacher's page saw,
then puts the new file in its place. ``medialit mark`` reading more scans (or another tab)
may write marks.json between the check and the replace: the page's save then swaps the two
files in one step (``renameat2``, through ``preview/saving.py``), sees the other save in
the file swapped out, puts it back and refuses its own mark as stale. Real files and real
renames; the other program's save is made at the last moment through the swap itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import medialit.preview.saving as saving
from medialit.marking.results import ClassMarks
from medialit.marking.store import MarksFile, StaleMarks

from .test_marking_store import small_class


def test_a_save_landing_just_before_the_swap_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "marks.json"
    small_class(path)
    other = tmp_path / "other" / "marks.json"
    small_class(other, name="Read again by medialit mark")
    real_exchange = saving._exchange
    swaps: list[Path] = []

    def mark_writes_then_swap(first: Path, second: Path) -> bool:
        if not swaps:  # medialit mark's atomic write, just after the page's check
            other.replace(path)
        swaps.append(first)
        return real_exchange(first, second)

    monkeypatch.setattr(saving, "_exchange", mark_writes_then_swap)
    store = MarksFile(path)
    seen = store.read()
    with pytest.raises(StaleMarks):
        store.decide(seen.version, 1, "according-survey-results", band=2)
    assert swaps  # the swap was made, then undone
    assert ClassMarks.load(path).copies[0].name == "Read again by medialit mark"
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["marks.json"]


def test_where_files_cannot_be_swapped_a_save_still_checks_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(saving, "_renameat2", None)  # as on macOS, or a file system without it
    path = tmp_path / "marks.json"
    small_class(path)
    store = MarksFile(path)
    seen = store.read()
    saved = store.decide(seen.version, 1, "according-survey-results", band=2)
    assert ClassMarks.load(path).copies[0].statements[1].band == 2
    assert saved.version != seen.version
    small_class(path, name="Read again by medialit mark")
    with pytest.raises(StaleMarks):
        store.decide(saved.version, 1, "according-survey-results", band=3)
    assert ClassMarks.load(path).copies[0].name == "Read again by medialit mark"
