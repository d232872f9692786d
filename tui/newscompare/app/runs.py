"""The reader's engine runs: loading the first story and re-aligning it, off the UI thread.

Slow work runs in one exclusive thread worker that reports ``(stage, done, total)`` to the
status line. The first story, when the real engine is used, is built in a child process
(``runner``) that the console script forks before it imports the reader; the worker only waits
for it, then applies the saved annotations, so the UI thread only installs the result. The
child sends the story in three stages (``stages``): the articles (shown, not aligned yet), then
the pairs (shown while the divergences are computed), then the complete story.

Re-aligning (``+``/``-``) is debounced and cancellable (issue 13). Each key moves the threshold
and the status repaints at once; only when the keys stop for ``debounce`` seconds does one
re-align start, so a burst of ten keys aligns once, at the last threshold. It runs in the
engine child, which stays alive after the first story as a server: there it neither holds this
process's interpreter lock (the UI thread keeps answering keys) nor outlives a newer request
(the server kills it), and it costs what the engine costs in the CLI. Where there is no child
(no ``fork``, or a test's stand-in pipeline) it runs in the thread worker, whose progress
callback raises ``Cancelled`` once a newer run replaced it, so the engine stops at its next
stage. Either way each run has a generation number, and only the newest run's result is ever
handed to ``done``: a superseded re-align never shows, even one that finished just as the next
key came.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from newscompare.app.navigation import Navigator
from newscompare.app.widgets.status import WorkState
from newscompare.core.model.errors import UserError
from newscompare.core.model.index import StoryIndex
from newscompare.core.model.settings import Settings
from newscompare.core.model.story import Progress, Story
from newscompare.runner import BuildStory, EngineCrashed, ForkedBuild

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer
    from textual.worker import Worker

    from newscompare.core.annotations.feedback import Applied

#: Seconds without a ``+``/``-`` before a re-align starts: long enough for a burst of keys to
#: align once, short enough that a single key still feels immediate.
REALIGN_DEBOUNCE = 0.2

#: What the worker hands the UI thread: the story (None: failed), the error message, the saved
#: annotations applied to it.
Done = Callable[[Story | None, str, "Applied | None"], None]


def _keep_out_of_collections() -> None:
    """Move every object alive now (the story above all) out of the garbage collector's view.

    Why: a story of 800 articles is millions of objects that live until the next re-align,
    and each collection of the oldest generation walked them all, 0.6 to 2.3 s with the UI
    thread stopped (measured by ``benchmarks/bench_startup.py --realign``). A story is a tree
    of immutable dataclasses without reference cycles, so reference counting still frees it
    when a re-align replaces it; what a freeze can keep is only cyclic garbage not yet
    collected at this moment (a few widgets at most), once per story, until the reader
    closes (``StoryRuns.stop`` unfreezes).
    """
    import gc

    gc.freeze()


class Cancelled(Exception):
    """Raised from a thread worker's progress callback: a newer run replaced this one."""


