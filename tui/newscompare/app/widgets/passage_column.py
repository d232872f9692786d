"""A scrolling column of one article's passages, each tagged with its event group.

The column is one Line API widget (a ``ScrollView`` drawing its own lines), not a widget per
passage: showing an article only wraps its passages to count their lines, and drawing renders
just the lines on screen, each passage's lines cached until it is restyled. Mounting a widget
per passage cost most of the time between the story arriving and the first pair on screen.
Each passage keeps what a widget would have given it (classes such as ``-current``, its text on
display, where it is), in a ``PassageView``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.content import Content
from textual.events import Click, Resize
from textual.geometry import Offset, Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.visual import Visual

from newscompare.app.render import group_colour, plain
from newscompare.core.model.story import Article, Passage

GUTTER_WIDTH = 6
#: Blank lines after each passage (what a bottom margin of 1 gave a widget per passage).
SPACING = 1
#: Passage classes drawn with a component style, strongest background last; only one of
#: ``-current``/``-match``/``-link-end`` colours the background (the last one present).
_TEXT_COMPONENTS = {
    "-kind-title": "passage-column--title",
    "-kind-caption": "passage-column--caption",
    "-only": "passage-column--only",
}
_BACKGROUND_COMPONENTS = {
    "-current": "passage-column--current",
    "-match": "passage-column--match",
    "-link-end": "passage-column--link-end",
}
LINK_END = "-link-end"


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


class PassageView:
    """One passage of a column: its classes, the text on display and its place in the column.

    ``has_class``/``add_class``/``remove_class`` work as on a widget; every change redraws
    only this passage's lines.
    """

    class Clicked(Message):
        """A passage was clicked: the screen selects its pair."""

        def __init__(self, passage_id: str) -> None:
            super().__init__()
            self.passage_id = passage_id

    def __init__(
        self, column: PassageColumn, passage: Passage, group_number: int | None, only_here: bool
    ) -> None:
        self.column = column
        self.passage = passage
        self.group_number = group_number
        self.only_here = only_here
        self._classes = {f"-kind-{passage.kind}"} | ({"-only"} if only_here else set())
        self._gutter = gutter(group_number, only_here, False)
        self._text = plain(passage.text)
        self._wrapped: tuple[int, list[Content]] | None = None
        self.strips: tuple[int, list[Strip]] | None = None
        #: First line of the passage in the column (set by the column's layout).
        self.y = 0

    def has_class(self, name: str) -> bool:
        return name in self._classes

    def set_class(self, add: bool, name: str) -> None:
        if add != (name in self._classes):
            if add:
                self._classes.add(name)
            else:
                self._classes.discard(name)
            self.column.restyle(self)

    def add_class(self, name: str) -> None:
        self.set_class(True, name)

    def remove_class(self, name: str) -> None:
        self.set_class(False, name)

    def show(self, text: Content | None = None, current: bool = False) -> None:
        """Restyle: highlighted text for the current pair, plain text otherwise.

        ``text`` is the passage's own text with styles added (``render.highlighted``): the
        column's layout is not redone, so other characters would misplace the passages below.
        """
        self._classes.discard("-current")
        if current:
            self._classes.add("-current")
        self._gutter = gutter(self.group_number, self.only_here, current)
        self._text = text if text is not None else plain(self.passage.text)
        self._wrapped = None
        self.column.restyle(self)

    @property
    def shown_text(self) -> Content:
        """The passage text on display, with its highlight spans (tests read it)."""
        return self._text

    def components(self) -> tuple[str, ...]:
        """The component classes styling this passage, text styles first."""
        text = [c for name, c in _TEXT_COMPONENTS.items() if name in self._classes]
        background = [c for name, c in _BACKGROUND_COMPONENTS.items() if name in self._classes]
        return (*text, *background[-1:])

    def lines(self, width: int) -> list[Content]:
        """Gutter and text wrapped to ``width`` cells, with a hanging indent."""
        if self._wrapped is not None and self._wrapped[0] == width:
            return self._wrapped[1]
        wrapped = self._text.wrap(max(1, width - GUTTER_WIDTH)) or [Content("")]
        first = self._gutter.append(" " * max(0, GUTTER_WIDTH - self._gutter.cell_length))
        indent = Content(" " * GUTTER_WIDTH)
        out = [(first if i == 0 else indent).append(line) for i, line in enumerate(wrapped)]
        self._wrapped = (width, out)
        return out

    @property
    def height(self) -> int:
        """Lines at the column's current width."""
        return len(self.lines(self.column.text_width))


