"""Issue 16.3 and 16.4: the outlet list (g) reaches any article; the explain panel (i) shows the
current pair in full; the footer fits 80 columns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from app_fixtures import troops_story
from conftest import screen_text
from newscompare.app.app import NewsCompareApp
from newscompare.app.screens.outlet_picker import OutletPicker
from newscompare.app.screens.pair import PairScreen
from newscompare.core.model.story import Article

Reader = Callable[..., NewsCompareApp]


async def test_g_lists_every_article_and_shows_the_choice_in_the_active_column(
    reader: Reader,
) -> None:
    app = reader()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, OutletPicker)
        options = app.screen.query_one("#picker-list")
        assert options.option_count == 3  # type: ignore[attr-defined]
        await pilot.press(*"gazette", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PairScreen)
        assert app.selection.left == "gazette"  # the left column is active at start
        await pilot.press("tab", "g", *"planet", "enter")
        await pilot.pause()
        assert app.selection.right == "planet"


async def test_the_picker_reaches_article_twelve_of_a_twelve_article_story(
    reader: Reader,
) -> None:
    base = troops_story()
    extra = tuple(
        replace(base.articles[0], id=f"x{n:02}", outlet=f"Outlet {n:02}", path=f"/s/x{n}.md")
        for n in range(4, 13)
    )
    story = replace(base, articles=base.articles + extra, problems=())
    app = reader(story)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("pagedown", "pagedown", "enter")  # the list scrolls to the last one
        await pilot.pause()
        assert app.selection.left == "x12"
        assert "12/12 Outlet 12" in screen_text(app)


async def test_i_explains_the_current_pair_with_both_values(reader: Reader) -> None:
    app = reader()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")  # planet:3 <-> bugle:2: 2,500 vs 3,000 troops
        await pilot.press("i")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PairScreen)
        text = screen.explain_panel.text
        assert "score 0.88" in text and "paraphrase" in text
        assert "Daily Planet: 2,500" in text and "The Bugle: 3,000" in text
        assert "shared words:" in text and "ministry" in text
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "▶" in screen.explain_panel.text
        await pilot.press("i")
        assert not screen.explain_panel.display


async def test_the_footer_fits_80_columns_with_the_keys_that_matter(reader: Reader) -> None:
    app = reader(replace(troops_story(), problems=()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        for shown in (
            "Pair",
            "Diff",
            "Note",
            "Explain",
            "Outlets",
            "Event",
            "Overview",
            "Help",
            "Quit",
        ):
            assert shown in footer, footer


def test_article_line_shows_outlet_date_title_byline_and_url() -> None:
    from newscompare.app.screens.outlet_picker import article_line

    article = Article(
        "a",
        "saved.html",
        "Rudaw",
        "Troops",
        "text",
        "2024-01-05",
        "https://example.org/a",
        (("author", "Jane Doe"),),
    )
    line = article_line(7, article).plain
    assert line.splitlines()[0] == "  7  Rudaw · 2024-01-05 · Troops"
    assert "Jane Doe · https://example.org/a" in line


async def test_search_covers_every_article_and_jumps_to_the_match(reader: Reader) -> None:
    """'described' is only in the Gazette, which is not shown: the search shows it in the
    other column with the match in view."""
    app = reader()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert "gazette" not in (app.selection.left, app.selection.right)
        await pilot.press("slash", *"described", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PairScreen)
        assert app.selection.right == "gazette"
        view = screen.right.views["gazette:3"]
        assert view.has_class("-match") and view in screen.right.visible_views()
        assert "match in Gazette (article 3)" in screen.query_one("StatusLine").summary  # type: ignore[attr-defined]


async def test_u_copies_the_url_and_opens_it_in_the_browser(
    reader: Reader, monkeypatch: object
) -> None:
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)  # type: ignore[attr-defined]
    base = troops_story()
    first = replace(base.articles[0], url="https://example.org/planet")
    app = reader(replace(base, articles=(first, *base.articles[1:])))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("u")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert opened == ["https://example.org/planet"]
        assert app.clipboard == "https://example.org/planet"
        await pilot.press("tab", "u")  # the Bugle was read from a file: no URL
        await pilot.pause()
        assert "no URL" in app.screen.query_one("StatusLine").summary  # type: ignore[attr-defined]
        assert len(opened) == 1


def test_a_saved_page_gets_its_canonical_url_and_byline(tmp_path: object) -> None:
    """Saved HTML: the URL from ``<link rel="canonical">``/``og:url``, the author as byline;
    both reach the outlet list's line."""
    from pathlib import Path

    from conftest import reader_config
    from newscompare.app.screens.outlet_picker import article_byline, article_line, article_url
    from newscompare.core.pipeline import build_story

    folder = Path(str(tmp_path))
    body = (
        "<p>Iraq's foreign ministry said on Thursday that 2,500 US troops will leave by "
        "September 2025, in a statement issued in Baghdad.</p><p>The minister called the "
        "talks a success and said more meetings would follow next month in Washington.</p>"
    )
    for n in (1, 2):
        (folder / f"page{n}.html").write_text(
            f'<html><head><title>Troops {n}</title><link rel="canonical" '
            f'href="https://news{n}.example.org/troops"><meta name="author" content="Jane Doe">'
            f"</head><body><article><h1>Troops {n}</h1>{body}</article></body></html>",
            encoding="utf-8",
        )
    story = build_story([str(folder)], reader_config().settings)
    urls = sorted(article_url(a) for a in story.articles)
    assert urls == ["https://news1.example.org/troops", "https://news2.example.org/troops"]
    assert {article_byline(a) for a in story.articles} == {"Jane Doe"}
    assert "Jane Doe · https://news" in article_line(1, story.articles[0]).plain


