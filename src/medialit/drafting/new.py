"""``medialit new``: read a source, draft a lesson from it, keep the source, write both.

An existing lesson is refused before the work: with ``--name`` before anything slow is
even imported (trafilatura and pysbd take most of a second), for a page drafted before and
kept in ``seeds/`` without trafilatura when its titles and dates leave no doubt
(:mod:`medialit.drafting.keptpage`), and for any other web page before its article is
looked for (the page's title and date name the lesson).
"""

from __future__ import annotations

import contextlib
import os
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TypeVar

from medialit.drafting.naming import language_problem, name_from, name_problem
from medialit.drafting.reading import (
    SAVE_ADVICE,
    SourceError,
    SourceFile,
    is_web_address,
    read_fetched,
    read_source,
)
from medialit.errors import MedialitError, Problem
from medialit.files import write_atomically

# The network (urllib3, ssl: webfetch) and child processes (timelimit) are imported where an
# address is fetched or a page's article looked for: refusing an existing lesson by --name
# needs neither.
if TYPE_CHECKING:
    from medialit.drafting.draft import ExtractedArticle
    from medialit.drafting.suggest import Suggestion
    from medialit.drafting.webfetch import FetchedPage

LESSONS = "lessons"
SEEDS = "seeds"
MIN_ARTICLE_WORDS = 25
PAGE_SECONDS = 60.0
"""The time limit for finding a page's article: a real article's page takes under a second."""


@dataclass(frozen=True)
class NewLesson:
    """What ``medialit new`` wrote."""

    lesson: Path
    seed: Path
    suggestions: list[Suggestion]
    gaps: list[str]
    """Source fields that were not found (``author``, ``published``…)."""
    glossary: int
    left_out: int = 0
    """Statements asked for past the most a lesson can hold."""
    fetched: FetchedPage | None = None
    """The page, when SOURCE was a web address."""
    blocked: str | None = None
    """Why the fetched page may hold only the start of the article (a paywall, a login)."""
    questions: int = 0
    """Discussion questions suggested (``draft: true``)."""
    plan: bool = False
    """A plan was suggested (``draft: true``)."""


class LessonExists(MedialitError):
    """The lesson ``new`` would write exists already: never overwritten."""

    def __init__(self, path: Path) -> None:
        # The way on, as a command that works as shown (a newcomer met only the dead end).
        shown = path.absolute()
        with contextlib.suppress(ValueError):
            shown = shown.relative_to(Path.cwd())
        super().__init__(
            Problem(
                "this lesson exists already, and medialit new never overwrites one; to go on "
                f"with it, run: medialit preview {shlex.quote(str(shown))} (for a new draft, "
                "choose another name with --name, or move the old lesson away).",
                path,
            )
        )
        self.path = path


@dataclass(frozen=True)
class Fetching:
    """Whether ``new`` may fetch a web address, and from where."""

    offline: str | None = None
    """What forbids any fetch (``--offline``, a setting), or ``None``."""
    allow_local: bool = False
    """Loopback and private-network addresses may be fetched too (``--allow-local``)."""


