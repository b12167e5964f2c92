"""The template search path: teacher's folder, then theme, then built-in; and its commands."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from medialit.build.run import BuildOptions, build_lesson
from medialit.cli import main
from medialit.errors import TemplateError
from medialit.render.template_files import builtin_templates, template_origins
from medialit.render.templates import make_environment, render
from medialit.settings.layers import Configuration, command_line_layer, load_configuration

from .conftest import DATA
from .golden_support import sheet_text, sheets_html


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_search_order_teacher_then_theme_then_builtin(tmp_path: Path) -> None:
    teacher, theme = tmp_path / "teacher", tmp_path / "theme"
    write(teacher / "a.html", "teacher a")
    write(theme / "a.html", "theme a")
    write(theme / "b.html", "theme b")
    env = make_environment([teacher, theme])
    assert render(env, "a.html", {}) == "teacher a"
    assert render(env, "b.html", {}) == "theme b"
    assert render(env, "fonts.css", {}).startswith("/* Bundled")  # built-in
    origins = dict(template_origins([("teacher's folder", teacher), ("theme", theme)]))
    assert origins["a.html"] == f"teacher's folder: {teacher / 'a.html'}"
    assert origins["b.html"] == f"theme: {theme / 'b.html'}"
    assert origins["student.html"] == "built-in"
    assert set(builtin_templates()) <= set(origins)


def test_teacher_extends_theme_extends_builtin(tmp_path: Path) -> None:
    """``!theme/`` is the theme's version of a template, ``!`` the built-in one."""
    teacher, theme = tmp_path / "teacher", tmp_path / "theme"
    write(
        teacher / "fonts.css",
        '{% extends "!theme/fonts.css" %}{% block x %}teacher {{ super() }}{% endblock %}',
    )
    write(theme / "fonts.css", '{% block x %}theme{% endblock %} {% include "!fonts.css" %}')
    write(teacher / "key.html", '{% extends "!theme/key.html" %}')  # the theme has none
    env = make_environment([teacher, theme], theme)
    rendered = render(env, "fonts.css", {})
    assert rendered.startswith("teacher theme /* Bundled")
    assert render(env, "!theme/fonts.css", {}).startswith("theme /* Bundled")
    assert render(env, "!fonts.css", {}).startswith("/* Bundled")
    with pytest.raises(TemplateError, match="is undefined"):  # the built-in key.html, as is
        render(env, "key.html", {})
    # Without a theme, !theme/ is the built-in set (the default theme).
    no_theme = make_environment([teacher])
    assert render(no_theme, "!theme/fonts.css", {}).startswith("/* Bundled")


