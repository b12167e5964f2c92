"""The layout cache: a rebuild reuses unchanged layouts, gives the same bytes, never a stale one.

Every test builds real PDFs with WeasyPrint into a cache folder of its own
(``XDG_CACHE_HOME``), and compares with a build that had an empty cache.
"""

from __future__ import annotations

import datetime
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from medialit.build.run import BuildOptions, build_lesson
from medialit.layout.cache import FORMAT, LayoutCache, cache_folder
from medialit.settings.layers import load_configuration

from .conftest import DATA, configuration, pdf_fonts, pdf_text

pytestmark = pytest.mark.build

EARLY = datetime.datetime(2023, 11, 14, 22, 13, 20, tzinfo=datetime.UTC)
LATE = datetime.datetime(2027, 1, 15, 8, 0, 0, tzinfo=datetime.UTC)
FONTS = Path(str(resources.files("medialit") / "fonts"))


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder for this test; returns the folder its entries go in."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "medialit" / FORMAT


def entries(cache: Path) -> set[str]:
    return {file.name for file in cache.glob("*/*.pages")}


def outputs(folder: Path) -> dict[str, bytes]:
    return {
        str(file.relative_to(folder)): file.read_bytes()
        for file in sorted(folder.rglob("*"))
        if file.is_file()
    }


def roster(folder: Path, *names: str) -> Path:
    file = folder / f"class-{names[0]}.csv"
    file.write_text("name\n" + "\n".join(names) + "\n", encoding="utf-8")
    return file


def build(lesson: Path, out: Path, **options: Any) -> dict[str, bytes]:
    settings = options.pop("settings", {})
    build_lesson(lesson, BuildOptions(out=out, configuration=configuration(**settings), **options))
    return outputs(out)


def uncached(
    lesson: Path, out: Path, monkeypatch: pytest.MonkeyPatch, **options: Any
) -> dict[str, bytes]:
    """The same build without the layout cache (and no cache folder to find)."""
    with monkeypatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(out.parent / f"{out.name}-no-cache"))
        outputs = build(lesson, out, cache=False, **options)
    assert not (out.parent / f"{out.name}-no-cache").exists()
    return outputs


def test_cache_folder_follows_xdg() -> None:
    assert cache_folder({"XDG_CACHE_HOME": "/srv/cache"}) == Path("/srv/cache/medialit")
    assert cache_folder({}) == Path.home() / ".cache" / "medialit"
    assert cache_folder({"XDG_CACHE_HOME": "relative"}) == Path.home() / ".cache" / "medialit"


