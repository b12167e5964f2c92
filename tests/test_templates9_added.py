"""A template added to a teacher's folder while medialit runs (the preview's worker, say) is
used from then on: Jinja kept the built-in one it had compiled, found "up to date" because
the built-in file had not changed, until the process ended."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from medialit.errors import TemplateError
from medialit.render.templates import make_environment, render


def test_a_template_added_meanwhile_replaces_the_one_compiled(tmp_path: Path) -> None:
    teacher, theme = tmp_path / "templates", tmp_path / "theme"
    teacher.mkdir()
    theme.mkdir()
    env = make_environment([teacher, theme], theme)  # the search path, as settling gives it
    first = env.get_template("fonts.css").render()
    # The theme's copy comes first, then the teacher's: each is used as soon as it is there.
    (theme / "fonts.css").write_text("/* the theme's fonts */\n", encoding="utf-8")
    assert render(env, "fonts.css", {}) == "/* the theme's fonts */\n"
    (teacher / "fonts.css").write_text("/* the teacher's fonts */\n", encoding="utf-8")
    assert render(env, "fonts.css", {}) == "/* the teacher's fonts */\n"
    # Removed again: the theme's, then the built-in one.
    os.remove(teacher / "fonts.css")
    assert render(env, "fonts.css", {}) == "/* the theme's fonts */\n"
    os.remove(theme / "fonts.css")
    assert render(env, "fonts.css", {}) == first


def test_a_template_found_is_kept_compiled_while_nothing_changes(tmp_path: Path) -> None:
    teacher = tmp_path / "templates"
    teacher.mkdir()
    (teacher / "fonts.css").write_text("/* mine */\n", encoding="utf-8")
    env = make_environment([teacher])
    assert env.get_template("fonts.css") is env.get_template("fonts.css")
    empty = tmp_path / "empty"
    empty.mkdir()
    builtin = make_environment([empty])
    assert builtin.get_template("key.css") is builtin.get_template("key.css")


def test_a_link_added_meanwhile_to_a_file_outside_is_refused(tmp_path: Path) -> None:
    """A shared folder's colleague adds, while the preview runs, a template that is a link to
    a file outside the folder: it is refused, not read, and not hidden by the compiled one."""
    teacher = tmp_path / "templates"
    teacher.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("another account's file\n", encoding="utf-8")
    env = make_environment([teacher])
    render(env, "fonts.css", {})  # the built-in one, compiled
    (teacher / "fonts.css").symlink_to(secret)
    with pytest.raises(TemplateError, match="outside its folder"):
        render(env, "fonts.css", {})
