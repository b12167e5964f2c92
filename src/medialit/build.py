"""Chain the stages: lesson file → checked lesson → context → HTML → PDF → files.

The CLI and the tests both call :func:`build_lesson` and :func:`build_lessons`.
A build has three steps: plan each lesson's documents and render their HTML
(cheap), lay out every document as a PDF (the expensive part, optionally in
parallel processes), then finish each lesson: stamp names onto class-pack
copies and write the files. Every output is written to a temporary file and
moved into place only when all of a lesson's documents rendered, so a failed
build never leaves a half-written PDF or destroys the previous one.

The only date in a PDF is its creation date, taken from ``SOURCE_DATE_EPOCH``
when that is set (the reproducible-builds convention), so that two builds of
the same lesson are byte-identical.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import os
import tempfile
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import jinja2

from .config import Configuration
from .context import (
    PLAIN,
    CoverContext,
    CoverRow,
    KeyContext,
    NameTagsContext,
    Variant,
    WorksheetContext,
    key_context,
    student_context,
)
from .errors import MedialitError, OutputError, Problem, RenderError, SettingsError
from .lesson import CheckedLesson, read_lesson
from .pack import PackPlan, copy_file, document_file, plain_variants, plan_pack
from .roster import RosterEntry, read_roster
from .settings import Level, Settings
from .templates import make_environment, render

LESSON_SUFFIXES = (".yaml", ".yml")
PACK_FILE = "class-pack.pdf"
COVER_FILE = "cover.pdf"
COPIES_FOLDER = "copies"
SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"


def creation_time(environ: dict[str, str] | None = None) -> datetime.datetime:
    """``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC) when set, otherwise now."""
    environ = dict(os.environ) if environ is None else environ
    epoch = environ.get(SOURCE_DATE_EPOCH, "").strip()
    if not epoch:
        return datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    try:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
    except (ValueError, OverflowError, OSError):
        raise SettingsError(
            f"{SOURCE_DATE_EPOCH}={epoch} is not a date; set it to a whole number of seconds "
            "since 1970 (for example the date of the last commit: git log -1 --format=%ct), "
            "or unset it."
        ) from None


@dataclass(frozen=True)
class BuildOptions:
    """How to build: where to write, which settings and templates, which sheets, the date."""

    out: Path = Path("build")
    configuration: Configuration = field(default_factory=Configuration)
    write_html: bool = False
    created: datetime.datetime = field(default_factory=creation_time)
    level: Level = "standard"
    versions: int = 1
    seed: int = 0
    roster: Path | None = None
    """A class roster (CSV): build a class pack with one named copy per student."""
    split: bool = False
    """With a roster, also write one PDF per student into ``copies/``."""
    jobs: int = 1
    """How many processes lay out documents at once."""
    fillable: bool = False
    """Student sheets get PDF form fields (not with a roster: a pack is for printing)."""


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


@dataclass(frozen=True)
class Document:
    """One PDF to lay out: an output file, or a part of the class pack (``write=False``)."""

    name: str
    html: str
    write: bool = True
    forms: bool = False
    """Turn the HTML's inputs into PDF form fields (the fillable student sheet)."""


@dataclass
class LessonPlan:
    """A lesson's documents, ready to lay out, and its class pack if there is a roster."""

    checked: CheckedLesson
    allowed_folders: tuple[Path, ...]
    """Folders the PDF may load files from: templates, theme, logo, the lesson's own."""
    documents: list[Document] = field(default_factory=list)
    pack: PackPlan | None = None


@dataclass(frozen=True)
class _RenderJob:
    html: str
    base_folder: Path
    allowed_folders: tuple[Path, ...]
    created: datetime.datetime | None
    forms: bool = False


@dataclass(frozen=True)
class _Rendered:
    pdf: bytes = b""
    refused: tuple[str, ...] = ()
    error: str | None = None


def find_lessons(paths: Iterable[Path]) -> list[Path]:
    """Lesson files named directly, plus every ``*.yaml`` in named folders (sorted)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(p for p in path.iterdir() if p.suffix in LESSON_SUFFIXES and p.is_file())
            )
        elif path.exists():
            found.append(path)
        else:
            raise MedialitError(Problem("no such file or folder; check the path.", file=path))
    return found


def template_variables(context: Any) -> dict[str, Any]:
    """The context's fields as top-level template variables (shallow: objects stay typed)."""
    return {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}


@functools.cache
def _environment(working_folder: str, folders: tuple[Path, ...]) -> jinja2.Environment:
    """One environment per search path, so templates compile once per process.

    Keyed by the working folder too: the folders may be relative (messages name
    them as the teacher wrote them), and ``templates/`` differs between folders.
    """
    return make_environment(folders)