def test_override_extends_builtin_and_custom_css_comes_last(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    write(
        templates / "student.html",
        '{% extends "!student.html" %}\n{% block task_box %}<p>Underline every fact.</p>'
        "{% endblock %}\n",
    )
    write(templates / "custom.css", "h1 { color: #123456; }\n")
    configuration = Configuration(templates=templates)
    # The HTML the build lays out (its words are the PDF's: no need to lay it out here).
    pages = sheets_html(DATA / "sample.yaml", configuration=configuration)
    text = sheet_text(pages["student.html"])
    assert "Underline every fact." in text
    assert "Your task" not in text  # the block was replaced...
    assert "Sort the statements" in text  # ...and only that block
    html = pages["student.html"]
    assert html.index("h1 { color: #123456; }") > html.index(".page-footer {")
    assert "Underline every fact." not in sheet_text(pages["key.html"])


def test_undefined_variable_names_template_file_and_line(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    write(
        templates / "student.html",
        '{% extends "!student.html" %}\n{% block header %}\n<h1>{{ titel }}</h1>\n{% endblock %}\n',
    )
    with pytest.raises(TemplateError) as caught:
        build_lesson(
            DATA / "sample.yaml",
            BuildOptions(out=tmp_path / "out", configuration=Configuration(templates=templates)),
        )
    message = str(caught.value)
    assert f"{templates / 'student.html'}:3: 'titel' is undefined." in message
    assert "docs/template-context.md" in message
    assert not (tmp_path / "out").exists()


def test_template_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    write(templates / "key.html", '{% extends "!key.html" %}\n\n{% block answers %}\n')
    with pytest.raises(TemplateError) as caught:
        build_lesson(
            DATA / "sample.yaml",
            BuildOptions(out=tmp_path / "out", configuration=Configuration(templates=templates)),
        )
    assert f"{templates / 'key.html'}:3: template syntax error" in str(caught.value)


def test_template_not_utf8_names_file_and_line(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    # Saved as Latin-1 by an older editor: "é" on line 3 is the byte 0xE9.
    (templates / "student.html").write_bytes(
        '{% extends "!student.html" %}\n{% block header %}\n<h1>Fiche élève</h1>\n'
        "{% endblock %}\n".encode("latin-1")
    )
    with pytest.raises(TemplateError) as caught:
        build_lesson(
            DATA / "sample.yaml",
            BuildOptions(out=tmp_path / "out", configuration=Configuration(templates=templates)),
        )
    assert str(caught.value) == (
        f"{templates / 'student.html'}:3: this template is not UTF-8 text; save it as UTF-8."
    )
    assert not (tmp_path / "out").exists()


def test_template_with_byte_order_mark_renders(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_bytes(b"\xef\xbb\xbf<p>{{ word }}</p>\n")
    assert render(make_environment([templates]), "page.html", {"word": "é"}) == "<p>é</p>\n"


def test_asset_finds_teacher_then_theme_then_package(tmp_path: Path) -> None:
    teacher, theme = tmp_path / "teacher", tmp_path / "theme"
    write(theme / "images" / "x.svg", "<svg/>")
    env = make_environment([teacher, theme])
    asset = env.globals["asset"]
    assert asset("images/x.svg") == (theme / "images" / "x.svg").resolve().as_uri()  # type: ignore[operator]
    write(teacher / "images" / "x.svg", "<svg/>")
    assert asset("images/x.svg") == (teacher / "images" / "x.svg").resolve().as_uri()  # type: ignore[operator]
    assert asset("fonts/andika/Andika-Regular.ttf") == "medialit:fonts/andika/Andika-Regular.ttf"  # type: ignore[operator]
    write(teacher / "t.html", "{{ asset('images/nope.png') }}")
    with pytest.raises(TemplateError, match=r"t.html:1: the template failed: asset"):
        render(env, "t.html", {})
    write(teacher / "u.html", "{{ asset('../../etc/passwd') }}")
    with pytest.raises(TemplateError, match="must name a file inside a templates folder"):
        render(env, "u.html", {})


def test_templates_list_and_export_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["templates", "export", "templates", "student.html"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "templates" / "student.html").read_text().startswith("{#- The student")
    result = runner.invoke(main, ["templates", "list", "--theme", "high-readability"])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line for line in result.output.splitlines()}
    assert "teacher's folder: templates/student.html" in rows["student.html"]
    assert rows["key.html"].endswith("built-in")
    assert "theme: " in rows["theme.css"] and "high-readability" in rows["theme.css"]
    # Exporting never overwrites a teacher's file, and unknown names get a suggestion.
    result = runner.invoke(main, ["templates", "export", "templates", "student.html"])
    assert result.exit_code == 1 and "already exists" in result.output
    result = runner.invoke(main, ["templates", "export", "templates", "studnt.html"])
    assert result.exit_code == 1 and 'did you mean "student.html"' in result.output
    result = runner.invoke(main, ["templates", "export", "all"])
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "all").iterdir()) == builtin_templates()


def test_working_folder_templates_and_theme_option(tmp_path: Path) -> None:
    write(tmp_path / "templates" / "custom.css", "")
    configuration = load_configuration(tmp_path, options={"theme": "high-readability"})
    folders = configuration.template_folders(configuration.resolve())
    assert folders[0] == tmp_path / "templates"
    assert folders[1].name == "high-readability"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    configuration = load_configuration(tmp_path, templates=elsewhere)
    assert configuration.template_folders(configuration.resolve()) == [elsewhere]
    configuration = Configuration(command_line=command_line_layer(["theme=default"]))
    assert configuration.template_folders(configuration.resolve()) == []
