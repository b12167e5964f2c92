"""Issue 9's bound: one job per module, and no module over 400 lines."""

from __future__ import annotations

from pathlib import Path

import medialit

PACKAGE = Path(medialit.__file__).parent
MAX_LINES = 400


def test_no_module_is_over_400_lines() -> None:
    sizes = {
        str(module.relative_to(PACKAGE)): len(module.read_text(encoding="utf-8").splitlines())
        for module in PACKAGE.rglob("*.py")
    }
    assert len(sizes) > 50  # the whole package was counted
    too_long = {name: lines for name, lines in sizes.items() if lines > MAX_LINES}
    assert not too_long, f"split these by job: {too_long}"
