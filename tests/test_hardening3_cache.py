"""Hardening, round three (issue 26, items 2, 5 and 17): the layout cache runs nothing it finds,
is the teacher's alone, follows no link, and says what is wrong with its size variable.

Every case runs the real CLI in a process (``run_medialit``) with real WeasyPrint
and a cache folder of its own (``XDG_CACHE_HOME``). The other account is real
too: ``setpriv`` runs a command as ``nobody`` (uid 65534) in a folder under
``/tmp`` that everyone may write, as a shared machine's would be.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import stat
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from .hardening_support import GOOD, run_medialit

pytestmark = pytest.mark.build

NOBODY = 65534
OWN_FOLDER = (
    "use a cache folder of your own: set XDG_CACHE_HOME to a folder only you can write "
    '(for example export XDG_CACHE_HOME="$HOME/.cache").'
)
NOT_USED = "Warning: the layout cache was not used, so documents were laid out afresh: "


@pytest.fixture
def teacher(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with one lesson, dated builds, and a cache folder of its own."""
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "good.yaml").write_text(GOOD)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder under /tmp that every account may write (sticky, as /tmp itself)."""
    if os.geteuid() != 0:
        pytest.skip("acting as a second account (setpriv) needs root")
    folder = Path(tempfile.mkdtemp(prefix="medialit-shared-", dir="/tmp"))
    folder.chmod(0o1777)
    yield folder
    shutil.rmtree(folder)


# What the other account runs: the teacher's cache folder, if any, is swapped for a copy
# whose every entry is a pickle that runs a command, its hash fixed.
SWAP = """
import hashlib, json, os, pickle, shutil, sys
from pathlib import Path
cache = Path(sys.argv[1]) / "medialit"
class Command:
    def __reduce__(self):
        return os.system, ("touch " + sys.argv[2],)
if cache.exists():
    shutil.copytree(cache, cache.with_name("copy"))
    cache.rename(cache.with_name("teachers"))
    cache.with_name("copy").rename(cache)
    for pages in cache.glob("*/*/*.pages"):
        data = pickle.dumps(Command())
        pages.write_bytes(data)
        about = json.loads(pages.with_suffix(".json").read_text())
        about["pages"] = hashlib.sha256(data).hexdigest()
        pages.with_suffix(".json").write_text(json.dumps(about))
"""


def as_nobody(*command: str) -> None:
    subprocess.run(
        ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command],
        check=True,
        capture_output=True,
    )


def build(folder: Path) -> subprocess.CompletedProcess[str]:
    result = run_medialit(["build", "--quiet"], folder)
    assert result.returncode == 0, result.stderr
    return result


def pages_files(cache: Path) -> list[Path]:
    return sorted(cache.glob("medialit/*/*/*.pages"))


def sheets(folder: Path) -> dict[str, bytes]:
    return {file.name: file.read_bytes() for file in (folder / "build" / "good").glob("*.pdf")}


def craft(pages_file: Path, marker: Path) -> None:
    """What an attacker who can write the cache does: a pickle that runs a command,
    with its hash fixed in the entry's description."""

    class Command:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return os.system, (f"touch {marker}",)

    data = pickle.dumps(Command())
    pages_file.write_bytes(data)
    about_file = pages_file.with_suffix(".json")
    about = json.loads(about_file.read_text())
    about["pages"] = hashlib.sha256(data).hexdigest()
    about_file.write_text(json.dumps(about))


def test_a_crafted_cache_entry_runs_nothing_and_is_replaced(teacher: Path) -> None:
    build(teacher)
    first = sheets(teacher)
    marker = teacher / "ran"
    for pages_file in pages_files(teacher / "cache"):
        craft(pages_file, marker)
    result = run_medialit(["build", "--quiet"], teacher)
    assert not marker.exists(), "a cache entry ran a command"
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # damaged or forged entries are replaced silently
    assert sheets(teacher) == first
    from medialit.layout import kept_pages  # here, so that the cases above run against main too

    # What is kept now is plain PDF data, which the next build reuses.
    for pages_file in pages_files(teacher / "cache"):
        assert pages_file.read_bytes().startswith(kept_pages.MAGIC)


def test_kept_pages_never_unpickle(tmp_path: Path) -> None:
    from medialit.layout import kept_pages

    marker = tmp_path / "ran"

    class Command:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return os.system, (f"touch {marker}",)

    for data in (pickle.dumps(Command()), kept_pages.MAGIC + pickle.dumps(Command())):
        with pytest.raises(ValueError):
            kept_pages.restore(data)
    assert not marker.exists()


def test_the_cache_folder_and_its_entries_are_private(teacher: Path) -> None:
    build(teacher)
    cache = teacher / "cache" / "medialit"
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    for path in cache.rglob("*"):
        assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600), path


