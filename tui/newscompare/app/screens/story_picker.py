"""``S``: the stories among the articles given (``align.stories``); Enter aligns the chosen one
and shows it.

A folder of mixed articles (a day's feeds, a search result) is split into stories before
anything aligns; the reader opens the largest and lists the others here, with the articles
that share no story with the others and why, so nothing given is silently left out.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from newscompare.app import keys
from newscompare.app.render import plain
from newscompare.app.state import ReaderModal
from newscompare.core.model.story import Collection, StoryPart

#: Characters of a story's label shown in the list (the headline of its central article).
LABEL_CHARS = 90


def short(text: str, limit: int = LABEL_CHARS) -> str:
    """One line of at most ``limit`` characters, cut at a word."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def story_line(part: StoryPart, collection: Collection, current: bool) -> Content:
    """``s2  5 articles · headline`` then the outlets, or the reason an article is alone."""
    count = len(part.articles)
    line = (
        Content(f"{'▶' if current else ' '} {part.id:<4}")
        .stylize("$text-muted")
        .append(Content(f"{count} article{'' if count == 1 else 's'} · ").stylize("bold"))
        .append(plain(short(part.label) or "(no title)"))
    )
    outlets = {a.id: a.outlet for a in collection.articles}
    detail = part.reason or ", ".join(outlets.get(a, a) for a in part.articles)
    return line.append(Content("\n       ")).append(plain(short(detail, 110), "$text-muted"))


class StoryPicker(ReaderModal[str | None]):
    """Dismisses with the chosen story's id, or None."""

    BINDINGS = keys.STORY_PICKER_BINDINGS

    def __init__(self, collection: Collection, current: Sequence[str]) -> None:
        super().__init__(id="story-picker")
        self.collection = collection
        self.current = tuple(current)

    def compose(self) -> ComposeResult:
        parts = self.collection.parts
        alone = sum(1 for p in parts if p.reason)
        with Vertical(id="picker-box"):
            yield Static(
                Content("Stories among these articles")
                .stylize("bold")
                .append(
                    Content(
                        f"  {len(parts) - alone} stories, {alone} alone · enter aligns · esc"
                    ).stylize("$text-muted")
                ),
                id="picker-title",
            )
            yield OptionList(id="picker-list")

    def on_mount(self) -> None:
        options = self.query_one("#picker-list", OptionList)
        chosen = 0
        for n, part in enumerate(self.collection.parts):
            current = part.id in self.current
            if current:
                chosen = n
            options.add_option(Option(story_line(part, self.collection, current), id=part.id))
        if options.option_count:
            options.highlighted = chosen
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
