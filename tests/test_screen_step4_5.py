"""Steps 4 and 5: editing the profile's slots and tiers, and managing prospects."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Select, Static

from icp_tui.app import IcpApp
from icp_tui.domain.models import Criterion, Prospect, Tiers
from icp_tui.screens.dialogs import ConfirmScreen, NameForm
from icp_tui.screens.profile_forms import CharacteristicForm, TiersForm
from icp_tui.screens.prospect import RecordScreen
from icp_tui.screens.step4 import Step4Screen
from icp_tui.screens.step5 import BACKGROUND_FROM, SHOWN_ROWS, Step5Screen
from icp_tui.store import WorkspaceStore
from tests.bursts import type_burst


async def test_enter_on_empty_slot_writes_it(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "down", "down", "down", "enter")
        assert isinstance(app.screen, CharacteristicForm)
        app.screen.query_one("#attribute", Select).value = "decision_style"
        await pilot.pause()
        app.screen.query_one("#threshold", Input).value = "4"
        app.screen.query_one("#weight", Input).value = "2"
        app.screen.query_one("#label", Input).value = "Decides by consensus"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, Step4Screen)
        added = app.store.profile().characteristics[3]
        assert added.attribute == "decision_style"
        assert added.criterion == Criterion(at_least=4)
        assert added.weight == 2
        assert added.label == "Decides by consensus"


async def test_slot_edit_changes_range(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "down", "e")
        assert app.screen.query_one("#min", Input).value == "200"
        app.screen.query_one("#max", Input).value = "5,000"
        await pilot.press("ctrl+s")
        assert app.store.profile().characteristics[1].criterion == Criterion(min=200, max=5000)


async def test_reversed_range_rejected_inline(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "down", "e")
        app.screen.query_one("#max", Input).value = "100"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, CharacteristicForm)
        assert "above max" in str(app.screen.query_one("#form-error", Static).render())
        assert app.store.profile().characteristics[1].criterion == Criterion(min=200, max=2000)


async def test_slot_weight_above_100_rejected_inline(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "down", "e")
        app.screen.query_one("#weight", Input).value = "101"
        await pilot.press("ctrl+s")
        error = str(app.screen.query_one("#form-error", Static).render())

        assert isinstance(app.screen, CharacteristicForm)
        assert "'101' is not a whole number from 1 to 100" in error
        assert app.store.profile().characteristics[1].weight == 1


async def test_slot_form_burst_tab_reaches_next_field(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "down", "e")
        app.screen.query_one("#min", Input).focus()
        await pilot.pause()
        await type_burst(app, pilot, ["tab", "9"])

        assert app.focused is app.screen.query_one("#max", Input)
        assert "9" in app.screen.query_one("#max", Input).value
        assert "9" not in app.screen.query_one("#min", Input).value


async def test_attribute_used_twice_rejected(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "down", "e")
        app.screen.query_one("#attribute", Select).value = "industry"
        await pilot.pause()
        app.screen.query_one("#values", Input).value = "Retail"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, CharacteristicForm)
        assert "characteristic 1" in str(app.screen.query_one("#form-error", Static).render())


async def test_clear_slot_moves_later_up(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        labels = [c.label for c in app.store.profile().characteristics]
        assert labels == ["200 to 2,000 employees", "Wants a long-term partner"]


async def test_tiers_form_saves_thresholds(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "t")
        assert isinstance(app.screen, TiersForm)
        app.screen.query_one("#strong", Input).value = "90"
        await pilot.press("ctrl+s")
        assert app.store.profile().tiers == Tiers(strong=90, good=60, partial=40)


async def test_unordered_tiers_rejected(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "t")
        app.screen.query_one("#good", Input).value = "85"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, TiersForm)
        assert "good 85" in str(app.screen.query_one("#form-error", Static).render())
        assert app.store.profile().tiers == Tiers()


async def test_matrix_updates_after_edit(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        matrix = app.screen.query_one("#matrix", DataTable)
        assert len(matrix.columns) == 6
        await pilot.press("down", "down", "down", "enter")
        app.screen.query_one("#attribute", Select).value = "geography"
        await pilot.pause()
        app.screen.query_one("#values", Input).value = "Europe"
        await pilot.press("ctrl+s")
        matrix = app.screen.query_one("#matrix", DataTable)
        assert len(matrix.columns) == 7
        assert str(matrix.get_row("account-00")[5]) == "?"


async def test_prospects_sorted_by_fit(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        table = app.screen.query_one("#prospects", DataTable)
        names = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert names[0] == "Juniper Health"
        assert names[-1] == "Lumen Stores"
        assert "Nimbus \\x1b[31mRed\\x1b[0m Corp" in names


async def test_add_prospect_opens_it(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "a")
        assert isinstance(app.screen, NameForm)
        await pilot.press(*"Osprey Bio", "enter")
        added = app.store.prospect_named("Osprey Bio")
        assert added is not None
        assert isinstance(app.screen, RecordScreen)
        assert app.screen.record_id == added.id


async def test_empty_prospect_name_rejected(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "a", "enter")
        assert isinstance(app.screen, NameForm)
        assert "Name" in str(app.screen.query_one("#form-error", Static).render())
        assert len(app.store.prospects()) == 5


async def test_rename_prospect(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "e")
        app.screen.query_one("#name", Input).value = "Juniper Health Group"
        await pilot.press("enter")
        renamed = app.store.prospect("prospect-00")
        assert renamed is not None
        assert renamed.name == "Juniper Health Group"
        assert renamed.traits["industry"] == "Healthcare"


async def test_delete_prospect_after_yes(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "d", "y")
        assert app.store.prospect("prospect-00") is None
        assert len(app.store.prospects()) == 4


async def test_filter_narrows_and_returns(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "slash", *"care")
        table = app.screen.query_one("#prospects", DataTable)
        assert table.row_count == 1
        assert str(table.get_row_at(0)[0]) == "Maple Care"
        await pilot.press("enter")
        assert app.focused is table
        await pilot.press("enter")
        assert isinstance(app.screen, RecordScreen)
        assert app.screen.record_id == "prospect-03"


async def test_filter_count_singular(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "slash", *"care")
        await pilot.pause()
        count = str(app.screen.query_one("#shown-count", Static).render())

        assert count == "Showing 1 of 1 prospect matching the filter (5 in all)"


async def test_escape_leaves_filter(app: IcpApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "slash", "escape")
        assert isinstance(app.screen, Step5Screen)
        assert app.focused is app.screen.query_one("#prospects", DataTable)


async def test_large_workspace_caps_rows(workspace: WorkspaceStore) -> None:
    extra = BACKGROUND_FROM + 1 - len(workspace.prospects())
    workspace.save_many(
        prospects=[
            Prospect(name=f"Bulk {index:05d}", traits={"employees": 500}) for index in range(extra)
        ]
    )
    app = IcpApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#prospects", DataTable)
        count = str(app.screen.query_one("#shown-count", Static).render())
        assert table.row_count == SHOWN_ROWS
        assert f"Showing {SHOWN_ROWS} of 5,001 prospects" in count
        assert "type in the filter" in count
        await pilot.press("slash", *"Bulk 04200")
        assert table.row_count == 1


async def test_wide_terminal_shows_matrix(app: IcpApp) -> None:
    async with app.run_test(size=(150, 40)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert app.screen.has_class("wide")
        matrix = app.screen.query_one("#matrix", DataTable)
        assert matrix.size.height == matrix.row_count + 1
