"""Any unreadable kept layout is a miss: laid out again, the same PDF, never a crash.

A real build fills the cache; each test spoils every entry one way (cut short,
garbage, another format version, written by a newer medialit, a replaced secret),
builds again with the warm cache and compares with the first build, byte for byte.
A miss is seen in the cache itself: the spoiled entry was replaced by a new one
(a new file), where a hit leaves the kept pages' file as it was.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from medialit.build.run import BuildOptions, build_lesson
from medialit.cli import main
from medialit.layout.cache import FORMAT, KEY, LayoutCache
from medialit.layout.kept_pages import MAGIC

from .conftest import DATA, configuration

pytestmark = pytest.mark.build

EARLY = datetime.datetime(2023, 11, 14, 22, 13, 20, tzinfo=datetime.UTC)
LESSON = DATA / "sample.yaml"
Spoil = Callable[[LayoutCache, str, Path, Path], None]


def outputs(folder: Path) -> dict[str, bytes]:
    return {str(f.relative_to(folder)): f.read_bytes() for f in folder.rglob("*.pdf")}


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A cache filled by one real build (kept apart), and that build's PDFs."""
    folder = tmp_path_factory.mktemp("warm")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(folder / "cache"))
        build_lesson(
            LESSON, BuildOptions(out=folder / "out", configuration=configuration(), created=EARLY)
        )
    return folder / "cache", outputs(folder / "out")


