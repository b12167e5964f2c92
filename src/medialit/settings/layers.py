"""Where each setting comes from, and which one wins.

Settings are read in layers, each more specific than the one before:
the defaults in :mod:`medialit.settings.schema`, a theme's ``theme.toml``, the
working folder's ``medialit.toml``, a lesson's ``worksheet:`` table, and
``--set key=value`` on the command line. A later layer overrides single
values of an earlier one (``kinds.assertion.label`` alone keeps the
assertion colour). Every layer is checked on its own, so each mistake is
reported with its own file and line; :func:`resolve` merges them and
remembers the origin of every value for ``medialit config``. Settings files are
read by :mod:`medialit.settings.toml_values`; :mod:`medialit.settings.printout` prints them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple, Protocol

from pydantic import ValidationError

from medialit.errors import CommandLineSettingsError, Problem, SettingsError, nearest
from medialit.lesson.tables import KeyPath, leaves, merge
from medialit.settings.checks import settings_problems
from medialit.settings.languages import ENGLISH, catalogue_layer_values
from medialit.settings.schema import Settings
from medialit.settings.themes import (
    THEME_SETTINGS_FILE,
    NoSuchTheme,
    SearchPath,
    builtin_themes,
    find_theme,
)
from medialit.settings.toml_values import read_settings_toml, toml_value

SETTINGS_FILE = "medialit.toml"
TEMPLATES_FOLDER = "templates"
WORKSHEET_PREFIX = "worksheet."

SourceKind = Literal["default", "language", "theme", "file", "lesson", "command line", "roster"]
# Settings whose values are paths, resolved against the folder of the file that names them.
PATH_SETTINGS: tuple[KeyPath, ...] = (("logo",), ("theme",))


# Origin, ResolvedSettings and Configuration are NamedTuples, defined ten times quicker than
# frozen dataclasses (on every check's path): read by their fields, never compared with other
# tuples, never replaced, and never given to a template nor kept with a rendering (whose keys
# and sandbox read a dataclass's fields).
class Origin(NamedTuple):
    """Where one setting's value comes from."""

    source: SourceKind
    file: Path | None = None
    line: int | None = None

    def __str__(self) -> str:
        if self.file is None:
            return self.source
        place = f"{self.file}:{self.line}" if self.line else str(self.file)
        return f"{self.source} {place}"


@dataclass(frozen=True)
class Layer:
    """One source of settings: nested values as written, and the line of each key."""

    source: SourceKind
    values: dict[str, Any] = field(default_factory=dict)
    file: Path | None = None
    lines: Mapping[KeyPath, tuple[int, int | None]] = field(default_factory=dict)
    """The line (and column, when known) where each key is written."""
    field_prefix: str = ""
    """How keys are named in messages: ``worksheet.`` in a lesson file."""
    options: Mapping[KeyPath, str] = field(default_factory=dict)
    """Settings given by their own command-line option (``--theme``), named so in messages."""

    def origin(self, path: KeyPath) -> Origin:
        """The origin of the value at ``path`` (its line, or its nearest table's)."""
        line, _ = self.place(path)
        return Origin(self.source, self.file, line)

    def place(self, path: KeyPath) -> tuple[int | None, int | None]:
        """The line and column of ``path``'s key, or of its nearest enclosing table."""
        return nearest(self.lines, path) or (None, None)

    def problem(self, path: KeyPath, message: str) -> Problem:
        """A problem at ``path``, placed in this layer's file, or named as a ``--set``."""
        dotted = f"{self.field_prefix}{'.'.join(path)}" if path else None
        if self.source == "command line":
            return Problem(message, field=self.options.get(path, f"--set {dotted}"))
        line, column = self.place(path)
        return Problem(message, file=self.file, line=line, column=column, field=dotted)


class ResolvedSettings(NamedTuple):
    """The settings in force for one lesson, the origin of each, and the theme they chose."""

    settings: Settings
    origins: dict[str, Origin]
    theme_folder: Path | None

    def values(self) -> Iterator[tuple[str, Any, Origin]]:
        """Every setting as ``(dotted key, value, origin)``, in the order of the model."""
        for path, value in leaves(self.settings.model_dump(mode="json")):
            key = ".".join(path)
            yield key, value, self.origins.get(key, Origin("default"))


# -- reading layers ---------------------------------------------------------------------------


def read_settings_file(path: Path, source: SourceKind = "file") -> Layer:
    """Read ``medialit.toml`` (or a theme's ``theme.toml``) into a checked layer."""
    values, lines = read_settings_toml(path)
    layer = Layer(source, _resolve_paths(values, path.parent), path, lines)
    check_layer(layer)
    return layer


