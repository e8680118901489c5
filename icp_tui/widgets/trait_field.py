"""One trait of a record, edited in a field that fits its attribute type.

Numbers accept what people type ("1,200", "5M", "12.5 million") and show how they were
read. Categories complete from values already in the workspace. Scales take 1 to 5, typed
or stepped with the left and right arrows. A field reports `TraitField.Edited` only for a
valid value or for an emptied field, which makes the trait unknown. Invalid text gets a
message under the field and reports nothing. Leaving the field with such text puts back
the value it had before the edit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static

from icp_tui.domain.attributes import (
    NUMBER_MAX,
    SCALE_MAX,
    SCALE_MIN,
    Attribute,
    AttributeType,
    TraitValue,
)
from icp_tui.domain.numbers import NumberFormatError, describe_number, parse_number
from icp_tui.widgets.literal import literal

NUMBER_HINT = "e.g. 1,200 or 5M or 10k"
"""Status line of a focused number field whose text is already in the plain form."""

CATEGORY_HINT = "right arrow accepts a suggestion"
"""Status line of a focused category field that has values to suggest."""

SCALE_START = 3
"""The value the arrows start from on an empty scale: the middle, so one step reaches 2 or 4."""


def format_trait(attribute: Attribute, value: TraitValue | None) -> str:
    """Return a stored value as the field shows it."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if attribute.type is AttributeType.SCALE:
        return str(int(value))
    return describe_number(value)


def read_trait(attribute: Attribute, text: str) -> TraitValue | None:
    """Read field text as a value of `attribute`; empty text is None (unknown).

    Raise ValueError with a message that names the attribute and the value.
    """
    if not text.strip():
        return None
    if attribute.type is AttributeType.CATEGORY:
        return attribute.check_value(text)
    if attribute.type is AttributeType.SCALE:
        if text.strip() not in {str(n) for n in range(SCALE_MIN, SCALE_MAX + 1)}:
            raise ValueError(
                f"{attribute.label}: {text.strip()!r} is not on the scale; "
                f"type {SCALE_MIN} to {SCALE_MAX} or use the arrows"
            )
        return attribute.check_value(int(text))
    try:
        number = parse_number(text)
    except NumberFormatError as error:
        raise ValueError(f"{attribute.label}: {error}") from None
    try:
        return attribute.check_value(number)
    except ValueError:
        # The attribute's own message shows the number as read (a float). The person
        # typed text, so the message quotes that.
        if number < 0:
            reason = "is negative; use 0 or more"
        else:
            reason = f"is too large; the largest accepted value is {describe_number(NUMBER_MAX)}"
        raise ValueError(f"{attribute.label}: {text.strip()!r} {reason}") from None