def new_lesson(
    source: str,
    stdin: BinaryIO,
    working_folder: Path,
    *,
    name: str | None = None,
    with_suggestions: bool = True,
    language: str = "en",
    statements: int | None = None,
    fetching: Fetching | None = None,
) -> NewLesson:
    """Draft ``lessons/<name>.yaml`` from SOURCE and keep SOURCE in ``seeds/``.

    Everything is checked before anything is written: a refused source, an
    existing lesson or seed leaves the working folder as it was.
    """
    problem = (name_problem(name) if name is not None else None) or language_problem(language)
    if problem:
        raise MedialitError(problem)
    folders = (working_folder / LESSONS, working_folder / SEEDS)
    for folder in folders:
        _check_folder(folder)
    if name is not None:  # refused before the page's extraction, which may take a while
        _refuse_existing(working_folder / LESSONS / f"{name}.yaml")
    fetched = _fetch(source, fetching or Fetching()) if is_web_address(source) else None
    if fetched is None:
        received = read_source(source, stdin)
    else:
        received = read_fetched(fetched.url, fetched.data, fetched.kind, fetched.charset)
    if name is not None:
        _seed_place(received, working_folder, name)
    elif received.kind == "page":
        _refuse_existing_page(received, working_folder)
    blocked = _blocked_hint(received.text) if fetched else None
    extracted = _extract(received, blocked)
    if fetched is not None:
        extracted.details.url = fetched.url  # where the page really came from
    from medialit.drafting.lessonfile import lesson_name, lesson_yaml

    name = name or lesson_name(extracted)
    lesson_path = working_folder / LESSONS / f"{name}.yaml"
    _refuse_existing(lesson_path)
    seed_path, copy_seed = _seed_place(received, working_folder, name)
    from medialit.drafting.suggest import load_cues, suggest
    from medialit.lesson.reading import MAX_ANNOTATIONS
    from medialit.settings.checks import read_lesson_with_settings

    cues = load_cues(language, working_folder) if with_suggestions else None
    found = suggest(extracted.article, cues, language, statements) if cues else []
    chosen = [s for s in found if not s.candidate]
    suggestions = chosen[:MAX_ANNOTATIONS]  # more would make a lesson that check refuses
    candidates = [s for s in found if s.candidate]
    seed_shown = (
        seed_path.relative_to(working_folder)
        if seed_path.is_relative_to(working_folder)
        else seed_path
    )
    from medialit.drafting.discussion import discussion_questions, lesson_plan

    # Questions about the drafts, and a plan, only where statements are suggested too.
    questions = (
        discussion_questions(extracted.article, suggestions, language) if suggestions else []
    )
    glossary = bool(extracted.glossary)
    plan = lesson_plan(extracted.article, language, glossary=glossary) if suggestions else None
    text = lesson_yaml(
        extracted, suggestions, str(seed_shown), language, candidates, questions, plan
    )
    if suggestions:
        # A draft that fails its own check is a bug: say so.
        read_lesson_with_settings(lesson_path, text)
    for folder in folders:
        _make_folder(folder)
    if copy_seed:
        write_atomically(seed_path, received.data)
    try:
        write_atomically(lesson_path, text.encode("utf-8"))
    except MedialitError:
        if copy_seed:
            seed_path.unlink(missing_ok=True)  # all or nothing: no seed without its lesson
        raise
    gaps = [f for f in ("author", "outlet", "published") if not getattr(extracted.details, f)]
    left_out = len(chosen) - len(suggestions)
    return NewLesson(
        lesson_path,
        seed_path,
        suggestions,
        gaps,
        len(extracted.glossary),
        left_out,
        fetched,
        _for_subscribers(blocked),
        len(questions),
        plan is not None,
    )


def _fetch(address: str, fetching: Fetching) -> FetchedPage:
    if fetching.offline:
        raise SourceError(
            f"{address}: medialit new fetches no web page here ({fetching.offline}); {SAVE_ADVICE}."
        )
    from medialit.drafting.webfetch import fetch_page

    return fetch_page(address, allow_local=fetching.allow_local)


def _blocked_hint(text: str) -> str | None:
    from medialit.drafting.webfetch import blocked_hint

    return blocked_hint(text)


def _for_subscribers(blocked: str | None) -> str | None:
    """``blocked`` when it says the article is for subscribers only: said even when found."""
    if blocked is None:
        return None
    from medialit.drafting.webfetch import SUBSCRIBERS_ONLY

    return blocked if blocked == SUBSCRIBERS_ONLY else None


def _check_folder(folder: Path) -> None:
    """Refuse, before any work, a folder that ``new`` could not make or write in."""
    if folder.exists() and not folder.is_dir():
        raise MedialitError(
            Problem(
                "a file is in the way: medialit new writes into a folder of this name; "
                "move the file away.",
                folder,
            )
        )
    # os.access: no folder is made yet, so that a refused source leaves nothing behind.
    existing = next(f for f in (folder, *folder.parents) if f.exists())
    if not os.access(existing, os.W_OK | os.X_OK):
        raise _cannot_write(folder, "Permission denied")


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot_write(folder, exc.strerror) from None


def _cannot_write(folder: Path, reason: str | None) -> MedialitError:
    made = "write in" if folder.exists() else "make"
    return MedialitError(
        Problem(
            f"medialit new cannot {made} this folder ({reason}): it keeps the lesson in "
            f"{LESSONS}/ and the source in {SEEDS}/ of the folder it runs in; run it in a "
            "folder you may write to, or change this folder's permissions.",
            folder,
        )
    )


