"""Untrusted article text is shown literally: markup and escapes are never interpreted."""

from __future__ import annotations

from collections.abc import Callable

from textual.geometry import Region

from app_fixtures import ESCAPE_BODY, MARKUP_BODY, markup_story
from conftest import screen_text
from newscompare.app.app import NewsCompareApp
from newscompare.app.render import display_text
from newscompare.app.screens.pair import PairScreen
from newscompare.app.widgets.passage_column import GUTTER_WIDTH

Reader = Callable[..., NewsCompareApp]


async def test_passages_show_markup_and_escapes_as_text(reader: Reader) -> None:
    app = reader(markup_story())
    async with app.run_test(size=(200, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PairScreen)
        for view in screen.left.views.values():
            assert view.shown_text.plain == display_text(view.passage.text)
        text = screen_text(app)
        assert MARKUP_BODY in text
        assert "Colour codes ␛[31mred␛[0m stay text [red]9[/red] dead." in text
        assert "[b]Evil[/b] Times" in text  # the column title
        assert app.title == "[blink]Loud[/blink] title"
        assert "[blink]Loud[/blink] title — 2 articles" in text  # the header
        # Nothing that reaches the terminal carries a raw escape character.
        for column in (screen.left, screen.right):
            for line in column.render_lines(Region(0, 0, column.size.width, column.size.height)):
                assert "\x1b" not in line.text


async def test_highlighted_divergence_over_markup_stays_literal(reader: Reader) -> None:
    app = reader(markup_story())
    async with app.run_test(size=(200, 30)) as pilot:
        await pilot.press("right_square_bracket")
        screen = app.screen
        assert isinstance(screen, PairScreen)
        shown = screen.left.views["evil:2"].shown_text
        spans = [shown.plain[s.start : s.end] for s in shown.spans if "reverse" in str(s.style)]
        assert spans == ["[bold]x[/]"]
        await pilot.press("right_square_bracket")
        shown = screen.left.views["evil:3"].shown_text
        spans = [shown.plain[s.start : s.end] for s in shown.spans if "reverse" in str(s.style)]
        assert spans == ["[red]9[/red]"]
        assert shown.plain != ESCAPE_BODY and "\x1b" not in shown.plain


async def test_clicking_click_markup_in_an_article_does_not_run_an_action(reader: Reader) -> None:
    app = reader(markup_story())
    async with app.run_test(size=(200, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PairScreen)
        column = MARKUP_BODY.index("[@click=app.quit]z")
        # GUTTER_WIDTH cells of gutter precede the text; 200 columns fit the line unwrapped.
        at = screen.left.offset_of("evil:2", GUTTER_WIDTH + column + 2)
        assert await pilot.click(screen.left, offset=at)
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, PairScreen)


async def test_event_view_and_overview_show_labels_and_outlets_literally(reader: Reader) -> None:
    app = reader(markup_story())
    async with app.run_test(size=(200, 30)) as pilot:
        await pilot.press("e")
        text = screen_text(app)
        assert "[i]said[/i]" in text and "[b]Evil[/b] Times" in text
        assert "[bold]x[/]" in text
        await pilot.press("o")
        text = screen_text(app)
        assert "[i]said[/i]" in text and "1 [b]Evil[/b" in text
