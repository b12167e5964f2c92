"""Issue 26, items 1 and 20: the template sandbox, and `check` rendering what `build` renders.

Item 1: a shared template (a ``templates/`` folder, or a lesson's own theme) could
call a pydantic model's ``parse_raw(..., allow_pickle=True)`` and run a command
during ``medialit build``, silently, exit 0. Each known way out is tried here on the
real sandbox with a real context, and a walk over every attribute a template can
reach from the real contexts of this repository's lessons finds no callable that
docs/template-context.md does not list.

Item 20: ``medialit check`` said OK to a lesson whose theme template ``build`` rejects,
and to text that ``build --strict`` rejects; now it renders the lesson's own templates
and runs the glyph check, with the same messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from jinja2.environment import TemplateModule
from jinja2.exceptions import SecurityError
from jinja2.runtime import BlockReference, LoopContext, Macro, TemplateReference, Undefined
from jinja2.utils import Cycler, Joiner, Namespace
from markupsafe import Markup

from medialit.errors import TemplateError
from medialit.lesson.reading import read_lesson
from medialit.render.context import student_context
from medialit.render.key_context import key_context
from medialit.render.pack_context import cover_context, name_tags_context
from medialit.render.templates import make_environment, render, template_variables
from medialit.settings.schema import Settings
from medialit.sheets.pack import plan_pack
from medialit.sheets.roster import RosterEntry
from medialit.sheets.variants import LEVELS, CopyOptions, Variant

from .conftest import DATA, LESSONS, ROOT
from .hardening_support import GOOD, run_medialit

pytestmark = pytest.mark.build

REFUSED = (
    "{file}:{line}: the template tried something templates may not do ({what}). Use only the "
    "variables in docs/template-context.md, and remove this template if you do not know where "
    "it came from."
)
# Protocol 0 pickle: os.system("touch MARKER"), then an empty dict for pydantic to validate.
PICKLE = "cos\\nsystem\\n(S'touch {marker}'\\ntR0(d."


def _exploit(marker: Path) -> str:
    pickled = PICKLE.format(marker=marker)
    return (
        '{% extends "!student.html" %}\n{% block task_box %}\n'
        f'{{% set x = settings.parse_raw("{pickled}", proto="pickle", allow_pickle=True) %}}\n'
        "{{ super() }}{% endblock %}\n"
    )


@pytest.mark.parametrize("where", ["templates", "theme"])
def test_pickle_through_settings_runs_nothing_during_build(where: str, tmp_path: Path) -> None:
    """The reported exploit, in a real ``medialit build``: on main the marker appeared, exit 0."""
    marker = tmp_path / "ran"
    (tmp_path / "lessons").mkdir()
    lesson = GOOD
    if where == "templates":  # a shared templates/ folder beside lessons/
        folder, shown = tmp_path / "templates", "templates/student.html"
    else:  # the lesson's own theme folder, named in its worksheet: table
        folder = tmp_path / "lessons" / "mytheme"
        shown = str(folder / "student.html")  # a theme's folder is named in full
        lesson += "worksheet:\n  theme: mytheme\n"
    folder.mkdir()
    (folder / "student.html").write_text(_exploit(marker))
    (tmp_path / "lessons" / "lesson.yaml").write_text(lesson)
    result = run_medialit(["build", "lessons/lesson.yaml"], tmp_path)
    assert not marker.exists(), "the template ran a command"
    assert result.returncode == 1, result.stderr
    what = '"parse_raw" of a Settings object is not data a template may read'
    assert result.stderr.splitlines()[0] == "Error: " + REFUSED.format(
        file=shown, line=3, what=what
    )
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "build" / "lesson").exists()


# --- Each known escape, on the real sandbox with a real student context --------------------

CALL = "is not something a template may call"


def _read(field: str, owner: str) -> str:
    return f'"{field}" of {owner} is not data a template may read'


SETTINGS = "a Settings object"
ESCAPES: dict[str, tuple[str, str]] = {
    # pydantic models' methods, inherited by every settings object
    "parse_raw": ('settings.parse_raw("{}")', _read("parse_raw", SETTINGS)),
    "parse_file": ('settings.parse_file("/etc/passwd")', _read("parse_file", SETTINGS)),
    "model_validate_json": (
        'settings.model_validate_json("{}")',
        _read("model_validate_json", SETTINGS),
    ),
    "model_validate": (
        "settings.words.model_validate({})",
        _read("model_validate", "a Words object"),
    ),
    "model_copy": ('settings.model_copy(update={"school": 1})', _read("model_copy", SETTINGS)),
    "copy": ("settings.copy()", _read("copy", SETTINGS)),
    "construct": ("settings.construct()", _read("construct", SETTINGS)),
    "model_construct": ("settings.model_construct()", _read("model_construct", SETTINGS)),
    "model_dump": ("settings.model_dump()", _read("model_dump", SETTINGS)),
    "json": ("settings.json()", _read("json", SETTINGS)),
    "schema_json": ("settings.schema_json()", _read("schema_json", SETTINGS)),
    "model_rebuild": ("settings.model_rebuild(force=True)", _read("model_rebuild", SETTINGS)),
    "update_forward_refs": (
        "settings.update_forward_refs()",
        _read("update_forward_refs", SETTINGS),
    ),
    "model_fields": ("settings.model_fields", _read("model_fields", SETTINGS)),
    "nested model": (
        'settings.kinds.evidence.parse_raw("{}")',
        _read("parse_raw", "a KindStyle object"),
    ),
    "__class__ walk": ("settings.__class__.parse_raw", _read("__class__", SETTINGS)),
    "__dict__": ("settings.__dict__", _read("__dict__", SETTINGS)),
    "subscript": ('settings["parse_raw"]', _read("parse_raw", SETTINGS)),
    "|attr": ('settings|attr("parse_raw")', _read("parse_raw", SETTINGS)),
    "map(attribute=)": (
        '[settings]|map(attribute="model_dump")|list',
        _read("model_dump", SETTINGS),
    ),
    # dataclasses: fields only, no class, no dataclasses machinery
    "dataclass fields": (
        "source.__dataclass_fields__",
        _read("__dataclass_fields__", "a SourceInfo object"),
    ),
    "dataclass class": ("statements[0].__class__", _read("__class__", "a StudentStatement object")),
    "dataclass init": (
        "blocks[0].__init__.__globals__",
        _read("__init__", "an ArticleBlock object"),
    ),
    # str.format and format_map look their fields up through the same rules
    "format field": ('"{0.parse_raw}".format(settings)', _read("parse_raw", SETTINGS)),
    "format class": ('"{0.__class__}".format(title)', _read("__class__", "a str object")),
    "format_map": (
        '"{s.model_fields}".format_map({"s": settings})',
        _read("model_fields", SETTINGS),
    ),
    "format globals": (
        '"{0.__init__.__globals__}".format(cycler)',
        _read("__init__", "the class Cycler"),
    ),
    "safe format": ('("{0.json}"|safe).format(settings)', _read("json", SETTINGS)),
    "str.encode": ("title.encode()", _read("encode", "a str object")),
    "str.center": ("title.center(999999999)", _read("center", "a str object")),
    # Jinja's own known escapes
    "cycler globals": ("cycler.__init__.__globals__.os", _read("__init__", "the class Cycler")),
    "joiner globals": ("joiner.__init__.__globals__.os", _read("__init__", "the class Joiner")),
    "namespace globals": (
        "namespace.__init__.__globals__",
        _read("__init__", "the class Namespace"),
    ),
    "lipsum globals": ("lipsum.__globals__.os", _read("__globals__", "a function object")),
    "range globals": ("range.__globals__", _read("__globals__", "a function object")),
    "asset globals": ("asset.__globals__", _read("__globals__", "a function object")),
    "self": ("self.__init__.__globals__", _read("__init__", "a TemplateReference object")),
    "self context": (
        "self._TemplateReference__context",
        _read("_TemplateReference__context", "a TemplateReference object"),
    ),
    "subclasses": ('"".__class__.__mro__[1].__subclasses__()', _read("__class__", "a str object")),
    "attr class": ('()|attr("__class__")', _read("__class__", "a tuple object")),
    "dict class methods": ('dict.fromkeys("ab")', _read("fromkeys", "the class dict")),
    "mro": ("dict.mro()", _read("mro", "the class dict")),
    "namespace value": ("namespace(s=settings).s.model_dump()", _read("model_dump", SETTINGS)),
    "cycler object": ("cycler(1).__class__", _read("__class__", "a Cycler object")),
    "number": ("(1).bit_length()", _read("bit_length", "an int object")),
    "kind key": ("(settings.kinds|list)[0].__class__", _read("__class__", "a Kind object")),
}


def _student_template(tmp_path: Path, expression: str, *, around: str = "{}") -> Path:
    """``templates/student.html`` with ``expression`` printed on line 2 (inside ``around``)."""
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    body = around.replace("{}", f"{{{{ {expression} }}}}")
    (folder / "student.html").write_text(f"<p>{{{{ title }}}}</p>\n{body}\n")
    return folder


def _student_variables() -> dict[str, Any]:
    checked = read_lesson(DATA / "good-lesson.yaml")
    return template_variables(student_context(checked, Settings()))


def _refused(tmp_path: Path, expression: str, *, around: str = "{}") -> str:
    folder = _student_template(tmp_path, expression, around=around)
    env = make_environment([folder])
    with pytest.raises(TemplateError) as caught:
        render(env, "student.html", _student_variables())
    return str(caught.value)


@pytest.mark.parametrize("name", list(ESCAPES))
def test_known_escape_is_refused_with_the_template_line(name: str, tmp_path: Path) -> None:
    expression, what = ESCAPES[name]
    file = tmp_path / "templates" / "student.html"
    assert _refused(tmp_path, expression) == REFUSED.format(file=file, line=2, what=what)


IN_A_LOOP = "{% for x in [1] %}{}{% endfor %}"
WITH_MACROS = '{% import "macros.html" as m %}{}'
IN_A_CALL = "{% macro box() %}{}{% endmacro %}{% call box() %}x{% endcall %}"
JINJA_OBJECTS = {
    "loop class": (IN_A_LOOP, "loop.__class__", _read("__class__", "a LoopContext object")),
    "loop init": (
        IN_A_LOOP,
        "loop.__init__.__globals__",
        _read("__init__", "a LoopContext object"),
    ),
    "loop iterator": (IN_A_LOOP, "loop._iterator", _read("_iterator", "a LoopContext object")),
    "macro func": (WITH_MACROS, "m.header._func", _read("_func", "a Macro object")),
    "macro globals": (WITH_MACROS, "m.header.__call__", _read("__call__", "a Macro object")),
    "module": (WITH_MACROS, "m._body_stream", _read("_body_stream", "a TemplateModule object")),
    "caller": (IN_A_CALL, "caller._environment", _read("_environment", "a Macro object")),
}


@pytest.mark.parametrize("name", list(JINJA_OBJECTS))
def test_escapes_through_jinja_objects_are_refused(name: str, tmp_path: Path) -> None:
    around, expression, what = JINJA_OBJECTS[name]
    file = tmp_path / "templates" / "student.html"
    assert _refused(tmp_path, expression, around=around) == REFUSED.format(
        file=file, line=2, what=what
    )


def test_a_refused_callable_is_named_briefly(tmp_path: Path) -> None:
    """A callable no attribute rule reaches (kept in a namespace) is refused by name."""
    folder = _student_template(tmp_path, "ns.f()")
    (folder / "student.html").write_text(
        "<p>{{ title }}</p>\n{% set ns = namespace(f=tools.f) %}\n{{ ns.f() }}\n"
    )
    env = make_environment([folder])
    variables = {**_student_variables(), "tools": {"f": Settings.model_construct}}
    with pytest.raises(TemplateError) as caught:
        render(env, "student.html", variables)
    what = f"BaseModel.model_construct {CALL}"
    assert str(caught.value) == REFUSED.format(file=folder / "student.html", line=3, what=what)


def test_what_templates_need_still_works(tmp_path: Path) -> None:
    """Data, the listed methods, macros, blocks, loop, cycler, joiner, namespace, format."""
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "student.html").write_text(
        '{% extends "!student.html" %}{% block task_box %}[['
        "{% set ns = namespace(n=0) %}{% set c = cycler('odd', 'even') %}{% set j = joiner('/') %}"
        "{% for s in statements %}{% set ns.n = ns.n + 1 %}{{ j() }}{{ c.next() }}"
        "{{ loop.index }}{{ loop.cycle('a', 'b') }}{% endfor %}{{ ns.n }}"
        "|{{ title.split(' ')[0].upper() }}|{{ '{0.number}-{0.opening}'.format(statements[0]) }}"
        "|{{ settings.kinds.items()|list|length }}|{{ {'a': 'b'}.get('a') }}"
        "|{{ settings.words.name|replace(':', '') }}|{{ (settings.kinds|list)[0].value }}"
        "|{{ ('<b>x</b>'|safe).striptags() }}|{{ range(3)|join }}|{{ self.task_extra() }}"
        "]]{{ super() }}{% endblock %}{% block task_extra %}extra{% endblock %}"
    )
    env = make_environment([folder])
    html = render(env, "student.html", _student_variables())
    shown = html[html.index("[[") + 2 : html.index("]]")]
    assert shown == (
        "odd1a/even2b2|TEST|1-The mayor said on Monday that the bridge …"
        "|3|b|Name|evidence|x|012|extra"
    )
    assert "Your task" in html  # super(): the built-in box follows


# --- The walk: every callable a template can reach is one the docs list ----------------------

DOC = ROOT / "docs" / "template-context.md"
# The contexts, Jinja's objects and one of each plain type come to a few thousand values.
WALK_LIMIT = 50_000
WALK_DEPTH = 12  # the deepest data is five steps down: key.settings.kinds[…].label


def _documented_methods() -> dict[str, set[str]]:
    """The section "What a template may read and call": each kind of value and its methods."""
    text = DOC.read_text()
    section = text[text.index("## What a template may read and call") :]
    section = section[: section.index("\n## ", 1)]
    rows = re.findall(r"^\| (.+?) \| (.+?) \|$", section, re.M)
    methods = {kind: set(re.findall(r"`([a-z_]+)`", names)) for kind, names in rows[1:]}
    methods["text marked safe (`\\|safe`)"] |= methods["text"]
    return methods


def _kind_of(owner: Any) -> str | None:
    """Which row of the documented table a method's owner belongs to."""
    if isinstance(owner, Markup):
        return "text marked safe (`\\|safe`)"
    if isinstance(owner, str):
        return "text"
    if isinstance(owner, list | tuple):
        return "list"
    if isinstance(owner, Mapping):
        return "mapping"
    for cls, kind in ((LoopContext, "`loop`"), (Cycler, "a `cycler()`")):
        if isinstance(owner, cls):
            return kind
    if isinstance(owner, BlockReference):
        return "a block (`self.name`)"
    return None


