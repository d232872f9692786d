"""YAML front matter: the ``---`` block at the top of a Markdown or text article.

Users keep the outlet, title and date of a clipped article there. The block is parsed with the
one safe loader (``core.model.safe_yaml``: article files are untrusted, so no Python tags and
no alias bombs or nesting that would take the process down). Values are flattened to strings,
because the engine only displays them; YAML's own typing (``2021-07-24`` becomes a date, ``null``
becomes None) is undone here so the reader sees what the user wrote. A block that cannot be used
is a warning: the article still loads, without metadata.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from newscompare.core.model.safe_yaml import YamlError, load_yaml

_OPEN = re.compile(r"---[ \t]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The parsed block. ``meta`` keys are lower-case; values are display strings."""

    body: str
    meta: dict[str, str] = field(default_factory=dict)
    #: Set when a block was present but unusable; the body still loads without metadata.
    warning: str | None = None


def value_text(value: Any) -> str | None:
    """A YAML value as the string a reader would expect; None for ``null``."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, str | int | float):
        return str(value)
    if isinstance(value, list) and all(
        isinstance(item, str | int | float | dt.date) for item in value
    ):
        return ", ".join(text for item in value if (text := value_text(item)) is not None)
    return json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)


def split_front_matter(text: str) -> FrontMatter:
    """Separate the front matter block from the body; never raises.

    Without a closing ``---`` (or ``...``) line the first ``---`` is a Markdown rule, not front
    matter, and the whole text is the body.
    """
    opening = _OPEN.match(text)
    if opening is None:
        return FrontMatter(body=text)
    closing = _CLOSE.search(text, opening.end())
    if closing is None:
        return FrontMatter(body=text)
    block = text[opening.end() : closing.start()]
    body_start = closing.end() + 1 if closing.end() < len(text) else closing.end()
    body = text[body_start:]
    try:
        data = load_yaml(block).value
    except YamlError as exc:
        # The block starts on line 2 of the file; the block's own lines count from 1.
        where = f" at line {exc.line + 1}" if exc.line is not None else ""
        return FrontMatter(
            body=body,
            warning=f"invalid front matter{where} ({exc.reason}); loaded without metadata",
        )
    if data is None:
        return FrontMatter(body=body)
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "plain text"
        return FrontMatter(
            body=body,
            warning=f"front matter is {kind}, not key: value pairs; loaded without metadata",
        )
    meta: dict[str, str] = {}
    for key, value in data.items():
        text_value = value_text(value)
        if text_value is not None:
            meta[str(key).strip().lower()] = text_value
    return FrontMatter(body=body, meta=meta)
