"""Command palette (ctrl+p) entries for the reader's actions, and for showing any article.

Entries run the same actions as the keys, so the palette and the keys cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape
from textual.message import Message

from newscompare.app.messages import RunInPairView, ShowArticle
from newscompare.app.render import display_text
from newscompare.app.state import ReaderState, reader_state


@dataclass(frozen=True, slots=True)
class ReaderCommand:
    """One palette entry: its title, the binding whose keys the hint shows, what it says."""

    title: str
    #: The binding id in ``keys`` (its keys, remaps applied, start the hint); "" for none.
    binding_id: str
    #: Said after the keys.
    detail: str
    action: str
    #: Runs on the pair view (the palette first closes any screen above it).
    in_pair_view: bool


READER_COMMANDS: tuple[ReaderCommand, ...] = (
    ReaderCommand("Next aligned pair", "next_pair", "", "step_pair(1)", True),
    ReaderCommand("Previous aligned pair", "prev_pair", "", "step_pair(-1)", True),
    ReaderCommand("Next divergence", "next_divergence", "", "step_divergence(1)", True),
    ReaderCommand("Previous divergence", "prev_divergence", "", "step_divergence(-1)", True),
    ReaderCommand("Switch column", "switch_column", "", "switch_column", True),
    ReaderCommand("Search passages", "search", "", "search", True),
    ReaderCommand("Toggle scroll sync", "toggle_sync", "", "toggle_sync", True),
    ReaderCommand(
        "Annotate the current pair", "annotate", "label and note, saved at once", "annotate", True
    ),
    ReaderCommand(
        "Link two passages",
        "link_passages",
        "pick one in each column, then the same key again",
        "link",
        True,
    ),
    ReaderCommand(
        "Reject the current pair",
        "reject_pair",
        "the pair is wrong; hidden at once",
        "reject_pair",
        True,
    ),
    ReaderCommand(
        "Annotations", "annotations", "list, filter, go to, edit, delete", "annotations", False
    ),
    *(
        ReaderCommand(
            f"Export annotations as {fmt}",
            "",
            f"writes <annotations file>-export{suffix} beside the annotations file",
            f"export_annotations({fmt!r})",
            False,
        )
        for fmt, suffix in (("markdown", ".md"), ("csv", ".csv"), ("json", ".json"))
    ),
    ReaderCommand(
        "Event view",
        "event_view",
        "every outlet's passage for the current event",
        "event_view",
        False,
    ),
    ReaderCommand("Overview", "overview", "events by outlets", "overview", False),
    ReaderCommand(
        "Timeline",
        "timeline",
        "events by date with each outlet's passages; who omits, who came before",
        "timeline",
        False,
    ),
    ReaderCommand(
        "Pick a story",
        "pick_story",
        "the stories among the articles given; aligns and shows the one chosen",
        "pick_story",
        False,
    ),
    ReaderCommand(
        "Raise match threshold",
        "threshold_up",
        "fewer, surer pairs; re-aligns",
        "threshold(0.05)",
        False,
    ),
    ReaderCommand(
        "Lower match threshold",
        "threshold_down",
        "more pairs; re-aligns",
        "threshold(-0.05)",
        False,
    ),
    ReaderCommand("Keys and help", "help", "", "help", False),
    ReaderCommand("Quit", "quit", "", "quit", False),
)


def command_hint(reader: ReaderState, command: ReaderCommand) -> str:
    """``"<keys>: <detail>"`` with the keys in force (after ``keys:`` remaps)."""
    keys = reader.keys_for_id(command.binding_id) if command.binding_id else ""
    return ": ".join(part for part in (keys, command.detail) if part)


class ReaderCommands(Provider):
    """The reader's actions and 'show <outlet> in the left/right column'."""

    @property
    def reader(self) -> ReaderState:
        return reader_state(self.app)

    def _post(self, message: Message) -> None:
        self.app.post_message(message)

    def _entries(self) -> list[tuple[str, str, Callable[[], object]]]:
        reader = self.reader
        entries: list[tuple[str, str, Callable[[], object]]] = [
            (
                command.title,
                command_hint(reader, command),
                partial(self._post, RunInPairView(command.action))
                if command.in_pair_view
                else partial(self.app.run_action, command.action),
            )
            for command in READER_COMMANDS
        ]
        story = reader.story
        if story is not None:
            for n, article in enumerate(story.articles, start=1):
                for side in ("left", "right"):
                    entries.append(
                        (
                            f"Show in {side} column: {article.outlet}",
                            f"article {n}: {article.title}",
                            partial(self._post, ShowArticle(side, article.id)),
                        )
                    )
        return entries

    async def discover(self) -> Hits:
        for title, help_text, callback in self._entries():
            yield DiscoveryHit(_literal(title), callback, text=title, help=_help(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._entries():
            score, offsets = matcher.fuzzy_search.match(query, title)
            if score > 0:
                display = _literal(title)
                for offset in offsets:
                    display = display.stylize(matcher.match_style, offset, offset + 1)
                yield Hit(score, display, callback, text=title, help=_help(help_text))


def _literal(text: str) -> Content:
    """Palette titles may hold outlet names: show them literally (never as markup)."""
    return Content(display_text(text))


def _help(text: str) -> str:
    """The palette parses help as markup, so article-derived help text is escaped."""
    return escape(display_text(text))
