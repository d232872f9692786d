"""``config.yaml``: load, validate and turn into the settings dataclasses the engine takes.

Each section of the file maps onto one frozen dataclass owned by the engine stage that uses it
(``loading`` -> ``LoadSettings`` and so on), so a stage's defaults live beside its code and this
module only validates. Errors name the key and the line; unknown keys are warnings, not errors,
so a newer config still opens in an older newscompare.
"""

from __future__ import annotations

import dataclasses
import datetime
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

import yaml

from newscompare.core.model.errors import UserError
from newscompare.core.model.settings import (
    AlignSettings,
    AnnotationSettings,
    ArticleOverride,
    DivergeSettings,
    LoadSettings,
    SegmentSettings,
)

CONFIG_FILE_NAME = "config.yaml"


class ConfigError(UserError):
    """A config file that cannot be used. ``str()`` is a one-line message naming file and line."""


@dataclass(frozen=True, slots=True)
class Config:
    """All settings, validated. ``path`` is the file they came from (None: built-in defaults)."""

    loading: LoadSettings = field(default_factory=LoadSettings)
    passages: SegmentSettings = field(default_factory=SegmentSettings)
    align: AlignSettings = field(default_factory=AlignSettings)
    diverge: DivergeSettings = field(default_factory=DivergeSettings)
    annotations: AnnotationSettings = field(default_factory=AnnotationSettings)
    articles: tuple[ArticleOverride, ...] = ()
    #: Key remaps: binding id -> key(s), e.g. {"next_pair": "n,down"}.
    keys: Mapping[str, str] = field(default_factory=dict)
    path: Path | None = None
    warnings: tuple[str, ...] = ()

    @property
    def folder(self) -> Path:
        """The folder relative paths in the config are resolved against."""
        return self.path.parent if self.path is not None else Path.cwd()

    def overrides(self) -> dict[str, ArticleOverride]:
        """``articles:`` entries keyed by resolved path (or URL)."""
        out: dict[str, ArticleOverride] = {}
        for item in self.articles:
            key = item.path
            if "://" not in key:
                key = str((self.folder / key).resolve())
            out[key] = item
        return out


_SECTIONS: dict[str, type[Any]] = {
    "loading": LoadSettings,
    "passages": SegmentSettings,
    "align": AlignSettings,
    "diverge": DivergeSettings,
    "annotations": AnnotationSettings,
}


def _line_index(node: yaml.Node, prefix: str = "") -> dict[str, int]:
    """Map dotted key paths (``align.threshold``, ``articles[0].path``) to 1-based lines."""
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = f"{prefix}.{key_node.value}" if prefix else str(key_node.value)
            lines[key] = key_node.start_mark.line + 1
            lines.update(_line_index(value_node, key))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            key = f"{prefix}[{i}]"
            lines[key] = item.start_mark.line + 1
            lines.update(_line_index(item, key))
    return lines


class _Validator:
    """Coerces plain YAML values into a dataclass's field types, reporting key and line."""

    def __init__(self, source: str, lines: dict[str, int]) -> None:
        self.source = source
        self.lines = lines
        self.warnings: list[str] = []

    def where(self, key: str) -> str:
        line = self.lines.get(key)
        return f"{self.source}, line {line}" if line else self.source

    def fail(self, key: str, reason: str) -> ConfigError:
        return ConfigError(f"{self.where(key)}: {key}: {reason}")

    def build(self, cls: type[Any], raw: Any, key: str) -> Any:
        if raw is None:
            return cls()
        if not isinstance(raw, dict):
            raise self.fail(key, f"expected a mapping, got {_kind(raw)}")
        hints = typing.get_type_hints(cls)
        names = {f.name for f in dataclasses.fields(cls)}
        values: dict[str, Any] = {}
        for name, value in raw.items():
            sub = f"{key}.{name}" if key else str(name)
            if name not in names:
                self.warnings.append(f"{self.where(sub)}: unknown key {sub!r} ignored")
                continue
            values[name] = self.coerce(hints[name], value, sub)
        try:
            return cls(**values)
        except (TypeError, ValueError) as exc:
            raise self.fail(key, str(exc)) from None

    def coerce(self, hint: Any, value: Any, key: str) -> Any:
        origin = typing.get_origin(hint)
        args = typing.get_args(hint)
        if origin in (Union, types.UnionType):
            if value is None and type(None) in args:
                return None
            inner = [a for a in args if a is not type(None)]
            return self.coerce(inner[0], value, key)
        if hint is bool:
            if not isinstance(value, bool):
                raise self.fail(key, f"expected true or false, got {_kind(value)}")
            return value
        if hint is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise self.fail(key, f"expected a whole number, got {_kind(value)}")
            return value
        if hint is float:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise self.fail(key, f"expected a number, got {_kind(value)}")
            return float(value)
        if hint is str:
            if isinstance(value, datetime.date):  # YAML reads 2020-06-11 as a date
                return value.isoformat()
            if isinstance(value, bool) or not isinstance(value, str | int | float):
                raise self.fail(key, f"expected text, got {_kind(value)}")
            return str(value)
        if origin is tuple:
            if isinstance(value, str) and args and args[0] is str:
                value = [value]
            if not isinstance(value, list):
                raise self.fail(key, f"expected a list, got {_kind(value)}")
            item_hint = args[0] if args else Any
            return tuple(self.coerce(item_hint, v, f"{key}[{i}]") for i, v in enumerate(value))
        if origin in (dict, Mapping):
            if not isinstance(value, dict):
                raise self.fail(key, f"expected a mapping, got {_kind(value)}")
            key_hint, value_hint = args if args else (Any, Any)
            return {
                self.coerce(key_hint, k, key): self.coerce(value_hint, v, f"{key}.{k}")
                for k, v in value.items()
            }
        if dataclasses.is_dataclass(hint) and isinstance(hint, type):
            return self.build(hint, value, key)
        return value


def _kind(value: Any) -> str:
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


#: libyaml's safe loader when PyYAML was built with it (the wheels are): the reader parses
#: config.yaml before it can start, 9 ms instead of 70 ms for the shipped file.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse_yaml(text: str) -> tuple[yaml.Node | None, Any]:
    """The document's node tree (for line numbers) and its value, from one safe parse."""
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def parse_config(text: str, source: str = CONFIG_FILE_NAME, path: Path | None = None) -> Config:
    """Validate config text; raises ``ConfigError`` with file, line and key on any problem."""
    try:
        node, raw = _parse_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}, line {mark.line + 1}" if mark is not None else source
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise ConfigError(f"{where}: {problem}") from None
    if raw is None:
        return Config(path=path)
    if not isinstance(raw, dict):
        raise ConfigError(f"{source}: expected a mapping of sections, got {_kind(raw)}")
    v = _Validator(source, _line_index(node) if node is not None else {})
    values: dict[str, Any] = {}
    for name, section in raw.items():
        if name in _SECTIONS:
            values[name] = v.build(_SECTIONS[name], section, str(name))
        elif name == "articles":
            values["articles"] = v.coerce(tuple[ArticleOverride, ...], section or [], "articles")
            for i, item in enumerate(values["articles"]):
                if not item.path:
                    raise v.fail(f"articles[{i}]", "each entry needs a path")
        elif name == "keys":
            values["keys"] = v.coerce(dict[str, str], section or {}, "keys")
        else:
            v.warnings.append(f"{v.where(str(name))}: unknown key {name!r} ignored")
    return Config(**values, path=path, warnings=tuple(v.warnings))


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
