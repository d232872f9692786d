"""``config.yaml``: parse it safely, validate it with msgspec, build the engine's ``Settings``.

Each section of the file maps onto one frozen dataclass of ``core.model.settings`` (``loading``
-> ``LoadSettings`` and so on); msgspec checks every value against those classes' types and runs
their ``__post_init__`` checks, so the schema is written once, as the classes. This module only
turns msgspec's findings into one-line messages that name the file, the line and the key, and
warns about keys it does not know (a newer config still opens in an older newscompare).
"""

from __future__ import annotations

import dataclasses
import datetime
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from newscompare.core.load.urls import is_url
from newscompare.core.model.errors import UserError
from newscompare.core.model.safe_yaml import YamlError, load_yaml
from newscompare.core.model.settings import (
    AlignSettings,
    AnnotationSettings,
    ArticleOverride,
    DivergeSettings,
    LoadSettings,
    SegmentSettings,
    Settings,
)
from newscompare.core.model.validation import Finding, Step, field_of, finding

CONFIG_FILE_NAME = "config.yaml"


class ConfigError(UserError):
    """A config file that cannot be used. ``str()`` is a one-line message naming file and line."""


@dataclass(frozen=True, slots=True)
class ConfigFile:
    """The schema of ``config.yaml``: the engine's sections, ``articles:`` and the reader's
    ``keys:`` (binding id -> key(s), e.g. ``{"next_pair": "n,down"}``)."""

    loading: LoadSettings = field(default_factory=LoadSettings)
    passages: SegmentSettings = field(default_factory=SegmentSettings)
    align: AlignSettings = field(default_factory=AlignSettings)
    diverge: DivergeSettings = field(default_factory=DivergeSettings)
    annotations: AnnotationSettings = field(default_factory=AnnotationSettings)
    articles: tuple[ArticleOverride, ...] = ()
    keys: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Config:
    """A validated config: the engine's ``settings`` and what only the reader uses.

    ``path`` is the file it came from (None: built-in defaults); ``warnings`` are one-line
    messages about keys that were ignored.
    """

    settings: Settings = field(default_factory=Settings)
    #: Key remaps: binding id -> key(s), e.g. {"next_pair": "n,down"}.
    keys: Mapping[str, str] = field(default_factory=dict)
    path: Path | None = None
    warnings: tuple[str, ...] = ()

    @property
    def folder(self) -> Path:
        """The folder relative paths in the config are resolved against."""
        return self.path.parent if self.path is not None else Path.cwd()

    @property
    def annotations_path(self) -> Path:
        """Where the reader saves annotations (``annotations.path``, relative to the config)."""
        return self.folder / self.settings.annotations.path

    def with_threshold(self, threshold: float) -> Config:
        """The same config aligning at another threshold (``--threshold``)."""
        return dataclasses.replace(self, settings=self.settings.with_threshold(threshold))


def _kind(value: Any) -> str:
    """How a YAML value reads to a user ("text 'high'", "a list")."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"text {value!r}"
    return f"{type(value).__name__} {value!r}"


#: msgspec's type names -> how a user reads them.
_EXPECTED = {
    "float": "a number",
    "int": "a whole number",
    "str": "text",
    "bool": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "nothing",
}


def _dotted(path: Sequence[Step]) -> str:
    out = ""
    for part in path:
        if part is None:
            break  # msgspec does not say which key of a mapping: name the mapping
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


_MISSING_VALUE = object()


def _value_at(raw: Any, path: Sequence[Step]) -> Any:
    for part in path:
        if part is None:
            return _MISSING_VALUE
        try:
            raw = raw[part]
        except (KeyError, IndexError, TypeError):
            return _MISSING_VALUE
    return raw


def _readable(found: Finding, raw: Any) -> str:
    """The reason of a msgspec finding, in the user's terms."""
    if found.kind == "expected":
        wanted = " or ".join(_EXPECTED.get(n, n) for n in found.expected if n != "null")
        value = _value_at(raw, found.path)
        got = "" if value is _MISSING_VALUE else f", got {_kind(value)}"
        return f"expected {wanted}{found.bound}{got}"
    if found.kind == "missing":
        return f"each entry needs a {found.field}"
    if found.kind == "key":
        return "every key must be text"
    return found.what


