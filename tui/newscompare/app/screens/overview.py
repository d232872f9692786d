"""The overview: event groups by outlets. Who reports what, and who omits what.

A gap is an omission only when the article was published on or after the event
(``timeline.coverage``, the verdict the reports give): an article from before it shows
"before", one whose date (or the event's) is unknown "undated". Drawn by ``OverviewGrid``
from ``OverviewRows`` (a row is built when first drawn, only the cells on screen are drawn),
so 800 outlets by 1,400 events open about as fast as 5 outlets.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer, Header

from newscompare.app import keys
from newscompare.app.messages import OpenEvent
from newscompare.app.overview_rows import OverviewRows
from newscompare.app.state import ReaderScreen
from newscompare.app.widgets.overview_grid import OverviewGrid
from newscompare.app.widgets.status import StatusLine
from newscompare.core.model.story import Story


class OverviewScreen(ReaderScreen[None]):
    """A grid of event groups (rows) by outlets (columns); Enter opens that event."""

    BINDINGS = keys.OVERVIEW_BINDINGS

    def __init__(self) -> None:
        super().__init__(id="overview")

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield OverviewGrid(id="grid")
        yield StatusLine()
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.watch(self.app, "story", self._story_changed)

    @property
    def grid(self) -> OverviewGrid:
        return self.query_one("#grid", OverviewGrid)

    def _story_changed(self, story: Story | None) -> None:
        nav = self.reader.navigator
        if story is None or nav is None:
            return
        rows = OverviewRows(nav.index)
        counts = rows.counts()
        grid = self.grid
        grid.set_data([a.outlet for a in story.articles], rows)
        selected = self.reader.current_group()
        if selected is not None and selected.id in nav.group_number:
            grid.move_cursor(nav.group_number[selected.id] - 1)
        early = f"{counts['before']} before the event · " if counts["before"] else ""
        undated = f"{counts['undated']} undated · " if counts["undated"] else ""
        self.query_one(StatusLine).show(
            f"{len(rows)} events · {len(story.articles)} outlets · {counts['omits']} omissions · "
            f"{early}{undated}"
            f"{len(story.alignment.unmatched)} passages only one outlet reports · "
            "enter: open event"
        )
        grid.focus()

    def on_overview_grid_selected(self, message: OverviewGrid.Selected) -> None:
        self.post_message(OpenEvent(message.key))
