"""Step 4: the five-characteristic profile, checked against the accounts as it is written."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from icp_tui.domain.attributes import AttributeKind
from icp_tui.domain.backtest import backtest, fit_chart
from icp_tui.domain.findings import workspace_findings
from icp_tui.domain.models import PROFILE_SIZE, AccountTier, Characteristic, Profile, Tiers
from icp_tui.domain.scoring import ProfileScorer
from icp_tui.screens.dialogs import ConfirmScreen
from icp_tui.screens.profile_draft import put_characteristic, remove_characteristic
from icp_tui.screens.profile_forms import CharacteristicForm, TiersForm
from icp_tui.screens.step_base import STEP_SHORT_TITLES, StepScreen
from icp_tui.widgets.checklist import ChecklistItem
from icp_tui.widgets.literal import literal
from icp_tui.widgets.marks import account_tier_text, state_text
from icp_tui.widgets.table_cells import cut, relayout_after_rebuild

LABEL_WIDTH = 30
CRITERION_WIDTH = 24
"""Slot columns are cut to these widths so the weight stays on an 80-column screen; the
profile card on the home screen shows whole labels."""
CHART_WIDTH = 10
"""Bar width of the backtest chart, so it fits the side panel on wide terminals."""

MATRIX_TIERS = (AccountTier.BEST, AccountTier.NEAR_MISS, AccountTier.POOR)


class Step4Screen(StepScreen):
    """Five slots, each an attribute, a criterion, a weight and a label; saved as edited."""

    STEP = 4
    SCREEN_NAME = f"Step 4: {STEP_SHORT_TITLES[4]}"
    GUIDANCE = (
        "Write exactly five characteristics, demographic and psychographic, that most best "
        "accounts meet and the poor ones do not. Every change is saved at once."
    )
    CHECKLIST = (
        ChecklistItem("five", "Fill all five slots"),
        ChecklistItem("mix", "Use at least one demographic and one psychographic criterion"),
        ChecklistItem("evidence", "Check each criterion holds for most best accounts"),
        ChecklistItem("poor", "Check the poor accounts do not come out as strong fits"),
        ChecklistItem("labels", "Give each criterion a short label you can say on a call"),
    )
    HELP = """\
The profile is five characteristics. Each is an attribute, a criterion (a set of values,
a range, or a threshold on a 1 to 5 scale), a weight and a short field-ready label such
as "Mid-market: 200 to 2,000 employees".

- `Enter` or `e` edits the slot under the cursor; `d` clears it (later slots move up).
- `t` edits the tier thresholds (strong, good and partial, in percent of fit).

The **matrix** shows every best, near-miss and poor account against each characteristic:
a check mark for a match, a cross for a mismatch and `?` for unknown, with the fit. Poor
accounts should score low; best accounts should match at least four of the five.

