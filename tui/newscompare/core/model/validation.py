"""What a msgspec ``ValidationError`` says, taken apart so it can be told in the user's terms.

msgspec validates ``config.yaml`` (against the settings classes) and ``annotations.yaml``
(against the record structs) and reports one problem as text: ``Expected `int`, got `str` - at
`$.align.threshold```. Both files' messages name the file, the line and the key, so both need
the key path and the kind of problem; this module is the one place that reads msgspec's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import msgspec

_MESSAGE = re.compile(r"^(?P<what>.*?)(?: - at (?P<key>`key` in )?`\$(?P<path>[^`]*)`)?$", re.S)
_PATH_PART = re.compile(r"\.([^.\[]+)|\[(\d+|\.\.\.)\]")
_EXPECTED = re.compile(
    r"^Expected `(?P<expected>[^`]+)`(?P<bound>[^,]*)(?:, got `(?P<got>[^`]+)`)?$"
)
_MISSING = re.compile(r"^Object missing required field `(?P<field>[^`]+)`$")
_UNKNOWN = re.compile(r"^Object contains unknown field `(?P<field>[^`]+)`$")
_ENUM = re.compile(r"^Invalid enum value (?P<value>.*)$")

#: A step of a key path: a mapping key, a list index, or None for "some key of a mapping"
#: (msgspec does not say which key of a ``dict[str, ...]`` value was wrong).
Step = str | int | None


@dataclass(frozen=True, slots=True)
class Finding:
    """One validation problem: where (``path``) and what kind.

    ``kind`` is ``expected`` (wrong type or out of bounds: ``expected`` holds msgspec's type
    names, e.g. ``("float",)``), ``key`` (a key of the mapping at ``path`` is not text),
    ``missing`` / ``unknown`` (``field`` is the key), ``enum`` (a value outside a fixed set) or
    ``other`` (``what`` is the message, e.g. from a ``__post_init__`` check).
    """

    kind: str
    path: tuple[Step, ...]
    what: str
    field: str = ""
    expected: tuple[str, ...] = ()
    #: Text after the type, e.g. `` >= 0`` for a bounded number.
    bound: str = ""


def path_steps(path: str) -> tuple[Step, ...]:
    """``.articles[0].path`` -> ("articles", 0, "path"); ``[...]`` -> None."""
    steps: list[Step] = []
    for name, index in _PATH_PART.findall(path):
        steps.append(name if name else None if index == "..." else int(index))
    return tuple(steps)


def finding(error: msgspec.ValidationError) -> Finding:
    """Take msgspec's message apart (unknown shapes come back as ``other``)."""
    match = _MESSAGE.match(str(error))
    what = match.group("what") if match else str(error)
    path = path_steps(match.group("path") or "") if match else ()
    if match and match.group("key"):
        return Finding("key", path, what)
    if expected := _EXPECTED.match(what):
        names = tuple(n.strip() for n in expected.group("expected").split("|"))
        return Finding("expected", path, what, expected=names, bound=expected.group("bound"))
    if missing := _MISSING.match(what):
        return Finding("missing", path, what, field=missing.group("field"))
    if unknown := _UNKNOWN.match(what):
        return Finding("unknown", path, what, field=unknown.group("field"))
    if _ENUM.match(what):
        return Finding("enum", path, what)
    return Finding("other", path, what)


class FieldError(ValueError):
    """Raised by a ``__post_init__`` check about one field, so the message can point at the
    field's own line (msgspec reports the position of the whole object)."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field


def field_of(error: msgspec.ValidationError) -> str | None:
    """The field a ``FieldError`` behind ``error`` names, if any."""
    cause = error.__cause__ or error.__context__
    return cause.field if isinstance(cause, FieldError) else None
