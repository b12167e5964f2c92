"""The README describes the code as it is."""

from __future__ import annotations

import re

from .conftest import ROOT

PACKAGE = ROOT / "src" / "medialit"


def test_readme_lists_every_module_and_no_other() -> None:
    readme = (ROOT / "README.md").read_text()
    start = readme.index("- `src/medialit/`:")
    section = readme[start : readme.index("\n- `", start + 1)]
    listed = set(re.findall(r"`([a-z_]+)`", section))
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "__main__"}
    assert listed == modules