def _allowed(value: Any, env: Any, methods: dict[str, set[str]]) -> bool:
    if isinstance(value, Macro | BlockReference | Joiner | LoopContext):
        return True  # the template's own macros and blocks; joiner() and loop() call themselves
    if any(value is function for function in env.globals.values()):
        return True  # documented: asset, range, dict, cycler, joiner, namespace, lipsum
    code = getattr(value, "__code__", None)
    if code is not None and code.co_qualname.endswith("wrap_str_format.<locals>.wrapper"):
        value = value.__wrapped__  # Jinja's sandboxed str.format
    owner, name = getattr(value, "__self__", None), getattr(value, "__name__", "")
    kind = _kind_of(owner)
    return kind is not None and name in methods.get(kind, set())


def _names(obj: Any) -> set[str]:
    if isinstance(obj, Namespace):
        return set(object.__getattribute__(obj, "_Namespace__attrs"))
    try:
        return set(dir(obj))
    except Exception:  # an object whose dir() fails offers nothing this walk can name
        return set()


def _reachable(env: Any, roots: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """Every value a template reaches from ``roots`` through the environment's own getattr and
    getitem (attributes, items, mapping views), each object walked once (one per plain type).

    A callable is yielded but not walked into: it is the finding, whatever lies behind it.
    Views made afresh at each step (``d.keys().mapping.keys()…``) end at ``WALK_DEPTH``.
    """
    queue = [(path, obj, 0) for path, obj in roots.items()]
    seen: dict[int, Any] = {}  # keeps each object alive, so that its id is not reused
    plain_types: set[type] = set()
    while queue:
        path, obj, depth = queue.pop()
        if id(obj) in seen or depth > WALK_DEPTH:
            continue
        seen[id(obj)] = obj
        if isinstance(obj, str | int | float | bool | type(None)):
            if type(obj) in plain_types:
                continue  # every text, number… offers the same attributes
            plain_types.add(type(obj))
        yield path, obj
        if callable(obj) and not isinstance(obj, Namespace | TemplateModule | LoopContext):
            continue
        steps: list[tuple[str, Any]] = []
        for name in sorted(_names(obj)):
            try:
                value = env.getattr(obj, name)
            except Exception:  # refused (SecurityError), or a property that fails: not reached
                continue
            steps.append((f"{path}.{name}", value))
        if isinstance(obj, Mapping):
            for key in list(obj):
                steps.append((f"{path}[{key!r}]", env.getitem(obj, key)))
            steps += [(f"{path}.items()", list(obj.items())), (f"{path}.keys()", obj.keys())]
        elif isinstance(obj, list | tuple):
            steps += [(f"{path}[{i}]", env.getitem(obj, i)) for i in range(len(obj))]
        queue += [(p, v, depth + 1) for p, v in steps if not isinstance(v, Undefined)]


def _contexts(lesson: Path) -> dict[str, Any]:
    """The real contexts of ``lesson``: student and key at every level, with versions, and the
    class pack's cover and name tags."""
    checked = read_lesson(lesson)
    settings = Settings()
    roots: dict[str, Any] = {}
    roster = [RosterEntry(name, n + 2) for n, name in enumerate(["Ana López", "王小明", "Sam"])]
    for level in LEVELS:
        variant = Variant(level=level, version="A")
        other = Variant(level=level, version="B", numbers=())
        student = student_context(checked, settings, variant, CopyOptions(named=True))
        for name, value in template_variables(student).items():
            roots[f"student[{level}].{name}"] = value
        key = key_context(checked, settings, variant, {1: 3}, [variant, other])
        for name, value in template_variables(key).items():
            roots[f"key[{level}].{name}"] = value
    count = {level: len(checked.statements) for level in LEVELS}
    pack = plan_pack(roster, "standard", 2, 1, count)
    for name, value in template_variables(cover_context(checked, settings, pack)).items():
        roots[f"cover.{name}"] = value
    for name, value in template_variables(name_tags_context(checked, settings, pack)).items():
        roots[f"names.{name}"] = value
    return roots


def _jinja_roots(env: Any) -> dict[str, Any]:
    """What Jinja itself gives a template: its globals, and the objects they and blocks make."""
    template = env.from_string(
        "{% macro m() %}{% endmacro %}{% set exported = 1 %}{% block b %}{% endblock %}"
    )
    context = template.new_context({})
    loop = LoopContext(iter([1, 2]), env.undefined, None, 0)
    reference = TemplateReference(context)
    module = TemplateModule(template, context)
    roots: dict[str, Any] = {f"{name}": value for name, value in env.globals.items()}
    roots |= {
        "loop": loop,
        "cycler(1, 2)": env.globals["cycler"](1, 2),
        "joiner()": env.globals["joiner"](),
        "namespace(a=1)": env.globals["namespace"](a=1),
        "self": reference,
        "self.b": reference["b"],
        "import": module,
        "markup": Markup("<b>x</b>"),
        "'x'.format": env.getattr("x", "format"),
    }
    return roots


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_every_reachable_callable_is_documented(lesson: Path) -> None:
    """Walk everything a template can reach from the real contexts, with the sandbox's own
    getattr: each callable must be one docs/template-context.md lists."""
    env = make_environment()
    methods = _documented_methods()
    roots = _contexts(lesson) | _jinja_roots(env)
    reached = 0
    undocumented = []
    for path, value in _reachable(env, roots):
        reached += 1
        if callable(value) and not _allowed(value, env, methods):
            undocumented.append(f"{path}: {type(value).__name__}")
        assert reached < WALK_LIMIT, f"templates reach more than data: {undocumented[:20]}"
    assert reached > 500  # the walk did reach the contexts' data
    assert undocumented == []


def test_the_sandbox_allows_what_the_docs_list() -> None:
    """The table in docs/template-context.md is the sandbox's allow-list, word for word."""
    from medialit.render import (
        sandbox as template_sandbox,
    )  # here, so that the rest runs against older code too

    methods = _documented_methods()
    assert methods["text"] == template_sandbox.TEXT_METHODS
    assert methods["text marked safe (`\\|safe`)"] == template_sandbox.MARKUP_METHODS
    assert methods["list"] == template_sandbox.SEQUENCE_METHODS
    assert methods["mapping"] == template_sandbox.MAPPING_METHODS
    assert methods["`loop`"] <= template_sandbox.LOOP_ATTRIBUTES
    assert methods["a `cycler()`"] <= template_sandbox.CYCLER_ATTRIBUTES


def test_security_error_is_raised_where_the_attribute_is_read() -> None:
    """An attribute refused is an error at once, not a value that fails only when printed."""
    env = make_environment()
    with pytest.raises(SecurityError, match='"parse_raw" of a Settings object is not data'):
        env.getattr(Settings(), "parse_raw")
    with pytest.raises(SecurityError, match='"__class__" of a str object is not data'):
        env.getitem("text", "__class__")


# --- Issue 26, item 20: `check` rejects what `build` rejects, with the same message ---------


def _lesson_with_theme(root: Path, template: str, name: str = "student.html") -> Path:
    """A working folder whose lesson has its own theme folder holding ``template``."""
    (root / "lessons" / "mytheme").mkdir(parents=True)
    (root / "lessons" / "mytheme" / name).write_text(template)
    lesson = root / "lessons" / "lesson.yaml"
    lesson.write_text(GOOD + "worksheet:\n  theme: mytheme\n")
    return lesson


def _errors(result: Any) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("Error: ")]


