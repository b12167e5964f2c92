"""The HTML of the small sample lesson, compared with the files kept in tests/data/golden/.

A change to a template, a stylesheet or the context shows here as a diff to review.
When the change is intended, refresh the files and commit them with it:

    .venv/bin/python -m pytest tests/test_golden.py --refresh-golden
"""

from __future__ import annotations

import datetime
import difflib

import pytest

from medialit.build.planning import plan_lesson
from medialit.build.run import BuildOptions

from .conftest import DATA

GOLDEN = DATA / "golden"
CREATED = datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC)


def rendered(name: str) -> str:
    """The HTML ``medialit build --html`` writes as ``name`` for the sample lesson."""
    plan = plan_lesson(DATA / "sample.yaml", BuildOptions(created=CREATED))
    html = {output.file.removesuffix(".pdf") + ".html": output.html for output in plan.outputs}
    return html[name]


@pytest.mark.parametrize("name", ["student.html", "key.html"])
def test_sample_html_is_the_golden_html(name: str, request: pytest.FixtureRequest) -> None:
    html = rendered(name)
    golden = GOLDEN / name
    if request.config.getoption("--refresh-golden"):
        golden.write_text(html, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    if html != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                html.splitlines(keepends=True),
                f"tests/data/golden/{name}",
                f"{name} as rendered now",
                n=2,
            )
        )
        pytest.fail(
            f"{name} is not the golden file. If the change is intended, run\n"
            "  .venv/bin/python -m pytest tests/test_golden.py --refresh-golden\n"
            f"and commit tests/data/golden/{name} with it.\n\n{diff}",
            pytrace=False,
        )
