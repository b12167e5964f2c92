"""Chain the stages: plan each lesson, lay out every document, finish each lesson.

The CLI and the tests both call :func:`build_lesson` and :func:`build_lessons`.
A build has three steps:

1. **plan** (:func:`plan_lesson`): read the lesson, settle its settings and
   render the HTML of every document it needs (Jinja; cheap);
2. **lay out** (:func:`lay_out_all`): turn each document's HTML into PDF pages
   (WeasyPrint; the expensive part, optionally in parallel processes);
3. **finish**: stamp names onto class-pack copies and write the files, all or
   nothing (:func:`medialit.files.write_all`).
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import datetime
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from . import glyphs
from .context import sheet_language, student_context
from .errors import MedialitError, MissingGlyphError, OutputError, Problem, RenderError
from .files import remove_stale_temporaries, write_all
from .key_context import key_context
from .layers import Configuration, Layer, ResolvedSettings
from .layout_cache import LayoutCache, layout_key, open_cache
from .lesson import LESSON_SUFFIXES as LESSON_SUFFIXES
from .lesson import CheckedLesson, read_lesson
from .lesson import find_lessons as find_lessons
from .pack import PackPlan, copy_file, plan_pack
from .pack_context import cover_context, name_tags_context
from .roster import RosterEntry, read_roster
from .selections import excerpt, select_statements
from .settings import Settings, Words
from .templates import environment, render_context
from .variants import LEVELS, PLAIN, Level, Variant, document_file, plain_variants

PACK_FILE = "class-pack.pdf"
COVER_FILE = "cover.pdf"
COPIES_FOLDER = "copies"


def _now() -> datetime.datetime:
    from .pdf import creation_time  # WeasyPrint is slow to load; `medialit check` never needs it

    return creation_time()


@dataclass(frozen=True)
class BuildOptions:
    """How to build: where to write, which settings and templates, which sheets, the date."""

    out: Path = Path("build")
    configuration: Configuration = field(default_factory=Configuration)
    write_html: bool = False
    created: datetime.datetime = field(default_factory=_now)
    level: Level = "standard"
    versions: int = 1
    seed: int = 0
    roster: Path | None = None
    """A class roster (CSV): build a class pack with one named copy per student."""
    split: bool = False
    """With a roster, also write one PDF per student into ``copies/``."""
    jobs: int = 1
    """How many processes lay out documents at once."""
    cache: bool = True
    """Reuse layouts kept in the user's cache folder, and keep new ones (layout_cache.py)."""
    fillable: bool = False
    """Student sheets get PDF form fields (not with a roster: a pack is for printing)."""
    strict: bool = False
    """Characters that no installed font can print are an error, not a warning."""
    select: str | None = None
    """A selection of the lesson's statements to build (default: the level's, or all)."""
    excerpt: bool = False
    """Print only the paragraphs that hold the statements, with omission marks."""


@dataclass
class BuildResult:
    """What one lesson's build wrote, and any resources it refused to load."""

    lesson: Path
    outputs: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class BuildReport:
    """The outcome of building several lessons: every success and every failure."""

    results: list[BuildResult] = field(default_factory=list)
    failures: list[tuple[Path, MedialitError]] = field(default_factory=list)


class Progress(Protocol):
    """Told how many steps a build has, then of each step done (e.g. a progress bar)."""

    def start(self, total: int) -> None: ...

    def advance(self) -> None: ...


# -- the plan ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Output:
    """A file that is written as laid out: a worksheet, a key or the class pack's cover."""

    file: str
    """The file name in the lesson's build folder, e.g. ``key-guided-B.pdf``."""
    html: str
    forms: bool = False
    """Turn the HTML's inputs into PDF form fields (the fillable student sheet)."""


@dataclass(frozen=True)
class ClassPackDocuments:
    """What a class pack lays out: each variant's worksheet once, and every name tag."""

    plan: PackPlan
    layouts: list[str]
    """The HTML of the student worksheet of each of ``plan.variants``, in that order."""
    name_tags: str
    """The HTML of the pages of names stamped onto the copies."""


