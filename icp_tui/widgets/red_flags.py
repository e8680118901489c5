"""The Red Flag panel: every mismatch and unknown, each with its strategy edited in place."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static, TextArea

from icp_tui.domain.import_report import counted
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
    """The red flag of one characteristic: reason, label and friction, above its strategy."""

    def __init__(self, attribute: str, strategy: str) -> None:
        super().__init__(id=f"flag-{attribute}", classes="flag")
        self.attribute = attribute
        self.flag: RedFlag | None = None
        self.strategy = strategy
        # Created here rather than in compose so that `show` works before the item is mounted.
        self._heading = Static("", classes="flag-heading")

    def compose(self) -> ComposeResult:
        yield self._heading
        yield StrategyArea(self.attribute, self.strategy)

    def show(self, flag: RedFlag) -> None:
        heading = self.heading(flag)
        if self.flag is None or heading != self.heading(self.flag):
            # Only a changed heading may wrap differently, so only then is a layout needed.
            self._heading.update(heading)
        self.flag = flag
        self.strategy = flag.strategy

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

    def show(self, score: Score | None, strategies: Mapping[str, str]) -> None:
        """Show the flags of `score`; `strategies` fills the editors of every characteristic.

        Editors keep their text and focus while flags come and go.
        """
        flags = score.red_flags if score is not None else ()
        unplanned = sum(1 for flag in flags if not flag.planned)
        if not flags:
            summary = "No red flags." if score is not None and score.results else ""
        else:
            summary = f"{counted(len(flags), 'red flag')}, {unplanned} without a strategy"
        # The summary is one line high, so new text never needs a layout pass.
        self.query_one("#flags-summary", Static).update(summary, layout=False)
        subtitle = f"{unplanned} without strategy" if unplanned else ""
        if subtitle != self.border_subtitle:
            # Setting it repaints the whole panel even when the text is the same.
            self.border_subtitle = subtitle

        # One item per characteristic is mounted once and hidden while its flag is down:
        # mounting a TextArea costs a second layout pass, and the editor keeps its text.
        attributes = [result.characteristic.attribute for result in score.results] if score else []
        if list(self._items) != attributes:
            for item in self._items.values():
                item.remove()
            self._items = {}
            for attribute in attributes:
                self._items[attribute] = FlagItem(attribute, strategies.get(attribute, ""))
            self.mount_all(self._items.values())
        raised = {flag.attribute: flag for flag in flags}
        for attribute, item in self._items.items():
            flag = raised.get(attribute)
            item.display = flag is not None
            if flag is not None:
                item.show(flag)

    @on(TextArea.Changed, ".strategy")
    def _strategy_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        area = event.text_area
        assert isinstance(area, StrategyArea)
        item = self._items.get(area.attribute)
        if item is not None and item.strategy != area.text:
            item.strategy = area.text
            self.post_message(self.StrategyEdited(area.attribute, area.text))
