"""The annotations screen: every saved record, filterable, with jump, edit and delete.

Records are re-anchored to the current story when the screen opens or the store changes, so
the table can mark orphans (records whose passages are gone); they are listed like the rest and
never hidden. ``enter`` posts ``AnnotationsScreen.JumpToPair`` for the app to show the pair;
``e`` edits in the same form ``a`` uses; ``d`` deletes after a confirmation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Footer, Input, Static

from newscompare.app.keys import ANNOTATIONS_BINDINGS, CONFIRM_BINDINGS
from newscompare.app.render import plain, short
from newscompare.app.screens.annotation_form import AnnotationForm
from newscompare.core.annotations.anchoring import Anchored, anchor
from newscompare.core.annotations.records import Annotation, AnnotationInput
from newscompare.core.annotations.store import AnnotationStore
from newscompare.core.model.errors import UserError
from newscompare.core.model.index import StoryIndex
from newscompare.core.model.settings import DEFAULT_LABELS


@dataclass(frozen=True, slots=True)
class Row:
    """One table row: the record and where it is in the current story (None: orphan)."""

    record: Annotation
    placed: Anchored | None
    #: False when no story is open: nothing can be placed, yet nothing is known to be orphaned.
    checked: bool = True

    @property
    def orphan(self) -> bool:
        return self.checked and self.placed is None

    def matches(self, query: str) -> bool:
        """Filter: the words must all occur in the label, an outlet or the kind ("orphan" too)."""
        record = self.record
        haystack = " ".join(
            (record.label, record.kind, record.a.outlet, record.b.outlet)
            + (("orphan",) if self.orphan else ())
        ).lower()
        return all(word in haystack for word in query.lower().split())

    def cells(self) -> tuple[Text, ...]:
        record = self.record
        return (
            Text("orphan", style="bold red") if self.orphan else Text(""),
            Text(short(record.label, 16) or "—", style="bold"),
            Text(record.kind),
            Text(f"{short(record.a.outlet, 14)} ↔ {short(record.b.outlet, 14)}"),
            Text(short(record.a.text)),
            Text(short(record.b.text)),
            Text(short(record.note, 24)),
        )


def rows_for(
    records: Sequence[Annotation], index: StoryIndex | None, threshold: float = 0.85
) -> list[Row]:
    """Rows in file order, each re-anchored to the story (without one, none is checked)."""
    if index is None:
        return [Row(r, None, checked=False) for r in records]
    placed, _ = anchor(records, index.story.articles, index.story.passages, threshold)
    by_id = {p.record.id: p for p in placed}
    return [Row(r, by_id.get(r.id)) for r in records]


class ConfirmDelete(ModalScreen[bool]):
    """Asks before a record is deleted (``y`` deletes, ``n``/``escape`` keeps it)."""

    BINDINGS = CONFIRM_BINDINGS
    #: The reader's own keys (quit, views, re-align) are off while this is open, so a letter
    #: typed here never closes it (``NewsCompareApp.check_action``).
    TRAPS_APP_KEYS = True

    DEFAULT_CSS = """
    ConfirmDelete { align: center middle; }
    ConfirmDelete #confirm-box {
        width: 70; height: auto; border: thick $error; background: $surface; padding: 1 2;
    }
    ConfirmDelete #confirm-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    ConfirmDelete Button { margin-left: 2; }
    """

    def __init__(self, record: Annotation) -> None:
        super().__init__(id="confirm-delete")
        self.record = record

    def compose(self) -> ComposeResult:
        record = self.record
        with Vertical(id="confirm-box"):
            yield Static(plain("Delete this annotation?", "bold"))
            yield Static(plain(f"{record.label or record.kind}: {short(record.a.text)}"))
            yield Static(plain(f"↔ {short(record.b.text)}"))
            with Horizontal(id="confirm-buttons"):
                yield Button("Delete (y)", variant="error", id="confirm-yes")
                yield Button("Keep (n)", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")


class AnnotationsScreen(Screen[None]):
    """All annotations of the store; the app handles ``JumpToPair`` (show that pair)."""

    BINDINGS = ANNOTATIONS_BINDINGS

    DEFAULT_CSS = """
    AnnotationsScreen #annotations-title { text-style: bold; padding: 0 1; }
    AnnotationsScreen #annotations-warning {
        color: $text-error; background: $error-muted; padding: 0 1;
    }
    AnnotationsScreen #annotations-filter { margin: 0 1; }
    AnnotationsScreen #annotations-table { height: 1fr; }
    AnnotationsScreen #annotations-empty { color: $text-muted; padding: 1 2; }
    """

    class JumpToPair(Message):
        """The reader asked to see a record's pair (passage ids of the current story)."""

        def __init__(self, passage_a: str, passage_b: str, record_id: str) -> None:
            super().__init__()
            self.passage_a = passage_a
            self.passage_b = passage_b
            self.record_id = record_id

    def __init__(
        self,
        store: AnnotationStore,
        index: StoryIndex | None = None,
        labels: Sequence[str] = DEFAULT_LABELS,
        anchor_threshold: float = 0.85,
    ) -> None:
        super().__init__(id="annotations")
        self.store = store
        self.index = index
        self.labels = tuple(labels)
        self.anchor_threshold = anchor_threshold
        self.rows: list[Row] = []
        self.shown: list[Row] = []

    def compose(self) -> ComposeResult:
        yield Static(id="annotations-title")
        yield Static(id="annotations-warning")
        yield Input(placeholder="filter by label or outlet (/)", id="annotations-filter")
        yield DataTable[Text](id="annotations-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="annotations-empty")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for name in ("", "label", "kind", "outlets", "passage A", "passage B", "note"):
            table.add_column(Text(name))
        self.reload()
        table.focus()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.reload()

    # --- contents ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read the store's records (another process may have saved) and redraw."""
        try:
            self.store.refresh()
        except UserError as exc:
            self.notify(str(exc), severity="error", timeout=10, markup=False)
        self.rows = rows_for(self.store.records, self.index, self.anchor_threshold)
        self._show()

    def _show(self) -> None:
        query = self.query_one("#annotations-filter", Input).value
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        self.shown = [row for row in self.rows if row.matches(query)]
        for row in self.shown:
            table.add_row(*row.cells(), key=row.record.id)
        if self.shown:
            table.move_cursor(row=min(keep, len(self.shown) - 1))
        orphans = sum(row.orphan for row in self.rows)
        title = f"Annotations: {len(self.rows)}"
        if orphans:
            title += f", {orphans} orphaned (their passages are gone; kept in the file)"
        if query.strip():
            title += f" · {len(self.shown)} shown"
        self.query_one("#annotations-title", Static).update(plain(title))
        warning = self.query_one("#annotations-warning", Static)
        warning.display = self.store.read_only
        if self.store.read_only:
            warning.update(plain(f"Read-only: {self.store.error}. The file is left untouched."))
        empty = self.query_one("#annotations-empty", Static)
        empty.display = not self.shown
        empty.update(
            plain(
                "No annotations match." if self.rows else "No annotations yet: press a on a pair."
            )
        )

    @on(Input.Changed, "#annotations-filter")
    def _filter_changed(self) -> None:
        self._show()

    @on(Input.Submitted, "#annotations-filter")
    def _filter_done(self) -> None:
        self.query_one(DataTable).focus()

    @property
    def current(self) -> Row | None:
        """The row under the cursor."""
        table = self.query_one(DataTable)
        if not self.shown or not 0 <= table.cursor_row < len(self.shown):
            return None
        return self.shown[table.cursor_row]

    # --- actions -----------------------------------------------------------------------------

    def action_filter(self) -> None:
        self.query_one("#annotations-filter", Input).focus()

    def action_close(self) -> None:
        filter_input = self.query_one("#annotations-filter", Input)
        if filter_input.has_focus and filter_input.value:
            filter_input.value = ""
            self.query_one(DataTable).focus()
            return
        self.dismiss(None)

    @on(DataTable.RowSelected, "#annotations-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_jump()

    def action_jump(self) -> None:
        row = self.current
        if row is None:
            return
        if self.index is None:
            self.notify("No story is open to show this pair in.", severity="warning")
        elif row.placed is None:
            self.notify(
                "This annotation is an orphan: its passages are not in the current articles.",
                severity="warning",
            )
        else:
            self.post_message(self.JumpToPair(row.placed.a, row.placed.b, row.record.id))

    def _writable(self) -> bool:
        if self.store.read_only:
            self.notify(
                f"Annotations are read-only: {self.store.error}", severity="error", markup=False
            )
        return not self.store.read_only

    def action_edit(self) -> None:
        row = self.current
        if row is None or not self._writable():
            return
        record = row.record
        form = AnnotationForm(
            record.a.outlet,
            record.a.text,
            record.b.outlet,
            record.b.text,
            self.labels,
            AnnotationInput(record.label, record.note),
            title="Edit annotation",
            label_optional=record.kind != "note",
        )

        def saved(result: AnnotationInput | None) -> None:
            if result is None:
                return
            try:
                self.store.update(record.id, label=result.label, note=result.note)
            except UserError as exc:
                self.notify(str(exc), severity="error", timeout=10, markup=False)
            self.reload()

        self.app.push_screen(form, saved)

    def action_delete(self) -> None:
        row = self.current
        if row is None or not self._writable():
            return
        record = row.record

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.store.delete(record.id)
            except UserError as exc:
                self.notify(str(exc), severity="error", timeout=10, markup=False)
            self.reload()

        self.app.push_screen(ConfirmDelete(record), confirmed)