@dataclass
class LessonPlan:
    """A lesson's documents, rendered and ready to lay out."""

    checked: CheckedLesson
    allowed_folders: tuple[Path, ...]
    """Folders the PDF may load files from: templates, theme, logo, the lesson's own."""
    outputs: list[Output] = field(default_factory=list)
    class_pack: ClassPackDocuments | None = None
    words: Words = field(default_factory=Words)
    """The fixed words in the lesson's language, for the class pack's titles."""
    language: str = "en"
    """The sheets' language tag."""
    warnings: list[str] = field(default_factory=list)
    """Found while planning, so said before anything is laid out or written."""

    @property
    def pack(self) -> PackPlan | None:
        """Who gets which copy of the class pack, if there is a roster."""
        return self.class_pack.plan if self.class_pack else None

    def documents(self) -> list[str]:
        """The HTML of every document to lay out: outputs, then the class pack's."""
        html = [output.html for output in self.outputs]
        if self.class_pack is not None:
            html += [*self.class_pack.layouts, self.class_pack.name_tags]
        return html

    def forms(self) -> list[bool]:
        """For each of :meth:`documents`, whether its inputs become PDF form fields."""
        return [output.forms for output in self.outputs] + [False] * (
            len(self.documents()) - len(self.outputs)
        )


@dataclass(frozen=True)
class Layout:
    """One document to lay out, with the folders its layout may load files from."""

    html: str
    base_folder: Path
    allowed_folders: tuple[Path, ...]
    created: datetime.datetime | None
    keep_pages: bool = False
    """Also keep the laid-out pages, for the layout cache."""
    forms: bool = False
    """Turn the HTML's inputs into PDF form fields."""


@dataclass(frozen=True)
class LaidOut:
    """A laid-out document, or the problems that stopped it (they cross process boundaries)."""

    pdf: bytes = b""
    refused: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    fetched: tuple[str, ...] = ()
    """Every address the layout asked for (with ``keep_pages``)."""
    pages: bytes = b""
    """The kept pages (with ``keep_pages``), see :func:`medialit.pdf.pdf_from_pages`."""


def output_folder_problems(lesson_files: Sequence[Path], out: Path) -> dict[Path, OutputError]:
    """Lessons whose output folder (``out/<file name without .yaml>``) cannot be theirs.

    A name such as ``..`` would write outside ``out``; two lessons with one name
    (``lunch.yaml`` and ``lunch.yml``) would overwrite each other's sheets.
    """
    problems: dict[Path, OutputError] = {}
    by_folder: dict[str, list[Path]] = {}
    for file in lesson_files:
        name = file.stem
        if name in ("", ".", "..") or Path(name).name != name:
            problems[file] = OutputError(
                Problem(
                    f'"{name}" cannot be the name of an output folder (the sheets would land '
                    "outside the output folder); rename the lesson file, e.g. to lesson.yaml.",
                    file=file,
                )
            )
            continue
        by_folder.setdefault(name.casefold(), []).append(file)
    for files in by_folder.values():
        for file in files if len(files) > 1 else ():
            others = ", ".join(str(other) for other in files if other != file)
            problems[file] = OutputError(
                Problem(
                    f"this lesson and {others} would both be written to {out / file.stem}; "
                    "rename one of them so that each has its own output folder.",
                    file=file,
                )
            )
    return problems


def render_html(
    checked: CheckedLesson,
    settings: Settings,
    template_folders: Sequence[Path] = (),
    variant: Variant = PLAIN,
    theme: Path | None = None,
    allowed_folders: Sequence[Path] = (),
    versions: Sequence[Variant] = (),
) -> dict[str, str]:
    """The HTML of the student worksheet and the key of one variant, by document name.

    The independent key gives each statement's line on the student sheet, so that
    sheet is laid out once first, with its statements' places marked, to measure them.
    """
    env = environment(template_folders, theme)
    key_variant = dataclasses.replace(variant, named=False, fillable=False)
    lines = None
    if variant.level == "independent":
        from .pdf import statement_lines  # imported late: WeasyPrint is slow to load

        measured = student_context(checked, settings, variant, measure=True)
        lines = statement_lines(
            render_context(env, "student.html", measured),
            base_folder=checked.file.parent,
            allowed_folders=[*template_folders, *allowed_folders],
        )
    return {
        "student": render_context(env, "student.html", student_context(checked, settings, variant)),
        "key": render_context(
            env, "key.html", key_context(checked, settings, key_variant, lines, versions)
        ),
    }


