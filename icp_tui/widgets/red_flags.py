"""The Red Flag panel: every mismatch and unknown, each with its strategy edited in place."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static, TextArea

from icp_tui.domain.scoring import RedFlag, Score
from icp_tui.widgets.fit_meter import state_text
from icp_tui.widgets.literal import literal


class StrategyArea(TextArea):
    """The multi-line strategy (alternate position) of one red flag."""

    def __init__(self, attribute: str, text: str) -> None:
        super().__init__(
            text,
            id=f"strategy-{attribute}",
            classes="strategy",
            soft_wrap=True,
            compact=True,
            show_line_numbers=False,
            placeholder="Strategy: how to handle this on the next call",
        )
        self.attribute = attribute


class FlagItem(Vertical):
    """One red flag: its reason, label and friction mark, above its strategy."""

    def __init__(self, flag: RedFlag) -> None:
        super().__init__(id=f"flag-{flag.attribute}", classes="flag")
        self.flag = flag
        # Created here rather than in compose so that `show` works before the item is mounted.
        self._heading = Static(self.heading(flag), classes="flag-heading")

    def compose(self) -> ComposeResult:
        yield self._heading
        yield StrategyArea(self.flag.attribute, self.flag.strategy)

    def show(self, flag: RedFlag) -> None:
        self.flag = flag
        self._heading.update(self.heading(flag))

    @staticmethod
    def heading(flag: RedFlag) -> Text:
        text = state_text(flag.reason)
        text.append(" ")
        text.append_text(literal(flag.label, "bold"))
        if flag.friction:
            text.append(" [friction]", style="reverse")
        if flag.overridden:
            text.append(" (set by hand)", style="italic")
        return text


class RedFlagPanel(VerticalScroll):
    """Red flags of one record, in profile order, with the count still without a strategy."""

    @dataclass
    class StrategyEdited(Message):
        """The user changed the strategy of the flag on `attribute`."""

        attribute: str
        text: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Red flags"
        self._items: dict[str, FlagItem] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="flags-summary")

    def show(self, score: Score | None) -> None:
        """Show the flags of `score`; items of flags that stay keep their editors and focus."""
        flags = score.red_flags if score is not None else ()
        unplanned = sum(1 for flag in flags if not flag.planned)
        if not flags:
            summary = "No red flags." if score is not None and score.results else ""
        else:
            summary = f"{len(flags)} red flags, {unplanned} without a strategy"
        self.query_one("#flags-summary", Static).update(summary)
        self.border_subtitle = f"{unplanned} without strategy" if unplanned else ""

        wanted = {flag.attribute: flag for flag in flags}
        for attribute in [a for a in self._items if a not in wanted]:
            self._items.pop(attribute).remove()
        following: FlagItem | None = None
        # Walk backwards so that each new item is mounted before the next flag in profile
        # order, which keeps the panel in the same order as the meter.
        for flag in reversed(flags):
            item = self._items.get(flag.attribute)
            if item is None:
                item = FlagItem(flag)
                self._items[flag.attribute] = item
                if following is None:
                    self.mount(item)
                else:
                    self.mount(item, before=following)
            else:
                item.show(flag)
            following = item

    @on(TextArea.Changed, ".strategy")
    def _strategy_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        area = event.text_area
        assert isinstance(area, StrategyArea)
        item = self._items.get(area.attribute)
        if item is not None and item.flag.strategy != area.text:
            self.post_message(self.StrategyEdited(area.attribute, area.text))
