"""The timeline screen (``t``), and the overview and event view telling "omits" from "before"."""

from __future__ import annotations

from collections.abc import Callable

from app_fixtures import dated_troops_story
from newscompare.app.app import NewsCompareApp
from newscompare.app.screens.event import EventScreen
from newscompare.app.screens.overview import OverviewScreen
from newscompare.app.screens.pair import PairScreen
from newscompare.app.screens.timeline import TimelineScreen
from newscompare.app.widgets.status import StatusLine
from newscompare.core.align.timeline import story_timeline

Reader = Callable[..., NewsCompareApp]
SIZE = (120, 36)


def entries(screen: TimelineScreen) -> list[str]:
    options = screen.events
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_t_lists_events_by_date_and_enter_shows_that_events_pair(reader: Reader) -> None:
    story = dated_troops_story()
    app = reader(story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        options = screen.events
        order = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert order == [t.group for t in story_timeline(story)] == ["g1", "g2", "g3", "g4"]
        text = entries(screen)
        assert text[1].startswith("2025-01-08")  # stated: Wednesday, in the Gazette's week
        # Each passage shows the day it states: the outlets disagree on when.
        assert "Daily Planet ¶3 (2025-01-09) Iraq's foreign ministry" in text[1]
        assert "The Bugle ¶2 (2025-01-08) Iraq's foreign ministry" in text[1]
        assert text[0].startswith("by 2025-01-08")  # only its first report dates it
        attacks = text[3].splitlines()
        assert attacks[0].startswith("by 2025-01-09") and "Attacks on US forces" in attacks[0]
        assert any("Daily Planet ¶5 Militias have carried out" in line for line in attacks)
        assert attacks[-1].strip() == "not yet (published before it): Gazette"
        assert "omitted by" not in text[3]
        assert "4 events by date" in screen.query_one(StatusLine).summary
        await pilot.press("end", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PairScreen)
        pair = app.selection.pair
        assert pair is not None and {pair.a, pair.b} == {"planet:5", "bugle:4"}
        await pilot.press("t")
        assert isinstance(app.screen, TimelineScreen)
        assert app.screen.events.highlighted == 3  # opens on the current event
        await pilot.press("t")  # the same key closes it
        assert isinstance(app.screen, PairScreen)


async def test_the_palette_opens_the_timeline(reader: Reader) -> None:
    app = reader(dated_troops_story())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"timeline")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, PairScreen)


async def test_overview_and_event_view_tell_before_from_omits(reader: Reader) -> None:
    app = reader(dated_troops_story())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        assert isinstance(app.screen, OverviewScreen)
        grid = app.screen.grid
        assert grid.cell_text(3, 2) == "· before"  # the Gazette came out before the attacks
        summary = app.screen.query_one(StatusLine).summary
        assert "0 omissions" in summary and "1 before the event" in summary
        await pilot.press("end", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EventScreen) and app.screen.group_id == "g4"
        lines = [str(s.visual) for s in app.screen.query(".missing")]  # type: ignore[attr-defined]
        assert lines == ["Not yet (published before it): Gazette"]
        title = str(app.screen.query_one(".event-title").visual)  # type: ignore[attr-defined]
        assert "by 2025-01-09" in title


async def test_without_dates_a_gap_is_still_an_omission(reader: Reader) -> None:
    app = reader()  # the troops story has no dates
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        assert isinstance(app.screen, TimelineScreen)
        text = entries(app.screen)
        assert all(t.startswith("undated") for t in text)
        assert text[3].splitlines()[-1].strip() == "omitted by: Gazette"


async def test_passages_are_cut_to_the_width_again_after_a_resize(reader: Reader) -> None:
    app = reader(dated_troops_story())
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("t", "down")
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        wide = entries(screen)[1].splitlines()[1]
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        narrow = entries(screen)[1].splitlines()[1]
        assert len(narrow) < len(wide) and narrow.endswith("…")
        assert screen.events.highlighted == 1