def plan_lesson(
    lesson_file: Path, options: BuildOptions, roster: Sequence[RosterEntry] | None = None
) -> LessonPlan:
    """Read a lesson, settle its settings and render the HTML of every document it needs."""
    checked = read_lesson(lesson_file)
    resolved = options.configuration.resolve(checked.worksheet, checked.own_language, checked.file)
    settings = resolved.settings
    search = options.configuration.search_path(resolved)
    folders = search.folders()
    # The logo is named by the teacher's own settings, so its folder may be read too.
    logo = [Path(settings.logo).parent] if settings.logo else []
    plan = LessonPlan(
        checked,
        (*folders, lesson_file.parent, *logo),
        words=settings.words,
        language=sheet_language(checked, settings),
        warnings=_glyph_warnings(checked, resolved, folders, options),
    )
    short = {level: _short_version(checked, settings, level, options) for level in LEVELS}
    count = {level: len(version.statements) for level, version in short.items()}

    def render(variant: Variant, versions: Sequence[Variant]) -> dict[str, str]:
        return render_html(
            short[variant.level],
            settings,
            folders,
            variant,
            search.theme,
            plan.allowed_folders,
            [v for v in versions if v.level == variant.level],
        )

    if roster is None:
        variants = plain_variants([options.level], options.versions, options.seed, count)
        for variant in variants:
            # The key is never fillable: render_html gives it the plain variant back.
            variant = dataclasses.replace(variant, fillable=options.fillable)
            html = render(variant, variants)
            student = document_file("student", variant)
            plan.outputs.append(Output(student, html["student"], forms=options.fillable))
            plan.outputs.append(Output(document_file("key", variant), html["key"]))
        return plan
    pack = plan_pack(roster, options.level, options.versions, options.seed, count)
    layouts = []
    # The versions a key lists beside its own, each once, without the students' own sizes.
    keyed = list(
        dict.fromkeys(dataclasses.replace(v, font_size=None, theme=None) for v in pack.variants)
    )
    for variant in pack.variants:
        own = _student_layer(variant)
        if own is None:
            layouts.append(render(variant, pack.variants)["student"])
        else:  # the student's own font size or theme: settings and templates of its own
            own_resolved = options.configuration.resolve(
                checked.worksheet, checked.own_language, checked.file, extra=[own]
            )
            own_search = options.configuration.search_path(own_resolved)
            own_html = render_html(
                short[variant.level],
                own_resolved.settings,
                own_search.folders(),
                variant,
                own_search.theme,
                plan.allowed_folders,
            )
            layouts.append(own_html["student"])
            plan.allowed_folders = (*plan.allowed_folders, *own_search.folders())
        key_file = document_file("key", variant)
        if all(output.file != key_file for output in plan.outputs):
            # One key per level and version, whoever's own size or theme the copy has.
            plain = dataclasses.replace(variant, font_size=None, theme=None)
            plan.outputs.append(Output(key_file, render(plain, keyed)["key"]))
    env = environment(folders, search.theme)
    plan.outputs.append(
        Output(
            COVER_FILE, render_context(env, "cover.html", cover_context(checked, settings, pack))
        )
    )
    name_tags = render_context(env, "names.html", name_tags_context(checked, settings, pack))
    plan.class_pack = ClassPackDocuments(pack, layouts, name_tags)
    return plan


def _student_layer(variant: Variant) -> Layer | None:
    """A student's own font size and theme (from the roster) as a settings layer."""
    values = {"font_size": variant.font_size, "theme": variant.theme}
    values = {key: value for key, value in values.items() if value is not None}
    return Layer("roster", values) if values else None