There is no save command: the profile is saved as you edit it, and every prospect is
rescored at once.
"""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit slot"),
        Binding("d", "clear", "Clear slot"),
        Binding("t", "tiers", "Tiers"),
    ]

    def compose_main(self) -> ComposeResult:
        slots: DataTable[Text] = DataTable(id="slots", cursor_type="row")
        slots.border_title = "Profile"
        yield slots
        matrix: DataTable[Text] = DataTable(id="matrix", cursor_type="row", zebra_stripes=True)
        matrix.border_title = "Accounts by characteristic"
        yield matrix

    def on_mount(self) -> None:
        slots = self.query_one("#slots", DataTable)
        slots.add_column("#", key="slot")
        slots.add_column("Label", key="label")
        slots.add_column("Kind", key="kind")
        slots.add_column("Criterion", key="criterion")
        slots.add_column("Wt", key="weight")

    def refresh_step(self) -> None:
        profile = self.store.profile()
        slots = self.query_one("#slots", DataTable)
        row = slots.cursor_row
        slots.clear()
        for index in range(PROFILE_SIZE):
            if index < len(profile.characteristics):
                c = profile.characteristics[index]
                slots.add_row(
                    Text(str(index + 1)),
                    cut(c.label, LABEL_WIDTH),
                    Text("demo" if c.dimension is AttributeKind.DEMOGRAPHIC else "psycho"),
                    cut(c.criterion.describe(), CRITERION_WIDTH),
                    Text(str(c.weight), justify="right"),
                    key=str(index),
                )
            else:
                slots.add_row(
                    Text(str(index + 1)),
                    Text("(empty: press Enter to write it)", style="italic"),
                    Text(""),
                    Text(""),
                    Text(""),
                    key=str(index),
                )
        slots.move_cursor(row=row)
        slots.border_subtitle = (
            f"tiers: strong {profile.tiers.strong:g}, good {profile.tiers.good:g}, "
            f"partial {profile.tiers.partial:g}"
        )
        self.show_matrix(profile)
        self.show_findings(profile)

    def show_matrix(self, profile: Profile) -> None:
        matrix = self.query_one("#matrix", DataTable)
        matrix.clear(columns=True)
        matrix.add_column("Account", key="name", width=18)
        matrix.add_column("Tier", key="tier")
        for index, _characteristic in enumerate(profile.characteristics):
            matrix.add_column(str(index + 1), key=str(index))
        matrix.add_column("Fit", key="fit")
        scorer = ProfileScorer(profile)
        accounts = [a for t in MATRIX_TIERS for a in self.store.accounts() if a.tier is t]
        for account in accounts:
            score = scorer.score(account.traits, account.overrides)
            matrix.add_row(
                literal(account.name),
                account_tier_text(account.tier),
                *[state_text(result.state, short=True) for result in score.results],
                Text(f"{score.fit:.0f}%", justify="right"),
                key=account.id,
            )
        relayout_after_rebuild(matrix)

    def show_findings(self, profile: Profile) -> None:
        demographic = sum(
            1 for c in profile.characteristics if c.dimension is AttributeKind.DEMOGRAPHIC
        )
        summary = Text(
            f"{len(profile.characteristics)} of {PROFILE_SIZE} written: {demographic} demographic, "
            f"{len(profile.characteristics) - demographic} psychographic."
        )
        accounts = self.store.accounts()
        result = backtest(profile, accounts)
        summary.append("\n" + result.summary())
        if result.separation is not None:
            summary.append("\n" + "\n".join(fit_chart(result, bar_width=CHART_WIDTH)), "dim")
        self.findings_panel.show(
            # The selection's findings come first, as `icp-tui check` lists them: a profile
            # is only as good as the accounts it was drawn from.
            summary,
            workspace_findings(profile, accounts, self.store.catalogue()),
        )

    def current_slot(self) -> int:
        return self.query_one("#slots", DataTable).cursor_row

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear" and self.current_slot() >= len(self.store.profile().characteristics):
            return None
        return True

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "slots":
            self.refresh_bindings()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "slots":
            self.action_edit()

    def action_edit(self) -> None:
        profile = self.store.profile()
        slot = min(self.current_slot(), len(profile.characteristics))
        existing = profile.characteristics[slot] if slot < len(profile.characteristics) else None

        def save(characteristic: Characteristic) -> None:
            self.store.save_profile(put_characteristic(self.store.profile(), characteristic, slot))

        self.app.push_screen(
            CharacteristicForm(slot + 1, self.store.catalogue(), save, existing),
            lambda _saved: self.refresh_step(),
        )

    def action_clear(self) -> None:
        profile = self.store.profile()
        slot = self.current_slot()
        if slot >= len(profile.characteristics):
            return
        label = profile.characteristics[slot].label

        def clear(confirmed: bool | None) -> None:
            if confirmed:
                self.save(
                    lambda: self.store.save_profile(
                        remove_characteristic(self.store.profile(), slot)
                    )
                )
            self.refresh_step()

        self.app.push_screen(ConfirmScreen(f"Clear characteristic {slot + 1}, {label!r}?"), clear)

    def action_tiers(self) -> None:
        def save(tiers: Tiers) -> None:
            self.store.save_profile(self.store.profile().model_copy(update={"tiers": tiers}))

        self.app.push_screen(
            TiersForm(self.store.profile().tiers, save), lambda _saved: self.refresh_step()
        )
