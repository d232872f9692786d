"""The small form ``a`` opens on the current pair: a label and a free-text note.

Both passages are shown above the form so the reader judges what they are labelling. Article
and note text is shown as plain ``Content`` (never parsed as markup). The keyboard starts in the
note, so what a first-time user types after ``a`` lands there; no label is chosen until the user
picks one (tab, arrows, enter): a note without a label is allowed. Enter never submits or loses
anything: in the note it starts a new line, on a label it picks that label; ``ctrl+s`` saves and
``escape`` cancels. The app turns the result into an ``Annotation`` and saves it.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, RadioButton, RadioSet, Static, TextArea

from newscompare.app.keys import FORM_BINDINGS
from newscompare.app.render import display_text, plain
from newscompare.core.annotations.records import AnnotationInput

#: Shown for links, whose label is optional.
NO_LABEL = "(no label)"

#: What the form says under the note.
HINT = "type the note (enter: new line) · tab: label · ctrl+s saves · esc cancels"


class AnnotationForm(ModalScreen[AnnotationInput | None]):
    """Label and note for a pair; dismisses with ``AnnotationInput`` or ``None`` (cancelled)."""

    BINDINGS = FORM_BINDINGS
    #: The reader's own keys (quit, views, re-align) are off while this is open, so a letter
    #: typed here never closes it (``NewsCompareApp.check_action``).
    TRAPS_APP_KEYS = True

    DEFAULT_CSS = """
    AnnotationForm { align: center middle; }
    AnnotationForm #annotation-box {
        width: 90%; max-width: 120; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1; overflow-y: auto;
    }
    AnnotationForm #annotation-title { text-style: bold; }
    AnnotationForm #annotation-passages { height: auto; max-height: 8; }
    AnnotationForm .annotation-side { width: 1fr; height: auto; max-height: 8; padding: 0 1; }
    AnnotationForm .annotation-outlet { text-style: bold; color: $text-accent; }
    AnnotationForm #annotation-labels {
        width: 100%; height: auto; layout: grid; grid-size: 3; grid-rows: 1;
    }
    AnnotationForm #annotation-note { height: 5; }
    AnnotationForm #annotation-buttons { height: auto; }
    AnnotationForm #annotation-hint { width: 1fr; color: $text-muted; padding: 1 0; }
    AnnotationForm #annotation-buttons Button { margin-left: 2; }
    """

    def __init__(
        self,
        outlet_a: str,
        text_a: str,
        outlet_b: str,
        text_b: str,
        labels: Sequence[str],
        initial: AnnotationInput | None = None,
        *,
        title: str = "Annotate this pair",
        label_optional: bool = False,
    ) -> None:
        super().__init__(id="annotation-form")
        self.outlet_a, self.text_a = outlet_a, text_a
        self.outlet_b, self.text_b = outlet_b, text_b
        self.form_title = title
        choices = list(dict.fromkeys(labels))
        if initial is not None and initial.label and initial.label not in choices:
            choices.append(initial.label)  # a label since removed from config.yaml stays
        if label_optional:
            choices.insert(0, NO_LABEL)
        self.choices = choices
        self.initial = initial or AnnotationInput(label="", note="")

    def compose(self) -> ComposeResult:
        with Vertical(id="annotation-box"):
            yield Static(plain(self.form_title), id="annotation-title")
            with Horizontal(id="annotation-passages"):
                for side, outlet, text in (
                    ("a", self.outlet_a, self.text_a),
                    ("b", self.outlet_b, self.text_b),
                ):
                    with VerticalScroll(classes="annotation-side", id=f"annotation-side-{side}"):
                        yield Static(plain(outlet), classes="annotation-outlet")
                        yield Static(plain(text), id=f"annotation-text-{side}")
            # A note from the file is untrusted text: a TextArea writes it to the terminal as it
            # is, so its control characters are shown as symbols first (saved that way too).
            note = TextArea(display_text(self.initial.note), id="annotation-note", soft_wrap=True)
            note.border_title = "Note"
            yield note
            selected = self._initial_choice()
            with RadioSet(id="annotation-labels") as labels:
                labels.border_title = "Label (optional)"
                for n, choice in enumerate(self.choices):
                    yield RadioButton(plain(choice), value=n == selected, name=choice)
            with Horizontal(id="annotation-buttons"):
                yield Static(plain(HINT), id="annotation-hint")
                yield Button("Save", variant="primary", id="annotation-save")
                yield Button("Cancel", id="annotation-cancel")

    def _initial_choice(self) -> int | None:
        """The label already on the record; None (nothing chosen) for a new annotation."""
        if self.initial.label and self.initial.label in self.choices:
            return self.choices.index(self.initial.label)
        return None

    def on_mount(self) -> None:
        labels = self.query_one(RadioSet)
        # Start the keyboard highlight on the current label, not the first one (RadioSet has no
        # public setter for it; the version is pinned and the form tests cover this).
        labels._selected = self._initial_choice() or 0
        note = self.query_one(TextArea)
        note.move_cursor(note.document.end)
        note.focus()

    def type_ahead(self, character: str) -> None:
        """A letter no widget took (``NewsCompareApp.on_key``): typed right after ``a``, it
        reached a widget before the note had focus, and belongs in the note, unless the user
        has moved on to the labels or buttons."""
        if not isinstance(self.focused, (RadioSet, Button)):
            self.query_one(TextArea).insert(character)

    @property
    def current(self) -> AnnotationInput:
        """What the form holds now."""
        radio = self.query_one(RadioSet)
        index = radio.pressed_index
        label = self.choices[index] if 0 <= index < len(self.choices) else ""
        if label == NO_LABEL:
            label = ""
        text = self.query_one(TextArea).text
        # An unchanged note stays exactly as saved; an edited one is saved as shown.
        note = self.initial.note if text == display_text(self.initial.note) else text
        return AnnotationInput(label=label, note=note)

    def action_save(self) -> None:
        self.dismiss(self.current)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "annotation-save":
            self.action_save()
        else:
            self.action_cancel()
