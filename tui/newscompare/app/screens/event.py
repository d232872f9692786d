"""The event view: every outlet's passage for one event group, stacked, differences marked.

Each passage is highlighted against all the other passages of the group at once (words no other
outlet uses, and every divergence any other outlet has with it): the N-way comparison a two-way
diff cannot give. Outlets that do not report the event are listed under it, split as the
reports split them (``timeline.coverage``): those that omit it (published on or after it),
those published before it happened ("not yet"), and those nobody can tell (undated).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static

from newscompare.app import keys
from newscompare.app.messages import SelectGroup
from newscompare.app.render import (
    divergence_summary,
    group_colour,
    group_highlights,
    highlighted,
    plain,
)
from newscompare.app.state import ReaderScreen
from newscompare.app.widgets.status import StatusLine
from newscompare.core.align.timeline import Coverage, coverage_of, story_timeline
from newscompare.core.model.story import Comparison, Divergence, EventTime, Story

#: The heading of each line of outlets that do not report the event.
ABSENT: tuple[tuple[Coverage, str], ...] = (
    ("omits", "Omitted by: "),
    ("before", "Not yet (published before it): "),
    ("undated", "Not reported, no date to tell: "),
)


def when_text(when: EventTime | None) -> str:
    """The event's date for a title line ("" when nothing dates it)."""
    if when is None or when.date is None:
        return ""
    if when.source == "first report":
        return f"by {when.date}"
    return when.date[:7] if when.precision == "month" else when.date


class EventScreen(ReaderScreen[None]):
    """One event group across all outlets."""

    BINDINGS = keys.EVENT_VIEW_BINDINGS

    def __init__(self, group_id: str) -> None:
        super().__init__(id="event-view")
        self.group_id = group_id

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield VerticalScroll(id="event-body")
        yield StatusLine()
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.watch(self.app, "story", self._story_changed)
        self.query_one("#event-body").focus()

    def _story_changed(self, story: Story | None) -> None:
        nav = self.reader.navigator
        if story is None or nav is None:
            return
        if self.group_id not in nav.group_number:
            groups = story.alignment.groups
            if not groups:
                self.app.pop_screen()
                return
            self.group_id = groups[0].id
        self.render_group()

    def render_group(self) -> None:
        nav = self.reader.navigator
        assert nav is not None
        index = nav.index
        groups = index.story.alignment.groups
        number = nav.group_number[self.group_id]
        group = groups[number - 1]
        body = self.query_one("#event-body", VerticalScroll)
        when = when_text(
            next((t for t in story_timeline(index.story) if t.group == group.id), None)
        )
        blocks: list[Static] = [
            Static(
                Content(f" {number} ")
                .stylize(f"bold #000000 on {group_colour(number)}")
                .append(Content(f" event {number}/{len(groups)}  ").stylize("bold"))
                .append(Content(f"{when}  " if when else "").stylize("$text-muted"))
                .append(plain(group.label, "bold")),
                classes="event-title",
            )
        ]
        members = set(group.passages)
        reporting = index.articles_in(group)
        position = {a: n for n, a in enumerate(nav.article_ids, start=1)}
        all_divergences: list[Divergence] = []
        for article_id in reporting:
            article = index.articles[article_id]
            # One widget per outlet (header line + its passages) keeps 200-outlet events light.
            lines = [
                plain(article.outlet, "bold $text-primary").append(
                    Content(f"  article {position[article_id]}").stylize("$text-muted")
                )
            ]
            for passage in (p for p in index.passages_of[article_id] if p.id in members):
                comparisons: list[Comparison] = [
                    c
                    for other in group.passages
                    if other != passage.id
                    and (c := index.comparisons.get((passage.id, other))) is not None
                ]
                all_divergences.extend(
                    d for c in comparisons if c.pair.a == passage.id for d in c.divergences
                )
                number_mark = Content(f"¶{passage.id.rsplit(':', 1)[-1]} ").stylize("$text-muted")
                lines.append(
                    number_mark.append(
                        highlighted(passage.text, group_highlights(passage.id, comparisons))
                    )
                )
            block = Static(Content("\n").join(lines), classes="event-block")
            block.styles.border_left = ("thick", group_colour(number))
            blocks.append(block)
        verdicts = coverage_of(index).get(group.id, {})
        absent = False
        for verdict, title in ABSENT:
            names = [
                index.articles[a].outlet
                for a in nav.article_ids
                if verdicts.get(a, "reports") == verdict
            ]
            if names:
                absent = True
                blocks.append(
                    Static(
                        Content(title).stylize("bold").append(plain(", ".join(names))),
                        classes=f"missing -{verdict}",
                    )
                )
        if not absent:
            blocks.append(Static(Content("Reported by every outlet."), classes="missing -none"))
        body.remove_children()
        body.mount_all(blocks)
        body.scroll_home(animate=False)
        self.query_one(StatusLine).show(
            f"event {number}/{len(groups)} · {len(reporting)} outlets · "
            + (divergence_summary(all_divergences) or "no divergences")
            + f" · threshold {self.reader.threshold:.2f}"
        )

    def action_step_event(self, step: int) -> None:
        nav = self.reader.navigator
        if nav is None:
            return
        groups = nav.index.story.alignment.groups
        number = nav.group_number[self.group_id] + step
        if 1 <= number <= len(groups):
            self.group_id = groups[number - 1].id
            self.render_group()
            self.post_message(SelectGroup(self.group_id))

    def action_scroll_down(self) -> None:
        self.query_one("#event-body", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#event-body", VerticalScroll).scroll_up()
