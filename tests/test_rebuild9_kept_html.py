"""Issue 27, session 9: a second class renders nothing (the sheets' HTML is kept beside the
layouts, ``build/kept_html.py``), and kept HTML is never served stale.

Real builds with WeasyPrint into a cache folder of each test's own; a kept rendering is
compared with a build that had no cache at all.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

from medialit.build import kept_html, laying_out, sheet_pages
from medialit.build.kept_html import Unkeyable, canonical, folder_state
from medialit.build.output_marker import MARKER
from medialit.build.run import BuildOptions, build_lesson
from medialit.layout.cache import LayoutCache
from medialit.layout.page_fill import PageFill
from medialit.lesson.model import Lesson
from medialit.lesson.reading import read_lesson
from medialit.render import templates
from medialit.settings.layers import load_configuration
from medialit.settings.schema import Settings
from medialit.sheets.variants import PLAIN, Variant

from .conftest import DATA, pdf_text

pytestmark = pytest.mark.build

CREATED = datetime.datetime(2026, 12, 5, 9, 0, 0, tzinfo=datetime.UTC)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "medialit" / kept_html.HTML_FORMAT


def roster(folder: Path, *names: str) -> Path:
    file = folder / f"class-{names[0]}.csv"
    file.write_text("name\n" + "\n".join(names) + "\n", encoding="utf-8")
    return file


def pack(
    out: Path, class_list: Path, folder: Path | None = None, cache: bool = True, html: bool = False
) -> Path:
    configured = load_configuration(folder or DATA)
    options = BuildOptions(
        out=out,
        configuration=configured,
        created=CREATED,
        roster=class_list,
        versions=2,
        cache=cache,
        write_html=html,
    )
    # As a new process would: Jinja's compiled templates are kept in a process by file times.
    templates._cached_environment.cache_clear()
    build_lesson(DATA / "sample.yaml", options)
    return out / "sample"


@pytest.fixture
def measured(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The sheets measured from now on with pdfium (the measuring itself is real)."""
    sizes: list[int] = []

    def page_fill(pdf: bytes) -> PageFill:
        sizes.append(len(pdf))
        return real(pdf)

    real = laying_out.page_fill
    monkeypatch.setattr(laying_out, "page_fill", page_fill)
    monkeypatch.setattr(sheet_pages, "page_fill", page_fill)
    return sizes


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The templates rendered from now on, by name (the renders themselves are real)."""
    names: list[str] = []
    real = templates.render

    def render(env: Any, name: str, context: dict[str, Any]) -> str:
        names.append(name)
        return real(env, name, context)

    monkeypatch.setattr(templates, "render", render)
    return names


def test_a_second_class_renders_no_sheet_and_gets_the_same_pdfs(
    tmp_path: Path, cache: Path, rendered: list[str], measured: list[int]
) -> None:
    pack(tmp_path / "first", roster(tmp_path, "Ana Lima", "Ben Okafor", "Cleo Park"))
    assert "student.html" in rendered and "key.html" in rendered
    assert len(measured) == 2  # each key, once
    kept = sorted(cache.glob("*/*.html"))
    assert kept, "nothing was kept"
    rendered.clear()
    measured.clear()
    second = roster(tmp_path, "Dara Quinn", "Eli Rossi", "Fay Stone")
    again = pack(tmp_path / "second", second)
    assert rendered == []  # not even the cover and name tags: they are drawn
    assert measured == []  # the keys' last pages were measured with their layouts
    assert sorted(cache.glob("*/*.html")) == kept  # found, not kept anew
    fresh = pack(tmp_path / "fresh", second, cache=False)
    for name in ("class-pack.pdf", "key-A.pdf", "key-B.pdf", "cover.pdf"):
        assert (again / name).read_bytes() == (fresh / name).read_bytes(), name
    # The keys' page counts, kept with their layouts, as a fresh build measures them.
    assert (again / MARKER).read_text().replace("second", "fresh") == (fresh / MARKER).read_text()
    assert "Dara Quinn" in pdf_text(again / "class-pack.pdf")


def test_a_drawn_cover_is_still_written_as_html_when_asked(tmp_path: Path, cache: Path) -> None:
    class_list = roster(tmp_path, "Ana Lima", "Ben Okafor")
    pack(tmp_path / "first", class_list)
    again = pack(tmp_path / "again", class_list, html=True)
    assert "Ben Okafor" in (again / "cover.html").read_text(encoding="utf-8")


def test_a_changed_template_of_the_teachers_renders_again(
    tmp_path: Path, cache: Path, rendered: list[str]
) -> None:
    """A second class after the teacher edited a template: the stale HTML (and its kept layout)
    must not be served, though every input of the rendering is the same."""
    folder = tmp_path / "work"
    (folder / "templates").mkdir(parents=True)
    student = folder / "templates" / "student.html"
    header = '{% extends "!student.html" %}{% block header %}<p>Version N</p>{{ super() }}'
    student.write_text(header.replace("N", "one") + "{% endblock %}")
    first = pack(tmp_path / "one", roster(tmp_path, "Ana Lima", "Ben Okafor"), folder)
    assert "Version one" in pdf_text(first / "class-pack.pdf")
    status = student.stat()
    student.write_text(header.replace("N", "two") + "{% endblock %}")  # the same size
    os.utime(student, ns=(status.st_atime_ns, status.st_mtime_ns))  # and time
    rendered.clear()
    second = pack(tmp_path / "two", roster(tmp_path, "Cleo Park", "Dara Quinn"), folder)
    assert "student.html" in rendered
    text = pdf_text(second / "class-pack.pdf")
    assert "Version two" in text and "Version one" not in text


def test_a_file_added_beside_the_templates_renders_again(
    tmp_path: Path, cache: Path, rendered: list[str]
) -> None:
    """A template that the search path finds first from now on (the built-in one before)."""
    folder = tmp_path / "work"
    (folder / "templates").mkdir(parents=True)
    pack(tmp_path / "one", roster(tmp_path, "Ana Lima", "Ben Okafor"), folder)
    (folder / "templates" / "key.html").write_text(
        '{% extends "!key.html" %}{% block header %}<p>Teacher copy</p>{{ super() }}{% endblock %}'
    )
    rendered.clear()
    second = pack(tmp_path / "two", roster(tmp_path, "Cleo Park", "Dara Quinn"), folder)
    assert "key.html" in rendered
    assert "Teacher copy" in pdf_text(second / "key-A.pdf")


def test_canonical_tells_apart_what_a_template_could() -> None:
    values: list[object] = [1, 1.0, True, "1", [1], (1,), {"a": 1, "b": 2}, {"b": 2, "a": 1}]
    values += [Path("a"), "a", PLAIN, Variant(version="B"), frozenset({1}), None, 0.1 + 0.2, 0.3]
    forms = [repr(canonical(value)) for value in values]
    assert len(set(forms)) == len(forms)
    # The same data: the same form, however made.
    assert canonical(Variant(version="B")) == canonical(Variant(version="B"))
    # A pydantic model: which fields were set counts (a lesson's ``language:`` written or not).
    lesson = read_lesson(DATA / "sample.yaml").lesson
    assert "language" not in lesson.model_fields_set
    written = Lesson.model_validate({**lesson.model_dump(), "language": lesson.language})
    assert canonical(lesson) != canonical(written)
    assert canonical(Settings()) == canonical(Settings())
    assert canonical(Settings(language=None)) != canonical(Settings())
    assert canonical(Settings(school="Hill School")) != canonical(Settings())
    with pytest.raises(Unkeyable):
        canonical([object()])
    with pytest.raises(Unkeyable):
        canonical({"f": lambda: 1})


def test_folder_state_sees_bytes_links_and_new_files(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    (folder / "fonts").mkdir(parents=True)
    picture = folder / "fonts" / "crest.svg"
    picture.write_bytes(b"<svg>blue</svg>")

    def state() -> list[str]:
        return list(folder_state(folder))

    before = state()
    assert before == state()
    status = picture.stat()
    picture.write_bytes(b"<svg>red!</svg>")  # the same size and time, other bytes
    os.utime(picture, ns=(status.st_atime_ns, status.st_mtime_ns))
    changed = state()
    assert changed != before
    (folder / "other.css").write_text("")
    added = state()
    assert added != changed
    (folder / "link.html").symlink_to(picture)
    linked = state()
    assert linked != added
    (folder / "link.html").unlink()
    (folder / "link.html").symlink_to(folder / "other.css")
    assert state() != linked


def test_a_kept_fill_is_signed_apart_from_its_layout(tmp_path: Path) -> None:
    """A medialit that keeps no fill still takes the entry as its own (its signature does not
    cover the fill), and a fill changed in the cache is not believed, the layout still is."""
    store = LayoutCache(tmp_path / "cache", tmp_path)
    key = "ab" + "0" * 62
    store.put(key, b"kept pages", [], [], fill=(3, 0.25))
    about_file = store.folder / key[:2] / f"{key}.json"
    about = json.loads(about_file.read_text())
    without = {name: value for name, value in about.items() if name != "fill"}
    assert store._mac(key, without) == about["mac"]
    found = store.get(key)
    assert found is not None and found.fill == (3, 0.25)
    about["fill"][1] = 0.9  # another share, the old signature
    about_file.write_text(json.dumps(about))
    found = store.get(key)
    assert found is not None and found.pages == b"kept pages" and found.fill is None


def test_kept_html_changed_in_the_cache_is_not_served(
    tmp_path: Path, cache: Path, rendered: list[str]
) -> None:
    """Someone who can write the cache puts other HTML in an entry and fixes its hash: the
    entry is not this account's (its signature fails), so the sheets are rendered again."""
    pack(tmp_path / "first", roster(tmp_path, "Ana Lima", "Ben Okafor"))
    for kept in cache.glob("*/*.html"):
        forged = kept.read_bytes().replace(b"Version A", b"FORGED A")
        assert forged != kept.read_bytes()
        kept.write_bytes(forged)
        about_file = kept.with_suffix(".json")
        about = json.loads(about_file.read_text())
        about["pages"] = hashlib.sha256(forged).hexdigest()
        about_file.write_text(json.dumps(about))
    rendered.clear()
    again = pack(tmp_path / "again", roster(tmp_path, "Cleo Park", "Dara Quinn"))
    assert "student.html" in rendered
    assert "FORGED" not in pdf_text(again / "class-pack.pdf")
    assert all(b"FORGED" not in kept.read_bytes() for kept in cache.glob("*/*.html"))


def test_a_changed_lesson_renders_again(tmp_path: Path, cache: Path, rendered: list[str]) -> None:
    """The same file, edited between two classes: its sheets are not the kept ones."""
    lesson = tmp_path / "lessons" / "sample.yaml"
    lesson.parent.mkdir()
    text = (DATA / "sample.yaml").read_text(encoding="utf-8")
    lesson.write_text(text, encoding="utf-8")

    def build(out: Path, *names: str) -> str:
        templates._cached_environment.cache_clear()
        options = BuildOptions(
            out=out,
            configuration=load_configuration(DATA),
            created=CREATED,
            roster=roster(tmp_path, *names),
            versions=2,
        )
        build_lesson(lesson, options)
        return pdf_text(out / "sample" / "class-pack.pdf")

    assert "The school lunch debate" in build(tmp_path / "one", "Ana Lima", "Ben Okafor")
    lesson.write_text(text.replace("The school lunch debate", "The canteen debate", 1))
    rendered.clear()
    again = build(tmp_path / "two", "Cleo Park", "Dara Quinn")
    assert "student.html" in rendered
    assert "The canteen debate" in again and "The school lunch debate" not in again
