"""The overview: event groups by outlets. Who reports what, and who omits what.

A gap is an omission only when the article was published on or after the event
(``timeline.coverage``, the verdict the reports give): an article from before it shows
"before", one whose date (or the event's) is unknown "undated". Drawn by ``OverviewGrid``
(only what is on screen is built), so 200 outlets open instantly.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer, Header

from newscompare.app import keys
from newscompare.app.messages import OpenEvent
from newscompare.app.render import group_colour
from newscompare.app.state import ReaderScreen
from newscompare.app.widgets.overview_grid import GridRow, OverviewGrid
from newscompare.app.widgets.status import StatusLine
from newscompare.core.align.timeline import coverage_of
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
        index = nav.index
        column_of = {a.id: n for n, a in enumerate(story.articles)}
        covered = coverage_of(index)
        rows: list[GridRow] = []
        counts = {"omits": 0, "before": 0, "undated": 0}
        for number, group in enumerate(story.alignment.groups, start=1):
            present: list[list[str]] = [[] for _ in story.articles]
            for pid in group.passages:
                present[column_of[index.passages[pid].article]].append(pid.rsplit(":", 1)[-1])
            cells = tuple(("● ¶" + ",".join(p)) if p else None for p in present)
            verdicts = covered.get(group.id, {})
            gaps = tuple(verdicts.get(a.id, "omits") for a in story.articles)
            for cell, why in zip(cells, gaps, strict=True):
                if cell is None:
                    counts[why] = counts.get(why, 0) + 1
            rows.append(GridRow(group.id, group.label, group_colour(number), cells, gaps))
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
