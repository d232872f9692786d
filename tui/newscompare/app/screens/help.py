"""``?``: every binding id with the keys in force (remaps from config.yaml included), plus the
loading problems of the current story."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Static

from newscompare.app import keys
from newscompare.app.render import plain
from newscompare.app.state import ReaderModal


class HelpScreen(ReaderModal[None]):
    """A table of scope, binding id, keys and description."""

    BINDINGS = keys.HELP_BINDINGS

    def __init__(self) -> None:
        super().__init__(id="help")

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(
                Content("Keys")
                .stylize("bold")
                .append(
                    Content("  (remap by id under keys: in config.yaml · esc closes)").stylize(
                        "$text-muted"
                    )
                ),
                id="help-title",
            )
            yield DataTable[Text](id="help-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="help-problems")

    def on_mount(self) -> None:
        table = self.query_one("#help-table", DataTable)
        table.add_columns(Text("keys"), Text("does"), Text("id"), Text("where"))
        for scope, binding in self.rows():
            table.add_row(
                Text(self.reader.keys_for(binding), style="bold"),
                Text(binding.tooltip or binding.description),
                Text(binding.id or ""),
                Text(scope, style="dim"),
            )
        story = self.reader.story
        problems = story.problems if story is not None else ()
        box = self.query_one("#help-problems", Static)
        if problems:
            text = Content("Not loaded:\n").stylize("bold $text-warning")
            for problem in problems:
                text = text.append(plain(f"  {problem}\n"))
            box.update(text)
        else:
            box.display = False
        table.focus()

    @staticmethod
    def rows() -> list[tuple[str, Binding]]:
        return keys.all_bindings()
