"""``?``: a legend of every colour and mark, every binding id with the keys in force (remaps from
config.yaml included), and the loading problems of the current story.

Keys are listed by where they apply, each scope a heading row, so the table is three columns
(keys, what they do, id) and fits 80 columns; the legend is drawn with the same styles the views
use (``render``), so it cannot drift from them.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from newscompare.app import keys
from newscompare.app.render import (
    CURRENT_DIVERGENCE_STYLE,
    DIVERGENCE_STYLES,
    ONLY_WORD_STYLE,
    group_colour,
    plain,
)
from newscompare.app.state import ReaderModal

#: (sample, style, what it means) for the highlights inside passage text.
_TEXT_LEGEND: tuple[tuple[str, str, str], ...] = (
    *(
        (kind, style, f"the two outlets differ on {'an' if kind[0] in 'aeiou' else 'a'} {kind}")
        for kind, style in DIVERGENCE_STYLES.items()
    ),
    (
        "number",
        f"{DIVERGENCE_STYLES['number']} {CURRENT_DIVERGENCE_STYLE}",
        "the divergence stepped to with ] or [",
    ),
    ("words", ONLY_WORD_STYLE, "words only this side has (dimmed)"),
)


def legend() -> Content:
    """Every colour and mark of the views, drawn in their own styles."""
    lines = [Content("Legend").stylize("bold")]
    for sample, style, meaning in _TEXT_LEGEND:
        lines.append(
            Content("  ").append(Content(f"{sample:<11}").stylize(style)).append(f"  {meaning}")
        )
    marks = (
        (
            Content("▶").append(Content("  1 ").stylize(f"bold #000000 on {group_colour(1)}")),
            "▶ current pair; the number is the event (a colour each)",
        ),
        (
            Content(" only").stylize("italic $text-warning"),
            "a passage no other outlet reports",
        ),
        (Content("█ ").stylize("$warning"), "an end of the link being picked (l)"),
        (
            Content(" ●  ").append(Content("— omits").stylize("$text-muted")),
            "overview: reported / left out by the outlet",
        ),
        (
            Content("· before").stylize("$text-disabled"),
            "overview: out before the event (? undated: no date)",
        ),
    )
    for mark, meaning in marks:
        pad = " " * max(0, 11 - mark.cell_length)
        lines.append(Content("  ").append(mark).append(pad).append(f"  {meaning}"))
    return Content("\n").join(lines)


class HelpScreen(ReaderModal[None]):
    """The legend, then a table of keys by scope, then loading problems; all of it scrolls."""

    BINDINGS = keys.HELP_BINDINGS

    def __init__(self) -> None:
        super().__init__(id="help")

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(
                Content("Keys")
                .stylize("bold")
                .append(
                    Content(
                        "  (remap by id under keys: in config.yaml · ctrl+p: command palette"
                        " · esc closes)"
                    ).stylize("$text-muted")
                ),
                id="help-title",
            )
            with VerticalScroll(id="help-scroll"):
                yield Static(legend(), id="help-legend")
                yield DataTable[Text](id="help-table", cursor_type="row", zebra_stripes=True)
                yield Static(id="help-problems")

    def on_mount(self) -> None:
        table = self.query_one("#help-table", DataTable)
        table.add_columns(Text("keys"), Text("does"), Text("id"))
        scope = ""
        for where, binding in self.rows():
            if where != scope:
                scope = where
                table.add_row(Text(""), Text(where, style="bold reverse"), Text(""))
            table.add_row(
                Text(self.reader.keys_for(binding), style="bold"),
                Text(binding.tooltip or binding.description),
                Text(binding.id or "", style="dim"),
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
        self.query_one("#help-scroll", VerticalScroll).focus()

    @staticmethod
    def rows() -> list[tuple[str, Binding]]:
        return keys.all_bindings()
