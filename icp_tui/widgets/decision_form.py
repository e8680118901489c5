"""A prospect's decision, its reason and its funnel stage; no choice hides or removes it."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, Select

from icp_tui.domain.models import Decision, Prospect, Stage

DECISION_LABELS = {
    Decision.UNDECIDED: "Undecided",
    Decision.PURSUE: "Pursue",
    Decision.INVEST_LONG_TERM: "Invest long-term",
    Decision.DEPRIORITIZE: "Deprioritize",
}

STAGE_LABELS = {
    Stage.ABOVE_FUNNEL: "Above the funnel",
    Stage.IN_FUNNEL: "In the funnel",
    Stage.BEST_FEW: "Best few",
    Stage.WON: "Won",
    Stage.LOST: "Lost",
}


class DecisionForm(Vertical):
    """Decision, reason and stage of one prospect; posts `Edited` on every change."""

    @dataclass
    class Edited(Message):
        """The decision, its reason or the stage changed; all three are current."""

        decision: Decision
        reason: str
        stage: Stage

    def __init__(self, prospect: Prospect) -> None:
        super().__init__(id="decision-form")
        self._prospect = prospect
        self.border_title = "Decision"

    def compose(self) -> ComposeResult:
        prospect = self._prospect
        with Horizontal(classes="decision-row"):
            yield Label("Decision", classes="trait-label")
            yield Select(
                [(label, decision) for decision, label in DECISION_LABELS.items()],
                value=prospect.decision,
                allow_blank=False,
                compact=True,
                id="decision",
            )
        with Horizontal(classes="decision-row"):
            yield Label("Reason", classes="trait-label")
            yield Input(
                prospect.decision_reason,
                id="decision-reason",
                compact=True,
                placeholder="why this decision",
            )
        with Horizontal(classes="decision-row"):
            yield Label("Stage", classes="trait-label")
            yield Select(
                [(label, stage) for stage, label in STAGE_LABELS.items()],
                value=prospect.stage,
                allow_blank=False,
                compact=True,
                id="stage",
            )

    def _current(self) -> Edited:
        decision = self.query_one("#decision", Select).value
        stage = self.query_one("#stage", Select).value
        assert isinstance(decision, Decision) and isinstance(stage, Stage)
        reason = self.query_one("#decision-reason", Input).value
        return self.Edited(decision, reason, stage)

    @on(Select.Changed)
    @on(Input.Changed, "#decision-reason")
    def _changed(self, event: Select.Changed | Input.Changed) -> None:
        event.stop()
        current = self._current()
        prospect = self._prospect
        unchanged = (
            current.decision is prospect.decision
            and current.stage is prospect.stage
            and current.reason == prospect.decision_reason
        )
        if not unchanged:
            self._prospect = prospect.model_copy(
                update={
                    "decision": current.decision,
                    "stage": current.stage,
                    "decision_reason": current.reason,
                }
            )
            self.post_message(current)

    @on(Input.Submitted, "#decision-reason")
    def _reason_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()