def test_a_new_roster_reuses_the_worksheets_and_keys(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lesson = DATA / "sample.yaml"
    build(
        lesson, tmp_path / "first", roster=roster(tmp_path, "Ana", "Ben"), versions=2, created=EARLY
    )
    # Two worksheets and two keys; the cover and the name tags are drawn, not laid out.
    assert len(entries(cache)) == 4
    new_class = roster(tmp_path, "Cara", "Dan", "Eve")
    again = build(lesson, tmp_path / "again", roster=new_class, versions=2, created=LATE)
    # Nothing was laid out again: the cover and the name tags, which name the students, are drawn.
    assert len(entries(cache)) == 4
    fresh = uncached(
        lesson, tmp_path / "fresh", monkeypatch, roster=new_class, versions=2, created=LATE
    )
    assert again.keys() == fresh.keys()
    for name in fresh:  # byte for byte, the reused layouts dated anew included
        assert again[name] == fresh[name], name
    assert "Cara" in pdf_text(tmp_path / "again" / "sample" / "class-pack.pdf")


def test_undated_builds_are_reused_too(tmp_path: Path, cache: Path) -> None:
    lesson = DATA / "sample.yaml"
    first = build(lesson, tmp_path / "a", created=None)
    assert len(entries(cache)) == 2
    assert build(lesson, tmp_path / "b", created=None) == first
    assert len(entries(cache)) == 2
    # A dated build is keyed apart: its PDF has dates written where an undated one has none.
    build(lesson, tmp_path / "c", created=EARLY)
    assert len(entries(cache)) == 4


def test_a_changed_template_misses(tmp_path: Path, cache: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    header = (
        '{% extends "!student.html" %}{% block header %}<p>Version N</p>{{ super() }}{% endblock %}'
    )

    def with_templates(out: Path) -> str:
        configured = load_configuration(tmp_path, templates=templates)
        build_lesson(
            DATA / "sample.yaml", BuildOptions(out=out, configuration=configured, created=EARLY)
        )
        return pdf_text(out / "sample" / "student.pdf")

    (templates / "student.html").write_text(header.replace("N", "one"))
    assert "Version one" in with_templates(tmp_path / "one")
    (templates / "student.html").write_text(header.replace("N", "two"))
    text = with_templates(tmp_path / "two")
    assert "Version two" in text and "Version one" not in text


def test_a_changed_setting_misses(tmp_path: Path, cache: Path) -> None:
    lesson = DATA / "sample.yaml"
    build(lesson, tmp_path / "a", created=EARLY, settings={"school": "Hill School"})
    build(lesson, tmp_path / "b", created=EARLY, settings={"school": "Vale School"})
    text = pdf_text(tmp_path / "b" / "sample" / "student.pdf").upper()
    assert "VALE SCHOOL" in text and "HILL SCHOOL" not in text


def test_a_changed_font_file_misses(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The HTML names the same font file; only its bytes change."""
    theme = tmp_path / "theme"
    (theme / "fonts").mkdir(parents=True)
    font = theme / "fonts" / "teacher.ttf"
    shutil.copy(FONTS / "andika" / "Andika-Regular.ttf", font)
    (theme / "theme.css").write_text(
        "@font-face { font-family: Teacher; src: url(\"{{ asset('fonts/teacher.ttf') }}\"); }\n"
        "body, .article, p, li, td, th, h1, h2, h3 { font-family: Teacher !important; }\n"
    )
    lesson = DATA / "sample.yaml"
    first = build(lesson, tmp_path / "a", created=EARLY, settings={"theme": str(theme)})
    assert "Teacher" in pdf_fonts(tmp_path / "a" / "sample" / "student.pdf")
    shutil.copy(FONTS / "charis" / "CharisSIL-Regular.ttf", font)
    again = build(lesson, tmp_path / "b", created=EARLY, settings={"theme": str(theme)})
    # The new font's glyphs are embedded: not the first build's bytes, but a fresh build's.
    assert again["sample/student.pdf"] != first["sample/student.pdf"]
    assert again == uncached(
        lesson, tmp_path / "c", monkeypatch, created=EARLY, settings={"theme": str(theme)}
    )


def test_a_damaged_entry_is_ignored_and_replaced(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lesson = DATA / "sample.yaml"
    first = build(lesson, tmp_path / "a", created=EARLY)
    for pages in cache.glob("*/*.pages"):
        pages.write_bytes(pages.read_bytes()[:100])
    for about in list(cache.glob("*/*.json"))[:1]:
        about.write_text("{not json")
    assert build(lesson, tmp_path / "b", created=EARLY) == first
    # Replaced by good entries, which the next build uses.
    replaced = {file: file.read_bytes() for file in cache.glob("*/*")}
    assert len(replaced) == 4
    assert build(lesson, tmp_path / "c", created=EARLY) == first
    assert {file: file.read_bytes() for file in cache.glob("*/*")}.keys() == replaced.keys()
    assert not list(cache.glob("*/.*"))  # no temporary file left behind


def test_the_cache_keeps_to_its_size_bound(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lesson = DATA / "sample.yaml"
    build(lesson, tmp_path / "a", created=EARLY)
    sizes = {file.name: file.stat().st_size for file in cache.glob("*/*")}
    one_entry = max(sizes.values()) + 10_000
    monkeypatch.setenv("MEDIALIT_CACHE_MAX_MB", str(one_entry / 1024 / 1024))
    build(lesson, tmp_path / "b", created=EARLY, settings={"school": "Hill School"})
    assert sum(file.stat().st_size for file in cache.glob("*/*")) <= one_entry
    assert len(entries(cache)) == 1


def test_least_recently_used_entries_go_first(tmp_path: Path) -> None:
    store = LayoutCache(tmp_path, owner=tmp_path, max_bytes=10**9)
    for key in ("a1", "b2", "c3"):
        store.put(key * 32, b"x" * 1000, [], [])
    assert store.get("a1" * 32) is not None  # used: now the most recent
    # The entries only: the folder also holds the secret the entries are signed with.
    store.max_bytes = sum(file.stat().st_size for file in tmp_path.glob(f"{FORMAT}/*/*")) - 1
    store.evict()
    assert store.get("a1" * 32) is not None
    assert store.get("b2" * 32) is None
    assert store.get("c3" * 32) is not None
