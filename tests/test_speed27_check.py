"""`medialit check` imports less (issue 27, item 2): shown in a fresh process, as a teacher runs
it, by what it loaded; the time itself is benchmarks/bench_speed.py's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

SEED_LESSON = ROOT / "lessons" / "washington-isis-syria-2017.yaml"

PROBE = """
import json, sys
from medialit.cli.main import main
try:
    main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
from medialit.lesson import model
from medialit.settings import schema
built = sorted(
    name
    for module in (model, schema)
    for name, value in vars(module).items()
    if isinstance(value, type) and getattr(value, "__pydantic_complete__", False)
)
print(json.dumps({"code": code, "modules": sorted(sys.modules), "built": built}))
"""


def _check(*arguments: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "check", *arguments],
        capture_output=True,
        text=True,
        timeout=120,
    )
    answer: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    answer["stderr"] = done.stderr
    return answer


def test_check_loads_no_layout_font_roster_or_typo_module() -> None:
    answer = _check(str(SEED_LESSON))
    assert answer["code"] in (0, None), answer["stderr"]
    modules = set(answer["modules"])  # type: ignore[call-overload]
    # fontTools: the glyph check reads the fonts' character maps itself (sfnt.py); the roster
    # module is a class pack's; difflib only says "did you mean" after a typo.
    for name in ("weasyprint", "fontTools", "pypdf", "zxingcpp", "difflib"):
        assert name not in modules, name
    assert "medialit.sheets.roster" not in modules


def test_check_builds_the_validators_it_uses_only() -> None:
    """The lesson's parts are validated inside Lesson's validator: theirs are never built."""
    answer = _check(str(SEED_LESSON))
    built = answer["built"]
    assert "Lesson" in built and "Settings" in built  # type: ignore[operator]
    for part in ("Annotation", "Question", "Source", "Plan", "GlossaryEntry"):
        assert part not in built, part  # type: ignore[operator]


def test_a_typo_still_gets_a_suggestion(tmp_path: Path) -> None:
    lesson = tmp_path / "typo.yaml"
    text = SEED_LESSON.read_text(encoding="utf-8").replace("\ngenre:", "\ngenr:", 1)
    lesson.write_text(text, encoding="utf-8")
    answer = _check(str(lesson))
    assert answer["code"] not in (0, None)
    assert 'did you mean "genre"' in str(answer["stderr"])
    assert "Traceback" not in str(answer["stderr"])
