"""Pilot tests: every key of the pair view does what the footer says."""

from __future__ import annotations

from collections.abc import Callable

from textual.events import MouseScrollDown
from textual.geometry import Offset
from textual.selection import Selection
from textual.widgets import Input

from app_fixtures import large_story
from conftest import TEST_THRESHOLD
from newscompare.app.app import NewsCompareApp
from newscompare.app.screens.event import EventScreen
from newscompare.app.screens.help import HelpScreen
from newscompare.app.screens.overview import OverviewScreen
from newscompare.app.screens.pair import PairScreen
from newscompare.app.widgets.passage_column import GUTTER_WIDTH, PassageColumn
from newscompare.app.widgets.status import StatusLine

Reader = Callable[..., NewsCompareApp]


def status(app: NewsCompareApp) -> str:
    return app.screen.query_one(StatusLine).summary


def left_passage(app: NewsCompareApp) -> str | None:
    nav, pair = app.navigator, app.selection.pair
    assert nav is not None
    return None if pair is None else nav.oriented(pair, app.selection.left)[0]


async def test_first_screen_shows_two_articles_and_the_first_pair(reader: Reader) -> None:
    app = reader()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PairScreen)
        left, right = app.screen.left, app.screen.right
        assert left.article is not None and left.article.outlet == "Daily Planet"
        assert right.article is not None and right.article.outlet == "The Bugle"
        assert "boilerplate" not in {v.passage.kind for v in left.views.values()}
        assert "planet:7" not in left.views  # "Subscribe to our newsletter" is hidden
        assert app.title == "Troops to leave Iraq, ministry says"
        assert app.sub_title == "3 articles"
        current = [
            v.passage.id for c in (left, right) for v in c.views.values() if v.has_class("-current")
        ]
        assert current == ["planet:1", "bugle:1"]
        assert left.views["planet:3"].group_number == right.views["bugle:2"].group_number == 2
        assert left.views["planet:6"].has_class("-only")
        assert f"threshold {TEST_THRESHOLD:.2f}" in status(app)
        assert "pair 1/4" in status(app) and "score 0.62" in status(app)


async def test_n_and_p_step_through_pairs_in_reading_order(reader: Reader) -> None:
    app = reader()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        assert left_passage(app) == "planet:3"
        assert "pair 2/4" in status(app)
        assert "1 number · 2 date" in status(app) and "paraphrase" in status(app)
        await pilot.press("n", "n")
        assert left_passage(app) == "planet:5"
        await pilot.press("n")
        assert "last aligned pair" in status(app)
        await pilot.press("p")
        assert left_passage(app) == "planet:4"
        screen = app.screen
        assert isinstance(screen, PairScreen)
        assert screen.left.views["planet:4"].has_class("-current")
        assert not screen.left.views["planet:5"].has_class("-current")


async def test_brackets_step_through_divergences(reader: Reader) -> None:
    app = reader()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("right_square_bracket")
        assert left_passage(app) == "planet:3" and app.selection.divergence == 0
        assert "▶ date: Thursday vs Wednesday" in status(app)
        await pilot.press("right_square_bracket")
        screen = app.screen
        assert isinstance(screen, PairScreen)
        text = screen.left.views["planet:3"].shown_text
        reversed_spans = [
            text.plain[s.start : s.end] for s in text.spans if "reverse" in str(s.style)
        ]
        assert reversed_spans == ["2,500"]
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert "first divergence" in status(app)


async def test_tab_switches_the_active_column(reader: Reader) -> None:
    app = reader()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, PairScreen)
        assert screen.active_column is screen.left and screen.left.has_class("-active")
        await pilot.press("tab")
        assert screen.active_column is screen.right
        assert screen.right.has_class("-active") and not screen.left.has_class("-active")
        await pilot.press("j")
        await pilot.pause()
        assert screen.left.scroll_y == 0  # keys follow the active column
        await pilot.press("tab")
        assert screen.active_column is screen.left


async def test_arrows_and_j_k_scroll_the_active_column(reader: Reader) -> None:
    app = reader()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, PairScreen)
        column = screen.left
        column.scroll_home(animate=False)
        await pilot.pause()
        assert column.max_scroll_y > 0
        await pilot.press("j")
        await pilot.pause()
        assert column.scroll_y == 1
        await pilot.press("down", "down")
        await pilot.pause()
        assert column.scroll_y == 3
        await pilot.press("k", "up")
        await pilot.pause()
        assert column.scroll_y == 1


async def test_page_keys_home_and_end_scroll_the_active_column(reader: Reader) -> None:
    app = reader(large_story(articles=3))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, PairScreen)
        await pilot.pause()
        column = screen.left
        page = column.scrollable_content_region.height
        assert column.max_scroll_y > 2 * page
        await pilot.press("home", "pagedown")
        await pilot.pause()
        assert column.scroll_y == page
        await pilot.press("end")
        await pilot.pause()
        assert column.scroll_y == column.max_scroll_y
        await pilot.press("pageup")
        await pilot.pause()
        assert column.scroll_y == column.max_scroll_y - page
        await pilot.press("home")
        await pilot.pause()
        assert column.scroll_y == 0


