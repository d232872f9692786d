"""The status line: what the current pair is, and what slow work is running.

It watches the app's ``busy`` state, so every screen's status line shows the same progress
while loading or re-aligning runs in a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label, ProgressBar, Static


@dataclass(frozen=True, slots=True)
class WorkState:
    """Progress of the running pipeline stage (``total`` 0: unknown yet)."""

    stage: str
    done: int = 0
    total: int = 0


class StatusLine(Horizontal):
    """One line: a summary on the left, a stage label and progress bar while work runs."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        background: $panel;
        color: $text;
        padding: 0 1;
    }
    StatusLine > #summary { width: 1fr; height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    StatusLine > #stage {
        width: 16; height: 1; color: $text-accent; padding: 0 1;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    StatusLine > ProgressBar { width: 24; height: 1; }
    StatusLine > ProgressBar Bar { width: 14; }
    StatusLine.-idle > #stage, StatusLine.-idle > ProgressBar { display: none; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="summary", markup=False)
        yield Label(id="stage", markup=False)
        yield ProgressBar(id="progress", show_eta=False)

    def on_mount(self) -> None:
        self.set_class(True, "-idle")
        self.watch(self.app, "busy", self._show_work)

    def show(self, summary: Content | str) -> None:
        """Set the left part (plain strings are shown literally)."""
        # Both parts have a fixed size: new text needs a repaint, never a new layout of the
        # screen (which, with the footer's keys, costs more than drawing the whole line).
        self.query_one("#summary", Static).update(
            summary if isinstance(summary, Content) else Content(summary), layout=False
        )

    @property
    def summary(self) -> str:
        """The summary text as plain text (for tests and the help screen)."""
        return str(self.query_one("#summary", Static).visual)

    def _show_work(self, work: WorkState | None) -> None:
        self.set_class(work is None, "-idle")
        if work is None:
            return
        bar = self.query_one(ProgressBar)
        stage = self.query_one("#stage", Label)
        stage.update(Content(f"{work.stage}…"), layout=False)
        if work.total > 0:
            bar.update(total=work.total, progress=work.done)
        else:
            bar.update(total=None)