def test_check_rejects_a_theme_template_with_an_undefined_variable(tmp_path: Path) -> None:
    """On main, `check` said OK (exit 0) and `build` failed."""
    _lesson_with_theme(
        tmp_path, '{% extends "!student.html" %}\n{% block task_box %}{{ titel }}{% endblock %}\n'
    )
    checked = run_medialit(["check", "lessons/lesson.yaml"], tmp_path)
    built = run_medialit(["build", "lessons/lesson.yaml"], tmp_path)
    file = tmp_path / "lessons" / "mytheme" / "student.html"
    message = (
        f"Error: {file}:2: 'titel' is undefined. See docs/template-context.md for the "
        "variables a template receives."
    )
    assert (checked.returncode, built.returncode) == (1, 1), checked.stderr
    assert _errors(checked) == _errors(built) == [message]
    assert checked.stdout == "" and "Traceback" not in checked.stderr


@pytest.mark.parametrize(
    "name, template, where",
    [
        # a branch taken only at one level: `build --level guided` finds it, so must `check`
        (
            "student.html",
            '{% extends "!student.html" %}{% block task_box %}\n{% if level == "guided" %}{{ wordbank }}{% endif %}{% endblock %}',
            "wordbank",
        ),
        (
            "key.html",
            '{% extends "!key.html" %}{% block answers %}\n{% if version_grids %}{{ grids }}{% endif %}{% endblock %}',
            "grids",
        ),
        (
            "student.html",
            '{% extends "!student.html" %}{% block task_box %}\n{% if fillable %}{{ fields }}{% endif %}{% endblock %}',
            "fields",
        ),
        (
            "student.html",
            '{% extends "!student.html" %}{% block task_box %}\n{% if named %}{{ tag }}{% endif %}{% endblock %}',
            "tag",
        ),
        ("cover.html", "<p>{{ title }}</p>\n{{ rows[0].nam }}", "nam"),
        ("names.html", "<p>{{ label }}</p>\n{{ tags[0].size }}", "size"),
    ],
    ids=["level", "versions", "fillable", "class pack copy", "cover", "name tags"],
)
def test_check_renders_every_kind_of_sheet(
    name: str, template: str, where: str, tmp_path: Path
) -> None:
    lesson = _lesson_with_theme(tmp_path, template, name)
    result = run_medialit(["check", str(lesson)], tmp_path)
    assert result.returncode == 1, result.stderr
    file = lesson.parent / "mytheme" / name
    assert _errors(result)[0].startswith(f"Error: {file}:2: "), result.stderr
    assert where in _errors(result)[0]


