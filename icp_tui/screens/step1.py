"""Step 1: choose the best past customers, a near miss, and the poor accounts."""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from icp_tui.domain.attributes import TraitValue
from icp_tui.domain.findings import selection_findings
from icp_tui.domain.import_report import counted
from icp_tui.domain.models import AccountTier, PastAccount
from icp_tui.domain.relationship import (
    RelationshipScore,
    rank_by_relationship,
    relationship_score,
)
from icp_tui.screens.account_form import AccountForm
from icp_tui.screens.dialogs import ConfirmScreen
from icp_tui.screens.step_base import STEP_SHORT_TITLES, StepScreen
from icp_tui.widgets.checklist import ChecklistItem
from icp_tui.widgets.literal import literal
from icp_tui.widgets.marks import account_tier_text, compact_number

NAME_WIDTH = 15
"""Columns for account names; longer names are cut so the measures stay on screen."""


def measure_text(value: TraitValue | None) -> Text:
    """Return a measure or trait for a table cell; a dash when it is not known."""
    if value is None:
        return Text("-", justify="right")
    if isinstance(value, str):
        return literal(value)
    return Text(compact_number(value), justify="right")


class Step1Screen(StepScreen):
    """Past accounts with their outcome measures; the user marks the best, near miss and poor."""

    STEP = 1
    SCREEN_NAME = f"Step 1: {STEP_SHORT_TITLES[1]}"
    GUIDANCE = (
        "Mark 5 or 6 best by profit, renewals, referrals and relationship, not size (b), "
        "a lost account you miss as near miss (n), painful ones as poor (p)."
    )
    CHECKLIST = (
        ChecklistItem("list", "List every account you sold to in the last few years"),
        ChecklistItem("measures", "Rate profit and relationship, count renewals and referrals"),
        ChecklistItem("best", "Mark 5 or 6 best accounts by outcome, not by size"),
        ChecklistItem("near_miss", "Mark one lost account you wish you had kept"),
        ChecklistItem("poor", "Mark the painful or unprofitable accounts as poor"),
    )
    HELP = """\
Choose the evidence for the profile: the accounts you win with most often and most
profitably.

- **best**: 5 or 6 accounts, chosen by profitability, renewals, referrals and the quality
  of the working relationship. Revenue is shown, but size alone is not a reason.
- **near miss**: at least one account you lost and wish you had kept.
- **poor**: accounts that were painful or unprofitable. Step 4 checks that the profile
  does not describe them too.

**Score** is the relationship score, 0 to 100 with 50 neutral: profitability,
relationship quality, renewals and referrals (and won deals, when imported) raise or
lower it; revenue is not part of it. The list is ranked by it, highest first, and the
findings panel explains the score of the account under the cursor.

`Enter` opens an account's traits; `a`, `e` and `d` add, edit and delete one; `i`
imports accounts from a CSV file. The form
checks every value before anything is saved. The findings panel warns when the selection
is not 5 or 6 accounts, has no near miss, or is simply the largest accounts by revenue.
"""
    BINDINGS: ClassVar[list[BindingType]] = [
        # One footer entry for the four marks keeps the footer within 80 columns.
        Binding("b", "mark('best')", "Mark", key_display="b/n/p/o", tooltip="best"),
        Binding("n", "mark('near_miss')", "Mark near miss", show=False),
        Binding("p", "mark('poor')", "Mark poor", show=False),
        Binding("o", "mark('other')", "Mark other", show=False),
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit"),
        Binding("d", "delete", "Delete"),
    ]

    def compose_main(self) -> ComposeResult:
        table: DataTable[Text] = DataTable(id="accounts", cursor_type="row", zebra_stripes=True)
        table.border_title = "Past accounts"
        yield table
        yield Static(
            "No past accounts yet: press a to add one, or i to import a CSV file.",
            classes="empty-hint",
            markup=False,
        )

    def on_mount(self) -> None:
        table = self.query_one("#accounts", DataTable)
        table.add_column("Account", key="name", width=NAME_WIDTH)
        table.add_column("Tier", key="tier")
        table.add_column("Score", key="score")
        table.add_column("Profit", key="profitability")
        table.add_column("Relat", key="relationship")
        table.add_column("Renew", key="renewals")
        table.add_column("Refer", key="referrals")
        table.add_column("Revenue", key="revenue")

    def ranked_accounts(self) -> list[tuple[PastAccount, RelationshipScore]]:
        return rank_by_relationship(self.store.accounts())

    def refresh_step(self) -> None:
        table = self.query_one("#accounts", DataTable)
        selected = self.selected_account()
        table.clear()
        ranked = self.ranked_accounts()
        accounts = [account for account, _score in ranked]
        for account, relationship in ranked:
            table.add_row(
                literal(account.name),
                account_tier_text(account.tier),
                Text(f"{relationship.value:.0f}", justify="right"),
                measure_text(account.profitability),
                measure_text(account.relationship),
                measure_text(account.renewals),
                measure_text(account.referrals),
                measure_text(account.traits.get("annual_revenue")),
                key=account.id,
            )
        if selected is not None and selected.id in {a.id for a in accounts}:
            table.move_cursor(row=table.get_row_index(selected.id))
        self.set_class(not accounts, "-empty")
        self.show_findings(accounts)
        self.refresh_bindings()

    def show_findings(self, accounts: list[PastAccount]) -> None:
        tiers = Counter(a.tier for a in accounts)
        summary = Text(
            f"{counted(len(accounts), 'account')}: {tiers[AccountTier.BEST]} best, "
            f"{tiers[AccountTier.NEAR_MISS]} near miss, {tiers[AccountTier.POOR]} poor"
        )
        selected = self.selected_account()
        if selected is not None:
            lines = relationship_score(selected).explanation()
            summary.append("\n")
            summary.append_text(literal(selected.name, "bold"))
            summary.append(": " + "; ".join(lines), "dim")
        self.findings_panel.show(summary, selection_findings(accounts))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "accounts":
            self.show_findings(self.store.accounts())

    def selected_account(self) -> PastAccount | None:
        table = self.query_one("#accounts", DataTable)
        if table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return self.store.account(str(row_key.value))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("mark", "edit", "delete") and not self.store.accounts():
            return None
        return True

    def action_mark(self, tier: str) -> None:
        account = self.selected_account()
        if account is None:
            return
        self.save(
            lambda: self.store.save_account(account.model_copy(update={"tier": AccountTier(tier)}))
        )
        self.refresh_step()

    def action_add(self) -> None:
        self.app.push_screen(
            AccountForm(self.store.catalogue(), self.store.save_account),
            self._after_form,
        )

    def action_edit(self) -> None:
        account = self.selected_account()
        if account is None:
            return
        self.app.push_screen(
            AccountForm(self.store.catalogue(), self.store.save_account, account),
            self._after_form,
        )

    def _after_form(self, saved: PastAccount | None) -> None:
        self.refresh_step()
        if saved is not None:
            table = self.query_one("#accounts", DataTable)
            table.move_cursor(row=table.get_row_index(saved.id))
            table.focus()

    def action_delete(self) -> None:
        account = self.selected_account()
        if account is None:
            return

        def delete(confirmed: bool | None) -> None:
            if confirmed:
                self.save(lambda: self.store.delete_account(account.id))
            self.refresh_step()

        self.app.push_screen(
            ConfirmScreen(f"Delete the past account {account.name!r}? This cannot be undone."),
            delete,
        )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "accounts" and event.row_key.value is not None:
            self.icp_app.open_record("account", str(event.row_key.value))
