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


# The first stages, bottom up (README, "reading" and "settings"): each imports only itself and
# the stages below it.
STAGES = {
    "reading": "errors files lesson_text loader model validation article anchoring statement_ids "
    "references lesson",
    "settings": "settings languages toml_settings setting_checks layers themes config_printout",
}


@pytest.mark.parametrize("stage", list(STAGES))
def test_the_first_stages_import_nothing_above_them(stage: str) -> None:
    graph = import_graph()
    modules = {f"medialit.{name}" for name in STAGES[stage].split()}
    up_to = list(STAGES)[: list(STAGES).index(stage) + 1]
    allowed = {f"medialit.{name}" for below in up_to for name in STAGES[below].split()}
    assert modules <= set(graph)
    upward = {(module, target) for module in modules for target in graph[module] - allowed}
    assert upward == set()


def _reached(graph: Graph, module: str) -> set[str]:
    seen: set[str] = set()
    todo = [module]
    while todo:
        for target in graph[todo.pop()] - seen:
            seen.add(target)
            todo.append(target)
    return seen


@pytest.mark.parametrize("module", ["build_options", "exports.export"])
def test_the_build_date_is_found_without_weasyprint(module: str) -> None:
    # SOURCE_DATE_EPOCH is read in creation_date; medialit.layout.pdf is the module that loads WeasyPrint.
    assert "medialit.layout.pdf" not in _reached(import_graph(), f"medialit.{module}")
