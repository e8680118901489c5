"""One prospect or past account: its traits, fit meter and red flags."""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from icp_tui.domain.scoring import ProfileScorer
from icp_tui.screens.base import IcpScreen
from icp_tui.widgets.literal import literal

RecordKind = Literal["prospect", "account"]


class RecordScreen(IcpScreen):
    """A prospect or a past account scored against the profile."""

    SCREEN_NAME = "Prospect"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, kind: RecordKind, record_id: str) -> None:
        super().__init__()
        self.kind = kind
        self.record_id = record_id

    def compose_body(self) -> ComposeResult:
        # TODO: the editor, live fit meter and red flag panel.
        yield Static(id="record-summary")

    def refresh_data(self) -> None:
        record = (
            self.store.prospect(self.record_id)
            if self.kind == "prospect"
            else self.store.account(self.record_id)
        )
        if record is None:
            return
        score = ProfileScorer(self.store.profile()).score(
            record.traits, record.overrides, record.strategies
        )
        summary = Text.assemble(
            literal(record.name, "bold"), f"\nFit {score.fit:.1f}% {score.tier}"
        )
        self.query_one("#record-summary", Static).update(summary)
