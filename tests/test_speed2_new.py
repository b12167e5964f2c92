"""Issue 27 item 3: `medialit new` refuses an existing lesson before the slow work.

With ``--name``, before trafilatura or pysbd are even imported; for a web page without
``--name``, before its article is looked for: the name its title and date give is the
name the whole extraction gives.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from medialit.drafting import new as new_module
from medialit.drafting.lessonfile import lesson_name
from medialit.drafting.naming import UNKNOWN, language_problem, name_from
from medialit.drafting.new import new_lesson
from medialit.drafting.webpage import extract_page, page_title
from medialit.errors import MedialitError
from medialit.lesson import model

from .conftest import DATA

PAGE = DATA / "news-story.html"
EXISTS = "this lesson exists already, and medialit new never overwrites one"


def page_with(title: str, date: str) -> str:
    """The test page with another title and date, as a second saved page."""
    html = PAGE.read_text(encoding="utf-8")
    start, end = html.index("<title>") + 7, html.index("</title>")
    return html[:start] + title + html[end:] + f'<meta name="date" content="{date}">'


@pytest.mark.parametrize(
    "html",
    [
        PAGE.read_text(encoding="utf-8"),
        page_with("Council Votes On A New Library", "2019-03-02"),
        page_with("Ünïcode Tïtle – with dashes", "2020"),
    ],
)
def test_the_title_names_the_lesson_as_the_whole_extraction_does(html: str) -> None:
    extracted = extract_page(html)
    assert extracted is not None
    title, published = page_title(html)
    assert title is not None
    assert name_from(title, published) == lesson_name(extracted)


def test_an_existing_lesson_is_refused_before_the_article_is_looked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = new_lesson(str(PAGE), io.BytesIO(), tmp_path)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    text = made.lesson.read_bytes()

    def looked_for(*_: object) -> None:
        raise AssertionError("the article was looked for")

    monkeypatch.setattr(new_module, "_page_article", looked_for)
    with pytest.raises(MedialitError, match=EXISTS):
        new_lesson(str(PAGE), io.BytesIO(), tmp_path)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    assert made.lesson.read_bytes() == text


def test_with_name_nothing_slow_is_imported(tmp_path: Path) -> None:
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "mine.yaml").write_text("title: mine\n", encoding="utf-8")
    script = (
        "import sys; from medialit.cli.main import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "print(code, sorted(m for m in ('trafilatura', 'pysbd', 'lxml', 'pydantic') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "new", str(PAGE), "--name", "mine"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    )
    assert done.stdout.strip().splitlines()[-1] == "1 []"
    assert EXISTS in done.stderr and "lessons/mine.yaml" in done.stderr
    assert "Traceback" not in done.stderr
    assert (tmp_path / "lessons" / "mine.yaml").read_text(encoding="utf-8") == "title: mine\n"
    assert not (tmp_path / "seeds").exists()


@pytest.mark.parametrize(
    "tag",
    [
        "en",
        "fr",
        "pt-BR",
        "zh-Hant-TW",
        "EN",
        "e",
        "english",
        "en-",
        "en_GB",
        "en\n",
        " en",
        "en-B",
        "abc-12345678",
        "abc-123456789",
        "x" * 36,
        "aa" + "-aaaaaaaa" * 4,
    ],
)
def test_the_language_rule_is_the_lessons_own(tag: str) -> None:
    adapter: TypeAdapter[str] = TypeAdapter(model.LanguageTag)
    try:
        adapter.validate_python(tag)
        valid = True
    except ValidationError:
        valid = False
    assert (language_problem(tag) is None) == valid
    assert UNKNOWN == model.UNKNOWN
