"""Issue 9's bound: one job per module, and no module over 400 lines (the studio's scripts too)."""

from __future__ import annotations

from pathlib import Path

import medialit

PACKAGE = Path(medialit.__file__).parent
MAX_LINES = 400


def line_counts(pattern: str) -> dict[str, int]:
    return {
        module.relative_to(PACKAGE).as_posix(): len(module.read_text(encoding="utf-8").splitlines())
        for module in PACKAGE.rglob(pattern)
    }


def test_no_module_is_over_400_lines() -> None:
    sizes = line_counts("*.py")
    assert len(sizes) > 50  # the whole package was counted
    too_long = {name: lines for name, lines in sizes.items() if lines > MAX_LINES}
    assert not too_long, f"split these by job: {too_long}"


def test_no_script_the_package_ships_is_over_400_lines() -> None:
    # Every JavaScript module the package ships: the studio's, the marking review page's.
    sizes = {**line_counts("*.js"), **line_counts("*.mjs")}
    assert "preview/static/preview.js" in sizes  # the studio's scripts were counted
    assert "marking/static/review.js" in sizes
    too_long = {name: lines for name, lines in sizes.items() if lines > MAX_LINES}
    assert not too_long, f"split these JavaScript modules by job: {too_long}"