class StoryRuns:
    """Starts, debounces and cancels the app's engine runs; owns the engine child."""

    def __init__(
        self,
        app: App[Any],
        build: BuildStory,
        sources: Sequence[str],
        settings: Callable[[float], Settings],
        wanted: Callable[[], float],
        shown: Callable[[], Story | None],
        prepare: Callable[[Story], Applied],
        done: Done,
        show_busy: Callable[[WorkState | None], None],
        show_loaded: Callable[[Story], None] | None = None,
    ) -> None:
        self.app = app
        self._build, self._sources, self._settings = build, list(sources), settings
        #: The threshold the reader asks for now (``app.threshold``).
        self._wanted = wanted
        #: The story on screen (``app.story``), which a re-align starts from.
        self._shown = shown
        self._prepare, self._done, self._show_busy = prepare, done, show_busy
        #: Shows the engine child's first stage (articles not aligned yet) while it aligns.
        self._show_loaded = show_loaded
        #: The engine child: builds the first story, then serves re-aligns (None: none).
        self.engine: ForkedBuild | None = None
        #: Seconds of quiet after ``+``/``-`` before re-aligning (tests lengthen it).
        self.debounce = REALIGN_DEBOUNCE
        self._timer: Timer | None = None
        #: The newest run: only its result is shown.
        self.generation = 0
        #: The threshold the newest run aligns at, and whether it is still loading the
        #: articles (it then aligns them at the newest threshold itself).
        self._target: float | None = None
        self._loading = False
        #: Re-aligns whose result was shown (benchmarks and tests read it).
        self.applied = 0
        #: While a result is handed over: the navigator the worker built for it.
        self._navigator: Navigator | None = None

    @property
    def pending(self) -> bool:
        """A re-align is waiting for the keys to stop."""
        return self._timer is not None

    def load(self) -> None:
        """Build the first story (the child's, when there is one)."""
        self.start(None, self._wanted())

    def start(self, base: Story | None, threshold: float) -> Worker[None]:
        """Start a run (the worker group is exclusive: the one before is cancelled) and make
        it the only one whose result will show."""
        self.generation += 1
        self._target, self._loading = threshold, base is None
        generation = self.generation

        def run() -> None:
            self._run(base, threshold, generation)

        # A closure, not a ``partial``: Textual takes ``repr()`` of the work to name the
        # worker, and a story's repr is seconds of the UI thread at 200 articles.
        return self.app.run_worker(
            run,
            name="re-align" if base is not None else "load",
            description=f"at threshold {threshold:.2f}",
            thread=True,
            exclusive=True,
            group="pipeline",
            exit_on_error=False,
        )

    def request(self) -> None:
        """``+``/``-`` moved the threshold: re-align once the keys stop for ``debounce``."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.app.set_timer(self.debounce, self._fire)

    def _fire(self) -> None:
        """The keys stopped: re-align at the threshold now asked for, unless the newest run
        already aligns at it (``+`` then ``-``) or is loading (it aligns at it when loaded)."""
        self._timer = None
        story = self._shown()
        if story is None or self._loading or self._target == self._wanted():
            return
        self.start(story, self._wanted())

    def detach_engine(self) -> None:
        """Align in this process from now on: the engine child holds its own copy of the story
        it built, so once the reader shows another part of the articles (the story picker) the
        child's copy is not the story shown any more."""
        if self.engine is not None:
            self.engine.stop()
            self.engine = None

    def stop(self) -> None:
        """End the engine child and give frozen objects back to the collector (the reader is
        closing: what it kept alive can be collected now)."""
        import gc

        if self.engine is not None:
            self.engine.stop()
            self.engine = None
        gc.unfreeze()

    # -- in the worker thread --------------------------------------------------------------

    def _run(self, base: Story | None, threshold: float, generation: int) -> None:
        """Load the sources (``base`` None) or re-align ``base``'s articles at ``threshold``."""
        from textual.worker import get_current_worker

        worker = get_current_worker()

        def cancelled() -> bool:
            return worker.is_cancelled or generation != self.generation

        def progress(stage: str, done: int, total: int) -> None:
            if cancelled():
                raise Cancelled
            self.app.call_from_thread(self._show_busy, WorkState(stage, done, total))

        story: Story | None = None
        message = ""
        self.app.call_from_thread(self._show_busy, WorkState("load" if base is None else "align"))
        try:
            if base is None and self.engine is not None:  # started at this same threshold
                story = self.engine.wait(progress, cancelled, self._loaded_in(generation))
            elif base is None:
                story = self._build(self._sources, self._settings(threshold), progress)
            else:
                story = self._realign(base, threshold, progress, cancelled)
            # +/- pressed while the articles were loading (no story to re-align yet): align
            # the loaded articles at the threshold the reader now asks for.
            while base is None and story is not None and not cancelled():
                if threshold == self._wanted():
                    break
                threshold = self._wanted()
                self._target = threshold
                story = self._realign(story, threshold, progress, cancelled)
        except Cancelled:
            return
        except (UserError, EngineCrashed) as exc:
            message = str(exc)
        except Exception as exc:  # the UI must survive any engine failure
            message = f"{type(exc).__name__}: {exc}"
        if cancelled():
            return
        if story is not None:
            _keep_out_of_collections()
        applied = None
        navigator = None
        if story is not None:
            try:  # saved links and rejections, applied here so the UI thread never waits on it
                applied = self._prepare(story)
            except Exception:
                applied = None
            # The story's index, here too (40 ms of the UI thread at 800 articles).
            navigator = Navigator(StoryIndex(story if applied is None else applied.story))
        if not cancelled():
            self.app.call_from_thread(self._finish, generation, story, message, applied, navigator)

    def _loaded_in(self, generation: int) -> Callable[[Story], None] | None:
        """What the worker does with the child's first stage: index it here, then hand it to
        the UI thread (which waits for the complete story with it on screen)."""
        if self._show_loaded is None:
            return None

        def loaded(story: Story) -> None:
            if generation == self.generation and story.articles:
                navigator = Navigator(StoryIndex(story))
                self.app.call_from_thread(self._loaded, generation, story, navigator)

        return loaded

    def _realign(
        self, base: Story, threshold: float, progress: Progress, cancelled: Callable[[], bool]
    ) -> Story | None:
        """``base``'s articles aligned again at ``threshold`` (their passages are reused): by
        the engine child when it serves (None: cancelled there), else in this thread."""
        settings = self._settings(threshold)
        engine = self.engine
        if engine is not None and engine.serving:
            try:
                return engine.realign(settings, progress, cancelled)
            except EngineCrashed:
                if engine.serving:  # the engine failed on this story: say so
                    raise
                # The child is gone (killed, out of memory): align here from now on.
        return self._build(self._sources, settings, progress, reuse=base)

    # -- back on the UI thread -------------------------------------------------------------

    def navigator_for(self, story: Story) -> Navigator | None:
        """The navigator the worker built for ``story`` (the story about to be shown), if any."""
        navigator = self._navigator
        return navigator if navigator is not None and navigator.index.story is story else None

    def _loaded(self, generation: int, story: Story, navigator: Navigator) -> None:
        if generation != self.generation or self._show_loaded is None:
            return
        self._navigator = navigator
        try:
            self._show_loaded(story)
        finally:
            self._navigator = None

    def _finish(
        self,
        generation: int,
        story: Story | None,
        message: str,
        applied: Applied | None,
        navigator: Navigator | None,
    ) -> None:
        if generation != self.generation:
            return  # a newer run replaced this one after it finished: never show it
        if not self._loading and story is not None:
            self.applied += 1
        self._loading = False
        self._navigator = navigator
        try:
            self._done(story, message, applied)
        finally:
            self._navigator = None
        if story is not None:
            _keep_out_of_collections()  # and what showing it built (index, column views)
        # The threshold moved after this run last looked at it, with no timer left to
        # catch it (the keys came while the articles were loading): align once more.
        moved = self._target != self._wanted()
        if story is not None and story.articles and self._timer is None and moved:
            self.start(self._shown() or story, self._wanted())
