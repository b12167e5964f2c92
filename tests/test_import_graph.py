"""Imports go one way: no module of medialit imports, even only for type checking, one that
imports it back (issue 25: settings and variants once did, over ``Level``).

The graph is read from the source with :mod:`ast`, so imports inside functions and under
``TYPE_CHECKING`` count as much as those at the top of a file.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

import medialit

PACKAGE = Path(medialit.__file__).parent
Graph = dict[str, set[str]]


def _name(file: Path, package: Path) -> str:
    parts = file.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> Iterator[str]:
    """Every dotted name ``node`` may load, each with the packages above it."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            here = module.split(".") if is_package else module.split(".")[:-1]
            base = ".".join(here[: len(here) - node.level + 1] + ([base] if base else []))
        names = [base] + [f"{base}.{alias.name}" for alias in node.names]
    for name in names:
        parts = name.split(".")
        yield from (".".join(parts[:i]) for i in range(1, len(parts) + 1))


@functools.cache  # read once for all the tests below
def import_graph(package: Path = PACKAGE) -> Graph:
    """Each module of ``package`` and the modules of it that it imports, anywhere in its text."""
    files = {_name(file, package): file for file in package.rglob("*.py")}
    graph: Graph = {}
    for module, file in files.items():
        own = {".".join(module.split(".")[:i]) for i in range(1, module.count(".") + 1)}
        targets: set[str] = set()
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                is_package = file.name == "__init__.py"
                targets.update(_imported(node, module, is_package))
        # A module's own packages are loaded before it: importing them closes no cycle.
        graph[module] = {t for t in targets if t in files and t != module and t not in own}
    return graph


def cycles(graph: Graph) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in sorted(graph[module]):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = [stack.pop()]
            while group[-1] != module:
                group.append(stack.pop())
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return sorted(found)


def test_no_import_cycle_among_medialits_modules() -> None:
    graph = import_graph()
    assert len(graph) > 50  # the whole package was read
    assert graph["medialit.build.run"] >= {"medialit.build.planning", "medialit.build.finishing"}
    assert cycles(graph) == []


def test_a_cycle_under_type_checking_is_found(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "a.py").write_text("from .sub.b import B\n")
    (package / "sub" / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .. import a\nB = 1\n"
    )
    (package / "c.py").write_text("def f():\n    import pkg.a\n")
    graph = import_graph(package)
    assert graph["pkg.c"] == {"pkg.a"}
    assert cycles(graph) == [["pkg.a", "pkg.sub.b"]]


# The stages, bottom up (README, "The repository is a working folder"): a module imports only
# from its own stage and the stages below it, so the tree reads as the pipeline.
STAGES = [
    "medialit",  # the few loose modules: errors, files, processes
    "medialit.lesson",
    "medialit.settings",
    "medialit.sheets",
    "medialit.render",
    "medialit.layout",
    "medialit.build",
    "medialit.exports",
    "medialit.drafting",
    "medialit.preview",
    "medialit.marking",
    "medialit.cli",
]


def stage(module: str) -> int:
    """The place in :data:`STAGES` of the package ``module`` belongs to."""
    if module == "medialit.__main__":
        return STAGES.index("medialit.cli")
    for place in range(len(STAGES) - 1, 0, -1):
        if module == STAGES[place] or module.startswith(STAGES[place] + "."):
            return place
    return 0


def test_every_module_imports_only_its_stage_and_those_below() -> None:
    graph = import_graph()
    upward = sorted(
        f"{module} ({STAGES[stage(module)]}) imports {target} ({STAGES[stage(target)]})"
        for module, targets in graph.items()
        for target in targets
        if stage(target) > stage(module)
    )
    assert upward == []


def test_only_a_few_modules_are_loose_at_the_top() -> None:
    loose = sorted(m for m in import_graph() if m.count(".") == 1 and stage(m) == 0)
    assert {"medialit.errors", "medialit.files"} <= set(loose)
    assert len(loose) <= 12, loose


def test_an_upward_import_is_found(tmp_path: Path) -> None:
    package = tmp_path / "medialit"
    for name in ("lesson", "cli"):
        (package / name).mkdir(parents=True)
        (package / name / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "lesson" / "model.py").write_text("def f():\n    from medialit.cli import x\n")
    graph = import_graph(package)
    assert graph["medialit.lesson.model"] == {"medialit.cli"}
    assert stage("medialit.cli") > stage("medialit.lesson.model")


def _reached(graph: Graph, module: str) -> set[str]:
    seen: set[str] = set()
    todo = [module]
    while todo:
        for target in graph[todo.pop()] - seen:
            seen.add(target)
            todo.append(target)
    return seen


@pytest.mark.parametrize("module", ["build.options", "exports.export"])
def test_the_build_date_is_found_without_weasyprint(module: str) -> None:
    # SOURCE_DATE_EPOCH is read in creation_date; medialit.layout.pdf is the module that loads WeasyPrint.
    assert "medialit.layout.pdf" not in _reached(import_graph(), f"medialit.{module}")
