"""The annotation form and the annotations screen, driven with Pilot in a tiny host app."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static, TextArea

from newscompare.app.render import display_text
from newscompare.app.screens.annotation_form import NO_LABEL, AnnotationForm
from newscompare.app.screens.annotations import AnnotationsScreen, ConfirmDelete, Row
from newscompare.core.annotations.records import AnnotationInput, new_annotation, passage_ref
from newscompare.core.annotations.store import AnnotationStore
from newscompare.core.model.index import StoryIndex
from newscompare.core.model.story import Story
from test_anchoring import RFERL, RUDAW, sentences
from test_annotations import article, record

LABELS = ("agrees", "contradicts", "adds detail", "omits", "framing", "other")
MARKUP = "[bold red]not markup[/] \x1b[31m$text"


class FormHost(App[None]):
    """Opens one form and keeps what it returned."""

    def __init__(self, form: AnnotationForm) -> None:
        super().__init__()
        self.form = form
        self.results: list[AnnotationInput | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.form, self.results.append)


def form(initial: AnnotationInput | None = None, **options: bool) -> AnnotationForm:
    return AnnotationForm(
        "Rudaw", MARKUP, "RFE/RL", "About 3,000 US soldiers.", LABELS, initial, **options
    )  # type: ignore[arg-type]


def text_of(screen: Screen[object], selector: str) -> str:
    content = screen.query_one(selector, Static).content
    assert isinstance(content, Content)
    return content.plain


async def test_form_shows_both_passages_as_literal_text() -> None:
    app = FormHost(form())
    async with app.run_test() as pilot:
        await pilot.pause()
        assert text_of(app.screen, "#annotation-text-a") == "[bold red]not markup[/] ␛[31m$text"
        assert text_of(app.screen, "#annotation-text-a") == display_text(MARKUP)
        assert text_of(app.screen, "#annotation-text-a").startswith("[bold red]not markup[/] ")
        assert text_of(app.screen, "#annotation-text-b") == "About 3,000 US soldiers."


async def test_form_returns_the_chosen_label_and_a_multi_line_note() -> None:
    app = FormHost(form())
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(*"first", "enter", *"second")  # enter in the note: a new line
        await pilot.press("tab")
        await pilot.press("down", "down", "down", "enter")  # the labels: on to "omits"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [AnnotationInput("omits", "first\nsecond")]


async def test_form_escape_cancels() -> None:
    app = FormHost(form())
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(*"lost on purpose", "escape")
        await pilot.pause()
    assert app.results == [None]


async def test_form_edits_keep_the_initial_values_and_an_unlisted_label() -> None:
    app = FormHost(form(AnnotationInput("retracted", "old note")))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.form.choices[-1] == "retracted"
        await pilot.click("#annotation-save")
        await pilot.pause()
    assert app.results == [AnnotationInput("retracted", "old note")]


async def test_form_for_links_allows_no_label() -> None:
    app = FormHost(form(label_optional=True))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.form.choices[0] == NO_LABEL
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [AnnotationInput("", "")]


# --- the annotations screen ----------------------------------------------------------------------


def story_index() -> StoryIndex:
    arts = (article("rudaw", RUDAW, "Rudaw"), article("rferl", RFERL, "RFE/RL"))
    passages = tuple(p for a in arts for p in sentences(a))
    return StoryIndex(Story(articles=arts, passages=passages))


def filled_store(path: Path, index: StoryIndex) -> AnnotationStore:
    store = AnnotationStore.open(path)
    p = index.passages
    rudaw, rferl = index.articles["rudaw"], index.articles["rferl"]
    store.add(
        new_annotation(
            "note",
            passage_ref(rudaw, p["rudaw:3"]),
            passage_ref(rferl, p["rferl:2"]),
            "contradicts",
            MARKUP,
        )
    )
    store.add(
        new_annotation("link", passage_ref(rudaw, p["rudaw:1"]), passage_ref(rferl, p["rferl:1"]))
    )
    store.add(record(9, label="framing"))  # articles "one"/"two" are not in the story: orphan
    return store


class ScreenHost(App[None]):
    def __init__(self, store: AnnotationStore, index: StoryIndex | None) -> None:
        super().__init__()
        self.store = store
        self.index = index
        self.jumps: list[tuple[str, str, str]] = []

    def on_mount(self) -> None:
        self.push_screen(AnnotationsScreen(self.store, self.index, LABELS))

    def on_annotations_screen_jump_to_pair(self, message: AnnotationsScreen.JumpToPair) -> None:
        self.jumps.append((message.passage_a, message.passage_b, message.record_id))


def table(app: App[None]) -> DataTable[object]:
    return app.screen.query_one(DataTable)


async def test_screen_lists_records_and_marks_orphans(tmp_path: Path) -> None:
    index = story_index()
    app = ScreenHost(filled_store(tmp_path / "a.yaml", index), index)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnnotationsScreen)
        assert table(app).row_count == 3
        assert [row.orphan for row in screen.rows] == [False, False, True]
        last = [str(cell) for cell in table(app).get_row_at(2)]
        assert last[1] == "framing" and last[0] == "orphan"
        first = [str(cell) for cell in table(app).get_row_at(0)]
        assert first[0] == "" and first[3] == "Rudaw ↔ RFE/RL"
        assert first[6] == "[bold red]not markup[/]…"  # literal text, not markup
        assert "1 orphaned" in text_of(screen, "#annotations-title")


async def test_screen_filters_by_label_or_outlet(tmp_path: Path) -> None:
    index = story_index()
    app = ScreenHost(filled_store(tmp_path / "a.yaml", index), index)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"contra")
        await pilot.pause()
        assert table(app).row_count == 1
        app.screen.query_one(Input).value = "rfe/rl"
        await pilot.pause()
        assert table(app).row_count == 2
        app.screen.query_one(Input).value = "orphan"
        await pilot.pause()
        assert table(app).row_count == 1
        await pilot.press("escape")  # clears the filter first
        await pilot.pause()
        assert table(app).row_count == 3 and isinstance(app.screen, AnnotationsScreen)


async def test_enter_jumps_to_the_pair_and_orphans_say_why_not(tmp_path: Path) -> None:
    index = story_index()
    store = filled_store(tmp_path / "a.yaml", index)
    app = ScreenHost(store, index)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.jumps == [("rudaw:3", "rferl:2", store.records[0].id)]
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert len(app.jumps) == 1
        assert any("orphan" in n.message for n in app._notifications)


async def test_edit_saves_to_the_file_at_once(tmp_path: Path) -> None:
    index = story_index()
    path = tmp_path / "a.yaml"
    store = filled_store(path, index)
    app = ScreenHost(store, index)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, AnnotationForm)
        await pilot.press("end", *" (checked)", "tab", "up", "enter", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AnnotationsScreen)
        assert str(table(app).get_row_at(0)[1]) == "agrees"
    saved = AnnotationStore.open(path).records[0]
    # The note was shown (and so edited) with its escape character as a visible symbol.
    assert saved.label == "agrees" and saved.note == display_text(MARKUP) + " (checked)"


async def test_delete_asks_first(tmp_path: Path) -> None:
    index = story_index()
    path = tmp_path / "a.yaml"
    store = filled_store(path, index)
    first_id = store.records[0].id
    app = ScreenHost(store, index)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDelete)
        await pilot.press("n")
        await pilot.pause()
        assert len(AnnotationStore.open(path).records) == 3
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert table(app).row_count == 2
    assert first_id not in {r.id for r in AnnotationStore.open(path).records}


async def test_read_only_store_is_shown_and_never_written(tmp_path: Path) -> None:
    path = tmp_path / "annotations.yaml"
    path.write_bytes(b"schema: [broken\n")
    store = AnnotationStore.open(path)
    app = ScreenHost(store, None)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        warning = text_of(app.screen, "#annotations-warning")
        assert warning.startswith("Read-only: ") and "annotations.yaml: line" in warning
        await pilot.press("e", "d")
        await pilot.pause()
        assert isinstance(app.screen, AnnotationsScreen)
    assert path.read_bytes() == b"schema: [broken\n"


async def test_without_a_story_records_are_listed_but_not_called_orphans(tmp_path: Path) -> None:
    store = filled_store(tmp_path / "a.yaml", story_index())
    app = ScreenHost(store, None)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        assert table(app).row_count == 3
        assert "orphaned" not in text_of(app.screen, "#annotations-title")
        assert all(str(table(app).get_row_at(i)[0]) == "" for i in range(3))
        await pilot.press("enter")
        await pilot.pause()
        assert app.jumps == []


def test_row_filter_needs_every_word() -> None:
    row = Row(record(1, label="adds detail"), None)
    assert row.matches("adds") and row.matches("DETAIL one") and row.matches("orphan")
    assert not row.matches("adds contradicts")
    assert not Row(record(1), None, checked=False).matches("orphan")


async def test_form_starts_in_the_note_with_no_label_chosen() -> None:
    """Typed text goes into the note at once; saving without choosing a label keeps none."""
    app = FormHost(form())
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.focused, TextArea)
        assert app.form.current.label == ""
        await pilot.press(*"checked with the ministry", "ctrl+s")
        await pilot.pause()
    assert app.results == [AnnotationInput("", "checked with the ministry")]


async def test_an_unchanged_note_with_a_control_character_is_kept_as_saved() -> None:
    app = FormHost(form(AnnotationInput(label="agrees", note=MARKUP)))
    async with app.run_test() as pilot:
        await pilot.pause()
        shown = app.screen.query_one(TextArea).text
        assert "\x1b" not in shown and "␛" in shown  # shown safely ...
        assert app.screen.current.note == MARKUP  # ... and saved unchanged when not edited
