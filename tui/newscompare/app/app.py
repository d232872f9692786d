"""``NewsCompareApp``: the Textual reader ``newscompare`` opens.

The app owns the state every screen renders: the ``story`` (replaced wholesale after loading or
re-aligning) and the ``selection`` (articles shown, current pair and divergence). Screens watch
these two reactives, so a new story (a re-align, or an annotation that links or rejects a pair)
re-renders everything by assigning ``app.story`` through ``set_story``. The story shown is always
the engine's story with the saved annotations applied (``annotating.ReaderAnnotations``). Slow
work (loading, and re-aligning debounced and cancellable) is ``runs.StoryRuns``'s, off the UI
thread; it reports ``(stage, done, total)`` into ``busy``. The first story, when the real engine
is used, is built in a child process (``runner``) that the console script forks before it
imports the reader (else ``run()`` does), so the engine works on a second core while the UI
imports and paints; that child then stays to serve re-aligns.

Screens, widgets and the palette see this state through ``state.ReaderState`` (which the app
implements) and ask the app for anything else with ``messages``; the app tells the pair view
things (a status note) with messages too, so no module below this one imports it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.reactive import var
from textual.screen import Screen

from newscompare import runner
from newscompare.app import keys
from newscompare.app.annotating import ReaderAnnotations
from newscompare.app.commands import ReaderCommands
from newscompare.app.messages import (
    OpenEvent,
    RevealPassages,
    RunInPairView,
    SelectGroup,
    ShowArticle,
    StatusNote,
)
from newscompare.app.navigation import Navigator, Selection
from newscompare.app.reader_state_file import restore_theme
from newscompare.app.render import display_text
from newscompare.app.runs import StoryRuns
from newscompare.app.screens.pair import PairScreen
from newscompare.app.state import ReaderState
from newscompare.app.stories import stories_note, story_title, with_part
from newscompare.app.widgets.status import WorkState
from newscompare.config import Config
from newscompare.core.model.index import StoryIndex
from newscompare.core.model.settings import Settings
from newscompare.core.model.story import Group, Progress, Story, no_progress
from newscompare.runner import ForkedBuild
from newscompare.stages import ENGINE_STAGES

if TYPE_CHECKING:
    from newscompare.app.screens.annotations import AnnotationsScreen
    from newscompare.core.annotations.feedback import Applied

# The event, overview and help screens are imported when first opened: the first screen is
# the pair view, and every module imported before it is time before the engine can start.

THRESHOLD_STEP = 0.05
NO_ARTICLES = "no articles could be loaded"
ONE_ARTICLE = (
    "only one article: newscompare compares how two or more outlets report a story; "
    "open it with the other articles (files, folders or URLs)"
)
#: The actions of the app-wide keys (without arguments), switched off while a form is open.
_APP_ACTIONS = frozenset(
    b.action.split("(")[0] for b in keys.APP_BINDINGS if isinstance(b, Binding)
)


def _default_build(
    sources: Sequence[str],
    settings: Settings,
    progress: Progress = no_progress,
    *,
    reuse: Story | None = None,
) -> Story:
    """The real engine (imported where it runs, never before the first paint)."""
    return runner.build_story(sources, settings, progress, reuse=reuse)


_ENGINE_BUILD = _default_build  # the real engine builds in stages; a stand-in in one go


@dataclass(frozen=True, slots=True)
class Pipeline:
    """The engine entry point the app calls (tests substitute a fake)."""

    build: runner.BuildStory = _default_build


class NewsCompareApp(App[int]):
    """Side-by-side, event and overview views of a story; see ``keys`` for every binding."""

    #: Absolute, so subclasses defined elsewhere (tests, benchmarks) find it too.
    CSS_PATH = Path(__file__).with_name("newscompare.tcss")
    TITLE = "newscompare"
    BINDINGS = keys.APP_BINDINGS
    COMMANDS = App.COMMANDS | {ReaderCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012 (Textual API)

    story: var[Story | None] = var(None, always_update=True)
    selection: var[Selection] = var(Selection(), always_update=True)
    threshold: var[float] = var(0.5)
    #: The running pipeline stage, None when idle (status lines show it).
    busy: var[WorkState | None] = var(None)

    def __init__(
        self,
        sources: Sequence[str] = (),
        config: Config | None = None,
        *,
        story: Story | None = None,
        pipeline: Pipeline | None = None,
        engine: ForkedBuild | None = None,
    ) -> None:
        super().__init__()
        self.sources = list(sources)
        self.config = config or Config()
        self.pipeline = pipeline or Pipeline()
        self._initial_story = story
        self.index: StoryIndex | None = None
        self.navigator: Navigator | None = None
        self.load_error = ""
        self._notified: set[str] = set()
        #: The annotations file and the story with the reader's links and rejections applied.
        self.annotations = ReaderAnnotations(
            self, self, self.set_story, self.config.annotations_path
        )
        self.set_reactive(NewsCompareApp.threshold, self.config.settings.align.threshold)
        #: Loading and re-aligning; ``runs.engine``: the engine child, which builds the first
        #: story at ``threshold`` (``engine``: a build the caller started even before
        #: importing the reader) and then serves re-aligns.
        self.runs = StoryRuns(
            self,
            self.pipeline.build,
            self.sources,
            self._settings,
            lambda: self.threshold,
            lambda: self.story,
            self.annotations.prepare,
            self._pipeline_done,
            self._show_busy,
            self._show_loaded,
        )
        self.runs.engine = engine
        #: A stage's story is shown (``_show_loaded``) at ``_provisional``: unless the reader
        #: moves, the next opens where a one-shot build would (``initial``).
        self._provisional: Selection | None = None
        self._staged = False

    def run(self, *args: Any, **kwargs: Any) -> int | None:
        """Run the reader; with the real engine, start building the story in a child process
        first, so the engine works on another core while this one paints."""
        if self.runs.engine is None and self._wants_engine():
            stages = ENGINE_STAGES if _default_build is _ENGINE_BUILD else None
            self.runs.engine = runner.start_story_build(
                self.sources, self._settings(self.threshold), _default_build, stages
            )
        try:
            return super().run(*args, **kwargs)
        finally:
            self.runs.stop()  # the engine child ends with the reader

    def _wants_engine(self) -> bool:
        """The story comes from the real engine (not a test's story or pipeline)."""
        return self._initial_story is None and self.pipeline == Pipeline() and bool(self.sources)

    def _settings(self, threshold: float) -> Settings:
        return self.config.settings.with_threshold(threshold)

    def get_default_screen(self) -> Screen[Any]:
        return PairScreen()

    def on_mount(self) -> None:
        self._apply_keymap()
        restore_theme(self)  # the theme chosen in an earlier run; changes are remembered
        if self._initial_story is not None:
            self.set_story(self.annotations.apply(self._initial_story))
        elif self.runs.engine is not None:
            # The child process is building the story: the worker only waits for it (no GIL
            # contention), so it starts now and the story shows as soon as it arrives.
            self.runs.load()
        else:
            # Paint the (loading) pair view first; the worker then competes for the GIL.
            self.call_after_refresh(self.runs.load)

    def on_unmount(self) -> None:
        self.runs.stop()  # closing: the engine child ends (also when run by a test harness)

    def _apply_keymap(self) -> None:
        known = keys.binding_ids()
        for binding_id in sorted(set(self.config.keys) - known):
            self.notify(
                f"keys: unknown binding id {binding_id!r} ignored (see ? for the ids)",
                severity="warning",
                markup=False,
            )
        self.set_keymap({k: v for k, v in self.config.keys.items() if k in known})

    @property
    def settings(self) -> Settings:
        """The settings from config.yaml (the threshold in force is ``threshold``)."""
        return self.config.settings

    def keys_for(self, binding: Binding) -> str:
        """The keys in force for a binding, after ``keys:`` remaps, as shown to users."""
        keymap = {k: v for k, v in self.config.keys.items() if k in keys.binding_ids()}
        key_string = keymap.get(binding.id or "", binding.key)
        return " ".join(
            self.get_key_display(binding.with_key(key.strip())) for key in key_string.split(",")
        )

    def keys_for_id(self, binding_id: str) -> str:
        binding = keys.binding_by_id(binding_id)
        return "" if binding is None else self.keys_for(binding)

    # -- story -----------------------------------------------------------------------------

    def set_story(self, story: Story, prefer: tuple[str, str] | None = None) -> None:
        """Show a new story, keeping the shown articles (and pair) where they still exist.

        ``prefer``: two passage ids whose pair becomes current if it links the shown articles
        (a pair just linked, or the neighbour of one just rejected).
        """
        if not story.articles:
            # Nothing to read: leave with the CLI's status for user mistakes, saying why.
            told = [display_text(str(problem)) for problem in story.problems]
            # After the first paint: exiting while the pair view mounts would break it.
            # The lines the CLI prints for a user mistake: "newscompare: <reason>".
            lines = [f"newscompare: {line}" for line in (*told, NO_ARTICLES)]
            self.call_after_refresh(self.exit, None, 2, "\n".join(lines))
            return
        nav = self.runs.navigator_for(story) or Navigator(StoryIndex(story))
        index = nav.index
        old = self.selection
        provisional, self._provisional, self._staged = self._provisional, None, False
        if old == provisional:
            selection = nav.initial()
        elif old.left in nav.article_ids and old.right in nav.article_ids:
            assert old.left is not None and old.right is not None
            selection = nav.with_articles(old, old.left, old.right)
            preferred = None if prefer is None else nav.pair_of(*prefer)
            if preferred is not None and preferred in nav.pairs_between(old.left, old.right):
                selection = Selection(old.left, old.right, preferred)
        else:
            selection = nav.initial()
        self.index, self.navigator = index, nav
        self.load_error = ""
        self.title = display_text(story_title(story))
        count = len(story.articles)
        self.sub_title = f"{count} article{'' if count == 1 else 's'}"
        self.set_reactive(NewsCompareApp.selection, selection)
        self.story = story
        for problem in story.problems:
            message = str(problem)
            if message not in self._notified:
                self._notified.add(message)
                self.notify(
                    display_text(message),
                    severity="error" if problem.fatal else "warning",
                    markup=False,
                )
        if len(story.articles) == 1:
            self.notify(ONE_ARTICLE, severity="warning", timeout=20, markup=False)
            self._note(ONE_ARTICLE)
        several = stories_note(story, self.keys_for_id("pick_story"))
        if several and several not in self._notified:
            self._notified.add(several)
            self.notify(display_text(several), timeout=15, markup=False)

    def _show_loaded(self, story: Story) -> None:
        """A stage of the first story (``stages``): the articles, then their pairs, until the
        complete story comes. Why: aligning 800 articles takes many seconds."""
        if len(story.articles) >= 2 and (self.story is None or self._staged):
            self.set_story(story)  # (else nothing to read side by side: the story says why)
            self._provisional, self._staged = self.selection, True

    def action_pick_story(self) -> None:
        """``S``: the stories among the articles; the one chosen is aligned and shown."""
        from newscompare.app.screens.story_picker import StoryPicker

        story = self.story
        if story is None or story.collection is None:
            self.notify("still loading", severity="warning")
            return
        self.push_screen(StoryPicker(story.collection, story.parts), self.show_story)

    def show_story(self, part_id: str | None) -> None:
        """Align the story ``part_id`` of the articles loaded (nothing is loaded again)."""
        base = None if self.story is None or part_id is None else with_part(self.story, part_id)
        if base is not None:
            self._to_pair_view()
            self.runs.detach_engine()
            self.runs.start(base, self.threshold)

    def _show_busy(self, work: WorkState | None) -> None:
        self.busy = work

    def _pipeline_done(
        self, story: Story | None, message: str, applied: Applied | None = None
    ) -> None:
        self.busy = None
        if message:
            self.load_error = message
            self.notify(display_text(message), severity="error", markup=False)
            self._note(display_text(message))
        if story is not None:
            self.set_story(self.annotations.apply(story, applied))  # opens the store if needed
        else:
            # No story to apply them to: still open the annotations, so a read-only file is
            # told at start whichever way the story was being built.
            self.annotations.open_store()

    # -- state helpers used by screens and commands -------------------------------------------

    def current_group(self) -> Group | None:
        nav, pair = self.navigator, self.selection.pair
        return None if nav is None or pair is None else nav.group(pair.a)

    def select_group(self, group_id: str) -> None:
        """Point the pair view at a pair of this event (between the shown articles if any)."""
        nav = self.navigator
        if nav is None:
            return
        members = set(nav.index.story.alignment.groups[nav.group_number[group_id] - 1].passages)
        pairs = [p for p in nav.index.story.alignment.pairs if p.a in members and p.b in members]
        if not pairs:
            return
        left, right = self.selection.left, self.selection.right

        def rank(pair: Any) -> int:
            arts = {nav.article_of(pair.a), nav.article_of(pair.b)}
            return 0 if arts == {left, right} else 1 if left in arts else 2

        pair = min(pairs, key=rank)
        anchor = left if left in {nav.article_of(pair.a), nav.article_of(pair.b)} else None
        a, b = nav.oriented(pair, anchor)
        self.selection = Selection(nav.article_of(a), nav.article_of(b), pair)

    def on_select_group(self, message: SelectGroup) -> None:
        self.select_group(message.group_id)

    def on_open_event(self, message: OpenEvent) -> None:
        self.open_event(message.group_id)

    def open_event(self, group_id: str) -> None:
        """The event view on top of the screen asking (escape goes back to it: the overview
        when opened from there)."""
        from newscompare.app.screens.event import EventScreen

        self.select_group(group_id)
        self.push_screen(EventScreen(group_id))

    def on_show_article(self, message: ShowArticle) -> None:
        self.show_article(message.side, message.article_id)

    def show_article(self, side: str, article_id: str) -> None:
        nav, selection = self.navigator, self.selection
        if nav is None:
            return
        left = article_id if side == "left" else selection.left or article_id
        right = article_id if side == "right" else selection.right or article_id
        self._to_pair_view()
        self.selection = nav.with_articles(selection, left, right)

    def _to_pair_view(self) -> Screen[Any]:
        """Close every screen above the pair view (the default screen, always at the bottom)."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        return self.screen_stack[0]

    def _note(self, note: str) -> None:
        """A note for the pair view's status line (shown when the pair view is)."""
        self.screen_stack[0].post_message(StatusNote(note))

    def on_run_in_pair_view(self, message: RunInPairView) -> None:
        self.run_in_pair_view(message.action)

    def run_in_pair_view(self, action: str) -> None:
        """Run a pair view action from anywhere (command palette)."""
        screen = self._to_pair_view()
        self.call_later(self.run_action, action, screen)

    def on_annotations_screen_jump_to_pair(self, message: AnnotationsScreen.JumpToPair) -> None:
        """The annotations screen asked for a pair: show it in the pair view."""
        screen = self._to_pair_view()
        note = self.annotations.jump(message.passage_a, message.passage_b)
        screen.post_message(StatusNote(note))
        screen.post_message(RevealPassages(message.passage_a, message.passage_b))

    # -- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the annotation form or a delete confirmation is open, the reader's own keys
        (quit, views, re-align) are off, so a letter typed there never closes the form."""
        modal = getattr(self.screen, "TRAPS_APP_KEYS", False)
        return not (modal and action in _APP_ACTIONS)

    def on_key(self, event: events.Key) -> None:
        """A letter no widget took while the annotation form is on top was typed before the
        form opened (it went to the screen below): give it to the form's note."""
        if getattr(self.screen, "TRAPS_APP_KEYS", False) and event.is_printable and event.character:
            from newscompare.app.screens.annotation_form import AnnotationForm

            if isinstance(self.screen, AnnotationForm):
                self.screen.type_ahead(event.character)

    def action_annotations(self) -> None:
        """``A``: the annotations screen (from any view; closes it when open)."""
        from newscompare.app.screens.annotations import AnnotationsScreen  # on first use

        if isinstance(self.screen, AnnotationsScreen):
            self.screen.dismiss(None)
            return
        self._to_pair_view()
        self.annotations.open_screen()

    def action_export_annotations(self, fmt: str) -> None:
        self.annotations.export(fmt)

    def action_help(self) -> None:
        from newscompare.app.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
        else:
            self.push_screen(HelpScreen())

    def action_overview(self) -> None:
        from newscompare.app.screens.overview import OverviewScreen

        if isinstance(self.screen, OverviewScreen):
            self.pop_screen()
            return
        if self.story is None:
            self.notify("still loading", severity="warning")
            return
        self._to_pair_view()
        self.push_screen(OverviewScreen())

    def action_timeline(self) -> None:
        """``t``: the events by date (closes it when open)."""
        from newscompare.app.screens.timeline import TimelineScreen

        if isinstance(self.screen, TimelineScreen):
            self.pop_screen()
            return
        if self.story is None:
            self.notify("still loading", severity="warning")
            return
        self._to_pair_view()
        self.push_screen(TimelineScreen())

    def action_event_view(self) -> None:
        from newscompare.app.screens.event import EventScreen

        if isinstance(self.screen, EventScreen):
            self.pop_screen()
            return
        group = self.current_group()
        if group is None:
            self.notify("select an aligned pair first (n)", severity="warning")
            return
        self._to_pair_view()
        self.push_screen(EventScreen(group.id))

    def action_threshold(self, delta: float) -> None:
        """Change the match threshold by ``delta`` (clamped to 0..1) and re-align live."""
        new = min(1.0, max(0.0, round(self.threshold + delta, 2)))
        if new == self.threshold:
            self.notify(f"threshold is already {new:.2f}", severity="warning")
            return
        self.threshold = new  # the status shows it now; the re-align once the keys stop
        self.runs.request()
        if len(self.screen_stack) == 1:
            self._note(f"re-aligning at {new:.2f}")


def _implements_reader_state(app: NewsCompareApp) -> ReaderState:
    """Never called: mypy checks here that the app provides everything ``ReaderState`` says."""
    return app


def make_app(
    story: Story | None = None,
    sources: Sequence[str] = (),
    config: Config | None = None,
    pipeline: Pipeline | None = None,
) -> NewsCompareApp:
    """The app for tests, snapshots, screenshots and benchmarks (same wiring as the CLI)."""
    return NewsCompareApp(sources, config, story=story, pipeline=pipeline)
