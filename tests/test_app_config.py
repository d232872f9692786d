"""Key remaps from config.yaml, the command palette, themes and NO_COLOR."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.color import Color

from app_fixtures import troops_story
from conftest import reader_config
from newscompare.app.app import NewsCompareApp, make_app
from newscompare.app.screens.help import HelpScreen
from newscompare.app.screens.pair import PairScreen
from newscompare.app.widgets.status import StatusLine

Reader = Callable[..., NewsCompareApp]


async def test_keys_from_config_remap_bindings_and_unknown_ids_are_warned(
    reader: Reader,
) -> None:
    app = reader(keys={"next_pair": "m,ctrl+n", "overview": "O", "not_a_binding": "x"})
    warnings: list[str] = []
    original = app.notify

    def record(message: str, **kwargs: Any) -> None:
        warnings.append(message)
        original(message, **kwargs)

    app.notify = record  # type: ignore[method-assign]
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert any("'not_a_binding'" in w for w in warnings)
        first = app.selection.pair
        await pilot.press("n")  # no longer bound
        assert app.selection.pair == first
        await pilot.press("m")
        assert app.selection.pair != first
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-table")
        rows = [table.get_row_at(i) for i in range(table.row_count)]  # type: ignore[attr-defined]
        keys_of = {str(r[2]): str(r[0]) for r in rows}
        assert keys_of["next_pair"] == "m ^n"
        assert keys_of["overview"] == "O"
        await pilot.press("escape")
        await pilot.press("O")
        assert app.screen.id == "overview"


async def test_command_palette_runs_reader_actions(reader: Reader) -> None:
    app = reader()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"next divergence")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PairScreen)
        assert app.selection.divergence == 0
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"show in left column: gazette")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.selection.left == "gazette"


async def test_no_color_keeps_divergences_distinct_without_colour(monkeypatch: Any) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(troops_story(), config=reader_config())
    async with app.run_test(size=(120, 36)) as pilot:
        assert app.no_color
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PairScreen)
        lines = screen.left.rendered_lines("planet:3")
        segments = [seg for line in lines for seg in line]
        styles = {seg.text: seg.style for seg in segments if seg.text == "2,500"}
        styles["ministry"] = next(seg.style for seg in segments if "ministry" in seg.text)
        number = styles["2,500"]
        assert number is not None and number.bold and number.underline
        plain_word = styles["ministry"]
        assert plain_word is not None and not plain_word.bold and not plain_word.underline
        for style in (number, plain_word):  # every colour is grey: no hue carries meaning
            for colour in (style.color, style.bgcolor):
                if colour is not None and colour.triplet is not None:
                    r, g, b = colour.triplet
                    assert r == g == b


async def test_themes_restyle_the_highlights() -> None:
    app = make_app(troops_story(), config=reader_config())
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PairScreen)

        def colour_of_number() -> Color:
            lines = screen.left.rendered_lines("planet:3")
            style = next(seg.style for line in lines for seg in line if seg.text == "2,500")
            assert style is not None and style.bgcolor is not None
            return Color.from_rich_color(style.bgcolor)

        dark = colour_of_number()
        app.theme = "textual-light"
        await pilot.pause()
        assert colour_of_number() != dark
        assert screen.query_one(StatusLine).summary


def test_config_yaml_documents_every_binding_id() -> None:
    from pathlib import Path

    from newscompare.app.keys import binding_ids

    text = (Path(__file__).resolve().parent.parent / "config.yaml").read_text(encoding="utf-8")
    section = text[text.index("# Key remaps for the reader") :]
    documented = {i for i in binding_ids() if f"{i}:" in section}
    documented |= {f"article_{n}" for n in range(1, 10) if "article_1 .. article_9" in section}
    assert documented == binding_ids()


async def test_palette_hints_show_the_keys_in_force_after_a_remap(reader: Reader) -> None:
    """The palette's hint for an action is built from the key table, so a ``keys:`` remap in
    config.yaml shows the remapped key (not the default one)."""
    from textual.command import CommandList

    from newscompare.app.commands import READER_COMMANDS, command_hint

    app = reader(keys={"next_pair": "m", "overview": "O"})
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"next aligned pair")
        await pilot.pause(0.3)
        options = app.screen.query_one(CommandList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        hit = next(p for p in prompts if p.startswith("Next aligned pair"))
        assert hit.splitlines()[1].strip() == "m"
        by_title = {c.title: c for c in READER_COMMANDS}
        assert command_hint(app, by_title["Overview"]) == "O: events by outlets"
        assert command_hint(app, by_title["Previous aligned pair"]) == "p"


async def test_the_chosen_theme_is_kept_for_the_next_run(reader: Reader) -> None:
    from newscompare.app.reader_state_file import load_state, state_path

    first = reader()
    async with first.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        first.theme = "textual-light"
        await pilot.pause()
    assert load_state() == {"theme": "textual-light"}
    assert state_path().read_text(encoding="utf-8").strip() == "theme: textual-light"
    second = reader()
    async with second.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert second.theme == "textual-light"


async def test_a_broken_state_file_is_ignored(reader: Reader) -> None:
    from newscompare.app.reader_state_file import state_path

    path = state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("theme: [unclosed\n", encoding="utf-8")
    app = reader()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark" and app.is_running