def _glyph_warnings(
    checked: CheckedLesson,
    resolved: ResolvedSettings,
    folders: Sequence[Path],
    options: BuildOptions,
) -> list[str]:
    """Text no installed font can print: warnings, or with ``strict`` an error."""
    fonts = glyphs.coverage(folders)
    problems = glyphs.lesson_problems(checked, fonts) + glyphs.settings_problems(resolved, fonts)
    if problems and options.strict:
        raise MissingGlyphError(problems)
    return [str(problem) for problem in problems]


def _short_version(
    checked: CheckedLesson, settings: Settings, level: Level, options: BuildOptions
) -> CheckedLesson:
    """The lesson as ``level`` prints it: ``--select``, else the level's selection, else all;
    then cut to an excerpt if asked."""
    name = options.select or settings.level_selections.get(level)
    setting = None if options.select else f"level_selections.{level}"
    short = select_statements(checked, name, setting) if name else checked
    return excerpt(short) if options.excerpt else short


# -- laying out -------------------------------------------------------------------------------


def lay_out(layout: Layout) -> LaidOut:
    """Lay out one document; runs in a worker process when building in parallel."""
    from .pdf import lay_out_html  # imported late: WeasyPrint is slow to load

    try:
        laid_out = lay_out_html(
            layout.html,
            base_folder=layout.base_folder,
            allowed_folders=layout.allowed_folders,
            created=layout.created,
            keep_pages=layout.keep_pages,
            forms=layout.forms,
        )
    except MedialitError as exc:
        return LaidOut(problems=tuple(exc.problems))
    return LaidOut(
        pdf=laid_out.pdf,
        refused=tuple(laid_out.refused),
        fetched=tuple(laid_out.fetched),
        pages=laid_out.pages,
    )


def lay_out_all(
    layouts: Sequence[Layout],
    workers: int,
    progress: Progress | None = None,
    cache: LayoutCache | None = None,
) -> list[LaidOut]:
    """Lay out every document, in ``workers`` processes when more than one.

    With a ``cache``, a document laid out before from the same HTML and files is
    taken from it, and the others are kept in it.
    """
    if cache is None:
        return _lay_out_each(layouts, workers, progress)
    from .pdf import pdf_from_pages

    keys = [
        layout_key(
            layout.html, layout.base_folder, layout.allowed_folders, layout.created is not None
        )
        for layout in layouts
    ]
    done: dict[int, LaidOut] = {}
    for n, (layout, key) in enumerate(zip(layouts, keys, strict=True)):
        # Form fields are written by a finisher the kept pages do not replay: never cached.
        found = None if layout.forms else cache.get(key)
        if found is not None:
            pdf = pdf_from_pages(found.pages, layout.created)
            done[n] = LaidOut(pdf=pdf, refused=tuple(found.refused))
            if progress:
                progress.advance()
    missing = [n for n in range(len(layouts)) if n not in done]
    fresh = _lay_out_each(
        [dataclasses.replace(layouts[n], keep_pages=not layouts[n].forms) for n in missing],
        workers,
        progress,
    )
    for n, laid_out in zip(missing, fresh, strict=True):
        if not laid_out.problems and not layouts[n].forms:
            cache.put(keys[n], laid_out.pages, laid_out.refused, laid_out.fetched)
        done[n] = dataclasses.replace(laid_out, pages=b"")
    return [done[n] for n in range(len(layouts))]


def _lay_out_each(
    layouts: Sequence[Layout], workers: int, progress: Progress | None = None
) -> list[LaidOut]:
    if workers <= 1 or len(layouts) <= 1:
        results = []
        for layout in layouts:
            results.append(lay_out(layout))
            if progress:
                progress.advance()
        return results
    done: dict[int, LaidOut] = {}
    executor = ProcessPoolExecutor(
        max_workers=min(workers, len(layouts)),
        initializer=_end_with_parent,
        initargs=(os.getpid(),),
    )
    try:
        futures = {executor.submit(lay_out, layout): n for n, layout in enumerate(layouts)}
        for future in as_completed(futures):
            done[futures[future]] = future.result()
            if progress:
                progress.advance()
    except BaseException:
        # Interrupted (Ctrl-C, SIGTERM): stop the workers now, not after their documents.
        for process in list(getattr(executor, "_processes", {}).values()):
            process.terminate()
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    executor.shutdown()
    return [done[n] for n in range(len(layouts))]