class PassageColumn(ScrollView, can_focus=False):
    """The passages of one article; ``side`` is "left" or "right".

    Columns never take focus (the pair view's keys act on the active column), so switching
    columns is a border change, not a focus change that restyles every passage.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "passage-column--title",
        "passage-column--caption",
        "passage-column--only",
        "passage-column--current",
        "passage-column--match",
        "passage-column--link-end",
        "passage-column--link-bar",
    }

    DEFAULT_CSS = """
    PassageColumn {
        width: 1fr;
        height: 1fr;
        overflow-x: hidden;
        border: round $panel-lighten-2;
        border-title-color: $text;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        padding: 0 0 0 0;
    }
    PassageColumn.-active { border: round $accent; }
    PassageColumn > .passage-column--current { background: $primary 25%; }
    PassageColumn > .passage-column--match { background: $secondary 25%; }
    PassageColumn > .passage-column--only { text-style: italic; }
    PassageColumn > .passage-column--caption { color: $text-muted; text-style: italic; }
    PassageColumn > .passage-column--title { text-style: bold; }
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

    def __init__(self, side: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.side = side
        self.article: Article | None = None
        self.views: dict[str, PassageView] = {}
        self._order: list[PassageView] = []
        self._starts: list[int] = []
        #: Cells per line (the scrollable width) the passages are laid out for.
        self.line_width = 0
        #: The passage (and character in it) kept in view across re-layouts: the current
        #: pair's end, so a resize, the explain panel or the first layout never hide it.
        self._pinned: tuple[PassageView, int | None] | None = None

    @property
    def text_width(self) -> int:
        """Cells for gutter and text: one cell of right padding, as a passage widget had."""
        return max(1, self.line_width - 1)

    def set_active(self, active: bool) -> None:
        """Show whether keys apply to this column (a class on the column only)."""
        self.set_class(active, "-active")

    def on_mouse_scroll_down(self) -> None:
        self.post_message(self.Activated(self))

    def on_mouse_scroll_up(self) -> None:
        self.post_message(self.Activated(self))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if old_value != new_value:
            self.post_message(self.Scrolled(self))

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
        self._pinned = None
        title = Content(f"{number}/{count} ").append(plain(article.outlet))
        self.border_title = title
        subtitle = plain(article.title)
        if article.date:
            subtitle = subtitle.append(Content(f" · {article.date}"))
        self.border_subtitle = subtitle
        self._order = [
            PassageView(self, p, group_numbers.get(p.id), p.id in unmatched)
            for p in passages
            if p.kind != "boilerplate"
        ]
        self.views = {view.passage.id: view for view in self._order}
        self._layout()
        self.scroll_home(animate=False, immediate=True)
        self.refresh()

    # -- layout --------------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        self._layout()

    def _layout(self) -> None:
        """Place the passages for the current width (a scrollbar, if needed, takes its share)."""
        width, height = self.content_size
        if width <= 0:
            return
        # Articles mostly overflow a column: wrap for the width beside a scrollbar first, and
        # again for the full width only when everything fits without one.
        narrow = max(1, width - self.styles.scrollbar_size_vertical)
        lines = self._place(narrow)
        if lines <= height or self.styles.overflow_y == "hidden":
            lines = self._place(width)
            if lines > height and self.styles.overflow_y != "hidden":
                lines = self._place(narrow)  # a line more at full width no longer fits
        self.virtual_size = Size(self.line_width, lines)
        self.refresh()
        if self._pinned is not None:
            self.call_after_refresh(self._show_pinned)

    def pin(self, view: PassageView | None, char: int | None = None) -> None:
        """Keep ``view`` (character ``char`` of it, if given) in view from now on, and bring
        it into view now; None: stop."""
        self._pinned = None if view is None else (view, char)
        if view is not None:
            self._show_pinned()

    def _show_pinned(self) -> None:
        if self._pinned is None or self.line_width <= 0:
            return
        view, char = self._pinned
        if self.views.get(view.passage.id) is not view:
            self._pinned = None
            return
        height = self.scrollable_content_region.height
        line = self._line_of(view, char) if char is not None else None
        if line is not None and view.height > height:
            # Taller than the column: show the lines around the character asked for.
            region = Region(0, view.y + line, self.line_width, 1)
            self.scroll_to_region(region, animate=False, center=True, immediate=True)
        elif view not in self.visible_views(full=True):
            self.scroll_to_passage(view, center=True)

    def _line_of(self, view: PassageView, char: int) -> int:
        """The wrapped line of ``view`` holding character ``char`` of its text."""
        seen = 0
        for n, line in enumerate(view.lines(self.text_width)):
            seen += len(line.plain) - GUTTER_WIDTH + 1  # the break ate a space (about)
            if char < seen:
                return n
        return max(0, view.height - 1)

    def _place(self, width: int) -> int:
        """Set every passage's first line for ``width``; returns the total line count."""
        self.line_width = width
        y = 0
        self._starts = []
        for view in self._order:
            view.y = y
            self._starts.append(y)
            y += view.height + SPACING
        return y

    def restyle(self, view: PassageView) -> None:
        """Redraw one passage. A restyle never moves anything: classes only change colours,
        and ``show`` swaps the text for the same characters (highlighted or not) with a gutter
        of the same width, so the passage wraps to the same lines as before."""
        view.strips = None
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        for view in self._order:  # a theme or class change: colours must be recomputed
            view.strips = None

    # -- drawing -------------------------------------------------------------------------

    def _passage_strips(self, view: PassageView) -> list[Strip]:
        width = self.line_width
        if view.strips is not None and view.strips[0] == width:
            return view.strips[1]
        style = self.get_visual_style(*view.components())
        content = Content("\n").join(view.lines(self.text_width))
        strips = Visual.to_strips(
            self, content, self.text_width, None, style, apply_selection=False
        )
        # Blank cells carry only the background, as a widget's padding would.
        fill = RichStyle(bgcolor=style.rich_style.bgcolor)
        strips = [strip.extend_cell_length(width, fill) for strip in strips]
        if view.has_class(LINK_END):  # a bar as well as a colour: visible without colour too
            bar = self.get_visual_style("passage-column--link-bar").rich_style.color
            bar_segment = Strip([Segment("█", fill + RichStyle(color=bar))], 1)
            strips = [Strip.join([bar_segment, strip.crop(1)]) for strip in strips]
        view.strips = (width, strips)
        return strips

    def view_at(self, line: int) -> PassageView | None:
        """The passage drawn on scrollable line ``line`` (None: a blank line between)."""
        index = bisect_right(self._starts, line) - 1
        if index < 0:
            return None
        view = self._order[index]
        return view if line - view.y < view.height else None

    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        base = RichStyle(bgcolor=self.visual_style.rich_style.bgcolor)
        index = bisect_right(self._starts, line) - 1
        strip: Strip | None = None
        if index >= 0:
            view = self._order[index]
            strips = self._passage_strips(view)
            if line - view.y < len(strips):
                strip = strips[line - view.y]
        if strip is None:
            strip = Strip.blank(width, base)
        strip = strip.crop_extend(0, width, base).apply_offsets(0, line)
        selection = self.text_selection
        if selection is not None and (span := selection.get_span(line)) is not None:
            strip = self._select(strip, *span)
        return strip

    def _select(self, strip: Strip, start: int, end: int) -> Strip:
        """``strip`` with cells ``start``..``end`` (-1: line end) in the selection style."""
        end = strip.cell_length if end == -1 else end
        before, selected, after = strip.divide([start, end, strip.cell_length])
        style = self.screen.get_component_rich_style("screen--selection")
        selected = Strip(
            [Segment(text, (s or RichStyle()) + style, c) for text, s, c in selected],
            selected.cell_length,
        )
        return Strip.join([before, selected, after])

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected text, line by line as drawn (gutters included)."""
        rows: list[str] = []
        for view in self._order:
            rows.extend(line.plain for line in view.lines(self.text_width))
            rows.extend("" for _ in range(SPACING))
        return selection.extract("\n".join(rows)), "\n"

    def rendered_lines(self, passage_id: str) -> list[Strip]:
        """The lines of a passage on screen as the terminal gets them (tests read them)."""
        view = self.views[passage_id]
        top = self.styles.gutter.top + view.y - self.scroll_offset.y
        return self.render_lines(Region(0, top, self.outer_size.width, view.height))

    # -- mouse and scrolling ----------------------------------------------------------------

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.x >= self.scrollable_content_region.width:
            return
        view = self.view_at(self.scroll_offset.y + offset.y)
        if view is not None:
            event.stop()
            self.post_message(PassageView.Clicked(view.passage.id))

    def offset_of(self, passage_id: str, x: int = 0) -> Offset:
        """Where cell ``x`` of the passage's first line is, from the column's top left corner
        (border included), as ``pilot.click(column, offset=...)`` takes it."""
        gutter = self.styles.gutter
        return Offset(gutter.left + x, gutter.top + self.views[passage_id].y - self.scroll_offset.y)

    def scroll_to_passage(self, view: PassageView, center: bool = False) -> None:
        """Bring ``view`` into view (with its spacing line), least scrolling unless ``center``."""
        region = Region(0, view.y, self.line_width, view.height + SPACING)
        self.scroll_to_region(region, animate=False, center=center, immediate=True)

    def visible_views(self, full: bool = False) -> list[PassageView]:
        """Passages in view (``full``: only those entirely in view), in reading order."""
        top = self.scroll_offset.y
        bottom = top + self.scrollable_content_region.height
        out = []
        for view in self._order:
            y, height = view.y, view.height
            inside = top <= y and y + height <= bottom if full else y < bottom and y + height > top
            if inside:
                out.append(view)
        return out
