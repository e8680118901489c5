"""Steps 2 and 3: the evidence table, writing criteria and rating accounts on axes."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Select

from icp_tui.app import IcpApp
from icp_tui.domain.models import Criterion
from icp_tui.screens.profile_forms import AttributeForm, CharacteristicForm
from icp_tui.screens.step3 import Step3Screen
from icp_tui.store import WorkspaceStore
from icp_tui.widgets.evidence_table import EvidenceTable
from icp_tui.widgets.rating_grid import RatingGrid


async def test_evidence_shows_best_values(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        table = app.screen.query_one(EvidenceTable)
        row = [str(cell) for cell in table.get_row("industry")]
        assert row[0] == "Industry"
        assert "Healthcare" in row
        assert "Pharma" in row
        assert row[-1] == "Retail, Logistics"


async def test_write_criterion_replaces_characteristic(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        assert app.screen.query_one(EvidenceTable).current_attribute() == "industry"
        await pilot.press("w")
        assert isinstance(app.screen, CharacteristicForm)
        app.screen.query_one("#values", Input).value = "Healthcare, Biotech, Pharma"
        app.screen.query_one("#label", Input).value = "Life sciences"
        await pilot.press("ctrl+s")
        profile = app.store.profile()
        assert len(profile.characteristics) == 3
        assert profile.characteristics[0].label == "Life sciences"
        assert profile.characteristics[0].criterion == Criterion(
            one_of=("Healthcare", "Biotech", "Pharma")
        )


async def test_write_criterion_appends_new_attribute(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "down", "w")
        app.screen.query_one("#min", Input).value = "10M"
        await pilot.press("ctrl+s")
        profile = app.store.profile()
        assert profile.characteristics[3].attribute == "annual_revenue"
        assert profile.characteristics[3].criterion == Criterion(min=10_000_000)
        assert profile.characteristics[3].label == "Annual revenue: 10,000,000 or more"


async def test_take_dimmed_without_proposal(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "t")
        assert len(app.store.profile().characteristics) == 3


async def test_take_appends_proposal(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "down", "t")
        added = app.store.profile().characteristics[3]
        assert added.attribute == "annual_revenue"
        assert added.criterion == Criterion(min=10_000_000, max=100_000_000)
        assert added.label == "Annual revenue: 10,000,000 to 100,000,000"


async def test_take_replaces_same_attribute(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "down", "down", "t")
        profile = app.store.profile()
        assert len(profile.characteristics) == 3
        assert profile.characteristics[1].label == "Employees: 200 to 2,000"


async def test_panel_explains_row_verdict(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        panel = str(app.screen.query_one("#findings").render())
        assert "Industry: a pattern" in panel


async def test_digit_rates_cell_under_cursor(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        grid = app.screen.query_one(RatingGrid)
        assert app.focused is grid
        await pilot.press("right", "3")
        assert isinstance(app.screen, Step3Screen)
        first = app.store.account_named("Bluefin Labs")
        assert first is not None
        assert first.traits["adoption"] == 3
        await pilot.press("down", "5")
        second = app.store.account_named("Cedar Clinics")
        assert second is not None
        assert second.traits["adoption"] == 5


async def test_x_clears_rating(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "x")
        account = app.store.account_named("Bluefin Labs")
        assert account is not None
        assert "partnership" not in account.traits


async def test_digits_switch_step_after_tab(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "tab", "4")
        assert app.screen.title.startswith("Step 4")


async def test_add_attribute_form_adds_axis(app: IcpApp, workspace: WorkspaceStore) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "A")
        assert isinstance(app.screen, AttributeForm)
        app.screen.query_one("#key", Input).value = "decision_speed"
        app.screen.query_one("#label", Input).value = "Decision speed"
        app.screen.query_one("#low_pole", Input).value = "slow"
        app.screen.query_one("#high_pole", Input).value = "fast"
        await pilot.press("ctrl+s")
        assert "decision_speed" in workspace.catalogue()
        grid = app.screen.query_one(RatingGrid)
        assert "decision_speed" in [str(c.value) for c in grid.columns]


async def test_bad_attribute_key_named(app: IcpApp, workspace: WorkspaceStore) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "A")
        app.screen.query_one("#key", Input).value = "Decision Speed"
        app.screen.query_one("#label", Input).value = "Decision speed"
        app.screen.query_one("#type", Select).value = "category"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, AttributeForm)
        assert "Decision Speed" in str(app.screen.query_one("#form-error").render())
        assert len(workspace.catalogue().custom()) == 0


async def test_grid_lists_best_accounts_first(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        grid = app.screen.query_one(RatingGrid, DataTable)
        first = str(grid.get_row_at(0)[0])
        last = str(grid.get_row_at(grid.row_count - 1)[0])
        assert first.startswith("★")
        assert last.startswith("·")
