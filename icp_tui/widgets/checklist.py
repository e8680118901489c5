"""A step's checklist: a few concrete actions, each ticked with Space or Enter."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One action of a step's checklist; `item_id` is what the store keeps when ticked."""

    item_id: str
    text: str


def tick_prompt(item: ChecklistItem, ticked: bool) -> Text:
    """Return the item's line with a mark that reads without colour: `[x]` or `[ ]`."""
    mark = Text("[x] ", style="bold") if ticked else Text("[ ] ")
    return Text.assemble(mark, item.text)


class StepChecklist(OptionList):
    """The checklist of one step; posts `TickToggled` and waits for `show_ticks`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_tick", "Tick", key_display="space"),
        Binding("enter", "toggle_tick", "Tick", show=False),
    ]

    @dataclass
    class TickToggled(Message):
        """The user ticked or unticked an item; the screen saves it."""

        step: int
        item_id: str
        ticked: bool

    def __init__(self, step: int, items: Sequence[ChecklistItem], *, id: str | None = None) -> None:
        self.step = step
        self.items = tuple(items)
        self._ticked: set[str] = set()
        super().__init__(
            *[Option(tick_prompt(item, False), id=item.item_id) for item in self.items], id=id
        )
        self.border_title = "Checklist"

    def show_ticks(self, ticked: Sequence[str]) -> None:
        """Show the stored ticks; items the store does not mention are unticked."""
        self._ticked = set(ticked)
        for item in self.items:
            self.replace_option_prompt(item.item_id, tick_prompt(item, item.item_id in ticked))
        self.border_subtitle = f"{self.done_count} of {len(self.items)} done"

    @property
    def done_count(self) -> int:
        return sum(1 for item in self.items if item.item_id in self._ticked)

    def action_toggle_tick(self) -> None:
        if self.highlighted is None:
            return
        item = self.items[self.highlighted]
        self.post_message(
            self.TickToggled(self.step, item.item_id, item.item_id not in self._ticked)
        )
