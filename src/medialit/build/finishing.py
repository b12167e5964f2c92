"""Finish each lesson: stamp names onto the class pack's copies, then write every file of the
lesson, all or nothing (:func:`medialit.files.write_all`), and tidy what earlier builds left.

Nothing is written or tidied through a link below the output folder, and the lesson folder
gets its marker (:mod:`medialit.build.output_marker`), which says which lesson file made it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path

from medialit.build.earlier_sheets import (
    build_kind,
    earlier_warnings,
    lesson_version,
    record_from_json,
    roster_of,
    sort_earlier,
)
from medialit.build.laying_out import LaidOut
from medialit.build.markable import code_plain_sheets, pack_marks, pack_record
from medialit.build.options import BuildOptions
from medialit.build.output_marker import (
    COPY_NAME,
    MARKER,
    marker_record,
    marker_text,
    refuse_earlier_lesson,
)
from medialit.build.planning import ClassPackDocuments, LessonPlan
from medialit.build.reports import COPIES_FOLDER as COPIES_FOLDER
from medialit.build.reports import BuildResult
from medialit.build.sheet_pages import kept_counts, measure_sheets, page_warnings
from medialit.errors import OutputError, Problem, RenderError
from medialit.files import refuse_links, remove_stale_temporaries, write_all
from medialit.sheets.pack import PACK_FILE as PACK_FILE
from medialit.sheets.pack import copy_file


def finish_lesson(
    lesson_file: Path, plan: LessonPlan, laid_out: Mapping[str, LaidOut], options: BuildOptions
) -> BuildResult:
    """Stamp the class pack if there is one, then write every file of the lesson.

    ``laid_out`` has each of :meth:`LessonPlan.documents` by its name.
    """
    documents = plan.documents()
    problems = [
        problem if problem.file else problem._replace(file=lesson_file)
        for document in documents
        for problem in laid_out[document.name].problems
    ]
    if problems:
        raise RenderError(problems)
    result = BuildResult(lesson=lesson_file)
    for document in documents:
        refused = laid_out[document.name].refused
        result.warnings.extend(f"{document.name}: {message}" for message in refused)
    files: dict[str, bytes] = {}
    for output in plan.outputs:
        assert output.file is not None  # an output is written as laid out
        files[output.file] = laid_out[output.name].pdf
        if options.write_html:
            files[output.file.removesuffix(".pdf") + ".html"] = output.html.encode()
    if options.markable:
        code_plain_sheets(plan, laid_out, files)
    if plan.class_pack is not None:
        files.update(_pack_files(plan, plan.class_pack, laid_out, options))
    target = options.out / plan.checked.name
    # Checked before anything is written: a link below --out would take the sheets (and the
    # tidying of the class pack's earlier copies) out of it; another lesson's sheets stay.
    refuse_links(options.out, target / COPIES_FOLDER)
    refuse_earlier_lesson(target, lesson_file)
    class_pack = plan.class_pack is not None
    earlier, replaced = _earlier_outputs(target, files, class_pack)
    record = record_from_json(marker_record(target))
    # versions from --versions, or from a roster's version column
    pack = plan.pack
    versioned = options.versions > 1 or bool(pack and any(c.variant.version for c in pack.copies))
    numbered = options.seed if versioned else None
    roster = roster_of([c.name for c in pack.copies]) if pack else None
    sheets = sort_earlier(
        record,
        build_kind(options),
        lesson_version(plan.checked.lesson),
        files,
        earlier,
        numbered,
        roster,
    )
    # The sheets a teacher prints as laid out (a drawn cover has no layout to judge).
    fills = measure_sheets(
        files,
        [o.file for o in plan.outputs if o.file and o.drawn is None],
        # a sheet written as laid out (not coded since) measured with its kept layout
        {
            o.file: fill
            for o in plan.outputs
            if o.file and (fill := laid_out[o.name].fill) and files[o.file] is laid_out[o.name].pdf
        },
    )
    pages = kept_counts(record.pages, fills, [*earlier, *files])
    kept = dataclasses.replace(sheets.record, pages=pages)
    marker = marker_text(lesson_file, target, kept.as_json())
    write_all(target, {**files, MARKER: marker}, within=options.out)
    _remove_replaced_copies(target / COPIES_FOLDER, replaced, class_pack)
    result.warnings.extend(earlier_warnings(target, lesson_file, sheets))
    result.warnings.extend(page_warnings(target, fills, record.pages))
    result.outputs.extend(target / filename for filename in files)
    return result


# What a build writes; other files a teacher puts in an output folder are left alone.
_OUTPUT_SUFFIXES = (".pdf", ".html")


def _earlier_outputs(
    folder: Path, files: dict[str, bytes], class_pack: bool
) -> tuple[list[str], list[Path]]:
    """Sheets of earlier builds beside this build's (named as in ``files``), and the copies
    a class pack replaces: those of the last one (a shorter roster leaves none of the longer
    one's). Only files named as copies (``03-ana.pdf``) are replaced, never a link.
    """
    copies = folder / COPIES_FOLDER
    earlier: list[str] = []
    replaced: list[Path] = []
    try:
        for sub in (folder, copies):
            if sub.is_symlink() or not sub.is_dir():
                continue
            remove_stale_temporaries(sub)
            for path in sorted(sub.iterdir()):
                name = path.relative_to(folder).as_posix()
                if path.suffix not in _OUTPUT_SUFFIXES or path.is_symlink() or not path.is_file():
                    continue
                if name in files:
                    continue
                if class_pack and sub == copies and COPY_NAME.fullmatch(path.name):
                    replaced.append(path)
                else:
                    earlier.append(name)
    except OSError as exc:
        raise OutputError(
            Problem(f"this folder cannot be read ({exc.strerror}); check its permissions.", folder)
        ) from None
    return earlier, replaced


def _remove_replaced_copies(copies: Path, replaced: list[Path], class_pack: bool) -> None:
    try:
        for path in replaced:
            path.unlink(missing_ok=True)
        if class_pack and not copies.is_symlink() and copies.is_dir() and not any(copies.iterdir()):
            copies.rmdir()
    except OSError as exc:
        raise OutputError(
            Problem(
                f"the new sheets were written, but an older copy could not be removed "
                f"({exc.strerror}); delete the class pack's earlier copies by hand.",
                copies,
            )
        ) from None


def _pack_files(
    plan: LessonPlan,
    class_pack: ClassPackDocuments,
    laid_out: Mapping[str, LaidOut],
    options: BuildOptions,
) -> dict[str, bytes]:
    """``class-pack.pdf`` (and with ``split``, one file per copy) from layouts and name tags."""
    from medialit.layout.stamp import (  # pypdf: needed for class packs only
        read_layouts,
        stamp_copies,
        tagged_copies,
    )

    pack = class_pack.plan
    lesson = plan.checked.lesson
    words = plan.words
    layouts = [laid_out[layout.name].pdf for layout in class_pack.layouts]
    name_tags = laid_out[class_pack.name_tags.name].pdf
    copy_layouts = [pack.layout_index(copy) for copy in pack.copies]
    readers = read_layouts(layouts)  # parsed once, for the record and the stamping
    record = pack_record(plan, readers, laid_out)
    marks = None if record is None else pack_marks(record)
    # The codes are drawn as the copies are stamped: the pack is parsed and written once.
    combined, _ = stamp_copies(
        readers,
        copy_layouts,
        name_tags,
        title=words.pack_title.replace("{title}", lesson.title),
        language=plan.language,
        marks=marks,
    )
    files = {pack.file: combined}
    if options.split:
        titles = [
            words.copy_title.replace("{title}", lesson.title).replace("{name}", copy.name)
            for copy in pack.copies
        ]
        copies = tagged_copies(
            layouts, copy_layouts, name_tags, titles, language=plan.language, marks=marks
        )
        for number, (copy, data) in enumerate(zip(pack.copies, copies, strict=True), start=1):
            files[f"{COPIES_FOLDER}/{copy_file(number, copy)}"] = data
    if record is not None:
        files[record.file] = record.to_json()
    return files