def test_check_renders_the_independent_key_with_line_numbers(tmp_path: Path) -> None:
    """Nothing is laid out, yet a key template that counts lines gets numbers, as in a build."""
    _lesson_with_theme(
        tmp_path,
        '{% extends "!key.html" %}{% block answers %}\n{% if level == "independent" %}'
        "{{ statements[0].line + 1 }}{% endif %}{{ super() }}{% endblock %}",
        "key.html",
    )
    result = run_medialit(["check", "lessons/lesson.yaml"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout
        == "lessons/lesson.yaml: OK: 2 statements (1 evidence, 1 inference, 0 assertion)\n"
    )


def test_check_rejects_a_template_that_escapes_the_sandbox(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "lesson.yaml").write_text(GOOD)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "student.html").write_text(_exploit(marker))
    result = run_medialit(["check", "lessons/lesson.yaml"], tmp_path)
    assert not marker.exists()
    what = '"parse_raw" of a Settings object is not data a template may read'
    assert _errors(result) == [
        "Error: " + REFUSED.format(file="templates/student.html", line=3, what=what)
    ]


def _unprintable() -> str:
    from medialit.layout.glyphs import coverage

    fonts = coverage()
    return next(c for c in ("\U00010570", "\U00010d4a", "\U0010fffd") if not fonts.has(ord(c)))