def test_a_cache_folder_another_account_made_is_not_used(
    teacher: Path, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other account makes the cache folder first, in a cache home everyone shares."""
    as_nobody("mkdir", "-m", "777", str(shared / "medialit"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared))
    result = build(teacher)
    assert list((shared / "medialit").iterdir()) == []  # nothing kept where nobody can change it
    assert result.stderr == (
        f"{NOT_USED}{shared / 'medialit'} belongs to another user (nobody), who could change "
        f"the layouts medialit keeps there; {OWN_FOLDER}\n"
    )
    assert (teacher / "build" / "good" / "student.pdf").is_file()
    # Nor are the teacher's kept layouts removed from it.
    clean = run_medialit(["clean"], teacher)
    assert clean.returncode == 0, clean.stderr
    assert clean.stderr == (
        f"Warning: the kept layouts were left alone: {shared / 'medialit'} belongs to another "
        f"user (nobody), who could change the layouts medialit keeps there; {OWN_FOLDER}\n"
    )


def test_a_cache_home_anyone_can_replace_things_in_is_not_used(
    teacher: Path, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the sticky bit, another account can swap the teacher's cache folder for a copy
    of its own with crafted entries (on main it could, and the next build ran its command)."""
    shared.chmod(0o777)
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared))
    message = (
        f"{NOT_USED}{shared} can be changed by other users (drwxrwxrwx), who could put a folder "
        f"of their own in the place of the layout cache {shared / 'medialit'}; make it yours "
        f"alone with: chmod go-w {shared}\n"
    )
    first = build(teacher)
    marker = teacher / "ran"
    as_nobody("/usr/bin/python3", "-c", SWAP, str(shared), str(marker))
    second = run_medialit(["build", "--quiet"], teacher)
    assert not marker.exists(), "another account's cache entry ran a command as the teacher"
    assert first.stderr == second.stderr == message
    assert not (shared / "medialit").exists()


def test_a_cache_folder_others_can_write_is_refused_with_the_chmod_that_fixes_it(
    teacher: Path,
) -> None:
    build(teacher)
    cache = teacher / "cache" / "medialit"
    cache.chmod(0o777)
    result = build(teacher)
    assert result.stderr == (
        f"{NOT_USED}{cache} can be changed by other users (drwxrwxrwx), who could change the "
        f"layouts medialit keeps there; make the cache folder yours alone with: "
        f"chmod -R go-rwx {cache}\n"
    )
    subprocess.run(["chmod", "-R", "go-rwx", str(cache)], check=True)  # as the message says
    assert build(teacher).stderr == ""


def test_a_link_in_the_cache_folder_is_not_written_through(teacher: Path) -> None:
    build(teacher)
    elsewhere = teacher / "elsewhere"
    elsewhere.mkdir()
    links = []
    for folder in sorted((teacher / "cache").glob("medialit/*/??")):
        shutil.rmtree(folder)
        folder.symlink_to(elsewhere, target_is_directory=True)
        links.append(folder)
    result = build(teacher)
    assert list(elsewhere.iterdir()) == [], "kept layouts were written through a link"
    assert result.stderr in {  # the first link the build came to
        f"{NOT_USED}{link} is a link, and medialit never reads, writes or deletes through "
        f"a link in its cache folder; remove the link: rm {link}\n"
        for link in links
    }


def test_clean_deletes_nothing_through_a_link_in_the_cache_folder(teacher: Path) -> None:
    build(teacher)
    documents = teacher / "documents"
    documents.mkdir()
    # A teacher's own files that happen to look like kept layouts.
    (documents / "report.pages").write_text("my report")
    (documents / "report.json").write_text("{not medialit's}")
    # Named as the two first letters of an entry's name, as medialit names its folders.
    link = next((teacher / "cache").glob("medialit/*")) / "re"
    link.symlink_to(documents, target_is_directory=True)
    result = run_medialit(["clean"], teacher)
    assert result.returncode == 0, result.stderr
    assert sorted(file.name for file in documents.iterdir()) == ["report.json", "report.pages"]
    assert result.stderr == (
        f"Warning: left alone: {link} is a link, and medialit never reads, writes or deletes "
        f"through a link in its cache folder; remove the link: rm {link}\n"
    )
    assert result.stdout.splitlines()[1].startswith("removed 2 kept layouts")


@pytest.mark.parametrize(
    ("command", "value"),
    [("build", value) for value in ("inf", "-inf", "nan", "1e400", "-5", "lots")]
    + [("clean", "inf"), ("clean", "lots")],
)
def test_a_cache_size_that_is_not_a_size_is_refused(
    teacher: Path, monkeypatch: pytest.MonkeyPatch, command: str, value: str
) -> None:
    monkeypatch.setenv("MEDIALIT_CACHE_MAX_MB", value)
    result = run_medialit([command], teacher)
    assert result.returncode == 1, result.stderr
    assert result.stderr == (
        f"Error: MEDIALIT_CACHE_MAX_MB={value} is not a size; set it to the most megabytes "
        "of laid-out documents to keep (a number such as 500, or 0 to keep none), "
        "or unset it.\n"
    )
    assert not (teacher / "build").exists()


def test_a_link_to_the_cache_folder_is_used_and_a_pipe_in_it_is_refused(tmp_path: Path) -> None:
    """A link *to* the cache folder (``~/.cache`` on another disk) is fine; a pipe put in an
    entry's place is refused at once, not waited on (it would never end)."""
    from medialit.layout.cache import FORMAT, CachedLayout, LayoutCache

    real = tmp_path / "disk" / "medialit"
    real.mkdir(parents=True, mode=0o700)
    link = tmp_path / "medialit"
    link.symlink_to(real, target_is_directory=True)
    key = "ab" * 32
    store = LayoutCache(link, owner=tmp_path, max_bytes=10**9)
    store.put(key, b"kept pages", [], [])
    assert store.get(key) == CachedLayout(b"kept pages", [])
    assert store.refused is None
    about = real / FORMAT / "ab" / f"{key}.json"
    about.unlink()
    os.mkfifo(about)
    found: list[object] = []
    reader = threading.Thread(
        target=lambda: found.append(LayoutCache(link, owner=tmp_path).get(key))
    )
    reader.daemon = True
    reader.start()
    reader.join(timeout=20)
    assert found == [None], "reading the cache waited on a pipe"
    again = LayoutCache(link, owner=tmp_path)
    assert again.get(key) is None
    assert again.refused == (
        f"{about} is not a file, but medialit keeps layouts there; remove it: rm {about}"
    )