async def test_scroll_sync_keeps_the_counterpart_in_view_and_toggles(reader: Reader) -> None:
    app = reader()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, PairScreen)
        left, right = screen.left, screen.right
        left.scroll_end(animate=False)
        await pilot.pause()
        await pilot.pause()
        # The first aligned passage visible on the left has its counterpart visible on the right.
        visible_left = {v.passage.id for v in left.visible_views()}
        visible_right = {v.passage.id for v in right.visible_views()}
        assert "planet:5" in visible_left and "bugle:4" in visible_right
        await pilot.press("s")
        assert not screen.sync_scroll and "sync off" in status(app)
        right.scroll_home(animate=False)
        await pilot.pause()
        left.scroll_to(y=left.max_scroll_y - 1, animate=False)
        await pilot.pause()
        await pilot.pause()
        assert right.scroll_y == 0


async def test_digits_pick_the_article_of_the_active_column(reader: Reader) -> None:
    app = reader()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, PairScreen)
        await pilot.press("3")
        assert app.selection.left == "gazette" and screen.left.article is not None
        assert screen.left.article.outlet == "Gazette"
        await pilot.press("tab", "1")
        assert (app.selection.left, app.selection.right) == ("gazette", "planet")
        await pilot.press("3")  # already on the left: the columns swap
        assert (app.selection.left, app.selection.right) == ("planet", "gazette")
        await pilot.press("9")
        assert "there is no article 9" in status(app)


async def test_e_opens_the_event_view_and_lists_missing_outlets(reader: Reader) -> None:
    app = reader()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n", "n", "n", "e")
        assert isinstance(app.screen, EventScreen)
        assert app.screen.group_id == "g4"
        missing = str(app.screen.query_one(".missing").visual)  # type: ignore[attr-defined]
        assert missing == "Omitted by: Gazette"  # no dates: every article is of one moment
        blocks = [str(s.visual) for s in app.screen.query(".event-block")]  # type: ignore[attr-defined]
        assert [b.splitlines()[0] for b in blocks] == [
            "Daily Planet  article 1",
            "The Bugle  article 2",
        ]
        assert blocks[1].splitlines()[1].startswith('¶4 Armed groups have launched "a wave')
        assert "event 4/4" in status(app) and "2 name · 1 quote" in status(app)
        await pilot.press("p")
        assert app.screen.group_id == "g3"
        assert len(app.screen.query(".event-block")) == 3
        assert left_passage(app) == "planet:4"  # the pair view follows the event
        await pilot.press("escape")
        assert isinstance(app.screen, PairScreen)


async def test_o_opens_the_overview_and_enter_jumps_to_the_event(reader: Reader) -> None:
    app = reader()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("o")
        assert isinstance(app.screen, OverviewScreen)
        grid = app.screen.grid
        assert grid.row_count == 4 and grid.column_count == 3
        assert grid.cell_text(3, 2) == "— omits"
        assert grid.cell_text(1, 0) == "● ¶3"
        await pilot.press("j", "down", "k")
        assert grid.cursor_row == 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EventScreen) and app.screen.group_id == "g2"
        assert left_passage(app) == "planet:3"
        await pilot.press("escape")  # back where the event was opened from
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, PairScreen)
        assert len(app.screen_stack) == 1


async def test_clicking_an_overview_row_twice_opens_its_event(reader: Reader) -> None:
    app = reader()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        grid = app.screen.grid
        await pilot.click(grid, offset=(5, 3))  # header row, then rows 1, 2, 3
        assert grid.cursor_row == 2 and isinstance(app.screen, OverviewScreen)
        await pilot.click(grid, offset=(5, 3))
        await pilot.pause()
        assert isinstance(app.screen, EventScreen) and app.screen.group_id == "g3"


async def test_slash_searches_and_enter_jumps_to_the_next_match(reader: Reader) -> None:
    app = reader()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, PairScreen)
        await pilot.press("slash")
        box = screen.query_one("#search", Input)
        assert box.display and app.focused is box
        await pilot.press(*"MINISTER")
        assert screen.left.views["planet:4"].has_class("-match")
        assert left_passage(app) == "planet:4"  # its pair is selected
        await pilot.press("enter")
        assert screen.right.views["bugle:3"].has_class("-match")
        assert not screen.left.views["planet:4"].has_class("-match")
        await pilot.press("escape")
        assert not box.display and app.focused is None
        await pilot.press("slash", *"zzz")
        assert "no match for 'zzz'" in status(app)