def _refuse_existing(lesson_path: Path) -> None:
    if lesson_path.exists():
        raise LessonExists(lesson_path)


def _refuse_existing_page(received: SourceFile, working_folder: Path) -> None:
    """Refuse a lesson that exists already under the name the page's title gives, before
    its article is looked for (a page with no title is named by its article, found first)."""
    from medialit.drafting.keptpage import kept_page_lesson

    # A page drafted before, kept in seeds/: its name without trafilatura, when sure.
    kept = kept_page_lesson(received.data, received.text, received.suffix, working_folder)
    if kept is not None:
        _refuse_existing(working_folder / LESSONS / f"{kept}.yaml")
    from medialit.drafting.webpage import page_title

    _refuse_huge_page(received)
    title, published = _bounded(page_title, received)
    if title:
        _refuse_existing(working_folder / LESSONS / f"{name_from(title, published)}.yaml")


def _extract(received: SourceFile, blocked: str | None = None) -> ExtractedArticle:
    from medialit.drafting.plaintext import extract_text

    what = "page" if received.kind == "page" else "text"
    extracted = _page_article(received) if what == "page" else extract_text(received.text)
    if extracted is None or len(extracted.article.split()) < MIN_ARTICLE_WORDS:
        if blocked:  # a fetched page: what the site gave instead of the article
            raise SourceError(
                f"{received.name}: no article text was found in this page, and {blocked}: "
                f"the article may need a login, or a paywall blocks it; {SAVE_ADVICE} "
                "(logged in, if you have an account)."
            )
        if extracted is not None and what == "text" and extracted.article.strip():
            # The teacher's own text file: it was read, and is only too short for a lesson.
            words = len(extracted.article.split())
            raise SourceError(
                f"{received.name}: the article has {words} words, and a lesson needs at "
                f"least {MIN_ARTICLE_WORDS}; copy the whole article into the file."
            )
        raise SourceError(
            f"{received.name}: no article text was found in this {what}; save the page that "
            "shows the whole article, or copy the article's text into a .txt file."
        )
    return extracted


def _page_article(received: SourceFile) -> ExtractedArticle | None:
    """trafilatura's work, bounded: pages with too many elements refused, a time limit."""
    from medialit.drafting.webpage import extract_page

    _refuse_huge_page(received)
    return _bounded(extract_page, received)


_INSTEAD = "save only the article's page, or copy the article's text into a .txt file."


def _refuse_huge_page(received: SourceFile) -> None:
    from medialit.drafting.webpage import MAX_PAGE_ELEMENTS, element_count

    elements = element_count(received.text)
    if elements > MAX_PAGE_ELEMENTS:
        raise SourceError(
            f"{received.name}: the page has {elements:,} elements (paragraphs, links and the "
            f"like), more than the {MAX_PAGE_ELEMENTS:,} of even a long article's page, and "
            f"finding its article would take far too long; {_INSTEAD}"
        )


R = TypeVar("R")


def _bounded(step: Callable[[str], R], received: SourceFile) -> R:
    """``step`` on the page's text in a child process, stopped after ``PAGE_SECONDS``."""
    from medialit.drafting.timelimit import ChildEnded, TimeLimitReached, run_with_time_limit

    try:
        return run_with_time_limit(step, received.text, PAGE_SECONDS)
    except TimeLimitReached:
        raise SourceError(
            f"{received.name}: finding the article in this page took longer than "
            f"{PAGE_SECONDS:g} seconds, so medialit stopped; {_INSTEAD}"
        ) from None
    except ChildEnded:
        raise SourceError(
            f"{received.name}: finding the article in this page stopped half-way (the "
            f"computer may have run short of memory); {_INSTEAD}"
        ) from None


def _seed_place(received: SourceFile, working_folder: Path, name: str) -> tuple[Path, bool]:
    """Where the source is kept, and whether it must be copied there."""
    seeds = (working_folder / SEEDS).resolve()
    if received.path is not None and received.path.resolve().parent == seeds:
        return received.path, False  # already kept in seeds/
    seed = working_folder / SEEDS / f"{name}{received.suffix}"
    if seed.exists():
        if seed.is_file() and seed.read_bytes() == received.data:
            return seed, False
        raise MedialitError(
            Problem(
                "another source is kept under this name; choose another name with --name.",
                seed,
            )
        )
    return seed, True