def render_html(
    checked: CheckedLesson,
    settings: Settings,
    template_folders: Sequence[Path] = (),
    variant: Variant = PLAIN,
) -> dict[str, str]:
    """The HTML of the student worksheet and the key of one variant, by document name."""
    env = _environment(os.getcwd(), tuple(template_folders))
    key_variant = dataclasses.replace(variant, named=False, fillable=False)
    contexts: dict[str, tuple[str, WorksheetContext | KeyContext]] = {
        "student": ("student.html", student_context(checked, settings, variant)),
        "key": ("key.html", key_context(checked, settings, key_variant)),
    }
    return {
        name: render(env, template, template_variables(context))
        for name, (template, context) in contexts.items()
    }


def plan_lesson(
    lesson_file: Path, options: BuildOptions, roster: Sequence[RosterEntry] | None = None
) -> LessonPlan:
    """Read a lesson, settle its settings and render the HTML of every document it needs."""
    checked = read_lesson(lesson_file)
    resolved = options.configuration.resolve(checked.worksheet)
    settings = resolved.settings
    folders = options.configuration.template_folders(resolved)
    # The logo is named by the teacher's own settings, so its folder may be read too.
    logo = [Path(settings.logo).parent] if settings.logo else []
    plan = LessonPlan(checked, (*folders, lesson_file.parent, *logo))
    count = len(checked.statements)
    if roster is None:
        for variant in plain_variants([options.level], options.versions, options.seed, count):
            variant = dataclasses.replace(variant, fillable=options.fillable)
            html = render_html(checked, settings, folders, variant)
            student = document_file("student", variant)
            plan.documents.append(Document(student, html["student"], forms=options.fillable))
            plan.documents.append(Document(document_file("key", variant), html["key"]))
        return plan
    pack = plan_pack(roster, options.level, options.versions, options.seed, count)
    for index, variant in enumerate(pack.variants):
        html = render_html(checked, settings, folders, variant)
        plan.documents.append(Document(f"layout-{index}", html["student"], write=False))
        plan.documents.append(Document(document_file("key", variant), html["key"]))
    env = _environment(os.getcwd(), tuple(folders))
    plan.documents.append(Document("names", _names_html(env, checked, settings, pack), write=False))
    plan.documents.append(Document(COVER_FILE, _cover_html(env, checked, settings, pack)))
    plan.pack = pack
    return plan


def _names_html(
    env: jinja2.Environment, checked: CheckedLesson, settings: Settings, pack: PackPlan
) -> str:
    from .nametag import SLOT, name_tag  # fontTools: needed for class packs only

    context = NameTagsContext(
        language=checked.lesson.language,
        paper=settings.paper,
        tags=[name_tag(copy.name) for copy in pack.copies],
        slot=SLOT,
    )
    return render(env, "names.html", template_variables(context))


def _cover_html(
    env: jinja2.Environment, checked: CheckedLesson, settings: Settings, pack: PackPlan
) -> str:
    context = CoverContext(
        title=checked.lesson.title,
        language=checked.lesson.language,
        settings=settings,
        document_title=f"{checked.lesson.title}: class pack cover sheet",
        rows=[
            CoverRow(n, copy.name, copy.variant.level.capitalize(), copy.variant.version)
            for n, copy in enumerate(pack.copies, start=1)
        ],
        keys=[document_file("key", variant) for variant in pack.variants],
    )
    return render(env, "cover.html", template_variables(context))


def _render_job(job: _RenderJob) -> _Rendered:
    """Lay out one document; runs in a worker process when building in parallel."""
    from .pdf import html_to_pdf  # imported late: WeasyPrint is slow to load

    try:
        pdf, refused = html_to_pdf(
            job.html,
            base_folder=job.base_folder,
            allowed_folders=job.allowed_folders,
            created=job.created,
            forms=job.forms,
        )
    except MedialitError as exc:
        return _Rendered(error=str(exc))
    return _Rendered(pdf=pdf, refused=tuple(refused))


def render_documents(
    jobs: Sequence[_RenderJob], workers: int, progress: Progress | None = None
) -> list[_Rendered]:
    """Lay out every document, in ``workers`` processes when more than one."""
    if workers <= 1 or len(jobs) <= 1:
        results = []
        for job in jobs:
            results.append(_render_job(job))
            if progress:
                progress.advance()
        return results
    done: dict[int, _Rendered] = {}
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as executor:
        futures = {executor.submit(_render_job, job): n for n, job in enumerate(jobs)}
        for future in as_completed(futures):
            done[futures[future]] = future.result()
            if progress:
                progress.advance()
    return [done[n] for n in range(len(jobs))]


def build_lesson(lesson_file: Path, options: BuildOptions) -> BuildResult:
    """Build one lesson's sheets into ``out/<lesson name>/``; raise if it fails."""
    report = build_lessons([lesson_file], options)
    if report.failures:
        raise report.failures[0][1]
    return report.results[0]