class ScaleInput(Input):
    """A one-character input for a 1 to 5 scale: a typed character replaces the value."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "step(-1)", "Lower", show=False),
        Binding("right", "step(1)", "Higher", show=False),
    ]

    def action_step(self, delta: int) -> None:
        current = self.value.strip()
        if current.isdigit() and SCALE_MIN <= int(current) <= SCALE_MAX:
            target = min(max(int(current) + delta, SCALE_MIN), SCALE_MAX)
        else:
            target = SCALE_START
        self.value = str(target)
        self.cursor_position = len(self.value)

    async def _on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character is not None:
            # Replacing rather than inserting means one keystroke changes a rating.
            event.stop()
            event.prevent_default()
            self.value = event.character
            self.cursor_position = len(self.value)


class TraitField(Vertical):
    """A label, an input fitted to the attribute type, and a line for reading or errors."""

    class Edited(Message):
        """The trait on `attribute` now has `value` (None: unknown); already validated."""

        def __init__(self, field: TraitField, attribute: str, value: TraitValue | None) -> None:
            super().__init__()
            self.field = field
            self.attribute = attribute
            self.value = value

        def can_replace(self, message: Message) -> bool:
            # A newer value of the same trait makes an older queued one pointless.
            return isinstance(message, TraitField.Edited) and message.attribute == self.attribute

    def __init__(
        self,
        attribute: Attribute,
        value: TraitValue | None,
        *,
        suggestions: Sequence[str] = (),
        in_profile: bool = False,
        on_edit: Callable[[TraitField.Edited], None] | None = None,
    ) -> None:
        """`on_edit`, when given, receives each edit at once instead of a posted message."""
        super().__init__(id=f"field-{attribute.key}", classes="trait-field")
        self.attribute = attribute
        self._on_edit = on_edit
        self.saved_text = format_trait(attribute, value)
        self._suggestions = suggestions
        self._status = ""
        self._text_at_focus = self.saved_text
        self._error = ""
        """The reason the field's current text cannot be read, or empty when it can."""
        """The field's text when it last took focus: what an unreadable edit goes back to."""
        self.set_class(in_profile, "in-profile")

    def compose(self) -> ComposeResult:
        attribute = self.attribute
        input_id = f"trait-{attribute.key}"
        # A grid places the label beside the input without a row container, because each
        # widget in the area a keystroke redraws adds to every frame's cost.
        yield Label(literal(attribute.label), classes="trait-label")
        if attribute.type is AttributeType.SCALE:
            yield ScaleInput(
                self.saved_text, id=input_id, compact=True, placeholder="1-5", max_length=1
            )
        elif attribute.type is AttributeType.CATEGORY:
            suggester = SuggestFromList(self._suggestions, case_sensitive=False)
            yield Input(self.saved_text, id=input_id, compact=True, suggester=suggester)
        else:
            # Only amounts of money run to millions, so "5M" would mislead for months.
            money = "currency" in attribute.description
            placeholder = "e.g. 5M" if money else "a number"
            yield Input(self.saved_text, id=input_id, compact=True, placeholder=placeholder)
        yield Static("", classes="trait-status", markup=False)

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    def _set_status(self, text: str, *, error: bool = False) -> None:
        if text == self._status and error == self.has_class("-invalid"):
            return
        status = self.query_one(".trait-status", Static)
        # A layout pass redraws the whole screen, so it is asked for only when the status
        # line appears, disappears, or shows an error that may wrap to more lines.
        needs_layout = bool(text) != bool(self._status) or error or self.has_class("-invalid")
        self._status = text
        status.update(text, layout=needs_layout)
        status.set_class(bool(text), "-shown")
        self.set_class(error, "-invalid")

    def on_mount(self) -> None:
        # A watcher runs inside the keystroke's own handler, before the screen can draw. A
        # posted message would reach the screen after the frame that shows the new text, and
        # the meter would change one frame (16 ms or more) later.
        self.watch(self.input, "value", self._value_changed, init=False)

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        # The value watcher has already handled the change.
        event.stop()

    def _value_changed(self, text: str) -> None:
        try:
            value = read_trait(self.attribute, text)
        except ValueError as error:
            self._error = str(error)
            before = self._text_at_focus.strip() or "unknown"
            self._set_status(f"{error}; leaving the field puts back {before}", error=True)
            if self.saved_text != self._text_at_focus:
                # Typing "12abc" saved 12 on the way. While the text cannot be read, the
                # meter and the store show the value from before the edit instead.
                self.saved_text = self._text_at_focus
                self._report(read_trait(self.attribute, self._text_at_focus))
            return
        self._error = ""
        self._set_status(self._hint(text, value))
        if text != self.saved_text:
            self.saved_text = text
            self._report(value)

    def _report(self, value: TraitValue | None) -> None:
        edit = self.Edited(self, self.attribute.key, value)
        if self._on_edit is not None:
            self._on_edit(edit)
        else:
            self.post_message(edit)

    @on(Input.Submitted)
    def _input_submitted(self, event: Input.Submitted) -> None:
        # Enter moves on to the next field, as Tab does; the value is already saved.
        event.stop()
        self.screen.focus_next()

    def _hint(self, text: str, value: TraitValue | None) -> str:
        """Return the status line of a focused field holding valid `text`; empty otherwise.

        The line stays shown while the field has focus, so typing changes its text but not
        the screen's layout, which would cost a redraw of the whole screen per keystroke.
        """
        if not self.has_focus_within:
            return ""
        if self.attribute.type is AttributeType.SCALE:
            return self._poles()
        if self.attribute.type is AttributeType.NUMBER:
            if value is not None and text.strip() != describe_number(float(value)):
                return f"read as {describe_number(float(value))}"
            return NUMBER_HINT
        return CATEGORY_HINT if self._suggestions else ""

    def _poles(self) -> str:
        attribute = self.attribute
        if attribute.low_pole and attribute.high_pole:
            return f"1 {attribute.low_pole} … 5 {attribute.high_pole}"
        return f"{SCALE_MIN} to {SCALE_MAX}, left and right arrows step"

    def _current(self) -> TraitValue | None:
        try:
            return read_trait(self.attribute, self.input.value)
        except ValueError:
            return None

    def on_descendant_focus(self) -> None:
        if not self.has_class("-invalid"):
            self._text_at_focus = self.input.value
            self._set_status(self._hint(self.input.value, self._current()))

    def on_descendant_blur(self) -> None:
        if self.has_class("-invalid"):
            # Text that cannot be read abandons the whole edit: the value from before it is
            # already back in the store, and now the field shows it again too.
            error = self._error
            self.input.value = self._text_at_focus
            before = self._text_at_focus.strip() or "unknown"
            self.notify(f"{error}. Not kept: the value is back to {before}.", severity="warning")
            return
        self._set_status("")
        value = self._current()
        if self.attribute.type is AttributeType.NUMBER and value is not None:
            # Show the value as it was read ("5M" becomes "5,000,000"). The saved text is
            # set first, so the change this makes is not taken for a new edit.
            self.saved_text = format_trait(self.attribute, value)
            self.input.value = self.saved_text