# -- building ---------------------------------------------------------------------------------


_PR_SET_PDEATHSIG = 1


def _end_with_parent(parent: int) -> None:
    """In each worker: exit when the build that started it is gone, even by ``kill -9``.

    Linux ends the worker with its parent (``PR_SET_PDEATHSIG``); elsewhere, and
    as a second line, a thread notices that the worker has been orphaned.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # terminate() ends it quietly
    with contextlib.suppress(OSError, AttributeError):  # not Linux
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def build_lesson(lesson_file: Path, options: BuildOptions) -> BuildResult:
    """Build one lesson's sheets into ``out/<lesson name>/``; raise if it fails."""
    report = build_lessons([lesson_file], options)
    if report.failures:
        raise report.failures[0][1]
    return report.results[0]


def build_lessons(
    lesson_files: Sequence[Path],
    options: BuildOptions,
    progress: Progress | None = None,
    warn: Callable[[str], None] | None = None,
) -> BuildReport:
    """Build every lesson; a failure is recorded and the others still build.

    A wrong roster stops the whole build before anything is written. ``warn``
    is told of text that would print as empty boxes, before any layout.
    """
    roster = read_roster(options.roster, warn) if options.roster else None
    if roster is not None and options.roster is not None:
        names = glyphs.roster_problems(options.roster, roster, glyphs.coverage())
        if names and options.strict:
            raise MissingGlyphError(names)
        for problem in names:
            if warn:
                warn(str(problem))
    report = BuildReport()
    plans: list[tuple[Path, LessonPlan]] = []
    refused = output_folder_problems(lesson_files, options.out)
    for lesson_file in lesson_files:
        if lesson_file in refused:
            report.failures.append((lesson_file, refused[lesson_file]))
            continue
        try:
            plans.append((lesson_file, plan_lesson(lesson_file, options, roster)))
        except MedialitError as exc:
            report.failures.append((lesson_file, exc))
            continue
        for message in plans[-1][1].warnings:
            if warn:
                warn(message)
    layouts = [
        Layout(html, lesson_file.parent, plan.allowed_folders, options.created, forms=forms)
        for lesson_file, plan in plans
        for html, forms in zip(plan.documents(), plan.forms(), strict=True)
    ]
    if progress:
        progress.start(len(layouts) + len(plans))
    cache = open_cache() if options.cache else None
    laid_out = iter(lay_out_all(layouts, options.jobs, progress, cache))
    for lesson_file, plan in plans:
        mine = [next(laid_out) for _ in plan.documents()]
        try:
            report.results.append(_finish_lesson(lesson_file, plan, mine, options))
        except MedialitError as exc:
            report.failures.append((lesson_file, exc))
        if progress:
            progress.advance()
    return report


def _finish_lesson(
    lesson_file: Path, plan: LessonPlan, laid_out: list[LaidOut], options: BuildOptions
) -> BuildResult:
    """Stamp the class pack if there is one, then write every file of the lesson.

    ``laid_out`` is in the order of :meth:`LessonPlan.documents`.
    """
    problems = [
        problem if problem.file else dataclasses.replace(problem, file=lesson_file)
        for document in laid_out
        for problem in document.problems
    ]
    if problems:
        raise RenderError(problems)
    result = BuildResult(lesson=lesson_file)
    for name, document in zip(_document_names(plan), laid_out, strict=True):
        result.warnings.extend(f"{name}: {message}" for message in document.refused)
    documents = iter(laid_out)
    files: dict[str, bytes] = {}
    for output in plan.outputs:
        files[output.file] = next(documents).pdf
        if options.write_html:
            files[output.file.removesuffix(".pdf") + ".html"] = output.html.encode()
    if plan.class_pack is not None:
        files.update(_pack_files(plan, plan.class_pack, documents, options))
    target = options.out / plan.checked.name
    write_all(target, files)
    earlier = _tidy_earlier_outputs(target, files, class_pack=plan.class_pack is not None)
    result.warnings.extend([earlier] if earlier else [])
    result.outputs.extend(target / filename for filename in files)
    return result


