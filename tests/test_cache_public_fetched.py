"""A changed fetched file (an image, a stylesheet) is laid out again, whenever it changed.

Each kept layout records the state of every file the layout read, taken from the
bytes WeasyPrint was given (``fingerprints.py``), so a file saved again after the
layout read it, or between two reads of one layout, never lets a stale layout through.
Real builds, real files, a cache folder of each test's own.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from PIL import Image

from medialit.build.laying_out import Layout, lay_out
from medialit.build.run import BuildOptions, build_lesson
from medialit.layout.cache import FORMAT, LayoutCache, layout_key
from medialit.layout.fetching import GuardedFetcher
from medialit.layout.fingerprints import CHANGED, fingerprint
from medialit.settings.layers import Configuration, load_configuration

from .conftest import DATA, configuration

pytestmark = pytest.mark.build

EARLY = datetime.datetime(2023, 11, 14, 22, 13, 20, tzinfo=datetime.UTC)
LESSON = DATA / "sample.yaml"
RED, BLUE = (200, 0, 0), (0, 0, 200)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "medialit" / FORMAT


def picture(file: Path, colour: tuple[int, int, int]) -> None:
    file.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (40, 40), colour).save(file)


def build(out: Path, configured: Configuration, cache: bool = True) -> dict[str, bytes]:
    build_lesson(
        LESSON, BuildOptions(out=out, configuration=configured, created=EARLY, cache=cache)
    )
    return {file.name: file.read_bytes() for file in (out / "sample").glob("*.pdf")}


def kept(cache: Path) -> dict[str, int]:
    """The kept pages' files, by inode: a layout kept anew (a miss) is a new file."""
    return {file.name: file.stat().st_ino for file in cache.glob("*/*.pages")}


def laid_out_again(before: dict[str, int], after: dict[str, int]) -> int:
    assert before.keys() == after.keys()  # the same HTML: the same keys, entries replaced
    return sum(before[name] != after[name] for name in before)


def test_a_changed_image_in_the_template_folder_is_laid_out_again(
    tmp_path: Path, cache: Path
) -> None:
    templates = tmp_path / "templates"
    picture(templates / "images" / "crest.png", RED)
    (templates / "student.html").write_text(
        '{% extends "!student.html" %}{% block header %}'
        '<img src="{{ asset(\'images/crest.png\') }}" style="width: 2cm" alt="Crest">'
        "{{ super() }}{% endblock %}"
    )
    configured = load_configuration(tmp_path, templates=templates)
    first = build(tmp_path / "red", configured)
    entries = kept(cache)
    assert len(entries) == 2
    assert build(tmp_path / "same", configured) == first
    assert laid_out_again(entries, kept(cache)) == 0  # unchanged: both reused
    picture(templates / "images" / "crest.png", BLUE)  # same name, same size, new bytes
    again = build(tmp_path / "blue", configured)
    assert laid_out_again(entries, kept(cache)) == 1  # the student sheet; the key reused
    assert again["student.pdf"] != first["student.pdf"]
    assert again == build(tmp_path / "fresh", configured, cache=False)


def test_a_changed_theme_picture_is_laid_out_again(tmp_path: Path, cache: Path) -> None:
    """The theme's stylesheet (part of the HTML) names a picture in the theme's folder."""
    theme = tmp_path / "theme"
    picture(theme / "images" / "paper.png", RED)
    (theme / "theme.css").write_text(
        "h1 { background: url(\"{{ asset('images/paper.png') }}\") left / 1cm repeat-y; }\n"
    )
    configured = configuration(theme=str(theme))
    first = build(tmp_path / "red", configured)
    entries = kept(cache)
    picture(theme / "images" / "paper.png", BLUE)
    again = build(tmp_path / "blue", configured)
    assert laid_out_again(entries, kept(cache)) == 2  # both sheets' headings have it
    assert again["student.pdf"] != first["student.pdf"]
    assert again == build(tmp_path / "fresh", configured, cache=False)


def test_a_changed_linked_stylesheet_is_laid_out_again(tmp_path: Path, cache: Path) -> None:
    """A stylesheet a template links to is fetched as a file, not part of the HTML."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "colours.css").write_text("h1, h2 { color: rgb(200, 0, 0) !important; }\n")
    (templates / "student.html").write_text(
        '{% extends "!student.html" %}{% block header %}'
        '<link rel="stylesheet" href="{{ asset(\'colours.css\') }}">'
        "{{ super() }}{% endblock %}"
    )
    configured = load_configuration(tmp_path, templates=templates)
    first = build(tmp_path / "red", configured)
    entries = kept(cache)
    (templates / "colours.css").write_text("h1, h2 { color: rgb(0, 0, 200) !important; }\n")
    again = build(tmp_path / "blue", configured)
    assert laid_out_again(entries, kept(cache)) == 1  # the student sheet links to it
    assert again["student.pdf"] != first["student.pdf"]
    assert again == build(tmp_path / "fresh", configured, cache=False)


def test_a_file_saved_again_after_the_layout_read_it_is_never_served_stale(
    tmp_path: Path,
) -> None:
    """The state kept is the one the layout read, not the one found when it is kept."""
    picture(tmp_path / "crest.png", RED)
    html = '<html lang="en"><body><p>Crest</p><img src="crest.png"></body></html>'
    layout = Layout(html, tmp_path, (), EARLY, keep_pages=True)
    key = layout_key(html, tmp_path, (), dated=True)
    store = LayoutCache(tmp_path / "cache", owner=tmp_path)

    laid_out = lay_out(layout)
    store.put(key, laid_out.pages, laid_out.refused, laid_out.fetched)
    assert store.get(key) is not None  # kept, and unchanged: reused

    laid_out = lay_out(layout)
    picture(tmp_path / "crest.png", BLUE)  # saved again between the layout and keeping it
    store.put(key, laid_out.pages, laid_out.refused, laid_out.fetched)
    assert store.get(key) is None  # the kept layout shows the red crest: never served


def test_a_file_that_changes_between_two_reads_matches_nothing(tmp_path: Path) -> None:
    picture(tmp_path / "crest.png", RED)
    url = (tmp_path / "crest.png").as_uri()
    fetcher = GuardedFetcher([tmp_path])
    fetcher.fetch(url)
    assert fetcher.fetched[url] == fingerprint(url)
    fetcher.fetch(url)
    assert fetcher.fetched[url] == fingerprint(url)  # read twice, the same: still its state
    picture(tmp_path / "crest.png", BLUE)
    fetcher.fetch(url)
    assert fetcher.fetched[url] == CHANGED
    assert CHANGED not in (fingerprint(url), fingerprint(url + "x"))


def test_a_refused_file_is_recorded_as_it_was_then(tmp_path: Path) -> None:
    """A missing picture laid out as missing: once it is saved, the layout is stale."""
    url = (tmp_path / "crest.png").as_uri()
    fetcher = GuardedFetcher([tmp_path])
    with pytest.raises(ValueError):
        fetcher.fetch(url)
    assert fetcher.fetched[url] == fingerprint(url)
    picture(tmp_path / "crest.png", RED)
    assert fetcher.fetched[url] != fingerprint(url)
