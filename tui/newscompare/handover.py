"""A story cut into small parts for the trip from the engine process to the reader's.

Why: the reader's UI thread and the thread that receives a story share one interpreter lock,
and ``pickle.loads`` holds it for the whole of one message. A whole story of 800 articles is
an 18 MB pickle that takes about a second (and more while the garbage collector runs) to decode
in one go: the screen froze for that long. Sent as parts of at most ``PART_SIZE`` items, each
decode is a few milliseconds and the UI thread gets the lock between any two of them, so keys
are answered while a story arrives.

``split`` cuts every long tuple field of the story (and of its alignment) into slices and sends
the rest (a story whose long fields are empty) first; ``Assembler`` puts them back together in
the order they came. It reads the fields from the dataclasses, so a field the engine adds
travels too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from newscompare.core.model.story import Story

#: Items per part: small enough that decoding one part is a few milliseconds.
PART_SIZE = 500

#: ``(field path, items)``: a slice of one tuple field; the path ``()`` is the head (the story
#: with every split field empty), always the first part.
Part = tuple[tuple[str, ...], Any]


def _long_fields(obj: Any) -> Iterator[tuple[str, tuple[Any, ...]]]:
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, tuple) and len(value) > PART_SIZE:
            yield f.name, value


def split(story: Story, base: Story | None = None) -> Iterator[Part]:
    """The parts of ``story``: the head, then the slices of its long tuple fields.

    ``base``: a story the receiver holds whose articles and passages ``story`` shares (a
    re-align reuses them): those fields are not sent again, the receiver takes its own.
    """
    shared = {
        f.name
        for f in dataclasses.fields(Story)
        if base is not None
        and f.name in ("articles", "passages")
        and getattr(story, f.name) == getattr(base, f.name)
    }
    head_changes: dict[str, Any] = {name: () for name in shared}
    slices: list[tuple[tuple[str, ...], tuple[Any, ...]]] = []
    for name, value in _long_fields(story):
        if name not in shared:
            head_changes[name] = ()
            slices.append(((name,), value))
    alignment_changes: dict[str, Any] = {}
    for name, value in _long_fields(story.alignment):
        alignment_changes[name] = ()
        slices.append((("alignment", name), value))
    if alignment_changes:
        head_changes["alignment"] = dataclasses.replace(story.alignment, **alignment_changes)
    yield (), (dataclasses.replace(story, **head_changes), sorted(shared))
    for path, value in slices:
        for start in range(0, len(value), PART_SIZE):
            yield path, value[start : start + PART_SIZE]


class Assembler:
    """Collects parts (in the order ``split`` made them) and rebuilds the story."""

    def __init__(self, base: Story | None = None) -> None:
        self._base = base
        self._head: Story | None = None
        self._shared: list[str] = []
        self._items: dict[tuple[str, ...], list[Any]] = {}

    def add(self, part: Part) -> None:
        path, payload = part
        if path == ():
            self._head, self._shared = payload
            self._items = {}
        else:
            self._items.setdefault(path, []).extend(payload)

    def story(self) -> Story:
        """The story the parts make (raises ``ValueError`` if the head never came)."""
        if self._head is None:
            raise ValueError("no story head received")
        head = self._head
        changes: dict[str, Any] = {}
        for name in self._shared:
            if self._base is None:
                raise ValueError(f"{name} shared with a story this side does not hold")
            changes[name] = getattr(self._base, name)
        alignment_changes: dict[str, Any] = {}
        for path, items in self._items.items():
            if len(path) == 1:
                changes[path[0]] = tuple(items)
            else:
                alignment_changes[path[1]] = tuple(items)
        if alignment_changes:
            changes["alignment"] = dataclasses.replace(head.alignment, **alignment_changes)
        return dataclasses.replace(head, **changes)
