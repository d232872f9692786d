"""The reader's state as screens, widgets and commands see it, and the base screens that give it.

The app owns the state (its reactives ``story``, ``selection``, ``threshold``, ``busy``); this
module says, as a typed ``Protocol``, what the rest of the reader may read of it and the one thing
it may change directly (``selection``: the cursor every view shares). Everything else a screen
wants from the app it asks for with a message (``messages``). Screens reach the state through
``ReaderScreen.reader`` / ``ReaderModal.reader``, so nothing below the app imports the app module
and no screen casts ``self.app`` itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeVar, cast

from textual.binding import Binding
from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from pathlib import Path

    from newscompare.app.navigation import Navigator, Selection
    from newscompare.core.model.index import StoryIndex
    from newscompare.core.model.settings import Settings
    from newscompare.core.model.story import Group, Pair, Story


class AnnotationActions(Protocol):
    """What screens ask of the reader's annotations (``annotating.ReaderAnnotations``)."""

    @property
    def path(self) -> Path: ...

    def tags(self, pair: Pair | None) -> list[str]: ...

    def annotate(self) -> None: ...

    def reject(self) -> None: ...

    def link(self, a: str, b: str) -> None: ...

    def writable(self) -> bool: ...

    def sync(self) -> None: ...


class ReaderState(Protocol):
    """What the reader shows: the story, its lookups, the shared cursor and the settings."""

    #: The cursor every view shares; assigning it re-renders the views that watch it.
    selection: Selection

    @property
    def story(self) -> Story | None: ...

    @property
    def index(self) -> StoryIndex | None: ...

    @property
    def navigator(self) -> Navigator | None: ...

    @property
    def threshold(self) -> float: ...

    @property
    def load_error(self) -> str: ...

    @property
    def settings(self) -> Settings: ...

    @property
    def annotations(self) -> AnnotationActions: ...

    def keys_for(self, binding: Binding) -> str:
        """The keys in force for a binding (``keys:`` remaps applied), as shown to users."""
        ...

    def keys_for_id(self, binding_id: str) -> str:
        """``keys_for`` of the binding with this id (empty when there is none)."""
        ...

    def current_group(self) -> Group | None:
        """The event group of the current pair."""
        ...


def reader_state(app: object) -> ReaderState:
    """The state of the running reader (the app implements ``ReaderState``; checked by mypy
    in ``app.py``)."""
    return cast("ReaderState", app)


ResultType = TypeVar("ResultType")


class ReaderScreen(Screen[ResultType]):
    """A full screen of the reader, with typed access to its state."""

    @property
    def reader(self) -> ReaderState:
        return reader_state(self.app)


class ReaderModal(ModalScreen[ResultType]):
    """A modal screen of the reader, with typed access to its state."""

    @property
    def reader(self) -> ReaderState:
        return reader_state(self.app)


__all__ = ["AnnotationActions", "ReaderModal", "ReaderScreen", "ReaderState", "reader_state"]
