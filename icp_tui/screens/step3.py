"""Step 3: how the best accounts behave (psychographics), rated one keystroke at a time."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from icp_tui.domain.attributes import Attribute, AttributeKind, AttributeType
from icp_tui.domain.models import AccountTier
from icp_tui.screens.evidence_step import EvidenceStepScreen
from icp_tui.screens.profile_forms import AttributeForm
from icp_tui.screens.step_base import STEP_SHORT_TITLES
from icp_tui.widgets.checklist import ChecklistItem
from icp_tui.widgets.evidence_table import EvidenceTable
from icp_tui.widgets.rating_grid import RatingGrid

GRID_ORDER = {
    AccountTier.BEST: 0,
    AccountTier.NEAR_MISS: 1,
    AccountTier.POOR: 2,
    AccountTier.OTHER: 3,
}


class Step3Screen(EvidenceStepScreen):
    """Rate accounts on the behavioural axes, then compare the best accounts per axis."""

    STEP = 3
    KIND = AttributeKind.PSYCHOGRAPHIC
    SCREEN_NAME = f"Step 3: {STEP_SHORT_TITLES[3]}"
    GUIDANCE = (
        "Rate each account on each axis: move to a cell and press 1 to 5 (in the grid, "
        "digits rate instead of switching steps; Tab leaves the grid)."
    )
    CHECKLIST = (
        ChecklistItem("rate_best", "Rate every best and near-miss account on every axis"),
        ChecklistItem("rate_poor", "Rate the poor accounts too, to see what sets them apart"),
        ChecklistItem("own_axis", "Add an axis of your own if a trait matters in your market"),
        ChecklistItem("take", "Take one or two behavioural criteria into the profile"),
    )
    HELP = """\
Psychographics describe how an account behaves. Each axis is a scale from 1 to 5 between
two poles, for example 1 transactional efficiency and 5 long-term partnership.

**The grid** has one row per account and one column per axis. Move with the arrows and
press `1` to `5` to rate the account on the axis under the cursor; `x` clears a rating.
While the grid has focus, the digits rate: press Tab to leave the grid, then `1` to `5`
switch steps again.

**The table below** compares the best accounts per axis, with the verdict and the proposed
criterion: `t` takes the proposal into the profile draft, `w` writes your own.

`A` adds an axis or attribute of your own (a snake_case key, a label, a kind, a type, and
for a scale the meaning of 1 and of 5).
"""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("A", "add_attribute", "Add attribute", key_display="A"),
    ]

    def compose_main(self) -> ComposeResult:
        yield RatingGrid(id="ratings")
        yield EvidenceTable(id="evidence")

    def axes(self) -> list[Attribute]:
        return [
            a
            for a in self.store.catalogue().of_kind(AttributeKind.PSYCHOGRAPHIC)
            if a.type is AttributeType.SCALE
        ]

    def refresh_step(self) -> None:
        accounts = sorted(
            self.store.accounts(), key=lambda a: (GRID_ORDER[a.tier], a.name.casefold())
        )
        self.query_one(RatingGrid).show(accounts, self.axes())
        self.show_evidence()

    def evidence_summary(self) -> str:
        best, _poor = self.evidence_accounts()
        rated = sum(1 for account in best for axis in self.axes() if axis.key in account.traits)
        return f"{rated} of {len(best) * len(self.axes())} ratings of the best accounts given."

    def on_rating_grid_rated(self, event: RatingGrid.Rated) -> None:
        account = self.store.account(event.account_id)
        if account is None:
            return
        traits = {k: v for k, v in account.traits.items() if k != event.attribute_key}
        if event.rating is not None:
            traits[event.attribute_key] = event.rating
        self.save(lambda: self.store.save_account(account.model_copy(update={"traits": traits})))
        self.refresh_step()

    def action_add_attribute(self) -> None:
        self.app.push_screen(
            AttributeForm(self.store.add_attribute, AttributeKind.PSYCHOGRAPHIC),
            lambda _added: self.refresh_step(),
        )
