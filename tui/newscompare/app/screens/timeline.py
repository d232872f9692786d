"""``t``: the story's events in the order they happened, each with every outlet's passages.

A story told over months or years reads best in time order: the events sorted by the date
their passages state (else by their first report: the event happened on or before it), each
with the passages that report it and the outlets that do not, split as every view and report
splits them (``timeline.coverage``): omitted (published on or after it), not yet (published
before it) or undated. Enter shows a pair of that event in the pair view.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Footer, Header, OptionList
from textual.widgets.option_list import Option

from newscompare.app import keys
from newscompare.app.messages import SelectGroup
from newscompare.app.render import group_colour, plain, short
from newscompare.app.state import ReaderScreen
from newscompare.app.widgets.status import StatusLine
from newscompare.core.align.timeline import Coverage, coverage_of, story_timeline
from newscompare.core.model.index import StoryIndex
from newscompare.core.model.story import EventTime, Story

#: Characters of a passage shown under its event at most (a whole passage is in the event
#: view); fewer on a narrow terminal, so each passage stays one line under its date.
PASSAGE_CHARS = 100
#: The fewest characters of a passage shown, however narrow the terminal.
MIN_PASSAGE_CHARS = 24
#: Width of the date column (``2021-07-22``, ``by 2021-07-22``, ``2020-07``, ``undated``).
DATE_WIDTH = 14
#: How an outlet that does not report the event is listed, by why.
ABSENT: tuple[tuple[Coverage, str], ...] = (
    ("omits", "omitted by"),
    ("before", "not yet (published before it)"),
    ("undated", "undated"),
)


def date_text(when: EventTime) -> str:
    """The event's date as the list shows it: a day, a month, "by <first report>" or
    "undated"."""
    if when.date is None:
        return "undated"
    if when.source == "first report":
        return f"by {when.date}"
    return when.date[:7] if when.precision == "month" else when.date


def _day_or_month(low: str, high: str) -> str:
    """One stated date: a day, a month (``2020-07``) or a range."""
    if low == high:
        return low
    if low[:7] == high[:7] and low.endswith("-01"):
        return low[:7]
    return f"{low}..{high}"


def event_entry(
    index: StoryIndex,
    when: EventTime,
    number: int,
    verdicts: dict[str, Coverage],
    width: int = PASSAGE_CHARS + DATE_WIDTH + 30,
) -> Content:
    """One event: date, number and label, then a line per reporting passage (with the date it
    states, if any: outlets may disagree on when), then who does not report it and why;
    ``width``: the characters a line may take."""
    group = index.story.alignment.groups[number - 1]
    room = width - DATE_WIDTH - 1
    lines = [
        Content(f"{date_text(when):<{DATE_WIDTH}}")
        .stylize("bold")
        .append(Content(f" {number} ").stylize(f"bold #000000 on {group_colour(number)}"))
        .append(" ")
        .append(plain(short(group.label, max(MIN_PASSAGE_CHARS, room - 4)), "bold"))
    ]
    members = set(group.passages)
    indent = " " * (DATE_WIDTH + 1)
    for article in index.story.articles:
        for passage in index.passages_of.get(article.id, ()):
            if passage.id in members:
                outlet = short(article.outlet, 24)
                said = ", ".join(_day_or_month(lo, hi) for lo, hi in when.stated_by(passage.id))
                mark = f" ¶{passage.id.rsplit(':', 1)[-1]} " + (f"({said}) " if said else "")
                chars = min(PASSAGE_CHARS, room - len(outlet) - len(mark))
                lines.append(
                    Content(indent)
                    .append(plain(outlet, "$text-primary"))
                    .append(Content(mark).stylize("$text-muted"))
                    .append(plain(short(passage.text, max(MIN_PASSAGE_CHARS, chars))))
                )
    for verdict, title in ABSENT:
        names = [a.outlet for a in index.story.articles if verdicts.get(a.id) == verdict]
        if names:
            style = "$text-warning" if verdict == "omits" else "$text-muted"
            lines.append(
                Content(indent)
                .append(Content(f"{title}: ").stylize(f"italic {style}"))
                .append(plain(short(", ".join(names), max(MIN_PASSAGE_CHARS, room - 32)), style))
            )
    return Content("\n").join(lines)


class TimelineScreen(ReaderScreen[None]):
    """The events by date; Enter shows the chosen event's pair in the pair view."""

    BINDINGS = keys.TIMELINE_BINDINGS

    def __init__(self) -> None:
        super().__init__(id="timeline")

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield OptionList(id="timeline-list")
        yield StatusLine()
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.watch(self.app, "story", self._story_changed)

    @property
    def events(self) -> OptionList:
        return self.query_one("#timeline-list", OptionList)

    def _story_changed(self, story: Story | None) -> None:
        nav = self.reader.navigator
        if story is None or nav is None:
            return
        index = nav.index
        covered = coverage_of(index)
        options = self.events
        options.clear_options()
        times = [t for t in story_timeline(index.story) if t.group in nav.group_number]
        # The list's border, padding and scrollbar take about 8 columns.
        width = self.app.size.width - 8
        entries: list[Option | None] = []
        for when in times:
            number = nav.group_number[when.group]
            entry = event_entry(index, when, number, covered.get(when.group, {}), width)
            entries += [Option(entry, id=when.group), None]  # None: a rule under each event
        options.add_options(entries[:-1])
        current = self.reader.current_group()
        order = [t.group for t in times]
        if order:
            options.highlighted = order.index(current.id) if current and current.id in order else 0
        dated = sum(1 for t in times if t.source == "stated")
        self.query_one(StatusLine).show(
            f"{len(times)} events by date · {dated} dated by their passages, "
            f"{len(times) - dated} by their first report or undated · enter: show its pair"
        )
        options.focus()

    def on_resize(self) -> None:
        """Passages are cut to the width: cut them again, keeping the event under the cursor."""
        options = self.events
        highlighted = options.highlighted
        self._story_changed(self.reader.story)
        if highlighted is not None and highlighted < options.option_count:
            options.highlighted = highlighted

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Show a pair of the event in the pair view (the timeline sits right above it)."""
        if event.option.id is not None:
            self.app.post_message(SelectGroup(event.option.id))
            self.app.pop_screen()
