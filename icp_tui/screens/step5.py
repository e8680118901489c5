"""Step 5: prospects ranked by fit, with their tier and the red flags that have no plan."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Input, Static

from icp_tui.domain.import_report import counted
from icp_tui.domain.models import Profile, Prospect
from icp_tui.domain.report import RankedRecord
from icp_tui.screens.dialogs import ConfirmScreen, NameForm
from icp_tui.screens.step_base import STEP_SHORT_TITLES, StepScreen
from icp_tui.widgets.checklist import ChecklistItem
from icp_tui.widgets.literal import literal

NAME_WIDTH = 22
BACKGROUND_FROM = 5_000
"""Prospect count from which scoring runs in a thread, so the screen stays responsive.
Below it, scoring takes a few milliseconds and the table fills at once."""
SHOWN_ROWS = 200
"""Rows built at once. Adding 100,000 rows to a Textual 8.2.8 table took about 27 s on the
development machine, so the list is capped and the filter reaches the rest."""

DECISION_WORDS = {
    "undecided": "-",
    "pursue": "pursue",
    "invest_long_term": "long-term",
    "deprioritize": "later",
}


class Step5Screen(StepScreen):
    """All prospects by fit; Enter opens one to edit its traits and plan its red flags."""

    STEP = 5
    SCREEN_NAME = f"Step 5: {STEP_SHORT_TITLES[5]}"
    GUIDANCE = (
        "Prospects ranked by fit. A low fit removes nothing: open a prospect (Enter) to see "
        "where the fit is imperfect and write a plan for each red flag."
    )
    CHECKLIST = (
        ChecklistItem("traits", "Enter what you know about each prospect you are working"),
        ChecklistItem("unknowns", "Find out the unknowns on the top prospects"),
        ChecklistItem("plans", "Write a plan for every red flag of the prospects you pursue"),
        ChecklistItem("decide", "Decide for each prospect: pursue, invest long-term or later"),
    )
    HELP = """\
Every prospect is scored against the profile from step 4: fit is the weight of the
matched characteristics over the total weight. The tier follows the thresholds of
step 4; "incomplete" means less than 60% of the profile is known for that prospect.
**No plan** counts the red flags (mismatches and unknowns) that still have no plan, as
the "Unplanned" column of `icp-tui score` does.

- `Enter` opens the prospect: its traits, the fit meter and the red flags.
- `a` adds a prospect, `e` renames the one under the cursor, `d` deletes it; `i`
  imports prospects from a CSV file.
- `/` moves to the filter: type part of a name to narrow the list, Escape or Enter
  returns to the table.

