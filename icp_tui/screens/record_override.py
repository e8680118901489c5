"""The modal that sets a characteristic's state by hand, with the reason for it."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from icp_tui.domain.models import Override, State
from icp_tui.domain.scoring import CharacteristicResult
from icp_tui.widgets.fit_meter import state_text
from icp_tui.widgets.literal import literal


class OverrideScreen(ModalScreen[Override | None]):
    """Choose a state, then give a reason; Enter in the reason saves, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, result: CharacteristicResult) -> None:
        super().__init__()
        self.result = result

    def compose(self) -> ComposeResult:
        result = self.result
        current = result.override
        with Vertical(id="override-dialog"):
            title = Text("Set by hand: ")
            title.append_text(literal(result.characteristic.label, "bold"))
            yield Static(title)
            computed = Text("Computed from the traits: ")
            computed.append_text(state_text(result.computed))
            yield Static(computed)
            states = OptionList(
                *[Option(state_text(state), id=state.value) for state in State],
                id="override-state",
                compact=True,
            )
            chosen = current.state if current is not None else _opposite(result.computed)
            states.highlighted = list(State).index(chosen)
            yield states
            yield Label("Reason (required), Enter saves:")
            yield Input(
                current.reason if current is not None else "",
                id="override-reason",
                compact=True,
                placeholder="e.g. confirmed on the call with their CFO",
            )
            yield Static("", id="override-error", markup=False)

    def on_mount(self) -> None:
        self.query_one("#override-state", OptionList).focus()

    @on(OptionList.OptionSelected, "#override-state")
    def _state_chosen(self) -> None:
        self.query_one("#override-reason", Input).focus()

    @on(Input.Submitted, "#override-reason")
    def _reason_submitted(self, event: Input.Submitted) -> None:
        states = self.query_one("#override-state", OptionList)
        index = states.highlighted if states.highlighted is not None else 0
        try:
            override = Override(state=list(State)[index], reason=event.value)
        except ValueError:
            self.query_one("#override-error", Static).update(
                "Reason: an override needs a reason; type why you set this state."
            )
            return
        self.dismiss(override)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _opposite(computed: State) -> State:
    """Return the state most often set by hand over a computed one, to start the list at."""
    return State.MISMATCH if computed is State.MATCH else State.MATCH
