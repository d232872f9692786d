"""Annotations in the reader (Pilot): ``a`` notes, ``l`` links, ``x`` rejects, ``A`` lists, and
the palette exports; every change is in the file at once and survives a restart."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from textual.widgets import DataTable, Input

from app_fixtures import troops_story
from conftest import wait_for_workers
from newscompare.app.app import NewsCompareApp, Pipeline
from newscompare.app.screens.annotation_form import AnnotationForm
from newscompare.app.screens.annotations import AnnotationsScreen, ConfirmDelete
from newscompare.app.screens.help import HelpScreen
from newscompare.app.screens.pair import PairScreen
from newscompare.app.widgets.status import StatusLine
from newscompare.core.annotations.records import Annotation, record_for_pair
from newscompare.core.annotations.store import AnnotationStore
from newscompare.core.model.story import Alignment, Story

Reader = Callable[..., NewsCompareApp]
SIZE = (120, 36)
CORRUPT = b"schema: newscompare.annotations/1\nrecords: [ {id: 1, kind: nope\n"


def status(app: NewsCompareApp) -> str:
    return app.screen.query_one(StatusLine).summary


def pair_set(story: Story | None) -> set[frozenset[str]]:
    assert story is not None
    return {frozenset((p.a, p.b)) for p in story.alignment.pairs}


def current(app: NewsCompareApp) -> frozenset[str] | None:
    pair = app.selection.pair
    return None if pair is None else frozenset((pair.a, pair.b))


def saved(path: Path) -> tuple[Annotation, ...]:
    store = AnnotationStore.open(path)
    assert not store.read_only, store.error
    return store.records


def record_notes(app: NewsCompareApp) -> list[tuple[str, str]]:
    """(message, severity) of every notification the app shows from now on."""
    seen: list[tuple[str, str]] = []
    original = app.notify

    def record(message: str, **kwargs: Any) -> None:
        seen.append((message, str(kwargs.get("severity", "information"))))
        original(message, **kwargs)

    app.notify = record  # type: ignore[method-assign]
    return seen


def seed(path: Path, *records: tuple[str, str, str, str, str]) -> None:
    """Save records (kind, passage a, passage b, label, note) on the troops story."""
    story = troops_story()
    articles = {a.id: a for a in story.articles}
    passages = {p.id: p for p in story.passages}
    store = AnnotationStore.open(path)
    for kind, a, b, label, note in records:
        store.add(record_for_pair(kind, articles, passages, a, b, label, note))  # type: ignore[arg-type]


def edited(passage_id: str, new_text: str) -> Story:
    """The troops story after its author rewrote one passage (padded to the same length, so
    every other passage keeps its offsets)."""
    story = troops_story()
    old = next(p for p in story.passages if p.id == passage_id)
    text = new_text.ljust(len(old.text), ".")[: len(old.text)]
    articles = tuple(
        replace(a, text=a.text[: old.start] + text + a.text[old.end :])
        if a.id == old.article
        else a
        for a in story.articles
    )
    passages = tuple(replace(p, text=text) if p.id == passage_id else p for p in story.passages)
    return replace(story, articles=articles, passages=passages)


async def test_a_saves_label_and_note_at_once_and_marks_the_pair(
    reader: Reader, tmp_path: Path
) -> None:
    path = tmp_path / "annotations.yaml"
    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")  # planet:3 <-> bugle:2
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AnnotationForm)
        await pilot.press(*"2,500 vs 3,000", "tab", "down", "enter", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PairScreen)
        (record,) = saved(path)  # on disk before anything else happens
        assert (record.kind, record.label, record.note) == ("note", "contradicts", "2,500 vs 3,000")
        assert record.a.article_id == "planet" and record.b.article_id == "bugle"
        assert record.a.text.startswith("Iraq's foreign ministry said on Thursday")
        assert "contradicts: 2,500 vs 3,000" in status(app)
        assert current(app) == frozenset({"planet:3", "bugle:2"})
        # ``a`` again edits the same note, pre-filled.
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AnnotationForm)
        assert form.current.label == "contradicts" and form.current.note == "2,500 vs 3,000"
        await pilot.press("tab", "down", "enter", "ctrl+s")
        await pilot.pause()
    (record,) = saved(path)
    assert record.label == "adds detail" and record.note == "2,500 vs 3,000"


async def test_a_cancelled_saves_nothing(reader: Reader, tmp_path: Path) -> None:
    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"never mind", "escape")
        await pilot.pause()
        assert isinstance(app.screen, PairScreen)
    assert not (tmp_path / "annotations.yaml").exists()


async def test_reader_keys_are_off_while_the_form_is_open(reader: Reader) -> None:
    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("o", "q", "e", "A")  # the note has focus: none of these may act
        await pilot.pause()
        assert isinstance(app.screen, AnnotationForm)
        assert app.is_running


async def test_x_hides_the_pair_at_once_and_saves_a_rejection(
    reader: Reader, tmp_path: Path
) -> None:
    app = reader()
    seen = record_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        rejected = current(app)
        assert rejected == frozenset({"planet:3", "bugle:2"})
        await pilot.press("x")
        await pilot.pause()
        assert rejected not in pair_set(app.story)
        assert current(app) == frozenset({"planet:4", "bugle:3"})  # the next pair is shown
        assert "pair 2/3" in status(app)
        assert any("undo" in message for message, _ in seen)
    (record,) = saved(tmp_path / "annotations.yaml")
    assert record.kind == "reject"
    assert {record.a.article_id, record.b.article_id} == {"planet", "bugle"}


async def test_rejection_survives_a_restart_and_a_realign(reader: Reader, tmp_path: Path) -> None:
    first = reader()
    async with first.run_test(size=SIZE) as pilot:
        await pilot.press("n", "x")
        await pilot.pause()
    engine = Pipeline(build=lambda *args, **kwargs: troops_story())
    second = reader(pipeline=engine, story=troops_story())
    async with second.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert frozenset({"planet:3", "bugle:2"}) not in pair_set(second.story)
        await pilot.press("minus")  # re-align: the engine proposes the pair again
        await wait_for_workers(pilot)
        assert second.threshold < 0.5
        assert frozenset({"planet:3", "bugle:2"}) not in pair_set(second.story)
        assert frozenset({"planet:4", "bugle:3"}) in pair_set(second.story)


async def test_l_links_two_passages_picked_by_keyboard(reader: Reader, tmp_path: Path) -> None:
    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert frozenset({"planet:6", "bugle:5"}) not in pair_set(app.story)
        await pilot.press("l")
        screen = app.screen
        assert isinstance(screen, PairScreen)
        assert "link: pick the passage in the other column" in status(app)
        assert screen.link_picker.picks == {"left": "planet:1", "right": "bugle:1"}
        await pilot.press("down", "down", "down", "down")  # the right column is active
        await pilot.press("tab", "down", "down", "down", "down", "down")
        assert screen.link_picker.ends() == ("planet:6", "bugle:5")
        assert screen.left.views["planet:6"].has_class("-link-end")
        await pilot.press("l")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AnnotationForm)
        assert form.text_a.startswith("A military parade") and form.text_b.startswith("Oil")
        await pilot.press("ctrl+s")  # label optional: none is chosen until the user picks one
        await pilot.pause()
        assert frozenset({"planet:6", "bugle:5"}) in pair_set(app.story)
        assert current(app) == frozenset({"planet:6", "bugle:5"})
        assert "score 1.00" in status(app) and "linked by you" in status(app)
        assert not screen.left.views["planet:6"].has_class("-link-end")
    (record,) = saved(tmp_path / "annotations.yaml")
    assert (record.kind, record.label) == ("link", "")


async def test_l_links_two_passages_picked_by_clicking(reader: Reader, tmp_path: Path) -> None:
    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PairScreen)
        await pilot.click(screen.left, offset=screen.left.offset_of("planet:6"))
        await pilot.press("l")
        assert screen.link_picker.picks is not None
        assert screen.link_picker.picks["left"] == "planet:6"
        await pilot.click(screen.right, offset=screen.right.offset_of("bugle:5"))
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("tab", "down", "enter", "ctrl+s")  # label "agrees"
        await pilot.pause()
        assert current(app) == frozenset({"planet:6", "bugle:5"})
        assert "agrees" in status(app)
    (record,) = saved(tmp_path / "annotations.yaml")
    assert (record.kind, record.label) == ("link", "agrees")


async def test_escape_cancels_a_link_and_saves_nothing(reader: Reader, tmp_path: Path) -> None:
    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "down", "escape")
        screen = app.screen
        assert isinstance(screen, PairScreen)
        assert not screen.link_picker.active
        assert "link cancelled" in status(app)
        assert not any(
            view.has_class("-link-end")
            for column in (screen.left, screen.right)
            for view in column.views.values()
        )
        await pilot.press("down")  # scrolls again rather than picking
        await pilot.press("l", "l", "escape")  # cancelling the form cancels the link
        await pilot.pause()
        assert isinstance(app.screen, PairScreen)
    assert not (tmp_path / "annotations.yaml").exists()


async def test_annotations_screen_filters_jumps_and_deletes_with_confirmation(
    reader: Reader, tmp_path: Path
) -> None:
    path = tmp_path / "annotations.yaml"
    seed(
        path,
        ("note", "planet:4", "gazette:3", "agrees", "same words"),
        ("note", "planet:5", "bugle:4", "framing", "militias vs armed groups"),
    )
    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("A")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnnotationsScreen)
        assert len(screen.shown) == 2
        await pilot.press("slash", *"gazette")
        assert [row.record.label for row in screen.shown] == ["agrees"]
        await pilot.press("enter", "enter")  # leave the filter, then go to the pair
        await pilot.pause()
        assert isinstance(app.screen, PairScreen)
        assert (app.selection.left, app.selection.right) == ("planet", "gazette")
        assert current(app) == frozenset({"planet:4", "gazette:3"})
        assert "agrees: same words" in status(app)
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, AnnotationsScreen)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDelete)
        await pilot.press("n")  # keep it
        await pilot.pause()
        assert len(saved(path)) == 2
        await pilot.press("d", "y")
        await pilot.pause()
        assert [r.label for r in saved(path)] == ["framing"]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PairScreen)
        assert "agrees" not in status(app)


async def test_deleting_a_rejection_brings_the_pair_back(reader: Reader, tmp_path: Path) -> None:
    path = tmp_path / "annotations.yaml"
    seed(path, ("reject", "planet:3", "bugle:2", "", ""))
    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert frozenset({"planet:3", "bugle:2"}) not in pair_set(app.story)
        await pilot.press("A")
        await pilot.pause()
        await pilot.press("enter")  # jump to a rejected pair: both passages shown, none current
        await pilot.pause()
        assert isinstance(app.screen, PairScreen)
        assert app.selection.pair is None
        assert "rejected" in status(app)
        await pilot.press("A", "d", "y", "escape")
        await pilot.pause()
        assert isinstance(app.screen, PairScreen)
        assert frozenset({"planet:3", "bugle:2"}) in pair_set(app.story)
    assert saved(path) == ()


async def test_orphans_are_told_listed_and_kept(reader: Reader, tmp_path: Path) -> None:
    path = tmp_path / "annotations.yaml"
    seed(path, ("note", "planet:5", "bugle:4", "framing", ""))
    app = reader(story=edited("planet:5", "Nothing to see here"))
    seen = record_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("orphan" in message for message, _ in seen)
        await pilot.press("A")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnnotationsScreen)
        assert [row.orphan for row in screen.rows] == [True]
        title = screen.query_one("#annotations-title")
        assert "1 orphaned" in str(title.render())
    assert len(saved(path)) == 1


async def test_corrupt_file_opens_read_only_and_is_never_written(
    reader: Reader, tmp_path: Path
) -> None:
    path = tmp_path / "annotations.yaml"
    path.write_bytes(CORRUPT)
    app = reader()
    seen = record_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("read-only" in m and str(path) in m for m, s in seen if s == "error")
        seen.clear()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, PairScreen)  # no form: nothing typed would be lost
        before = set(pair_set(app.story))
        await pilot.press("x")
        await pilot.press("l", "l")
        await pilot.pause()
        assert isinstance(app.screen, PairScreen)
        assert pair_set(app.story) == before
        errors = [m for m, s in seen if s == "error"]
        assert len(errors) == 4 and all("read-only" in m for m in errors)
        assert not app.screen.link_picker.active  # read-only: no picking that cannot be saved
        await pilot.press("n", "j", "k")  # the reader keeps working
        assert current(app) == frozenset({"planet:3", "bugle:2"})
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"export annotations as json", "enter")
        await pilot.pause()
        assert any(m.startswith("cannot export") for m, _ in seen)
    assert path.read_bytes() == CORRUPT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annotations.yaml"]


async def test_a_save_that_fails_is_told_and_the_reader_keeps_working(
    reader: Reader, tmp_path: Path
) -> None:
    folder = tmp_path / "gone"
    app = reader(annotations_file=folder / "annotations.yaml")
    seen = record_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        folder.write_text("a file where the folder should be")
        await pilot.press("x")
        await pilot.pause()
        assert any("cannot save" in m for m, s in seen if s == "error")
        assert isinstance(app.screen, PairScreen)
        await pilot.press("n")
        assert app.selection.pair is not None


async def test_palette_exports_every_format(reader: Reader, tmp_path: Path) -> None:
    path = tmp_path / "annotations.yaml"
    seed(path, ("note", "planet:3", "bugle:2", "contradicts", "troop numbers"))
    app = reader()
    seen = record_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        for fmt in ("markdown", "csv", "json"):
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*f"export annotations as {fmt}")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
    for suffix in (".md", ".csv", ".json"):
        exported = tmp_path / f"annotations-export{suffix}"
        assert "troop numbers" in exported.read_text(encoding="utf-8")
        assert any(str(exported) in m for m, _ in seen)


async def test_annotation_keys_are_listed_in_help_and_remappable(reader: Reader) -> None:
    app = reader(keys={"reject_pair": "z", "annotations": "ctrl+l"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-table", DataTable)
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        ids = {str(row[2]): str(row[0]) for row in rows}
        assert ids["reject_pair"] == "z" and ids["annotate"] == "a"
        assert {"annotation_save", "annotations_delete", "annotations_confirm_delete"} <= set(ids)
        await pilot.press("escape")
        first = current(app)
        await pilot.press("x")  # no longer bound
        assert current(app) == first
        await pilot.press("z")
        await pilot.pause()
        assert first not in pair_set(app.story)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, AnnotationsScreen)
        assert app.screen.query_one("#annotations-filter", Input).value == ""


async def test_one_article_story_has_nothing_to_annotate_or_link(
    reader: Reader, tmp_path: Path
) -> None:
    full = troops_story()
    story = replace(
        full,
        articles=full.articles[:1],
        passages=tuple(p for p in full.passages if p.article == "planet"),
        alignment=Alignment((), (), ()),
        comparisons=(),
        problems=(),
    )
    app = reader(story=story)
    seen = record_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "x")
        await pilot.pause()
        assert [m for m, _ in seen][-2:] == ["no current pair (n/p select one)"] * 2
        await pilot.press("l", "l")
        await pilot.pause()
        assert isinstance(app.screen, PairScreen)
        assert "same article" in status(app)
    assert not (tmp_path / "annotations.yaml").exists()


async def test_saved_annotations_apply_to_a_story_loaded_by_the_worker(
    reader: Reader, tmp_path: Path
) -> None:
    seed(tmp_path / "annotations.yaml", ("reject", "planet:1", "bugle:1", "", ""))
    app = reader(pipeline=Pipeline(build=lambda *args, **kwargs: troops_story()))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(pilot)
        assert app.annotations.store is not None and not app.annotations.store.read_only
        assert frozenset({"planet:1", "bugle:1"}) not in pair_set(app.story)
        assert current(app) == frozenset({"planet:3", "bugle:2"})
        await pilot.press("x")
        await pilot.pause()
        assert len(saved(tmp_path / "annotations.yaml")) == 2


async def test_saved_annotations_are_applied_in_the_worker_not_the_ui_thread(
    reader: Reader, tmp_path: Path, monkeypatch: Any
) -> None:
    """Anchoring hundreds of records to a big story takes a noticeable time: the pipeline's
    worker does it, and the UI thread only installs the result."""
    import threading

    from newscompare.core.annotations import feedback

    seed(tmp_path / "annotations.yaml", ("reject", "planet:1", "bugle:1", "", ""))
    threads: list[str] = []
    original = feedback.apply_annotations

    def recording(*args: Any, **kwargs: Any) -> feedback.Applied:
        threads.append(threading.current_thread().name)
        return original(*args, **kwargs)

    monkeypatch.setattr(feedback, "apply_annotations", recording)
    app = reader(pipeline=Pipeline(build=lambda *args, **kwargs: troops_story()))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(pilot)
        assert frozenset({"planet:1", "bugle:1"}) not in pair_set(app.story)
    assert threads, "annotations were never applied"
    assert threading.main_thread().name not in threads


async def test_a_then_typing_then_ctrl_s_saves_the_typed_note_and_says_what_and_where(
    reader: Reader, tmp_path: Path
) -> None:
    """What a first-time user does: ``a``, type, ``ctrl+s``. The text is the note (no label was
    chosen, and the toast says so), and the toast names the note's first words and the file."""
    path = tmp_path / "annotations.yaml"
    app = reader()
    seen = record_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "a")
        await pilot.pause()
        await pilot.press(*"Bugle says 3,000 troops, the ministry 2,500", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PairScreen)
    (record,) = saved(path)
    assert (record.kind, record.label) == ("note", "")
    assert record.note == "Bugle says 3,000 troops, the ministry 2,500"
    (toast,) = [m for m, _ in seen if m.startswith("saved")]
    assert "without a label" in toast
    assert '"Bugle says 3,000 troops, the ministry 2,500"' in toast
    assert toast.endswith(f"to {path}")


async def test_the_save_toast_names_the_chosen_label(reader: Reader, tmp_path: Path) -> None:
    app = reader()
    seen = record_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "a", "tab", "down", "enter", "ctrl+s")  # "contradicts", no note
        await pilot.pause()
    (toast,) = [m for m, _ in seen if m.startswith("saved")]
    assert toast.startswith("saved note (contradicts) (empty note) to ")


async def test_letters_typed_before_the_form_is_drawn_land_in_the_note(reader: Reader) -> None:
    """A fast typist: ``a`` and the note arrive together, before the form has mounted (keys
    posted at once, not one by one as ``pilot.press`` does)."""
    from textual import events
    from textual.widgets import TextArea

    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for character in "a2,500?":
            app.post_message(events.Key(character, character))
        await pilot.pause(0.3)
        assert isinstance(app.screen, AnnotationForm)
        assert app.screen.query_one(TextArea).text == "2,500?"
