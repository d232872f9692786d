"""Every key binding of the reader, each with an id so ``config.yaml``'s ``keys:`` can remap it.

Actions live on the app and screens; this module only says which key triggers which action.
Descriptions are short (the footer shows them); tooltips say more (the help screen shows them).
The footer shows only the keys a reader needs to find their way (so it fits 80 columns); every
other key has ``show=False`` and is listed in help (``?``) and the palette.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import Binding, BindingType

_PAIR = Binding.Group("Pair", compact=True)
_DIVERGENCE = Binding.Group("Diff", compact=True)
_THRESHOLD = Binding.Group("Threshold", compact=True)


def _key(
    key: str,
    action: str,
    description: str,
    binding_id: str,
    tooltip: str = "",
    *,
    show: bool = True,
    group: Binding.Group | None = None,
    key_display: str | None = None,
) -> Binding:
    return Binding(
        key,
        action,
        description,
        show=show,
        key_display=key_display,
        tooltip=tooltip or description,
        id=binding_id,
        group=group,
    )


APP_BINDINGS: list[BindingType] = [
    _key("e", "event_view", "Event", "event_view", "Every outlet's passage for this event"),
    _key("o", "overview", "Overview", "overview", "Events by outlets: who reports what"),
    _key(
        "t",
        "timeline",
        "Timeline",
        "timeline",
        "Events by date, each with its outlets' passages and who omits it or came before",
        show=False,
    ),
    _key("question_mark", "help", "Help", "help", "Keys, colour legend and loading problems"),
    _key("q", "quit", "Quit", "quit"),
    _key(
        "S",
        "pick_story",
        "Stories",
        "pick_story",
        "The stories among the articles given: align and show another",
        show=False,
    ),
    _key(
        "A",
        "annotations",
        "Notes",
        "annotations",
        "All annotations: filter, go to the pair, edit, delete",
        show=False,
    ),
    _key(
        "plus",
        "threshold(0.05)",
        "Threshold",
        "threshold_up",
        "Raise the match threshold and re-align",
        group=_THRESHOLD,
        show=False,
    ),
    _key(
        "minus",
        "threshold(-0.05)",
        "Threshold",
        "threshold_down",
        "Lower the match threshold and re-align",
        group=_THRESHOLD,
        show=False,
    ),
]

PAIR_VIEW_BINDINGS: list[BindingType] = [
    _key("n", "step_pair(1)", "Pair", "next_pair", "Next aligned pair", group=_PAIR),
    _key("p", "step_pair(-1)", "Pair", "prev_pair", "Previous aligned pair", group=_PAIR),
    _key(
        "right_square_bracket",
        "step_divergence(1)",
        "Diff",
        "next_divergence",
        "Next divergence",
        group=_DIVERGENCE,
    ),
    _key(
        "left_square_bracket",
        "step_divergence(-1)",
        "Diff",
        "prev_divergence",
        "Previous divergence",
        group=_DIVERGENCE,
    ),
    _key("a", "annotate", "Note", "annotate", "Label and note the current pair (saved at once)"),
    _key(
        "i",
        "toggle_explain",
        "Explain",
        "toggle_explain",
        "Explain the current pair: score, relation, every divergence in full, shared words",
    ),
    _key(
        "g",
        "pick_outlet",
        "Outlets",
        "pick_outlet",
        "Every article (outlet, date, title): show one in the active column",
    ),
    _key(
        "u",
        "open_url",
        "URL",
        "open_url",
        "Open the active column's article URL in the browser (and copy it)",
        show=False,
    ),
    _key(
        "l",
        "link",
        "Link",
        "link_passages",
        "Link two passages the engine missed: l, pick one in each column, l",
        show=False,
    ),
    _key(
        "x",
        "reject_pair",
        "Reject",
        "reject_pair",
        "Mark the current pair as wrong (hides it)",
        show=False,
    ),
    _key("slash", "search", "Search", "search", "Find passages in every article", show=False),
    _key(
        "s",
        "toggle_sync",
        "Sync",
        "toggle_sync",
        "Keep the counterpart in view on scroll",
        show=False,
    ),
    _key(
        "escape",
        "close_search",
        "Close search",
        "close_search",
        "Close the search box; cancel picking a link",
        show=False,
    ),
]

COLUMN_BINDINGS: list[BindingType] = [
    _key("tab", "switch_column", "Column", "switch_column", "Switch the active column", show=False),
    _key("down,j", "scroll(1)", "Scroll down", "scroll_down", show=False),
    _key("up,k", "scroll(-1)", "Scroll up", "scroll_up", show=False),
    _key("pagedown", "scroll_page(1)", "Page down", "page_down", show=False),
    _key("pageup", "scroll_page(-1)", "Page up", "page_up", show=False),
    _key("home", "scroll_edge(0)", "Top", "first_row", "Top of the column", show=False),
    _key("end", "scroll_edge(1)", "Bottom", "last_row", "End of the column", show=False),
    *(
        _key(
            str(n),
            f"pick_article({n})",
            "Article",
            f"article_{n}",
            f"Show article {n} in the active column",
            show=False,
        )
        for n in range(1, 10)
    ),
]

EVENT_VIEW_BINDINGS: list[BindingType] = [
    _key("n", "step_event(1)", "Event", "next_pair", "Next event", group=_PAIR),
    _key("p", "step_event(-1)", "Event", "prev_pair", "Previous event", group=_PAIR),
    _key("escape", "app.pop_screen", "Back", "back", "Back to the pair view"),
    _key("down,j", "scroll_down", "Scroll down", "scroll_down", show=False),
    _key("up,k", "scroll_up", "Scroll up", "scroll_up", show=False),
]

OVERVIEW_BINDINGS: list[BindingType] = [
    _key("escape", "app.pop_screen", "Back", "back", "Back to the pair view"),
]

TIMELINE_BINDINGS: list[BindingType] = [
    _key("escape", "app.pop_screen", "Back", "back", "Back to the pair view"),
]

#: The overview grid's own keys (listed in help; "open_event" is remappable).
OVERVIEW_GRID_BINDINGS: list[BindingType] = [
    _key("enter", "select", "Open", "open_event", "Open the event under the cursor"),
    _key("down,j", "cursor(1)", "Down", "scroll_down", show=False),
    _key("up,k", "cursor(-1)", "Up", "scroll_up", show=False),
    _key("right,l", "scroll_cells(1)", "Right", "scroll_right", "Scroll outlets right", show=False),
    _key("left,h", "scroll_cells(-1)", "Left", "scroll_left", "Scroll outlets left", show=False),
    _key("pagedown", "page(1)", "Page down", "page_down", show=False),
    _key("pageup", "page(-1)", "Page up", "page_up", show=False),
    _key("home", "jump(0)", "First", "first_row", "First event", show=False),
    _key("end", "jump(-1)", "Last", "last_row", "Last event", show=False),
]

# The annotation screens import their bindings from here, so listing every key (help,
# remaps) does not import those screens before the first paint.
FORM_BINDINGS: list[BindingType] = [
    Binding("ctrl+s", "save", "Save", id="annotation_save", tooltip="Save the annotation"),
    Binding("escape", "cancel", "Cancel", id="annotation_cancel", tooltip="Close without saving"),
]

ANNOTATIONS_BINDINGS: list[BindingType] = [
    Binding("enter", "jump", "Go to pair", id="annotations_jump", tooltip="Show this pair"),
    Binding("e", "edit", "Edit", id="annotations_edit", tooltip="Edit label and note"),
    Binding("d", "delete", "Delete", id="annotations_delete", tooltip="Delete (asks first)"),
    Binding("slash", "filter", "Filter", id="annotations_filter", tooltip="Filter by label/outlet"),
    Binding("escape", "close", "Back", id="annotations_close", tooltip="Back to the reader"),
]

CONFIRM_BINDINGS: list[BindingType] = [
    Binding("y", "confirm", "Delete", id="annotations_confirm_delete"),
    Binding("n,escape", "cancel", "Keep", id="annotations_keep"),
]

PICKER_BINDINGS: list[BindingType] = [
    _key("escape", "cancel", "Back", "picker_cancel", "Close the outlet list"),
]

STORY_PICKER_BINDINGS: list[BindingType] = [
    _key("escape", "cancel", "Back", "story_picker_cancel", "Close the story list"),
]

HELP_BINDINGS: list[BindingType] = [
    _key("escape", "app.pop_screen", "Back", "back", "Close this screen"),
]

#: Bindings by where they apply, for the help screen.
SCOPES: Mapping[str, list[BindingType]] = {
    "everywhere": APP_BINDINGS,
    "pair view": PAIR_VIEW_BINDINGS + COLUMN_BINDINGS,
    "event view": EVENT_VIEW_BINDINGS,
    "overview": OVERVIEW_BINDINGS + OVERVIEW_GRID_BINDINGS,
    "timeline": TIMELINE_BINDINGS,
    "help": HELP_BINDINGS,
    "outlet list": PICKER_BINDINGS,
    "story list": STORY_PICKER_BINDINGS,
    "annotations": ANNOTATIONS_BINDINGS,
    "annotation form": FORM_BINDINGS,
    "delete confirmation": CONFIRM_BINDINGS,
}


def all_bindings() -> list[tuple[str, Binding]]:
    """(scope, binding) for every binding, in help-screen order."""
    return [
        (scope, b) for scope, bindings in SCOPES.items() for b in bindings if isinstance(b, Binding)
    ]


def binding_ids() -> frozenset[str]:
    """Every id ``keys:`` in config.yaml may remap."""
    return frozenset(b.id for _, b in all_bindings() if b.id)


def binding_by_id(binding_id: str) -> Binding | None:
    """The first binding with this id (ids shared by views, like ``next_pair``, have one key)."""
    return next((b for _, b in all_bindings() if b.id == binding_id), None)
