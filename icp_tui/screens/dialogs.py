"""Modal dialogs: a confirmation and the base of every form.

A form checks what was typed and saves it through a callback. If either step fails, the
message appears inside the form with the field and the value, and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, Generic, TypeVar

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from icp_tui.domain.attributes import SCALE_MAX, SCALE_MIN
from icp_tui.domain.errors import InvalidInput, describe_validation_error
from icp_tui.domain.numbers import NumberFormatError, parse_number
from icp_tui.screens.base import FIELD_TAB_BINDINGS
from icp_tui.store import StoreError
from icp_tui.widgets.literal import literal

ResultT = TypeVar("ResultT")


class ConfirmScreen(ModalScreen[bool]):
    """Ask a yes/no question; `y` or Enter confirms, `n` or Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "Cancel"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(literal(self.question), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Yes (y)", id="yes", variant="error")
                yield Button("No (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class FormScreen(ModalScreen[ResultT | None], Generic[ResultT]):
    """A modal form: `build` turns the fields into a value, `save` stores it.

    Enter in the last field or ctrl+s saves; Escape cancels without saving anything.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "submit", "Save"),
        *FIELD_TAB_BINDINGS,
    ]
    FIRST_FIELD: ClassVar[str] = "name"
    """Id of the field that has focus when the form opens."""

    def __init__(self, title: str, save: Callable[[ResultT], object]) -> None:
        super().__init__()
        self.form_title = title
        self._save = save

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Static(literal(self.form_title), classes="dialog-title")
            with VerticalScroll(classes="form-fields"):
                yield from self.compose_fields()
            yield Static("", id="form-error", classes="form-error")
            yield Static(
                "Enter: next field, or save from the last one   ctrl+s: save   Escape: cancel",
                classes="hint",
            )

    def compose_fields(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        # The fields are missing when the app quits while the form opens; nothing to focus.
        for field in self.query(f"#{self.FIRST_FIELD}"):
            field.focus()

    def build(self) -> ResultT:
        """Return the value the fields describe; raise InvalidInput naming a bad field."""
        raise NotImplementedError

    def on_input_submitted(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input))
        if event.input is inputs[-1]:
            self.action_submit()
        else:
            self.focus_next()

    def action_submit(self) -> None:
        try:
            value = self.build()
            self._save(value)
        except ValidationError as error:
            self.show_error(describe_validation_error(error))
            return
        except (InvalidInput, StoreError, ValueError) as error:
            self.show_error(str(error))
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def show_error(self, message: str) -> None:
        error = self.query_one("#form-error", Static)
        error.update(literal(f"Not saved: {message}"))
        error.add_class("shown")


def labelled_input(
    label: str, value: str, field_id: str, *, placeholder: str = ""
) -> ComposeResult:
    """Yield one form field: its label beside a one-line input.

    The input selects its text when it gets focus, so typing replaces a value such as a
    default weight instead of adding to it.
    """
    yield Horizontal(
        Label(label, classes="field-label"),
        Input(value, id=field_id, placeholder=placeholder, compact=True),
        classes="field-row",
    )


def labelled_select(label: str, widget: Widget) -> ComposeResult:
    """Yield one form field: its label beside a one-line choice."""
    yield Horizontal(Label(label, classes="field-label"), widget, classes="field-row")


def optional_number(text: str, field: str) -> float | None:
    """Read a number typed in a field; empty means not given. Raise InvalidInput naming it."""
    if not text.strip():
        return None
    try:
        return parse_number(text)
    except NumberFormatError as error:
        raise InvalidInput(f"{field}: {error}") from error


def optional_count(text: str, field: str) -> int | None:
    """Read a whole number of 0 or more; empty means not given."""
    value = optional_number(text, field)
    if value is None:
        return None
    if value != int(value) or value < 0:
        raise InvalidInput(f"{field}: {text.strip()!r} is not a whole number of 0 or more")
    return int(value)


def optional_rating(text: str, field: str) -> int | None:
    """Read a rating from 1 to 5; empty means not given."""
    value = optional_number(text, field)
    if value is None:
        return None
    if value != int(value) or not SCALE_MIN <= value <= SCALE_MAX:
        raise InvalidInput(
            f"{field}: {text.strip()!r} is not a whole number from {SCALE_MIN} to {SCALE_MAX}"
        )
    return int(value)


def number_text(value: float | int | None) -> str:
    """Return a stored number as a field shows it: no thousands separator, no needless .0."""
    if value is None:
        return ""
    if value == int(value):
        return str(int(value))
    return str(value)


class NameForm(FormScreen[str]):
    """Ask for one name, such as a new prospect's; `save` may reject it (a taken name)."""

    def __init__(self, title: str, save: Callable[[str], object], name: str = "") -> None:
        super().__init__(title, save)
        self.initial_name = name

    def compose_fields(self) -> ComposeResult:
        yield from labelled_input("Name", self.initial_name, "name")

    def build(self) -> str:
        name = " ".join(self.query_one("#name", Input).value.split())
        if not name:
            raise InvalidInput("Name: a name is needed")
        return name
