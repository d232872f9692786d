"""The reader's side of annotations: the store, the annotated story, and what ``a``, ``l``,
``x``, ``A`` and the export commands do.

The app shows ``AnnotatedStory.story`` (the engine's story with the reader's links added and
rejected pairs removed), so every change is applied through the store first and then shown: what
is on screen is what is on disk. Each change is saved by the store the moment it is confirmed;
there is no save key. Any failure (a read-only or unwritable file) is a one-line notification and
the reader keeps working.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newscompare.app.navigation import Selection
from newscompare.app.render import display_text, short
from newscompare.core.model.errors import UserError
from newscompare.core.model.index import StoryIndex
from newscompare.core.model.story import Pair, Story

if TYPE_CHECKING:
    from textual.app import App

    from newscompare.app.screens.annotation_form import AnnotationForm
    from newscompare.app.state import ReaderState
    from newscompare.core.annotations.feedback import AnnotatedStory, Applied
    from newscompare.core.annotations.records import Annotation, AnnotationInput
    from newscompare.core.annotations.store import AnnotationStore

UNDO_HINT = "undo: A (annotations), select it, d"
#: Words of the note the save toast repeats.
NOTE_WORDS = 8


def saved_message(result: AnnotationInput, path: Path, what: str = "note") -> str:
    """What was saved and where: ``saved note (contradicts): "2,500 vs 3,000" to <file>``."""
    label = f"({result.label})" if result.label else "without a label"
    words = result.note.split()
    note = " ".join(words[:NOTE_WORDS]) + (" …" if len(words) > NOTE_WORDS else "")
    said = f': "{short(note, 60)}"' if words else " (empty note)"
    return display_text(f"saved {what} {label}{said} to {path}")


class ReaderAnnotations:
    """Owns the annotation store and the annotated story for one app."""

    def __init__(
        self,
        app: App[Any],
        state: ReaderState,
        show_story: Callable[[Story, tuple[str, str] | None], None],
        path: Path,
    ) -> None:
        self.app = app
        #: What the reader shows (the app implements it); ``show_story`` installs a new story.
        self.state = state
        self._show_story = show_story
        self._path = path
        self.store: AnnotationStore | None = None
        self.session: AnnotatedStory | None = None
        #: The records the shown story was computed from (to notice changes made elsewhere).
        self._synced: tuple[Annotation, ...] = ()
        self._orphans_told = 0
        self._told_read_only = False
        self._opening = threading.Lock()

    @property
    def path(self) -> Path:
        """The annotations file: ``annotations.path`` relative to the config file's folder."""
        return self._path

    def _open(self) -> AnnotationStore:
        """The store, opened once (from the UI thread or a worker: hence the lock)."""
        with self._opening:
            if self.store is None:
                from newscompare.core.annotations.store import AnnotationStore  # after 1st paint

                self.store = AnnotationStore.open(self.path)
            return self.store

    def open_store(self) -> AnnotationStore:
        """Open the file once; a bad file opens read-only and is never written (said once)."""
        store = self._open()
        if store.read_only and not self._told_read_only:
            self._told_read_only = True
            self.app.notify(
                f"{store.error}. Annotations are read-only; the file is left untouched.",
                title="annotations",
                severity="error",
                timeout=20,
                markup=False,
            )
        return store

    # -- the story shown -------------------------------------------------------------------

    def prepare(self, engine_story: Story) -> Applied:
        """The saved annotations applied to a story the engine just built. Pure work on the
        story, so the pipeline's worker thread does it; ``apply`` then only installs it."""
        from newscompare.core.annotations.feedback import apply_annotations

        settings = self.state.settings
        records = self._open().records
        return apply_annotations(records, engine_story, settings.annotations, settings.diverge)

    def apply(self, engine_story: Story, applied: Applied | None = None) -> Story:
        """The story to show for a story the engine just built (loading or re-aligning);
        ``applied``: ``prepare``'s result for it, if a worker computed it."""
        store = self.open_store()
        settings = self.state.settings
        if self.session is None:
            from newscompare.core.annotations.feedback import AnnotatedStory

            self.session = AnnotatedStory(
                store, engine_story, settings.annotations, settings.diverge, applied
            )
        elif applied is not None and applied.base is engine_story:
            self.session.adopt(applied)
        else:
            self.session.update(base=engine_story)
        self._synced = store.records
        self._tell_orphans()
        return self.session.story

    def sync(self) -> None:
        """Show the store's records if they changed since the story was computed (the
        annotations screen edits and deletes through the store directly)."""
        session, store = self.session, self.store
        if session is None or store is None or store.records == self._synced:
            return
        session.update()
        self._show(session.story)

    def _show(self, story: Story, prefer: tuple[str, str] | None = None) -> None:
        self._synced = self.store.records if self.store is not None else ()
        self._tell_orphans()
        self._show_story(story, prefer)

    def _tell_orphans(self) -> None:
        count = len(self.session.orphans) if self.session is not None else 0
        if count and count != self._orphans_told:
            self.app.notify(
                f"{count} annotation{'s' if count > 1 else ''} no longer match any passage: "
                "kept in the file and listed as orphans (A)",
                severity="warning",
                markup=False,
            )
        self._orphans_told = count

    def tags(self, pair: Pair | None) -> list[str]:
        """What the reader said about a pair, for the status line."""
        if self.session is None or pair is None:
            return []
        from newscompare.core.annotations.anchoring import on_pair

        records = [x.record for x in on_pair(self.session.anchored, pair.a, pair.b)]
        if not records:
            return []
        out = ["linked by you"] if any(r.kind == "link" for r in records) else []
        for record in records:
            if record.kind == "reject" or not (record.label or record.note):
                continue
            tag = record.label or "note"
            out.append(f"{tag}: {short(record.note, 40)}" if record.note.strip() else tag)
        return out

    # -- changes -----------------------------------------------------------------------------

    def writable(self) -> bool:
        """True when changes can be saved; otherwise tells the user why not."""
        return self._ready() is not None

    def _ready(self) -> AnnotatedStory | None:
        """The session when changes can be saved; otherwise tells the user why not."""
        store = self.open_store()
        if store.read_only:
            self.app.notify(
                f"{store.error} (annotations are read-only; the file is left as is)",
                severity="error",
                markup=False,
            )
            return None
        if self.session is None:
            self.app.notify("still loading", severity="warning")
        return self.session

    def _current(self) -> tuple[AnnotatedStory, str, str] | None:
        """The session and the current pair's passages (left column first)."""
        session = self._ready()
        nav, selection = self.state.navigator, self.state.selection
        if session is None or nav is None:
            return None
        if selection.pair is None:
            self.app.notify("no current pair (n/p select one)", severity="warning")
            return None
        left, right = nav.oriented(selection.pair, selection.left)
        return session, left, right

    def _form(
        self, a: str, b: str, initial: AnnotationInput | None, **options: object
    ) -> AnnotationForm:
        from newscompare.app.screens.annotation_form import (
            AnnotationForm,  # first use, not first paint
        )

        index = self.state.index
        assert index is not None
        pa, pb = index.passages[a], index.passages[b]
        return AnnotationForm(
            index.articles[pa.article].outlet,
            pa.text,
            index.articles[pb.article].outlet,
            pb.text,
            self.state.settings.annotations.labels,
            initial,
            **options,  # type: ignore[arg-type]
        )

    def _save(
        self,
        session: AnnotatedStory,
        change: Callable[[], object],
        done: str,
        prefer: tuple[str, str] | None,
    ) -> bool:
        """Run one store change and show the result; ``UserError`` becomes a notification."""
        ok = True
        try:
            change()
        except UserError as exc:
            ok = False
            self.app.notify(str(exc), severity="error", timeout=15, markup=False)
            session.update()  # an unsaved change stays in memory and is saved with the next
        else:
            self.app.notify(done, markup=False)
        self._show(session.story, prefer)
        return ok

    def annotate(self) -> None:
        """``a``: label and note the current pair (edits its note if it has one)."""
        from newscompare.core.annotations.records import AnnotationInput  # uuid etc.: not at start

        current = self._current()
        if current is None:
            return
        session, a, b = current
        existing = session.notes_on(a, b)
        initial = AnnotationInput(existing[0].label, existing[0].note) if existing else None
        title = "Edit the note on this pair" if existing else "Annotate this pair"

        def saved(result: AnnotationInput | None) -> None:
            if result is not None:
                done = saved_message(result, self.path)
                self._save(session, lambda: session.note(a, b, result), done, (a, b))

        self.app.push_screen(self._form(a, b, initial, title=title), saved)

    def reject(self) -> None:
        """``x``: the current pair is wrong; it disappears at once (the next pair is shown)."""
        current = self._current()
        nav, selection = self.state.navigator, self.state.selection
        if current is None or nav is None:
            return
        session, a, b = current
        pairs = nav.pairs_between(selection.left, selection.right)
        at = pairs.index(selection.pair) if selection.pair in pairs else -1
        neighbours = pairs[at + 1 : at + 2] or (pairs[at - 1 : at] if at > 0 else [])
        prefer = (neighbours[0].a, neighbours[0].b) if neighbours else None
        self._save(
            session, lambda: session.reject(a, b), f"pair rejected and hidden ({UNDO_HINT})", prefer
        )

    def link(self, a: str, b: str) -> None:
        """``l`` … ``l``: link two passages the engine missed (label and note optional)."""
        session = self._ready()
        if session is None:
            return

        def saved(result: AnnotationInput | None) -> None:
            if result is None:
                self.app.notify("link cancelled: nothing saved", markup=False)
                return
            done = saved_message(result, self.path, what="link")
            self._save(session, lambda: session.link(a, b, result), done, (a, b))

        form = self._form(a, b, None, title="Link these two passages", label_optional=True)
        self.app.push_screen(form, saved)

    # -- the annotations screen and export ----------------------------------------------------

    def open_screen(self) -> None:
        """``A``: every record, orphans included."""
        from newscompare.app.screens.annotations import AnnotationsScreen

        store = self.open_store()
        session = self.session
        settings = self.state.settings.annotations
        index = StoryIndex(session.story) if session is not None else None
        self.app.push_screen(
            AnnotationsScreen(store, index, settings.labels, settings.anchor_threshold)
        )

    def jump(self, passage_a: str, passage_b: str) -> str:
        """Show a record's pair in the pair view; returns a note for the status line."""
        self.sync()
        nav = self.state.navigator
        if nav is None or not {passage_a, passage_b} <= nav.index.passages.keys():
            return "that pair is not in the current articles"
        articles = {nav.article_of(passage_a), nav.article_of(passage_b)}
        if len(articles) < 2:
            return "both passages are in one article: there is no pair to show"
        left = self.state.selection.left
        if left not in articles:
            left = nav.article_of(passage_a)
        right = next(iter(articles - {left}))
        pair = nav.pair_of(passage_a, passage_b)
        self.state.selection = Selection(left, right, pair)
        if pair is None:
            return f"this pair is rejected, so it is hidden ({UNDO_HINT})"
        return ""

    def export(self, fmt: str) -> None:
        """Palette: write every record (orphans marked) beside the annotations file."""
        store = self.open_store()
        if store.read_only:
            self.app.notify(
                f"cannot export: {store.error}", severity="error", timeout=15, markup=False
            )
            return
        try:
            store.refresh()
            orphans = {r.id for r in self.session.orphans} if self.session is not None else set()
            from newscompare.core.annotations.export import default_export_path, write_export

            target = write_export(store.records, fmt, default_export_path(store.path, fmt), orphans)
        except UserError as exc:
            self.app.notify(str(exc), severity="error", timeout=15, markup=False)
            return
        count = len(store.records)
        self.app.notify(
            f"exported {count} annotation{'' if count == 1 else 's'} to {target}", markup=False
        )
