"""Lessons and templates from elsewhere stay data: nothing is run, read or fetched.

A local HTTP server counts requests, so "refused" means the network was never
touched, not only that a warning was printed.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from medialit.build.run import BuildOptions, build_lesson
from medialit.cli.main import main
from medialit.errors import TemplateError
from medialit.render.filters import css_string
from medialit.settings.layers import Configuration

from .conftest import GOOD, pdf_text

pytestmark = pytest.mark.build

HOSTILE = "{{ 7*7 }} <script>alert(1)</script> </style><h1>INJECTED</h1> <img src='/etc/passwd'>"


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A local web server: its address, and the paths it was asked for."""
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )  # shutdown() waits for a poll: 0.5 s by default, a wait in every test
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    httpd.shutdown()
    httpd.server_close()


def test_lesson_text_prints_as_written(tmp_path: Path) -> None:
    lesson = tmp_path / "hostile.yaml"
    text = GOOD.replace("title: Test lesson", f'title: "{HOSTILE}"').replace(
        "  Everyone agrees", f"  {HOSTILE}\n\n  Everyone agrees"
    )
    text = text.replace("why: A named person and a date.", f'why: "{HOSTILE}"')
    text += f'  - quote: "{HOSTILE}"\n    kind: assertion\n    why: x\nquestions:\n'
    text += f'  - text: "{HOSTILE}"\n    notes: "{HOSTILE}"\n'
    lesson.write_text(text)
    result = build_lesson(lesson, BuildOptions(out=tmp_path / "out", write_html=True))
    assert result.warnings == []  # the <img> in the text was never fetched
    for name in ("student", "key"):
        html = (tmp_path / "out" / "hostile" / f"{name}.html").read_text()
        assert "<script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert html.count("<h1") == 1  # the sheet's own title only: </style> did not escape
        assert "{{ 7*7 }}" in html
        text_of_pdf = pdf_text(tmp_path / "out" / "hostile" / f"{name}.pdf")
        assert "{{ 7*7 }} <script>alert(1)</script> </style><h1>INJECTED</h1>" in text_of_pdf
        assert "49" not in text_of_pdf


def test_css_strings_cannot_close_the_style_element() -> None:
    # Words printed by CSS (the page footer's "Page … of …") go through css_string.
    assert css_string("</style><h1>x") == '"\\3c /style\\3e \\3c h1\\3e x"'


def _hostile_template(folder: Path, web: str) -> None:
    svg = (
        "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>"
        f"<image href='{web}/from-svg.png' width='10' height='10'/></svg>"
    )
    folder.mkdir()
    (folder / "student.html").write_text(
        '{% extends "!student.html" %}\n'
        "{% block extra_css %}\n"
        f'@font-face {{ font-family: Web; src: url("{web}/font.ttf"); }}\n'
        '@font-face { font-family: Secret; src: url("file:///etc/passwd"); }\n'
        f'h1 {{ font-family: Web, Secret; background: url("{web}/bg.png"); }}\n'
        "{% endblock %}\n"
        "{% block task_box %}\n"
        '<img src="/etc/passwd"><img src="file:///etc/passwd">\n'
        f'<img src="{"../" * 30}etc/passwd">\n'
        f'<img src="{web}/img.png"><img src="https://example.invalid/x.png">\n'
        '<img src="data:text/html,<b>hi</b>"><object data="data:text/html,<b>hi</b>"></object>\n'
        f'<img src="{svg}">\n'
        '<link rel="attachment" href="lesson.yaml"><link rel="attachment" href="notes.txt">\n'
        '<img src="passwd.png"><img src="logo.svg">\n'
        "{% endblock %}\n"
    )


def test_template_cannot_read_files_or_reach_the_network(
    tmp_path: Path, server: tuple[str, list[str]]
) -> None:
    web, requests = server
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    lesson = lessons / "lesson.yaml"
    lesson.write_text(GOOD)
    (lessons / "notes.txt").write_text("private notes")
    (lessons / "passwd.png").symlink_to("/etc/passwd")  # inside the folder, pointing out
    (lessons / "logo.svg").write_text(
        "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>"
        "<rect width='10' height='10'/></svg>"
    )
    templates = tmp_path / "templates"
    _hostile_template(templates, web)
    result = build_lesson(
        lesson, BuildOptions(out=tmp_path / "out", configuration=Configuration(templates=templates))
    )

    outside = "it is outside the templates, theme and lesson folders; copy the file into the lesson's folder."
    network = "medialit never uses the network; save the file in the lesson's folder and refer to it by its name."
    assert set(result.warnings) == {
        f"student.pdf: refused to load file:///etc/passwd: {outside}",
        f"student.pdf: refused to load {(lessons / 'passwd.png').as_uri()}: {outside}",
        f"student.pdf: refused to load {web}/font.ttf: {network}",
        f"student.pdf: refused to load {web}/bg.png: {network}",
        f"student.pdf: refused to load {web}/img.png: {network}",
        f"student.pdf: refused to load {web}/from-svg.png: {network}",
        f"student.pdf: refused to load https://example.invalid/x.png: {network}",
        "student.pdf: refused to load data:text/html,<b>hi</b>: only images may be written as "
        "data: addresses.",
        f"student.pdf: refused to load {lesson.as_uri()}: only images, fonts and stylesheets "
        "may be used.",
        f"student.pdf: refused to load {(lessons / 'notes.txt').as_uri()}: only images, fonts "
        "and stylesheets may be used.",
    }
    assert requests == []
    student = tmp_path / "out" / "lesson" / "student.pdf"
    reader = PdfReader(student)
    assert dict(reader.attachments) == {}  # the lesson, with its answers, is not attached
    text = pdf_text(student)
    assert "root:" not in text and "private notes" not in text
    assert "A named person and a date." not in text


def test_refusals_are_shown_on_the_command_line(
    tmp_path: Path, server: tuple[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    web, requests = server
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lesson.yaml").write_text(GOOD)
    Path("templates").mkdir()  # the working folder's templates/ is used by default
    Path("templates/student.html").write_text(
        f'{{% extends "!student.html" %}}{{% block task_box %}}<img src="{web}/x.png">'
        '<img src="file:///etc/passwd">{% endblock %}'
    )
    result = CliRunner().invoke(main, ["build", "--out", "out", "lesson.yaml"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"Warning: lesson.yaml: student.pdf: refused to load {web}/x.png: medialit never uses "
        "the network; save the file in the lesson's folder and refer to it by its name.",
        "Warning: lesson.yaml: student.pdf: refused to load file:///etc/passwd: it is outside "
        "the templates, theme and lesson folders; copy the file into the lesson's folder.",
    ]
    assert requests == []


def test_template_cannot_run_code(tmp_path: Path) -> None:
    """Jinja runs in a sandbox: the classic escape to ``os`` is refused, not executed."""
    marker = tmp_path / "ran"
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "student.html").write_text(
        '{% extends "!student.html" %}\n{% block header %}\n'
        f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}\n"
        "{% endblock %}\n"
    )
    lesson = tmp_path / "lesson.yaml"
    lesson.write_text(GOOD)
    with pytest.raises(TemplateError) as caught:
        build_lesson(
            lesson,
            BuildOptions(out=tmp_path / "out", configuration=Configuration(templates=templates)),
        )
    assert str(caught.value) == (
        f"{templates / 'student.html'}:3: the template tried something templates may not do "
        '("__init__" of the class Cycler is not data a template may read). Use only the variables '
        "in "
        "docs/template-context.md, and remove this template if you do not know where it came "
        "from."
    )
    assert not marker.exists()
    assert not (tmp_path / "out").exists()