def test_check_reports_text_no_font_can_print_as_build_does(tmp_path: Path) -> None:
    """On main, `check` said nothing, and had no --strict."""
    odd = _unprintable()
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "lesson.yaml").write_text(
        GOOD.replace("title: Test lesson", f"title: Test lesson {odd}")
    )
    message = (
        f"lessons/lesson.yaml:1: no installed font has a glyph for {odd} (U+{ord(odd):04X}), "
        "so it would print as an empty box. Install a font for "
    )
    checked = run_medialit(["check", "lessons/lesson.yaml"], tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr.startswith("Warning: " + message), checked.stderr
    strict = run_medialit(["check", "--strict", "lessons/lesson.yaml"], tmp_path)
    built = run_medialit(["build", "--strict", "lessons/lesson.yaml"], tmp_path)
    assert (strict.returncode, built.returncode) == (1, 1), strict.stderr
    assert _errors(strict) == _errors(built)
    assert _errors(strict)[0].startswith("Error: " + message)
    assert not (tmp_path / "build").exists()


def test_check_renders_when_the_templates_folder_cannot_be_read(tmp_path: Path) -> None:
    """A folder `check` cannot look into may hold templates: it renders, and says what build says."""
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "lesson.yaml").write_text(GOOD)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "student.html").write_text("{{ titel }}")
    templates.chmod(0o300)  # no listing: os.walk cannot see student.html
    try:
        checked = run_medialit(["check", "lessons/lesson.yaml"], tmp_path, permissions=True)
        built = run_medialit(["build", "lessons/lesson.yaml"], tmp_path, permissions=True)
    finally:
        templates.chmod(0o755)
    assert (checked.returncode, built.returncode) == (1, 1), checked.stderr
    assert _errors(checked) == _errors(built), checked.stderr