def cut_pages(cache: LayoutCache, key: str, about: Path, pages: Path) -> None:
    pages.write_bytes(pages.read_bytes()[: pages.stat().st_size // 2])


def garbage_pages(cache: LayoutCache, key: str, about: Path, pages: Path) -> None:
    pages.write_bytes(os.urandom(pages.stat().st_size))


def cut_description(cache: LayoutCache, key: str, about: Path, pages: Path) -> None:
    about.write_bytes(about.read_bytes()[: about.stat().st_size // 2])


def garbage_description(cache: LayoutCache, key: str, about: Path, pages: Path) -> None:
    about.write_bytes(os.urandom(about.stat().st_size))


def deep_description(cache: LayoutCache, key: str, about: Path, pages: Path) -> None:
    """JSON nested deeper than Python's parser goes (it raises RecursionError)."""
    about.write_bytes(b"[" * 100_000 + b"]" * 100_000)


def older_format(cache: LayoutCache, key: str, about: Path, pages: Path) -> None:
    """The entry says it is of format ``layouts-2``, whole and otherwise as it was."""
    described = json.loads(about.read_bytes())
    described["format"] = "layouts-2"
    about.write_text(json.dumps(described))


def described_otherwise(cache: LayoutCache, key: str, about: Path, pages: Path) -> None:
    """Valid JSON of the right format, with values of the wrong kinds."""
    described = json.loads(about.read_bytes())
    described.update(fetched=[[1, 2, 3]], owners={"a": 1}, refused="no", mac=7)
    about.write_text(json.dumps(described))


def newer_medialit(cache: LayoutCache, key: str, about: Path, pages: Path) -> None:
    """Kept pages of a later version, signed as this account's own (they pass every check
    of the description; only their own reader can tell).
    """
    kept = pages.read_bytes()
    cache.put(key, MAGIC.replace(b"1\n", b"2\n") + kept[len(MAGIC) :], [], [])
    found = cache.get(key)
    assert found is not None and found.pages.startswith(b"medialit kept pages 2\n")


def signed_cut_pages(cache: LayoutCache, key: str, about: Path, pages: Path) -> None:
    kept = pages.read_bytes()
    cache.put(key, kept[: len(kept) // 2], [], [])
    assert cache.get(key) is not None  # signed: read back, to be found damaged when written


def signed_garbage_pages(cache: LayoutCache, key: str, about: Path, pages: Path) -> None:
    cache.put(key, MAGIC + os.urandom(pages.stat().st_size), [], [])
    assert cache.get(key) is not None


def _signed_header(
    cache: LayoutCache, key: str, pages: Path, change: Callable[[dict[str, Any]], None]
) -> None:
    kept = pages.read_bytes()
    end = kept.index(b"\n", len(MAGIC))
    header = json.loads(kept[len(MAGIC) : end])
    change(header)
    cache.put(key, MAGIC + json.dumps(header).encode() + kept[end:], [], [])


def signed_negative_generations(cache: LayoutCache, key: str, about: Path, pages: Path) -> None:
    """Objects of negative generations: pydyf cannot write their cross-reference entries."""

    def change(header: dict[str, Any]) -> None:
        header["objects"] = [[-5, *entry[1:]] for entry in header["objects"]]

    _signed_header(cache, key, pages, change)


def signed_catalog_elsewhere(cache: LayoutCache, key: str, about: Path, pages: Path) -> None:
    _signed_header(cache, key, pages, lambda header: header.update(catalog=10**9))


def replaced_secret(cache: LayoutCache, key: str, about: Path, pages: Path) -> None:
    """The secret entries are signed with is replaced: none of them is this cache's now."""
    (about.parent.parent / KEY).write_bytes(os.urandom(32))


SPOILS: list[Spoil] = [
    cut_pages,
    garbage_pages,
    cut_description,
    garbage_description,
    deep_description,
    older_format,
    described_otherwise,
    newer_medialit,
    signed_cut_pages,
    signed_garbage_pages,
    signed_negative_generations,
    signed_catalog_elsewhere,
    replaced_secret,
]


def file_identity(path: Path) -> tuple[int, int]:
    """The inode and change time of a file: a file written anew differs in one of them even
    when the file system gives it the inode number the old one had."""
    status = path.stat()
    return status.st_ino, status.st_ctime_ns


def spoiled_cache(tmp_path: Path, warm: Path, spoil: Spoil) -> dict[Path, tuple[int, int]]:
    """A copy of the warm cache with every entry spoiled; the kept pages' files, by inode."""
    shutil.copytree(warm, tmp_path / "cache")
    folder = tmp_path / "cache" / "medialit" / FORMAT
    cache = LayoutCache()
    found = sorted(folder.glob("*/*.pages"))
    assert len(found) == 2  # the student sheet and the key
    for pages in found:
        key = pages.name.removesuffix(".pages")
        spoil(cache, key, pages.with_suffix(".json"), pages)
    return {pages: file_identity(pages) for pages in found}


@pytest.mark.parametrize("spoil", SPOILS, ids=lambda spoil: spoil.__name__)
def test_a_spoiled_entry_is_a_miss_and_the_pdf_is_right(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    warm: tuple[Path, dict[str, bytes]],
    spoil: Spoil,
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    inodes = spoiled_cache(tmp_path, warm[0], spoil)
    build_lesson(
        LESSON, BuildOptions(out=tmp_path / "out", configuration=configuration(), created=EARLY)
    )
    assert outputs(tmp_path / "out") == warm[1]
    for pages, inode in inodes.items():  # laid out again and kept anew: a miss
        assert pages.read_bytes().startswith(MAGIC)
        assert file_identity(pages) != inode
    # The new entries are good ones: the next build takes both from the cache.
    inodes = {pages: file_identity(pages) for pages in inodes}
    build_lesson(
        LESSON, BuildOptions(out=tmp_path / "again", configuration=configuration(), created=EARLY)
    )
    assert outputs(tmp_path / "again") == warm[1]
    assert {pages: file_identity(pages) for pages in inodes} == inodes


def test_a_warm_cache_is_a_hit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warm: tuple[Path, dict[str, bytes]]
) -> None:
    """What the tests above call a miss is not what a hit looks like."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    inodes = spoiled_cache(tmp_path, warm[0], lambda *_: None)
    build_lesson(
        LESSON, BuildOptions(out=tmp_path / "out", configuration=configuration(), created=EARLY)
    )
    assert outputs(tmp_path / "out") == warm[1]
    assert {pages: file_identity(pages) for pages in inodes} == inodes


def test_the_command_says_nothing_of_a_spoiled_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warm: tuple[Path, dict[str, bytes]]
) -> None:
    """A teacher's build: exit 0, no warning, no traceback, the lesson's PDFs written."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)  # no working folder's settings: the warm build had none
    inodes = spoiled_cache(tmp_path, warm[0], deep_description)
    result = CliRunner().invoke(main, ["build", str(LESSON), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert sorted(outputs(tmp_path / "out")) == sorted(warm[1])
    assert all(file_identity(pages) != inode for pages, inode in inodes.items())  # looked up
