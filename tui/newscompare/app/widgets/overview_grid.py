"""A virtual grid of event groups (rows) by outlets (columns), drawn line by line.

``DataTable`` renders every cell of a visible row, which stalls at 200 outlets; this grid only
builds segments for the rows and columns on screen (the rows themselves may be built when first
asked for: ``overview_rows.OverviewRows``), keeps the label column and the header row in place
while scrolling, and moves a row cursor with the keyboard or the mouse.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newscompare.app import keys
from newscompare.app.render import display_text

LABEL_WIDTH = 36
CELL_WIDTH = 14

#: What an empty cell says, by why the outlet has no passage (``timeline.coverage``): only an
#: article published on or after the event omits it.
GAP_TEXT: dict[str, str] = {"omits": "— omits", "before": "· before", "undated": "? undated"}


def _fit(text: str, width: int) -> str:
    """One line of exactly ``width`` cells (ellipsis when cut); control characters shown."""
    text = display_text(" ".join(text.split()))
    if len(text) > width - 1:
        text = text[: width - 2] + "…"
    return text.ljust(width)


@dataclass(frozen=True, slots=True)
class GridRow:
    """One event: its key, label, colour and per-outlet cell text (None: not reported, and
    ``gaps`` says why: "omits", "before" or "undated"; "omits" where it has no entry)."""

    key: str
    label: str
    colour: str
    cells: tuple[str | None, ...]
    gaps: tuple[str, ...] = ()

    def gap(self, column: int) -> str:
        """The text of an empty cell."""
        why = self.gaps[column] if column < len(self.gaps) else "omits"
        return GAP_TEXT.get(why, GAP_TEXT["omits"])


class OverviewGrid(ScrollView, can_focus=True):
    """Rows of events, columns of outlets; Enter (or a second click) opens the row."""

    BINDINGS = keys.OVERVIEW_GRID_BINDINGS

    COMPONENT_CLASSES = {  # noqa: RUF012 (Textual API)
        "overview-grid--header",
        "overview-grid--cursor",
        "overview-grid--omitted",
        "overview-grid--before",
        "overview-grid--stripe",
    }

    DEFAULT_CSS = """
    OverviewGrid { height: 1fr; background: $surface; }
    OverviewGrid > .overview-grid--header { background: $panel; text-style: bold; }
    OverviewGrid > .overview-grid--cursor { background: $block-cursor-background; }
    OverviewGrid > .overview-grid--omitted { color: $text-muted; text-style: italic; }
    OverviewGrid > .overview-grid--before { color: $text-disabled; }
    OverviewGrid > .overview-grid--stripe { background: $surface-lighten-1; }
    """

    cursor_row: reactive[int] = reactive(0)

    class Selected(Message):
        """The user opened a row."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.headers: tuple[str, ...] = ()
        self.rows: Sequence[GridRow] = ()

    def set_data(self, headers: Sequence[str], rows: Sequence[GridRow]) -> None:
        """Show ``rows`` (kept as given, not copied: a lazy sequence stays lazy)."""
        self.headers = tuple(headers)
        self.rows = rows
        self.virtual_size = Size(LABEL_WIDTH + CELL_WIDTH * len(self.headers), len(self.rows) + 1)
        self.cursor_row = min(self.cursor_row, max(0, len(self.rows) - 1))
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def column_count(self) -> int:
        return len(self.headers)

    def cell_text(self, row: int, column: int) -> str:
        """What a cell shows (tests and screen readers of the code use it)."""
        cell = self.rows[row].cells[column]
        return self.rows[row].gap(column) if cell is None else cell

    # -- drawing -------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        scroll_x, scroll_y = self.scroll_offset
        cells_width = max(0, width - LABEL_WIDTH)
        base = self.rich_style
        first, last = self._columns_on_screen(scroll_x, cells_width)
        if y == 0:
            style = base + self.get_component_rich_style("overview-grid--header")
            label = [Segment(_fit("event", LABEL_WIDTH), style)]
            cells = [
                Segment(_fit(f"{n + 1} {self.headers[n]}", CELL_WIDTH), style)
                for n in range(first, last)
            ]
            return self._line(label, cells, scroll_x, cells_width, style)
        index = scroll_y + y - 1
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        style = base
        if index % 2:
            style = style + self.get_component_rich_style("overview-grid--stripe")
        if index == self.cursor_row:
            style = style + self.get_component_rich_style("overview-grid--cursor")
        omitted = style + self.get_component_rich_style("overview-grid--omitted")
        too_early = style + self.get_component_rich_style("overview-grid--before")
        present = style + Style(color=row.colour)
        number = f"{index + 1:>3} "
        label = [
            Segment(number, present + Style(bold=True)),
            Segment(_fit(row.label, LABEL_WIDTH - len(number)), style),
        ]
        cells = [
            Segment(_fit(cell, CELL_WIDTH), present)
            if (cell := row.cells[n]) is not None
            else Segment(
                _fit(row.gap(n), CELL_WIDTH),
                omitted if row.gap(n) == GAP_TEXT["omits"] else too_early,
            )
            for n in range(first, min(last, len(row.cells)))
        ]
        return self._line(label, cells, scroll_x, cells_width, style)

    def _columns_on_screen(self, scroll_x: int, cells_width: int) -> tuple[int, int]:
        """The outlets (columns) at least partly visible: only their segments are built."""
        first = scroll_x // CELL_WIDTH
        last = (scroll_x + cells_width) // CELL_WIDTH + 1
        return first, min(last, len(self.headers))

    def _line(
        self,
        label: list[Segment],
        cells: list[Segment],
        scroll_x: int,
        cells_width: int,
        style: Style,
    ) -> Strip:
        """The label column, then the cells on screen (``cells``, from the first column at
        least partly visible) scrolled by ``scroll_x`` (the label stays put)."""
        first = scroll_x // CELL_WIDTH
        visible = Strip(cells).crop(
            scroll_x - first * CELL_WIDTH, scroll_x - first * CELL_WIDTH + cells_width
        )
        line = Strip.join([Strip(label), visible])
        return line.extend_cell_length(LABEL_WIDTH + cells_width, style)

    # -- cursor --------------------------------------------------------------------------

    def watch_cursor_row(self, old: int, new: int) -> None:
        self.refresh()
        self._keep_cursor_visible(new)

    def _keep_cursor_visible(self, row: int) -> None:
        visible_rows = max(1, self.scrollable_content_region.height - 1)
        top = self.scroll_y
        if row < top:
            self.scroll_to(y=row, animate=False)
        elif row >= top + visible_rows:
            self.scroll_to(y=row - visible_rows + 1, animate=False)

    def move_cursor(self, row: int) -> None:
        if self.rows:
            self.cursor_row = max(0, min(len(self.rows) - 1, row))

    def action_cursor(self, step: int) -> None:
        self.move_cursor(self.cursor_row + step)

    def action_page(self, step: int) -> None:
        self.move_cursor(self.cursor_row + step * max(1, self.scrollable_content_region.height - 2))

    def action_jump(self, row: int) -> None:
        self.move_cursor(row if row >= 0 else len(self.rows) - 1)

    def action_scroll_cells(self, step: int) -> None:
        self.scroll_to(x=max(0, self.scroll_x + step * CELL_WIDTH), animate=False)

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.Selected(self.rows[self.cursor_row].key))

    def on_click(self, event: Click) -> None:
        if event.y < 1:
            return
        row = int(self.scroll_y) + event.y - 1
        if 0 <= row < len(self.rows):
            if row == self.cursor_row:
                self.action_select()
            self.move_cursor(row)