def test_check_and_template_files_agree_on_what_a_template_is() -> None:
    from medialit.build import settling
    from medialit.render import template_files

    assert settling.TEMPLATE_SUFFIXES == template_files.TEMPLATE_SUFFIXES


def test_check_renders_only_when_templates_of_ones_own_are_on_the_search_path(
    tmp_path: Path,
) -> None:
    """medialit's own templates and built-in themes are not rendered again by `check`."""
    from medialit.build.settling import has_own_templates
    from medialit.settings.themes import SearchPath, find_theme

    teacher = tmp_path / "templates"
    teacher.mkdir()
    (teacher / "README.md").write_text("Templates go here.")
    assert not has_own_templates(SearchPath(teacher, find_theme("high-readability")))
    (teacher / "fonts").mkdir()
    (teacher / "fonts" / "custom.css").write_text("p { color: red; }")
    assert has_own_templates(SearchPath(teacher, None))
    assert has_own_templates(SearchPath(None, tmp_path))  # a theme folder of one's own


def test_check_rejects_a_level_selection_the_lesson_lacks(tmp_path: Path) -> None:
    """A setting in medialit.toml names a selection this lesson does not have: every build of it
    fails; on main `check` said OK."""
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "lesson.yaml").write_text(GOOD)
    (tmp_path / "medialit.toml").write_text('[level_selections]\nguided = "core"\n')
    checked = run_medialit(["check", "lessons/lesson.yaml"], tmp_path)
    built = run_medialit(["build", "lessons/lesson.yaml"], tmp_path)
    assert (checked.returncode, built.returncode) == (1, 1), checked.stderr
    assert (
        _errors(checked)
        == _errors(built)
        == [
            'Error: lessons/lesson.yaml: the setting level_selections.guided names the selection "core", '
            "which the lesson does not define; this lesson has none; add a 'selections:' table (see "
            "lessons/README.md)."
        ]
    )