# What a build writes; other files a teacher puts in an output folder are left alone.
_OUTPUT_SUFFIXES = (".pdf", ".html")
_SHOWN_EARLIER = 8


def _tidy_earlier_outputs(folder: Path, files: dict[str, bytes], class_pack: bool) -> str | None:
    """Sheets of earlier builds beside this build's: a class pack replaces the copies of the
    last one (a shorter roster leaves none of the longer one's); anything else (another
    level's sheets, a version no longer asked for) is kept, and named in the warning returned.
    """
    current = {folder / name for name in files}
    copies = folder / COPIES_FOLDER
    earlier: list[Path] = []
    try:
        for sub in (folder, copies):
            if not sub.is_dir():
                continue
            remove_stale_temporaries(sub)
            for path in sorted(sub.iterdir()):
                if path.suffix not in _OUTPUT_SUFFIXES or not path.is_file() or path in current:
                    continue
                if class_pack and sub == copies:
                    path.unlink()
                else:
                    earlier.append(path)
        if class_pack and copies.is_dir() and not any(copies.iterdir()):
            copies.rmdir()
    except OSError as exc:
        raise OutputError(
            Problem(
                f"the new sheets were written, but an older copy could not be removed "
                f"({exc.strerror}); delete the class pack's earlier copies by hand.",
                copies,
            )
        ) from None
    if not earlier:
        return None
    names = ", ".join(str(p.relative_to(folder)) for p in earlier[:_SHOWN_EARLIER])
    more = f" and {len(earlier) - _SHOWN_EARLIER} more" if len(earlier) > _SHOWN_EARLIER else ""
    return (
        f"{folder} also holds {len(earlier)} sheet{'s' if len(earlier) > 1 else ''} of earlier "
        f"builds that this one did not write ({names}{more}); delete them if they are out of "
        "date."
    )


def _document_names(plan: LessonPlan) -> list[str]:
    """What each document is, in the order of :meth:`LessonPlan.documents`, for warnings."""
    names = [output.file for output in plan.outputs]
    if plan.class_pack is not None:
        variants = plan.class_pack.plan.variants
        names += [f"{PACK_FILE} ({document_file('student', v)})" for v in variants]
        names.append(f"{PACK_FILE} (name tags)")
    return names


def _pack_files(
    plan: LessonPlan,
    class_pack: ClassPackDocuments,
    laid_out: Iterator[LaidOut],
    options: BuildOptions,
) -> dict[str, bytes]:
    """``class-pack.pdf`` (and with ``split``, one file per copy) from layouts and name tags."""
    from .stamp import stamp_copies, tagged_copies  # pypdf: needed for class packs only

    pack = class_pack.plan
    lesson = plan.checked.lesson
    words = plan.words
    layouts = [next(laid_out).pdf for _ in class_pack.layouts]
    name_tags = next(laid_out).pdf
    copy_layouts = [pack.layout_index(copy) for copy in pack.copies]
    combined, _ = stamp_copies(
        layouts,
        copy_layouts,
        name_tags,
        title=words.pack_title.replace("{title}", lesson.title),
        language=plan.language,
    )
    files = {PACK_FILE: combined}
    if options.split:
        titles = [
            words.copy_title.replace("{title}", lesson.title).replace("{name}", copy.name)
            for copy in pack.copies
        ]
        copies = tagged_copies(layouts, copy_layouts, name_tags, titles, language=plan.language)
        for number, (copy, data) in enumerate(zip(pack.copies, copies, strict=True), start=1):
            files[f"{COPIES_FOLDER}/{copy_file(number, copy)}"] = data
    return files
