"""Installs are reproducible and complete: the lock files agree with pyproject.toml, and the
wheel installs with its dependencies by the pip that comes with Python.

``make`` and CI install the exact versions of ``requirements/`` (written by ``make lock``);
pip and pipx users get pyproject.toml's ranges. The first tests read those files (fast, no
network); the last one installs the built wheel into a fresh virtual environment with the
bundled pip, as a teacher's ``pip install .`` would, and drafts and builds a lesson with it.
"""

from __future__ import annotations

import ensurepip
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from .conftest import DATA, ROOT

REQUIREMENTS = ROOT / "requirements"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^ ;\\]+)(?: ;([^\\]+))?", re.MULTILINE)


def pins(lock: str) -> dict[str, Version]:
    """The exact versions a lock file installs on this machine (lines for other systems left out)."""
    found: dict[str, Version] = {}
    for name, version, marker in PIN.findall((REQUIREMENTS / lock).read_text()):
        if marker and not Requirement(f"x; {marker}").marker.evaluate():  # type: ignore[union-attr]
            continue
        found[canonicalize_name(name)] = Version(version)
    return found


def declared(*, test: bool) -> list[Requirement]:
    """pyproject.toml's requirements for this machine: the dependencies, the build backend and,
    with ``test``, the test extra."""
    lines = [*PYPROJECT["project"]["dependencies"], *PYPROJECT["build-system"]["requires"]]
    if test:
        lines += PYPROJECT["project"]["optional-dependencies"]["test"]
    requirements = [Requirement(line) for line in lines]
    return [r for r in requirements if r.marker is None or r.marker.evaluate()]


@pytest.mark.parametrize(
    ("lock", "test"), [("lock.txt", False), ("lock-test.txt", True), ("floors.txt", True)]
)
def test_each_lock_file_pins_every_declared_requirement_within_its_range(
    lock: str, test: bool
) -> None:
    locked = pins(lock)
    for requirement in declared(test=test):
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is not in requirements/{lock}: run  make lock"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"requirements/{lock} pins {name}=={locked[name]}, outside {requirement}: run  make lock"
        )


def test_every_pin_has_hashes() -> None:
    for lock in ("lock.txt", "lock-test.txt", "floors.txt"):
        text = (REQUIREMENTS / lock).read_text()
        blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
        assert blocks and all("--hash=sha256:" in block for block in blocks), lock


def test_make_and_test_install_the_same_versions() -> None:
    runtime, test = pins("lock.txt"), pins("lock-test.txt")
    assert {name: test[name] for name in runtime} == runtime


def test_floors_are_the_oldest_versions_pyproject_allows() -> None:
    floors = pins("floors.txt")
    for requirement in declared(test=True):
        (lowest,) = (s.version for s in requirement.specifier if s.operator == ">=")
        assert floors[canonicalize_name(requirement.name)] == Version(lowest), requirement


def test_weasyprint_and_pydyf_are_capped_just_above_the_tested_versions() -> None:
    # pdf.py and the layout cache use their internals: a newer release is tested before use.
    # WeasyPrint numbers its releases 70.0, 70.1 (fixes), 71.0; pydyf 0.13.0, 0.13.1, 0.14.0.
    locked = pins("lock.txt")
    tested = {name: locked[name] for name in ("weasyprint", "pydyf")}
    expected = {
        "weasyprint": f"<{tested['weasyprint'].major + 1}",
        "pydyf": f"<{tested['pydyf'].major}.{tested['pydyf'].minor + 1}",
    }
    caps = {
        r.name: ",".join(str(s) for s in r.specifier if s.operator == "<")
        for r in declared(test=False)
        if r.name in expected
    }
    assert caps == expected


@pytest.mark.slow  # builds the wheel and installs it with all its dependencies: about a minute
@pytest.mark.setup
def test_the_wheel_installs_with_its_dependencies_by_the_bundled_pip(tmp_path: Path) -> None:
    """A teacher's ``pip install .``: Python's own pip, no upgrade, every dependency from the
    index with pyproject's ranges. Python 3.11's pip 23.2.1 drops jusText's ``lxml[html_clean]``,
    so ``medialit new`` failed on an import unless pyproject names lxml_html_clean itself."""
    wheels = tmp_path / "wheels"
    pip = [sys.executable, "-m", "pip"]
    subprocess.run([*pip, "wheel", "--quiet", "--no-deps", "-w", wheels, ROOT], check=True)
    (wheel,) = wheels.glob("medialit-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    python = venv / "bin" / "python"
    version = subprocess.run(
        [python, "-m", "pip", "--version"], capture_output=True, text=True, check=True
    )
    assert version.stdout.startswith(f"pip {ensurepip.version()} "), version.stdout
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", wheel], env=env, check=True, timeout=600
    )

    medialit = venv / "bin" / "medialit"
    work = tmp_path / "class"
    work.mkdir()
    drafted = subprocess.run(
        [medialit, "new", DATA / "news-story.html"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert drafted.returncode == 0, drafted.stderr
    (lesson,) = (work / "lessons").glob("*.yaml")
    built = subprocess.run(
        [medialit, "build", lesson.relative_to(work), "--quiet"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    # Nothing but a layout's advice: which drafts new makes can leave the last page nearly
    # empty (it does, since the drafts' reasons were mended in session 12).
    advice = [line for line in built.stderr.splitlines() if "is nearly empty" not in line]
    assert (built.returncode, advice) == (0, []), built.stderr
    assert (work / "build" / lesson.stem / "student.pdf").stat().st_size > 0
    assert (work / "build" / lesson.stem / "key.pdf").stat().st_size > 0