def build_lessons(
    lesson_files: Sequence[Path], options: BuildOptions, progress: Progress | None = None
) -> BuildReport:
    """Build every lesson; a failure is recorded and the others still build.

    A wrong roster stops the whole build before anything is written.
    """
    roster = read_roster(options.roster) if options.roster else None
    report = BuildReport()
    plans: list[tuple[Path, LessonPlan]] = []
    for lesson_file in lesson_files:
        try:
            plans.append((lesson_file, plan_lesson(lesson_file, options, roster)))
        except MedialitError as exc:
            report.failures.append((lesson_file, exc))
    jobs = [
        _RenderJob(
            document.html,
            lesson_file.parent,
            plan.allowed_folders,
            options.created,
            document.forms,
        )
        for lesson_file, plan in plans
        for document in plan.documents
    ]
    if progress:
        progress.start(len(jobs) + len(plans))
    rendered = iter(render_documents(jobs, options.jobs, progress))
    for lesson_file, plan in plans:
        outcomes = {document.name: next(rendered) for document in plan.documents}
        try:
            report.results.append(_finish_lesson(lesson_file, plan, outcomes, options))
        except MedialitError as exc:
            report.failures.append((lesson_file, exc))
        if progress:
            progress.advance()
    return report


def _finish_lesson(
    lesson_file: Path, plan: LessonPlan, outcomes: dict[str, _Rendered], options: BuildOptions
) -> BuildResult:
    """Stamp the class pack if there is one, then write every file of the lesson."""
    errors = [outcome.error for outcome in outcomes.values() if outcome.error]
    if errors:
        raise RenderError([Problem(error, file=lesson_file) for error in errors])
    result = BuildResult(lesson=lesson_file)
    files: dict[str, bytes] = {}
    for document in plan.documents:
        outcome = outcomes[document.name]
        result.warnings.extend(f"{document.name}: {message}" for message in outcome.refused)
        if document.write:
            files[document.name] = outcome.pdf
            if options.write_html:
                files[document.name.removesuffix(".pdf") + ".html"] = document.html.encode()
    if plan.pack is not None:
        files.update(_pack_files(plan, outcomes, options))
    target = options.out / plan.checked.name
    write_all(target, files)
    result.outputs.extend(target / filename for filename in files)
    return result


def _pack_files(
    plan: LessonPlan, outcomes: dict[str, _Rendered], options: BuildOptions
) -> dict[str, bytes]:
    """``class-pack.pdf`` (and with ``split``, one file per copy) from layouts and name tags."""
    from .stamp import split_copies, stamp_copies  # pypdf: needed for class packs only

    pack = plan.pack
    assert pack is not None
    lesson = plan.checked.lesson
    layouts = [outcomes[f"layout-{n}"].pdf for n in range(len(pack.variants))]
    combined, placed = stamp_copies(
        layouts,
        [pack.layout_index(copy) for copy in pack.copies],
        outcomes["names"].pdf,
        title=f"{lesson.title}: class pack",
        language=lesson.language,
    )
    files = {PACK_FILE: combined}
    if options.split:
        titles = [f"{lesson.title}: worksheet for {copy.name}" for copy in pack.copies]
        copies = split_copies(combined, placed, titles, language=lesson.language)
        for number, (copy, data) in enumerate(zip(pack.copies, copies, strict=True), start=1):
            files[f"{COPIES_FOLDER}/{copy_file(number, copy)}"] = data
    return files


def write_all(folder: Path, files: dict[str, bytes]) -> None:
    """Write every file to a temporary beside its target, then move them all into place.

    Nothing is replaced until every file has been written in full, so a full disk
    or a folder in the way leaves the previous outputs as they were.
    """
    _prepare_folder(folder)
    staged: list[tuple[Path, Path]] = []
    try:
        for filename, data in files.items():
            target = folder / filename
            if target.parent != folder:  # class-pack copies go in a sub-folder
                _prepare_folder(target.parent)
            if target.exists() and not target.is_file():
                raise OutputError(
                    Problem("this is not a file, so it cannot be replaced; move it away.", target)
                )
            staged.append((_write_temporary(target, data), target))
        for temporary, target in staged:
            os.replace(temporary, target)
    except OSError as exc:
        raise OutputError(
            Problem(f"cannot write here ({exc.strerror}); check the folder and free space.", folder)
        ) from None
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)


def write_atomically(target: Path, data: bytes) -> None:
    """Write one file through a temporary, so it is never seen half-written."""
    write_all(target.parent, {target.name: data})


def _prepare_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise OutputError(
            Problem(
                "a file is in the way of this output folder; move it away or choose another "
                "--out folder.",
                folder,
            )
        ) from None
    except OSError as exc:
        raise OutputError(
            Problem(f"cannot make this folder ({exc.strerror}); check --out.", folder)
        ) from None


def _write_temporary(target: Path, data: bytes) -> Path:
    """``data`` in a hidden temporary file beside ``target``, readable like any new file."""
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        # mkstemp makes files only the owner can read; outputs follow the umask.
        os.chmod(temporary, 0o666 & ~_umask())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