async def test_n_at_the_last_pair_offers_the_next_article_and_n_again_goes(
    reader: Reader,
) -> None:
    app = reader()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n", "n", "n")  # planet and bugle: pair 4/4
        assert app.selection.right == "bugle"
        await pilot.press("n")
        summary = app.screen.query_one("StatusLine").summary  # type: ignore[attr-defined]
        assert "last aligned pair · n again: Gazette (article 3" in summary
        assert app.selection.right == "bugle"
        await pilot.press("n")
        assert app.selection.right == "gazette" and app.selection.pair is not None
        assert app.selection.left == "planet"


async def test_sixty_outlets_scroll_in_the_overview_and_the_event_view(reader: Reader) -> None:
    from app_fixtures import large_story
    from newscompare.app.screens.event import EventScreen
    from newscompare.app.screens.overview import OverviewScreen

    app = reader(large_story(articles=64, passages=5))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        grid = app.screen.grid
        assert grid.column_count == 64
        before = screen_text(app)
        for _ in range(70):
            await pilot.press("right")
        await pilot.pause()
        assert "Outlet 63" in screen_text(app) and screen_text(app) != before
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EventScreen)
        body = app.screen.query_one("#event-body")
        assert len(app.screen.query(".event-block")) == 64
        await pilot.press("end")
        for _ in range(400):
            await pilot.press("down")
        await pilot.pause()
        assert body.scroll_y > 0 and body.scroll_y == body.max_scroll_y  # type: ignore[attr-defined]
        assert "Outlet 63" in screen_text(app)


async def test_one_article_says_two_are_needed_and_none_exits_2(reader: Reader) -> None:
    base = troops_story()
    one = replace(
        base,
        articles=base.articles[:1],
        passages=tuple(p for p in base.passages if p.article == "planet"),
        problems=(),
    )
    app = reader(one)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.sub_title == "1 article"
        summary = app.screen.query_one("StatusLine").summary  # type: ignore[attr-defined]
        assert "only one article" in summary and "two or more outlets" in summary
    none = replace(one, articles=(), passages=(), problems=base.problems)
    app = reader(none)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert app.return_code == 2


def test_help_lists_subcommands_and_every_option_says_its_default() -> None:
    import io
    from contextlib import redirect_stdout

    import pytest

    from newscompare.cli import main

    for argv in (["--help"], ["align", "--help"], ["export", "--help"]):
        out = io.StringIO()
        with redirect_stdout(out), pytest.raises(SystemExit):
            main(argv)
        text = out.getvalue()
        if argv == ["--help"]:
            assert "subcommands: align" in text and "export" in text
        options = text.split("options:")[1].split("examples:")[0]
        for block in options.split("\n  -")[1:]:
            if block.startswith(("h,", "-help", "-version", "-no-annotations")):
                continue
            assert "default" in " ".join(block.split()), (argv, block)