async def test_question_mark_lists_every_binding_id(reader: Reader) -> None:
    from newscompare.app.keys import binding_ids

    app = reader()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-table")
        rows = [table.get_row_at(i) for i in range(table.row_count)]  # type: ignore[attr-defined]
        ids = {str(row[2]) for row in rows if str(row[0])}  # scope headings have no keys
        assert ids == binding_ids()
        headings = [str(row[1]) for row in rows if not str(row[0])]
        assert headings[:3] == ["everywhere", "pair view", "event view"]
        legend = str(app.screen.query_one("#help-legend").visual)  # type: ignore[attr-defined]
        for kind in ("number", "date", "name", "quote", "attribution", "wording", "only", "▶"):
            assert kind in legend
        problems = str(app.screen.query_one("#help-problems").visual)  # type: ignore[attr-defined]
        assert "/stories/troops/broken.html: not UTF-8 text" in problems
        await pilot.press("escape")
        assert isinstance(app.screen, PairScreen)


async def test_q_quits(reader: Reader) -> None:
    app = reader()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("o", "q")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_clicking_a_passage_selects_its_pair(reader: Reader) -> None:
    app = reader()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, PairScreen)
        view = screen.right.views["bugle:3"]
        await pilot.pause()  # let the columns lay out before aiming the mouse
        assert await pilot.click(screen.right, offset=screen.right.offset_of("bugle:3", 9))
        assert app.selection.pair is not None
        assert {app.selection.pair.a, app.selection.pair.b} == {"planet:4", "bugle:3"}
        assert view.has_class("-current")
        assert await pilot.click(screen.left, offset=screen.left.offset_of("planet:6", 9))
        assert "only this outlet reports that passage" in status(app)
        assert {app.selection.pair.a, app.selection.pair.b} == {"planet:4", "bugle:3"}


async def test_text_selected_in_a_column_is_the_text_drawn(reader: Reader) -> None:
    app = reader()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PairScreen)
        column = screen.right
        view = column.views["bugle:3"]
        start = Offset(GUTTER_WIDTH, view.y)
        screen.selections = {column: Selection(start, start + Offset(12, 0))}
        await pilot.pause()
        assert screen.get_selected_text() == view.passage.text[:12]
        selected = column.render_line(view.y - column.scroll_offset.y)
        highlight = screen.get_component_rich_style("screen--selection")
        styled = "".join(
            seg.text
            for seg in selected
            if seg.style and highlight.bgcolor and seg.style.bgcolor == highlight.bgcolor
        )
        assert styled == view.passage.text[:12]
        everything, _ = column.get_selection(Selection(None, None)) or ("", "")
        for passage_id, shown in column.views.items():
            assert shown.passage.text.split()[0] in everything, passage_id


async def test_columns_stack_below_100_columns(reader: Reader) -> None:
    app = reader()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the breakpoint class is set, then the layout follows
        screen = app.screen
        assert isinstance(screen, PairScreen) and screen.has_class("-narrow")
        assert screen.right.region.y > screen.left.region.y
        assert screen.right.region.width == screen.left.region.width == 80
        await pilot.resize_terminal(140, 40)
        await pilot.pause()
        assert screen.has_class("-wide")
        assert screen.right.region.x > screen.left.region.x
        assert isinstance(screen.left, PassageColumn)


async def test_mouse_wheel_scrolls_a_column_and_makes_it_active(reader: Reader) -> None:
    app = reader(large_story(articles=3))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PairScreen)
        # Pilot has no wheel helper; its mouse-event poster is private but Textual is pinned.
        for _ in range(4):
            await pilot._post_mouse_events([MouseScrollDown], screen.right, offset=(10, 3))
        await pilot.pause()
        assert screen.active_column is screen.right
        assert screen.right.scroll_y > 0
        # Sync follows the column being read: its first aligned passage's counterpart shows.
        first = screen.right.visible_views()[0].passage.id
        counterpart = "a000:" + first.split(":")[1]
        assert counterpart in {v.passage.id for v in screen.left.visible_views()}


async def test_stepping_pairs_keeps_both_current_passages_in_view(reader: Reader) -> None:
    app = reader(large_story(articles=3))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PairScreen)
        for _ in range(12):
            await pilot.press("n")
            await pilot.pause()
            left_id, right_id = (v.passage.id for v in screen._current)
            assert left_id in {v.passage.id for v in screen.left.visible_views(full=True)}
            assert right_id in {v.passage.id for v in screen.right.visible_views(full=True)}


async def test_switching_articles_leaves_one_current_marker_per_column(reader: Reader) -> None:
    """The column that keeps its article drops the old pair's marker when the other column
    changes article (two markers showed after switching)."""
    app = reader()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        screen = app.screen
        assert isinstance(screen, PairScreen)
        await pilot.press("tab", "3")  # the right column shows article 3
        await pilot.pause()
        for column in (screen.left, screen.right):
            marked = [pid for pid, view in column.views.items() if view.has_class("-current")]
            assert len(marked) <= 1, (column.side, marked)
        assert app.selection.pair is not None
        left, right = app.selection.left, app.selection.right
        current = {
            pid
            for c in (screen.left, screen.right)
            for pid, v in c.views.items()
            if v.has_class("-current")
        }
        assert {app.navigator.article_of(pid) for pid in current} == {left, right}  # type: ignore[union-attr]
