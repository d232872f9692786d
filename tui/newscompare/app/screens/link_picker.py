"""Picking the two ends of a link (``l``) in the pair view: one passage in each column.

The passages a link joins usually have no pair yet, so the current-pair cursor cannot point at
them: while a link is being picked each column has its own marked passage, which ``↑``/``↓``
(in the active column) and clicks move. The first end starts at the passage the reader was on
in the active column; the other column becomes active so the arrows move the second end at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newscompare.app.widgets.passage_column import LINK_END

if TYPE_CHECKING:
    from newscompare.app.screens.pair import PairScreen
    from newscompare.app.widgets.passage_column import PassageView

SIDES = ("left", "right")


class LinkPicker:
    """The link being picked (``picks`` None: not picking)."""

    hint = (
        "link: pick the passage in the other column (↑/↓ or click; tab switches column) · "
        "l again to link · escape to cancel"
    )

    def __init__(self, screen: PairScreen) -> None:
        self.screen = screen
        #: side -> passage id of that column's end.
        self.picks: dict[str, str] | None = None
        self._marked: list[PassageView] = []

    @property
    def active(self) -> bool:
        return self.picks is not None

    def start(self, side: str) -> None:
        """Begin at the passage under the cursor of ``side``; the other column becomes active."""
        self.picks = {}
        for each in SIDES:
            self._pick_default(each)
        self.screen.activate("right" if side == "left" else "left")
        self.refresh_marks()

    def cancel(self) -> None:
        self.picks = None
        self.refresh_marks()

    def pick(self, side: str, passage_id: str) -> None:
        if self.picks is not None:
            self.picks[side] = passage_id
            self.refresh_marks()

    def move(self, side: str, step: int) -> None:
        """Move ``side``'s end by ``step`` passages in reading order, keeping it in view."""
        if self.picks is None:
            return
        column = self.screen.column(side)
        ids = list(column.views)
        if not ids:
            return
        here = self.picks.get(side)
        at = ids.index(here) + step if here in ids else 0
        self.picks[side] = ids[max(0, min(len(ids) - 1, at))]
        self.refresh_marks()
        view = column.views[self.picks[side]]
        column.scroll_to_passage(view)

    def ends(self) -> tuple[str, str] | None:
        """(left passage, right passage) when both ends are picked on screen."""
        if self.picks is None:
            return None
        left, right = self.picks.get("left"), self.picks.get("right")
        if left is None or right is None:
            return None
        return left, right

    def _current_ids(self) -> dict[str, str]:
        app = self.screen.reader
        nav, selection = app.navigator, app.selection
        if nav is None or selection.pair is None:
            return {}
        left, right = nav.oriented(selection.pair, selection.left)
        return {"left": left, "right": right}

    def _pick_default(self, side: str) -> None:
        """The clicked or current passage of the column if in view, else the first in view."""
        assert self.picks is not None
        column = self.screen.column(side)
        if not column.views:
            self.picks.pop(side, None)
            return
        visible = [view.passage.id for view in column.visible_views()]
        candidates = [self.screen.clicked.get(side), self._current_ids().get(side)]
        shown = [pid for pid in candidates if pid is not None and pid in column.views]
        choice = next((pid for pid in shown if pid in visible), None)
        choice = choice or (visible[0] if visible else None) or next(iter(shown), None)
        self.picks[side] = choice or next(iter(column.views))

    def refresh_marks(self) -> None:
        """Mark the two ends (re-picking an end whose column now shows another article)."""
        for view in self._marked:
            view.remove_class(LINK_END)
        self._marked = []
        if self.picks is None:
            return
        for side in SIDES:
            column = self.screen.column(side)
            if self.picks.get(side) not in column.views:
                self._pick_default(side)
            marked = column.views.get(self.picks.get(side, ""))
            if marked is not None:
                marked.add_class(LINK_END)
                self._marked.append(marked)
