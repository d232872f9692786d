"""A story cut into small parts for the trip from the engine process to the reader's.

Why: the reader's UI thread and the thread that receives a story share one interpreter lock,
and ``pickle.loads`` holds it for the whole of one message. A whole story of 800 articles is
an 18 MB pickle that takes about a second (and more while the garbage collector runs) to decode
in one go: the screen froze for that long. Sent as parts of at most ``PART_SIZE`` items, each
decode is a few milliseconds and the UI thread gets the lock between any two of them, so keys
are answered while a story arrives.

``split`` cuts every long tuple field of the story (and of its alignment and collection) into
slices and sends the rest (a story whose long fields are empty) first; ``Assembler`` puts them
back together in the order they came. It reads the fields from the dataclasses, so a field the
engine adds travels too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from newscompare.core.model.story import Alignment, Story

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


#: The story's fields that are dataclasses whose long tuple fields travel in slices too.
_NESTED = ("alignment", "collection")
#: What a receiver may already hold from an earlier story (a re-align's, or an earlier stage's).
_SHAREABLE = ("alignment", "articles", "collection", "passages")


def split(story: Story, base: Story | None = None) -> Iterator[Part]:
    """The parts of ``story``: the head, then the slices of its long tuple fields (also those
    of its alignment and collection).

    ``base``: a story the receiver holds whose articles, passages or collection ``story``
    shares (a re-align reuses them, a later stage those of an earlier one): those fields
    are not sent again, the receiver takes its own. A field of the collection equal to the
    story's own (one story of every article) travels once.
    """
    shared = sorted(
        name
        for name in _SHAREABLE
        if base is not None and getattr(story, name) == getattr(base, name)
    )
    empty = {"alignment": Alignment(), "collection": None}
    head_changes: dict[str, Any] = {name: empty.get(name, ()) for name in shared}
    slices: list[tuple[tuple[str, ...], tuple[Any, ...]]] = []
    for name, value in _long_fields(story):
        if name not in shared:
            head_changes[name] = ()
            slices.append(((name,), value))
    aliases: list[str] = []
    for outer in _NESTED:
        inner = getattr(story, outer)
        if inner is None or outer in shared:
            continue
        changes: dict[str, Any] = {}
        for name, value in _long_fields(inner):
            changes[name] = ()
            if outer == "collection" and value == getattr(story, name, None):
                aliases.append(name)
            else:
                slices.append(((outer, name), value))
        if changes:
            head_changes[outer] = dataclasses.replace(inner, **changes)
    yield (), (dataclasses.replace(story, **head_changes), shared, aliases)
    for path, value in slices:
        for start in range(0, len(value), PART_SIZE):
            yield path, value[start : start + PART_SIZE]


class Assembler:
    """Collects parts (in the order ``split`` made them) and rebuilds the story."""

    def __init__(self, base: Story | None = None) -> None:
        self._base = base
        self._head: Story | None = None
        self._shared: list[str] = []
        self._aliases: list[str] = []
        self._items: dict[tuple[str, ...], list[Any]] = {}

    def add(self, part: Part) -> None:
        path, payload = part
        if path == ():
            self._head, self._shared, self._aliases = payload
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
        nested: dict[str, dict[str, Any]] = {}
        for path, items in self._items.items():
            if len(path) == 1:
                changes[path[0]] = tuple(items)
            else:
                nested.setdefault(path[0], {})[path[1]] = tuple(items)
        for name in self._aliases:  # the collection's field that is the story's own
            nested.setdefault("collection", {})[name] = changes.get(name, getattr(head, name))
        for outer, fields in nested.items():
            changes[outer] = dataclasses.replace(getattr(head, outer), **fields)
        return dataclasses.replace(head, **changes)
