"""The README describes the code as it is: each package's line names every module in it."""

from __future__ import annotations

import re

from .conftest import ROOT

PACKAGE = ROOT / "src" / "medialit"
NOT_MODULES = {"catalogues", "cues"}  # data folders named in passing


def _architecture() -> dict[str, set[str]]:
    """Each package the README's architecture list names, and the modules its line names."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("- `src/medialit/`:")
    section = readme[start : readme.index("\n- `", start + 1)]
    listed: dict[str, set[str]] = {}
    for item in re.split(r"\n  - ", section)[1:]:
        package = re.match(r"`(\w+)/`", item)
        names = set(re.findall(r"`([a-z_]+)`", item)) - NOT_MODULES
        listed[package.group(1) if package else ""] = names
    return listed


def _tree() -> dict[str, set[str]]:
    tree = {"": {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "__main__"}}
    for init in PACKAGE.glob("*/__init__.py"):
        tree[init.parent.name] = {p.stem for p in init.parent.glob("*.py")} - {"__init__"}
    return tree


def test_readme_lists_every_package_and_module_and_no_other() -> None:
    tree = _tree()
    assert len(tree) >= 10 and sum(map(len, tree.values())) > 80  # the whole package was read
    assert _architecture() == tree
