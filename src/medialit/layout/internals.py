"""The one place medialit reads WeasyPrint's internals, behind a check of the installed versions.

WeasyPrint promises only its documented API ("anything else ... we reserve the right
to change it or remove it at any point"); pydyf's underscored helpers are its own too.
Two things medialit needs have no public API: where each line of a paragraph starts,
to give each statement's line in the independent answer key; and which structure
element of a tagged PDF each table header cell and form field became
(:func:`tagged_cells_and_fields`, for ``tagging.py``). WeasyPrint's pages keep
their boxes privately (``Page._page_box``); only this module reads them
(``tests/test_cache_public_names.py`` fails if any other module uses a private name of
WeasyPrint or pydyf).

It reads them only when the installed WeasyPrint and pydyf are within the ranges
medialit declares (``pyproject.toml``), the versions its tests ran with. The layout
cache is held to the same ranges: it uses public API only, but it writes kept pages
back through pydyf's writer, which read them back wrongly at pydyf 0.12.0. Outside
the ranges :func:`untested_versions` says so in one line, and both step aside: keys
give each statement's paragraph without its line, and documents are laid out afresh.
"""

from __future__ import annotations

import functools
from importlib import metadata
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.version import InvalidVersion, Version

GATED = ("weasyprint", "pydyf")
"""The distributions whose internals, or unpromised behaviour, medialit relies on."""


def declared_ranges() -> dict[str, str]:
    """The version range medialit declares for each of :data:`GATED`, from its installed
    metadata (that is, from ``pyproject.toml``); empty when medialit is not installed.
    """
    try:
        requirements = metadata.requires("medialit") or []
    except metadata.PackageNotFoundError:
        return {}
    ranges: dict[str, str] = {}
    for line in requirements:
        try:
            requirement = Requirement(line)
        except InvalidRequirement:
            continue
        if requirement.name.lower() in GATED and requirement.marker is None:
            ranges[requirement.name.lower()] = str(requirement.specifier)
    return ranges


@functools.cache  # the installed versions do not change while medialit runs
def untested_versions() -> str | None:
    """None when WeasyPrint and pydyf are versions medialit is tested with; else one line
    saying which is not, and what to install.
    """
    ranges = declared_ranges()
    problems = []
    for name in GATED:
        if name not in ranges:
            return (
                f"medialit cannot tell which {name} versions it is tested with (its "
                "installation record is missing); reinstall it with: pip install ."
            )
        wanted = Requirement(f"{name}{ranges[name]}")
        try:
            installed = metadata.version(name)
            fits = wanted.specifier.contains(Version(installed), prereleases=True)
        except (metadata.PackageNotFoundError, InvalidVersion):
            installed, fits = "an unknown version", False
        if not fits:
            problems.append((f"{name} {installed}", str(wanted)))
    if not problems:
        return None
    found = " and ".join(found for found, _ in problems)
    tested = " and ".join(wanted for _, wanted in problems)
    command = " ".join(f"'{wanted}'" for _, wanted in problems)
    return (
        f"{found} is installed, but medialit is tested only with {tested}; "
        f"install a tested version with: pip install {command}"
    )


def statement_lines(document: Any, attribute: str) -> dict[int, int] | None:
    """For each element of a laid-out WeasyPrint ``document`` marked ``attribute="N"``, the
    line of its paragraph (``p`` or ``li``) where it starts; None outside the tested versions.
    """
    if untested_versions() is not None:
        return None
    from weasyprint.formatting_structure.boxes import LineBox

    lines: dict[int, int] = {}

    def paragraphs(box: Any) -> None:
        children = getattr(box, "children", [])
        line_boxes = [child for child in children if isinstance(child, LineBox)]
        if line_boxes and getattr(box, "element_tag", None) in ("p", "li"):
            for number, line_box in enumerate(line_boxes, start=1):
                for statement in marked(line_box):
                    lines.setdefault(statement, number)
            return
        for child in children:
            paragraphs(child)

    def marked(box: Any) -> list[int]:
        found = []
        element = getattr(box, "element", None)
        value = element.get(attribute) if element is not None else None
        if value is not None and value.isdigit():
            found.append(int(value))
        for child in getattr(box, "children", []):
            found.extend(marked(child))
        return found

    for page in document.pages:
        paragraphs(page._page_box)
    return lines


def tagged_cells_and_fields(
    document: Any,
) -> tuple[list[tuple[Any, str]], dict[bytes, str]] | None:
    """In a laid-out ``document`` being written with ``pdf_tags``: each ``th``'s structure
    element (WeasyPrint keeps it on the cell's box) with its ``scope`` attribute ("" when
    none), and each form field's annotation reference with its ``aria-label`` or ``title``.
    None outside the tested versions.
    """
    if untested_versions() is not None:
        return None
    cells: list[tuple[Any, str]] = []
    fields: dict[bytes, str] = {}

    def visit(box: Any) -> None:
        element = getattr(box, "element", None)
        if getattr(box, "element_tag", None) == "th" and hasattr(box, "mark"):
            cells.append((box.mark, element.get("scope", "") if element is not None else ""))
        annotation = getattr(box, "widget_annotation", None)
        if annotation is not None and element is not None:
            text = element.get("aria-label") or element.get("title")
            if text:
                fields[annotation.reference] = text
        for child in getattr(box, "children", []):
            visit(child)

    for page in document.pages:
        visit(page._page_box)
    return cells, fields


MarkedBox = tuple[str, int, float, float, float, float]
"""A marked element's name, its page (0-based) and its border box in CSS pixels from the
page's top-left: x, y, width, height."""


def marked_boxes(document: Any, attribute: str) -> list[MarkedBox] | None:
    """Every box of a laid-out ``document`` whose element has ``attribute``, with its page and
    border box (a split element gives one per part); None outside the tested versions.
    """
    if untested_versions() is not None:
        return None
    found: list[MarkedBox] = []
    seen: set[tuple[int, int]] = set()

    def visit(box: Any, page: int) -> None:
        element = getattr(box, "element", None)
        name = element.get(attribute) if element is not None else None
        # The outermost box of the element on the page: its line boxes share its element.
        if name and (id(element), page) not in seen:
            seen.add((id(element), page))
            found.append(
                (
                    name,
                    page,
                    box.border_box_x(),
                    box.border_box_y(),
                    box.border_width(),
                    box.border_height(),
                )
            )
        for child in getattr(box, "children", []):
            visit(child, page)

    for number, page in enumerate(document.pages):
        visit(page._page_box, number)
    return found