Only the first rows are built at once, so that large workspaces stay fast; use the filter
to reach the others.
"""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add"),
        Binding("e", "rename", "Rename"),
        Binding("d", "delete", "Delete"),
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("escape", "leave_filter", "Back to list", show=False),
    ]

    def compose_main(self) -> ComposeResult:
        yield Input(placeholder="Filter by name: press / to type here", id="filter", compact=True)
        table: DataTable[Text] = DataTable(id="prospects", cursor_type="row", zebra_stripes=True)
        table.border_title = "Prospects by fit"
        yield table
        yield Static("", id="shown-count", classes="hint")
        yield Static(
            "No prospects yet: press a to add one, or i to import a CSV file.",
            classes="empty-hint",
            markup=False,
        )

    def on_mount(self) -> None:
        table = self.query_one("#prospects", DataTable)
        table.add_column("Prospect", key="name", width=NAME_WIDTH)
        table.add_column("Fit", key="fit")
        table.add_column("Tier", key="tier")
        table.add_column("Known", key="known")
        table.add_column("No plan", key="flags")
        table.add_column("Decision", key="decision")
        table.focus()

    def refresh_step(self) -> None:
        profile = self.store.profile()
        count = self.store.prospect_count()
        if count < BACKGROUND_FROM:
            self.show_scores(self.icp_app.scores.ranked(profile, self.store.prospects()))
            return
        self.query_one("#shown-count", Static).update(f"Scoring {count:,} prospects...")
        self.score_in_background(profile)

    # A description stops Textual from building one out of the arguments' repr.
    @work(
        thread=True,
        exclusive=True,
        group="step5-scores",
        name="score prospects for step 5",
        description="scoring prospects for step 5",
    )
    def score_in_background(self, profile: Profile) -> None:
        # The first read of many prospects validates them, so it runs here as well.
        scored = self.icp_app.scores.ranked(profile, self.store.prospects())
        self.app.call_from_thread(self.show_scores, scored)

    def show_scores(self, scored: list[RankedRecord]) -> None:
        """Fill the table with the first rows of `scored` that pass the filter."""
        needle = self.query_one("#filter", Input).value.strip().casefold()
        matching = [s for s in scored if needle in s.record.name.casefold()] if needle else scored

        table = self.query_one("#prospects", DataTable)
        row = table.cursor_row
        table.clear()
        for item in matching[:SHOWN_ROWS]:
            score = item.summary
            decision = getattr(item.record, "decision", None)
            table.add_row(
                literal(item.record.name),
                Text(f"{score.fit:.0f}%", justify="right"),
                Text(score.tier),
                Text(f"{score.known:.0f}%" + (" incomplete" if score.incomplete else "")),
                Text(str(score.unplanned_flags), justify="right"),
                Text(DECISION_WORDS.get(str(decision), str(decision)) if decision else "-"),
                key=item.record.id,
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

        shown = min(len(matching), SHOWN_ROWS)
        count = f"Showing {shown:,} of {counted(len(matching), 'prospect')}"
        if needle:
            count += f" matching the filter ({len(scored):,} in all)"
        if shown < len(matching):
            count += "; type in the filter (/) to reach the others"
        self.query_one("#shown-count", Static).update(literal(count))
        self.set_class(not scored, "-empty")

        flagged = sum(1 for s in scored if s.summary.unplanned_flags)
        self.findings_panel.show(
            f"{counted(len(scored), 'prospect')}; "
            f"{flagged:,} with red flags that have no plan yet.",
            [],
            empty_message=None,
        )
        self.refresh_bindings()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            self.refresh_step()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "filter":
            self.query_one("#prospects", DataTable).focus()

    def selected_prospect(self) -> Prospect | None:
        table = self.query_one("#prospects", DataTable)
        if table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return self.store.prospect(str(row_key.value))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("rename", "delete") and self.selected_prospect() is None:
            return None
        if action == "leave_filter":
            return self.focused is self.query_one("#filter", Input)
        return True

    def action_leave_filter(self) -> None:
        self.query_one("#prospects", DataTable).focus()

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_add(self) -> None:
        def save(name: str) -> None:
            self.store.save_prospect(Prospect(name=name))

        self.app.push_screen(NameForm("Add a prospect", save), self._after_add)

    def _after_add(self, name: str | None) -> None:
        self.refresh_step()
        if name is None:
            return
        prospect = self.store.prospect_named(name)
        if prospect is not None:
            self.icp_app.open_record("prospect", prospect.id)

    def action_rename(self) -> None:
        prospect = self.selected_prospect()
        if prospect is None:
            return

        def save(name: str) -> None:
            self.store.save_prospect(prospect.model_copy(update={"name": name}))

        self.app.push_screen(
            NameForm(f"Rename {prospect.name}", save, prospect.name),
            lambda _name: self.refresh_step(),
        )

    def action_delete(self) -> None:
        prospect = self.selected_prospect()
        if prospect is None:
            return

        def delete(confirmed: bool | None) -> None:
            if confirmed:
                self.save(lambda: self.store.delete_prospect(prospect.id))
            self.refresh_step()

        self.app.push_screen(
            ConfirmScreen(f"Delete the prospect {prospect.name!r}? This cannot be undone."),
            delete,
        )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "prospects" and event.row_key.value is not None:
            self.icp_app.open_record("prospect", str(event.row_key.value))