def _unknown_keys(raw: Any, cls: type[Any], prefix: tuple[Step, ...]) -> list[tuple[Step, ...]]:
    """Key paths in ``raw`` that ``cls`` (a dataclass, maybe holding dataclasses) lacks."""
    if not isinstance(raw, dict):
        return []
    hints = typing.get_type_hints(cls)
    out: list[tuple[Step, ...]] = []
    for name, value in raw.items():
        key = (*prefix, str(name))
        if name not in hints:
            out.append(key)
            continue
        hint = hints[name]
        args = typing.get_args(hint)
        if dataclasses.is_dataclass(hint):
            out += _unknown_keys(value, typing.cast("type[Any]", hint), key)
        elif typing.get_origin(hint) is tuple and args and dataclasses.is_dataclass(args[0]):
            for i, item in enumerate(value if isinstance(value, list) else []):
                out += _unknown_keys(item, typing.cast("type[Any]", args[0]), (*key, i))
    return out


def _plain(value: Any) -> Any:
    """YAML's dates (``2020-06-11``) as ISO text: msgspec takes only JSON's types."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _resolved(articles: tuple[ArticleOverride, ...], folder: Path) -> tuple[ArticleOverride, ...]:
    """``articles:`` entries with paths resolved against the config's folder (URLs as given)."""
    return tuple(
        item
        if is_url(item.path)
        else dataclasses.replace(item, path=str((folder / item.path).resolve()))
        for item in articles
    )


def parse_config(text: str, source: str = CONFIG_FILE_NAME, path: Path | None = None) -> Config:
    """Validate config text; raises ``ConfigError`` with file, line and key on any problem."""
    try:
        document = load_yaml(text)
    except YamlError as exc:
        raise ConfigError(f"{exc.where(source, ', ')}: {exc.reason}") from None
    raw = document.value
    if raw is None:
        return Config(path=path)
    if not isinstance(raw, dict):
        raise ConfigError(f"{source}: expected a mapping of sections, got {_kind(raw)}")

    def where(key: Sequence[Step]) -> str:
        line = document.line_of(key)
        return f"{source}, line {line}" if line else source

    # A section written with nothing after its key means its defaults.
    raw = {k: v for k, v in _plain(raw).items() if v is not None}
    try:
        file = msgspec.convert(raw, ConfigFile)
    except msgspec.ValidationError as exc:
        found = finding(exc)
        key = _dotted(found.path)
        reason = _readable(found, raw)
        cause = field_of(exc)  # a settings check about one key: point at that key's line
        at = where((*found.path, cause) if cause else found.path)
        raise ConfigError(f"{at}: {key}: {reason}" if key else f"{at}: {reason}") from None
    warnings = tuple(
        f"{where(steps)}: unknown key {_dotted(steps)!r} ignored"
        for steps in _unknown_keys(raw, ConfigFile, ())
    )
    folder = path.parent if path is not None else Path.cwd()
    settings = Settings(
        loading=file.loading,
        passages=file.passages,
        align=file.align,
        diverge=file.diverge,
        annotations=file.annotations,
        articles=_resolved(file.articles, folder),
    )
    return Config(settings=settings, keys=file.keys, path=path, warnings=warnings)


def load_config(path: Path | None) -> Config:
    """Read ``path``; with None, look for ``config.yaml`` in the working folder, else defaults."""
    if path is None:
        candidate = Path.cwd() / CONFIG_FILE_NAME
        if not candidate.is_file():
            return Config()
        path = candidate
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return parse_config(text, source=str(path), path=path.resolve())