class TableInFile(Protocol):
    """A table of settings written inside another file: a lesson's ``worksheet:``."""

    @property
    def file(self) -> Path: ...
    @property
    def values(self) -> Mapping[str, Any]: ...
    @property
    def lines(self) -> Mapping[KeyPath, tuple[int, int | None]]: ...


def lesson_layer(table: TableInFile) -> Layer:
    """A lesson's ``worksheet:`` table as a layer; its paths are relative to the lesson."""
    values = _resolve_paths(dict(table.values), table.file.parent)
    return Layer("lesson", values, table.file, table.lines, field_prefix=WORKSHEET_PREFIX)


def command_line_layer(
    assignments: Sequence[str] = (), options: Mapping[str, Any] | None = None
) -> Layer:
    """``--set key=value`` assignments (dotted keys) as a layer; values are read as TOML.

    ``options`` holds settings given by their own options (``--paper``, ``--theme``);
    ``--set`` wins over them.
    """
    values: dict[str, Any] = {k: v for k, v in (options or {}).items() if v is not None}
    problems = []
    for assignment in assignments:
        key, equals, raw = assignment.partition("=")
        path = tuple(part.strip() for part in key.split("."))
        if not equals or not all(path):
            problems.append(
                Problem(
                    f'"{assignment}" is not a setting; write it as key=value, for example '
                    '--set school="Riverside High School" or --set kinds.assertion.label=Claim.',
                    field="--set",
                )
            )
            continue
        _put(values, path, toml_value(raw.strip()))
    if problems:
        raise CommandLineSettingsError(problems)
    named: dict[KeyPath, str] = {
        (key,): f"--{key}" for key, value in (options or {}).items() if value is not None
    }
    layer = Layer("command line", _resolve_paths(values, Path.cwd()), options=named)
    try:
        check_layer(layer)
    except SettingsError as exc:
        raise CommandLineSettingsError(exc.problems) from None
    return layer


def _put(values: dict[str, Any], path: KeyPath, value: Any) -> None:
    for part in path[:-1]:
        if not isinstance(values.get(part), dict):
            values[part] = {}  # a later --set a.b=... replaces an earlier --set a=...
        values = values[part]
    values[path[-1]] = value


def _resolve_paths(values: dict[str, Any], folder: Path) -> dict[str, Any]:
    """Make path settings absolute against ``folder`` (theme names stay names)."""
    for (key,) in PATH_SETTINGS:
        value = values.get(key)
        if not isinstance(value, str) or not value:
            continue
        if key == "theme" and value in builtin_themes():
            continue
        values[key] = str((folder / value).resolve())
    return values


# -- checking layers --------------------------------------------------------------------------


def check_layer(layer: Layer) -> None:
    """Raise :class:`SettingsError` listing every unknown or invalid setting in ``layer``."""
    folder = layer.file.parent if layer.file is not None else Path.cwd()
    problems = settings_problems(layer.values, layer.problem, folder)
    if problems:
        raise SettingsError(problems)


# -- merging ----------------------------------------------------------------------------------


def resolve(layers: Sequence[Layer], language: Layer | None = None) -> ResolvedSettings:
    """Merge ``layers`` over the defaults (later wins); add the theme's own layer if one is chosen.

    Each layer must already be checked; the theme is looked up here, because
    any layer may choose it. The words of the language come just above the
    defaults: the ``language`` setting chooses them, or else ``language`` (a layer
    holding the lesson's own ``language:``).
    """
    theme_folder = _theme_folder(layers)
    if theme_folder is not None and (theme_folder / THEME_SETTINGS_FILE).is_file():
        layers = [read_settings_file(theme_folder / THEME_SETTINGS_FILE, "theme"), *layers]
    layers = [*_language_layers(layers, language), *layers]
    merged: dict[str, Any] = Settings().model_dump(mode="json")
    origins: dict[str, Origin] = {}
    for layer in layers:
        merged = merge(merged, layer.values)
        for path, _ in leaves(layer.values):
            origins[".".join(path)] = layer.origin(path)
    try:
        settings = Settings.model_validate(merged)
    except ValidationError as exc:  # each layer passed alone; only a bug gets here
        raise SettingsError(f"the settings do not fit together: {exc}") from None
    if settings.logo is not None and not Path(settings.logo).is_file():
        setter = next(x for x in reversed(layers) if "logo" in x.values)
        raise SettingsError(
            setter.problem(
                ("logo",),
                f"the logo {settings.logo} does not exist; put the image there or correct the "
                "path (it is relative to the file that sets it).",
            )
        )
    return ResolvedSettings(settings, origins, theme_folder)


