"""A scrolling column of one article's passages, each tagged with its event group.

Only the two shown articles are ever mounted, so even 200-article stories keep a few hundred
widgets at most; changing the selection restyles just the passages that change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.containers import VerticalScroll
from textual.content import Content
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget

from newscompare.app.render import group_colour, plain
from newscompare.core.models import Article, Passage

GUTTER_WIDTH = 6


def gutter(group_number: int | None, only_here: bool, current: bool) -> Content:
    """The passage's margin: a current marker, then its group number on the group's colour."""
    marker = "▶" if current else " "
    if group_number is not None:
        return (
            Content(marker)
            .append(
                Content(f"{group_number:>3} ").stylize(
                    f"bold #000000 on {group_colour(group_number)}"
                )
            )
            .append(" ")
        )
    if only_here:
        return Content(marker).append(Content("only").stylize("italic $text-warning")).append(" ")
    return Content(marker)


class PassageView(Widget):
    """One passage: gutter plus literal text, wrapped with a hanging indent. Click to select.

    A single widget per passage (it wraps its own lines) keeps style and layout work small, so
    stepping through pairs only restyles the two passages that change.
    """

    DEFAULT_CSS = """
    PassageView {
        width: 100%;
        height: auto;
        padding: 0 1 0 0;
        margin: 0 0 1 0;
    }
    PassageView.-current { background: $primary 25%; }
    PassageView.-match { background: $secondary 25%; }
    PassageView.-only { text-style: italic; }
    PassageView.-kind-caption { color: $text-muted; text-style: italic; }
    PassageView.-kind-title { text-style: bold; }
    """

    class Clicked(Message):
        """A passage was clicked: the screen selects its pair."""

        def __init__(self, passage_id: str) -> None:
            super().__init__()
            self.passage_id = passage_id

    def __init__(self, passage: Passage, group_number: int | None, only_here: bool) -> None:
        super().__init__(classes=f"-kind-{passage.kind}")
        self.passage = passage
        self.group_number = group_number
        self.only_here = only_here
        self.set_class(only_here, "-only")
        self._gutter = gutter(group_number, only_here, False)
        self._text = plain(passage.text)
        self._wrapped: tuple[int, Content, int] | None = None

    def show(self, text: Content | None = None, current: bool = False) -> None:
        """Restyle: highlighted text for the current pair, plain text otherwise."""
        self.set_class(current, "-current")
        self._gutter = gutter(self.group_number, self.only_here, current)
        self._text = text if text is not None else plain(self.passage.text)
        self._wrapped = None
        self.refresh(layout=True)

    @property
    def shown_text(self) -> Content:
        """The passage text on display, with its highlight spans (tests read it)."""
        return self._text

    def _wrap(self, width: int) -> tuple[Content, int]:
        """The gutter and the text wrapped to ``width`` cells, and the number of lines."""
        if self._wrapped is not None and self._wrapped[0] == width:
            return self._wrapped[1], self._wrapped[2]
        lines = self._text.wrap(max(1, width - GUTTER_WIDTH)) or [Content("")]
        first = self._gutter.append(" " * max(0, GUTTER_WIDTH - self._gutter.cell_length))
        indent = Content(" " * GUTTER_WIDTH)
        content = Content("\n").join(
            (first if i == 0 else indent).append(line) for i, line in enumerate(lines)
        )
        self._wrapped = (width, content, len(lines))
        return content, len(lines)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._wrap(width)[1]

    def render(self) -> Content:
        return self._wrap(self.content_region.width)[0]

    def on_click(self, event: Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self.passage.id))


class PassageColumn(VerticalScroll, can_focus=False):
    """The passages of one article; ``side`` is "left" or "right".

    Columns never take focus (the pair view's keys act on the active column), so switching
    columns is a border change, not a focus change that restyles every passage.
    """

    DEFAULT_CSS = """
    PassageColumn {
        width: 1fr;
        height: 1fr;
        border: round $panel-lighten-2;
        border-title-color: $text;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        padding: 0 0 0 0;
    }
    PassageColumn.-active { border: round $accent; }
    """

    class Scrolled(Message):
        """The column's scroll position changed (the screen may sync the other column)."""

        def __init__(self, column: PassageColumn) -> None:
            super().__init__()
            self.column = column

    class Activated(Message):
        """The user scrolled this column with the mouse: keys should now apply to it."""

        def __init__(self, column: PassageColumn) -> None:
            super().__init__()
            self.column = column

    def set_active(self, active: bool) -> None:
        """Show whether keys apply to this column (a class on the column only, not its rows)."""
        self.set_class(active, "-active")

    def on_mouse_scroll_down(self) -> None:
        self.post_message(self.Activated(self))

    def on_mouse_scroll_up(self) -> None:
        self.post_message(self.Activated(self))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if old_value != new_value:
            self.post_message(self.Scrolled(self))

    def __init__(self, side: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.side = side
        self.article: Article | None = None
        self.views: dict[str, PassageView] = {}

    def show_article(
        self,
        article: Article,
        number: int,
        count: int,
        passages: Iterable[Passage],
        group_numbers: Mapping[str, int],
        unmatched: frozenset[str],
    ) -> None:
        """Replace the column's content with ``article`` (boilerplate hidden).

        ``group_numbers`` maps passage ids to their event group's number.
        """
        self.article = article
        title = Content(f"{number}/{count} ").append(plain(article.outlet))
        self.border_title = title
        subtitle = plain(article.title)
        if article.date:
            subtitle = subtitle.append(Content(f" · {article.date}"))
        self.border_subtitle = subtitle
        views = [
            PassageView(p, group_numbers.get(p.id), p.id in unmatched)
            for p in passages
            if p.kind != "boilerplate"
        ]
        self.views = {view.passage.id: view for view in views}
        self.remove_children()
        self.mount_all(views)
        self.scroll_home(animate=False)

    def visible_views(self, full: bool = False) -> list[PassageView]:
        """Passages in view (``full``: only those entirely in view), in reading order."""
        top, bottom = self.scroll_y, self.scroll_y + self.scrollable_content_region.height
        out = []
        for view in self.views.values():
            y, height = view.virtual_region.y, view.virtual_region.height
            inside = top <= y and y + height <= bottom if full else y < bottom and y + height > top
            if inside:
                out.append(view)
        return out
