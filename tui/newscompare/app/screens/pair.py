"""The pair view: two articles side by side, the current pair highlighted in both columns.

The screen renders the app's ``story`` and ``selection``; every key only computes a new
``Selection`` (see ``navigation``) and hands it to the app, so other screens and annotations see
the same cursor. ``a``/``x`` act on the current pair; ``l`` starts picking one passage in each
column (``LinkPicker``) and a second ``l`` links them.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Footer, Header, Input

from newscompare.app import keys
from newscompare.app.messages import RevealPassages, StatusNote
from newscompare.app.navigation import Navigator, Selection
from newscompare.app.render import (
    comparison_highlights,
    display_text,
    divergence_span,
    divergence_summary,
    highlighted,
    side_of,
)
from newscompare.app.screens.link_picker import LinkPicker
from newscompare.app.state import ReaderScreen
from newscompare.app.widgets.explain_panel import ExplainPanel, explain_pair, explanation_content
from newscompare.app.widgets.passage_column import PassageColumn, PassageView
from newscompare.app.widgets.status import StatusLine
from newscompare.core.model.story import Story


class PairScreen(ReaderScreen[None]):
    """Side-by-side reading of two articles."""

    # The column keys live on the screen too: the columns never take focus, so moving between
    # them (tab) only restyles two borders instead of re-rendering the footer and both columns.
    BINDINGS = keys.PAIR_VIEW_BINDINGS + keys.COLUMN_BINDINGS
    #: Nothing takes focus by default: keys go to the screen (the search box only when open).
    AUTO_FOCUS = ""

    def __init__(self) -> None:
        super().__init__(id="pair-view")
        self.sync_scroll = True
        #: The column that keys, scrolling and ``1``-``9`` apply to.
        self._active_side = "left"
        self._shown: tuple[str | None, str | None] = (None, None)
        self._current: list[PassageView] = []
        self._last_match: str | None = None
        #: After ``n`` at the last pair: (selection then, article offered); ``n`` again goes.
        self._offered: tuple[Selection, str] | None = None
        #: Passage last clicked per column: where ``l`` starts when it has no counterpart.
        self.clicked: dict[str, str] = {}
        self.link_picker = LinkPicker(self)

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Horizontal(id="columns"):
            yield PassageColumn("left", id="left")
            yield PassageColumn("right", id="right")
        yield ExplainPanel(id="explain")
        yield Input(placeholder="search every article (enter: next match, esc: close)", id="search")
        yield StatusLine()
        yield Footer(compact=True, show_command_palette=False)

    @property
    def left(self) -> PassageColumn:
        return self.query_one("#left", PassageColumn)

    @property
    def right(self) -> PassageColumn:
        return self.query_one("#right", PassageColumn)

    def column(self, side: str) -> PassageColumn:
        return self.left if side == "left" else self.right

    @property
    def active_column(self) -> PassageColumn:
        return self.column(self._active_side)

    def on_mount(self) -> None:
        for column in (self.left, self.right):
            column.loading = self.reader.story is None
        self.watch(self.app, "story", self._story_changed)
        self.watch(self.app, "selection", self._selection_changed, init=False)
        self._mark_active()

    # -- rendering -----------------------------------------------------------------------

    def _story_changed(self, story: Story | None) -> None:
        for column in (self.left, self.right):
            column.loading = story is None
        self._shown = (None, None)
        self._current = []
        if story is not None:
            self._selection_changed(self.reader.selection)

    def _selection_changed(self, selection: Selection) -> None:
        nav = self.reader.navigator
        if nav is None:
            return
        if (selection.left, selection.right) != self._shown:
            self._show_articles(nav, selection)
        self._highlight(nav, selection)
        self._explain(nav, selection)
        self.link_picker.refresh_marks()
        self.refresh_status()

    def _show_articles(self, nav: Navigator, selection: Selection) -> None:
        index = nav.index
        ids = nav.article_ids
        group_numbers = {pid: nav.group_number[group.id] for pid, group in index.group_of.items()}
        rebuild = self._shown == (None, None)
        for column, article_id in ((self.left, selection.left), (self.right, selection.right)):
            if article_id is None:
                continue
            if not rebuild and column.article is not None and column.article.id == article_id:
                continue
            column.show_article(
                index.articles[article_id],
                ids.index(article_id) + 1,
                len(ids),
                index.passages_of.get(article_id, ()),
                group_numbers,
                nav.unmatched,
            )
        # ``_current`` is kept: ``_highlight`` un-marks it next, so a column that kept its
        # article does not keep the old pair's marker beside the new one.
        self._shown = (selection.left, selection.right)

    def _highlight(self, nav: Navigator, selection: Selection) -> None:
        for view in self._current:
            view.show()
        self._current = []
        for column in (self.left, self.right):
            column.pin(None)
        comparison = nav.comparison(selection.pair)
        if selection.pair is None or comparison is None:
            return
        left_id, right_id = nav.oriented(selection.pair, selection.left)
        for column, pid in ((self.left, left_id), (self.right, right_id)):
            shown = column.views.get(pid)
            if shown is None:
                continue
            passage = shown.passage
            shown.show(
                highlighted(
                    passage.text,
                    comparison_highlights(comparison, pid, selection.divergence),
                ),
                current=True,
            )
            self._current.append(shown)
        self.call_after_refresh(self._scroll_to_current)

    @property
    def explain_panel(self) -> ExplainPanel:
        return self.query_one("#explain", ExplainPanel)

    def _explain(self, nav: Navigator, selection: Selection) -> None:
        """Fill the explain panel (only while it is open)."""
        panel = self.explain_panel
        if not panel.display:
            return
        comparison = nav.comparison(selection.pair)
        if selection.pair is None or comparison is None:
            panel.show(None)
            return
        left, _ = nav.oriented(selection.pair, selection.left)
        explanation = explain_pair(nav.index, comparison, left)
        panel.show(explanation_content(explanation, selection.divergence))

    def action_toggle_explain(self) -> None:
        """``i``: open or close the explain panel for the current pair."""
        panel = self.explain_panel
        panel.display = not panel.display
        nav = self.reader.navigator
        if nav is not None:
            self._explain(nav, self.reader.selection)
            self.call_after_refresh(self._scroll_to_current)

    def _scroll_to_current(self) -> None:
        """Bring the current pair into view in both columns (centred when it was off screen,
        else left put), and keep it there across re-layouts; a passage taller than its column
        shows the divergence stepped to (or the first one)."""
        nav, selection = self.reader.navigator, self.reader.selection
        comparison = nav.comparison(selection.pair) if nav is not None else None
        for view in self._current:
            column = view.column
            if column.views.get(view.passage.id) is not view:  # replaced meanwhile
                continue
            char = None
            if comparison is not None and comparison.divergences:
                divergence = comparison.divergences[selection.divergence or 0]
                char = divergence_span(divergence, side_of(comparison, view.passage.id))[0]
            column.pin(view, char)

    def refresh_status(self, note: str = "") -> None:
        """Score, relation, divergence summary and threshold of the current pair."""
        app = self.reader
        nav, selection = app.navigator, app.selection
        parts: list[str] = []
        if nav is not None:
            pairs = nav.pairs_between(selection.left, selection.right)
            comparison = nav.comparison(selection.pair)
            if selection.pair is not None and selection.pair in pairs:
                parts.append(f"pair {pairs.index(selection.pair) + 1}/{len(pairs)}")
                parts.append(f"score {selection.pair.score:.2f}")
                parts.extend(display_text(t) for t in app.annotations.tags(selection.pair))
            elif not pairs:
                parts.append("no aligned pairs between these articles (n: next article)")
            if comparison is not None and selection.pair is not None:
                parts.append(comparison.relation)
                parts.append(divergence_summary(comparison.divergences) or "no divergences")
        parts.append(f"threshold {app.threshold:.2f}")
        if not self.sync_scroll:
            parts.append("sync off")
        if app.story is not None and app.story.problems:
            fatal = sum(1 for problem in app.story.problems if problem.fatal)
            warnings = len(app.story.problems) - fatal
            problems = [f"{fatal} not loaded"] if fatal else []
            problems += [f"{warnings} warning{'s' if warnings > 1 else ''}"] if warnings else []
            parts.append(" · ".join(problems) + " (?)")
        if app.story is None and app.load_error:
            parts.insert(0, display_text(app.load_error))
        current = nav.comparison(selection.pair) if nav is not None else None
        if current is not None and selection.divergence is not None:
            d = current.divergences[selection.divergence]
            parts.append(display_text(f"▶ {d.kind}: {d.note or f'{d.a!r} vs {d.b!r}'}"))
        if note:
            parts.insert(0, note)
        if self.link_picker.active:
            parts.insert(0, self.link_picker.hint)
        self.query_one(StatusLine).show(" · ".join(p for p in parts if p))

    # -- scrolling -----------------------------------------------------------------------

    def on_passage_column_scrolled(self, message: PassageColumn.Scrolled) -> None:
        """Keep the counterpart in view: of the current pair while it is on screen, else of
        the topmost visible aligned passage."""
        column = message.column
        nav = self.reader.navigator
        if not self.sync_scroll or nav is None or column is not self.active_column:
            return
        other = self.right if column is self.left else self.left
        if other.article is None:
            return
        visible = column.visible_views()
        current = [view for view in self._current if view in visible]
        for view in current or visible:
            pair = nav.counterpart(view.passage.id, other.article.id)
            if current and self.reader.selection.pair is not None:
                pair = self.reader.selection.pair
            if pair is None:
                continue
            target_id = pair.b if pair.a == view.passage.id else pair.a
            target = other.views.get(target_id)
            if target is not None:
                other.scroll_to_passage(target)
            return

    # -- actions -------------------------------------------------------------------------

    def _mark_active(self) -> None:
        for column in (self.left, self.right):
            column.set_active(column.side == self._active_side)

    def activate(self, side: str) -> None:
        """Make ``side`` the column keys apply to."""
        if side != self._active_side:
            self._active_side = side
            self._mark_active()

    def on_passage_column_activated(self, message: PassageColumn.Activated) -> None:
        self.activate(message.column.side)

    def action_switch_column(self) -> None:
        self.activate("right" if self._active_side == "left" else "left")

    def action_scroll(self, lines: int) -> None:
        if self.link_picker.active:
            self.link_picker.move(self._active_side, lines)
            return
        self.active_column.scroll_relative(y=lines, animate=False)

    def action_scroll_page(self, pages: int) -> None:
        column = self.active_column
        column.scroll_relative(y=pages * column.scrollable_content_region.height, animate=False)

    def action_scroll_edge(self, end: int) -> None:
        column = self.active_column
        if end:
            column.scroll_end(animate=False)
        else:
            column.scroll_home(animate=False)

    def _move(self, result: tuple[Selection, str]) -> None:
        selection, note = result
        self.reader.selection = selection
        self.refresh_status(note)

    def action_step_pair(self, step: int) -> None:
        """``n``/``p``; past the last pair of two articles ``n`` offers the next article with
        pairs, and ``n`` again goes there."""
        nav = self.reader.navigator
        if nav is None:
            return
        selection = self.reader.selection
        moved, note = nav.step_pair(selection, step)
        offer = self._offered
        self._offered = None
        if note == "last aligned pair" and step > 0:
            ahead, _ = nav.step_article(selection, 1)
            if ahead.right != selection.right and ahead.right is not None:
                if offer == (selection, ahead.right):
                    self._move((ahead, ""))
                    return
                self._offered = (selection, ahead.right)
                outlet = nav.index.articles[ahead.right].outlet
                number = nav.article_ids.index(ahead.right) + 1
                count = len(nav.pairs_between(selection.left, ahead.right))
                note = display_text(
                    f"last aligned pair · n again: {outlet} (article {number}, {count} pairs)"
                )
        self._move((moved, note))

    def action_step_divergence(self, step: int) -> None:
        nav = self.reader.navigator
        if nav is not None:
            self._move(nav.step_divergence(self.reader.selection, step))

    def action_pick_article(self, number: int) -> None:
        """Show the ``number``-th article in the focused column (swapping if it is shown)."""
        nav = self.reader.navigator
        if nav is None:
            return
        if not 1 <= number <= len(nav.article_ids):
            self.refresh_status(f"there is no article {number}")
            return
        self.show_in_active_column(nav.article_ids[number - 1])

    def show_in_active_column(self, chosen: str) -> None:
        """Show article ``chosen`` in the active column (swapping if the other one shows it)."""
        nav = self.reader.navigator
        if nav is None or chosen not in nav.article_ids:
            return
        selection = self.reader.selection
        left, right = selection.left or chosen, selection.right or chosen
        if self._active_side == "left":
            left, right = chosen, (left if chosen == right else right)
        else:
            left, right = (right if chosen == left else left), chosen
        self.reader.selection = nav.with_articles(selection, left, right)

    def action_open_url(self) -> None:
        """``u``: the active column's article URL, copied and opened in the system browser.
        The browser starts off the UI thread and the URL goes to ``webbrowser`` as one
        argument, never through a shell."""
        from newscompare.app.screens.outlet_picker import article_url

        article = self.active_column.article
        url = article_url(article) if article is not None else ""
        if not url.startswith(("http://", "https://")):
            self.refresh_status("this article has no URL (it was read from a file)")
            return
        self.app.copy_to_clipboard(url)
        self._open_in_browser(url)
        self.refresh_status(display_text(f"opening {url} (copied)"))

    @work(thread=True, exclusive=True, group="browser", exit_on_error=False)
    def _open_in_browser(self, url: str) -> None:
        import webbrowser

        if not webbrowser.open(url):
            self.app.call_from_thread(
                self.refresh_status, display_text(f"no browser found; copied {url}")
            )

    def action_pick_outlet(self) -> None:
        """``g``: the list of every article; the choice goes into the active column."""
        from newscompare.app.screens.outlet_picker import OutletPicker

        story = self.reader.story
        if story is None:
            self.refresh_status("still loading")
            return
        current = self.active_column.article
        picker = OutletPicker(
            story.articles, current.id if current is not None else None, self._active_side
        )

        def chosen(article_id: str | None) -> None:
            if article_id is not None:
                self.show_in_active_column(article_id)

        self.app.push_screen(picker, chosen)

    def action_toggle_sync(self) -> None:
        self.sync_scroll = not self.sync_scroll
        self.refresh_status("scroll sync on" if self.sync_scroll else "scroll sync off")

    def action_search(self) -> None:
        box = self.query_one("#search", Input)
        box.display = True
        box.focus()

    def action_close_search(self) -> None:
        """Escape: cancel picking a link, else close the search box."""
        if self.link_picker.active:
            self.link_picker.cancel()
            self.refresh_status("link cancelled")
            return
        box = self.query_one("#search", Input)
        if box.display:
            box.display = False
            self.set_focus(None)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._last_match = None
        self._search(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._search(event.value)

    def _search(self, query: str) -> None:
        """The next passage containing ``query`` in any article: the shown ones first, then
        the others in story order; a match elsewhere is shown in the other column."""
        nav = self.reader.navigator
        if nav is None or not query:
            return
        column = self.active_column
        other = self.right if column is self.left else self.left
        shown = [c.article.id for c in (column, other) if c.article is not None]
        articles = list(dict.fromkeys([*shown, *nav.article_ids]))
        found = nav.search(articles, query, self._last_match)
        for c in (self.left, self.right):
            for view in c.views.values():
                view.remove_class("-match")
        if found is None:
            self.refresh_status(f"no match for {query!r} in any article")
            return
        self._last_match = found.id
        selection = self.reader.selection
        if found.article not in (selection.left, selection.right):
            left, right = selection.left or found.article, selection.right or found.article
            if other is self.left:
                left = found.article
            else:
                right = found.article
            selection = nav.with_articles(selection, left, right)
            self.reader.selection = selection
        moved, _ = nav.select_passage(selection, found.id)
        self.reader.selection = moved
        target = self.left if self.left_article == found.article else self.right
        match_view = target.views.get(found.id)
        if match_view is not None:
            match_view.add_class("-match")
            target.scroll_to_passage(match_view, center=True)
        outlet = nav.index.articles[found.article].outlet
        number = nav.article_ids.index(found.article) + 1
        self.refresh_status(display_text(f"match in {outlet} (article {number})"))

    def on_passage_view_clicked(self, message: PassageView.Clicked) -> None:
        nav = self.reader.navigator
        if nav is not None:
            side = "left" if nav.article_of(message.passage_id) == self.left_article else "right"
            self.activate(side)
            self.clicked[side] = message.passage_id
            if self.link_picker.active:
                self.link_picker.pick(side, message.passage_id)
                self.refresh_status()
                return
            self._move(nav.select_passage(self.reader.selection, message.passage_id))

    # -- annotations ---------------------------------------------------------------------

    def on_screen_resume(self) -> None:
        """Back from the form or the annotations screen: show what the store holds now."""
        self.reader.annotations.sync()

    def action_annotate(self) -> None:
        self.reader.annotations.annotate()

    def action_reject_pair(self) -> None:
        self.reader.annotations.reject()

    def action_link(self) -> None:
        """First ``l``: start picking (one passage per column); second ``l``: link them."""
        picker = self.link_picker
        if not picker.active:
            if not self.reader.annotations.writable():
                return
            picker.start(self._active_side)
            self.refresh_status()
            return
        ends = picker.ends()
        if ends is None:
            self.refresh_status("pick a passage in each column first")
            return
        right = self.right.article
        if right is not None and self.left_article == right.id:
            self.refresh_status("both columns show the same article: show another one (1-9)")
            return
        picker.cancel()
        self.refresh_status()
        self.reader.annotations.link(*ends)

    def on_status_note(self, message: StatusNote) -> None:
        self.refresh_status(message.note)

    def on_reveal_passages(self, message: RevealPassages) -> None:
        self.reveal(*message.passage_ids)

    def reveal(self, *passage_ids: str) -> None:
        """Scroll both columns to these passages (a jump to a rejected, hence hidden, pair)."""

        def scroll() -> None:
            for column in (self.left, self.right):
                for pid in passage_ids:
                    view = column.views.get(pid)
                    if view is not None:
                        column.scroll_to_passage(view, center=True)

        self.call_after_refresh(scroll)

    @property
    def left_article(self) -> str | None:
        return self.left.article.id if self.left.article is not None else None
