"""Command palette (ctrl+p) entries for the reader's actions, and for showing any article.

Entries run the same actions as the keys, so the palette and the keys cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from newscompare.app.render import display_text

if TYPE_CHECKING:
    from newscompare.app.app import NewsCompareApp

#: (palette title, help text, action, runs in the pair view)
READER_COMMANDS: tuple[tuple[str, str, str, bool], ...] = (
    ("Next aligned pair", "n", "step_pair(1)", True),
    ("Previous aligned pair", "p", "step_pair(-1)", True),
    ("Next divergence", "]", "step_divergence(1)", True),
    ("Previous divergence", "[", "step_divergence(-1)", True),
    ("Switch column", "tab", "switch_column", True),
    ("Search passages", "/", "search", True),
    ("Toggle scroll sync", "s", "toggle_sync", True),
    ("Annotate the current pair", "a: label and note, saved at once", "annotate", True),
    ("Link two passages", "l: pick one in each column, then l again", "link", True),
    ("Reject the current pair", "x: the pair is wrong; hidden at once", "reject_pair", True),
    ("Annotations", "A: list, filter, go to, edit, delete", "annotations", False),
    *(
        (
            f"Export annotations as {fmt}",
            f"writes <annotations file>-export{suffix} beside the annotations file",
            f"export_annotations({fmt!r})",
            False,
        )
        for fmt, suffix in (("markdown", ".md"), ("csv", ".csv"), ("json", ".json"))
    ),
    ("Event view", "e: every outlet's passage for the current event", "event_view", False),
    ("Overview", "o: events by outlets", "overview", False),
    ("Raise match threshold", "+: fewer, surer pairs; re-aligns", "threshold(0.05)", False),
    ("Lower match threshold", "-: more pairs; re-aligns", "threshold(-0.05)", False),
    ("Keys and help", "?", "help", False),
    ("Quit", "q", "quit", False),
)


class ReaderCommands(Provider):
    """The reader's actions and 'show <outlet> in the left/right column'."""

    @property
    def news_app(self) -> NewsCompareApp:
        return cast("NewsCompareApp", self.app)

    def _entries(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = self.news_app
        entries: list[tuple[str, str, Callable[[], object]]] = [
            (
                title,
                help_text,
                partial(app.run_in_pair_view, action)
                if in_pair_view
                else partial(app.run_action, action),
            )
            for title, help_text, action, in_pair_view in READER_COMMANDS
        ]
        story = app.story
        if story is not None:
            for n, article in enumerate(story.articles, start=1):
                for side in ("left", "right"):
                    entries.append(
                        (
                            f"Show in {side} column: {article.outlet}",
                            f"article {n}: {article.title}",
                            partial(app.show_article, side, article.id),
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