def _language_layers(layers: Sequence[Layer], lesson: Layer | None) -> list[Layer]:
    """The chosen language's catalogue as a layer (none for English), then the lesson's choice.

    The ``language`` setting chooses the sheets' words; without it, the lesson's own
    ``language:`` (the article's) does.
    """
    setter = next((x for x in reversed(layers) if "language" in x.values), None) or lesson
    language = str(setter.values["language"]) if setter else ENGLISH
    try:
        name, values = catalogue_layer_values(language)
    except LookupError as exc:
        if setter is None:
            raise SettingsError(str(exc)) from None
        raise SettingsError(setter.problem(("language",), str(exc))) from None
    chosen = [lesson] if lesson is not None and setter is lesson else []
    if not values:
        return chosen
    return [Layer("language", values, Path(f"catalogues/{name}.toml")), *chosen]


def _theme_folder(layers: Sequence[Layer]) -> Path | None:
    """The folder of the theme the last layer to choose one chose (``None``: the default)."""
    chosen = [layer for layer in layers if isinstance(layer.values.get("theme"), str)]
    if not chosen:
        return None
    try:
        return find_theme(chosen[-1].values["theme"])
    except NoSuchTheme as exc:
        raise SettingsError(chosen[-1].problem(("theme",), str(exc))) from None


# -- a working folder -------------------------------------------------------------------------


class Configuration(NamedTuple):
    """The settings layers around the lessons, and the teacher's templates folder.

    ``file_layers`` sit below a lesson's ``worksheet:`` table (``medialit.toml``),
    ``command_line`` above it.
    """

    file_layers: tuple[Layer, ...] = ()
    command_line: Layer | None = None
    templates: Path | None = None

    def resolve(
        self,
        lesson: TableInFile | None = None,
        language: str | None = None,
        lesson_file: Path | None = None,
        extra: Sequence[Layer] = (),
    ) -> ResolvedSettings:
        """The settings in force for a lesson with the given ``worksheet:`` table.

        ``language`` is the lesson's own ``language:`` (written in ``lesson_file``), which
        chooses the sheets' words unless a ``language`` setting does; ``extra`` layers (a
        student's own font size and theme from the roster) win over every other.
        """
        worksheet = lesson_layer(lesson) if lesson is not None else None
        layers = [*self.file_layers, *(x for x in (worksheet, self.command_line) if x is not None)]
        chosen = Layer("lesson", {"language": language}, lesson_file) if language else None
        return resolve([*layers, *extra], chosen)

    def search_path(self, resolved: ResolvedSettings) -> SearchPath:
        """Where templates are looked for before the built-in set: teacher's folder, theme."""
        return SearchPath(self.templates, resolved.theme_folder)

    def template_folders(self, resolved: ResolvedSettings) -> list[Path]:
        """Where templates are looked for before the built-in set, first match winning."""
        return self.search_path(resolved).folders()

    def labelled_template_folders(self, resolved: ResolvedSettings) -> list[tuple[str, Path]]:
        """:meth:`template_folders`, each with what it is: the teacher's folder or the theme."""
        return self.search_path(resolved).labelled()


def load_configuration(
    folder: Path,
    assignments: Sequence[str] = (),
    options: Mapping[str, Any] | None = None,
    templates: Path | None = None,
    settings_file: Path | None = None,
) -> Configuration:
    """The configuration of working folder ``folder``: its ``medialit.toml`` and ``templates/``.

    ``templates`` (``--templates DIR``) replaces the working folder's ``templates/``;
    ``settings_file`` (``--settings FILE``, e.g. a Spanish profile) its ``medialit.toml``.
    """
    if settings_file is not None and not settings_file.is_file():
        raise SettingsError(
            Problem(
                "there is no such settings file; check the path given to --settings.",
                file=settings_file,
            )
        )
    settings_file = settings_file or folder / SETTINGS_FILE
    file_layers = (read_settings_file(settings_file),) if settings_file.is_file() else ()
    if templates is None and (folder / TEMPLATES_FOLDER).is_dir():
        templates = folder / TEMPLATES_FOLDER
    configuration = Configuration(file_layers, command_line_layer(assignments, options), templates)
    configuration.resolve()  # a missing theme or logo is reported once, before any lesson
    return configuration
