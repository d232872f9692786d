"""``g``: every article of the story in one list (number, outlet, date, title, byline, URL),
filtered as you type; Enter shows the chosen one in the active column.

Keys ``1``-``9`` only reach nine articles and the palette needs the outlet's name; this list
reaches any of them, and is a virtual ``OptionList`` so 800 outlets open at once.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.events import Key
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from newscompare.app import keys
from newscompare.app.render import plain
from newscompare.app.state import ReaderModal
from newscompare.core.model.story import Article


def article_line(number: int, article: Article) -> Content:
    """``12  Outlet · 2024-01-05 · Title``, then byline and URL on a second line when known."""
    line = (
        Content(f"{number:>3}  ")
        .stylize("$text-muted")
        .append(plain(article.outlet, "bold"))
        .append(Content(" · ").stylize("$text-muted"))
        .append(plain(article.date or "no date", "" if article.date else "$text-muted"))
        .append(Content(" · ").stylize("$text-muted"))
        .append(plain(" ".join(article.title.split()) or "(no title)"))
    )
    extra = [part for part in (article_byline(article), article_url(article)) if part]
    if extra:
        line = line.append(Content("\n     ")).append(plain(" · ".join(extra), "$text-muted"))
    return line


#: Metadata keys (front matter, HTML) that name the author, in order of preference.
BYLINE_KEYS = ("byline", "author", "authors", "by")


def article_byline(article: Article) -> str:
    """Who wrote it, from the article's metadata ("" when unknown)."""
    extra = {key.casefold(): value for key, value in article.extra}
    return next((extra[key] for key in BYLINE_KEYS if extra.get(key, "").strip()), "")


def article_url(article: Article) -> str:
    """The article's URL: its canonical URL when the loader found one, else the fetched URL."""
    url = str(getattr(article, "url", "") or "")
    if url:
        return url
    return article.path if "://" in article.path else ""


class OutletPicker(ReaderModal[str | None]):
    """Dismisses with the chosen article's id, or None."""

    BINDINGS = keys.PICKER_BINDINGS

    def __init__(self, articles: Sequence[Article], current: str | None, side: str) -> None:
        super().__init__(id="outlet-picker")
        self.articles = list(articles)
        self.current = current
        self.side = side

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            yield Static(
                Content(f"Show in the {self.side} column")
                .stylize("bold")
                .append(
                    Content(
                        f"  {len(self.articles)} articles · type to filter · enter shows · esc"
                    ).stylize("$text-muted")
                ),
                id="picker-title",
            )
            yield Input(placeholder="filter by outlet, date or title", id="picker-filter")
            yield OptionList(id="picker-list")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#picker-filter", Input).focus()

    def _fill(self, query: str) -> None:
        needle = query.casefold().strip()
        options = self.query_one("#picker-list", OptionList)
        options.clear_options()
        chosen = 0
        for number, article in enumerate(self.articles, start=1):
            haystack = " ".join(
                (article.outlet, article.date or "", article.title, article_byline(article))
            ).casefold()
            if needle and needle not in haystack:
                continue
            if article.id == self.current:
                chosen = options.option_count
            options.add_option(Option(article_line(number, article), id=article.id))
        if options.option_count:
            options.highlighted = chosen

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one("#picker-list", OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    def on_key(self, event: Key) -> None:
        """Up/down in the filter box move the list (typing stays in the box)."""
        if event.key not in ("up", "down", "pageup", "pagedown"):
            return
        options = self.query_one("#picker-list", OptionList)
        if self.focused is options:
            return
        event.stop()
        if event.key == "up":
            options.action_cursor_up()
        elif event.key == "down":
            options.action_cursor_down()
        elif event.key == "pageup":
            options.action_page_up()  # type: ignore[no-untyped-call]
        else:
            options.action_page_down()  # type: ignore[no-untyped-call]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
